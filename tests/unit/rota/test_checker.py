"""The independent checker on hand-made rotas: a valid week passes, and each broken rule is
named — hours, availability, licence, crew size and experience, load restriction, rest, lunch."""

from __future__ import annotations

from dataclasses import replace

import pytest

from logistics.rota.checker import check
from logistics.rota.model import Assignment, Away, Problem, Slot, SlotKind
from tests.unit.rota.factories import day, depot_slot, hm, person, round_slot

SAMIR = person(1, "Samir", licence=True, experienced=True)
PAUL = person(2, "Paul", licence=True)
JULIE = person(3, "Julie")
ROUND = round_slot("r1", 2, label="tournée 1")
MORNING, AFTERNOON = depot_slot("d1", 3, afternoon=False), depot_slot("d2", 3, afternoon=True)
WEEK = Problem((SAMIR, PAUL, JULIE), (ROUND, MORNING, AFTERNOON))
VALID = (
    Assignment(1, "r1", driver=True),
    Assignment(3, "r1"),
    Assignment(2, "d1"),
    Assignment(2, "d2"),
)


def test_a_valid_rota_passes() -> None:
    assert check(WEEK, VALID) == []


def _with(*changes: Assignment, without: tuple[str, ...] = ()) -> list[Assignment]:
    return [a for a in VALID if f"{a.person_id}{a.slot_id}" not in without] + list(changes)


@pytest.mark.parametrize(
    ("problem", "rota", "named"),
    [
        # Paul drives but Samir stays: two drivers on one van.
        (WEEK, _with(Assignment(2, "r1", driver=True), without=("2d1", "2d2")), "2 chauffeur"),
        # Julie drives without a licence.
        (WEEK, _with(Assignment(3, "r1", True), without=("1r1", "3r1")), "sans permis"),
        # Julie alone with Paul: nobody experienced on the round.
        (
            WEEK,
            _with(Assignment(2, "r1", True), without=("1r1", "2d1", "2d2")),
            "ni personne expérimentée",
        ),
        # One person on a round that needs two.
        (WEEK, _with(without=("3r1",)), "1 personne(s) pour 2"),
        # Samir is on leave on Tuesday.
        (
            replace(
                WEEK,
                people=(
                    replace(SAMIR, away=(Away(day(2), 0, 24 * 60, "est en congé"),)),
                    PAUL,
                    JULIE,
                ),
            ),
            VALID,
            "est en congé",
        ),
        # Tuesday is Julie's day off.
        (
            replace(WEEK, people=(SAMIR, PAUL, replace(JULIE, days_off=frozenset({2})))),
            VALID,
            "jour de repos",
        ),
        # Julie may not carry heavy loads and the round is heavy.
        (
            replace(
                WEEK,
                people=(SAMIR, PAUL, replace(JULIE, load_restriction=True)),
                slots=(replace(ROUND, heavy=True), MORNING, AFTERNOON),
            ),
            VALID,
            "port de charges",
        ),
        # Paul's contract is 6 h a week: two half-days are 7 h.
        (
            replace(WEEK, people=(SAMIR, replace(PAUL, weekly_minutes=360), JULIE)),
            VALID,
            "contrat de 6.00 h",
        ),
        # Paul's contract ended on Monday.
        (
            replace(WEEK, people=(SAMIR, replace(PAUL, contract_end=day(1)), JULIE)),
            VALID,
            "hors des dates",
        ),
    ],
)
def test_each_broken_rule_is_named(problem: Problem, rota: list[Assignment], named: str) -> None:
    messages = [v.message for v in check(problem, rota)]

    assert any(named in m for m in messages), messages


def test_no_lunch_no_rest_and_two_places_at_once_are_refused() -> None:
    long_morning = Slot("m", SlotKind.DEPOT, "dépôt", day(3), hm("08:00"), hm("12:30"), 270, 0, 3)
    early_afternoon = Slot(
        "a", SlotKind.DEPOT, "dépôt", day(3), hm("13:00"), hm("16:00"), 180, 0, 3
    )
    late = Slot("l", SlotKind.DEPOT, "inventaire", day(4), hm("18:00"), hm("22:00"), 240, 0, 3)
    early = Slot("e", SlotKind.DEPOT, "livraison", day(5), hm("06:00"), hm("08:00"), 120, 0, 3)
    problem = Problem((PAUL,), (long_morning, early_afternoon, late, early, MORNING))

    messages = [
        v.message for v in check(problem, [Assignment(2, s) for s in ("m", "a", "l", "e", "d1")])
    ]

    assert "Paul : pas de pause déjeuner" in messages  # 12:30–13:00 is 30 min
    assert "Paul : à deux endroits à la fois" in messages  # d1 08:30–12:00 inside m
    assert "Paul : repos de 8.0 h entre deux jours" in messages

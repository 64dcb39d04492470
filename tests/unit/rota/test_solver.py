"""The CP-SAT rota on small weeks: every rota passes the independent checker, the soft rules
show (contracted hours, usual days), no rota is explained in French naming the missing resource
and the people, and re-planning after a sick day only touches that day."""

from __future__ import annotations

from dataclasses import replace

from logistics.rota.checker import check
from logistics.rota.model import Away, Problem, Status
from logistics.rota.solver import SolveOptions, solve
from tests.unit.rota.factories import day, depot_slot, person, round_slot

QUICK = SolveOptions(time_limit_s=5, workers=1)
SAMIR = person(1, "Samir", licence=True, experienced=True)
PAUL = person(2, "Paul", licence=True)
JULIE = person(3, "Julie")
LEA = person(4, "Léa", experienced=True)
DEPOT = tuple(
    depot_slot(f"d{n}{half}", n, half == "pm") for n in range(1, 6) for half in ("am", "pm")
)


def _week(*people: object, rounds: tuple = ()) -> Problem:
    return Problem(tuple(people), (*rounds, *DEPOT))  # type: ignore[arg-type]


def test_a_week_is_staffed_safely_and_fills_the_contracts() -> None:
    problem = _week(SAMIR, PAUL, JULIE, LEA, rounds=(round_slot("r1", 1), round_slot("r2", 2)))

    rota = solve(problem, QUICK)

    assert rota.status == Status.OPTIMAL
    assert check(problem, rota.assignments) == []
    worked = {p.id: 0 for p in problem.people}
    for a in rota.assignments:
        worked[a.person_id] += problem.slot(a.slot_id).work_minutes
    # 26 h = 1560 min; half-days of 210 min and rounds of 375 min leave at most 2 h 45 short.
    assert all(1560 - minutes < 165 for minutes in worked.values()), worked


def test_usual_days_are_kept_when_the_hours_allow() -> None:
    julie = replace(JULIE, weekly_minutes=420, usual_days=frozenset({4}))

    rota = solve(_week(SAMIR, julie), QUICK)

    days = {a.slot_id[:2] for a in rota.assignments if a.person_id == julie.id}
    assert days == {"d4"}


def test_no_driver_is_explained_naming_who_is_away_and_why() -> None:
    samir = replace(SAMIR, away=(Away(day(2), 0, 24 * 60, "est en congé"),))
    paul = replace(PAUL, away=(Away(day(2), 8 * 60, 16 * 60, "est chez sa conseillère"),))
    problem = _week(samir, paul, JULIE, LEA, rounds=(round_slot("r2", 2, label="tournée 2"),))

    rota = solve(problem, QUICK)

    assert rota.status == Status.INFEASIBLE
    assert rota.explanations[0] == (
        "mardi, tournée 2 : aucun chauffeur disponible — Samir est en congé, "
        "Paul est chez sa conseillère"
    )


def test_a_heavy_round_without_enough_people_names_the_restriction() -> None:
    julie = replace(JULIE, load_restriction=True)
    heavy = round_slot("r1", 1, people=3, heavy=True, label="tournée 1")

    rota = solve(_week(SAMIR, PAUL, julie, rounds=(heavy,)), QUICK)

    assert rota.status == Status.INFEASIBLE
    assert (
        "lundi, tournée 1 : il faut 3 personnes, 2 seulement sont disponibles — "
        "Julie ne porte pas de charges lourdes"
    ) in rota.explanations


def test_two_rounds_at_once_need_two_drivers() -> None:
    problem = _week(SAMIR, JULIE, LEA, rounds=(round_slot("r1", 1), round_slot("r2", 1)))

    rota = solve(problem, QUICK)

    assert rota.status == Status.INFEASIBLE
    assert rota.explanations[:2] == (
        "lundi : 2 tournées en même temps pour 1 chauffeur(s) disponible(s) (Samir)",
        "lundi : il faut 4 personnes en même temps (tournée r1, tournée r2), 3 sont disponibles",
    )


def test_replanning_after_a_sick_day_changes_only_that_day() -> None:
    rounds = (round_slot("r1", 1), round_slot("r2", 2), round_slot("r3", 4))
    problem = _week(SAMIR, PAUL, JULIE, LEA, person(5, "Karim", licence=True), rounds=rounds)
    first = solve(problem, QUICK)
    sick = next(a.person_id for a in first.assignments if a.slot_id == "r2" and a.driver)
    ill = replace(problem.person(sick), away=(Away(day(2), 0, 24 * 60, "est en arrêt maladie"),))
    again = replace(
        problem,
        people=tuple(ill if p.id == sick else p for p in problem.people),
        previous=first.assignments,
    )

    second = solve(again, QUICK)

    assert second.found and check(again, second.assignments) == []
    assert second.repaired_days == (day(2),)
    changed = set(first.assignments) ^ set(second.assignments)
    assert changed and {again.slot(a.slot_id).day for a in changed} == {day(2)}
    assert all(
        a.person_id != sick for a in second.assignments if again.slot(a.slot_id).day == day(2)
    )

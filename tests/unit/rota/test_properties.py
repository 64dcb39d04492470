"""Property-based: on random small teams and weeks, every rota the solver returns passes the
independent checker, a week it cannot staff is explained, and re-planning after one sick day
changes only assignments of that day. Examples stay small (the machine's cores are shared)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from logistics.rota.checker import check
from logistics.rota.model import Away, Person, Problem, Slot
from logistics.rota.solver import SolveOptions, solve
from tests.unit.rota.factories import day, depot_slot, round_slot

QUICK = SolveOptions(time_limit_s=2, workers=1)
NAMES = ("Samir", "Paul", "Julie", "Léa", "Karim", "Inès")
COMMON = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@st.composite
def people(draw: st.DrawFn) -> tuple[Person, ...]:
    size = draw(st.integers(3, 6))
    team = []
    for n in range(size):
        away = ()
        if draw(st.booleans()):
            start = draw(st.sampled_from([0, 9 * 60, 14 * 60]))
            why = draw(st.sampled_from(["est en congé", "est chez sa conseillère"]))
            away = (Away(day(draw(st.integers(1, 5))), start, start + 120 if start else 1440, why),)
        team.append(
            Person(
                n + 1,
                NAMES[n],
                draw(st.sampled_from([10, 20, 26, 35])) * 60,
                licence=draw(st.booleans()),
                experienced=draw(st.booleans()),
                supervisor=n == 0 and draw(st.booleans()),
                load_restriction=draw(st.integers(0, 4)) == 0,
                days_off=frozenset(draw(st.sets(st.integers(1, 5), max_size=1))),
                usual_days=frozenset(draw(st.sets(st.integers(1, 5), max_size=3))),
                away=away,
            )
        )
    return tuple(team)


@st.composite
def weeks(draw: st.DrawFn) -> Problem:
    rounds: list[Slot] = [
        round_slot(f"r{n}", draw(st.integers(1, 5)), draw(st.integers(2, 3)), draw(st.booleans()))
        for n in range(draw(st.integers(1, 3)))
    ]
    depot = [
        depot_slot(f"d{n}{half}", n, half == "pm", draw(st.integers(0, 1)), 3)
        for n in range(1, 6)
        for half in ("am", "pm")
    ]
    return Problem(draw(people()), (*rounds, *depot))


@COMMON
@given(weeks())
def test_every_rota_returned_passes_the_checker_and_every_refusal_is_explained(
    problem: Problem,
) -> None:
    rota = solve(problem, QUICK)

    if rota.found:
        assert check(problem, rota.assignments) == []
    else:
        assert rota.explanations and all(isinstance(line, str) for line in rota.explanations)


@COMMON
@given(weeks(), st.data())
def test_replanning_after_one_sick_day_touches_only_that_day(
    problem: Problem, data: st.DataObject
) -> None:
    first = solve(problem, QUICK)
    assume(first.found and first.assignments)
    chosen = data.draw(
        st.sampled_from(sorted(first.assignments, key=lambda a: (a.slot_id, a.person_id)))
    )
    sick_day = problem.slot(chosen.slot_id).day
    ill = problem.person(chosen.person_id)
    ill = replace(ill, away=(*ill.away, Away(sick_day, 0, 24 * 60, "est en arrêt maladie")))
    again = replace(
        problem,
        people=tuple(ill if p.id == ill.id else p for p in problem.people),
        previous=first.assignments,
    )

    second = solve(again, QUICK)

    assume(second.repaired_days is not None)  # else no rota keeps the other days as they were
    assert check(again, second.assignments) == []
    assert second.repaired_days == (sick_day,)
    changed = set(first.assignments) ^ set(second.assignments)
    assert {again.slot(a.slot_id).day for a in changed} == {sick_day}

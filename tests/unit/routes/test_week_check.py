"""The benchmark's independent checker refuses what a crew could not drive."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

import pytest

from bench.week_check import violations
from routes.model import Plan, PlanningProblem, VisitKind
from routes.optimiser import plan_week
from tests.unit.routes.factories import QUICK, stop, van, week

Planned = tuple[PlanningProblem, Plan]


@pytest.fixture(scope="module")
def tuesday() -> Planned:
    """Four 300 kg pickups on Tuesday: the van unloads (15 min) between its trips."""
    stops = tuple(stop(n, weight_kg=300.0, weekdays=frozenset({1})) for n in range(4))
    problem = week(stops, vehicles=(van(unload=timedelta(minutes=15)),))
    return problem, plan_week(problem, solver=QUICK)


def test_the_planned_day_passes(tuesday: Planned) -> None:
    problem, plan = tuesday

    assert violations(problem, plan) == []


def test_a_round_that_ends_after_the_day_is_refused(tuesday: Planned) -> None:
    problem, plan = tuesday
    (round_,) = plan.rounds
    late = replace(round_, return_=time(18, 30))

    found = violations(problem, replace(plan, rounds=(late,)))

    assert any("outside the working day" in v for v in found)


def test_an_unload_shorter_than_the_vehicle_s_is_refused(tuesday: Planned) -> None:
    problem, plan = tuesday
    (round_,) = plan.rounds
    position = next(i for i, v in enumerate(round_.visits) if v.kind is VisitKind.UNLOAD)
    unload = round_.visits[position]
    hurried = replace(unload, departure=unload.start)  # emptied in no time
    visits = (*round_.visits[:position], hurried, *round_.visits[position + 1 :])

    found = violations(problem, replace(plan, rounds=(replace(round_, visits=visits),)))

    assert any("shorter than the vehicle's 15 min" in v for v in found)


def test_a_vehicle_that_reloads_when_it_may_not_is_refused(tuesday: Planned) -> None:
    problem, plan = tuesday
    (round_,) = plan.rounds
    as_a_car = replace(round_, vehicle=replace(round_.vehicle, multiple_trips=False))

    found = violations(problem, replace(plan, rounds=(as_a_car,)))

    assert any("does one trip a day" in v for v in found)

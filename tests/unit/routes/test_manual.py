"""A manager moves a stop by hand: times and loads follow, broken rules become warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bench.week_check import violations
from routes.manual import recompute, round_points
from routes.matrix import estimate_matrix
from routes.model import Plan, PlanningProblem, Round, VisitKind, WorkRules, seconds
from routes.optimiser import plan_week
from tests.unit.routes.factories import QUICK, car, stop, van, week, window

NO_LUNCH = WorkRules(lunch=None)
Monday = tuple[Round, PlanningProblem]


@pytest.fixture(scope="module")
def monday() -> Monday:
    stops = tuple(stop(n, weekdays=frozenset({0})) for n in range(5))
    problem = week(stops, vehicles=(van(),), rules=NO_LUNCH)
    (round_,) = plan_week(problem, solver=QUICK).rounds
    return round_, problem


def test_recomputing_an_unchanged_round_gives_the_planned_times(
    monday: tuple[Round, PlanningProblem],
) -> None:
    round_, _ = monday

    again = recompute(round_, estimate_matrix(round_points(round_)), NO_LUNCH)

    assert again.warnings == ()
    assert [v.arrival for v in again.round.visits] == [v.arrival for v in round_.visits]
    assert again.round.distance_m == round_.distance_m


def test_moving_a_stop_recomputes_times_and_keeps_the_round_feasible(
    monday: tuple[Round, PlanningProblem],
) -> None:
    round_, problem = monday
    moved = replace(round_, visits=round_.visits[1:] + round_.visits[:1])

    again = recompute(moved, estimate_matrix(round_points(moved)), NO_LUNCH)

    assert again.round.stop_refs == moved.stop_refs
    assert [v.arrival for v in again.round.visits] != [v.arrival for v in round_.visits]
    assert again.warnings == ()
    partial = replace(problem, stops=tuple(s for s in problem.stops if s.ref in moved.stop_refs))
    assert violations(partial, Plan((again.round,), ())) == []


def test_moving_a_stop_past_its_closing_time_warns_by_name() -> None:
    early = stop(1, label="CPAM de Chambéry", opening={0: (window("08:30", "09:00"),)})
    later = tuple(stop(n, weekdays=frozenset({0})) for n in range(2, 5))
    problem = week((early, *later), vehicles=(van(),), rules=NO_LUNCH)
    (round_,) = plan_week(problem, solver=QUICK).rounds
    first, *rest = round_.visits
    assert first.ref == "R1"
    moved = replace(round_, visits=(*rest, first))

    again = recompute(moved, estimate_matrix(round_points(moved)), NO_LUNCH)

    assert len(again.warnings) == 1
    assert again.warnings[0].startswith("CPAM de Chambéry : arrivée à ")
    assert "hors des horaires d'ouverture (08:30-09:00)" in again.warnings[0]


def test_a_smaller_vehicle_and_a_shorter_day_are_warned_about(
    monday: tuple[Round, PlanningProblem],
) -> None:
    round_, _ = monday
    smaller = replace(round_, vehicle=car(capacity_kg=100.0))
    short_day = WorkRules(lunch=None, max_day_minutes=30)

    again = recompute(smaller, estimate_matrix(round_points(smaller)), short_day)

    assert any("capacité de Voiture dépassée (120 kg / 100 kg" in w for w in again.warnings)
    assert any(w.startswith("Journée de ") for w in again.warnings)
    assert again.round.visits[-1].load_kg == pytest.approx(200.0)
    assert all(v.kind is VisitKind.STOP for v in again.round.visits)


def test_re_timing_keeps_each_unload_s_duration_and_warns_when_it_makes_the_day_too_long() -> None:
    stops = tuple(stop(n, weight_kg=300.0, weekdays=frozenset({1})) for n in range(4))
    unloading = van(unload=timedelta(minutes=15))
    problem = week(stops, vehicles=(unloading,), rules=NO_LUNCH)
    (round_,) = plan_week(problem, solver=QUICK).rounds
    matrix = estimate_matrix(round_points(round_))

    again = recompute(round_, matrix, NO_LUNCH)
    slower = recompute(
        replace(round_, vehicle=replace(unloading, unload=timedelta(hours=4))), matrix, NO_LUNCH
    )

    assert again.warnings == ()
    assert [v.departure for v in again.round.visits] == [v.departure for v in round_.visits]
    unloads = [v for v in again.round.visits if v.kind is VisitKind.UNLOAD]
    assert len(unloads) >= 2
    assert all(seconds(v.departure) - seconds(v.start) == 15 * 60 for v in unloads)
    assert any(w.startswith("Journée de ") for w in slower.warnings)

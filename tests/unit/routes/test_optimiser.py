"""Planning a week of rounds: feasible, complete for mandatory stops, repeatable, forgiving."""

from __future__ import annotations

import time as timer
from datetime import time, timedelta

from bench.week_check import violations
from bench.weeks import generate_week
from routes.model import (
    LunchBreak,
    LunchPlace,
    Point,
    SolverSettings,
    VisitKind,
    WorkRules,
    seconds,
)
from routes.optimiser import plan_week
from tests.unit.routes.factories import QUICK, car, office_hours, stop, van, week, window


def test_a_busy_week_is_planned_within_windows_capacities_day_length_and_lunch() -> None:
    stops = tuple(
        stop(
            n,
            weight_kg=30.0 + 15 * (n % 6),
            volume_m3=0.2 + 0.1 * (n % 4),
            opening=office_hours(*range(5)) if n % 3 else {n % 5: (window("09:00", "11:30"),)},
            weekdays=frozenset({1, 3}) if n % 7 == 0 else None,
            mandatory=n % 4 != 0,
            priority=1 + n % 3,
        )
        for n in range(30)
    )
    problem = week(stops)

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    assert plan.rounds
    mandatory = {s.ref for s in stops if s.mandatory}
    assert mandatory.isdisjoint(item.ref for item in plan.left_out)


def test_lunch_at_the_depot_brings_the_crew_back_to_the_depot() -> None:
    rules = WorkRules(lunch=LunchBreak(minutes=60, place=LunchPlace.DEPOT))
    problem = week(tuple(stop(n) for n in range(12)), rules=rules)

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    lunches = [v for r in plan.rounds for v in r.visits if v.kind is VisitKind.LUNCH]
    assert lunches and all(v.point == problem.depot for v in lunches)


def test_the_van_goes_back_to_unload_when_one_day_brings_more_than_it_holds() -> None:
    # Every donor gives 300 kg on Tuesday only: 4 of them are more than one van load.
    stops = tuple(stop(n, weight_kg=300.0, weekdays=frozenset({1})) for n in range(4))
    problem = week(stops, vehicles=(van(),))

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    assert plan.left_out == ()
    (tuesday,) = plan.rounds
    assert any(v.kind is VisitKind.UNLOAD for v in tuesday.visits)


def test_mandatory_requests_are_all_planned_when_the_week_allows_it() -> None:
    # A tight but feasible week: one car, each donor open a single morning, optional
    # requests competing for the same mornings.
    mandatory = tuple(
        stop(n, opening={n % 5: (window("08:30", "11:30"),)}, weight_kg=50.0) for n in range(10)
    )
    optional = tuple(stop(100 + n, mandatory=False, priority=3, weight_kg=60.0) for n in range(15))
    problem = week(mandatory + optional, vehicles=(car(),))

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    assert {m.ref for m in mandatory}.isdisjoint(item.ref for item in plan.left_out)


def test_the_same_input_and_seed_give_the_same_plan() -> None:
    problem = week(tuple(stop(n, mandatory=n % 2 == 0) for n in range(20)))
    repeatable = SolverSettings(seed=11, time_limit_s=30, max_iterations=400)

    first = plan_week(problem, solver=repeatable)
    second = plan_week(problem, solver=repeatable)

    assert first == second


def test_bad_requests_are_reported_by_name_and_the_rest_is_planned() -> None:
    good = tuple(stop(n) for n in range(6))
    bad = (
        stop(50, point=None, label="Mairie de Barby"),
        stop(51, opening={2: (window("14:00", "10:00"),)}, label="CPAM"),
        stop(52, weight_kg=2000.0, label="Palais de justice"),
        stop(53, weekdays=frozenset({2}), label="Collège Côte Rousse"),
    )
    wednesday_off = frozenset({0, 1, 3, 4})
    problem = week(
        good + bad,
        vehicles=(
            car(weekdays=wednesday_off),
            van(weekdays=wednesday_off),
            van(id="old", name="Vieux fourgon", weekdays=frozenset({5})),
        ),
    )

    plan = plan_week(problem, solver=QUICK)

    reasons = {item.ref: item.reason for item in plan.left_out}
    assert reasons == {
        "R50": "Mairie de Barby : pas de coordonnées (adresse non localisée)",
        "R51": "CPAM : fenêtre horaire incohérente le mercredi "
        "(14:00-10:00, la fin précède le début)",
        "R52": "Palais de justice : plus lourd que tout véhicule (2000 kg > 900 kg)",
        "R53": "Collège Côte Rousse : aucun véhicule disponible ce jour-là",
    }
    assert plan.notices == ("Véhicule Vieux fourgon : aucun jour disponible dans la semaine.",)
    assert violations(problem, plan) == []
    assert {s.ref for s in good} == {ref for r in plan.rounds for ref in r.stop_refs}


def test_a_mandatory_request_that_cannot_fit_is_left_out_with_a_reason_and_the_rest_planned() -> (
    None
):
    # Two 200 kg pickups, Monday morning only, each filling the car: one cannot be done.
    stops = (
        stop(1, weight_kg=200.0, opening={0: (window("09:00", "09:40"),)}),
        stop(2, weight_kg=200.0, opening={0: (window("09:00", "09:40"),)}),
        stop(3),
    )
    problem = week(stops, vehicles=(car(multiple_trips=False),))

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    assert len(plan.left_out) == 1
    assert "impossible à placer cette semaine" in plan.left_out[0].reason


def test_optional_requests_wait_when_the_week_is_full() -> None:
    rules = WorkRules(day_start=time(8, 0), day_end=time(12, 0), max_day_minutes=240, lunch=None)
    far = Point(45.68338, 5.92241)  # Aix-les-Bains
    stops = tuple(
        stop(n, mandatory=False, service=stop(0).service * 4, point=far) for n in range(30)
    )
    problem = week(stops, vehicles=(car(),), rules=rules)

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    assert plan.left_out
    assert all("facultatif" in item.reason for item in plan.left_out)


def test_a_lunch_break_that_cannot_fit_the_working_day_is_announced_and_skipped() -> None:
    mornings = WorkRules(day_start=time(7, 0), day_end=time(11, 30), max_day_minutes=270)
    problem = week(tuple(stop(n, opening=None) for n in range(4)), rules=mornings)

    plan = plan_week(problem, solver=QUICK)

    assert plan.notices == (
        "Pause déjeuner de 45 min entre 11:45 et 14:00 impossible dans la journée de travail : "
        "non planifiée.",
    )
    assert plan.left_out == ()
    assert all(v.kind is VisitKind.STOP for r in plan.rounds for v in r.visits)


def test_each_trip_of_the_van_ends_with_its_unload_time_and_the_day_with_the_last_one() -> None:
    # 4 × 300 kg on Tuesday: three van loads at least, each unloaded in 15 minutes.
    stops = tuple(stop(n, weight_kg=300.0, weekdays=frozenset({1})) for n in range(4))
    problem = week(stops, vehicles=(van(unload=timedelta(minutes=15)),))

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    (tuesday,) = plan.rounds
    unloads = [v for v in tuesday.visits if v.kind is VisitKind.UNLOAD]
    assert len(unloads) >= 2
    assert all(seconds(v.departure) - seconds(v.start) == 15 * 60 for v in unloads)
    assert tuesday.visits[-1].kind is VisitKind.UNLOAD
    assert tuesday.return_ == tuesday.visits[-1].departure
    assert seconds(tuesday.return_) - seconds(tuesday.departure) == tuesday.duration_s


def test_unloads_count_in_the_working_day_so_the_plan_ends_by_its_end() -> None:
    # Seven 300 kg pickups on a 08:00-11:00 day: without the unload times they would all fit.
    rules = WorkRules(day_end=time(11, 0), max_day_minutes=180, lunch=None)
    stops = tuple(
        stop(n, weight_kg=300.0, weekdays=frozenset({0}), service=timedelta(minutes=5))
        for n in range(7)
    )
    slow = van(unload=timedelta(minutes=25))

    plan = plan_week(week(stops, vehicles=(slow,), rules=rules), solver=QUICK)
    fast = plan_week(week(stops, vehicles=(van(),), rules=rules), solver=QUICK)

    assert violations(week(stops, vehicles=(slow,), rules=rules), plan) == []
    assert all(r.return_ <= time(11, 0) for r in plan.rounds)
    assert len(plan.left_out) > len(fast.left_out)


def test_a_car_without_multiple_trips_never_comes_back_mid_day_while_the_van_does() -> None:
    stops = tuple(stop(n, weight_kg=120.0, weekdays=frozenset({2})) for n in range(12))
    vehicles = (
        car(multiple_trips=False, unload=timedelta(minutes=10)),
        van(capacity_kg=300.0, unload=timedelta(minutes=15), max_trips=3),
    )
    problem = week(stops, vehicles=vehicles)

    plan = plan_week(problem, solver=QUICK)

    assert violations(problem, plan) == []
    by_vehicle = {r.vehicle.id: r for r in plan.rounds}
    car_kinds = [v.kind for v in by_vehicle["car"].visits]
    assert car_kinds.count(VisitKind.UNLOAD) == 1 and car_kinds[-1] is VisitKind.UNLOAD
    van_unloads = [v for v in by_vehicle["van"].visits if v.kind is VisitKind.UNLOAD]
    assert 2 <= len(van_unloads) <= 3


def test_a_generated_week_of_150_requests_is_planned_feasible_with_its_mandatory_ones() -> None:
    problem = generate_week(150, seed=1)
    mandatory = {s.ref for s in problem.stops if s.mandatory}
    started = timer.perf_counter()

    plan = plan_week(problem, solver=SolverSettings(seed=1, time_limit_s=3.0))

    elapsed = timer.perf_counter() - started
    assert violations(problem, plan) == []
    assert plan.rounds and not plan.notices
    served = {ref for r in plan.rounds for ref in r.stop_refs}
    reasons = {item.ref: item.reason for item in plan.left_out}
    assert all(ref in served or "impossible à placer" in reasons[ref] for ref in mandatory)
    # Before the fix of issue 14 this week came back empty; 42 to 46 of 47 on a quiet machine.
    assert len(served & mandatory) > len(mandatory) / 2
    # The time limit, plus the matrix, the formulation and VROOM's overrun of its timeout; it
    # took 12 s before VROOM's short budgets got exploration level 1.
    assert elapsed < 2 * 3.0 + 3.0

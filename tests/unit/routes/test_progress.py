"""Watching a solve from another thread: progress while it searches, an early stop that keeps
the best plan found."""

from __future__ import annotations

import threading
import time

from bench.week_check import violations
from routes.model import Plan, SolverSettings
from routes.optimiser import plan_week
from routes.progress import SolveWatch
from tests.unit.routes.factories import QUICK, stop, week


def test_the_watch_sees_the_best_plan_and_the_stops_it_places() -> None:
    problem = week(tuple(stop(n) for n in range(8)))
    watch = SolveWatch()

    plan = plan_week(problem, solver=QUICK, watch=watch)

    seen = watch.progress()
    assert seen.iterations > 0 and seen.solves == 1
    assert seen.best_cost is not None and seen.best_cost > 0
    assert seen.placed == sum(len(r.stop_refs) for r in plan.rounds) == 8


def test_a_stop_ends_a_long_search_early_with_a_feasible_plan() -> None:
    problem = week(tuple(stop(n, mandatory=n % 2 == 0) for n in range(20)))
    watch = SolveWatch()
    plans: list[Plan] = []
    solver = threading.Thread(
        target=lambda: plans.append(
            plan_week(problem, solver=SolverSettings(time_limit_s=60), watch=watch)
        )
    )
    began = time.monotonic()
    solver.start()
    while watch.progress().placed is None and time.monotonic() - began < 30:
        time.sleep(0.05)
    watch.request_stop()
    solver.join(timeout=30)

    assert not solver.is_alive() and time.monotonic() - began < 30
    (plan,) = plans
    assert violations(problem, plan) == []
    mandatory = {s.ref for s in problem.stops if s.mandatory}
    assert mandatory.isdisjoint(item.ref for item in plan.left_out)
    assert watch.progress().stop_requested

"""VROOM's first plan reads back as a feasible PyVRP plan, and the planner does without it."""

from __future__ import annotations

import pytest

from bench.week_check import violations
from bench.weeks import generate_week
from routes import warmstart
from routes.formulation import formulate
from routes.matrix import estimate_matrix
from routes.model import SolverSettings
from routes.optimiser import plan_week
from routes.screening import screen


def test_vroom_s_plan_of_a_week_is_a_feasible_pyvrp_start_with_its_breaks() -> None:
    problem = generate_week(60, seed=2)
    screened = screen(problem)
    matrix = estimate_matrix([problem.depot, *(s.point for s, _ in screened.stops if s.point)])

    first = warmstart.first_plan(problem, screened, matrix, time_limit_s=1.0)

    assert first is not None and first.steps
    formulation = formulate(problem, screened, matrix, 15_000, lunch_places=first.lunch_places)
    start = warmstart.as_solution(formulation, first)
    assert start.is_feasible()
    jobs = sum(kind == "job" for steps in first.steps.values() for kind, _, _ in steps)
    breaks = len(formulation.vehicle_days)  # every vehicle-day keeps its lunch
    assert start.num_clients() == jobs + breaks


def test_without_pyvroom_the_week_is_planned_in_two_phases_all_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(warmstart, "available", lambda: False)
    problem = generate_week(60, seed=2)

    plan = plan_week(problem, solver=SolverSettings(seed=1, time_limit_s=2.0))

    assert violations(problem, plan) == []
    mandatory = {s.ref for s in problem.stops if s.mandatory}
    served = {ref for r in plan.rounds for ref in r.stop_refs}
    assert len(served & mandatory) > len(mandatory) / 2

"""Solve a Solomon VRPTW instance with the app's own planner, to measure it against the BKS.

The instance becomes an ordinary one-day ``PlanningProblem`` (no lunch, one trip per vehicle)
and goes through ``plan_week`` like any week of rounds; only the travel matrix differs. The
published best-known solutions use Euclidean distances truncated to one decimal and travel
time equal to distance, so every figure is scaled by 10 to stay whole: one tenth of a Solomon
unit is one metre and one second.

    python -m routes.solomon FILE --seconds 5 --seed 1
"""

from __future__ import annotations

import argparse
import math
import time as timer
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from routes.matrix import TravelMatrix
from routes.model import (
    Plan,
    PlanningProblem,
    Point,
    SolverSettings,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
    clock,
)
from routes.optimiser import plan_week

SCALE = 10
MONDAY = date(2024, 1, 1)


@dataclass(frozen=True)
class SolomonResult:
    name: str
    cost: float
    vehicles: int
    seconds: float
    unplanned: int
    plan: Plan


def read_instance(path: Path) -> tuple[str, PlanningProblem]:
    """Parse the classic text format; coordinates travel as ``Point(lat=y, lon=x)``."""
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    name = lines[0][0]
    vehicle_row = next(i for i, row in enumerate(lines) if row[0].upper() == "NUMBER") + 1
    count, capacity = (int(v) for v in lines[vehicle_row])
    rows = [[float(v) for v in row] for row in lines if row[0].isdigit() and len(row) == 7]
    depot, customers = rows[0], rows[1:]
    horizon_start, horizon_end = int(depot[4]) * SCALE, int(depot[5]) * SCALE
    rules = WorkRules(
        day_start=clock(horizon_start),
        day_end=clock(horizon_end),
        max_day_minutes=math.ceil((horizon_end - horizon_start) / 60),
        lunch=None,
    )
    vehicles = tuple(
        Vehicle(
            id=f"V{i + 1}",
            capacity_kg=capacity,
            capacity_m3=0.0,
            weekdays=frozenset({0}),
            multiple_trips=False,
        )
        for i in range(count)
    )
    stops = tuple(
        Stop(
            ref=str(int(number)),
            point=Point(lat=y, lon=x),
            service=timedelta(seconds=service * SCALE),
            weight_kg=demand,
            # Solomon's due date bounds the start of service; opening windows bound its end.
            opening={
                0: (TimeWindow(clock(int(ready) * SCALE), clock(int(due + service) * SCALE)),)
            },
        )
        for number, x, y, demand, ready, due, service in customers
    )
    problem = PlanningProblem(
        depot=Point(lat=depot[2], lon=depot[1]),
        days=(MONDAY,),
        vehicles=vehicles,
        stops=stops,
        rules=rules,
    )
    return name, problem


def euclidean_tenths(points: Sequence[Point]) -> TravelMatrix:
    """Solomon's convention: floor(10·d), with travel time equal to distance."""
    x = np.array([p.lon for p in points])
    y = np.array([p.lat for p in points])
    tenths = np.floor(SCALE * np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]))
    matrix = tenths.astype(np.int64)
    return TravelMatrix(distance_m=matrix, duration_s=matrix.copy())


def solve_file(path: str | Path, seconds: float, seed: int = 1) -> SolomonResult:
    """Plan the instance in ``seconds`` and report its cost in Solomon units."""
    name, problem = read_instance(Path(path))
    started = timer.perf_counter()
    plan = plan_week(problem, euclidean_tenths, SolverSettings(seed=seed, time_limit_s=seconds))
    elapsed = timer.perf_counter() - started
    return SolomonResult(
        name=name,
        cost=plan.distance_m / SCALE,
        vehicles=len(plan.rounds),
        seconds=elapsed,
        unplanned=len(plan.left_out),
        plan=plan,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    result = solve_file(args.file, args.seconds, args.seed)
    print(
        f"{result.name}: cost {result.cost:.1f}, vehicles {result.vehicles}, "
        f"time {result.seconds:.2f} s, unplanned {result.unplanned}"
    )


if __name__ == "__main__":
    main()

"""A Solomon instance goes through the app's planner and comes out feasible and near the BKS."""

from __future__ import annotations

import json
from pathlib import Path

from routes.model import Point
from routes.solomon import euclidean_tenths, read_instance, solve_file

# The instance travels with the tests (tests/data/vrptw/README.md gives its source).
BENCH = Path(__file__).resolve().parents[2] / "data" / "vrptw"


def test_c101_is_read_as_a_one_day_week_of_100_stops_and_25_vehicles() -> None:
    name, problem = read_instance(BENCH / "C101.txt")

    assert name == "C101"
    assert len(problem.stops) == 100 and len(problem.vehicles) == 25
    assert problem.rules.lunch is None
    assert not any(v.multiple_trips for v in problem.vehicles)
    assert problem.stops[0].service.total_seconds() == 900


def test_distances_follow_the_solomon_convention_in_tenths() -> None:
    matrix = euclidean_tenths([Point(0, 0), Point(1, 1)])

    assert matrix.distance_m[0, 1] == 14  # floor(10 * 1.414...)
    assert matrix.duration_s[0, 1] == 14


def test_c101_is_solved_close_to_its_best_known_distance() -> None:
    bks = json.loads((BENCH / "bks.json").read_text())["instances"]["C101"]["bks"]

    result = solve_file(BENCH / "C101.txt", seconds=1.0, seed=1)

    assert result.unplanned == 0
    assert result.vehicles <= 25
    assert result.cost <= bks * 1.02

"""Time the planning of a realistic week of collection rounds around Chambéry.

60 pickup requests scattered up to ~1.5 km around the town centres of
/work/shared/data/communes-chambery.csv (town centres, not real addresses: the spread stands
in for the streets), a car and a van, Monday to Friday, offices' opening hours, a lunch
break, two thirds of the requests mandatory. Target: under 2 s.

    .venv/bin/python bench/week.py [--seconds 1.5] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

from routes.model import (
    LunchBreak,
    LunchPlace,
    PlanningProblem,
    Point,
    SolverSettings,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
)
from routes.optimiser import plan_week

COMMUNES = Path(__file__).resolve().parent / "data" / "communes-chambery.csv"
DEPOT = Point(45.5646, 5.9178)  # Régie Plus side of Chambéry
MORNING = TimeWindow(clock_time(8, 30), clock_time(12, 0))
AFTERNOON = TimeWindow(clock_time(13, 30), clock_time(17, 30))


def communes() -> list[tuple[str, Point]]:
    with COMMUNES.open(newline="") as handle:
        return [
            (row["commune"], Point(float(row["lat"]), float(row["lon"])))
            for row in csv.DictReader(handle)
        ]


def generate_week(
    requests: int = 60, seed: int = 7, lunch: LunchPlace = LunchPlace.CREW
) -> PlanningProblem:
    rng = random.Random(seed)
    places = communes()
    stops = []
    for number in range(requests):
        name, centre = rng.choice(places)
        computers = rng.randint(1, 12)
        opening = {
            day: (MORNING, AFTERNOON) if rng.random() < 0.7 else (MORNING,)
            for day in range(5)
            if rng.random() < 0.85
        } or {0: (MORNING,)}
        stops.append(
            Stop(
                ref=f"R{number + 1:03d}",
                label=f"Donateur {number + 1} ({name})",
                point=Point(
                    centre.lat + rng.uniform(-0.012, 0.012), centre.lon + rng.uniform(-0.016, 0.016)
                ),
                service=timedelta(minutes=10 + 3 * computers),
                weight_kg=computers * 9.0,
                volume_m3=computers * 0.06,
                opening=opening,
                weekdays=frozenset(rng.sample(range(5), 2)) if rng.random() < 0.15 else None,
                mandatory=rng.random() < 2 / 3,
                priority=rng.randint(1, 3),
            )
        )
    return PlanningProblem(
        depot=DEPOT,
        days=tuple(date(2026, 11, 30) + timedelta(days=i) for i in range(5)),
        vehicles=(
            Vehicle("car", capacity_kg=250, capacity_m3=1.2, name="Voiture"),
            Vehicle(
                "van",
                capacity_kg=900,
                capacity_m3=8.0,
                weekdays=frozenset({0, 1, 3, 4}),
                name="Fourgon",
            ),
        ),
        stops=tuple(stops),
        rules=WorkRules(lunch=LunchBreak(place=lunch)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Time a generated week around Chambéry.")
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    header = f"{'lunch':<6} {'time s':>7} {'rounds':>6} {'stops':>5} {'km':>7}"
    print(f"{header} {'left out (mandatory)':>21}")
    for place in LunchPlace:
        problem = generate_week(lunch=place)
        started = time.perf_counter()
        plan = plan_week(problem, solver=SolverSettings(seed=args.seed, time_limit_s=args.seconds))
        elapsed = time.perf_counter() - started
        mandatory = {s.ref for s in problem.stops if s.mandatory}
        left_mandatory = sum(1 for item in plan.left_out if item.ref in mandatory)
        planned = sum(len(r.stop_refs) for r in plan.rounds)
        print(
            f"{place.value:<6} {elapsed:>7.2f} {len(plan.rounds):>6} {planned:>5} "
            f"{plan.distance_m / 1000:>7.1f} {len(plan.left_out):>13} ({left_mandatory})"
        )


if __name__ == "__main__":
    main()

"""Weeks of pickup requests shaped like Régie Plus' real work, for bench/week.py and the tests.

Requests are scattered up to ~1.5 km around the town centres of ``data/communes-chambery.csv``
(town centres, not real addresses: the spread stands in for the streets; data/README.md gives
the source). A van that may go back to unload up to three times and a car that may not, both
out Monday to Friday with a 15-minute unload; donors open in the morning and often the
afternoon, some only on two given weekdays; a 45-minute lunch between 12:00 and 13:30; a third
of the requests mandatory, the others optional with a priority of 1 to 3.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from datetime import time as clock_time
from functools import cache
from pathlib import Path

from routes.model import (
    LunchBreak,
    LunchPlace,
    PlanningProblem,
    Point,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
)

COMMUNES = Path(__file__).resolve().parent / "data" / "communes-chambery.csv"
DEPOT = Point(45.5646, 5.9178)  # Régie Plus side of Chambéry
MONDAY = date(2026, 11, 30)
MORNING = TimeWindow(clock_time(8, 30), clock_time(12, 0))
AFTERNOON = TimeWindow(clock_time(13, 30), clock_time(17, 30))
UNLOAD = timedelta(minutes=15)
RULES = WorkRules(
    day_start=clock_time(8, 0),
    day_end=clock_time(17, 0),
    max_day_minutes=9 * 60,
    lunch=LunchBreak(45, clock_time(12, 0), clock_time(13, 30), LunchPlace.CREW),
)
VAN = Vehicle("van", 900.0, 8.0, name="Fourgon", unload=UNLOAD, multiple_trips=True, max_trips=3)
CAR = Vehicle("car", 250.0, 1.2, name="Voiture", unload=UNLOAD, multiple_trips=False)


@cache
def communes() -> tuple[tuple[str, Point], ...]:
    with COMMUNES.open(newline="") as handle:
        return tuple(
            (row["commune"], Point(float(row["lat"]), float(row["lon"])))
            for row in csv.DictReader(handle)
        )


def generate_week(requests: int, seed: int) -> PlanningProblem:
    """``requests`` pickups for the week of ``MONDAY``; the same seed gives the same week."""
    rng = random.Random(seed)
    stops = []
    for number in range(requests):
        name, centre = rng.choice(communes())
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
                mandatory=rng.random() < 1 / 3,
                priority=rng.randint(1, 3),
            )
        )
    return PlanningProblem(
        depot=DEPOT,
        days=tuple(MONDAY + timedelta(days=i) for i in range(5)),
        vehicles=(VAN, CAR),
        stops=tuple(stops),
        rules=RULES,
    )

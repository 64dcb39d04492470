"""Time the ordering of one BLÉ staff member's visits: a day of 12, a week of 60.

The homes are spread up to ~1.5 km around the town centres of
/work/shared/data/communes-chambery.csv closest to Chambéry; each day has four two-hour
windows (8 h, 10 h, 13 h 30, 15 h 30) of three visits each, booked in a random order; each
visit lasts ``--visit-minutes`` (30: a dozen a day only fits short visits). A week is five
such days, each ordered on its own as the day view does (visits are booked day by day).
Prints the time per day and the drive saved against the booking order.

    .venv/bin/python bench/visits.py [--visit-minutes 30] [--seed 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import statistics
import time
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

from logistics.visits import day as day_module
from logistics.visits.day import Place, matrix_of, plan_day, timeline
from routes.matrix import estimate_matrix
from routes.model import Point

COMMUNES = next(
    (
        folder / "shared" / "data" / "communes-chambery.csv"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "data" / "communes-chambery.csv").exists()
    ),
    Path("../shared/data/communes-chambery.csv"),
)
BLE = Point(45.5703, 5.9262)  # BLÉ's office, Chambéry
WINDOWS = (clock_time(8), clock_time(10), clock_time(13, 30), clock_time(15, 30))
MONDAY = date(2026, 12, 7)


def nearest_communes(count: int = 8) -> list[Point]:
    with COMMUNES.open(newline="") as handle:
        points = [Point(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)]
    return sorted(points, key=lambda p: math.dist((p.lat, p.lon), (BLE.lat, BLE.lon)))[:count]


def generate_day(rng: random.Random, first_ref: int, visits: int = 12) -> list[Place]:
    centres = nearest_communes()
    places = []
    for number in range(visits):
        centre = rng.choice(centres)
        start = WINDOWS[number % len(WINDOWS)]
        end = clock_time(start.hour + 2, start.minute)
        point = Point(
            centre.lat + rng.uniform(-0.0135, 0.0135), centre.lon + rng.uniform(-0.019, 0.019)
        )
        places.append(Place(first_ref + number, point, start, end, f"visite {number + 1}"))
    rng.shuffle(places)  # booked in no particular order
    return [Place(first_ref + i, p.point, p.start, p.end, p.label) for i, p in enumerate(places)]


def booking_order_minutes(places: list[Place], service: timedelta) -> float:
    matrix = matrix_of(BLE, sorted(places, key=lambda p: p.ref), estimate_matrix)
    return timeline(places, matrix, service, BLE).travel_s / 60


def order_day(places: list[Place], service: timedelta, day: date) -> tuple[float, float, int]:
    """Seconds to order the day (cache emptied), minutes of driving, late visits."""
    day_module._ORDERS.found.clear()
    started = time.perf_counter()
    _, line, _ = plan_day(BLE, places, service, day, estimate_matrix)
    elapsed = time.perf_counter() - started
    return elapsed, line.travel_s / 60, sum(stop.late for stop in line.stops)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visit-minutes", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    service = timedelta(minutes=args.visit_minutes)
    rng = random.Random(args.seed)
    week = [generate_day(rng, 1000 * (d + 1)) for d in range(5)]

    times = [order_day(week[0], service, MONDAY)[0] for _ in range(args.repeat)]
    _, driven, late = order_day(week[0], service, MONDAY)
    booked = booking_order_minutes(week[0], service)
    print(
        f"day of 12 visits: {statistics.median(times) * 1000:.0f} ms (median of {args.repeat}), "
        f"{driven:.0f} min of driving vs {booked:.0f} min in booking order, {late} late"
    )

    started = time.perf_counter()
    results = [
        order_day(places, service, MONDAY + timedelta(days=d)) for d, places in enumerate(week)
    ]
    total = time.perf_counter() - started
    driven = sum(r[1] for r in results)
    booked = sum(booking_order_minutes(places, service) for places in week)
    late = sum(r[2] for r in results)
    slowest = max(r[0] for r in results)
    print(
        f"week of 60 visits (5 days of 12): {total:.2f} s in all, slowest day "
        f"{slowest * 1000:.0f} ms, {driven:.0f} min of driving vs {booked:.0f} min in booking "
        f"order, {late} late"
    )


if __name__ == "__main__":
    main()

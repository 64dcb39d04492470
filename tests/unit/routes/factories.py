"""Small builders of planning problems around Chambéry, with the defaults of a normal week."""

from __future__ import annotations

from datetime import date, time, timedelta

from routes.model import (
    PlanningProblem,
    Point,
    SolverSettings,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
)

DEPOT = Point(45.5646, 5.9178)
MONDAY = date(2026, 11, 30)
WEEK = tuple(MONDAY + timedelta(days=i) for i in range(5))
QUICK = SolverSettings(seed=3, time_limit_s=0.6)

# Town centres of Grand Chambéry (communes-chambery.csv): pickups scattered around them.
PLACES = (
    Point(45.56667, 5.93333),  # Chambéry
    Point(45.57083, 5.98273),  # Barby
    Point(45.56377, 5.89435),  # Cognin
    Point(45.55978, 5.96871),  # La Ravoire
    Point(45.59416, 5.87575),  # La Motte-Servolex
    Point(45.58333, 5.95),  # Saint-Alban-Leysse
    Point(45.5312, 5.95217),  # Saint-Baldoph
    Point(45.55, 5.93333),  # Barberaz
    Point(45.55275, 5.9116),  # Jacob-Bellecombette
    Point(45.58503, 5.94349),  # Bassens
)


def window(start: str, end: str) -> TimeWindow:
    return TimeWindow(time.fromisoformat(start), time.fromisoformat(end))


def office_hours(*weekdays: int) -> dict[int, tuple[TimeWindow, ...]]:
    return {day: (window("08:30", "12:00"), window("13:30", "17:00")) for day in weekdays}


def stop(number: int, **overrides: object) -> Stop:
    centre = PLACES[number % len(PLACES)]
    fields: dict[str, object] = {
        "ref": f"R{number}",
        "label": f"Donateur {number}",
        "point": Point(centre.lat + 0.001 * (number % 7), centre.lon - 0.001 * (number % 5)),
        "service": timedelta(minutes=20),
        "weight_kg": 40.0,
        "volume_m3": 0.3,
        "opening": office_hours(0, 1, 2, 3, 4),
    }
    fields.update(overrides)
    return Stop(**fields)  # type: ignore[arg-type]


def car(**overrides: object) -> Vehicle:
    fields: dict[str, object] = {
        "id": "car",
        "name": "Voiture",
        "capacity_kg": 250.0,
        "capacity_m3": 1.5,
    }
    fields.update(overrides)
    return Vehicle(**fields)  # type: ignore[arg-type]


def van(**overrides: object) -> Vehicle:
    fields: dict[str, object] = {
        "id": "van",
        "name": "Fourgon",
        "capacity_kg": 900.0,
        "capacity_m3": 8.0,
    }
    fields.update(overrides)
    return Vehicle(**fields)  # type: ignore[arg-type]


def week(
    stops: tuple[Stop, ...],
    vehicles: tuple[Vehicle, ...] | None = None,
    rules: WorkRules | None = None,
    days: tuple[date, ...] = WEEK,
) -> PlanningProblem:
    return PlanningProblem(
        depot=DEPOT,
        days=days,
        vehicles=vehicles if vehicles is not None else (car(), van()),
        stops=stops,
        rules=rules or WorkRules(),
    )

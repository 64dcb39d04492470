"""Rounds between ``routes.model`` and the tables: write a plan's rounds, read a round back.

A round read back is a ``routes.model.Round`` again, so ``routes.manual.recompute`` re-times it
exactly as the planner timed it; the settings snapshot of the plan gives the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time, timedelta
from typing import Any

from logistics.rounds.settings import RoundsSettings
from logistics.rounds.subjects import SubjectRef
from logistics.rounds.tables import PlannedRound, RoundStop
from routes.matrix import AreaSpeeds, MatrixProvider, OsrmTable, estimate_matrix
from routes.model import (
    LunchBreak,
    LunchPlace,
    Point,
    Round,
    TimeWindow,
    Vehicle,
    Visit,
    VisitKind,
    WorkRules,
)


def snapshot(settings: RoundsSettings, depot: Point) -> dict[str, Any]:
    """What a plan remembers of the settings it was made with (JSON-ready)."""
    rules = settings.work_rules()
    lunch = rules.lunch
    return {
        "depot": [depot.lat, depot.lon],
        "day_start": f"{rules.day_start:%H:%M}",
        "day_end": f"{rules.day_end:%H:%M}",
        "max_day_minutes": rules.max_day_minutes,
        "lunch": None
        if lunch is None
        else {
            "minutes": lunch.minutes,
            "earliest": f"{lunch.earliest:%H:%M}",
            "latest_end": f"{lunch.latest_end:%H:%M}",
            "place": lunch.place.value,
        },
        "osrm_url": settings.osrm_url,
        "speeds": [
            settings.urban_kmh,
            settings.periurban_kmh,
            settings.rural_kmh,
            settings.road_detour_factor,
        ],
        "solver_time_limit_s": settings.solver_time_limit_s,
        "solver_max_iterations": settings.solver_max_iterations,
    }


def depot_of(snap: Mapping[str, Any]) -> Point:
    return Point(*snap["depot"])


def rules_of(snap: Mapping[str, Any]) -> WorkRules:
    lunch = snap["lunch"]
    return WorkRules(
        day_start=time.fromisoformat(snap["day_start"]),
        day_end=time.fromisoformat(snap["day_end"]),
        max_day_minutes=snap["max_day_minutes"],
        lunch=None
        if lunch is None
        else LunchBreak(
            lunch["minutes"],
            time.fromisoformat(lunch["earliest"]),
            time.fromisoformat(lunch["latest_end"]),
            LunchPlace(lunch["place"]),
        ),
    )


def travel_of(snap: Mapping[str, Any]) -> MatrixProvider:
    """OSRM's table when a server is configured, else the estimate from coordinates."""
    urban, periurban, rural, detour = snap["speeds"]
    speeds = AreaSpeeds(
        urban_kmh=urban, periurban_kmh=periurban, rural_kmh=rural, detour_factor=detour
    )
    if snap["osrm_url"]:
        return OsrmTable(snap["osrm_url"], speeds=speeds)
    return lambda points: estimate_matrix(points, speeds)


def vehicle_of(row: Mapping[str, Any]) -> Vehicle:
    return Vehicle(
        id=str(row["id"]),
        capacity_kg=row["capacity_kg"],
        capacity_m3=row["capacity_m3"],
        weekdays=frozenset(int(d) - 1 for d in row["weekdays"]),
        name=row["name"],
        unload=timedelta(minutes=row["unload_minutes"]),
        multiple_trips=row["multiple_trips"],
        max_trips=row["max_trips"],
    )


def windows_json(windows: Iterable[TimeWindow]) -> list[list[str]]:
    return [[f"{w.start:%H:%M}", f"{w.end:%H:%M}"] for w in windows]


def stop_columns(visit: Visit, position: int) -> dict[str, Any]:
    """The columns a visit sets on its ``round_stop`` row (everything a re-timing changes too)."""
    return {
        "position": position,
        "latitude": visit.point.lat,
        "longitude": visit.point.lon,
        "arrival": visit.arrival,
        "start": visit.start,
        "departure": visit.departure,
        "load_kg": round(visit.load_kg, 3),
        "load_m3": round(visit.load_m3, 4),
        "windows": windows_json(visit.windows),
    }


def round_columns(round_: Round, warnings: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "departure": round_.departure,
        "return_at": round_.return_,
        "distance_m": round_.distance_m,
        "duration_s": round_.duration_s,
        "warnings": list(warnings),
    }


async def insert_round(organisation_id: int, plan_id: int, round_: Round) -> int:
    """Write one planned round and its visits (a visit's ``ref`` is its ``SubjectRef.key``)."""
    rows = await PlannedRound.insert(
        PlannedRound(
            organisation=organisation_id,
            plan=plan_id,
            vehicle=int(round_.vehicle.id),
            day=round_.day,
            **round_columns(round_),
        )
    )
    round_id = rows[0]["id"]
    if round_.visits:
        await RoundStop.insert(
            *(
                stop_row(organisation_id, round_id, visit, position)
                for position, visit in enumerate(round_.visits, start=1)
            )
        )
    return round_id


def stop_row(organisation_id: int, round_id: int, visit: Visit, position: int) -> RoundStop:
    """The ``round_stop`` row of a visit, ready to insert."""
    subject = SubjectRef.parse(visit.ref) if visit.ref else None
    return RoundStop(
        organisation=organisation_id,
        planned_round=round_id,
        kind=visit.kind.value,
        subject_kind=subject.kind if subject else None,
        subject_id=subject.id if subject else None,
        label=visit.label,
        weight_kg=visit.weight_kg,
        volume_m3=visit.volume_m3,
        service_s=int(visit.service.total_seconds()),
        **stop_columns(visit, position),
    )


def visit_of(row: Mapping[str, Any]) -> Visit:
    subject = SubjectRef.of_row(row)
    return Visit(
        kind=VisitKind(row["kind"]),
        ref=subject.key if subject else None,
        point=Point(row["latitude"], row["longitude"]),
        arrival=row["arrival"],
        start=row["start"],
        departure=row["departure"],
        load_kg=row["load_kg"],
        load_m3=row["load_m3"],
        windows=tuple(
            TimeWindow(time.fromisoformat(a), time.fromisoformat(b)) for a, b in row["windows"]
        ),
        service=timedelta(seconds=row["service_s"]),
        label=row["label"],
        weight_kg=row["weight_kg"],
        volume_m3=row["volume_m3"],
    )


def round_of(
    row: Mapping[str, Any],
    vehicle: Mapping[str, Any],
    depot: Point,
    visits: Sequence[Visit],
    day: date | None = None,
) -> Round:
    return Round(
        vehicle=vehicle_of(vehicle),
        day=day or row["day"],
        depot=depot,
        departure=row["departure"],
        return_=row["return_at"],
        visits=tuple(visits),
        distance_m=row["distance_m"],
        duration_s=row["duration_s"],
    )

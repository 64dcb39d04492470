"""A staff member's day of visits, in the order that makes the least driving.

The order comes from ``routes``: the travel matrix (OSRM when configured, else the estimate)
and the round optimiser, given the day as a one-vehicle, one-day problem: the association's
address is the depot, each visit a stop open in its two-hour window for ``VISIT_MINUTES``,
no capacity (a car carries a computer), no lunch break planned (visits leave room for it).
The optimiser's objective is travel *time*: it is handed the matrix's durations as distances.

Why home visits are not a ``StopKind`` of ``logistics.rounds``: rounds are the collecting
association's vehicles, planned by its managers for a week, published to its agents and their
crews. A visit to a resident's home is one person's day, booked window by window, and its
sheet carries residents' personal data that rounds' pages show to collecting staff. Planning
them there would take both the wrong people and the wrong plan; the seam in
``logistics.rounds.subjects`` stays for a kind that rounds themselves visit.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any
from urllib.parse import quote

import numpy as np

from inventory.errors import NotFound
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.accounts.tables import UserAccount
from logistics.rounds.storage import snapshot, travel_of
from logistics.settings import get_settings
from logistics.visits.booking import list_visits
from logistics.visits.tables import VisitStatus
from routes.matrix import MatrixProvider, TravelMatrix
from routes.model import (
    WEEKDAYS,
    PlanningProblem,
    Point,
    SolverSettings,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
)
from routes.optimiser import plan_week

OSM = "https://www.openstreetmap.org"
SOLVER = SolverSettings(seed=1, time_limit_s=2.0, max_iterations=500)
"""Reproducible for a given day (the iteration count ends the search first)."""
SHIFT = WorkRules(time(5), time(23), 18 * 60, lunch=None)
"""The optimiser's working day: wide, since the windows already say when visits happen."""


@dataclass(frozen=True)
class Place:
    """One home of the day as the ordering sees it (``ref`` is the caller's)."""

    ref: int
    point: Point | None
    start: time
    end: time
    label: str = ""


@dataclass(frozen=True)
class Timed:
    """When the staff member reaches ``place``; travel figures are None for an unlocated one."""

    place: Place
    arrival: time
    start: time
    departure: time
    travel_s: int | None
    distance_m: int | None
    late: bool


@dataclass(frozen=True)
class Timeline:
    stops: tuple[Timed, ...]
    leave_at: time | None
    back_at: time | None
    travel_s: int
    distance_m: int


def _at(seconds_: int) -> time:
    seconds_ = max(0, min(seconds_, 24 * 3600 - 60))
    return time(seconds_ // 3600, seconds_ % 3600 // 60)


def _s(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def located(places: Sequence[Place]) -> list[Place]:
    return [p for p in places if p.point is not None]


def matrix_of(start: Point, places: Sequence[Place], travel: MatrixProvider) -> TravelMatrix:
    """The matrix of the start then each located place, in that order."""
    return travel([start, *(p.point for p in located(places) if p.point is not None)])


def timeline(
    ordered: Sequence[Place], matrix: TravelMatrix, service: timedelta, start: Point | None
) -> Timeline:
    """The times of the day when the places are visited in ``ordered`` order.

    ``matrix`` covers the start then the located places in the order ``located`` gives of
    ``ordered`` *sorted by ref*; the staff member leaves the start just in time for the first
    window, waits at a door when early, and a visit is late when it ends after its window.
    """
    index = {p.ref: i for i, p in enumerate(sorted(located(ordered), key=lambda p: p.ref), 1)}
    service_s = int(service.total_seconds())
    stops: list[Timed] = []
    here: int | None = 0 if start is not None else None
    clock_s: int | None = None
    leave_at: int | None = None
    travel_total = distance_total = 0
    for place in ordered:
        there = index.get(place.ref)
        travel_s = distance_m = None
        if here is not None and there is not None:
            travel_s = int(matrix.duration_s[here][there])
            distance_m = int(matrix.distance_m[here][there])
            travel_total += travel_s
            distance_total += distance_m
        if clock_s is None:
            arrival = _s(place.start)
            leave_at = arrival - (travel_s or 0) if travel_s is not None else None
        else:
            arrival = clock_s + (travel_s or 0)
        begin = max(arrival, _s(place.start))
        clock_s = begin + service_s
        stops.append(
            Timed(
                place,
                _at(arrival),
                _at(begin),
                _at(clock_s),
                travel_s,
                distance_m,
                clock_s > _s(place.end),
            )
        )
        here = there if there is not None else here
    back_at = None
    if clock_s is not None and here is not None and start is not None:
        back_s = int(matrix.duration_s[here][0])
        travel_total += back_s
        distance_total += int(matrix.distance_m[here][0])
        back_at = _at(clock_s + back_s)
    return Timeline(
        tuple(stops),
        None if leave_at is None else _at(leave_at),
        back_at,
        travel_total,
        distance_total,
    )


def optimised_order(
    start: Point, places: Sequence[Place], matrix: TravelMatrix, service: timedelta, day: date
) -> list[Place] | None:
    """The located places in the order of least travel time that keeps every window, or None
    when no order keeps them all (the day view then keeps the windows' order and says so)."""
    ordered = sorted(located(places), key=lambda p: p.ref)
    if len(ordered) < 2:
        return ordered
    stops = tuple(
        Stop(
            ref=str(place.ref),
            point=place.point,
            service=service,
            opening={day.weekday(): (TimeWindow(place.start, place.end),)},
            label=place.label,
        )
        for place in ordered
    )
    problem = PlanningProblem(
        depot=start,
        days=(day,),
        vehicles=(Vehicle("staff", 1e9, 1e9, WEEKDAYS, multiple_trips=False),),
        stops=stops,
        rules=SHIFT,
    )
    by_time = TravelMatrix(matrix.duration_s, matrix.duration_s)

    def known(points: Sequence[Point]) -> TravelMatrix:
        assert len(points) == len(by_time)  # screening keeps every stop: same windows, service
        return by_time

    plan = plan_week(problem, known, SOLVER)
    if plan.left_out or len(plan.rounds) != 1:
        return None
    by_ref = {str(p.ref): p for p in ordered}
    return [by_ref[ref] for ref in plan.rounds[0].stop_refs]


def by_window(places: Sequence[Place]) -> list[Place]:
    return sorted(places, key=lambda p: (p.start, p.end, p.ref))


def with_unlocated(order: Sequence[Place], places: Sequence[Place]) -> list[Place]:
    """``order`` (located places) with each unlocated place put before the first visit whose
    window starts later."""
    result = list(order)
    for place in by_window([p for p in places if p.point is None]):
        position = next((i for i, p in enumerate(result) if p.start > place.start), len(result))
        result.insert(position, place)
    return result


class _Orders:
    """Orders already found, by the day's inputs: a page reload does not search again."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.found: OrderedDict[tuple[Any, ...], tuple[int, ...] | None] = OrderedDict()

    def order(
        self, key: tuple[Any, ...], search: Callable[[], tuple[int, ...] | None]
    ) -> tuple[int, ...] | None:
        if key in self.found:
            self.found.move_to_end(key)
            return self.found[key]
        refs = self.found[key] = search()
        while len(self.found) > self.size:
            self.found.popitem(last=False)
        return refs


_ORDERS = _Orders()


def plan_day(
    start: Point | None,
    places: Sequence[Place],
    service: timedelta,
    day: date,
    travel: MatrixProvider,
) -> tuple[list[Place], Timeline, tuple[str, ...]]:
    """Order and time one person's day; notices say what could not be kept (in French)."""
    notices: list[str] = []
    spots = located(places)
    if start is None and spots:
        start = by_window(spots)[0].point
        notices.append(
            "L'adresse de l'association n'est pas localisée : la journée part de la "
            "première visite et y revient."
        )
    if len(spots) < len(places):
        notices.append(
            "Adresse non localisée pour "
            + ", ".join(p.label for p in places if p.point is None)
            + " : placée dans l'ordre des créneaux, sans temps de trajet."
        )
    if start is None:
        matrix = TravelMatrix(np.zeros((0, 0), np.int64), np.zeros((0, 0), np.int64))
        order = by_window(places)
        return order, timeline(order, matrix, service, None), tuple(notices)
    matrix = matrix_of(start, sorted(spots, key=lambda p: p.ref), travel)
    key = (start, tuple((p.ref, p.point, p.start, p.end) for p in spots), service, day)

    def search() -> tuple[int, ...] | None:
        assert start is not None
        found = optimised_order(start, spots, matrix, service, day)
        return None if found is None else tuple(p.ref for p in found)

    refs = _ORDERS.order(key, search)
    if refs is None:
        best = by_window(spots)
        if len(spots) > 1:
            notices.append(
                "Les créneaux ne peuvent pas tous être tenus avec les trajets : la journée "
                "suit l'ordre des créneaux, les retards sont signalés."
            )
    else:
        by_ref = {p.ref: p for p in spots}
        best = [by_ref[ref] for ref in refs]
    order = with_unlocated(best, places)
    return order, timeline(order, matrix, service, start), tuple(notices)


@dataclass(frozen=True)
class DayStop:
    """One visit of the day view: the visit's row, its times and how to get there."""

    position: int
    visit: dict[str, Any]
    arrival: time
    start: time
    departure: time
    travel_minutes: int | None
    distance_km: float | None
    late: bool
    geo_uri: str | None
    directions_url: str | None


@dataclass(frozen=True)
class DayView:
    installer_id: int
    installer_name: str
    day: date
    start_address: str
    leave_at: time | None
    back_at: time | None
    travel_minutes: int
    distance_km: float
    stops: tuple[DayStop, ...]
    notices: tuple[str, ...]


def geo_uri(point: Point, label: str) -> str:
    """A ``geo:`` link: the phone's navigation app opens on the home (RFC 5870, with a label)."""
    where = f"{point.lat:.6f},{point.lon:.6f}"
    return f"geo:{where}?q={where}({quote(label)})"


def directions_url(origin: Point | None, destination: Point) -> str:
    """OpenStreetMap's car directions from the previous place (or the home alone on the map)."""
    lat, lon = f"{destination.lat:.6f}", f"{destination.lon:.6f}"
    if origin is None:
        return f"{OSM}/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    since = f"{origin.lat:.6f}%2C{origin.lon:.6f}"
    return f"{OSM}/directions?engine=fossgis_osrm_car&route={since}%3B{lat}%2C{lon}"


async def _start_of(organisation_id: int) -> tuple[str, Point | None]:
    row = await Organisation.select().where(Organisation.id == organisation_id).first()
    if row is None:
        raise NotFound("Association introuvable.")
    if row["depot_latitude"] is None or row["depot_longitude"] is None:
        return row["depot_address"] or row["name"], None
    return row["depot_address"] or row["name"], Point(row["depot_latitude"], row["depot_longitude"])


async def day_view(scope: Scope, installer_id: int, day: date) -> DayView:
    """The booked visits of ``installer_id`` on ``day``, in travel order, with their times."""
    scope.require("residents:read", "de voir les visites à domicile")
    staff = await UserAccount.select().where(UserAccount.id == installer_id).first()
    if staff is None or not scope.can_read(staff["organisation"]):
        raise NotFound("Membre de l'équipe introuvable.")
    visits = await list_visits(scope, day=day, installer_id=installer_id, status=VisitStatus.BOOKED)
    start_address, start = await _start_of(staff["organisation"])
    places = [
        Place(
            row["id"],
            None
            if row["latitude"] is None or row["longitude"] is None
            else Point(row["latitude"], row["longitude"]),
            row["window_start"],
            row["window_end"],
            row["trainee_name"],
        )
        for row in visits
    ]
    settings = get_settings()
    service = timedelta(minutes=settings.visit_minutes)
    travel = travel_of(snapshot(settings.rounds, start or Point(0, 0)))
    _, line, notices = await asyncio.to_thread(plan_day, start, places, service, day, travel)
    rows = {row["id"]: row for row in visits}
    stops = []
    previous = start
    for position, timed in enumerate(line.stops, start=1):
        point = timed.place.point
        stops.append(
            DayStop(
                position=position,
                visit=rows[timed.place.ref],
                arrival=timed.arrival,
                start=timed.start,
                departure=timed.departure,
                travel_minutes=None if timed.travel_s is None else round(timed.travel_s / 60),
                distance_km=None if timed.distance_m is None else timed.distance_m / 1000,
                late=timed.late,
                geo_uri=None if point is None else geo_uri(point, timed.place.label),
                directions_url=None if point is None else directions_url(previous, point),
            )
        )
        previous = point or previous
    return DayView(
        installer_id=installer_id,
        installer_name=staff["full_name"],
        day=day,
        start_address=start_address,
        leave_at=line.leave_at,
        back_at=line.back_at,
        travel_minutes=round(line.travel_s / 60),
        distance_km=line.distance_m / 1000,
        stops=tuple(stops),
        notices=notices,
    )

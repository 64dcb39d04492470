"""The planning problem and its answer, as plain frozen dataclasses.

Stops carry an opaque ``ref`` chosen by the caller (a pickup request's id, say): this package
never learns what a donor or a device is. Times of day are ``datetime.time`` for people and
whole seconds since midnight inside the planner; loads are kilograms and cubic metres.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum

WEEKDAYS = frozenset(range(7))
WORKING_WEEK = frozenset(range(5))
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def seconds(moment: time) -> int:
    """Seconds since midnight: the planner's unit of time."""
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def clock(total_seconds: int) -> time:
    """The time of day ``total_seconds`` after midnight (the planner never crosses midnight)."""
    total_seconds = max(0, min(total_seconds, 24 * 3600 - 1))
    return time(total_seconds // 3600, total_seconds % 3600 // 60, total_seconds % 60)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class TimeWindow:
    """An opening interval of one day, e.g. 08:30-12:00."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Vehicle:
    """A car or a van of the collecting association, with the weekdays (0 = Monday) it is out.

    ``unload`` is the time the crew needs at the depot to empty the vehicle at the end of each
    trip (the last one included, which must end by the day's end). ``multiple_trips`` lets the
    vehicle come back to unload and leave again the same day, at most ``max_trips`` trips
    (``None``: as many as the day allows); a car that must not come back mid-day has it off.
    """

    id: str
    capacity_kg: float
    capacity_m3: float
    weekdays: frozenset[int] = WORKING_WEEK
    name: str = ""
    unload: timedelta = timedelta(0)
    multiple_trips: bool = True
    max_trips: int | None = None

    @property
    def unload_s(self) -> int:
        return int(self.unload.total_seconds())

    @property
    def max_reloads(self) -> int | None:
        """How many times it may unload between two trips (``None``: no limit)."""
        if not self.multiple_trips:
            return 0
        return None if self.max_trips is None else max(self.max_trips - 1, 0)


@dataclass(frozen=True)
class Stop:
    """A place to visit: a pickup at a donor's, seen only through ``ref``.

    ``opening`` maps a weekday (0 = Monday) to the windows the place is open that day; ``None``
    means open the whole working day. ``weekdays`` limits the days the visit may happen
    (``None``: any day). An optional stop (``mandatory=False``) is worth its ``priority`` and
    is left out only when the week is too full.
    """

    ref: str
    point: Point | None
    service: timedelta
    weight_kg: float = 0.0
    volume_m3: float = 0.0
    opening: Mapping[int, tuple[TimeWindow, ...]] | None = None
    weekdays: frozenset[int] | None = None
    mandatory: bool = True
    priority: int = 1
    label: str = ""

    @property
    def name(self) -> str:
        """How messages name the stop: its label when the caller gave one, else its ref."""
        return self.label or self.ref

    def windows_on(self, weekday: int, rules: WorkRules) -> tuple[TimeWindow, ...]:
        """When the place is open that weekday (the whole working day when not stated)."""
        if self.opening is None:
            return (TimeWindow(rules.day_start, rules.day_end),)
        return self.opening.get(weekday, ())


class LunchPlace(StrEnum):
    CREW = "crew"  # wherever the crew is when the break comes
    DEPOT = "depot"  # back at the depot


@dataclass(frozen=True)
class LunchBreak:
    """A break of ``minutes`` taken entirely between ``earliest`` and ``latest_end``."""

    minutes: int = 45
    earliest: time = time(11, 45)
    latest_end: time = time(14, 0)
    place: LunchPlace = LunchPlace.CREW


@dataclass(frozen=True)
class WorkRules:
    """The crew's working day: opening of the depot, longest day (lunch included).

    Whether a vehicle may do several trips a day is the vehicle's own setting (``Vehicle``).
    """

    day_start: time = time(8, 0)
    day_end: time = time(18, 0)
    max_day_minutes: int = 8 * 60
    lunch: LunchBreak | None = field(default_factory=LunchBreak)


@dataclass(frozen=True)
class SolverSettings:
    """How long to search and how much an optional stop is worth.

    The plan is reproducible for a given seed when ``max_iterations`` ends the search before
    ``time_limit_s`` does; a time limit alone depends on the machine's speed.
    """

    seed: int = 1
    time_limit_s: float = 1.5
    max_iterations: int | None = None
    prize_per_priority_m: int = 15_000


@dataclass(frozen=True)
class PlanningProblem:
    depot: Point
    days: tuple[date, ...]
    vehicles: tuple[Vehicle, ...]
    stops: tuple[Stop, ...]
    rules: WorkRules = field(default_factory=WorkRules)


class VisitKind(StrEnum):
    STOP = "stop"
    LUNCH = "lunch"
    UNLOAD = "unload"  # back at the depot to empty the vehicle: between two trips, or at the end


@dataclass(frozen=True)
class Visit:
    """One line of a round sheet; ``load_*`` is what the vehicle carries when it leaves.

    A stop keeps its opening windows of that day so that a manual move can be re-timed.
    """

    kind: VisitKind
    ref: str | None
    point: Point
    arrival: time
    start: time
    departure: time
    load_kg: float
    load_m3: float
    windows: tuple[TimeWindow, ...] = ()
    service: timedelta = timedelta(0)
    label: str = ""
    weight_kg: float = 0.0
    volume_m3: float = 0.0


@dataclass(frozen=True)
class Round:
    """What one vehicle does on one day: leave the depot, visit, come back."""

    vehicle: Vehicle
    day: date
    depot: Point
    departure: time
    return_: time
    visits: tuple[Visit, ...]
    distance_m: int
    duration_s: int

    @property
    def stop_refs(self) -> tuple[str, ...]:
        return tuple(v.ref for v in self.visits if v.kind is VisitKind.STOP and v.ref)


@dataclass(frozen=True)
class LeftOut:
    ref: str
    reason: str


@dataclass(frozen=True)
class Plan:
    rounds: tuple[Round, ...]
    left_out: tuple[LeftOut, ...]
    notices: tuple[str, ...] = ()

    @property
    def distance_m(self) -> int:
        return sum(r.distance_m for r in self.rounds)

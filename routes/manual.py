"""Re-time a round after a manager reordered it by hand, and say in French what it breaks.

The manager knows things the planner does not (a donor who called, a road closed), so a manual
order is never refused: it is timed as given and every broken rule becomes a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

from routes.matrix import TravelMatrix
from routes.model import (
    LunchPlace,
    Point,
    Round,
    TimeWindow,
    Visit,
    VisitKind,
    WorkRules,
    clock,
    seconds,
)

DEPOT = 0


@dataclass(frozen=True)
class RecomputedRound:
    round: Round
    warnings: tuple[str, ...]


def round_points(round_: Round) -> list[Point]:
    """The points a matrix for :func:`recompute` must cover: the depot, then each stop in order."""
    return [round_.depot, *(v.point for v in round_.visits if v.kind is VisitKind.STOP)]


def recompute(
    round_: Round, matrix: TravelMatrix, rules: WorkRules, departure: time | None = None
) -> RecomputedRound:
    """Times, loads, distance and duration of ``round_`` with its visits in their new order.

    ``matrix`` is indexed like :func:`round_points`. The lunch break is taken where the crew
    is, or at the depot, as ``rules`` say; an unload visit goes back to the depot and lasts
    the vehicle's unload time.
    """
    vehicle = round_.vehicle
    warnings: list[str] = []
    now = seconds(departure or round_.departure)
    place = DEPOT
    next_stop = 1
    distance_m = 0
    load_kg = load_m3 = 0.0
    visits: list[Visit] = []
    for visit in round_.visits:
        if visit.kind is VisitKind.STOP:
            target, next_stop = next_stop, next_stop + 1
        elif visit.kind is VisitKind.LUNCH and rules.lunch and rules.lunch.place is LunchPlace.CREW:
            target = place
        else:
            target = DEPOT
        arrival = now + int(matrix.duration_s[place, target])
        distance_m += int(matrix.distance_m[place, target])
        place = target
        if visit.kind is VisitKind.STOP:
            service_s = int(visit.service.total_seconds())
            start = _service_start(arrival, service_s, visit.windows)
            if start is None:
                start = arrival
                warnings.append(
                    f"{visit.label or visit.ref} : arrivée à {clock(arrival):%H:%M}, "
                    f"hors des horaires d'ouverture ({_windows(visit.windows)})"
                )
            load_kg += visit.weight_kg
            load_m3 += visit.volume_m3
            if load_kg > vehicle.capacity_kg + 1e-9 or load_m3 > vehicle.capacity_m3 + 1e-9:
                warnings.append(
                    f"{visit.label or visit.ref} : capacité de {vehicle.name or vehicle.id} "
                    f"dépassée ({load_kg:g} kg / {vehicle.capacity_kg:g} kg, "
                    f"{load_m3:g} m³ / {vehicle.capacity_m3:g} m³)"
                )
            end = start + service_s
        elif visit.kind is VisitKind.LUNCH:
            start, end = _lunch(arrival, rules, warnings)
        else:
            load_kg = load_m3 = 0.0
            start, end = arrival, arrival + vehicle.unload_s
        point = round_.depot if target == DEPOT else _point_of(round_, visits, visit, target)
        visits.append(
            replace(
                visit,
                point=point,
                arrival=clock(arrival),
                start=clock(start),
                departure=clock(end),
                load_kg=load_kg,
                load_m3=load_m3,
            )
        )
        now = end
    back = now + int(matrix.duration_s[place, DEPOT])
    distance_m += int(matrix.distance_m[place, DEPOT])
    warnings += _day_warnings(round_, rules, seconds(departure or round_.departure), back)
    recomputed = replace(
        round_,
        departure=departure or round_.departure,
        return_=clock(back),
        visits=tuple(visits),
        distance_m=distance_m,
        duration_s=back - seconds(departure or round_.departure),
    )
    return RecomputedRound(recomputed, tuple(warnings))


def _service_start(arrival: int, service_s: int, windows: tuple[TimeWindow, ...]) -> int | None:
    """The earliest start, waiting for opening if need be, that ends loading before closing."""
    for window in windows:
        start = max(arrival, seconds(window.start))
        if start + service_s <= seconds(window.end):
            return start
    return None


def _lunch(arrival: int, rules: WorkRules, warnings: list[str]) -> tuple[int, int]:
    if rules.lunch is None:
        return arrival, arrival
    length_s = rules.lunch.minutes * 60
    start = max(arrival, seconds(rules.lunch.earliest))
    if start + length_s > seconds(rules.lunch.latest_end):
        warnings.append(
            f"Pause déjeuner à {clock(start):%H:%M} : elle doit finir avant "
            f"{rules.lunch.latest_end:%H:%M}"
        )
    return start, start + length_s


def _day_warnings(round_: Round, rules: WorkRules, departure: int, back: int) -> list[str]:
    warnings = []
    if back - departure > rules.max_day_minutes * 60:
        hours, minutes = divmod((back - departure) // 60, 60)
        warnings.append(
            f"Journée de {hours} h {minutes:02d} : plus longue que "
            f"{rules.max_day_minutes // 60} h {rules.max_day_minutes % 60:02d} autorisées"
        )
    if departure < seconds(rules.day_start) or back > seconds(rules.day_end):
        warnings.append(
            f"Tournée de {clock(departure):%H:%M} à {clock(back):%H:%M} : hors de la journée "
            f"de travail ({rules.day_start:%H:%M}-{rules.day_end:%H:%M})"
        )
    if rules.lunch and not any(v.kind is VisitKind.LUNCH for v in round_.visits):
        warnings.append("Pas de pause déjeuner dans la tournée")
    return warnings


def _point_of(round_: Round, done: list[Visit], visit: Visit, target: int) -> Point:
    """A stop keeps its point; a lunch where the crew is happens at the last place visited."""
    if visit.kind is VisitKind.STOP:
        return visit.point
    stops = [v for v in done if v.kind is VisitKind.STOP]
    return stops[target - 1].point if stops and target > 0 else round_.depot


def _windows(windows: tuple[TimeWindow, ...]) -> str:
    return ", ".join(str(w) for w in windows) or "fermé ce jour-là"

"""An independent feasibility checker: re-derives every rule from the problem, not the solver.

It trusts neither PyVRP's report nor the loads and windows copied into the plan: loads are
summed from the problem's stops, windows looked up in the stops' opening hours, travel times
asked of the travel estimate pair by pair, unload times and trips read from the vehicles.
The benchmark (bench/week.py) checks every solver's plan with it, and the tests use it too
(``from bench.week_check import violations``).
"""

from __future__ import annotations

from datetime import time

from routes.matrix import estimate_matrix
from routes.model import (
    LunchPlace,
    Plan,
    PlanningProblem,
    Point,
    Round,
    VisitKind,
)

TOLERANCE_S = 1  # the plan prints whole seconds


def s(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def travel_s(a: Point, b: Point) -> int:
    return int(estimate_matrix([a, b]).duration_s[0, 1])


def violations(problem: PlanningProblem, plan: Plan) -> list[str]:
    """Every broken rule of the plan, in words; an empty list for a feasible plan."""
    found: list[str] = []
    refs = [ref for round_ in plan.rounds for ref in round_.stop_refs]
    if len(refs) != len(set(refs)):
        found.append(f"a stop is visited twice: {sorted(refs)}")
    left = [item.ref for item in plan.left_out]
    every = {stop.ref for stop in problem.stops}
    if set(refs) & set(left) or set(refs) | set(left) != every or len(left) != len(set(left)):
        found.append("planned and left-out stops do not partition the requests")
    used = [(r.vehicle.id, r.day) for r in plan.rounds]
    if len(used) != len(set(used)):
        found.append("a vehicle has two rounds the same day")
    for round_ in plan.rounds:
        found += [
            f"{round_.vehicle.id} {round_.day}: {v}" for v in _round_violations(problem, round_)
        ]
    return found


def _round_violations(problem: PlanningProblem, round_: Round) -> list[str]:
    rules = problem.rules
    stops = {stop.ref: stop for stop in problem.stops}
    weekday = round_.day.weekday()
    found = []
    if weekday not in round_.vehicle.weekdays:
        found.append("vehicle not available that day")
    departure, back = s(round_.departure), s(round_.return_)
    if departure < s(rules.day_start) or back > s(rules.day_end):
        found.append(f"outside the working day: {round_.departure}-{round_.return_}")
    if back - departure > rules.max_day_minutes * 60:
        found.append(f"day too long: {(back - departure) / 3600:.2f} h")
    place, free_at = round_.depot, departure
    load_kg = load_m3 = 0.0
    lunches = 0
    found += _trip_violations(round_)
    for visit in round_.visits:
        arrival, start, leave = s(visit.arrival), s(visit.start), s(visit.departure)
        if arrival + TOLERANCE_S < free_at + travel_s(place, visit.point):
            found.append(f"{visit.ref or visit.kind}: arrives before it could")
        if start < arrival:
            found.append(f"{visit.ref or visit.kind}: starts before arriving")
        if visit.kind is VisitKind.STOP:
            stop = stops[visit.ref or ""]
            if stop.weekdays is not None and weekday not in stop.weekdays:
                found.append(f"{stop.ref}: visited on a day it is not allowed")
            service_s = int(stop.service.total_seconds())
            if leave != start + service_s:
                found.append(f"{stop.ref}: service time not respected")
            if stop.opening is None:
                opening = [(s(rules.day_start), s(rules.day_end))]
            else:
                opening = [(s(w.start), s(w.end)) for w in stop.opening.get(weekday, ())]
            if not any(opens <= start and leave <= closes for opens, closes in opening):
                found.append(f"{stop.ref}: loading {visit.start}-{visit.departure} while closed")
            load_kg += stop.weight_kg
            load_m3 += stop.volume_m3
            if (
                load_kg > round_.vehicle.capacity_kg + 1e-9
                or load_m3 > round_.vehicle.capacity_m3 + 1e-9
            ):
                found.append(f"{stop.ref}: overloaded ({load_kg} kg, {load_m3} m3)")
        elif visit.kind is VisitKind.UNLOAD:
            if visit.point != round_.depot:
                found.append("unloading away from the depot")
            if leave - start < round_.vehicle.unload_s:
                found.append(
                    f"unload of {(leave - start) // 60} min at {visit.start}, "
                    f"shorter than the vehicle's {round_.vehicle.unload_s // 60} min"
                )
            load_kg = load_m3 = 0.0
        else:
            lunches += 1
            lunch = rules.lunch
            if lunch is None:
                found.append("a lunch break nobody asked for")
                continue
            if leave - start != lunch.minutes * 60:
                found.append(f"lunch of {(leave - start) // 60} min")
            if start < s(lunch.earliest) or leave > s(lunch.latest_end):
                found.append(f"lunch {visit.start}-{visit.departure} outside its window")
            if lunch.place is LunchPlace.DEPOT and visit.point != round_.depot:
                found.append("lunch away from the depot")
        place, free_at = visit.point, leave
    if back + TOLERANCE_S < free_at + travel_s(place, round_.depot):
        found.append("back at the depot before it could")
    if rules.lunch and lunches != 1:
        found.append(f"{lunches} lunch breaks")
    return found


def _trip_violations(round_: Round) -> list[str]:
    """Reloads the vehicle may not do, and a last trip left loaded when unloading takes time."""
    vehicle = round_.vehicle
    kinds = [visit.kind for visit in round_.visits]
    # An unload followed by a stop is a reload: the vehicle leaves again for another trip.
    reloads = sum(
        1
        for i, kind in enumerate(kinds)
        if kind is VisitKind.UNLOAD and VisitKind.STOP in kinds[i + 1 :]
    )
    found = []
    if reloads and not vehicle.multiple_trips:
        found.append(f"{reloads} reload(s) for a vehicle that does one trip a day")
    elif vehicle.max_trips is not None and reloads + 1 > vehicle.max_trips:
        found.append(f"{reloads + 1} trips, more than the vehicle's {vehicle.max_trips}")
    last_stop = max((i for i, kind in enumerate(kinds) if kind is VisitKind.STOP), default=-1)
    unloaded = VisitKind.UNLOAD in kinds[last_stop + 1 :]
    if vehicle.unload_s and last_stop >= 0 and not unloaded:
        found.append("the last trip is not unloaded at the depot")
    return found

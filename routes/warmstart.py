"""A first plan from VROOM (pyvroom), for PyVRP to start from.

On generated weeks with optional requests (bench/week.py, 5 s), PyVRP alone, started from a
random plan, placed 42 of 47 mandatory requests of a 150-request week where VROOM placed all 47
and more optional ones, on fewer kilometres. VROOM has no reloads, so its plan has one trip a
vehicle a day, which is a feasible PyVRP plan of the same week: PyVRP then goes on from it
(and may add trips). VROOM serves by priority first (mandatory requests 100, optional ones
their priority), then the shortest distance.

A VROOM plan is read into PyVRP's clients of ``routes.formulation``: a visit becomes the client
of its stop's slot that contains its start; a break becomes its vehicle-day's break client at
the place VROOM took it (before or after driving to the next task, as its times say), which
``first_plan`` returns so that ``formulate`` makes it a candidate. The timing models agree
(same matrix, windows, unload before the day's end), so the plan reads back feasible; one that
does not is simply not used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from pyvrp import Activity, ActivityType, Route, Solution

from routes.formulation import Formulation, StopClient
from routes.matrix import TravelMatrix
from routes.model import PlanningProblem, seconds
from routes.screening import DAY_S, Screened

MANDATORY_PRIORITY = 100
# VROOM's exploration level 5 builds many first solutions before its timeout can end the search:
# at 150 requests and 2.4 s it took 3.5 to 7.8 s on a busy 2-core machine and placed 80
# requests, where level 1 took 2.5 s and placed 84. A short budget gets level 1.
SHORT_BUDGET_S = 10.0


def available() -> bool:
    try:
        import vroom  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class FirstPlan:
    """VROOM's rounds by index of ``screened.vehicle_days``: ("job", location, start) and
    ("break", location, start) steps, and where each vehicle-day took its break."""

    steps: dict[int, list[tuple[str, int, int]]]
    lunch_places: dict[int, set[int]]


def first_plan(
    problem: PlanningProblem,
    screened: Screened,
    matrix: TravelMatrix,
    time_limit_s: float | None,
) -> FirstPlan | None:
    """VROOM's plan of the week (None without pyvroom).

    ``time_limit_s=None`` lets VROOM finish its (level 1) search, whatever the time it takes:
    the only way its plan is the same on a busy machine as on a quiet one.
    """
    if not available():
        return None
    import vroom

    rules, lunch = problem.rules, screened.lunch
    model = vroom.Input()
    model.set_durations_matrix("car", matrix.duration_s)
    model.set_distances_matrix("car", matrix.distance_m)
    model.set_costs_matrix("car", matrix.distance_m)
    for number, (vehicle, day) in enumerate(screened.vehicle_days):
        offset = day * DAY_S
        breaks = []
        if lunch:
            length = lunch.minutes * 60
            window = vroom.TimeWindow(
                offset + seconds(lunch.earliest), offset + seconds(lunch.latest_end) - length
            )
            breaks.append(vroom.Break(number, [window], service=length))
        model.add_vehicle(
            vroom.Vehicle(
                number,
                start=0,
                end=0,
                capacity=[math.floor(vehicle.capacity_kg), math.floor(vehicle.capacity_m3 * 1000)],
                time_window=vroom.TimeWindow(
                    offset + seconds(rules.day_start),
                    offset + seconds(rules.day_end) - vehicle.unload_s,
                ),
                breaks=breaks,
            )
        )
    for location, (stop, slots) in enumerate(screened.stops, start=1):
        model.add_job(
            vroom.Job(
                location,
                location,
                default_service=int(stop.service.total_seconds()),
                pickup=vroom.Amount([math.ceil(stop.weight_kg), math.ceil(stop.volume_m3 * 1000)]),
                priority=MANDATORY_PRIORITY if stop.mandatory else min(stop.priority, 99),
                time_windows=[vroom.TimeWindow(s.earliest_s, s.latest_s) for s in slots],
            )
        )
    if time_limit_s is None:
        table = model.solve(exploration_level=1, nb_threads=1).routes
    else:
        timeout = timedelta(seconds=max(time_limit_s, 0.1))
        level = 1 if time_limit_s < SHORT_BUDGET_S else 5
        table = model.solve(exploration_level=level, nb_threads=1, timeout=timeout).routes
    plan = FirstPlan({}, {})
    for number in range(len(screened.vehicle_days)):
        rows = list(table[table["vehicle_id"] == number].itertuples())
        if not any(row.type == "job" for row in rows):
            continue
        steps = plan.steps.setdefault(number, [])
        where, free = 0, 0
        for position, row in enumerate(rows):
            start = int(row.arrival) + int(row.waiting_time)
            if row.type == "start":
                free = start
            elif row.type == "job":
                where, free = int(row.id), start + int(row.service)
                steps.append(("job", where, start))
            elif row.type == "break":
                after = next(r for r in rows[position + 1 :] if r.type != "break")
                going = int(after.id) if after.type == "job" else 0
                if start >= free + int(matrix.duration_s[where, going]):
                    where = going  # VROOM drove on, then stopped for lunch
                free = start + int(row.service)
                steps.append(("break", where, start))
                plan.lunch_places.setdefault(number, set()).add(where)
    return plan


def as_solution(formulation: Formulation, plan: FirstPlan) -> Solution:
    """``plan`` in PyVRP's terms; a vehicle-day VROOM left idle keeps its lunch at the depot."""
    stop_clients: dict[int, list[tuple[int, StopClient]]] = {}
    break_clients: dict[int, dict[int, int]] = {}  # vehicle type -> location -> client
    vehicle_types = {
        (vehicle.id, day): index for index, (vehicle, day) in enumerate(formulation.vehicle_days)
    }
    for index, meaning in enumerate(formulation.clients):
        if isinstance(meaning, StopClient):
            stop_clients.setdefault(meaning.location, []).append((index, meaning))
        else:
            vehicle_type = vehicle_types[meaning.vehicle.id, meaning.day]
            break_clients.setdefault(vehicle_type, {})[meaning.location] = index
    routes = []
    for vehicle_type in range(len(formulation.vehicle_days)):
        visits = []
        for kind, location, start in plan.steps.get(vehicle_type, []):
            if kind == "job":
                visits.append(_slot_client(stop_clients[location], start))
            else:
                candidates = break_clients[vehicle_type]
                visits.append(candidates.get(location, candidates.get(0, -1)))
        if not visits and vehicle_type in break_clients:
            visits.append(break_clients[vehicle_type].get(0, -1))
        visits = [v for v in visits if v >= 0]
        if visits:
            activities = [Activity(ActivityType.CLIENT, client) for client in visits]
            routes.append(Route(formulation.data, activities, vehicle_type))
    return Solution(formulation.data, routes)


def _slot_client(clients: list[tuple[int, StopClient]], start: int) -> int:
    """The client of the stop whose slot contains ``start`` (VROOM kept to the windows)."""
    for index, meaning in clients:
        if meaning.slot.earliest_s <= start <= meaning.slot.latest_s:
            return index
    return clients[0][0]

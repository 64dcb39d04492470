"""Translation of a screened week into PyVRP's ``ProblemData``.

Modelling choices, all within what PyVRP 0.14 supports natively:

- **A week is one problem.** Each (vehicle, day) is a vehicle type with ``num_available=1``
  whose shift window is that day's working hours on a time axis that starts on the first
  day at midnight (day *k* is offset by *k* × 86 400 s). ``shift_duration`` is the longest
  working day. A vehicle type per day keeps every day's round a separate PyVRP route.
- **A stop may happen on several days or in several opening windows.** PyVRP has one time
  window per client, so each (stop, slot) is a client and the clients of one stop form a
  mutually exclusive ``ClientGroup`` (at most one slot is used, earning the stop's prize).
- **Mandatory stops** are required (``mandatory_required``) or worth a prize far above any
  optional stop's: a week where they cannot all fit still gets the plan with as many as fit,
  and the search stays feasible (see ``MANDATORY_PRIZE_M``). ``routes.optimiser`` decides.
- **Several trips a day** use PyVRP's reload depots: the vehicle may come back to the depot
  to unload and leave again, its load starting from zero, as many times as its
  ``max_reloads``; a vehicle without ``multiple_trips`` has no reload depot.
- **Unloading takes time.** PyVRP 0.14 has a ``service_duration`` on a depot but applies it
  when a trip *starts* (it is meant for loading), and per depot, not per vehicle. A vehicle
  unloads when a trip *ends*. Both are reconciled exactly: there is one PyVRP depot per
  distinct unload time, all at the depot's location, each with that service duration; and
  each vehicle-day's shift window is moved ``unload`` earlier. The service at the start of
  the route then stands for the unload at the end of the day (same length, so the route's
  duration is the working day's), and the service at a reload is the unload that ends the
  trip before it. A route that PyVRP times from ``S`` to ``E`` is the crew leaving at
  ``S + unload`` and done at ``E + unload``; ``routes.optimiser`` reads it back that way.
- **The lunch break** is a required group of "break clients" per (vehicle, day), served for
  the break's length inside the lunch window. Each break client sits on an existing
  location, so the travel around it is exact: with the break taken at the depot there is
  one candidate (the depot); taken wherever the crew is, there is one candidate at every
  stop location open that day (break right after or before that stop costs no travel).
  Breaks are tied to their vehicle by a load dimension per vehicle: the break "weighs" 1 in
  its vehicle's dimension, where only that vehicle has capacity 1. Time-window tightening
  was rejected: it fixes the break's time and cannot say where the crew is. To keep the
  instance small, a stop location is a candidate only when a visit there can end or begin
  next to the break window, and only one per square of ``LUNCH_CELL_DEG`` a day: eating
  a kilometre from the last stop costs a short drive, not a wrong plan (the travel
  to and from the candidate is still exact).
- Loads are whole kilograms and litres, rounded up for stops and down for vehicles, so a
  plan the solver finds feasible is feasible in real units.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from pyvrp import Client, ClientGroup, Depot, Location, ProblemData, VehicleType

from routes.matrix import TravelMatrix
from routes.model import LunchPlace, PlanningProblem, Stop, Vehicle, seconds
from routes.screening import DAY_S, Screened, Slot

# A mandatory stop's prize must beat any optional stop and any detour, yet stay within reach of
# PyVRP's penalties (``max_penalty``, per unit of excess load or second of lateness): with
# 10 000 000 and PyVRP's default bound of 100 000 the search preferred overloaded rounds that
# visit everything (121 kg excess on a 150-request week) and never found a feasible one.
# ``routes.optimiser`` raises the bound to ``PENALTY_BOUND_FACTOR`` times the prize.
MANDATORY_PRIZE_M = 1_000_000
PENALTY_BOUND_FACTOR = 100
UNLIMITED_RELOADS = int(np.iinfo(np.uint64).max)  # PyVRP's own default
LUNCH_CELL_DEG = 0.015  # about 1.7 km by 1.2 km around Chambéry


@dataclass(frozen=True)
class StopClient:
    stop: Stop
    slot: Slot
    location: int


@dataclass(frozen=True)
class BreakClient:
    vehicle: Vehicle
    day: int
    location: int


@dataclass(frozen=True)
class Formulation:
    """The PyVRP data and what each of its clients and vehicle types stands for."""

    data: ProblemData
    clients: tuple[StopClient | BreakClient, ...]
    vehicle_days: tuple[tuple[Vehicle, int], ...]
    mandatory_prize: int


Alternatives = list[dict[str, Any]]  # keyword arguments of the PyVRP clients of one group


def formulate(
    problem: PlanningProblem,
    screened: Screened,
    travel: TravelMatrix,
    prize_per_priority_m: int,
    mandatory_required: bool = False,
    lunch_places: Mapping[int, Collection[int]] | None = None,
) -> Formulation:
    """Build the PyVRP instance. ``travel`` covers the depot then each screened stop, in order.

    An optional stop is worth ``priority × prize_per_priority_m`` (0: not worth a detour).
    ``lunch_places`` adds break candidates, by index in ``screened.vehicle_days``: the places
    of a first plan's breaks (``routes.warmstart``), so that plan reads back exactly.
    """
    vehicle_ids = list(dict.fromkeys(v.id for v, _ in screened.vehicle_days))
    unloads = list(dict.fromkeys([0, *(v.unload_s for v in problem.vehicles)]))
    max_prize = max((s.priority for s, _ in screened.stops), default=1) * prize_per_priority_m
    mandatory_prize = max(
        MANDATORY_PRIZE_M, 20 * max_prize, 4 * int(travel.distance_m.max(initial=0))
    )
    tokens = len(vehicle_ids) if screened.lunch else 0
    locations = [Location(problem.depot.lon, problem.depot.lat, name="depot")]
    clients: list[Client] = []
    meaning: list[StopClient | BreakClient] = []
    groups: list[ClientGroup] = []

    def add(
        alternatives: Alternatives, meanings: list[StopClient | BreakClient], required: bool
    ) -> None:
        """One client, or a mutually exclusive group when there is a choice of slots."""
        group = None
        if len(alternatives) > 1:
            group = len(groups)
            groups.append(ClientGroup(required=required))
        for fields in alternatives:
            if group is not None:
                groups[group].add_client(len(clients))
            clients.append(Client(**fields, required=required and group is None, group=group))
        meaning.extend(meanings)

    for location, (stop, slots) in enumerate(screened.stops, start=1):
        assert stop.point is not None  # screened
        locations.append(Location(stop.point.lon, stop.point.lat, name=stop.ref))
        required = stop.mandatory and mandatory_required
        prize = mandatory_prize if stop.mandatory else stop.priority * prize_per_priority_m
        prize = 0 if required else prize
        fields = dict(
            location=location,
            pickup=[math.ceil(stop.weight_kg), math.ceil(stop.volume_m3 * 1000), *[0] * tokens],
            service_duration=int(stop.service.total_seconds()),
            prize=prize,
            name=stop.ref,
        )
        add(
            [{**fields, "tw_early": s.earliest_s, "tw_late": s.latest_s} for s in slots],
            [StopClient(stop, slot, location) for slot in slots],
            required,
        )

    if lunch := screened.lunch:
        open_at = _lunch_locations(screened)
        length_s = lunch.minutes * 60
        for vehicle_day, (vehicle, day) in enumerate(screened.vehicle_days):
            token = [0] * (2 + tokens)
            token[2 + vehicle_ids.index(vehicle.id)] = 1
            candidates = [0]
            if lunch.place is LunchPlace.CREW:
                extra = (lunch_places or {}).get(vehicle_day, ())
                candidates = sorted({0, *open_at.get(day, []), *extra})
            fields = dict(
                pickup=token,
                service_duration=length_s,
                tw_early=day * DAY_S + seconds(lunch.earliest),
                tw_late=day * DAY_S + seconds(lunch.latest_end) - length_s,
                name=f"lunch {vehicle.id} {day}",
            )
            add(
                [{**fields, "location": location} for location in candidates],
                [BreakClient(vehicle, day, location) for location in candidates],
                True,
            )

    vehicle_types = [
        _vehicle_type(
            problem,
            vehicle,
            day,
            (vehicle_ids.index(vehicle.id), tokens),
            unloads.index(vehicle.unload_s),
        )
        for vehicle, day in screened.vehicle_days
    ]
    # pyvrp's stubs type a matrix ``ndarray[int]``, which numpy reads as a shape, hence the ignores.
    data = ProblemData(
        locations=locations,
        clients=clients,
        depots=[
            Depot(location=0, service_duration=unload_s, name=f"depot {unload_s}")
            for unload_s in unloads
        ],
        vehicle_types=vehicle_types,
        distance_matrices=[np.ascontiguousarray(travel.distance_m, dtype=np.int64)],  # type: ignore[list-item]
        duration_matrices=[np.ascontiguousarray(travel.duration_s, dtype=np.int64)],  # type: ignore[list-item]
        groups=groups,
    )
    return Formulation(data, tuple(meaning), screened.vehicle_days, mandatory_prize)


def _lunch_locations(screened: Screened) -> dict[int, list[int]]:
    """For each day, the stop locations where the break may be taken (see the module's doc).

    A stop qualifies when a visit there may end by the break's latest start or begin after
    the shortest break: waiting hours at a donor's for lunch would never be chosen anyway.
    """
    lunch = screened.lunch
    assert lunch is not None
    length_s = lunch.minutes * 60
    earliest, latest_end = seconds(lunch.earliest), seconds(lunch.latest_end)
    cells: dict[int, dict[tuple[int, int], int]] = {}
    for location, (stop, slots) in enumerate(screened.stops, start=1):
        assert stop.point is not None  # screened
        cell = (
            math.floor(stop.point.lat / LUNCH_CELL_DEG),
            math.floor(stop.point.lon / LUNCH_CELL_DEG),
        )
        service_s = int(stop.service.total_seconds())
        for slot in slots:
            start, end = slot.earliest_s % DAY_S, slot.latest_s % DAY_S
            ends_before = start + service_s <= latest_end - length_s and end + service_s >= (
                earliest - length_s
            )
            begins_after = end >= earliest + length_s and start <= latest_end + length_s
            if ends_before or begins_after:
                cells.setdefault(slot.day, {}).setdefault(cell, location)
    return {day: sorted(found.values()) for day, found in cells.items()}


def _vehicle_type(
    problem: PlanningProblem,
    vehicle: Vehicle,
    day: int,
    token: tuple[int, int],
    depot: int,
) -> VehicleType:
    """The vehicle on one day; its shift starts ``unload`` early (see the module's doc)."""
    rules = problem.rules
    position, tokens = token
    token_capacity = [int(i == position) for i in range(tokens)]
    unload_s = vehicle.unload_s
    reloads = vehicle.max_reloads
    return VehicleType(
        num_available=1,
        capacity=[
            math.floor(vehicle.capacity_kg),
            math.floor(vehicle.capacity_m3 * 1000),
            *token_capacity,
        ],
        start_depot=depot,
        end_depot=depot,
        tw_early=day * DAY_S + seconds(rules.day_start) - unload_s,
        tw_late=day * DAY_S + seconds(rules.day_end) - unload_s,
        shift_duration=rules.max_day_minutes * 60,
        reload_depots=[depot] if reloads != 0 else [],
        max_reloads=UNLIMITED_RELOADS if reloads is None else reloads,
        name=f"{vehicle.id} {day}",
    )

"""Translation of a screened week into PyVRP's ``ProblemData``.

Modelling choices, all within what PyVRP 0.14 supports natively:

- **A week is one problem.** Each (vehicle, day) is a vehicle type with ``num_available=1``
  whose shift window is that day's working hours on a time axis that starts on the first
  day at midnight (day *k* is offset by *k* × 86 400 s). ``shift_duration`` is the longest
  working day. A vehicle type per day keeps every day's round a separate PyVRP route.
- **A stop may happen on several days or in several opening windows.** PyVRP has one time
  window per client, so each (stop, slot) is a client and the clients of one stop form a
  mutually exclusive ``ClientGroup``: required for a mandatory stop (exactly one slot is
  used), optional otherwise (at most one, earning the stop's prize).
- **Several trips a day** use PyVRP's reload depots: the vehicle may come back to the depot
  to unload and leave again, its load starting from zero.
- **The lunch break** is a required group of "break clients" per (vehicle, day), served for
  the break's length inside the lunch window. Each break client sits on an existing
  location, so the travel around it is exact: with the break taken at the depot there is
  one candidate (the depot); taken wherever the crew is, there is one candidate at every
  stop location open that day (break right after or before that stop costs no travel).
  Breaks are tied to their vehicle by a load dimension per vehicle: the break "weighs" 1 in
  its vehicle's dimension, where only that vehicle has capacity 1. Time-window tightening
  was rejected: it fixes the break's time and cannot say where the crew is.
- Loads are whole kilograms and litres, rounded up for stops and down for vehicles, so a
  plan the solver finds feasible is feasible in real units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from pyvrp import Client, ClientGroup, Depot, Location, ProblemData, VehicleType

from routes.matrix import TravelMatrix
from routes.model import LunchPlace, PlanningProblem, Stop, Vehicle, seconds
from routes.screening import DAY_S, Screened, Slot

MANDATORY_FALLBACK_PRIZE_M = 10_000_000


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


Alternatives = list[dict[str, Any]]  # keyword arguments of the PyVRP clients of one group


def formulate(
    problem: PlanningProblem,
    screened: Screened,
    travel: TravelMatrix,
    prize_per_priority_m: int,
    mandatory_as_prize: bool = False,
) -> Formulation:
    """Build the PyVRP instance. ``travel`` covers the depot then each screened stop, in order.

    ``mandatory_as_prize`` turns mandatory stops into optional ones worth a huge prize: the
    fallback when no plan visits them all, so the solver still returns a feasible week.
    """
    vehicle_ids = list(dict.fromkeys(v.id for v, _ in screened.vehicle_days))
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
        required = stop.mandatory and not mandatory_as_prize
        prize = 0 if required else stop.priority * prize_per_priority_m
        if stop.mandatory and mandatory_as_prize:
            prize = MANDATORY_FALLBACK_PRIZE_M
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
        open_at = _open_locations(screened)
        length_s = lunch.minutes * 60
        for vehicle, day in screened.vehicle_days:
            token = [0] * (2 + tokens)
            token[2 + vehicle_ids.index(vehicle.id)] = 1
            candidates = [0]
            if lunch.place is LunchPlace.CREW:
                candidates += open_at.get(day, [])
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
        _vehicle_type(problem, vehicle, day, vehicle_ids.index(vehicle.id), tokens)
        for vehicle, day in screened.vehicle_days
    ]
    # pyvrp's stubs type a matrix ``ndarray[int]``, which numpy reads as a shape, hence the ignores.
    data = ProblemData(
        locations=locations,
        clients=clients,
        depots=[Depot(location=0, name="depot")],
        vehicle_types=vehicle_types,
        distance_matrices=[np.ascontiguousarray(travel.distance_m, dtype=np.int64)],  # type: ignore[list-item]
        duration_matrices=[np.ascontiguousarray(travel.duration_s, dtype=np.int64)],  # type: ignore[list-item]
        groups=groups,
    )
    return Formulation(data, tuple(meaning), screened.vehicle_days)


def _open_locations(screened: Screened) -> dict[int, list[int]]:
    """For each day, the locations of the stops that may be visited that day."""
    open_at: dict[int, list[int]] = {}
    for location, (_, slots) in enumerate(screened.stops, start=1):
        for day in sorted({slot.day for slot in slots}):
            open_at.setdefault(day, []).append(location)
    return open_at


def _vehicle_type(
    problem: PlanningProblem, vehicle: Vehicle, day: int, position: int, tokens: int
) -> VehicleType:
    rules = problem.rules
    token_capacity = [int(i == position) for i in range(tokens)]
    return VehicleType(
        num_available=1,
        capacity=[
            math.floor(vehicle.capacity_kg),
            math.floor(vehicle.capacity_m3 * 1000),
            *token_capacity,
        ],
        tw_early=day * DAY_S + seconds(rules.day_start),
        tw_late=day * DAY_S + seconds(rules.day_end),
        shift_duration=rules.max_day_minutes * 60,
        reload_depots=[0] if rules.multiple_trips else [],
        name=f"{vehicle.id} {day}",
    )

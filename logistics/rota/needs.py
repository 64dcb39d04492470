"""What the week needs (pure): a crew for each published round, sized by its load, and the
depot's half-days (sorting, weighing, TRIRA lots, labels) that fill the remaining hours."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, time, timedelta

from logistics.rota.model import Slot, SlotKind
from logistics.rota.settings import RotaSettings

SEATS = {"van": 3, "car": 5}
"""Who fits in the vehicle, driver included: the crew's upper bound."""


def minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


@dataclass(frozen=True)
class RoundNeed:
    """A published round as the rota sees it; weights and volumes are the plan's estimates."""

    round_id: int
    number: int  # "tournée 2" of that day
    vehicle: str
    vehicle_kind: str
    day: date
    departure: time
    return_at: time
    weight_kg: float
    volume_m3: float
    lunch_minutes: int  # the break taken on the way (0 when the round has none)


def crew_size(weight_kg: float, volume_m3: float, settings: RotaSettings, seats: int) -> int:
    """Enough people to load safely: one per ``kg_per_person`` or ``m3_per_person``, at least
    ``min_crew``, never more than the seats."""
    by_load = max(
        math.ceil(weight_kg / settings.kg_per_person), math.ceil(volume_m3 / settings.m3_per_person)
    )
    return min(max(settings.min_crew, by_load), seats)


def round_slot(need: RoundNeed, settings: RotaSettings) -> Slot:
    seats = SEATS.get(need.vehicle_kind, 3)
    size = crew_size(need.weight_kg, need.volume_m3, settings, seats)
    start, end = minutes(need.departure), minutes(need.return_at)
    return Slot(
        f"round-{need.round_id}",
        SlotKind.ROUND,
        f"tournée {need.number} ({need.vehicle})",
        need.day,
        start,
        end,
        max(0, end - start - need.lunch_minutes),
        size,
        min(seats, size + 1),
        needs_driver=True,
        needs_lead=True,
        heavy=need.weight_kg >= settings.heavy_kg,
        includes_lunch=need.lunch_minutes > 0,
    )


def depot_slots(monday: date, settings: RotaSettings) -> list[Slot]:
    """The depot's morning and afternoon of each working day of the week."""
    found = []
    for weekday in settings.depot_weekdays:
        day = monday + timedelta(days=weekday - 1)
        halves = (("matin", settings.depot_morning), ("après-midi", settings.depot_afternoon))
        for half, (start, end) in halves:
            first, last = minutes(start), minutes(end)
            found.append(
                Slot(
                    f"depot-{day.isoformat()}-{'am' if half == 'matin' else 'pm'}",
                    SlotKind.DEPOT,
                    f"dépôt {half}",
                    day,
                    first,
                    last,
                    last - first,
                    settings.depot_min_people,
                    settings.depot_max_people,
                )
            )
    return found

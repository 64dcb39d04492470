"""Screening of the input before solving: what cannot be planned, and why, in French.

A bad stop or vehicle never stops the planning: it is set aside with a message naming it,
and the rest of the week is planned. The solver then only sees stops that fit at least one
vehicle on at least one day, through their *slots*: the intervals of a day when the crew
may start loading there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from routes.model import (
    WEEKDAY_NAMES,
    LeftOut,
    LunchBreak,
    PlanningProblem,
    Stop,
    TimeWindow,
    Vehicle,
    WorkRules,
    seconds,
)

DAY_S = 24 * 3600


@dataclass(frozen=True)
class Slot:
    """When service may start at a stop on one day of the week, in seconds since Monday 0:00."""

    day: int  # index in PlanningProblem.days
    window: TimeWindow
    earliest_s: int
    latest_s: int


@dataclass(frozen=True)
class Screened:
    stops: tuple[tuple[Stop, tuple[Slot, ...]], ...]
    vehicle_days: tuple[tuple[Vehicle, int], ...]
    left_out: tuple[LeftOut, ...]
    notices: tuple[str, ...]
    lunch: LunchBreak | None  # None also when the break cannot fit in the working day


def screen(problem: PlanningProblem) -> Screened:
    """Split the problem into what the solver gets and what is reported to the manager."""
    weekdays = [day.weekday() for day in problem.days]
    vehicle_days = tuple(
        (vehicle, index)
        for vehicle in problem.vehicles
        for index, weekday in enumerate(weekdays)
        if weekday in vehicle.weekdays
    )
    notices = tuple(
        f"Véhicule {vehicle.name or vehicle.id} : aucun jour disponible dans la semaine."
        for vehicle in problem.vehicles
        if not any(v is vehicle for v, _ in vehicle_days)
    )
    working_days = {day for _, day in vehicle_days}
    plannable: list[tuple[Stop, tuple[Slot, ...]]] = []
    left_out: list[LeftOut] = []
    for stop in problem.stops:
        reason = _unplannable_reason(stop, problem.vehicles)
        slots = () if reason else _slots(stop, problem, weekdays)
        if not reason and not slots:
            reason = f"{stop.name} : fermé ou non autorisé tous les jours de la semaine planifiée"
        if not reason and not any(slot.day in working_days for slot in slots):
            reason = f"{stop.name} : aucun véhicule disponible ce jour-là"
        if reason:
            left_out.append(LeftOut(stop.ref, reason))
        else:
            plannable.append((stop, tuple(s for s in slots if s.day in working_days)))
    lunch = problem.rules.lunch
    if lunch and not _lunch_fits(problem.rules, lunch):
        notices += (
            f"Pause déjeuner de {lunch.minutes} min entre {lunch.earliest:%H:%M} et "
            f"{lunch.latest_end:%H:%M} impossible dans la journée de travail : non planifiée.",
        )
        lunch = None
    return Screened(tuple(plannable), vehicle_days, tuple(left_out), notices, lunch)


def _lunch_fits(rules: WorkRules, lunch: LunchBreak) -> bool:
    opens = max(seconds(lunch.earliest), seconds(rules.day_start))
    closes = min(seconds(lunch.latest_end), seconds(rules.day_end))
    return closes - opens >= lunch.minutes * 60


def _unplannable_reason(stop: Stop, vehicles: tuple[Vehicle, ...]) -> str | None:
    if stop.point is None or not (math.isfinite(stop.point.lat) and math.isfinite(stop.point.lon)):
        return f"{stop.name} : pas de coordonnées (adresse non localisée)"
    for weekday, windows in (stop.opening or {}).items():
        for window in windows:
            if window.end <= window.start:
                return (
                    f"{stop.name} : fenêtre horaire incohérente le {WEEKDAY_NAMES[weekday]} "
                    f"({window}, la fin précède le début)"
                )
    if not vehicles:
        return f"{stop.name} : aucun véhicule disponible ce jour-là"
    heaviest_kg = max(v.capacity_kg for v in vehicles)
    if stop.weight_kg > heaviest_kg:
        return (
            f"{stop.name} : plus lourd que tout véhicule "
            f"({stop.weight_kg:g} kg > {heaviest_kg:g} kg)"
        )
    largest_m3 = max(v.capacity_m3 for v in vehicles)
    if stop.volume_m3 > largest_m3:
        return (
            f"{stop.name} : plus volumineux que tout véhicule "
            f"({stop.volume_m3:g} m³ > {largest_m3:g} m³)"
        )
    if not any(
        stop.weight_kg <= v.capacity_kg and stop.volume_m3 <= v.capacity_m3 for v in vehicles
    ):
        return f"{stop.name} : aucun véhicule assez grand à la fois en poids et en volume"
    return None


def _slots(stop: Stop, problem: PlanningProblem, weekdays: list[int]) -> tuple[Slot, ...]:
    """Service-start intervals: opening windows cut to the working day, minus the service time.

    Loading must end before the place closes and before the crew's day ends.
    """
    rules = problem.rules
    service_s = int(stop.service.total_seconds())
    slots = []
    for index, weekday in enumerate(weekdays):
        if stop.weekdays is not None and weekday not in stop.weekdays:
            continue
        for window in stop.windows_on(weekday, rules):
            earliest = max(seconds(window.start), seconds(rules.day_start))
            latest = min(seconds(window.end), seconds(rules.day_end)) - service_s
            if latest >= earliest:
                offset = index * DAY_S
                slots.append(Slot(index, window, offset + earliest, offset + latest))
    return tuple(slots)

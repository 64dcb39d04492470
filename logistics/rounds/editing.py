"""What every manual change of a draft plan shares: load the draft, find or open the target
round, re-time a round in its new order and write it back.

A target is an existing round, or a vehicle and a day of the plan's week with no round yet
(``NewRound``): the round is then opened, leaving the depot at the start of the working day
with its lunch break, so a manager can send a second vehicle out without re-planning the week.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from inventory.errors import Conflict, IllegalTransition, Invalid, NotFound
from inventory.scope import Scope
from logistics.rounds.storage import (
    depot_of,
    round_columns,
    round_of,
    rules_of,
    stop_columns,
    stop_row,
    travel_of,
)
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundPlan, RoundStop, Vehicle
from routes.manual import recompute, round_points
from routes.model import WEEKDAY_NAMES, Visit, VisitKind

PLAN_DAYS = 7  # a manual change may use the weekend when a vehicle goes out then


@dataclass(frozen=True)
class NewRound:
    """A vehicle and a day of the plan's week that have no round yet."""

    vehicle_id: int
    day: date


Target = int | NewRound  # a round's id, or the round to open


def target_of(round_id: int | None, vehicle_id: int | None, day: date | None) -> Target:
    """The target a form or a request names: a round, or a vehicle and a day."""
    if round_id is not None:
        return round_id
    if vehicle_id is not None and day is not None:
        return NewRound(vehicle_id, day)
    raise Invalid("Choisissez une tournée, ou un véhicule et un jour pour en ouvrir une.")


async def plan_to_change(scope: Scope, plan_id: int, status: PlanStatus) -> dict[str, Any]:
    """The plan, if the caller may change it and it is in ``status``."""
    plan = await RoundPlan.select().where(RoundPlan.id == plan_id).first().output(load_json=True)
    if plan is None:
        raise NotFound("Planning introuvable.")
    scope.check_write(plan["organisation"], "Planning")
    if plan["status"] != status:
        raise IllegalTransition(
            "Ce planning est publié : reprenez-le pour le modifier."
            if plan["status"] == PlanStatus.PUBLISHED
            else "Ce planning n'est pas publié."
        )
    return plan


async def draft_plan(scope: Scope, plan_id: int) -> dict[str, Any]:
    return await plan_to_change(scope, plan_id, PlanStatus.DRAFT)


async def round_rows(round_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    round_row = await PlannedRound.select().where(PlannedRound.id == round_id).first()
    if round_row is None:
        raise NotFound("Tournée introuvable.")
    rows = (
        await RoundStop.select()
        .where(RoundStop.planned_round == round_id)
        .order_by(RoundStop.position)
        .output(load_json=True)
    )
    return round_row, rows


async def target_round(
    plan: dict[str, Any], target: Target
) -> tuple[dict[str, Any], list[dict[str, Any]], tuple[str, ...]]:
    """The target round of ``plan`` with its rows, opened if need be, and any warning."""
    warnings: tuple[str, ...] = ()
    if isinstance(target, NewRound):
        round_id, warnings = await _open_round(plan, target)
    else:
        round_id = target
    round_row, rows = await round_rows(round_id)
    if round_row["plan"] != plan["id"]:
        raise NotFound("Tournée introuvable dans ce planning.")
    return round_row, rows, warnings


async def _open_round(plan: dict[str, Any], wanted: NewRound) -> tuple[int, tuple[str, ...]]:
    vehicle = (
        await Vehicle.select()
        .where(Vehicle.id == wanted.vehicle_id, Vehicle.organisation == plan["organisation"])
        .first()
        .output(load_json=True)
    )
    if vehicle is None:
        raise NotFound("Véhicule introuvable.")
    if not vehicle["active"]:
        raise Conflict(f"Véhicule {vehicle['name']} : hors service, il ne peut pas sortir.")
    week_start = plan["week_start"]
    if not week_start <= wanted.day < week_start + timedelta(days=PLAN_DAYS):
        raise Invalid(
            f"Le {wanted.day:%d/%m/%Y} n'est pas dans la semaine du {week_start:%d/%m/%Y}."
        )
    existing = await PlannedRound.select(PlannedRound.id).where(
        PlannedRound.plan == plan["id"],
        PlannedRound.vehicle == wanted.vehicle_id,
        PlannedRound.day == wanted.day,
    )
    if existing:
        return existing[0]["id"], ()
    snap = plan["settings"]
    departure = time.fromisoformat(snap["day_start"])
    rows = await PlannedRound.insert(
        PlannedRound(
            organisation=plan["organisation"],
            plan=plan["id"],
            vehicle=wanted.vehicle_id,
            day=wanted.day,
            departure=departure,
            return_at=departure,
        )
    )
    round_id = rows[0]["id"]
    if snap["lunch"] is not None:
        lunch = Visit(VisitKind.LUNCH, None, depot_of(snap), departure, departure, departure, 0, 0)
        await RoundStop.insert(stop_row(plan["organisation"], round_id, lunch, 1))
    weekday = WEEKDAY_NAMES[wanted.day.weekday()]
    if wanted.day.isoweekday() not in vehicle["weekdays"]:
        return round_id, (f"Véhicule {vehicle['name']} : il ne sort pas le {weekday}",)
    return round_id, ()


async def retime(
    plan: dict[str, Any],
    round_row: dict[str, Any],
    rows: list[dict[str, Any]],
    visits: list[Visit],
    noted: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Recompute one round with ``visits`` in this order, and write rows, times and warnings
    (``noted`` ones first: what the change itself broke, such as a day the donor refuses);
    a round left with no pickup is removed."""
    snap = plan["settings"]
    vehicle = (
        await Vehicle.select()
        .where(Vehicle.id == round_row["vehicle"])
        .first()
        .output(load_json=True)
    )
    round_ = round_of(round_row, vehicle, depot_of(snap), visits)
    if not any(v.kind is VisitKind.STOP for v in visits):
        await RoundStop.delete().where(RoundStop.planned_round == round_row["id"])
        await PlannedRound.delete().where(PlannedRound.id == round_row["id"])
        return ()
    matrix = await asyncio.to_thread(travel_of(snap), round_points(round_))
    timed = recompute(round_, matrix, rules_of(snap))
    for position, (row, visit) in enumerate(zip(rows, timed.round.visits, strict=True), start=1):
        await RoundStop.update(
            planned_round=round_row["id"], **stop_columns(visit, position)
        ).where(RoundStop.id == row["id"])
    warnings = noted + timed.warnings
    await PlannedRound.update(**round_columns(timed.round, warnings)).where(
        PlannedRound.id == round_row["id"]
    )
    return warnings

"""Changes to a plan: a stop moved by hand (times recomputed, rules checked), and publishing.

A manual order is never refused (the manager knows things the planner does not): it is timed
with ``routes.manual.recompute`` under the plan's own rules and every broken rule becomes a
warning kept on the round until the next move.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from typing import Any

from inventory.errors import IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.statuses import PickupStatus
from inventory.tables import Donor, PickupRequest
from logistics.rounds.stops import opening
from logistics.rounds.storage import (
    depot_of,
    round_columns,
    round_of,
    rules_of,
    stop_columns,
    travel_of,
    visit_of,
)
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundPlan, RoundStop, Vehicle
from routes.manual import recompute, round_points
from routes.model import WEEKDAY_NAMES, Visit, VisitKind


async def _draft(scope: Scope, plan_id: int) -> dict[str, Any]:
    plan = await RoundPlan.select().where(RoundPlan.id == plan_id).first().output(load_json=True)
    if plan is None:
        raise NotFound("Planning introuvable.")
    scope.check_write(plan["organisation"], "Planning")
    if plan["status"] != PlanStatus.DRAFT:
        raise IllegalTransition("Ce planning est déjà publié : il ne peut plus être modifié.")
    return plan


async def _windows_for_day(visit: Visit, donor_id: int | None, day: date) -> Visit:
    """A stop moved to another day takes that day's opening hours."""
    if donor_id is None:
        return visit
    donor = await Donor.select(Donor.opening_hours).where(Donor.id == donor_id).first()
    hours = opening(donor["opening_hours"] if donor else None)
    if hours is None:
        return replace(visit, windows=())
    return replace(visit, windows=hours.get(day.weekday(), ()))


async def _retime(
    plan: dict[str, Any], round_row: dict[str, Any], rows: list[dict[str, Any]], visits: list[Visit]
) -> tuple[str, ...]:
    """Recompute one round with ``visits`` in this order, and write rows, times and warnings."""
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
            {RoundStop.planned_round: round_row["id"], **stop_columns(visit, position)}
        ).where(RoundStop.id == row["id"])
    await PlannedRound.update(round_columns(timed.round, timed.warnings)).where(
        PlannedRound.id == round_row["id"]
    )
    return timed.warnings


async def _round_rows(round_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
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


async def move_stop(
    scope: Scope,
    plan_id: int,
    stop_id: int,
    target_round_id: int,
    position: int,
    circumstances: Circumstances,
) -> tuple[str, ...]:
    """Put a visit at ``position`` (1 = first) of a round of the same plan; returns the warnings
    of the rounds it touched, in French."""
    async with RoundPlan._meta.db.transaction():
        plan = await _draft(scope, plan_id)
        moving = (
            await RoundStop.select().where(RoundStop.id == stop_id).first().output(load_json=True)
        )
        if moving is None:
            raise NotFound("Arrêt introuvable.")
        source, source_rows = await _round_rows(moving["planned_round"])
        target, target_rows = await _round_rows(target_round_id)
        if source["plan"] != plan_id or target["plan"] != plan_id:
            raise NotFound("Arrêt ou tournée introuvable dans ce planning.")
        if moving["kind"] != VisitKind.STOP:
            raise Invalid("Seuls les arrêts chez les donateurs se déplacent à la main.")
        source_rows = [r for r in source_rows if r["id"] != stop_id]
        if source["id"] == target["id"]:
            target_rows = source_rows
        index = max(0, min(position - 1, len(target_rows)))
        target_rows.insert(index, moving)
        visit = visit_of(moving)
        warnings: tuple[str, ...] = ()
        if source["day"] != target["day"]:
            visit = await _windows_for_day(visit, moving["donor"], target["day"])
            warnings += await _weekday_warning(moving, target["day"])
            warnings += await _retime(plan, source, source_rows, [visit_of(r) for r in source_rows])
        elif source["id"] != target["id"]:
            warnings += await _retime(plan, source, source_rows, [visit_of(r) for r in source_rows])
        target_visits = [visit if r["id"] == stop_id else visit_of(r) for r in target_rows]
        warnings += await _retime(plan, target, target_rows, target_visits)
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "move_stop",
            circumstances,
            comment=f"{moving['label']} : tournée {target['id']}, position {index + 1}",
            details={"stop": stop_id, "round": target["id"], "warnings": list(warnings)},
        )
    return warnings


async def _weekday_warning(stop: dict[str, Any], day: date) -> tuple[str, ...]:
    if stop["pickup_request"] is None:
        return ()
    request = (
        await PickupRequest.select(PickupRequest.allowed_weekdays)
        .where(PickupRequest.id == stop["pickup_request"])
        .first()
        .output(load_json=True)
    )
    allowed = request["allowed_weekdays"] if request else []
    if allowed and day.isoweekday() not in allowed:
        weekday = WEEKDAY_NAMES[day.weekday()]
        return (f"{stop['label']} : le donateur n'accepte pas de visite le {weekday}",)
    return ()


async def publish_plan(scope: Scope, plan_id: int, circumstances: Circumstances) -> None:
    """Agents now see the rounds; the pickup requests visited are planned."""
    async with RoundPlan._meta.db.transaction():
        plan = await _draft(scope, plan_id)
        rows = await RoundStop.select(RoundStop.pickup_request, RoundStop.label).where(
            RoundStop.planned_round.plan == plan_id,
            RoundStop.pickup_request.is_not_null(),
        )
        request_ids = [row["pickup_request"] for row in rows]
        statuses = await PickupRequest.select(PickupRequest.id, PickupRequest.status).where(
            PickupRequest.id.is_in(request_ids or [-1])
        )
        for row in statuses:
            if row["status"] != PickupStatus.REQUESTED:
                label = next(r["label"] for r in rows if r["pickup_request"] == row["id"])
                raise IllegalTransition(
                    f"{label} : la demande est déjà {PickupStatus(row['status']).label} ; "
                    "replanifiez la semaine sans elle."
                )
        await PickupRequest.update({PickupRequest.status: PickupStatus.PLANNED}).where(
            PickupRequest.id.is_in(request_ids or [-1])
        )
        await RoundPlan.update(
            {
                RoundPlan.status: PlanStatus.PUBLISHED,
                RoundPlan.published_at: circumstances.at,
                RoundPlan.published_by_name: scope.actor_name,
            }
        ).where(RoundPlan.id == plan_id)
        organisation = plan["organisation"]
        await record(
            scope,
            organisation,
            "round_plan",
            plan_id,
            "publish",
            circumstances,
            from_state=PlanStatus.DRAFT,
            to_state=PlanStatus.PUBLISHED,
        )
        for request_id in request_ids:
            await record(
                scope,
                organisation,
                "pickup_request",
                request_id,
                "plan",
                circumstances,
                from_state=PickupStatus.REQUESTED,
                to_state=PickupStatus.PLANNED,
                details={"round_plan": plan_id},
            )

"""Changes to a plan: a stop moved by hand (times recomputed, rules checked), publishing, and
taking a published plan back to change it.

A manual order is never refused (the manager knows things the planner does not): it is timed
with ``routes.manual.recompute`` under the plan's own rules and every broken rule becomes a
warning kept on the round until the next move.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

from inventory.errors import IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.statuses import PickupStatus
from inventory.tables import Collection, PickupRequest
from logistics.rounds.editing import (
    Target,
    day_windows,
    draft_plan,
    plan_to_change,
    retime,
    round_rows,
    target_round,
)
from logistics.rounds.storage import visit_of
from logistics.rounds.tables import PlanStatus, RoundPlan, RoundStop
from routes.model import WEEKDAY_NAMES, VisitKind


async def move_stop(
    scope: Scope,
    plan_id: int,
    stop_id: int,
    target: Target,
    position: int,
    circumstances: Circumstances,
) -> tuple[str, ...]:
    """Put a visit at ``position`` (1 = first) of a round of the same plan, or of a round opened
    for a vehicle and day with none yet; returns the warnings of the rounds it touched."""
    async with RoundPlan._meta.db.transaction():
        plan = await draft_plan(scope, plan_id)
        moving = (
            await RoundStop.select().where(RoundStop.id == stop_id).first().output(load_json=True)
        )
        if moving is None:
            raise NotFound("Arrêt introuvable.")
        source, source_rows = await round_rows(moving["planned_round"])
        if source["plan"] != plan_id:
            raise NotFound("Arrêt introuvable dans ce planning.")
        if moving["kind"] != VisitKind.STOP:
            raise Invalid("Seuls les arrêts chez les donateurs se déplacent à la main.")
        target_row, target_rows, noted = await target_round(plan, target)
        source_rows = [r for r in source_rows if r["id"] != stop_id]
        if source["id"] == target_row["id"]:
            target_rows = source_rows
        index = max(0, min(position - 1, len(target_rows)))
        target_rows.insert(index, moving)
        visit = visit_of(moving)
        if source["day"] != target_row["day"]:
            windows = await day_windows(moving["donor"], target_row["day"], plan["settings"])
            visit = replace(visit, windows=windows)
            noted += await _weekday_warning(moving, target_row["day"])
        warnings: tuple[str, ...] = ()
        if source["id"] != target_row["id"]:
            warnings += await retime(plan, source, source_rows, [visit_of(r) for r in source_rows])
        target_visits = [visit if r["id"] == stop_id else visit_of(r) for r in target_rows]
        warnings += await retime(plan, target_row, target_rows, target_visits, noted)
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "move_stop",
            circumstances,
            comment=f"{moving['label']} : tournée {target_row['id']}, position {index + 1}",
            details={"stop": stop_id, "round": target_row["id"], "warnings": list(warnings)},
        )
    return warnings


async def set_departure(
    scope: Scope, plan_id: int, round_id: int, departure: time, circumstances: Circumstances
) -> tuple[str, ...]:
    """Leave the depot at ``departure`` instead of the time the plan gave (a round opened by
    hand starts when the depot opens, even if its first donor opens at ten): every time of the
    round is recomputed and its warnings come back."""
    async with RoundPlan._meta.db.transaction():
        plan = await draft_plan(scope, plan_id)
        rules = plan["settings"]
        opens, closes = (time.fromisoformat(rules[key]) for key in ("day_start", "day_end"))
        if not opens <= departure < closes:
            raise Invalid(
                f"Le départ se fait entre l'ouverture du dépôt ({opens:%H:%M}) et la fin de "
                f"journée ({closes:%H:%M})."
            )
        round_row, rows = await round_rows(round_id)
        if round_row["plan"] != plan_id:
            raise NotFound("Tournée introuvable dans ce planning.")
        # retime writes the round's times, its new departure included.
        round_row = {**round_row, "departure": departure}
        warnings = await retime(plan, round_row, rows, [visit_of(r) for r in rows])
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "departure",
            circumstances,
            comment=f"tournée {round_id} : départ {departure:%H:%M}",
            details={"round": round_id, "warnings": list(warnings)},
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


async def _visited_requests(plan_id: int) -> dict[int, str]:
    """The pickup requests a plan visits, with their stops' labels."""
    stops = await RoundStop.select(RoundStop.pickup_request, RoundStop.label).where(
        RoundStop.planned_round.plan == plan_id,
        RoundStop.pickup_request.is_not_null(),
    )
    return {row["pickup_request"]: row["label"] for row in stops}


async def _record_requests_moved(
    scope: Scope,
    plan: dict[str, Any],
    request_ids: list[int],
    action: str,
    states: tuple[PickupStatus, PickupStatus],
    circumstances: Circumstances,
) -> None:
    for request_id in request_ids:
        await record(
            scope,
            plan["organisation"],
            "pickup_request",
            request_id,
            action,
            circumstances,
            from_state=states[0],
            to_state=states[1],
            details={"round_plan": plan["id"]},
        )


async def publish_plan(scope: Scope, plan_id: int, circumstances: Circumstances) -> None:
    """Agents now see the rounds; the pickup requests visited are planned."""
    async with RoundPlan._meta.db.transaction():
        plan = await draft_plan(scope, plan_id)
        labels = await _visited_requests(plan_id)
        request_ids = list(labels)
        statuses = await PickupRequest.select(PickupRequest.id, PickupRequest.status).where(
            PickupRequest.id.is_in(request_ids or [-1])
        )
        for row in statuses:
            if row["status"] != PickupStatus.REQUESTED:
                raise IllegalTransition(
                    f"{labels[row['id']]} : la demande est déjà "
                    f"{PickupStatus(row['status']).label} ; replanifiez la semaine sans elle."
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
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "publish",
            circumstances,
            from_state=PlanStatus.DRAFT,
            to_state=PlanStatus.PUBLISHED,
        )
        await _record_requests_moved(
            scope,
            plan,
            request_ids,
            "plan",
            (PickupStatus.REQUESTED, PickupStatus.PLANNED),
            circumstances,
        )


async def withdraw_plan(
    scope: Scope, plan_id: int, reason: str, circumstances: Circumstances
) -> None:
    """Take a published plan back to draft, to change it (a van broke down, a driver is ill).

    Only before any collection was started at one of its stops: once an agent has logged
    hardware against a round, that round is the record of what happened. Agents no longer see
    the rounds; the requests still planned are open again and planned anew on publishing.
    """
    if not reason.strip():
        raise Invalid("Un motif est obligatoire pour reprendre un planning publié.")
    async with RoundPlan._meta.db.transaction():
        plan = await plan_to_change(scope, plan_id, PlanStatus.PUBLISHED)
        labels = await _visited_requests(plan_id)
        started = await Collection.select(Collection.pickup_request).where(
            Collection.pickup_request.is_in(list(labels) or [-1])
        )
        if started:
            raise IllegalTransition(
                f"{labels[started[0]['pickup_request']]} : une collecte a déjà commencé ; "
                "ce planning ne peut plus être repris."
            )
        reopened = await (
            PickupRequest.update({PickupRequest.status: PickupStatus.REQUESTED})
            .where(
                PickupRequest.id.is_in(list(labels) or [-1]),
                PickupRequest.status == PickupStatus.PLANNED,
            )
            .returning(PickupRequest.id)
        )
        await RoundPlan.update(
            {
                RoundPlan.status: PlanStatus.DRAFT,
                RoundPlan.published_at: None,
                RoundPlan.published_by_name: "",
            }
        ).where(RoundPlan.id == plan_id)
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "withdraw",
            circumstances,
            from_state=PlanStatus.PUBLISHED,
            to_state=PlanStatus.DRAFT,
            comment=reason.strip(),
        )
        await _record_requests_moved(
            scope,
            plan,
            [row["id"] for row in reopened],
            "unplan",
            (PickupStatus.PLANNED, PickupStatus.REQUESTED),
            circumstances,
        )

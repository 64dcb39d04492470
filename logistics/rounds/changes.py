"""Changes to a plan: a stop moved by hand (times recomputed, rules checked), publishing, and
taking a published plan back to change it. What these mean for the visited subjects (a pickup
request planned, open again) is their kind's part (``logistics.rounds.subjects``).

A manual order is never refused (the manager knows things the planner does not): it is timed
with ``routes.manual.recompute`` under the plan's own rules and every broken rule becomes a
warning kept on the round until the next move.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from inventory.engine import write_transaction
from inventory.errors import Conflict, IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.rounds.editing import (
    Target,
    draft_plan,
    plan_to_change,
    retime,
    round_rows,
    target_round,
)
from logistics.rounds.kinds import KINDS
from logistics.rounds.planning import already_gone
from logistics.rounds.storage import rules_of, visit_of
from logistics.rounds.subjects import SubjectRef, by_kind
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundPlan, RoundStop
from routes.model import VisitKind


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
    async with write_transaction(RoundPlan):
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
            subject = SubjectRef.of_row(moving)
            assert subject is not None  # only visits move, and a visit has a subject
            windows, broken = await KINDS[subject.kind].on_day(
                subject.id, moving["label"], target_row["day"], rules_of(plan["settings"])
            )
            visit = replace(visit, windows=windows)
            noted += broken
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
    async with write_transaction(RoundPlan):
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


async def _visited(plan_id: int) -> dict[str, dict[int, str]]:
    """The subjects a plan visits, by kind, with their stops' labels."""
    stops = await RoundStop.select(
        RoundStop.subject_kind, RoundStop.subject_id, RoundStop.label
    ).where(
        RoundStop.planned_round.plan == plan_id,
        RoundStop.subject_kind.is_not_null(),
    )
    labels = {SubjectRef(row["subject_kind"], row["subject_id"]): row["label"] for row in stops}
    return by_kind(labels)


async def _check_departures(plan_id: int, circumstances: Circumstances) -> None:
    """Refuse a round of today leaving at a time already gone: its crew would be late before
    starting. The plan page warns of it beside the departure to shift."""
    rounds = await PlannedRound.select(
        PlannedRound.day, PlannedRound.departure, PlannedRound.vehicle.name.as_alias("vehicle")
    ).where(PlannedRound.plan == plan_id)
    if gone := already_gone(rounds, circumstances.at):
        first = gone[0]
        raise Conflict(
            f"La tournée d'aujourd'hui ({first['vehicle']}) part à {first['departure']:%H:%M}, "
            "heure déjà passée : changez son heure de départ avant de publier."
        )


async def publish_plan(scope: Scope, plan_id: int, circumstances: Circumstances) -> None:
    """Agents now see the rounds; each kind marks its subjects as in a round (the pickup
    requests visited are planned), or refuses when one can no longer be."""
    async with write_transaction(RoundPlan):
        plan = await draft_plan(scope, plan_id)
        await _check_departures(plan_id, circumstances)
        visited = await _visited(plan_id)
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
        for name, subjects in visited.items():
            await KINDS[name].publish(scope, plan, subjects, circumstances)


async def withdraw_plan(
    scope: Scope, plan_id: int, reason: str, circumstances: Circumstances
) -> None:
    """Take a published plan back to draft, to change it (a van broke down, a driver is ill).

    Only before any visit was started at one of its stops (a collection opened): once an agent
    has logged hardware against a round, that round is the record of what happened. Agents no
    longer see the rounds; the subjects still in them wait for a round again (the pickup
    requests still planned are open again) and are planned anew on publishing.
    """
    if not reason.strip():
        raise Invalid("Un motif est obligatoire pour reprendre un planning publié.")
    async with write_transaction(RoundPlan):
        plan = await plan_to_change(scope, plan_id, PlanStatus.PUBLISHED)
        visited = await _visited(plan_id)
        for name, subjects in visited.items():
            started = await KINDS[name].started(subjects)
            if started:
                raise IllegalTransition(f"{started} ; ce planning ne peut plus être repris.")
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
        for name, subjects in visited.items():
            await KINDS[name].withdraw(scope, plan, subjects, circumstances)

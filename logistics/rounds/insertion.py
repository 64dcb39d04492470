"""Put a left-out stop (a pickup request, say) into a round by hand.

The planner leaves a stop out when the week is full or a rule forbids it; the manager may
know better (the donor will wait, the crew will stay late). Like a move, the insertion is
never refused for breaking a rule: the round is re-timed and every broken rule is a warning.
It is refused only when the stop cannot be drawn at all (a donor with no coordinates).
"""

from __future__ import annotations

from datetime import timedelta

from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.rounds.editing import Target, draft_plan, retime, target_round
from logistics.rounds.kinds import KINDS
from logistics.rounds.planning import WORKING_DAYS
from logistics.rounds.storage import rules_of, stop_row, visit_of
from logistics.rounds.subjects import SubjectRef
from logistics.rounds.tables import LeftOutRequest, RoundPlan, RoundStop
from routes.model import WEEKDAY_NAMES, Visit, VisitKind


async def insert_left_out(
    scope: Scope,
    plan_id: int,
    subject: SubjectRef,
    target: Target,
    position: int,
    circumstances: Circumstances,
) -> tuple[str, ...]:
    """Put a subject the plan left out at ``position`` (1 = first) of a round, or of a round
    opened for a vehicle and day; returns the round's warnings, in French."""
    async with write_transaction(RoundPlan):
        plan = await draft_plan(scope, plan_id)
        left_out = await LeftOutRequest.select(LeftOutRequest.id).where(
            LeftOutRequest.plan == plan_id,
            LeftOutRequest.subject_kind == subject.kind,
            LeftOutRequest.subject_id == subject.id,
        )
        if not left_out:
            raise NotFound("Cette demande n'est pas parmi les demandes non planifiées.")
        kind = KINDS[subject.kind]
        round_row, rows, noted = await target_round(plan, target)
        day = round_row["day"]
        week = [plan["week_start"] + timedelta(days=i) for i in range(WORKING_DAYS)]
        found = await kind.stops(plan["organisation"], [subject.id], week, fresh=False)
        stop = found[subject.id]
        if stop.point is None:
            raise Invalid(f"{stop.label} : {kind.unlocated}.")
        if stop.weekdays is not None and day.weekday() not in stop.weekdays:
            noted += (
                f"{stop.label} : visite le {WEEKDAY_NAMES[day.weekday()]} {day:%d/%m}, hors des "
                "jours possibles ou des dates souhaitées de la demande",
            )
        start = round_row["departure"]
        visit = Visit(
            VisitKind.STOP,
            subject.key,
            stop.point,
            start,
            start,
            start,
            0.0,
            0.0,
            windows=stop.windows_on(day.weekday(), rules_of(plan["settings"])),
            service=stop.service,
            label=stop.label,
            weight_kg=stop.weight_kg,
            volume_m3=stop.volume_m3,
        )
        row = stop_row(plan["organisation"], round_row["id"], visit, 0)
        new_id = (await RoundStop.insert(row))[0]["id"]
        index = max(0, min(position - 1, len(rows)))
        rows.insert(index, {"id": new_id})
        visits = [visit if r["id"] == new_id else visit_of(r) for r in rows]
        warnings = await retime(plan, round_row, rows, visits, noted)
        await LeftOutRequest.delete().where(LeftOutRequest.id == left_out[0]["id"])
        await record(
            scope,
            plan["organisation"],
            "round_plan",
            plan_id,
            "insert_stop",
            circumstances,
            comment=f"{stop.label} : tournée {round_row['id']}, position {index + 1}",
            details={
                subject.kind: subject.id,
                "round": round_row["id"],
                "warnings": list(warnings),
            },
        )
    return warnings

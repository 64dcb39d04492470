"""Reading plans and rounds, for managers (drafts too) and for agents (published only).

Agents see only published plans of their association; a draft, or another association's plan,
is "not found" for them, so its existence does not leak. The caller's scope decides
(``rounds:drafts``), so every reader of a plan follows the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inventory.errors import NotFound
from inventory.scope import Scope
from logistics.rounds.crew import crew_warnings, crews_of
from logistics.rounds.kinds import KINDS
from logistics.rounds.tables import LeftOutRequest, PlannedRound, PlanStatus, RoundPlan, RoundStop


@dataclass
class RoundView:
    """A round with its visits in order; each stop row carries what its kind tells of the
    place (``subjects.DETAIL_KEYS``: name, address, contact, opening hours, access notes)."""

    row: dict[str, Any]
    stops: list[dict[str, Any]] = field(default_factory=list)
    crew: list[dict[str, Any]] = field(default_factory=list)  # driver first
    crew_warnings: list[str] = field(default_factory=list)

    @property
    def pickups(self) -> list[dict[str, Any]]:
        return [s for s in self.stops if s["kind"] == "stop"]


@dataclass
class PlanView:
    plan: dict[str, Any]
    rounds: list[RoundView]
    left_out: list[dict[str, Any]]

    @property
    def distance_m(self) -> int:
        return sum(r.row["distance_m"] for r in self.rounds)


def _visible(scope: Scope) -> list[Any]:
    where = [scope.readable_where(RoundPlan.organisation)]
    if not scope.may("rounds:drafts"):
        where.append(RoundPlan.status == PlanStatus.PUBLISHED)
    return where


async def list_plans(scope: Scope) -> list[dict[str, Any]]:
    """Plans newest week first, with their number of rounds."""
    plans = (
        await RoundPlan.select(
            *RoundPlan.all_columns(), RoundPlan.organisation.name.as_alias("organisation_name")
        )
        .where(*_visible(scope))
        .order_by(RoundPlan.week_start, ascending=False)
        .order_by(RoundPlan.id, ascending=False)
        .output(load_json=True)
    )
    counts: dict[int, int] = defaultdict(int)
    ids = [p["id"] for p in plans] or [-1]
    for row in await PlannedRound.select(PlannedRound.plan).where(PlannedRound.plan.is_in(ids)):
        counts[row["plan"]] += 1
    return [{**plan, "rounds": counts[plan["id"]]} for plan in plans]


ROUND_COLUMNS = (
    *PlannedRound.all_columns(),
    PlannedRound.vehicle.name.as_alias("vehicle_name"),
    PlannedRound.vehicle.kind.as_alias("vehicle_kind"),
    PlannedRound.plan.week_start.as_alias("week_start"),
)


async def _rounds(*where: Any) -> list[RoundView]:
    rows = (
        await PlannedRound.select(*ROUND_COLUMNS)
        .where(*where)
        .order_by(PlannedRound.day)
        .order_by(PlannedRound.vehicle)
        .output(load_json=True)
    )
    views = {row["id"]: RoundView(row) for row in rows}
    stops = (
        await RoundStop.select()
        .where(RoundStop.planned_round.is_in(list(views) or [-1]))
        .order_by(RoundStop.position)
        .output(load_json=True)
    )
    for stop in await KINDS.with_details(stops):
        views[stop["planned_round"]].stops.append(stop)
    for round_id, crew in (await crews_of(list(views))).items():
        views[round_id].crew = crew
    return list(views.values())


async def get_plan(scope: Scope, plan_id: int) -> PlanView:
    plan = (
        await RoundPlan.select()
        .where(RoundPlan.id == plan_id, *_visible(scope))
        .first()
        .output(load_json=True)
    )
    if plan is None:
        raise NotFound("Planning introuvable.")
    left_out = await KINDS.with_details(
        await LeftOutRequest.select()
        .where(LeftOutRequest.plan == plan_id)
        .order_by(LeftOutRequest.id)
    )
    rounds = await _rounds(PlannedRound.plan == plan_id)
    warnings = await crew_warnings(
        plan_id, [r.row for r in rounds], {r.row["id"]: r.crew for r in rounds}
    )
    for view in rounds:
        view.crew_warnings = warnings.get(view.row["id"], [])
    return PlanView(plan, rounds, left_out)


async def rounds_for_agent(scope: Scope, day: date) -> list[RoundView]:
    """The published rounds of ``day`` in the agent's association that the agent is on (or
    that have no crew yet), with every stop's place: name, address, contact, opening hours and
    access notes (the phone page of issue 5)."""
    published = await _rounds(
        PlannedRound.day == day,
        PlannedRound.plan.status == PlanStatus.PUBLISHED,
        scope.readable_where(PlannedRound.organisation),
    )
    return [
        view
        for view in published
        if not view.crew or any(m["member"] == scope.actor_id for m in view.crew)
    ]

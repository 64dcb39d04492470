"""The staff's week (planning du personnel): who is on which round each day, against contracts.

Managers schedule people on part-time integration contracts: the week view puts each person's
rounds next to their days off and adds up the hours against the contract, so a missing driver or
an overloaded agent shows before the plan is published. It reads the week's published plan, or
the newest draft when nothing is published yet (the plan being prepared). It lives with the
rounds because it reads their plans and crews; the staff package only keeps the profiles the
rounds read, so the arrow points one way (rounds → staff).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from inventory.scope import Scope
from logistics.rounds.crew import crew_candidates, monday_of, round_hours
from logistics.rounds.tables import PlanStatus, RoundCrew, RoundPlan
from logistics.staff.profiles import Profile

DAYS_SHOWN = 6
"""Monday to Saturday: rounds may run on Saturday, never on Sunday."""


@dataclass
class PersonWeek:
    """One line of the week: a person, their profile, and what they do each day."""

    person: dict[str, Any]
    profile: Profile
    days: dict[date, list[str]] = field(default_factory=lambda: defaultdict(list))
    hours: float = 0.0

    @property
    def over_contract(self) -> bool:
        return self.profile.weekly_hours is not None and self.hours > self.profile.weekly_hours


@dataclass(frozen=True)
class StaffWeek:
    monday: date
    plan: dict[str, Any] | None
    people: list[PersonWeek]

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(DAYS_SHOWN)]


async def _plan_of_week(organisation_id: int, monday: date) -> dict[str, Any] | None:
    plans = await (
        RoundPlan.select(RoundPlan.id, RoundPlan.status, RoundPlan.created_at)
        .where(RoundPlan.organisation == organisation_id, RoundPlan.week_start == monday)
        .order_by(RoundPlan.id, ascending=False)
    )
    published = [p for p in plans if p["status"] == PlanStatus.PUBLISHED]
    return next(iter(published or plans), None)


async def staff_week(scope: Scope, organisation_id: int, day: date) -> StaffWeek:
    """The week of ``day`` for every active agent and manager of the association."""
    scope.check_read(organisation_id, "Association")
    monday = monday_of(day)
    people = await crew_candidates(scope, organisation_id)
    lines = {p["id"]: PersonWeek(p, p["profile"]) for p in people}
    plan = await _plan_of_week(organisation_id, monday)
    if plan is not None:
        crews = await RoundCrew.select(
            RoundCrew.member,
            RoundCrew.driver,
            RoundCrew.planned_round.day.as_alias("day"),
            RoundCrew.planned_round.departure.as_alias("departure"),
            RoundCrew.planned_round.return_at.as_alias("return_at"),
            RoundCrew.planned_round._.vehicle._.name.as_alias("vehicle_name"),
        ).where(RoundCrew.planned_round.plan == plan["id"])
        for row in crews:
            line = lines.get(row["member"])
            if line is None:  # deactivated since the crew was chosen
                continue
            role = " (chauffeur)" if row["driver"] else ""
            line.days[row["day"]].append(
                f"{row['vehicle_name']}{role} {row['departure']:%H:%M}–{row['return_at']:%H:%M}"
            )
            line.hours += round_hours(row["departure"], row["return_at"])
    return StaffWeek(monday, plan, list(lines.values()))

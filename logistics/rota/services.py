"""Use cases of the rota: load a week into the solver's plain data, build and store a rota,
read one back. The solver runs in a worker thread so the server keeps answering meanwhile.

The week's people are the association's active agents and managers with their fiche; its slots
are the published rounds of the week (crew sized by the plan's estimated load) and the depot's
half-days. The three weeks before give each person's hours short of contract and heavy rounds
(fairness over four weeks); the newest rota of the same week is the previous one a re-plan keeps.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from inventory.engine import write_transaction
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.rota.checker import check
from logistics.rota.model import Assignment, Away, Person, Problem, Rota, Rules, Slot, Status
from logistics.rota.needs import RoundNeed, depot_slots, minutes, round_slot
from logistics.rota.settings import RotaSettings
from logistics.rota.solver import SolveOptions, solve
from logistics.rota.tables import RotaAssignment, StaffRota
from logistics.rounds.crew import crew_candidates, monday_of
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundStop
from logistics.settings import get_settings
from logistics.staff.profiles import unavailabilities_of
from routes.model import VisitKind

PAST_WEEKS = 3
"""With the week planned, four weeks over which hours and heavy rounds are shared fairly."""


def _rules() -> Rules:
    rounds = get_settings().rounds
    return Rules(
        max_day_minutes=rounds.max_day_minutes,
        lunch_minutes=rounds.lunch_minutes,
        lunch_earliest=minutes(rounds.lunch_earliest),
        lunch_latest_end=minutes(rounds.lunch_latest_end),
    )


def _clock(value: int) -> time:
    return time(min(value, 24 * 60 - 1) // 60, value % 60)


async def _round_needs(organisation_id: int, monday: date) -> list[RoundNeed]:
    rounds = await (
        PlannedRound.select(
            PlannedRound.id,
            PlannedRound.day,
            PlannedRound.departure,
            PlannedRound.return_at,
            PlannedRound.vehicle._.name.as_alias("vehicle"),
            PlannedRound.vehicle._.kind.as_alias("vehicle_kind"),
        )
        .where(
            PlannedRound.organisation == organisation_id,
            PlannedRound.plan._.status == PlanStatus.PUBLISHED,
            PlannedRound.day >= monday,
            PlannedRound.day < monday + timedelta(days=7),
        )
        .order_by(PlannedRound.day)
        .order_by(PlannedRound.departure)
        .order_by(PlannedRound.id)
    )
    stops = await RoundStop.select(
        RoundStop.planned_round,
        RoundStop.kind,
        RoundStop.weight_kg,
        RoundStop.volume_m3,
        RoundStop.start,
        RoundStop.departure,
    ).where(RoundStop.planned_round.is_in([r["id"] for r in rounds] or [-1]))
    load: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    lunch: dict[int, int] = {}
    for stop in stops:
        if stop["kind"] == VisitKind.STOP:
            load[stop["planned_round"]][0] += stop["weight_kg"]
            load[stop["planned_round"]][1] += stop["volume_m3"]
        elif stop["kind"] == VisitKind.LUNCH:
            lunch[stop["planned_round"]] = minutes(stop["departure"]) - minutes(stop["start"])
    numbers: dict[date, int] = defaultdict(int)
    needs = []
    for row in rounds:
        numbers[row["day"]] += 1
        weight, volume = load[row["id"]]
        needs.append(
            RoundNeed(
                row["id"],
                numbers[row["day"]],
                row["vehicle"],
                row["vehicle_kind"],
                row["day"],
                row["departure"],
                row["return_at"],
                weight,
                volume,
                lunch.get(row["id"], 0),
            )
        )
    return needs


async def _latest_rotas(organisation_id: int, mondays: list[date]) -> dict[date, int]:
    """The newest rota that found assignments, for each of ``mondays`` that has one."""
    rows = await StaffRota.select(StaffRota.id, StaffRota.week_start).where(
        StaffRota.organisation == organisation_id,
        StaffRota.week_start.is_in(mondays),
        StaffRota.status.is_in([Status.OPTIMAL, Status.FEASIBLE]),
    )
    latest: dict[date, int] = {}
    for row in rows:
        latest[row["week_start"]] = max(row["id"], latest.get(row["week_start"], 0))
    return latest


async def _assignments_of(rota_ids: list[int]) -> list[dict[str, Any]]:
    return await RotaAssignment.select().where(RotaAssignment.rota.is_in(rota_ids or [-1]))


def _away(unavailabilities: list[Any], monday: date) -> tuple[Away, ...]:
    found = []
    for n in range(7):
        day = monday + timedelta(days=n)
        for away in unavailabilities:
            hours = away.away_on(day)
            if hours is not None:
                start, end = minutes(hours[0]), minutes(hours[1])
                found.append(
                    Away(day, start, end + 1 if away.whole_day else end, away.reason.sentence)
                )
    return tuple(found)


async def load_week(
    scope: Scope, organisation_id: int, monday: date, settings: RotaSettings | None = None
) -> tuple[Problem, int | None]:
    """The week as the solver's ``Problem``, and the id of the rota it would replace."""
    settings = settings or get_settings().rota
    monday = monday_of(monday)
    people = await crew_candidates(scope, organisation_id)
    ids = [p["id"] for p in people]
    away = await unavailabilities_of(scope, ids, monday, monday + timedelta(days=6))
    past_mondays = [monday - timedelta(weeks=n) for n in range(1, PAST_WEEKS + 1)]
    latest = await _latest_rotas(organisation_id, [monday, *past_mondays])
    past = await _assignments_of([latest[m] for m in past_mondays if m in latest])
    worked: dict[tuple[int, date], int] = defaultdict(int)
    heavy: dict[int, int] = defaultdict(int)
    for row in past:
        worked[(row["member"], monday_of(row["day"]))] += row["work_minutes"]
        heavy[row["member"]] += int(row["heavy"])
    team = []
    for p in people:
        profile = p["profile"]
        weekly = (profile.weekly_hours or 0) * 60
        past_short = sum(max(0, weekly - worked[(p["id"], m)]) for m in past_mondays if m in latest)
        usual = None
        if profile.usual_start is not None and profile.usual_end is not None:
            usual = (minutes(profile.usual_start), minutes(profile.usual_end))
        team.append(
            Person(
                p["id"],
                p["full_name"],
                weekly,
                licence=profile.driving_licence,
                experienced=profile.experienced,
                supervisor=profile.supervisor,
                load_restriction=profile.load_restriction,
                days_off=frozenset(profile.days_off),
                usual_days=frozenset(profile.usual_days),
                usual_hours=usual,
                contract_start=profile.contract_start,
                contract_end=profile.contract_end,
                away=_away(away.get(p["id"], []), monday),
                past_short_minutes=past_short,
                past_heavy=heavy[p["id"]],
            )
        )
    slots = [round_slot(need, settings) for need in await _round_needs(organisation_id, monday)]
    slots += depot_slots(monday, settings)
    previous_id = latest.get(monday)
    previous = tuple(
        Assignment(row["member"], row["slot_id"], row["driver"])
        for row in await _assignments_of([previous_id] if previous_id else [])
    )
    return Problem(tuple(team), tuple(slots), _rules(), previous), previous_id


@dataclass(frozen=True)
class StoredRota:
    id: int
    week_start: date
    rota: Rota
    problem: Problem


async def build_rota(
    scope: Scope,
    organisation_id: int,
    monday: date,
    circumstances: Circumstances,
    options: SolveOptions | None = None,
) -> StoredRota:
    """Compute the week's rota (re-planning the newest one, if any) and store it."""
    scope.require("rounds:plan", "de construire le planning de l'équipe")
    scope.check_write(organisation_id, "Association")
    settings = get_settings().rota
    problem, previous_id = await load_week(scope, organisation_id, monday, settings)
    options = options or SolveOptions(settings.time_limit_s, settings.workers)
    rota = await asyncio.to_thread(solve, problem, options)
    if rota.found and check(problem, rota.assignments):  # never store a rota that breaks a rule
        raise AssertionError(f"the solver broke a rule: {check(problem, rota.assignments)}")
    rota_id = await _store(
        scope, organisation_id, monday_of(monday), problem, rota, previous_id, circumstances
    )
    return StoredRota(rota_id, monday_of(monday), rota, problem)


async def _store(
    scope: Scope,
    organisation_id: int,
    monday: date,
    problem: Problem,
    rota: Rota,
    previous_id: int | None,
    circumstances: Circumstances,
) -> int:
    slots: dict[str, Slot] = {s.id: s for s in problem.slots}
    async with write_transaction(StaffRota):
        (row,) = await StaffRota.insert(
            StaffRota(
                organisation=organisation_id,
                week_start=monday,
                status=rota.status.value,
                explanations=list(rota.explanations),
                seconds=round(rota.seconds, 3),
                replaces=previous_id,
                repaired_days=(
                    None
                    if rota.repaired_days is None
                    else [d.isoformat() for d in rota.repaired_days]
                ),
                created_at=circumstances.at,
                created_by_name=scope.actor_name,
            )
        ).returning(StaffRota.id)
        if rota.assignments:
            await RotaAssignment.insert(
                *(
                    RotaAssignment(
                        organisation=organisation_id,
                        rota=row["id"],
                        member=a.person_id,
                        slot_id=a.slot_id,
                        kind=slot.kind.value,
                        label=slot.label,
                        day=slot.day,
                        starts=_clock(slot.start),
                        ends=_clock(slot.end),
                        work_minutes=slot.work_minutes,
                        heavy=slot.heavy,
                        driver=a.driver,
                        planned_round=(
                            int(a.slot_id.removeprefix("round-"))
                            if a.slot_id.startswith("round-")
                            else None
                        ),
                    )
                    for a in rota.assignments
                    for slot in [slots[a.slot_id]]
                )
            )
        await record(
            scope,
            organisation_id,
            "staff_rota",
            row["id"],
            "built",
            circumstances,
            comment="; ".join(rota.explanations),
            details={
                "week": monday.isoformat(),
                "status": rota.status.value,
                "assignments": len(rota.assignments),
                "replaces": previous_id,
            },
        )
    return row["id"]


async def rota_assignments(scope: Scope, rota_id: int) -> list[dict[str, Any]]:
    """A stored rota's assignments with each person's name, by day and start."""
    rows = await (
        RotaAssignment.select(
            *RotaAssignment.all_columns(),
            RotaAssignment.member.full_name.as_alias("full_name"),
        )
        .where(RotaAssignment.rota == rota_id, scope.readable_where(RotaAssignment.organisation))
        .order_by(RotaAssignment.day)
        .order_by(RotaAssignment.starts)
    )
    return rows

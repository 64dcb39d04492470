"""Plan a week: gather the chosen vehicles and stops, run the optimiser, store a draft.

The draft is written in one transaction once the search is over. Pages and API run the search
in the background (``logistics.rounds.jobs``); ``create_plan`` runs it at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics import clock
from logistics.rounds.kinds import KINDS
from logistics.rounds.storage import insert_round, snapshot, travel_of, vehicle_of
from logistics.rounds.subjects import SubjectRef
from logistics.rounds.tables import LeftOutRequest, PlanStatus, RoundPlan, Vehicle
from logistics.settings import get_settings
from routes.model import Plan, PlanningProblem, Point, SolverSettings, Stop
from routes.optimiser import plan_week

WORKING_DAYS = 5


@dataclass(frozen=True)
class PlanRequest:
    """What the manager chose: the Monday of the week, vehicles, and the ids of the subjects to
    visit by kind (``{"pickup_request": (12, 14)}``)."""

    week_start: date
    vehicle_ids: tuple[int, ...]
    subjects: Mapping[str, tuple[int, ...]]
    seed: int | None = None


async def _depot(organisation_id: int) -> Point:
    row = await Organisation.select().where(Organisation.id == organisation_id).first()
    if row is None:
        raise NotFound("Association introuvable.")
    if row["depot_latitude"] is None or row["depot_longitude"] is None:
        raise Invalid(
            f"Le dépôt de {row['name']} n'a pas de coordonnées : renseignez-les "
            "(Tournées › Dépôt) avant de planifier."
        )
    return Point(row["depot_latitude"], row["depot_longitude"])


async def _vehicles(organisation_id: int, ids: tuple[int, ...]) -> list[dict[str, Any]]:
    rows = (
        await Vehicle.select()
        .where(Vehicle.organisation == organisation_id, Vehicle.id.is_in(list(ids) or [-1]))
        .order_by(Vehicle.id)
        .output(load_json=True)
    )
    missing = set(ids) - {row["id"] for row in rows}
    if missing:
        raise NotFound(f"Véhicule n° {min(missing)} introuvable.")
    if inactive := [row["name"] for row in rows if not row["active"]]:
        raise Conflict(f"Véhicule {inactive[0]} : hors service, il ne peut pas être planifié.")
    return rows


async def _stops(organisation_id: int, wanted: PlanRequest, week: Sequence[date]) -> list[Stop]:
    """The chosen subjects as routes stops, each kind in turn, in the order of their ids."""
    if not any(wanted.subjects.values()):
        nouns = " ou ".join(KINDS[name].noun for name in wanted.subjects) or "un arrêt"
        raise Invalid(f"Choisissez au moins {nouns} à planifier.")
    stops: list[Stop] = []
    for name, ids in wanted.subjects.items():
        if ids:
            found = await KINDS[name].stops(organisation_id, ids, week, fresh=True)
            stops += [replace(s, ref=SubjectRef(name, i).key) for i, s in sorted(found.items())]
    return stops


@dataclass(frozen=True)
class Prepared:
    """A week ready to solve: the problem, the settings the plan will remember, the solver."""

    problem: PlanningProblem
    snapshot: dict[str, Any]
    solver: SolverSettings


async def prepare_plan(scope: Scope, wanted: PlanRequest, at: datetime) -> Prepared:
    """Check the manager's choice and gather the week from the tables.

    Bad stops (no coordinates, inverted windows, too heavy, no vehicle that day) do not stop
    the planning: the planner sets them aside with its reason. A bad week, a missing depot or
    a foreign vehicle is refused here, before any search begins.
    """
    if wanted.week_start.weekday() != 0:
        raise Invalid(
            f"La semaine commence un lundi ({wanted.week_start:%d/%m/%Y} n'en est pas un)."
        )
    week = days_left(wanted.week_start, clock.today(at))
    if not week:
        raise Invalid("Cette semaine est déjà passée : choisissez une semaine à venir.")
    organisation_id = scope.organisation_id
    scope.check_write(organisation_id, "Association")
    depot = await _depot(organisation_id)
    vehicles = await _vehicles(organisation_id, wanted.vehicle_ids)
    stops = await _stops(organisation_id, wanted, week)
    settings = get_settings().rounds
    problem = PlanningProblem(
        depot=depot,
        days=tuple(week),
        vehicles=tuple(vehicle_of(row) for row in vehicles),
        stops=tuple(stops),
        rules=settings.work_rules(),
    )
    return Prepared(problem, snapshot(settings, depot), settings.solver(wanted.seed))


async def create_plan(scope: Scope, wanted: PlanRequest, circumstances: Circumstances) -> int:
    """Plan the week here and now and store it as a draft; returns the plan's id.

    The pages and the API plan in the background (``logistics.rounds.jobs``); this is the
    short way for the command line, the demo data and the tests.
    """
    prepared = await prepare_plan(scope, wanted, circumstances.at)
    plan = await asyncio.to_thread(
        plan_week, prepared.problem, travel_of(prepared.snapshot), prepared.solver
    )
    async with write_transaction(RoundPlan):
        return await store_plan(scope, wanted.week_start, prepared, plan, circumstances)


async def store_plan(
    scope: Scope,
    week_start: date,
    prepared: Prepared,
    plan: Plan,
    circumstances: Circumstances,
) -> int:
    """Write the planner's answer as a new draft (inside the caller's transaction)."""
    organisation_id = scope.organisation_id
    rows = await RoundPlan.insert(
        RoundPlan(
            organisation=organisation_id,
            week_start=week_start,
            status=PlanStatus.DRAFT,
            seed=prepared.solver.seed,
            settings=prepared.snapshot,
            notices=list(plan.notices),
            created_by=scope.actor_id or None,
            created_by_name=scope.actor_name,
            created_at=circumstances.at,
        )
    )
    plan_id: int = rows[0]["id"]
    for round_ in plan.rounds:
        await insert_round(organisation_id, plan_id, round_)
    if plan.left_out:
        await LeftOutRequest.insert(
            *(
                LeftOutRequest(
                    organisation=organisation_id,
                    plan=plan_id,
                    subject_kind=subject.kind,
                    subject_id=subject.id,
                    reason=item.reason,
                )
                for item in plan.left_out
                for subject in [SubjectRef.parse(item.ref)]
            )
        )
    await record(
        scope,
        organisation_id,
        "round_plan",
        plan_id,
        "plan",
        circumstances,
        to_state=PlanStatus.DRAFT,
        details={
            "week_start": week_start.isoformat(),
            "rounds": len(plan.rounds),
            "left_out": len(plan.left_out),
            "seed": prepared.solver.seed,
        },
    )
    return plan_id


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def days_left(week_start: date, today: date) -> list[date]:
    """The working days of the week from today on: a round cannot be planned for a day gone."""
    week = (week_start + timedelta(days=i) for i in range(WORKING_DAYS))
    return [day for day in week if day >= today]


def already_gone(rounds: list[dict[str, Any]], at: datetime) -> list[dict[str, Any]]:
    """The rounds of ``at``'s day whose departure from the depot has passed: published as they
    are, the crew would read a time already gone (the manager shifts it first)."""
    local = at.astimezone(get_settings().timezone)
    return [r for r in rounds if r["day"] == local.date() and r["departure"] <= local.time()]

"""Pages of the weekly round plans: list, new plan, plan with map and tables, printable sheet,
manual move, publication; the agents' old "Mes tournées" leads to their phone page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError, Invalid
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, Prefixed, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.rounds import (
    CrewIn,
    DepartureIn,
    InsertIn,
    MoveIn,
    PlanIn,
    WithdrawalIn,
)
from logistics.rounds import changes, crew, insertion, jobs, planning, reading, vehicles
from logistics.rounds.mapview import Waypoint, colour, draw
from logistics.rounds.pickup_stops import plannable_requests
from logistics.rounds.reading import PlanView, RoundView
from logistics.rounds.tables import JobStatus, PlanStatus
from logistics.rounds.vehicles import VehicleRecord
from logistics.settings import get_settings
from routes.model import WEEKDAY_NAMES, Point, VisitKind


def visit_labels(stops: list[dict[str, Any]]) -> dict[int, str]:
    """What each visit of a round is called on its map and in its table: the stops at the
    donors are numbered 1..n; unloading at the depot is "D"; a lunch break has no number."""
    labels: dict[int, str] = {}
    number = 0
    for stop in stops:
        if stop["kind"] == VisitKind.STOP:
            number += 1
        labels[stop["id"]] = {VisitKind.STOP: str(number), VisitKind.UNLOAD: "D"}.get(
            stop["kind"], ""
        )
    return labels


def _waypoint(stop: dict[str, Any], label: str) -> Waypoint:
    """No marker for a lunch break: it would hide the stop where the crew eats."""
    point = Point(stop["latitude"], stop["longitude"])
    if stop["kind"] == VisitKind.LUNCH:
        return Waypoint(point, None)
    title = stop["label"] if stop["kind"] == VisitKind.STOP else "Déchargement au dépôt"
    return Waypoint(point, f"{label}. {title}" if stop["kind"] == VisitKind.STOP else title, label)


def _round_name(r: RoundView) -> str:
    day = r.row["day"]
    return f"{WEEKDAY_NAMES[day.weekday()].capitalize()} {day:%d/%m} · {r.row['vehicle_name']}"


def _drawing(depot: list[float], rounds: list[RoundView], labels: dict[int, str]) -> Any:
    paths = [[_waypoint(s, labels[s["id"]]) for s in r.stops] for r in rounds]
    names = [f"{_round_name(r)} ({len(r.pickups)} arrêts)" for r in rounds]
    return draw(Point(*depot), paths, get_settings().rounds.map_tile_url, names)


NEW_ROUND = "nouvelle"
PLAN = "rounds/plan.html"


def _open_slots(view: PlanView, fleet: list[VehicleRecord]) -> list[tuple[str, str]]:
    """(form value, label) of each vehicle's working day of the week that has no round yet."""
    taken = {(r.row["vehicle"], r.row["day"]) for r in view.rounds}
    week = planning.days_left(view.plan["week_start"], clock.today())
    return [
        (
            f"{NEW_ROUND}:{v.id}:{d.isoformat()}",
            f"Nouvelle tournée : {WEEKDAY_NAMES[d.weekday()]} {d:%d/%m} · {v.name}",
        )
        for d in week
        for v in fleet
        if (v.id, d) not in taken and d.isoweekday() in v.weekdays
    ]


def _slot_inputs(data: dict[str, Any]) -> dict[str, Any]:
    """The form with its round choice as the Struct's fields: the select sends a round's id, or
    ``nouvelle:<vehicle>:<day>`` for an open slot (one select offers both)."""
    value = str(data.get("round_id", ""))
    if not value.startswith(f"{NEW_ROUND}:"):
        return data
    parts = value.split(":")
    if len(parts) != 3:
        raise Invalid("Choisissez une tournée et une position (un nombre).")
    return {**data, "round_id": "", "vehicle_id": parts[1], "day": parts[2]}


PLAN_INPUTS = {"vehicle_ids": Prefixed("vehicle_"), "pickup_request_ids": Prefixed("request_")}
"""One box per vehicle and per request, each with its own name (``vehicle_12``)."""


class RoundPages(Controller):
    path = "/tournees"
    include_in_schema = False

    @get("/", guards=[allow("rounds:read")])
    async def list_plans(self, current_user: Me, org_scope: OrgScope) -> Template:
        plans = await reading.list_plans(org_scope)
        return Template("rounds/list.html", context={"user": current_user, "plans": plans})

    async def _new_context(
        self, user: CurrentUser, scope: Scope, week: date | None
    ) -> dict[str, Any]:
        today = clock.today()
        week = week or planning.next_monday(today)
        week_end = week + timedelta(days=4)
        days = planning.days_left(week, today)
        requests = await plannable_requests(scope)
        for request in requests:
            request["in_week"] = (
                request["wished_from"] <= week_end and request["wished_until"] >= week
            )
        return {
            "user": user,
            "week": week,
            "days": days,
            "days_gone": planning.WORKING_DAYS - len(days),
            "vehicles": await vehicles.list_vehicles(scope, active_only=True),
            "requests": requests,
            "values": {},
            "running": await jobs.week_job(scope, week),
        }

    @get("/nouvelle", guards=[allow("rounds:plan")])
    async def new_plan(
        self, current_user: Me, org_scope: OrgScope, semaine: FromQuery[date | None] = None
    ) -> Template:
        context = await self._new_context(current_user, org_scope, semaine)
        return Template("rounds/new.html", context=context)

    @post("/", guards=[allow("rounds:plan")])
    async def create_plan(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        week: date | None = None
        try:
            plan = read_form(data, PlanIn, names=PLAN_INPUTS)
            week = plan.week_start
            job_id = await jobs.start_plan(org_scope, plan.request(), circumstances)
        except DomainError as error:
            context = await self._new_context(current_user, org_scope, week)
            return form_with_error("rounds/new.html", context, error)
        return Redirect(f"/tournees/calculs/{job_id}")

    @get("/calculs/{job_id:int}", guards=[allow("rounds:read")])
    async def show_job(
        self, current_user: Me, org_scope: OrgScope, job_id: FromPath[int]
    ) -> Template | Redirect:
        """The search's progress while it runs (job.js refreshes it); once done, the plan."""
        job = await jobs.get_job(org_scope, job_id)
        if job.status is JobStatus.DONE:
            return saved(f"/tournees/{job.row['plan']}", "planning")
        return Template("rounds/job.html", context={"user": current_user, "job": job})

    @post("/calculs/{job_id:int}/arret", guards=[allow("rounds:plan")])
    async def stop_job(self, org_scope: OrgScope, job_id: FromPath[int]) -> Redirect:
        await jobs.stop_job(org_scope, job_id)
        return Redirect(f"/tournees/calculs/{job_id}")

    async def _plan_page(self, user: CurrentUser, scope: Scope, plan_id: int) -> dict[str, Any]:
        view = await reading.get_plan(scope, plan_id)
        settings = get_settings().rounds
        labels = {k: v for r in view.rounds for k, v in visit_labels(r.stops).items()}
        slots = []
        gone: set[int] = set()
        can_plan = scope.may("rounds:plan")
        if view.plan["status"] == PlanStatus.DRAFT and can_plan:
            slots = _open_slots(view, await vehicles.list_vehicles(scope, active_only=True))
            rows = [r.row for r in view.rounds]
            gone = {r["id"] for r in planning.already_gone(rows, clock.now())}
        organisation = view.plan["organisation"]
        candidates = await crew.crew_candidates(scope, organisation) if can_plan else []
        return {
            "user": user,
            "view": view,
            "can_staff": can_plan,
            "candidates": candidates,
            "open_slots": slots,
            "departed": gone,
            "drawing": _drawing(view.plan["settings"]["depot"], view.rounds, labels),
            "labels": labels,
            "colour": colour,
            "attribution": settings.map_attribution,
            "weekday_names": WEEKDAY_NAMES,
        }

    async def _change(
        self,
        user: CurrentUser,
        scope: Scope,
        plan_id: int,
        change: Callable[[], Awaitable[object]],
        done: Redirect,
    ) -> Template | Redirect:
        """Run one change of the plan page (reading its form included); when it is refused,
        the plan page again with the reason at its top, not an error page."""
        try:
            await change()
        except DomainError as error:
            context = await self._plan_page(user, scope, plan_id)
            return form_with_error(PLAN, context, error)
        return done

    @get("/{plan_id:int}", guards=[allow("rounds:read")])
    async def show_plan(
        self, current_user: Me, org_scope: OrgScope, plan_id: FromPath[int]
    ) -> Template:
        return Template(PLAN, context=await self._plan_page(current_user, org_scope, plan_id))

    @get("/{plan_id:int}/feuille/{round_id:int}", guards=[allow("rounds:read")])
    async def round_sheet(
        self,
        current_user: Me,
        org_scope: OrgScope,
        plan_id: FromPath[int],
        round_id: FromPath[int],
    ) -> Template:
        view = await reading.get_plan(org_scope, plan_id)
        round_ = next((r for r in view.rounds if r.row["id"] == round_id), None)
        if round_ is None:
            raise Invalid("Cette tournée n'appartient pas à ce planning.")
        return Template(
            "rounds/sheet.html",
            context={
                "user": current_user,
                "plan": view.plan,
                "round": round_,
                "weekday_names": WEEKDAY_NAMES,
            },
        )

    @post("/{plan_id:int}/deplacements", guards=[allow("rounds:plan")])
    async def move_stop(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def change() -> None:
            move = read_form(_slot_inputs(data), MoveIn)
            await changes.move_stop(
                org_scope, plan_id, move.stop_id, move.target(), move.position, circumstances
            )

        done = saved(f"/tournees/{plan_id}", "deplacement")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @post("/{plan_id:int}/depart/{round_id:int}", guards=[allow("rounds:plan")])
    async def set_departure(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def change() -> None:
            departure = read_form(data, DepartureIn).departure
            await changes.set_departure(org_scope, plan_id, round_id, departure, circumstances)

        done = saved(f"/tournees/{plan_id}#tournee-{round_id}", "depart")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @post("/{plan_id:int}/equipages/{round_id:int}", guards=[allow("rounds:plan")])
    async def set_crew(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def change() -> None:
            chosen = read_form(data, CrewIn, names={"member_ids": Prefixed("member_")})
            await crew.assign_crew(
                org_scope, plan_id, round_id, chosen.driver_id, chosen.member_ids, circumstances
            )

        done = saved(f"/tournees/{plan_id}#tournee-{round_id}", "equipage")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @post("/{plan_id:int}/insertions", guards=[allow("rounds:plan")])
    async def insert_left_out(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def change() -> None:
            added = read_form(_slot_inputs(data), InsertIn)
            await insertion.insert_left_out(
                org_scope, plan_id, added.subject(), added.target(), added.position, circumstances
            )

        done = saved(f"/tournees/{plan_id}", "ajout")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @post("/{plan_id:int}/publication", guards=[allow("rounds:plan")])
    async def publish(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int]
    ) -> Template | Redirect:
        async def change() -> None:
            await changes.publish_plan(org_scope, plan_id, circumstances)

        done = saved(f"/tournees/{plan_id}", "publie")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @post("/{plan_id:int}/reprise", guards=[allow("rounds:plan")])
    async def withdraw(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def change() -> None:
            reason = read_form(data, WithdrawalIn).reason
            await changes.withdraw_plan(org_scope, plan_id, reason, circumstances)

        done = saved(f"/tournees/{plan_id}", "reprise")
        return await self._change(current_user, org_scope, plan_id, change, done)

    @get("/mes-tournees", guards=[allow("rounds:read")], status_code=301)
    async def my_rounds(self) -> Redirect:
        """The agents' day is the phone page: the old "Mes tournées" address leads there."""
        return Redirect("/terrain", status_code=301)

"""Pages of the weekly round plans: list, new plan, plan with map and tables, printable sheet,
manual move, publication, and the agents' "Mes tournées"."""

from __future__ import annotations

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
from logistics.http.pages.form_values import clock_time
from logistics.http.pages.forms import FormData, form_with_error
from logistics.rounds import changes, crew, insertion, planning, reading, vehicles
from logistics.rounds.editing import NewRound, Target
from logistics.rounds.mapview import draw
from logistics.rounds.reading import PlanView, RoundView
from logistics.rounds.tables import PlanStatus
from logistics.settings import get_settings
from routes.model import WEEKDAY_NAMES, Point, VisitKind


def _marker_title(stop: dict[str, Any]) -> str | None:
    """No marker for a lunch break: it would hide the stop where the crew eats."""
    if stop["kind"] == VisitKind.LUNCH:
        return None
    return stop["label"] if stop["kind"] == VisitKind.STOP else "Déchargement au dépôt"


def _drawing(depot: list[float], rounds: list[RoundView]) -> Any:
    paths = [
        [(Point(s["latitude"], s["longitude"]), _marker_title(s)) for s in r.stops] for r in rounds
    ]
    return draw(Point(*depot), paths, get_settings().rounds.map_tile_url)


NEW_ROUND = "nouvelle"


def _open_slots(view: PlanView, fleet: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(form value, label) of each vehicle's working day of the week that has no round yet."""
    taken = {(r.row["vehicle"], r.row["day"]) for r in view.rounds}
    week = [view.plan["week_start"] + timedelta(days=i) for i in range(planning.WORKING_DAYS)]
    return [
        (
            f"{NEW_ROUND}:{v['id']}:{d.isoformat()}",
            f"Nouvelle tournée : {WEEKDAY_NAMES[d.weekday()]} {d:%d/%m} · {v['name']}",
        )
        for d in week
        for v in fleet
        if (v["id"], d) not in taken and d.isoweekday() in v["weekdays"]
    ]


def _target_and_position(data: dict[str, str]) -> tuple[Target, int]:
    """The round chosen in a form (``round_id``: a round's id or an open slot) and the position."""
    try:
        value = data["round_id"]
        if value.startswith(f"{NEW_ROUND}:"):
            _, vehicle, day = value.split(":")
            target: Target = NewRound(int(vehicle), date.fromisoformat(day))
        else:
            target = int(value)
        return target, int(data["position"])
    except (KeyError, ValueError) as error:
        raise Invalid("Choisissez une tournée et une position (un nombre).") from error


def _checked(data: dict[str, str], prefix: str) -> tuple[int, ...]:
    """Ids of the ticked boxes named ``<prefix><id>`` (one name per box: the form parser keeps
    a single value per name)."""
    return tuple(
        int(k[len(prefix) :]) for k in data if k.startswith(prefix) and k[len(prefix) :].isdigit()
    )


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
        week = week or planning.next_monday(clock.today())
        week_end = week + timedelta(days=4)
        requests = await planning.plannable_requests(scope)
        for request in requests:
            request["in_week"] = (
                request["wished_from"] <= week_end and request["wished_until"] >= week
            )
        return {
            "user": user,
            "week": week,
            "vehicles": await vehicles.list_vehicles(scope, active_only=True),
            "requests": requests,
            "values": {},
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
        try:
            week = date.fromisoformat(data.get("week_start", ""))
        except ValueError:
            week = None
        try:
            if week is None:
                raise Invalid("Choisissez le lundi de la semaine à planifier.")
            seed = data.get("seed", "").strip()
            wanted = planning.PlanRequest(
                week,
                _checked(data, "vehicle_"),
                _checked(data, "request_"),
                int(seed) if seed.isdigit() else None,
            )
            plan_id = await planning.create_plan(org_scope, wanted, circumstances)
        except DomainError as error:
            context = await self._new_context(current_user, org_scope, week)
            return form_with_error("rounds/new.html", context, error)
        return Redirect(f"/tournees/{plan_id}")

    @get("/{plan_id:int}", guards=[allow("rounds:read")])
    async def show_plan(
        self, current_user: Me, org_scope: OrgScope, plan_id: FromPath[int]
    ) -> Template:
        view = await reading.get_plan(org_scope, plan_id)
        settings = get_settings().rounds
        slots = []
        can_plan = org_scope.may("rounds:plan")
        if view.plan["status"] == PlanStatus.DRAFT and can_plan:
            slots = _open_slots(view, await vehicles.list_vehicles(org_scope, active_only=True))
        organisation = view.plan["organisation"]
        candidates = await crew.crew_candidates(org_scope, organisation) if can_plan else []
        return Template(
            "rounds/plan.html",
            context={
                "user": current_user,
                "view": view,
                "can_staff": can_plan,
                "candidates": candidates,
                "open_slots": slots,
                "drawing": _drawing(view.plan["settings"]["depot"], view.rounds),
                "attribution": settings.map_attribution,
                "weekday_names": WEEKDAY_NAMES,
            },
        )

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
        self, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int], data: FormData
    ) -> Redirect:
        target, position = _target_and_position(data)
        try:
            stop_id = int(data["stop_id"])
        except (KeyError, ValueError) as error:
            raise Invalid("Arrêt introuvable.") from error
        await changes.move_stop(org_scope, plan_id, stop_id, target, position, circumstances)
        return Redirect(f"/tournees/{plan_id}")

    @post("/{plan_id:int}/depart/{round_id:int}", guards=[allow("rounds:plan")])
    async def set_departure(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: FormData,
    ) -> Redirect:
        departure = clock_time(data, "departure", "Heure de départ")
        await changes.set_departure(org_scope, plan_id, round_id, departure, circumstances)
        return Redirect(f"/tournees/{plan_id}#tournee-{round_id}")

    @post("/{plan_id:int}/equipages/{round_id:int}", guards=[allow("rounds:plan")])
    async def set_crew(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: FormData,
    ) -> Redirect:
        members = [int(v) for k, v in data.items() if k.startswith("member_") and v.isdigit()]
        driver = data.get("driver_id", "")
        if not driver.isdigit():
            raise Invalid("Choisissez le chauffeur de la tournée.")
        await crew.assign_crew(org_scope, plan_id, round_id, int(driver), members, circumstances)
        return Redirect(f"/tournees/{plan_id}#tournee-{round_id}")

    @post("/{plan_id:int}/insertions", guards=[allow("rounds:plan")])
    async def insert_left_out(
        self, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int], data: FormData
    ) -> Redirect:
        target, position = _target_and_position(data)
        try:
            request_id = int(data["pickup_request_id"])
        except (KeyError, ValueError) as error:
            raise Invalid("Demande d'enlèvement introuvable.") from error
        await insertion.insert_left_out(
            org_scope, plan_id, request_id, target, position, circumstances
        )
        return Redirect(f"/tournees/{plan_id}")

    @post("/{plan_id:int}/publication", guards=[allow("rounds:plan")])
    async def publish(
        self, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int]
    ) -> Redirect:
        await changes.publish_plan(org_scope, plan_id, circumstances)
        return Redirect(f"/tournees/{plan_id}")

    @post("/{plan_id:int}/reprise", guards=[allow("rounds:plan")])
    async def withdraw(
        self, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int], data: FormData
    ) -> Redirect:
        await changes.withdraw_plan(org_scope, plan_id, data.get("reason", ""), circumstances)
        return Redirect(f"/tournees/{plan_id}")

    @get("/mes-tournees", guards=[allow("rounds:read")])
    async def my_rounds(
        self, current_user: Me, org_scope: OrgScope, jour: FromQuery[date | None] = None
    ) -> Template:
        day = jour or clock.today()
        rounds = await reading.rounds_for_agent(org_scope, day)
        return Template(
            "rounds/mine.html",
            context={
                "user": current_user,
                "day": day,
                "rounds": rounds,
                "previous": day - timedelta(days=1),
                "next": day + timedelta(days=1),
            },
        )

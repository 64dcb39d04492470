"""API: vehicles, weekly round plans (plan, move a stop, publish, GeoJSON), agents' rounds,
and donors' locations (geocode, place by hand). URLs say rounds, never routes."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Response

from inventory.errors import Invalid
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas import from_row
from logistics.http.schemas.rounds import (
    CrewIn,
    DepartureIn,
    DepotIn,
    DepotOut,
    DonorLocationOut,
    InsertIn,
    LocationIn,
    MoveIn,
    MoveOut,
    PlanIn,
    PlanningJobOut,
    PlanOut,
    PlanSummaryOut,
    RoundOut,
    VehicleActiveIn,
    VehicleIn,
    VehicleOut,
    WithdrawalIn,
)
from logistics.rounds import (
    changes,
    crew,
    depot,
    insertion,
    jobs,
    locating,
    reading,
    vehicles,
)
from logistics.rounds.geojson import plan_geojson


class VehicleController(Controller):
    path = "/api/v1/vehicles"
    tags = ["Tournées"]

    @get("/", guards=[allow("vehicles:read")])
    async def list_vehicles(self, org_scope: OrgScope) -> list[VehicleOut]:
        return [from_row(VehicleOut, r) for r in await vehicles.list_vehicles(org_scope)]

    @post("/", guards=[allow("rounds:plan")])
    async def create_vehicle(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[VehicleIn]
    ) -> VehicleOut:
        new = vehicles.NewVehicle(
            data.name,
            data.kind,
            data.capacity_kg,
            data.capacity_m3,
            tuple(data.weekdays),
            data.unload_minutes,
            data.multiple_trips,
            data.max_trips,
        )
        vehicle_id = await vehicles.create_vehicle(org_scope, new, circumstances)
        return from_row(VehicleOut, await vehicles.set_vehicle_active(org_scope, vehicle_id, True))

    @patch("/{vehicle_id:int}", guards=[allow("rounds:plan")])
    async def set_active(
        self, org_scope: OrgScope, vehicle_id: FromPath[int], data: JSONBody[VehicleActiveIn]
    ) -> VehicleOut:
        return from_row(
            VehicleOut, await vehicles.set_vehicle_active(org_scope, vehicle_id, data.active)
        )


class PlanningJobController(Controller):
    path = "/api/v1/planning-jobs"
    tags = ["Tournées"]

    @get("/{job_id:int}", guards=[allow("rounds:read")])
    async def get_job(self, org_scope: OrgScope, job_id: FromPath[int]) -> PlanningJobOut:
        """Where the search stands: elapsed ``seconds``, ``best_cost`` and ``placed`` of the
        best plan so far; ``plan_id`` once ``done``."""
        return PlanningJobOut.from_view(await jobs.get_job(org_scope, job_id))

    @post("/{job_id:int}/stop", guards=[allow("rounds:plan")], status_code=200)
    async def stop_job(self, org_scope: OrgScope, job_id: FromPath[int]) -> PlanningJobOut:
        """End the search within a second or two and store the best plan found as the draft;
        asking again, or once the job is over, changes nothing."""
        return PlanningJobOut.from_view(await jobs.stop_job(org_scope, job_id))


class RoundPlanController(Controller):
    path = "/api/v1/round-plans"
    tags = ["Tournées"]

    @get("/", guards=[allow("rounds:read")])
    async def list_plans(self, org_scope: OrgScope) -> list[PlanSummaryOut]:
        plans = await reading.list_plans(org_scope)
        return [from_row(PlanSummaryOut, p) for p in plans]

    @post("/", guards=[allow("rounds:plan")], status_code=202)
    async def create_plan(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[PlanIn]
    ) -> Response[PlanningJobOut]:
        """Start planning the week in the background and answer at once (202): follow the job
        at ``status_url`` (``Location``) until it is ``done``, then read the draft at
        ``plan_url``; bad requests come back in its ``left_out`` with their reason. 409 while
        another job of the association plans the same week."""
        job_id = await jobs.start_plan(org_scope, data.request(), circumstances)
        job = PlanningJobOut.from_view(await jobs.get_job(org_scope, job_id))
        return Response(job, status_code=202, headers={"Location": job.status_url})

    @get("/{plan_id:int}", guards=[allow("rounds:read")])
    async def get_plan(self, org_scope: OrgScope, plan_id: FromPath[int]) -> PlanOut:
        return PlanOut.from_view(await reading.get_plan(org_scope, plan_id))

    @get("/{plan_id:int}/geojson", guards=[allow("rounds:read")])
    async def geojson(
        self, org_scope: OrgScope, plan_id: FromPath[int]
    ) -> Response[dict[str, Any]]:
        view = await reading.get_plan(org_scope, plan_id)
        return Response(
            plan_geojson(view),
            media_type="application/geo+json",
            headers={"Content-Disposition": f'attachment; filename="tournees-{plan_id}.geojson"'},
        )

    @post("/{plan_id:int}/moves", guards=[allow("rounds:plan")])
    async def move_stop(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: JSONBody[MoveIn],
    ) -> MoveOut:
        """Move a stop to a position of a round of the same draft plan, or of a round opened
        for ``vehicle_id`` on ``day``; times are recomputed and every broken window, capacity
        or day length comes back as a warning."""
        warnings = await changes.move_stop(
            org_scope, plan_id, data.stop_id, data.target(), data.position, circumstances
        )
        return MoveOut(warnings=list(warnings))

    @post("/{plan_id:int}/insertions", guards=[allow("rounds:plan")])
    async def insert_left_out(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: JSONBody[InsertIn],
    ) -> MoveOut:
        """Put a left-out request into a round (or a round opened for a vehicle and day);
        times are recomputed and every broken rule comes back as a warning."""
        warnings = await insertion.insert_left_out(
            org_scope, plan_id, data.subject(), data.target(), data.position, circumstances
        )
        return MoveOut(warnings=list(warnings))

    @post("/{plan_id:int}/publish", guards=[allow("rounds:plan")])
    async def publish(
        self, org_scope: OrgScope, circumstances: Context, plan_id: FromPath[int]
    ) -> PlanOut:
        await changes.publish_plan(org_scope, plan_id, circumstances)
        return PlanOut.from_view(await reading.get_plan(org_scope, plan_id))

    @put("/{plan_id:int}/rounds/{round_id:int}/departure", guards=[allow("rounds:plan")])
    async def set_departure(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: JSONBody[DepartureIn],
    ) -> MoveOut:
        """Change when a round of a draft plan leaves the depot; its times are recomputed and
        every broken rule comes back as a warning."""
        warnings = await changes.set_departure(
            org_scope, plan_id, round_id, data.departure, circumstances
        )
        return MoveOut(warnings=list(warnings))

    @put("/{plan_id:int}/rounds/{round_id:int}/crew", guards=[allow("rounds:plan")])
    async def set_crew(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        round_id: FromPath[int],
        data: JSONBody[CrewIn],
    ) -> RoundOut:
        """Put a driver (licence on their staff profile) and agents on a round, draft or
        published; a day off or the week's contract hours exceeded come back in
        ``crew_warnings``."""
        await crew.assign_crew(
            org_scope, plan_id, round_id, data.driver_id, data.member_ids, circumstances
        )
        view = await reading.get_plan(org_scope, plan_id)
        return RoundOut.from_view(next(r for r in view.rounds if r.row["id"] == round_id))

    @post("/{plan_id:int}/withdrawal", guards=[allow("rounds:plan")])
    async def withdraw(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        plan_id: FromPath[int],
        data: JSONBody[WithdrawalIn],
    ) -> PlanOut:
        """Take a published plan back to draft to change it, before any of its collections
        started; agents no longer see its rounds and its requests are open again."""
        await changes.withdraw_plan(org_scope, plan_id, data.reason, circumstances)
        return PlanOut.from_view(await reading.get_plan(org_scope, plan_id))


class AgentRoundController(Controller):
    path = "/api/v1/rounds"
    tags = ["Tournées"]

    @get("/", guards=[allow("rounds:read")])
    async def rounds_of_day(self, org_scope: OrgScope, day: FromQuery[date]) -> list[RoundOut]:
        """The published rounds of a day in the caller's association."""
        return [RoundOut.from_view(r) for r in await reading.rounds_for_agent(org_scope, day)]


class DonorLocationController(Controller):
    path = "/api/v1/donor-locations"
    tags = ["Tournées"]
    guards = [allow("rounds:plan")]

    @get("/")
    async def list_locations(self, org_scope: OrgScope) -> list[DonorLocationOut]:
        return [DonorLocationOut.from_row(r) for r in await locating.donors_to_place(org_scope)]

    @put("/{donor_id:int}")
    async def place(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: JSONBody[LocationIn],
    ) -> DonorLocationOut:
        """Place the donor by hand (status ``manual``)."""
        await locating.place_donor(
            org_scope, donor_id, data.latitude, data.longitude, circumstances
        )
        return await self._one(org_scope, donor_id)

    @post("/{donor_id:int}/geocode")
    async def geocode(
        self, org_scope: OrgScope, circumstances: Context, donor_id: FromPath[int]
    ) -> DonorLocationOut:
        """Look the address up; ``not_located`` when there is no network or no match."""
        await locating.geocode_donor(org_scope, donor_id, circumstances)
        return await self._one(org_scope, donor_id)

    @post("/geocode-pending")
    async def geocode_pending(self, org_scope: OrgScope, circumstances: Context) -> dict[str, int]:
        return await locating.geocode_pending(org_scope, circumstances)

    @staticmethod
    async def _one(org_scope: OrgScope, donor_id: int) -> DonorLocationOut:
        return DonorLocationOut.from_row(await locating.donor_location(org_scope, donor_id))


class DepotController(Controller):
    path = "/api/v1/depot"
    tags = ["Tournées"]
    guards = [allow("rounds:plan")]

    @get("/")
    async def get_depot(self, org_scope: OrgScope) -> DepotOut:
        """The depot of the caller's association, where its rounds start and end."""
        return DepotOut.from_depot(await depot.get_depot(org_scope))

    @put("/")
    async def set_depot(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[DepotIn]
    ) -> DepotOut:
        """Both coordinates: the point as given. Address alone: geocoded, and ``address_found``
        says whether it was (no network or no match: the point is left as it was)."""
        if data.latitude is not None and data.longitude is not None:
            placed = await depot.set_depot(
                org_scope, data.address, data.latitude, data.longitude, circumstances
            )
            return DepotOut.from_depot(placed)
        if data.latitude is None and data.longitude is None:
            return DepotOut.from_depot(
                *await depot.locate_depot(org_scope, data.address, circumstances)
            )
        raise Invalid("Donnez la latitude et la longitude du dépôt, ou aucune des deux.")

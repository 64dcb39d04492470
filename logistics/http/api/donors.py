"""API: donors (donateurs) and their pickup requests (demandes d'enlèvement)."""

from __future__ import annotations

from litestar import Controller, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from inventory.services import donors, pickups
from inventory.states import PickupStatus
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas.donors import (
    ActiveIn,
    CancelIn,
    DonorIn,
    DonorOut,
    NewPickupIn,
    PickupIn,
    PickupOut,
)


class DonorController(Controller):
    path = "/api/v1/donors"
    tags = ["Donateurs"]

    @get("/", guards=[allow("journey:read")])
    async def list_donors(
        self, org_scope: OrgScope, inactifs: FromQuery[bool] = False, nom: FromQuery[str] = ""
    ) -> list[DonorOut]:
        rows = await donors.list_donors(org_scope, include_inactive=inactifs, name=nom)
        return [DonorOut.from_row(row) for row in rows]

    @get("/{donor_id:int}", guards=[allow("journey:read")])
    async def get_donor(self, org_scope: OrgScope, donor_id: FromPath[int]) -> DonorOut:
        return DonorOut.from_row(await donors.get_donor(org_scope, donor_id))

    @post("/", guards=[allow("donors:manage")])
    async def create_donor(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[DonorIn]
    ) -> DonorOut:
        row = await donors.create_donor(
            org_scope, data.to_data(), circumstances, data.organisation_id
        )
        return DonorOut.from_row(row)

    @put("/{donor_id:int}", guards=[allow("donors:manage")])
    async def update_donor(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: JSONBody[DonorIn],
    ) -> DonorOut:
        row = await donors.update_donor(org_scope, donor_id, data.to_data(), circumstances)
        return DonorOut.from_row(row)

    @patch("/{donor_id:int}", guards=[allow("donors:manage")])
    async def set_active(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: JSONBody[ActiveIn],
    ) -> DonorOut:
        """Deactivate or reactivate a donor; donors are never deleted."""
        row = await donors.set_active(org_scope, donor_id, data.active, circumstances)
        return DonorOut.from_row(row)


class PickupController(Controller):
    path = "/api/v1/pickup-requests"
    tags = ["Demandes d'enlèvement"]

    @get("/", guards=[allow("journey:read")])
    async def list_pickups(
        self,
        org_scope: OrgScope,
        status: FromQuery[PickupStatus | None] = None,
        donor_id: FromQuery[int | None] = None,
    ) -> list[PickupOut]:
        statuses = frozenset({status}) if status else None
        rows = await pickups.list_pickups(org_scope, statuses=statuses, donor_id=donor_id)
        return [PickupOut.from_row(row) for row in rows]

    @get("/{pickup_id:int}", guards=[allow("journey:read")])
    async def get_pickup(self, org_scope: OrgScope, pickup_id: FromPath[int]) -> PickupOut:
        return PickupOut.from_row(await pickups.get_pickup(org_scope, pickup_id))

    @post("/", guards=[allow("donors:manage")])
    async def create_pickup(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[NewPickupIn]
    ) -> PickupOut:
        row = await pickups.create_pickup(org_scope, data.donor_id, data.to_data(), circumstances)
        return PickupOut.from_row(row)

    @put("/{pickup_id:int}", guards=[allow("donors:manage")])
    async def update_pickup(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        pickup_id: FromPath[int],
        data: JSONBody[PickupIn],
    ) -> PickupOut:
        row = await pickups.update_pickup(org_scope, pickup_id, data.to_data(), circumstances)
        return PickupOut.from_row(row)

    @post("/{pickup_id:int}/cancel", guards=[allow("donors:manage")], status_code=200)
    async def cancel_pickup(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        pickup_id: FromPath[int],
        data: JSONBody[CancelIn],
    ) -> PickupOut:
        row = await pickups.cancel_pickup(org_scope, pickup_id, data.reason, circumstances)
        return PickupOut.from_row(row)

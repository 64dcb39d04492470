"""API of staff profiles (fiches salarié) and unavailabilities: what the rounds' crews and the
rota must respect."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas.staff import StaffProfileIO, UnavailabilityIn, UnavailabilityOut
from logistics.staff.profiles import (
    add_unavailability,
    get_profile,
    list_unavailabilities,
    remove_unavailability,
    set_profile,
)


class StaffController(Controller):
    path = "/api/v1/staff"
    tags = ["Salariés"]

    @get("/{user_id:int}", guards=[allow("accounts:read")])
    async def show(self, org_scope: OrgScope, user_id: FromPath[int]) -> StaffProfileIO:
        return StaffProfileIO.of(await get_profile(org_scope, user_id))

    @put("/{user_id:int}", guards=[allow("accounts:manage")])
    async def save(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        data: JSONBody[StaffProfileIO],
    ) -> StaffProfileIO:
        """Record the whole fiche: licence, contract, usual week, abilities, notes."""
        saved = await set_profile(org_scope, user_id, data.to_profile(), circumstances)
        return StaffProfileIO.of(saved)

    @get("/{user_id:int}/unavailabilities", guards=[allow("accounts:read")])
    async def unavailabilities(
        self, org_scope: OrgScope, user_id: FromPath[int]
    ) -> list[UnavailabilityOut]:
        found = await list_unavailabilities(org_scope, user_id)
        return [UnavailabilityOut.of(away) for away in found]

    @post("/{user_id:int}/unavailabilities", guards=[allow("accounts:manage")], status_code=201)
    async def add_unavailability(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        data: JSONBody[UnavailabilityIn],
    ) -> UnavailabilityOut:
        """Leave, sick day, training or counsellor appointment, one-off or every week."""
        away = await add_unavailability(org_scope, user_id, data.to_unavailability(), circumstances)
        return UnavailabilityOut.of(away)

    @delete("/{user_id:int}/unavailabilities/{away_id:int}", guards=[allow("accounts:manage")])
    async def remove_unavailability(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        away_id: FromPath[int],
    ) -> None:
        await remove_unavailability(org_scope, user_id, away_id, circumstances)

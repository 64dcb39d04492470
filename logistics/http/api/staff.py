"""API of staff profiles (fiches salarié): what the rounds' crews must respect."""

from __future__ import annotations

from litestar import Controller, get, put
from litestar.params import FromPath, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas.staff import StaffProfileIO
from logistics.staff.profiles import get_profile, set_profile


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
        """Record who may drive, the contract's weekly hours and the days off."""
        saved = await set_profile(org_scope, user_id, data.to_profile(), circumstances)
        return StaffProfileIO.of(saved)

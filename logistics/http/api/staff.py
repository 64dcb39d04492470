"""API of staff profiles (fiches salarié): what the rounds' crews must respect."""

from __future__ import annotations

import msgspec
from litestar import Controller, get, put
from litestar.params import FromPath, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.staff.profiles import Profile, get_profile, set_profile


class StaffProfileIO(msgspec.Struct, forbid_unknown_fields=True):
    """``days_off`` are ISO weekdays (1 = Monday); ``weekly_hours`` null when not recorded."""

    driving_licence: bool = False
    weekly_hours: int | None = None
    days_off: list[int] = msgspec.field(default_factory=list)

    @classmethod
    def of(cls, profile: Profile) -> StaffProfileIO:
        return cls(profile.driving_licence, profile.weekly_hours, profile.days_off)


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
        profile = Profile(data.driving_licence, data.weekly_hours, data.days_off)
        return StaffProfileIO.of(await set_profile(org_scope, user_id, profile, circumstances))

"""Staff pages: the profile (fiche salarié: licence, contract hours, days off) and the week of
the whole staff (planning du personnel)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.donor_rules import WEEKDAY_LABELS
from inventory.errors import DomainError
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, Prefixed, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.staff import StaffProfileIO
from logistics.rounds.staff_week import staff_week
from logistics.staff.profiles import Profile, get_profile, set_profile
from routes.model import WEEKDAY_NAMES

FORM = "accounts/staff.html"


def profile_values(profile: Profile) -> dict[str, str]:
    """A profile as the strings its form shows, named as ``save`` reads them."""
    values = {
        "driving_licence": "1" if profile.driving_licence else "",
        "weekly_hours": "" if profile.weekly_hours is None else str(profile.weekly_hours),
    }
    values.update({f"day_off_{d}": str(d) for d in profile.days_off})
    return values


def _context(user: Any, user_id: int, values: dict[str, str]) -> dict[str, Any]:
    weekdays = list(enumerate(WEEKDAY_LABELS.values(), start=1))
    return {"user": user, "member_id": user_id, "values": values, "weekdays": weekdays}


class StaffPages(Controller):
    path = "/comptes/{user_id:int}/fiche"
    include_in_schema = False

    @get("/", guards=[allow("accounts:manage")])
    async def show(self, current_user: Me, org_scope: OrgScope, user_id: FromPath[int]) -> Template:
        profile = await get_profile(org_scope, user_id)
        return Template(FORM, context=_context(current_user, user_id, profile_values(profile)))

    @post("/", guards=[allow("accounts:manage")])
    async def save(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            days_off = {"days_off": Prefixed("day_off_")}
            profile = read_form(data, StaffProfileIO, names=days_off).to_profile()
            await set_profile(org_scope, user_id, profile, circumstances)
        except DomainError as error:
            return form_with_error(FORM, _context(current_user, user_id, data), error)
        return saved("/comptes", "fiche")


class StaffWeekPage(Controller):
    path = "/personnel"
    include_in_schema = False

    @get("/", guards=[allow("rounds:plan")])
    async def week(
        self, current_user: Me, org_scope: OrgScope, semaine: FromQuery[date | None] = None
    ) -> Template:
        """Who is on which round each day of the week, days off, hours against the contract."""
        schedule = await staff_week(
            org_scope, current_user.organisation_id, semaine or clock.today()
        )
        return Template(
            "accounts/staff_week.html",
            context={
                "user": current_user,
                "schedule": schedule,
                "weekday_names": WEEKDAY_NAMES,
                "previous": schedule.monday - timedelta(days=7),
                "next": schedule.monday + timedelta(days=7),
            },
        )

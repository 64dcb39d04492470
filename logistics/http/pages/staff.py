"""Staff pages: the profile (fiche salarié: licence, contract, usual week, abilities, notes,
unavailabilities) and the week of the whole staff (planning du personnel)."""

from __future__ import annotations

from datetime import date, time, timedelta
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
from logistics.http.schemas.staff import StaffProfileIO, UnavailabilityIn
from logistics.rounds.staff_week import staff_week
from logistics.staff.profiles import (
    Profile,
    add_unavailability,
    contracts_ending,
    get_profile,
    list_unavailabilities,
    remove_unavailability,
    set_profile,
)
from logistics.staff.tables import AbsenceReason, TeamRole
from routes.model import WEEKDAY_NAMES

FORM = "accounts/staff.html"
WEEKDAY_GROUPS = {"days_off": Prefixed("day_off_"), "usual_days": Prefixed("usual_day_")}


def _text(value: object) -> str:
    """A field as its input shows it: a ticked box "1", a time "09:30", a date ISO."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.isoformat() if isinstance(value, date) else str(value)


def profile_values(profile: Profile) -> dict[str, str]:
    """A profile as the strings its form shows, named as ``save`` reads them."""
    values = {
        name: _text(getattr(profile, name))
        for name in Profile.__dataclass_fields__
        if name not in WEEKDAY_GROUPS
    }
    values.update({f"day_off_{d}": str(d) for d in profile.days_off})
    values.update({f"usual_day_{d}": str(d) for d in profile.usual_days})
    return values


async def _context(
    scope: Any, user: Any, user_id: int, values: dict[str, str], away: dict[str, str] | None = None
) -> dict[str, Any]:
    weekdays = list(enumerate(WEEKDAY_LABELS.values(), start=1))
    return {
        "user": user,
        "member_id": user_id,
        "values": values,
        "away_values": away or {},
        "weekdays": weekdays,
        "team_roles": list(TeamRole),
        "reasons": list(AbsenceReason),
        "unavailabilities": await list_unavailabilities(scope, user_id),
    }


class StaffPages(Controller):
    path = "/comptes/{user_id:int}/fiche"
    include_in_schema = False

    @get("/", guards=[allow("accounts:manage")])
    async def show(self, current_user: Me, org_scope: OrgScope, user_id: FromPath[int]) -> Template:
        profile = await get_profile(org_scope, user_id)
        context = await _context(org_scope, current_user, user_id, profile_values(profile))
        return Template(FORM, context=context)

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
            profile = read_form(data, StaffProfileIO, names=WEEKDAY_GROUPS).to_profile()
            await set_profile(org_scope, user_id, profile, circumstances)
        except DomainError as error:
            context = await _context(org_scope, current_user, user_id, data)
            return form_with_error(FORM, context, error)
        return saved(f"/comptes/{user_id}/fiche", "fiche")

    @post("/indisponibilites", guards=[allow("accounts:manage")])
    async def add_unavailability(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Leave, sickness, training or counsellor appointment; "chaque semaine" repeats it."""
        try:
            away = read_form(data, UnavailabilityIn).to_unavailability()
            await add_unavailability(org_scope, user_id, away, circumstances)
        except DomainError as error:
            profile = profile_values(await get_profile(org_scope, user_id))
            context = await _context(org_scope, current_user, user_id, profile, data)
            return form_with_error(FORM, context, error)
        return saved(f"/comptes/{user_id}/fiche#indisponibilites", "indisponibilite")

    @post("/indisponibilites/{away_id:int}/retrait", guards=[allow("accounts:manage")])
    async def remove_unavailability(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        user_id: FromPath[int],
        away_id: FromPath[int],
    ) -> Redirect:
        await remove_unavailability(org_scope, user_id, away_id, circumstances)
        return saved(f"/comptes/{user_id}/fiche#indisponibilites", "indisponibilite-retiree")


class StaffWeekPage(Controller):
    path = "/personnel"
    include_in_schema = False

    @get("/", guards=[allow("rounds:plan")])
    async def week(
        self, current_user: Me, org_scope: OrgScope, semaine: FromQuery[date | None] = None
    ) -> Template:
        """Who is on which round each day of the week, days off, hours against the contract,
        and the contracts that end within four weeks."""
        today = clock.today()
        schedule = await staff_week(org_scope, current_user.organisation_id, semaine or today)
        ending = await contracts_ending(org_scope, current_user.organisation_id, today)
        return Template(
            "accounts/staff_week.html",
            context={
                "user": current_user,
                "schedule": schedule,
                "ending": ending,
                "weekday_names": WEEKDAY_NAMES,
                "previous": schedule.monday - timedelta(days=7),
                "next": schedule.monday + timedelta(days=7),
            },
        )

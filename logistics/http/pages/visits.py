"""Pages of BLÉ's installation visits: the list by day and staff member, booking, a visit,
and a staff member's day in travel order (printable, with navigation links)."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.identity import CurrentUser
from logistics.accounts.roles import Role
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.visits import CancelIn, VisitChangeIn, VisitIn
from logistics.trainees.access_log import record_access
from logistics.visits import booking
from logistics.visits.calls import reply_label
from logistics.visits.day import day_view
from logistics.visits.tables import CallOutcome, VisitStatus
from logistics.visits.windows import window_text

FORM = "visits/form.html"
DETAIL = "visits/detail.html"
ENUMS = {
    "VisitStatus": VisitStatus,
    "CallOutcome": CallOutcome,
    "window_text": window_text,
    "reply_label": reply_label,
}


def _page(template: str, **context: Any) -> Template:
    return Template(template, context={**ENUMS, **context})


def by_day_and_staff(
    rows: list[dict[str, Any]],
) -> list[tuple[date, list[tuple[str, int, list[dict[str, Any]]]]]]:
    """The visits grouped by day, then by staff member (each group in window order)."""
    days = []
    for day, of_day in groupby(rows, key=lambda row: row["day"]):
        staff = sorted(of_day, key=lambda row: (row["installer_name"], row["window_start"]))
        days.append(
            (
                day,
                [
                    (name, visits[0]["installer"], visits)
                    for name, group in groupby(staff, key=lambda row: row["installer_name"])
                    for visits in [list(group)]
                ],
            )
        )
    return days


async def _default_staff(scope: Scope, user: CurrentUser, wanted: int | None) -> int | None:
    """The staff member a page opens on: the one asked, the user when on the team, else the
    first of the team."""
    if wanted:
        return wanted
    if user.role is Role.INSTALLER:
        return user.id
    team = await booking.installers(scope)
    return team[0]["id"] if team else None


class VisitPages(Controller):
    path = "/visites"
    include_in_schema = False

    async def _form_context(
        self, user: CurrentUser, scope: Scope, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "user": user,
            "values": values,
            "trainees": await booking.trainees(scope),
            "team": await booking.installers(scope),
            "today": clock.today(),
        }

    @get("/", guards=[allow("residents:read")])
    async def list_visits(
        self,
        current_user: Me,
        org_scope: OrgScope,
        date: FromQuery[date | None] = None,
        installateur: FromQuery[int | None] = None,
    ) -> Template:
        today = clock.today()
        rows = await booking.list_visits(
            org_scope,
            day=date,
            since=None if date else today,
            installer_id=installateur,
            status=None if date else VisitStatus.BOOKED,
        )
        return _page(
            "visits/list.html",
            user=current_user,
            days=by_day_and_staff(rows),
            team=await booking.installers(org_scope),
            chosen_day=date,
            chosen_staff=installateur,
            today=today,
        )

    @get("/nouvelle", guards=[allow("residents:manage")])
    async def new_visit(
        self,
        current_user: Me,
        org_scope: OrgScope,
        beneficiaire: FromQuery[int | None] = None,
        date: FromQuery[date | None] = None,
        installateur: FromQuery[int | None] = None,
    ) -> Template:
        staff = await _default_staff(org_scope, current_user, installateur)
        today = clock.today()
        proposed = (
            await booking.proposed_day_of(org_scope, beneficiaire, today) if beneficiaire else None
        )
        values = {
            "trainee_id": str(beneficiaire or ""),
            "installer_id": str(staff or ""),
            "day": (date or proposed or today).isoformat(),
            "window_start": "09:00",
        }
        context = await self._form_context(current_user, org_scope, values)
        return _page(FORM, **context, proposed_day=proposed)

    @post("/", guards=[allow("residents:manage")])
    async def book(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            wanted = read_form(data, VisitIn).to_booking()
            visit = await booking.book(org_scope, wanted, circumstances)
        except DomainError as error:
            context = await self._form_context(current_user, org_scope, data)
            return form_with_error(FORM, {**ENUMS, **context}, error)
        return saved(f"/visites/{visit['id']}", "visite")

    async def _detail(
        self, user: CurrentUser, scope: Scope, visit_id: int, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        visit = await booking.get_visit(scope, visit_id)
        return {
            **ENUMS,
            "user": user,
            "visit": visit,
            "team": await booking.installers(scope),
            "values": values
            or {
                "day": visit["day"].isoformat(),
                "window_start": f"{visit['window_start']:%H:%M}",
                "installer_id": str(visit["installer"]),
                "address": visit["address"],
                "postcode": visit["postcode"],
                "city": visit["city"],
            },
            "today": clock.today(),
        }

    @get("/{visit_id:int}", guards=[allow("residents:read")])
    async def show_visit(
        self, current_user: Me, org_scope: OrgScope, visit_id: FromPath[int]
    ) -> Template:
        context = await self._detail(current_user, org_scope, visit_id)
        await record_access(org_scope, context["visit"]["trainee"])
        return Template(DETAIL, context=context)

    @post("/{visit_id:int}/deplacer", guards=[allow("residents:manage")])
    async def move(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        visit_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            change = read_form(data, VisitChangeIn).to_change()
            await booking.move(org_scope, visit_id, change, circumstances)
        except DomainError as error:
            context = await self._detail(current_user, org_scope, visit_id, data)
            return form_with_error(DETAIL, context, error)
        return saved(f"/visites/{visit_id}", "visite-deplacee")

    @post("/{visit_id:int}/annuler", guards=[allow("residents:manage")])
    async def cancel(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        visit_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            reason = read_form(data, CancelIn).reason
            await booking.cancel(org_scope, visit_id, reason, circumstances)
        except DomainError as error:
            context = await self._detail(current_user, org_scope, visit_id)
            return form_with_error(DETAIL, context, error)
        return saved(f"/visites/{visit_id}", "visite-annulee")

    @get("/journee", guards=[allow("residents:read")])
    async def day(
        self,
        current_user: Me,
        org_scope: OrgScope,
        date: FromQuery[date | None] = None,
        installateur: FromQuery[int | None] = None,
    ) -> Template:
        day = date or clock.today()
        staff = await _default_staff(org_scope, current_user, installateur)
        view = None if staff is None else await day_view(org_scope, staff, day)
        return _page(
            "visits/day.html",
            user=current_user,
            view=view,
            day=day,
            team=await booking.installers(org_scope),
            chosen_staff=staff,
        )

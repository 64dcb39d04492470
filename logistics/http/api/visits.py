"""API: BLÉ's installation visits (book, move, cancel) and a staff member's day in travel order."""

from __future__ import annotations

from datetime import date

from litestar import Controller, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas.visits import DayOut, VisitChangeIn, VisitIn, VisitOut
from logistics.trainees.access_log import record_access
from logistics.visits import booking
from logistics.visits.day import day_view
from logistics.visits.tables import VisitStatus


class VisitController(Controller):
    path = "/api/v1/visits"
    tags = ["Visites d'installation"]

    @get("/", guards=[allow("residents:read")])
    async def list_visits(
        self,
        org_scope: OrgScope,
        date: FromQuery[date | None] = None,
        installer: FromQuery[int | None] = None,
        status: FromQuery[VisitStatus | None] = None,
    ) -> list[VisitOut]:
        """Visits by day and window; ``date``, ``installer`` (a user id) and ``status`` filter."""
        rows = await booking.list_visits(org_scope, day=date, installer_id=installer, status=status)
        return [VisitOut.of(row) for row in rows]

    @get("/day", guards=[allow("residents:read")])
    async def day(
        self, org_scope: OrgScope, installer: FromQuery[int], date: FromQuery[date]
    ) -> DayOut:
        """One staff member's booked visits of ``date`` in travel order, with estimated times."""
        return DayOut.of(await day_view(org_scope, installer, date))

    @get("/{visit_id:int}", guards=[allow("residents:read")])
    async def get_visit(self, org_scope: OrgScope, visit_id: FromPath[int]) -> VisitOut:
        """One visit; reading it is logged as a view of the trainee's personal data."""
        visit = await booking.get_visit(org_scope, visit_id)
        await record_access(org_scope, visit["trainee"])
        return VisitOut.of(visit)

    @post("/", guards=[allow("residents:manage")])
    async def book(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[VisitIn]
    ) -> VisitOut:
        """409 naming the clash when the staff member already has a visit then."""
        return VisitOut.of(await booking.book(org_scope, data.to_booking(), circumstances))

    @patch("/{visit_id:int}", guards=[allow("residents:manage")])
    async def change(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        visit_id: FromPath[int],
        data: JSONBody[VisitChangeIn],
    ) -> VisitOut:
        """Move the visit (409 naming the clash), or cancel it with ``status: "cancelled"``."""
        if data.status == "cancelled":
            row = await booking.cancel(org_scope, visit_id, data.reason, circumstances)
        else:
            row = await booking.move(org_scope, visit_id, data.to_change(), circumstances)
        return VisitOut.of(row)

"""API of the installer's phone page: the day's visits (outcomes go through ``/api/v1/sync``)."""

from __future__ import annotations

from datetime import UTC, date

from litestar import Controller, get
from litestar.params import FromQuery

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.schemas.field_visits import VisitDayOut, VisitOut
from logistics.visits.phone_day import visits_of_installer


class FieldVisitController(Controller):
    path = "/api/v1/terrain/visites"
    tags = ["Terrain"]
    guards = [allow("residents:read")]

    @get("/")
    async def day(
        self,
        org_scope: OrgScope,
        current_user: Me,
        circumstances: Context,
        jour: FromQuery[date | None] = None,
    ) -> VisitDayOut:
        """The caller's own visits of a day (today by default), in the order of the windows,
        each with where it stands on the server."""
        day = jour or circumstances.at.date()
        visits = await visits_of_installer(org_scope, current_user.id, day)
        zone = circumstances.at.tzinfo or UTC
        return VisitDayOut(day=day, visits=[VisitOut.of(visit, zone) for visit in visits])

"""The private calendar address of one's visits: made and revoked on « Mon compte », read by
the phone's calendar app without a login (the signed token in the address is the key)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.errors import NotFound
from inventory.scope import Scope
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.notices import saved
from logistics.settings import get_settings
from logistics.visits import calendar

ICS = ".ics"


async def calendar_context(scope: Scope) -> dict[str, Any]:
    """What « Mon compte » shows of the calendar address (nothing for roles without visits)."""
    if not scope.may(calendar.PERMISSION):
        return {"calendar_allowed": False}
    return {"calendar_allowed": True, "calendar_since": await calendar.live_feed_since(scope)}


class CalendarFeed(Controller):
    path = "/agenda"
    include_in_schema = False

    @get("/{name:str}")
    async def feed(self, name: FromPath[str]) -> Response[bytes]:
        body = await calendar.feed(name.removesuffix(ICS)) if name.endswith(ICS) else None
        if body is None:
            raise NotFound("Agenda introuvable : ce lien a peut-être été remplacé ou révoqué.")
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, max-age=300"},
        )


class CalendarPages(Controller):
    path = "/mon-compte/agenda"
    include_in_schema = False
    guards = [allow(calendar.PERMISSION)]

    @post("/")
    async def create(self, current_user: Me, org_scope: OrgScope) -> Template:
        """A new address, shown this once (only its hash is kept)."""
        token = await calendar.new_feed(org_scope)
        address = get_settings().base_url + calendar.feed_path(token)
        return Template(
            "my_account.html",
            context={
                "user": current_user,
                **await calendar_context(org_scope),
                "calendar_address": address,
                "calendar_webcal": "webcal://" + address.split("://", 1)[1],
            },
        )

    @post("/revoquer")
    async def revoke(self, org_scope: OrgScope) -> Redirect:
        await calendar.revoke_feed(org_scope)
        return saved("/mon-compte", "agenda-revoque")

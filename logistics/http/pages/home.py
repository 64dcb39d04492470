"""The landing page after login: what this user can do, by role."""

from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template

from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.pages.quota import trira_dashboard


class HomePage(Controller):
    include_in_schema = False
    guards = [allow("session")]

    @get("/")
    async def home(self, current_user: Me, org_scope: OrgScope) -> Template:
        flags = await trira_dashboard(org_scope)
        return Template("home.html", context={"user": current_user, **flags})

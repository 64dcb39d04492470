"""The landing page after login: what this user can do, by role."""

from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template

from logistics.auth.guards import allow
from logistics.http.dependencies import Me


class HomePage(Controller):
    include_in_schema = False
    guards = [allow("session")]

    @get("/")
    async def home(self, current_user: Me) -> Template:
        return Template("home.html", context={"user": current_user})

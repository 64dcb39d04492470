"""The installer's phone page for the day (/visites/terrain, « Mes visites du jour »).

Built like the agents' round (``logistics.http.pages.field``): a shell drawn by static scripts
from the phone's own storage, kept on the phone by its service worker, sending what the installer
records through the same inbox as the agents' entries (``/api/v1/sync``).
"""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.response import Template

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me
from logistics.http.pages.field import PhonePage, service_worker

VISITS_PAGE = PhonePage(
    "/visites/terrain", "field/visits.html", ("terrain", "visites"), "/visites-sw.js"
)


class FieldVisitPages(Controller):
    include_in_schema = False

    @get(VISITS_PAGE.path, guards=[allow("residents:manage")])
    async def day(self, current_user: Me, circumstances: Context) -> Template:
        setup = {
            "today": circumstances.at.date().isoformat(),
            "service_worker": VISITS_PAGE.worker,
            "scope": VISITS_PAGE.path,
        }
        return Template("field/visits.html", context={"user": current_user, "setup": setup})

    @get(VISITS_PAGE.worker)
    async def service_worker(self) -> Response[str]:
        return service_worker(VISITS_PAGE)

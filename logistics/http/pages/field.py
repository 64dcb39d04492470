"""The agent's phone page (/terrain) and its service worker.

The page is a shell drawn by static scripts from the phone's own storage, so it works with no
network; the service worker keeps the shell on the phone. The worker is served from the site's
root so that its scope may cover /terrain, with a version that changes whenever a file of the
shell changes, so phones pick up a new release at their next connection.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from litestar import Controller, Response, get
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from inventory.categories import Category
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.rounds.reading import rounds_for_agent

STATIC = Path(__file__).resolve().parents[2] / "static"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCRIPTS = STATIC / "terrain"
OTHER_DAY = "/tournees/jour"
"""Another day's rounds, read only. Not under /terrain: the service worker keeps whatever page
it fetches there as the phone's copy of the round page."""
CONDITIONS = ("bon état", "usagé", "abîmé", "hors d'usage")
"""What agents can say of an item's condition at a glance; the depot checks it closely later."""


@dataclass(frozen=True)
class PhonePage:
    """A page that opens with no network: its path, template, the static folders of its shell
    and the address of its service worker (at the site's root, so its scope may cover the page).

    The agents' round and the installers' visits share the worker's script (``terrain/sw.js``);
    each page's worker keeps its own cache, named after the page.
    """

    path: str
    template: str
    folders: tuple[str, ...]
    worker: str

    @property
    def cache(self) -> str:
        return self.path.strip("/").replace("/", "-")


ROUND_PAGE = PhonePage("/terrain", "field/day.html", ("terrain",), "/terrain-sw.js")
SERVICE_WORKER = ROUND_PAGE.worker


def _files(page: PhonePage) -> list[Path]:
    return sorted(path for folder in page.folders for path in (STATIC / folder).iterdir())


def _shell(page: PhonePage) -> list[str]:
    return [page.path, "/static/app.css"] + [
        f"/static/{path.parent.name}/{path.name}"
        for path in _files(page)
        if path.suffix in {".js", ".css"} and path.name != "sw.js"
    ]


@lru_cache(maxsize=4)
def service_worker_source(page: PhonePage = ROUND_PAGE) -> str:
    digest = hashlib.sha256()
    for path in [STATIC / "app.css", *_files(page), TEMPLATES / page.template]:
        digest.update(path.read_bytes())
    source = (SCRIPTS / "sw.js").read_text(encoding="utf-8")
    return (
        source.replace("__VERSION__", digest.hexdigest()[:16])
        .replace("__PAGE__", page.path)
        .replace("__CACHE__", page.cache)
        .replace("__SHELL__", json.dumps(_shell(page)))
    )


def service_worker(page: PhonePage) -> Response[str]:
    return Response(
        service_worker_source(page),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache"},
    )


def around(day: date) -> dict[str, date]:
    """The days the page links to: the day before and the day after."""
    return {"previous": day - timedelta(days=1), "next": day + timedelta(days=1)}


def _setup(circumstances: Context) -> dict[str, object]:
    return {
        "today": circumstances.at.date().isoformat(),
        "service_worker": SERVICE_WORKER,
        "conditions": CONDITIONS,
        "categories": [
            {
                "code": c.value,
                "label": c.label,
                "labelled": c.is_labelled,
                "holds_storage": c.usually_holds_storage,
            }
            for c in Category
        ],
    }


class FieldPages(Controller):
    include_in_schema = False

    @get("/terrain", guards=[allow("field:log")])
    async def day(self, current_user: Me, circumstances: Context) -> Template:
        today = circumstances.at.date()
        context = {"user": current_user, "setup": _setup(circumstances), **around(today)}
        return Template("field/day.html", context={**context, "other_day": OTHER_DAY})

    @get(OTHER_DAY, guards=[allow("field:log")])
    async def other_day(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        jour: FromQuery[date | None] = None,
    ) -> Template | Redirect:
        """The agent's published rounds of another day (yesterday's to look back, tomorrow's to
        prepare); today's (the default) is the round page itself, where the stops are done."""
        if jour is None or jour == circumstances.at.date():
            return Redirect("/terrain")
        return Template(
            "field/other_day.html",
            context={
                "user": current_user,
                "day": jour,
                "rounds": await rounds_for_agent(org_scope, jour),
                "other_day": OTHER_DAY,
                **around(jour),
            },
        )

    @get(SERVICE_WORKER)
    async def service_worker(self) -> Response[str]:
        return service_worker(ROUND_PAGE)

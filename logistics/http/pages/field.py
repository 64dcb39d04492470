"""The agent's phone page (/terrain) and its service worker.

The page is a shell drawn by static scripts from the phone's own storage, so it works with no
network; the service worker keeps the shell on the phone. The worker is served from the site's
root so that its scope may cover /terrain, with a version that changes whenever a file of the
shell changes, so phones pick up a new release at their next connection.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from litestar import Controller, Response, get
from litestar.response import Template

from inventory.categories import Category
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me

STATIC = Path(__file__).resolve().parents[2] / "static"
SCRIPTS = STATIC / "terrain"
SERVICE_WORKER = "/terrain-sw.js"
CONDITIONS = ("bon état", "usagé", "abîmé", "hors d'usage")
"""What agents can say of an item's condition at a glance; the depot checks it closely later."""


def _shell() -> list[str]:
    files = sorted(p.name for p in SCRIPTS.iterdir() if p.suffix in {".js", ".css"})
    return ["/terrain", "/static/app.css"] + [
        f"/static/terrain/{name}" for name in files if name != "sw.js"
    ]


@lru_cache(maxsize=1)
def service_worker_source() -> str:
    shell = _shell()
    digest = hashlib.sha256()
    for path in [STATIC / "app.css", *sorted(SCRIPTS.iterdir())]:
        digest.update(path.read_bytes())
    template = Path(__file__).resolve().parents[2] / "templates" / "field" / "day.html"
    digest.update(template.read_bytes())
    source = (SCRIPTS / "sw.js").read_text(encoding="utf-8")
    return source.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__SHELL__", json.dumps(shell)
    )


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
        return Template(
            "field/day.html", context={"user": current_user, "setup": _setup(circumstances)}
        )

    @get(SERVICE_WORKER)
    async def service_worker(self) -> Response[str]:
        return Response(
            service_worker_source(),
            media_type="text/javascript",
            headers={"Cache-Control": "no-cache"},
        )

"""Every resident route of the app, walked by everyone who must not read residents' data.

The routes are taken from the app itself (every path under the prefixes below), so a page or an
API route added later is walked too. A field agent, a reconditioner's staff member and the
collecting association's manager get 403 or 404 on every guarded route; the other installing
association's installer gets 404 on each of BLÉ's records and only their own (empty) lists;
nobody's answer holds the trainee's name or phone number, no write goes through, and nothing is
logged as a reading of her file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from inventory.categories import Category
from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.http.app import create_app
from logistics.trainees.tables import TRAINEE_TABLES, CycleSession
from logistics.visits.tables import VISIT_TABLES
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_assignments import install_device, scope_of_user
from tests.factories_trainees import (
    make_ble,
    make_cycle,
    make_device,
    make_ticket,
    make_trainee,
    make_visit,
)

RESIDENT_PREFIXES = (
    "/beneficiaires",
    "/cycles",
    "/visites",
    "/appels",
    "/attributions",
    "/depannages",
    "/agenda",
    "/api/v1/trainees",
    "/api/v1/cycles",
    "/api/v1/visits",
    "/api/v1/assignments",
    "/api/v1/tickets",
    "/api/v1/terrain/visites",
)
WRITES = ("POST", "PUT", "PATCH", "DELETE")
SECRETS = ("Durand", "Fatima", "06 12 34 56 78", "+33612345678", "612345678", "Pré de l")
"""What of Fatima Durand's file must never reach an outsider."""
OUTSIDERS = {
    "karim.benali": "agent",
    "thomas.perrin": "reconditionneur",
    "claire.martin": "responsable de la collecte",
    "autre.installatrice": "installatrice d'une autre association",
}


@pytest.fixture
def ble_world() -> dict[str, Any]:
    """BLÉ's trainee Fatima Durand, with a cycle, a device installed, a visit and a ticket."""
    collecting = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    make_user("karim.benali", Role.AGENT, collecting)
    trira = make_organisation("TRI", OrganisationKind.RECONDITIONER, "TRIRA")
    make_user("thomas.perrin", Role.RECONDITIONER, trira)
    ble = make_ble()
    make_ble("AIDE", ("autre.installatrice",), "Autre association")
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    cycle = make_cycle(ble.organisation, {trainee: 9})
    laptop = make_device(collecting, Category.LAPTOP, "PC-2026-0042")
    assignment = install_device(scope_of_user(ble.installers[0]), trainee, laptop)
    visit = make_visit(ble, trainee, date(2026, 12, 10))
    session = run(CycleSession.select(CycleSession.id).where(CycleSession.cycle == cycle).first())
    assert session is not None
    return {
        "trainee_id": trainee,
        "cycle_id": cycle,
        "session_id": session["id"],
        "visit_id": visit,
        "assignment_id": assignment,
        "ticket_id": make_ticket(ble.organisation, trainee),
        "name": "jeton-invente.ics",  # a calendar feed's token
        "installer": ble.installers[0],
    }


def resident_routes(app: Litestar) -> list[tuple[str, str, bool]]:
    """(path template, method, guarded) of every resident route of the app."""
    found = []
    for route in app.routes:
        if not route.path.startswith(RESIDENT_PREFIXES):
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                found.append((route.path, method, bool(handler.resolve_guards())))
    return found


def _filled(path: str, ids: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in ids:
            pytest.fail(f"{path}: no sample record for « {name} »; add one to ble_world")
        return str(ids[name])

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def _query(ids: dict[str, Any]) -> dict[str, str]:
    """Every filter a resident route reads, pointed at BLÉ's records."""
    installer, day = str(ids["installer"]), "2026-12-10"
    return {
        "trainee_id": str(ids["trainee_id"]),
        "beneficiaire": str(ids["trainee_id"]),
        "cycle": str(ids["cycle_id"]),
        "installer": installer,
        "installateur": installer,
        "date": day,
        "jour": day,
    }


def _snapshot() -> list[list[dict[str, Any]]]:
    return [run(table.select().order_by(table.id)) for table in [*TRAINEE_TABLES, *VISIT_TABLES]]


def test_every_resident_route_keeps_the_trainee_from_outsiders(
    ble_world: dict[str, Any],
) -> None:
    app = create_app()
    routes = resident_routes(app)
    paths = {path for path, _, _ in routes}
    assert {"/beneficiaires/{trainee_id:int}", "/api/v1/tickets/{ticket_id:int}"} <= paths
    assert len(paths) > 40  # the whole resident part, not a handful
    before = _snapshot()
    problems: list[str] = []
    for username, who in OUTSIDERS.items():
        with (
            TestClient(app=app, base_url="http://testserver.local") as pages,
            TestClient(app=app, base_url="http://testserver.local") as api,
        ):
            login(pages, username)
            token = csrf_from(pages.get("/mon-compte").text)
            headers = bearer(api, username)
            other_installer = username == "autre.installatrice"
            for template, method, guarded in routes:
                url = _filled(template, ble_world)
                client = api if url.startswith("/api/") else pages
                if method in WRITES:
                    kwargs: dict[str, Any] = (
                        {"json": {}, "headers": headers}
                        if client is api
                        else {"data": {"_csrf_token": token}}
                    )
                else:
                    kwargs = {"params": _query(ble_world)}
                    if client is api:
                        kwargs["headers"] = headers
                answer = client.request(method, url, follow_redirects=False, **kwargs)
                status, body = answer.status_code, answer.text
                leaked = [secret for secret in SECRETS if secret in body]
                allowed: set[int]
                if not guarded:
                    allowed = set(range(200, 500))  # a public file or feed: nothing personal
                elif method in WRITES:
                    allowed = set(range(400, 500))
                elif other_installer and template == url:
                    allowed = {200, 404}  # their own lists and forms, empty of BLÉ's people
                else:
                    allowed = {403, 404}
                if leaked or status not in allowed:
                    problems.append(f"{who}: {method} {url} → {status} {leaked or ''}")
    assert not problems, "\n".join(problems)
    assert _snapshot() == before  # nothing written, nothing logged as a reading of her file

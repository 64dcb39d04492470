"""Small factories that build data through the real use cases, and the HTTP helpers tests share."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics.accounts import service
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.organisations import NewOrganisation, create_organisation
from logistics.accounts.roles import Role

T = TypeVar("T")
PASSWORD = "mot-de-passe-solide"


def run(awaitable: Awaitable[T]) -> T:
    """Run a use case or a Piccolo query from a synchronous test."""

    async def wait() -> T:
        return await awaitable

    # A thread of its own: a browser test's Playwright loop may be running in this one.
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, wait()).result()


def make_organisation(
    code: str = "RP",
    kind: OrganisationKind = OrganisationKind.COLLECTING,
    name: str | None = None,
) -> int:
    return run(create_organisation(NewOrganisation(name or f"Organisation {code}", code, kind)))


def make_user(username: str, role: Role, organisation_id: int, password: str = PASSWORD) -> int:
    new = service.NewUser(
        username, username.replace(".", " ").title(), password, role, organisation_id
    )
    created = run(service.create_user(frozenset(Role), None, OPERATOR_SCOPE, new))
    return created["id"]


CSRF_INPUT = re.compile(r'name="_csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def redirected_to(response: Any) -> str:
    """The page a form's answer leads to, without its confirmation word (``?fait=…``)."""
    location: str = response.headers["location"]
    return location.split("?fait=")[0]


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/connexion")
    return client.post(
        "/connexion",
        data={"username": username, "password": password, "_csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )


def bearer(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/tokens", json={"username": username, "password": password})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def free_port() -> int:
    """A local port nobody listens on (for a server a test starts, or one it must not find)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

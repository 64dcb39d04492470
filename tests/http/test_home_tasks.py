"""Each role lands on its main tasks as large tiles, most frequent first; the header's links sit
behind a menu button that works without a script."""

from __future__ import annotations

import re

import pytest
from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import login, make_organisation, make_user


def _tiles(html: str) -> list[tuple[str, str]]:
    block = html.split('<ul class="tasks"', 1)[1].split("</ul>", 1)[0]
    return re.findall(
        r'<a href="([^"]+)"><svg[^>]*aria-hidden="true".*?<strong>([^<]+)', block, re.S
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.MANAGER,
            [
                ("/enlevements", "Demandes d'enlèvement"),
                ("/collectes", "Collectes"),
                ("/tournees/nouvelle", "Planifier les tournées"),
            ],
        ),
        (
            Role.AGENT,
            [
                ("/terrain", "Ma tournée du jour"),
                ("/recherche", "Rechercher un objet"),
                ("/stock", "Stock du dépôt"),
            ],
        ),
    ],
)
def test_a_role_s_home_shows_its_main_tasks_as_tiles_with_pictograms(
    client: TestClient, role: Role, expected: list[tuple[str, str]]
) -> None:
    make_user("claire.martin", role, make_organisation("RP"))
    login(client, "claire.martin")

    home = client.get("/").text

    assert [(href, title.replace("&#39;", "'")) for href, title in _tiles(home)] == expected


def test_the_header_links_are_behind_a_menu_button_that_needs_no_script(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    login(client, "claire.martin")

    page = client.get("/collectes/").text

    menu = page.split('<details class="menu">', 1)[1].split("</details>", 1)[0]
    assert menu.lstrip().startswith("<summary>Menu</summary>")
    assert 'aria-label="Navigation principale"' in menu and "Se déconnecter" in menu


def test_the_agents_old_day_page_leads_to_the_phone_page(client: TestClient) -> None:
    make_user("karim.benali", Role.AGENT, make_organisation("RP"))
    login(client, "karim.benali")

    old = client.get(
        "/tournees/mes-tournees", params={"jour": "2026-11-30"}, follow_redirects=False
    )

    assert old.status_code == 301 and old.headers["location"] == "/terrain"
    assert 'href="/tournees/mes-tournees"' not in client.get("/tournees/").text

"""Every page a person reaches from the menus opens on the demo data, for each role.

A page that answers 500 on realistic data is the first thing a user would meet; this walks them
all with the demo loaded, as the people of the programme would.
"""

from __future__ import annotations

import re

import pytest
from litestar.testing import TestClient

from inventory.tables import Collection, Device, Donor, Item, Lot
from logistics.accounts.tables import UserAccount
from logistics.demo import DEMO_PASSWORD, load_demo
from tests.factories import login, run

MANAGER_PAGES = [
    "/",
    "/comptes/",
    "/comptes/nouveau",
    "/personnel",
    "/chiffres",
    "/mon-compte/",
    "/donateurs/",
    "/donateurs/nouveau",
    "/enlevements/",
    "/enlevements/nouveau",
    "/collectes/",
    "/collectes/nouvelle",
    "/etiquettes/",
    "/recherche/?q=RP-26",
    "/lots/",
    "/conventions",
    "/quota",
    "/stock",
    "/appareils/",
    "/appareils/achat",
    "/tournees/",
    "/tournees/nouvelle",
    "/tournees/mes-tournees",
    "/tournees/localisation/",
    "/tournees/depot/",
    "/vehicules/",
    "/terrain",
    "/courriels/",
    "/effacements/",
    "/verifier/",
]


@pytest.fixture
def demo() -> None:
    run(load_demo())


def _pages_of_records() -> list[str]:
    donor = run(Donor.select(Donor.id).first())["id"]
    collection = run(Collection.select(Collection.id).first())["id"]
    tag = run(Item.select(Item.tag).where(Item.tag.is_not_null()).first())["tag"]
    lot = run(Lot.select(Lot.id).first())["id"]
    device = run(Device.select(Device.id).first())["id"]
    karim = run(UserAccount.select(UserAccount.id).where(UserAccount.username == "karim.benali"))
    return [
        f"/comptes/{karim[0]['id']}/fiche",
        f"/donateurs/{donor}",
        f"/donateurs/{donor}/modifier",
        f"/donateurs/{donor}/acces",
        f"/collectes/{collection}",
        f"/objets/{tag}",
        f"/lots/{lot}",
        f"/appareils/{device}",
    ]


def _opens(client: TestClient, path: str) -> tuple[str, int]:
    response = client.get(path)
    return path, response.status_code


def test_every_menu_page_opens_for_the_manager_on_the_demo(demo: None, client: TestClient) -> None:
    login(client, "claire.martin", DEMO_PASSWORD)
    answers = [_opens(client, path) for path in MANAGER_PAGES + _pages_of_records()]
    assert [answer for answer in answers if answer[1] != 200] == []


def test_the_menu_links_of_each_role_lead_to_pages_that_open(
    demo: None, client: TestClient
) -> None:
    for username in ("karim.benali", "nadia.blanc", "thomas.perrin", "coordination", "admin"):
        login(client, username, DEMO_PASSWORD)
        home = client.get("/")
        links = set(re.findall(r'href="(/[^"#?]*)"', home.text)) - {"/static/app.css"}
        broken = [_opens(client, link) for link in sorted(links)]
        assert [answer for answer in broken if answer[1] >= 400] == [], username
        client.cookies.clear()


def test_the_demo_staff_have_their_profiles_for_crewing_rounds(
    demo: None, client: TestClient
) -> None:
    login(client, "claire.martin", DEMO_PASSWORD)
    people = run(UserAccount.select(UserAccount.id, UserAccount.username))
    ids = {p["username"]: p["id"] for p in people}

    karim = client.get(f"/comptes/{ids['karim.benali']}/fiche").text
    julie = client.get(f"/comptes/{ids['julie.rossi']}/fiche").text

    assert 'name="driving_licence" value="1" checked' in karim and 'value="26"' in karim
    assert 'name="driving_licence" value="1">' in julie

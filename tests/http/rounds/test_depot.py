"""Managers set their association's depot: the address looked up like a donor's, or the point
typed in (or clicked); agents cannot, and another association's depot is out of reach."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

from inventory.tables import Event, Organisation
from logistics.accounts.roles import Role
from tests.factories import bearer, csrf_from, login, make_user, run
from tests.http.rounds.test_locating import PALAIS, a_manager, services  # noqa: F401 (fixture)

PALAIS_ADDRESS = " ".join(PALAIS)


def _depot(organisation: int) -> tuple[str, float | None, float | None]:
    row = run(Organisation.select().where(Organisation.id == organisation).first())
    return row["depot_address"], row["depot_latitude"], row["depot_longitude"]


@pytest.mark.usefixtures("services")
def test_manager_finds_the_depot_by_its_address_through_the_api(client: TestClient) -> None:
    organisation, headers = a_manager(client)
    answer = client.put("/api/v1/depot", json={"address": PALAIS_ADDRESS}, headers=headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["located"] and body["address_found"]
    assert (body["latitude"], body["longitude"]) == (45.5651, 5.9213)
    assert _depot(organisation) == (PALAIS_ADDRESS, 45.5651, 5.9213)
    assert run(Event.exists().where(Event.action == "set_depot"))


@pytest.mark.usefixtures("services")
def test_an_unknown_address_keeps_the_depot_where_it_was_and_the_manager_places_it(
    client: TestClient,
) -> None:
    organisation, headers = a_manager(client)
    unknown = client.put("/api/v1/depot", json={"address": "Chemin inconnu"}, headers=headers)
    assert unknown.status_code == 200
    assert unknown.json()["address_found"] is False and not unknown.json()["located"]

    placed = client.put(
        "/api/v1/depot",
        json={"address": "Chemin inconnu", "latitude": 45.58, "longitude": 5.93},
        headers=headers,
    )
    assert placed.json()["located"]
    assert _depot(organisation) == ("Chemin inconnu", 45.58, 5.93)
    half = client.put("/api/v1/depot", json={"latitude": 45.5}, headers=headers)
    assert half.status_code == 422 and "longitude" in half.json()["detail"]
    assert _depot(organisation) == ("Chemin inconnu", 45.58, 5.93)


@pytest.mark.usefixtures("services")
def test_manager_places_the_depot_by_hand_on_the_page(client: TestClient) -> None:
    organisation, _ = a_manager(client)
    login(client, "claire.martin")
    page = client.get("/tournees/depot")
    assert page.status_code == 200 and "pas encore de coordonnées" in page.text
    form = {"_csrf_token": csrf_from(page.text), "address": "Dépôt, 73000 Chambéry"}
    wrong = client.post("/tournees/depot", data={**form, "action": "save", "latitude": "nord"})
    assert wrong.status_code == 422 and "Latitude : saisissez un nombre" in wrong.text
    saved = client.post(
        "/tournees/depot",
        data={**form, "action": "save", "latitude": "45,5853", "longitude": "5,9329"},
    )
    assert saved.status_code == 200 and "45,58530 ; 5,93290" in saved.text
    assert _depot(organisation) == ("Dépôt, 73000 Chambéry", 45.5853, 5.9329)

    lost = client.post(
        "/tournees/depot", data={**form, "action": "locate", "address": "Chemin inconnu"}
    )
    assert "Adresse non localisée" in lost.text
    assert _depot(organisation)[1:] == (45.5853, 5.9329)
    found = client.post(
        "/tournees/depot", data={**form, "action": "locate", "address": PALAIS_ADDRESS}
    )
    assert "45,56510 ; 5,92130" in found.text


def test_agents_cannot_move_the_depot(client: TestClient) -> None:
    organisation, _ = a_manager(client)
    make_user("karim.benali", Role.AGENT, organisation)
    headers = bearer(client, "karim.benali")
    refused = client.put("/api/v1/depot", json={"latitude": 1.0, "longitude": 1.0}, headers=headers)
    assert refused.status_code == 403
    assert _depot(organisation)[1] is None

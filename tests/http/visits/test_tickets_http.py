"""Dépannages through the API and the pages: open, note, close, take the device back to the
stock or to recycling; filters by status, trainee and device; in the OpenAPI document; only
BLÉ's staff, like the visits."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from litestar.testing import TestClient

from inventory.categories import Category
from inventory.tables import Device
from logistics.accounts.roles import Role
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_assignments import install_device, scope_of_user
from tests.factories_trainees import make_ble, make_device, make_eligible, make_trainee


@pytest.fixture
def home() -> dict[str, Any]:
    collecting = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(trainee)
    laptop = make_device(collecting, Category.LAPTOP, "PC-2026-0042")
    install_device(scope_of_user(ble.installers[0]), trainee, laptop)
    return {"ble": ble, "trainee": trainee, "laptop": laptop}


def _state(device_id: int) -> str:
    row = run(Device.select(Device.state).where(Device.id == device_id).first())
    assert row is not None
    return str(row["state"])


def test_the_api_opens_closes_and_takes_the_device_back_to_the_stock(
    client: TestClient, home: dict[str, Any]
) -> None:
    staff = bearer(client, "nadia.blanc")
    body = {"trainee_id": home["trainee"], "problem": "Plus de son", "mode": "phone"}
    opened = client.post("/api/v1/tickets/", json=body, headers=staff)
    assert opened.status_code == 201, opened.text
    ticket = opened.json()
    assert (ticket["device"], ticket["status"], ticket["mode_label"]) == (
        home["laptop"],
        "open",
        "par téléphone",
    )
    url = f"/api/v1/tickets/{ticket['id']}"
    assert client.get(url, headers=staff).json()["trainee_name"] == "Fatima Durand"
    listed = client.get("/api/v1/tickets/", params={"status": "open"}, headers=staff).json()
    assert [t["id"] for t in listed] == [ticket["id"]]
    for params in ({"status": "closed"}, {"trainee_id": home["trainee"] + 1}, {"device_id": 999}):
        assert client.get("/api/v1/tickets/", params=params, headers=staff).json() == []
    assert (
        len(
            client.get(
                "/api/v1/tickets/", params={"device_id": home["laptop"]}, headers=staff
            ).json()
        )
        == 1
    )

    refused = client.patch(url, json={"close": True}, headers=staff)
    assert refused.status_code == 422
    assert "Notez ce qui a été fait" in refused.json()["detail"]
    closed = client.patch(
        url, json={"work_done": "Pilote réinstallé", "close": True}, headers=staff
    )
    assert closed.json()["status"] == "closed"
    assert client.patch(url, json={"work_done": "autre"}, headers=staff).status_code == 409

    back = {"outcome": "returned", "destination": "stock"}
    returned = client.post(f"{url}/device-return", json=back, headers=staff)
    assert returned.status_code == 201, returned.text
    assert returned.json()["device_state"] == "in_stock"
    assert _state(home["laptop"]) == "in_stock"
    again = client.post(f"{url}/device-return", json=back, headers=staff)
    assert again.status_code == 201  # a replay: nothing moves twice
    wrong = client.post(
        f"{url}/device-return", json={"outcome": "lost", "destination": "stock"}, headers=staff
    )
    assert wrong.status_code == 400

    schema = client.get("/api/v1/schema/openapi.json").json()
    assert {
        "/api/v1/tickets",
        "/api/v1/tickets/{ticket_id}",
        "/api/v1/tickets/{ticket_id}/device-return",
    } <= set(schema["paths"])


def test_other_roles_get_no_ticket(client: TestClient, home: dict[str, Any]) -> None:
    staff = bearer(client, "nadia.blanc")
    body = {"trainee_id": home["trainee"], "problem": "Plus de son"}
    ticket = client.post("/api/v1/tickets/", json=body, headers=staff).json()
    manager = bearer(client, "claire.martin")
    assert client.get("/api/v1/tickets/", headers=manager).status_code == 403
    assert client.get(f"/api/v1/tickets/{ticket['id']}", headers=manager).status_code == 403
    other = make_ble("AIDE", ("autre.installatrice",), "Autre association")
    assert other.installers
    outsider = bearer(client, "autre.installatrice")
    assert client.get(f"/api/v1/tickets/{ticket['id']}", headers=outsider).status_code == 404
    assert client.get("/api/v1/tickets/", headers=outsider).json() == []


def _post(client: TestClient, url: str, form_url: str, **fields: str) -> Any:
    token = csrf_from(client.get(form_url).text)
    return client.post(url, data={**fields, "_csrf_token": token}, follow_redirects=False)


def test_the_pages_open_note_close_and_send_the_device_to_recycling(
    client: TestClient, home: dict[str, Any]
) -> None:
    login(client, "nadia.blanc")
    file = client.get(f"/beneficiaires/{home['trainee']}")
    assert f'href="/depannages/nouveau?beneficiaire={home["trainee"]}"' in file.text
    assert 'href="/depannages"' in file.text  # the menu entry
    form_url = f"/depannages/nouveau?beneficiaire={home['trainee']}"
    form = client.get(form_url)
    assert "PC-2026-0042" in form.text
    empty = _post(client, "/depannages/", form_url, trainee_id=str(home["trainee"]), problem="")
    assert empty.status_code == 422
    assert "Décrivez le problème" in unescape(empty.text)
    opened = _post(
        client,
        "/depannages/",
        form_url,
        trainee_id=str(home["trainee"]),
        device_id=str(home["laptop"]),
        problem="L'écran reste noir",
        mode="home_visit",
    )
    assert opened.status_code in (302, 303), opened.text
    detail_url = opened.headers["location"].split("?")[0]
    page = client.get(opened.headers["location"])
    assert "Dépannage ouvert." in page.text
    assert "L&#39;écran reste noir" in page.text and "à domicile" in page.text
    assert "Dépannages" in client.get("/depannages").text
    assert "L&#39;écran reste noir" in client.get("/depannages?etat=ouverts").text
    assert "L&#39;écran reste noir" not in client.get("/depannages?etat=clos").text

    noted = _post(client, detail_url, detail_url, work_done="Écran HS", close="1")
    assert "fait=depannage-clos" in noted.headers["location"]
    assert "L&#39;écran reste noir" in client.get("/depannages?etat=clos").text
    taken = _post(
        client,
        f"{detail_url}/retour",
        detail_url,
        outcome="broken",
        destination="recycling",
        reason="dalle cassée",
    )
    assert "fait=appareil-repris" in taken.headers["location"], taken.text
    assert _state(home["laptop"]) == "recycled"
    after = client.get(detail_url).text
    assert "recyclé" in after and "appareil repris" in after

"""The attributions' API: reserve, sign the loan contract, install, give back, the contract's
PDF, in the OpenAPI document; a second reservation is a 409 naming the holder; the collecting
manager reads the device's state and who holds it, never the person."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from litestar.testing import TestClient

from inventory.categories import Category
from logistics.accounts.roles import Role
from tests.factories import bearer, login, make_organisation, make_user
from tests.factories_assignments import SIGNATURE
from tests.factories_trainees import (
    make_ble,
    make_cycle,
    make_device,
    make_eligible,
    make_trainee,
)


@pytest.fixture
def world() -> dict[str, Any]:
    collecting = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(trainee)
    return {
        "ble": ble.organisation,
        "trainee": trainee,
        "laptop": make_device(collecting, Category.LAPTOP, "PC-001"),
        "desktop": make_device(collecting, Category.DESKTOP, "UC-002"),
    }


def test_the_api_reserves_signs_installs_and_refuses_a_second_reservation_naming_the_holder(
    client: TestClient, world: dict[str, Any]
) -> None:
    installer = bearer(client, "nadia.blanc")
    stock = client.get(
        "/api/v1/assignments/stock", params={"trainee_id": world["trainee"]}, headers=installer
    )
    assert stock.status_code == 200
    assert stock.json()["wanted"] == "laptop"
    assert [d["reference"] for d in stock.json()["matching"]] == ["PC-001"]
    assert [d["reference"] for d in stock.json()["others"]] == ["UC-002"]

    body = {"trainee_id": world["trainee"], "device_id": world["laptop"]}
    created = client.post("/api/v1/assignments/", json=body, headers=installer)
    assert created.status_code == 201, created.text
    assignment = created.json()
    assert (assignment["state"], assignment["trainee_name"]) == ("reserved", "Fatima Durand")

    karim = make_trainee(world["ble"], "Benali", first_name="Karim")
    clash = client.post(
        "/api/v1/assignments/",
        json={"trainee_id": karim, "device_id": world["laptop"]},
        headers=installer,
    )
    assert clash.status_code == 409
    assert clash.headers["content-type"].startswith("application/problem+json")
    assert "déjà réservé pour Fatima Durand" in clash.json()["detail"]

    url = f"/api/v1/assignments/{assignment['id']}"
    signed = client.post(
        f"{url}/contract",
        json={"signer_name": "Fatima Durand", "signature_svg": SIGNATURE},
        headers=installer,
    )
    assert signed.json()["state"] == "assigned"
    installed = client.post(f"{url}/install", json={"with_internet": False}, headers=installer)
    assert installed.json()["with_internet"] is False
    listed = client.get("/api/v1/assignments/", params={"state": "installed"}, headers=installer)
    assert [a["id"] for a in listed.json()] == [assignment["id"]]
    reserved = client.get("/api/v1/assignments/", params={"state": "reserved"}, headers=installer)
    assert reserved.json() == []
    back = client.post(f"{url}/give-back", json={"reason": "déménage"}, headers=installer)
    assert back.json()["state"] == "returned"
    assert client.get(f"{url}/contract.pdf", headers=installer).content.startswith(b"%PDF")

    schema = client.get("/api/v1/schema/openapi.json").json()
    assert "/api/v1/assignments/{assignment_id}/install" in schema["paths"]


def test_the_collecting_manager_sees_the_device_reserved_by_ble_but_not_for_whom(
    client: TestClient, world: dict[str, Any]
) -> None:
    installer = bearer(client, "nadia.blanc")
    body = {"trainee_id": world["trainee"], "device_id": world["laptop"]}
    assignment = client.post("/api/v1/assignments/", json=body, headers=installer).json()

    manager = bearer(client, "claire.martin")
    assert client.get("/api/v1/assignments/", headers=manager).status_code == 403
    assert client.get(f"/api/v1/assignments/{assignment['id']}", headers=manager).status_code == 403
    pdf = client.get(f"/api/v1/assignments/{assignment['id']}/contract.pdf", headers=manager)
    assert pdf.status_code == 403
    device = client.get(f"/api/v1/devices/{world['laptop']}", headers=manager).json()
    assert device["state"] == "reserved"
    moved = client.post(
        f"/api/v1/devices/{world['laptop']}/moves", json={"to_state": "in_stock"}, headers=manager
    )
    assert moved.status_code == 409
    assert "confié à BLÉ" in moved.json()["detail"]

    login(client, "claire.martin")
    page = unescape(client.get(f"/appareils/{world['laptop']}").text)
    assert "<dd>réservé</dd>" in page and "BLÉ" in page
    assert "Durand" not in page and "Fatima" not in page
    assert "Durand" not in client.get("/appareils/").text


def test_the_api_refuses_a_trainee_the_course_did_not_make_eligible_with_the_reason(
    client: TestClient, world: dict[str, Any]
) -> None:
    sylvie = make_trainee(world["ble"], "Perrier", first_name="Sylvie")
    make_cycle(world["ble"], {sylvie: 6})
    rachid = make_trainee(world["ble"], "Benhamou", first_name="Rachid", internet_at_home="none")
    make_eligible(rachid)
    newcomer = make_trainee(world["ble"], "Sow", first_name="Ousmane")
    installer = bearer(client, "nadia.blanc")

    def reserve(trainee: int) -> Any:
        body = {"trainee_id": trainee, "device_id": world["laptop"]}
        return client.post("/api/v1/assignments/", json=body, headers=installer)

    refused = reserve(sylvie)
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["detail"] == (
        "Sylvie Perrier n'est pas éligible à un ordinateur : 6 séances suivies sur 11, "
        "il en faut 8."
    )
    assert "n'a pas internet au domicile" in reserve(rachid).json()["detail"]
    assert reserve(newcomer).json()["detail"] == (
        "Ousmane Sow n'est pas encore éligible à un ordinateur : "
        "inscrit(e) à aucun cycle pour l'instant."
    )
    listed = client.get("/api/v1/assignments/", headers=installer).json()
    assert listed == []
    device = client.get(f"/api/v1/devices/{world['laptop']}", headers=installer).json()
    assert device["state"] == "in_stock"

"""Devices travel from the use cases as typed records: the API's JSON and the pages read the
same record, and the JSON keeps its shape (field order included) and its plain string codes."""

from __future__ import annotations

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import bearer, login, make_user
from tests.factories_lots import make_agreement, make_parties


def test_a_returned_device_reads_the_same_in_the_api_the_stock_and_its_page(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    make_user("claire.martin", Role.MANAGER, association)
    manager = bearer(client, "claire.martin")
    created = client.post(
        "/api/v1/devices/",
        headers=manager,
        json={
            "origin": "returned_by_trira",
            "agreement_id": agreement["id"],
            "reference": "TRI-7",
            "category": "laptop",
            "processor": "Intel Core i5",
            "memory_gb": 8,
            "received_on": "2026-03-10",
        },
    )
    assert created.status_code == 201, created.text
    device_id = created.json()["id"]
    moved = client.post(
        f"/api/v1/devices/{device_id}/moves", headers=manager, json={"to_state": "in_stock"}
    )
    assert moved.status_code == 201, moved.text
    expected = {
        "id": device_id,
        "organisation": association,
        "organisation_name": "Organisation RP",
        "origin": "returned_by_trira",
        "agreement": agreement["id"],
        "reference": "TRI-7",
        "category": "laptop",
        "processor": "Intel Core i5",
        "memory_gb": 8.0,
        "storage_gb": None,
        "operating_system": "",
        "grade": "",
        "received_on": "2026-03-10",
        "state": "in_stock",
        "notes": "",
    }
    shown = client.get(f"/api/v1/devices/{device_id}", headers=manager)
    assert list(shown.json().items()) == list(expected.items())
    assert client.get("/api/v1/devices/", headers=manager).json() == [expected]
    stock = client.get("/api/v1/stock/", headers=manager).json()
    assert stock["devices_ready"] == [expected]

    login(client, "claire.martin")
    page = client.get(f"/appareils/{device_id}")
    assert page.status_code == 200
    assert "portable TRI-7" in page.text
    assert "<dd>en stock</dd>" in page.text
    listed = client.get("/appareils/")
    assert "portable TRI-7" in listed.text
    assert "retour TRIRA" in listed.text

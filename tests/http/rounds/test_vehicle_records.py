"""Vehicles leave the use cases as typed records; the API's JSON keeps its shape and order."""

from __future__ import annotations

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user


def test_a_vehicle_reads_the_same_when_listed_created_and_taken_out_of_service(
    client: TestClient,
) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    manager = bearer(client, "claire.martin")
    created = client.post(
        "/api/v1/vehicles/",
        headers=manager,
        json={"name": "Kangoo", "kind": "car", "capacity_kg": 300, "capacity_m3": 1.5},
    )
    assert created.status_code == 201, created.text
    vehicle_id = created.json()["id"]
    expected = {
        "id": vehicle_id,
        "name": "Kangoo",
        "kind": "car",
        "capacity_kg": 300.0,
        "capacity_m3": 1.5,
        "weekdays": [1, 2, 3, 4, 5],
        "unload_minutes": 0,
        "multiple_trips": False,
        "max_trips": 1,
        "active": True,
    }
    assert list(created.json().items()) == list(expected.items())
    assert client.get("/api/v1/vehicles/", headers=manager).json() == [expected]
    parked = client.patch(f"/api/v1/vehicles/{vehicle_id}", headers=manager, json={"active": False})
    assert parked.json() == {**expected, "active": False}

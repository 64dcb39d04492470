"""The TRIRA story through the API: a lot handed over, confirmed with a wrong weight, returns
recorded, and the ledger read by the manager; with its refusals and its scoping."""

from __future__ import annotations

from litestar.testing import TestClient

from inventory.categories import Category
from inventory.parties import OrganisationKind
from inventory.states import ItemState
from inventory.tables import Event, Item
from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user, run
from tests.factories_lots import make_agreement, make_items, make_parties


def _story_cast(client: TestClient) -> dict[str, object]:
    association, trira = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    make_user("tri.staff", Role.RECONDITIONER, trira)
    return {
        "association": association,
        "trira": trira,
        "manager": bearer(client, "claire.martin"),
        "trira_staff": bearer(client, "tri.staff"),
    }


def test_manager_hands_20_items_to_trira_weight_flagged_2_returns_and_ledger_shows_what_is_owed(
    client: TestClient,
) -> None:
    cast = _story_cast(client)
    manager, staff = cast["manager"], cast["trira_staff"]
    computers = make_items(cast["association"], 15, Category.LAPTOP, weight_kg=2.5)
    screens = make_items(cast["association"], 5, Category.SCREEN, weight_kg=5.0)
    agreement = client.post(
        "/api/v1/agreements/",
        headers=manager,
        json={
            "organisation_id": cast["association"],
            "reconditioner_id": cast["trira"],
            "reference": "CONV-TRIRA-2026",
            "starts_on": "2026-01-01",
            "weight_tolerance_percent": 5,
        },
    )
    assert agreement.status_code == 201, agreement.text
    agreement_id = agreement.json()["id"]

    lot = client.post("/api/v1/lots/", headers=manager, json={"agreement_id": agreement_id})
    assert lot.status_code == 201, lot.text
    lot_id = lot.json()["id"]
    assert lot.json()["number"].startswith("LOT-RP-")
    filled = client.post(
        f"/api/v1/lots/{lot_id}/items",
        headers=manager,
        json={"item_ids": computers[:10]},
    )
    assert filled.status_code == 201, filled.text
    tags = [
        row["tag"]
        for row in run(Item.select(Item.tag).where(Item.id.is_in(computers[10:] + screens)))
    ]
    filled = client.post(f"/api/v1/lots/{lot_id}/items", headers=manager, json={"tags": tags})
    assert len(filled.json()["items"]) == 20

    handed = client.post(
        f"/api/v1/lots/{lot_id}/handover", headers=manager, json={"slip_number": "BT-2026-17"}
    )
    assert handed.status_code == 201, handed.text
    assert handed.json()["declared_weight_kg"] == 15 * 2.5 + 5 * 5.0
    assert {i["state"] for i in handed.json()["items"]} == {ItemState.HANDED_TO_TRIRA.value}

    refused = client.post(
        f"/api/v1/lots/{lot_id}/receipt", headers=manager, json={"measured_weight_kg": 60}
    )
    assert refused.status_code == 403
    received = client.post(
        f"/api/v1/lots/{lot_id}/receipt", headers=staff, json={"measured_weight_kg": 55.0}
    )
    assert received.status_code == 201, received.text
    assert received.json()["weight_flagged"] is True
    assert run(Event.count().where(Event.action == "weight_flagged")) == 1

    for n in range(2):
        device = client.post(
            "/api/v1/devices/",
            headers=staff,
            json={
                "origin": "returned_by_trira",
                "agreement_id": agreement_id,
                "reference": f"TRI-{n}",
                "category": "laptop",
                "processor": "Intel Core i5",
                "memory_gb": 8,
                "storage_gb": 256,
                "operating_system": "Linux Mint",
                "grade": "A",
                "received_on": "2026-03-10",
            },
        )
        assert device.status_code == 201, device.text
    bought = client.post(
        "/api/v1/devices/",
        headers=manager,
        json={"origin": "purchased", "category": "desktop", "received_on": "2026-03-11"},
    )
    assert bought.status_code == 201, bought.text

    statement = client.get(f"/api/v1/ledger/{agreement_id}", headers=manager)
    assert statement.status_code == 200, statement.text
    body = statement.json()
    # 15 computers handed over this year at 10 %: 1 device owed (rounded down); 2 returned.
    assert (body["owed"], body["received"], body["purchased"]) == (1, 2, 1)
    assert (body["balance"], body["surplus"]) == (0, 1)
    assert {line["category"] for line in body["collected"]} == {"laptop", "screen"}
    assert client.get(f"/api/v1/ledger/{agreement_id}", headers=staff).status_code == 200


def test_a_lot_with_an_item_already_handed_over_is_a_409_naming_it_and_nothing_is_written(
    client: TestClient,
) -> None:
    cast = _story_cast(client)
    agreement = make_agreement(cast["association"], cast["trira"])
    stored = make_items(cast["association"], 2)
    gone = make_items(cast["association"], 1, state=ItemState.HANDED_TO_TRIRA)
    lot_id = client.post(
        "/api/v1/lots/", headers=cast["manager"], json={"agreement_id": agreement["id"]}
    ).json()["id"]
    events = run(Event.count())

    response = client.post(
        f"/api/v1/lots/{lot_id}/items",
        headers=cast["manager"],
        json={"item_ids": [*stored, *gone]},
    )

    assert response.status_code == 409
    assert "remis à TRIRA" in response.json()["detail"]
    assert run(Event.count()) == events
    assert run(Item.count().where(Item.lot.is_not_null())) == 0


def test_another_association_and_another_reconditioner_do_not_see_the_lot(
    client: TestClient,
) -> None:
    cast = _story_cast(client)
    agreement = make_agreement(cast["association"], cast["trira"])
    lot_id = client.post(
        "/api/v1/lots/", headers=cast["manager"], json={"agreement_id": agreement["id"]}
    ).json()["id"]
    elsewhere = make_organisation("CP")
    make_user("paul.favre", Role.MANAGER, elsewhere)
    other_recon = make_organisation("ENV", OrganisationKind.RECONDITIONER, "Envie")
    make_user("envie.staff", Role.RECONDITIONER, other_recon)
    make_user("karim.benali", Role.AGENT, cast["association"])

    for username in ("paul.favre", "envie.staff"):
        headers = bearer(client, username)
        assert client.get(f"/api/v1/lots/{lot_id}", headers=headers).status_code == 404
        assert client.get("/api/v1/lots/", headers=headers).json() == []
    assert client.get("/api/v1/lots/", headers=cast["trira_staff"]).json()[0]["id"] == lot_id
    agent = bearer(client, "karim.benali")
    assert client.post("/api/v1/lots/", headers=agent, json={"agreement_id": 1}).status_code == 403


def test_installers_read_only_the_devices_ready_to_give(client: TestClient) -> None:
    cast = _story_cast(client)
    ble = make_organisation("BLE", OrganisationKind.INSTALLING, "BLÉ")
    make_user("nadia.blanc", Role.INSTALLER, ble)
    ids = []
    for _ in range(2):
        device = client.post(
            "/api/v1/devices/",
            headers=cast["manager"],
            json={"origin": "purchased", "category": "laptop", "received_on": "2026-03-11"},
        )
        ids.append(device.json()["id"])
    moved = client.post(
        f"/api/v1/devices/{ids[0]}/moves", headers=cast["manager"], json={"to_state": "in_stock"}
    )
    assert moved.status_code == 201 and moved.json()["state"] == "in_stock"
    wrong = client.post(
        f"/api/v1/devices/{ids[1]}/moves", headers=cast["manager"], json={"to_state": "installed"}
    )
    assert wrong.status_code == 409 and "reçu" in wrong.json()["detail"]

    installer = bearer(client, "nadia.blanc")
    seen = client.get("/api/v1/devices/", headers=installer).json()
    assert [d["id"] for d in seen] == [ids[0]]
    assert client.get(f"/api/v1/devices/{ids[1]}", headers=installer).status_code == 404
    denied = client.post(
        f"/api/v1/devices/{ids[0]}/moves", headers=installer, json={"to_state": "reserved"}
    )
    assert denied.status_code == 403

"""Every bad input is a clear 4xx in French, and nothing is half-written afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient

from inventory.tables import Collection, Donor, Event, Item
from inventory.tags import format_tag
from tests.factories import run
from tests.factories_journey import DONOR_JSON, regie_plus_manager


def counts() -> tuple[int, int, int, int]:
    return (
        run(Donor.count()),
        run(Collection.count()),
        run(Item.count()),
        run(Event.count()),
    )


@pytest.fixture
def open_collection(regie_plus_collection: dict[str, Any]) -> tuple[dict[str, str], int]:
    return regie_plus_collection["headers"], regie_plus_collection["collection"]["id"]


def refused(response: Any, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"siret": "17730111900017"}, "clé de contrôle"),
        ({"siret": "1234"}, "14 chiffres"),
        ({"opening_hours": {"tue": [["14:00", "12:00"]]}}, "se termine avant de commencer"),
        ({"opening_hours": {"mon": [["08:00", "12:00"], ["11:00", "13:00"]]}}, "chevauchent"),
        ({"latitude": 45.5}, "latitude et la longitude ensemble"),
        ({"convention_ends_on": "2019-01-01"}, "date de fin précède"),
    ],
)
def test_a_donor_with_bad_details_is_refused_and_not_saved(
    client: TestClient, change: dict[str, Any], words: str
) -> None:
    headers = regie_plus_manager(client)
    before = counts()
    refused(client.post("/api/v1/donors", headers=headers, json=DONOR_JSON | change), 422, words)
    assert counts() == before


def test_bad_items_are_refused_and_leave_nothing_behind(
    client: TestClient, open_collection: tuple[dict[str, str], int]
) -> None:
    headers, collection = open_collection
    url = f"/api/v1/collections/{collection}/items"
    first = client.post(url, headers=headers, json={"category": "laptop", "serial_number": "SN1"})
    assert first.status_code == 201
    tag = first.json()["tag"]
    before = counts()

    refused(
        client.post(url, headers=headers, json={"category": "laptop", "serial_number": "sn1"}),
        409,
        "déjà enregistré",
    )
    refused(
        client.post(url, headers=headers, json={"category": "laptop", "weight_kg": -1}),
        422,
        "négatif",
    )
    refused(client.post(url, headers=headers, json={"category": "grille-pain"}), 422, "inconnue")
    mistyped = tag[:-1] + ("A" if tag[-1] != "A" else "B")
    refused(
        client.post(url, headers=headers, json={"category": "laptop", "tag": mistyped}),
        422,
        "caractère de contrôle",
    )
    never_printed = format_tag("RP", 26, 4242)
    refused(
        client.post(url, headers=headers, json={"category": "laptop", "tag": never_printed}),
        422,
        "inconnue",
    )
    refused(
        client.post(url, headers=headers, json={"category": "laptop", "tag": tag}),
        409,
        "déjà collée",
    )
    refused(
        client.post(url, headers=headers, json={"category": "screen", "quantity": 3}),
        422,
        "à l'unité",
    )
    assert counts() == before


def test_replaying_the_same_client_uuid_never_duplicates(
    client: TestClient, open_collection: tuple[dict[str, str], int]
) -> None:
    headers, collection = open_collection
    donor_id = client.get(f"/api/v1/collections/{collection}", headers=headers).json()["donor"]
    opening = {
        "donor_id": donor_id,
        "collected_on": "2026-11-26",
        "client_uuid": "0b7e5a3c-9d1f-4e2a-8c6b-5f4d3e2a1b0c",
    }
    first = client.post("/api/v1/collections", headers=headers, json=opening)
    again = client.post("/api/v1/collections", headers=headers, json=opening)
    assert first.json()["id"] == again.json()["id"]
    line = {
        "category": "keyboard_mouse",
        "quantity": 12,
        "client_uuid": "1c8f6b4d-0e2a-4f3b-9d7c-6a5e4f3b2c1d",
    }
    url = f"/api/v1/collections/{first.json()['id']}/items"
    assert (
        client.post(url, headers=headers, json=line).json()["id"]
        == (client.post(url, headers=headers, json=line).json()["id"])
    )
    assert run(Collection.count()) == 2 and run(Item.count()) == 1


def test_a_signed_collection_takes_no_more_items_and_an_illegal_move_names_the_state(
    client: TestClient, open_collection: tuple[dict[str, str], int]
) -> None:
    headers, collection = open_collection
    item = client.post(
        f"/api/v1/collections/{collection}/items", headers=headers, json={"category": "desktop"}
    ).json()
    closed = client.post(
        f"/api/v1/collections/{collection}/close",
        headers=headers,
        json={"signatory_name": "M. Girod", "signature_svg": "M0 0 L10 10"},
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    refused(
        client.post(
            f"/api/v1/collections/{collection}/items", headers=headers, json={"category": "desktop"}
        ),
        409,
        "terminée",
    )
    refused(
        client.post(
            f"/api/v1/items/{item['id']}/removal", headers=headers, json={"reason": "erreur"}
        ),
        409,
        "terminée",
    )
    recycle = {"to": "recycled", "reason": ""}
    refused(
        client.post(f"/api/v1/items/{item['id']}/moves", headers=headers, json=recycle),
        422,
        "motif",
    )
    move = client.post(f"/api/v1/items/{item['id']}/moves", headers=headers, json={"to": "stored"})
    assert move.json()["state"] == "stored"
    refused(
        client.post(f"/api/v1/items/{item['id']}/moves", headers=headers, json={"to": "stored"}),
        409,
        "actuellement « stocké »",
    )


def test_a_line_logged_by_mistake_is_removed_and_the_collection_remembers_it(
    client: TestClient, open_collection: tuple[dict[str, str], int]
) -> None:
    headers, collection = open_collection
    item = client.post(
        f"/api/v1/collections/{collection}/items", headers=headers, json={"category": "printer"}
    ).json()
    removed = client.post(
        f"/api/v1/items/{item['id']}/removal", headers=headers, json={"reason": "doublon"}
    )
    assert removed.status_code == 204
    assert client.get(f"/api/v1/items/{item['id']}", headers=headers).status_code == 404
    trace = run(
        Event.select().where(Event.subject_kind == "collection", Event.action == "item_removed")
    )
    assert trace[0]["comment"] == "doublon" and item["tag"] in str(trace[0]["details"])
    again = client.post(
        f"/api/v1/collections/{collection}/items", headers=headers, json={"category": "printer"}
    ).json()
    history = client.get(f"/api/v1/items/{again['id']}/history", headers=headers).json()
    assert [e["action"] for e in history["events"]] == ["created"]

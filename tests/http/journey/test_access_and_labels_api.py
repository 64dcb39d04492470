"""Who may do what with donors, collections and items, and labels that scan back to their tag."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from litestar.testing import TestClient
from PIL import Image

from inventory.parties import OrganisationKind
from inventory.tables import Donor, TagBlock
from inventory.tags import parse_tag
from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user, run
from tests.factories_journey import DONOR_JSON, regie_plus_manager


@pytest.fixture
def regie_plus_item(client: TestClient, regie_plus_collection: dict) -> dict[str, object]:
    """The Régie Plus collection with one laptop logged in it."""
    item = client.post(
        f"/api/v1/collections/{regie_plus_collection['collection']['id']}/items",
        headers=regie_plus_collection["headers"],
        json={"category": "laptop"},
    ).json()
    return {**regie_plus_collection, "item": item}


def test_a_manager_of_another_association_finds_nothing_of_regie_plus(
    client: TestClient, regie_plus_item: dict
) -> None:
    other = regie_plus_manager(client, "CP", "paul.favre")
    donor, collection, item = (regie_plus_item[k]["id"] for k in ("donor", "collection", "item"))
    for url in (
        f"/api/v1/donors/{donor}",
        f"/api/v1/collections/{collection}",
        f"/api/v1/collections/{collection}/items",
        f"/api/v1/items/{item}",
        f"/api/v1/items/{item}/history",
        f"/api/v1/items/by-tag/{regie_plus_item['item']['tag']}",
    ):
        assert client.get(url, headers=other).status_code == 404, url
    assert client.put(f"/api/v1/donors/{donor}", headers=other, json=DONOR_JSON).status_code == 404
    opening = {"donor_id": donor, "collected_on": "2026-11-25"}
    assert client.post("/api/v1/collections", headers=other, json=opening).status_code == 404
    line = {"category": "screen"}
    add = client.post(f"/api/v1/collections/{collection}/items", headers=other, json=line)
    assert add.status_code == 404
    assert client.get("/api/v1/donors", headers=other).json() == []


def test_an_agent_logs_collections_but_does_not_keep_donors(
    client: TestClient, regie_plus_item: dict
) -> None:
    make_user("karim.benali", Role.AGENT, regie_plus_item["donor"]["organisation"])
    agent = bearer(client, "karim.benali")
    assert client.get("/api/v1/donors", headers=agent).status_code == 200
    assert client.post("/api/v1/donors", headers=agent, json=DONOR_JSON).status_code == 403
    opening = {"donor_id": regie_plus_item["donor"]["id"], "collected_on": "2026-11-26"}
    collection = client.post("/api/v1/collections", headers=agent, json=opening)
    assert collection.status_code == 201
    url = f"/api/v1/collections/{collection.json()['id']}/items"
    assert client.post(url, headers=agent, json={"category": "desktop"}).status_code == 201
    item = regie_plus_item["item"]["id"]
    recycle = {"to": "recycled", "reason": "cassé"}
    assert (
        client.post(f"/api/v1/items/{item}/moves", headers=agent, json=recycle).status_code == 403
    )
    assert run(Donor.count()) == 1


def test_installers_and_reconditioners_are_turned_away_and_coordinators_only_read(
    client: TestClient, regie_plus_item: dict
) -> None:
    make_user("nadia.blanc", Role.INSTALLER, make_organisation("BLE", OrganisationKind.INSTALLING))
    trira = make_organisation("TRI", OrganisationKind.RECONDITIONER)
    make_user("thomas.perrin", Role.RECONDITIONER, trira)
    coordinating = make_organisation("GC", OrganisationKind.COORDINATING)
    make_user("sophie.girard", Role.COORDINATOR, coordinating)
    item = regie_plus_item["item"]["id"]
    for username in ("nadia.blanc", "thomas.perrin"):
        headers = bearer(client, username)
        assert client.get("/api/v1/donors", headers=headers).status_code == 403
        assert client.get(f"/api/v1/items/{item}", headers=headers).status_code == 403
    coordinator = bearer(client, "sophie.girard")
    assert client.get(f"/api/v1/items/{item}/history", headers=coordinator).status_code == 200
    assert len(client.get("/api/v1/donors", headers=coordinator).json()) == 1
    opening = {"donor_id": regie_plus_item["donor"]["id"], "collected_on": "2026-11-25"}
    assert client.post("/api/v1/collections", headers=coordinator, json=opening).status_code == 403


def scan(png: bytes) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_labels_come_as_pdf_svg_and_png_and_scan_back_to_their_tag(
    client: TestClient, regie_plus_item: dict
) -> None:
    headers = regie_plus_item["headers"]
    tag = regie_plus_item["item"]["tag"]
    svg = client.get(f"/api/v1/labels/{tag}/svg", headers=headers)
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<svg" in svg.text
    png = client.get(f"/api/v1/labels/{tag.lower()}/png", headers=headers)
    assert png.headers["content-type"] == "image/png" and scan(png.content) == [tag]
    mistyped = client.get(f"/api/v1/labels/{tag[:-1]}X/svg", headers=headers)
    assert mistyped.status_code == 422

    sheet = client.post(
        "/api/v1/labels/sheet", headers=headers, json={"item_ids": [regie_plus_item["item"]["id"]]}
    )
    assert sheet.headers["content-type"] == "application/pdf"
    assert sheet.content.startswith(b"%PDF")
    collection_sheet = client.get(
        f"/api/v1/collections/{regie_plus_item['collection']['id']}/labels", headers=headers
    )
    assert collection_sheet.content.startswith(b"%PDF")

    blank = client.post("/api/v1/labels/blank", headers=headers, json={"count": 5})
    assert blank.status_code == 201 and blank.content.startswith(b"%PDF")
    first, last = blank.headers["x-premiere-etiquette"], blank.headers["x-derniere-etiquette"]
    assert parse_tag(last).sequence - parse_tag(first).sequence == 4
    assert scan(client.get(f"/api/v1/labels/{first}/png", headers=headers).content) == [first]
    url = f"/api/v1/collections/{regie_plus_item['collection']['id']}/items"
    scanned = client.post(url, headers=headers, json={"category": "screen", "tag": first})
    assert scanned.status_code == 201 and scanned.json()["tag"] == first
    assert len(run(TagBlock.select())) == 1
    too_many = client.post("/api/v1/labels/blank", headers=headers, json={"count": 0})
    assert too_many.status_code == 422 and len(run(TagBlock.select())) == 1

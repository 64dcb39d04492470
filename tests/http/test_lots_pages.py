"""The TRIRA pages in a browser session: lots, receipt, devices, stock, ledger and home flags."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from inventory.categories import Category
from inventory.parties import OrganisationKind
from inventory.tables import Item
from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user, redirected_to, run
from tests.factories_lots import make_agreement, make_items, make_parties


def _post_form(client: TestClient, page: str, action: str, **fields: str) -> Any:
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**fields, "_csrf_token": token}, follow_redirects=False)


def test_manager_fills_and_hands_over_a_lot_trira_confirms_and_both_homes_flag_the_weight(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira, tolerance=2)
    make_items(association, 3, Category.DESKTOP, weight_kg=10.0)
    make_user("claire.martin", Role.MANAGER, association)
    make_user("tri.staff", Role.RECONDITIONER, trira)
    login(client, "claire.martin")

    created = _post_form(client, "/lots", "/lots/", agreement_id=str(agreement["id"]))
    assert created.status_code in (302, 303), created.text
    lot_page = redirected_to(created)
    labels = "\n".join(row["tag"] for row in run(Item.select(Item.tag)))
    added = _post_form(client, lot_page, f"{lot_page}/objets", tags=labels)
    assert added.status_code in (302, 303), added.text
    typo = _post_form(client, lot_page, f"{lot_page}/objets", tags="RP-26-000001-Z")
    assert typo.status_code == 422 and "caractère de contrôle" in typo.text
    handed = _post_form(client, lot_page, f"{lot_page}/remise", slip_number="BT-9")
    assert handed.status_code in (302, 303), handed.text
    assert "Signer la remise" not in client.get(lot_page).text

    client.post("/deconnexion", data={"_csrf_token": csrf_from(client.get("/").text)})
    login(client, "tri.staff")
    assert "LOT-RP-" in client.get("/lots").text
    wrong = _post_form(client, lot_page, f"{lot_page}/reception", measured_weight_kg="-3")
    assert wrong.status_code == 422 and "négatif" in wrong.text
    confirmed = _post_form(client, lot_page, f"{lot_page}/reception", measured_weight_kg="27,5")
    assert confirmed.status_code in (302, 303), confirmed.text
    assert "Écart de poids" in client.get(lot_page).text
    assert "Écart de poids sur le lot" in client.get("/").text

    returned = _post_form(
        client,
        "/appareils/retour",
        "/appareils/retour",
        agreement_id=str(agreement["id"]),
        reference="TRI-1",
        category="laptop",
        received_on="2026-03-10",
    )
    assert returned.status_code in (302, 303), returned.text
    assert "retour TRIRA" in client.get("/appareils").text
    assert "doit encore" in client.get(f"/quota?convention={agreement['id']}&annee=2026").text


def test_stock_page_shows_what_waits_for_trira_and_agents_cannot_touch_lots(
    client: TestClient,
) -> None:
    association, _ = make_parties()
    make_items(association, 4, Category.SCREEN, weight_kg=5.0)
    make_user("karim.benali", Role.AGENT, association)
    login(client, "karim.benali")
    stock = client.get("/stock")
    assert stock.status_code == 200
    assert "20,0\u202fkg" in stock.text and "écran" in stock.text
    assert client.get("/lots").status_code == 403
    assert client.get("/appareils/achat").status_code == 403


def test_an_installer_sees_the_devices_page_and_no_lot(client: TestClient) -> None:
    make_parties()
    ble = make_organisation("BLE", OrganisationKind.INSTALLING, "BLÉ")
    make_user("nadia.blanc", Role.INSTALLER, ble)
    login(client, "nadia.blanc")
    assert client.get("/appareils").status_code == 200
    assert client.get("/lots").status_code == 403


def test_a_manager_records_an_agreement_and_a_refused_one_is_shown_again(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    fields = {
        "organisation_id": str(association),
        "reconditioner_id": str(trira),
        "reference": "CONV-2026",
        "starts_on": "2026-01-01",
        "rate_percent": "10",
        "basis": "weight",
        "weight_tolerance_percent": "5",
        "alert_threshold": "5",
        "alert_weeks": "4",
    }
    refused = _post_form(client, "/conventions", "/conventions", **fields)
    assert refused.status_code == 422 and "poids compté" in refused.text
    assert 'value="CONV-2026"' in refused.text
    saved = _post_form(client, "/conventions", "/conventions", **{**fields, "kg_per_device": "25"})
    assert saved.status_code in (302, 303), saved.text
    assert "CONV-2026" in client.get(saved.headers["location"]).text

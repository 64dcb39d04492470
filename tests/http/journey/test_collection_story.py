"""The story of issue 3 through the app: a manager records a donor, a collection of 20 items,
prints their labels; the item page shows each step with who and when."""

from __future__ import annotations

import io
import re

import zxingcpp
from litestar.testing import TestClient
from PIL import Image
from pypdf import PdfReader

from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user, redirected_to


def post_form(client: TestClient, url: str, page: str, data: dict[str, str]) -> object:
    """Submit a form as the browser would after showing ``page`` (its CSRF token is reused:
    it stays valid for the whole session)."""
    token = getattr(client, "_csrf", None) or csrf_from(client.get(page).text)
    client._csrf = token  # type: ignore[attr-defined]
    return client.post(url, data={**data, "_csrf_token": token}, follow_redirects=False)


def test_a_manager_records_a_donor_a_collection_of_twenty_items_and_prints_their_labels(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    login(client, "claire.martin")

    created = post_form(
        client,
        "/donateurs/",
        "/donateurs/nouveau",
        {
            "kind": "collectivite",
            "name": "CPAM de Chambéry",
            "siret": "17730111900018",
            "address": "5 avenue Jean Jaurès",
            "postcode": "73000",
            "city": "Chambéry",
            "hours_mon": "08:30-12:00, 13:30-16:30",
        },
    )
    assert created.status_code in (302, 303), created.text
    donor_url = redirected_to(created)
    assert "CPAM de Chambéry" in client.get(donor_url).text
    donor_id = donor_url.rsplit("/", 1)[1]

    opened = post_form(
        client,
        "/collectes/",
        f"/collectes/nouvelle?donateur={donor_id}",
        {"donor_id": donor_id, "collected_on": "2026-11-25", "agent_names": "Karim, Julie"},
    )
    collection_url = redirected_to(opened)
    for n in range(19):
        category = "laptop" if n % 2 else "screen"
        logged = post_form(
            client,
            f"{collection_url}/objets",
            collection_url,
            {
                "category": category,
                "brand": "Dell",
                "serial_number": f"SN{n:03d}",
                "weight_kg": "2,5",
            },
        )
        assert logged.status_code in (302, 303), logged.text
    post_form(
        client,
        f"{collection_url}/objets",
        collection_url,
        {"category": "keyboard_mouse", "quantity": "12"},
    )
    page = client.get(collection_url).text
    assert page.count('href="/objets/RP-') == 19 and "12 × clavier/souris" in page

    sheet = client.get(f"{collection_url}/etiquettes")
    assert sheet.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(sheet.content)).pages[0].extract_text()
    assert text.count("RP-") == 19

    stored = post_form(client, f"{collection_url}/stockage", collection_url, {})
    assert stored.status_code in (302, 303)
    first_tag = page.split('href="/objets/')[1].split('"')[0]
    item_page = client.get(f"/objets/{first_tag.lower().replace('-', '')}")
    assert item_page.status_code == 200
    history = item_page.text.split("Historique")[1]
    assert "collecté" in history and "collecté → stocké" in history
    assert history.count("par Claire Martin") == 2
    assert len(re.findall(r"le \d\d/\d\d/\d{4} \d\d:\d\d", history)) == 2

    png = client.get(f"/etiquettes/{first_tag}/png")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert [barcode.text for barcode in decoded] == [first_tag]


def test_the_search_box_finds_an_item_by_tag_typed_sloppily_or_by_serial(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    login(client, "claire.martin")
    created = post_form(
        client, "/donateurs/", "/donateurs/nouveau", {"kind": "entreprise", "name": "Hasbro"}
    )
    donor_id = redirected_to(created).rsplit("/", 1)[1]
    opened = post_form(
        client,
        "/collectes/",
        "/collectes/nouvelle",
        {"donor_id": donor_id, "collected_on": "2026-11-25"},
    )
    collection_url = redirected_to(opened)
    post_form(
        client,
        f"{collection_url}/objets",
        collection_url,
        {"category": "desktop", "serial_number": "cz123"},
    )
    tag = client.get(collection_url).text.split('href="/objets/')[1].split('"')[0]

    sloppy = client.get(
        "/recherche/", params={"q": tag.lower().replace("-", " ")}, follow_redirects=False
    )
    assert sloppy.headers["location"] == f"/objets/{tag}"
    by_serial = client.get("/recherche/", params={"q": "CZ123"}, follow_redirects=False)
    assert by_serial.headers["location"] == f"/objets/{tag}"
    mistyped = client.get("/recherche/", params={"q": tag[:-1] + ("Z" if tag[-1] != "Z" else "Y")})
    assert "caractère de contrôle" in mistyped.text
    assert "Hasbro" in client.get("/recherche/", params={"q": "hasb"}).text


def test_a_donor_form_with_an_inverted_window_comes_back_filled_in_with_the_reason(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    login(client, "claire.martin")
    refused = post_form(
        client,
        "/donateurs/",
        "/donateurs/nouveau",
        {"kind": "entreprise", "name": "Hasbro", "hours_wed": "14:00-12:00"},
    )
    assert refused.status_code == 422
    assert "mercredi : la plage 14:00–12:00 se termine avant de commencer" in refused.text
    assert 'value="Hasbro"' in refused.text and 'value="14:00-12:00"' in refused.text
    assert "Aucun donateur." in client.get("/donateurs/").text

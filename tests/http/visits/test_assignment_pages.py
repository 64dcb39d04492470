"""The attributions' pages: reserve from the trainee's file (the type asked for, another one on
purpose, never for a trainee the course did not make eligible), the attribution's page and its
actions (release, install, give back) refused in French when the state forbids them, the loan
contract signed on the screen, each opening logged; other roles 403, another association 404."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

import pytest
from litestar.testing import TestClient
from pypdf import PdfReader

from inventory.categories import Category
from inventory.parties import OrganisationKind
from inventory.tables import Device
from logistics.accounts.roles import Role
from logistics.trainees.tables import PersonalDataAccess
from logistics.visits import assignments
from logistics.visits.tables import Assignment
from tests.factories import csrf_from, login, make_organisation, make_user, run
from tests.factories_assignments import SIGNATURE, scope_of_user, when
from tests.factories_trainees import make_ble, make_cycle, make_device, make_eligible, make_trainee


def post_form(client: TestClient, url: str, page: str, **fields: str) -> Any:
    token = csrf_from(client.get(page).text)
    return client.post(url, data={**fields, "_csrf_token": token}, follow_redirects=False)


def text(response: Any) -> str:
    return unescape(response.text)


def _state(table: Any, row_id: int) -> str:
    row = run(table.select(table.state).where(table.id == row_id).first())
    assert row is not None
    return str(row["state"])


def _views(trainee: int) -> int:
    return run(PersonalDataAccess.count().where(PersonalDataAccess.trainee == trainee))


@pytest.fixture
def world() -> dict[str, Any]:
    collecting = make_organisation("RP", name="Régie Plus")
    ble = make_ble()
    fatima = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(fatima)
    return {
        "collecting": collecting,
        "ble": ble,
        "fatima": fatima,
        "laptop": make_device(collecting, Category.LAPTOP, "PC-001"),
        "desktop": make_device(collecting, Category.DESKTOP, "UC-002"),
    }


def _reserved(world: dict[str, Any]) -> int:
    installer = scope_of_user(world["ble"].installers[0])
    return run(assignments.reserve(installer, world["fatima"], world["laptop"], when())).id


def test_an_installer_reserves_from_the_file_then_the_person_signs_the_contract_on_screen(
    client: TestClient, world: dict[str, Any]
) -> None:
    fatima, file_page = world["fatima"], f"/beneficiaires/{world['fatima']}"
    login(client, "nadia.blanc")
    shown = text(client.get(file_page))
    assert "Réserver un appareil du stock" in shown
    assert "portable PC-001" in shown and "(Régie Plus)" in shown
    assert "UC-002" not in shown  # another type only when asked
    assert "Voir aussi les appareils d'un autre type (1)" in shown

    reserved = post_form(client, f"{file_page}/reserver", file_page, device_id=str(world["laptop"]))
    assert reserved.status_code in (302, 303), reserved.text
    location = reserved.headers["location"]
    assert re.fullmatch(r"/attributions/\d+\?fait=reserve", location)
    number = int(location.split("/")[2].split("?")[0])
    detail = text(client.get(location))
    assert "Appareil réservé : faites signer le contrat de mise à disposition." in detail
    assert f"Attribution n° {number} : portable PC-001" in detail
    assert "Appareil réservé : portable PC-001" in detail and "Nadia Blanc" in detail
    assert f'href="/attributions/{number}/contrat"' in detail
    assert _state(Device, world["laptop"]) == "reserved"
    assert f'<a href="/attributions/{number}">Attribution n° {number}</a>' in text(
        client.get(file_page)
    )

    views = _views(fatima)
    contract_page = f"/attributions/{number}/contrat"
    contract = client.get(contract_page)
    assert contract.status_code == 200
    page = text(contract)
    assert "Contrat de mise à disposition" in page and f"CMD-BLE-2026-{number:05d}" in page
    assert "prête gratuitement l'appareil décrit ci-dessus à Fatima Durand" in page
    assert "12 rue du Pré de l'Âne" in page
    # The phone pages' signature capture, loaded as a module: no inline script on the page.
    assert '<script type="module" src="/static/signature-form.js"></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.replace('type="application/json"', ""))
    module = client.get("/static/signature-form.js").text
    assert 'from "./terrain/signature.js"' in module
    assert _views(fatima) == views + 1

    no_signature = post_form(
        client, contract_page, contract_page, signer_name="Fatima Durand", signature_svg=""
    )
    assert no_signature.status_code == 422
    assert "Signature" in text(no_signature)
    assert 'value="Fatima Durand"' in no_signature.text  # the name typed stays
    signed = post_form(
        client, contract_page, contract_page, signer_name="Fatima Durand", signature_svg=SIGNATURE
    )
    assert signed.status_code in (302, 303), signed.text
    after = text(client.get(signed.headers["location"]))
    assert "Contrat signé : l'appareil est attribué à la personne." in after
    assert f"Contrat CMD-BLE-2026-{number:05d} signé par Fatima Durand" in after
    assert _state(Assignment, number) == "assigned"
    assert _state(Device, world["laptop"]) == "assigned"
    assert "Contrat signé" in text(client.get(contract_page))

    pdf = client.get(f"/attributions/{number}/contrat.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    words = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Fatima Durand" in words and "PC-001" in words


def test_another_type_is_offered_when_asked_and_reserved_only_when_confirmed(
    client: TestClient, world: dict[str, Any]
) -> None:
    file_page = f"/beneficiaires/{world['fatima']}?autres=1"
    login(client, "nadia.blanc")
    shown = text(client.get(file_page))
    assert "unité centrale UC-002" in shown
    assert "Réserver quand même si le type n'est pas celui demandé" in shown

    action = f"/beneficiaires/{world['fatima']}/reserver"
    device = str(world["desktop"])
    refused = post_form(client, action, file_page, device_id=device, autres="1")
    assert refused.status_code == 422
    page = text(refused)
    assert "Fatima Durand a demandé un appareil de type « portable »" in page
    assert f'value="{device}" required checked' in page  # the choice stays, with the others
    assert _state(Device, world["desktop"]) == "in_stock"
    confirmed = post_form(
        client, action, file_page, device_id=device, autres="1", other_category="1"
    )
    assert confirmed.status_code in (302, 303), confirmed.text
    assert _state(Device, world["desktop"]) == "reserved"


def test_a_trainee_the_course_did_not_make_eligible_gets_no_device_with_the_reason(
    client: TestClient, world: dict[str, Any]
) -> None:
    sylvie = make_trainee(world["ble"].organisation, "Perrier", first_name="Sylvie")
    make_cycle(world["ble"].organisation, {sylvie: 6})
    file_page = f"/beneficiaires/{sylvie}"
    login(client, "nadia.blanc")
    shown = text(client.get(file_page))
    assert "Pas d'appareil à réserver : non éligible." in shown
    assert "Réserver un appareil du stock" not in shown

    # A page opened before the refusal still posts: the use case refuses it.
    refused = post_form(client, f"{file_page}/reserver", file_page, device_id=str(world["laptop"]))
    assert refused.status_code == 409
    assert (
        "Sylvie Perrier n'est pas éligible à un ordinateur : 6 séances suivies sur 11, "
        "il en faut 8." in text(refused)
    )
    assert _state(Device, world["laptop"]) == "in_stock"
    assert run(Assignment.count()) == 0


def test_release_install_and_give_back_from_the_page_and_refusals_in_french(
    client: TestClient, world: dict[str, Any]
) -> None:
    number = _reserved(world)
    page = f"/attributions/{number}"
    login(client, "nadia.blanc")
    before = _views(world["fatima"])
    shown = text(client.get(page))
    assert _views(world["fatima"]) == before + 1
    assert "Libérer l'appareil" in shown and "Oui, libérer l'appareil" in shown

    empty = post_form(client, f"{page}/stock", page, ending="release", reason="")
    assert empty.status_code == 422 and "Motif" in text(empty)
    unknown = post_form(client, f"{page}/stock", page, ending="vendre", reason="x")
    assert unknown.status_code == 422 and _state(Assignment, number) == "reserved"
    released = post_form(
        client, f"{page}/stock", page, ending="release", reason="a quitté la formation"
    )
    assert released.status_code in (302, 303)
    shown = text(client.get(released.headers["location"]))
    assert "Attribution libérée : l'appareil est de nouveau en stock." in shown
    assert "Libéré : a quitté la formation" in shown
    assert _state(Device, world["laptop"]) == "in_stock"
    again = post_form(client, f"{page}/stock", page, ending="release", reason="encore")
    assert again.status_code == 409
    assert f"Impossible de libérer l'appareil : l'attribution n° {number} est « libéré »." in text(
        again
    )
    late = post_form(
        client, f"{page}/contrat", f"{page}/contrat", signer_name="F. D.", signature_svg=SIGNATURE
    )
    assert late.status_code == 409 and "il n'y a plus de contrat à signer" in text(late)

    second = _reserved(world)
    page = f"/attributions/{second}"
    installer = scope_of_user(world["ble"].installers[0])
    run(assignments.sign_contract(installer, second, "Fatima Durand", SIGNATURE, when()))
    unanswered = post_form(client, f"{page}/installer", page)
    assert unanswered.status_code == 422
    assert "Dites si internet fonctionne au domicile." in text(unanswered)
    installed = post_form(client, f"{page}/installer", page, with_internet="true")
    assert installed.status_code in (302, 303)
    shown = text(client.get(installed.headers["location"]))
    assert "Installation enregistrée." in shown
    assert "Installé au domicile, internet fonctionne" in shown
    assert "L'appareil est rendu" in shown and "Libérer l'appareil" not in shown
    too_late = post_form(client, f"{page}/stock", page, ending="release", reason="déménage")
    assert too_late.status_code == 409 and "est « installé »" in text(too_late)
    back = post_form(client, f"{page}/stock", page, ending="give_back", reason="déménage")
    assert back.status_code in (302, 303)
    shown = text(client.get(back.headers["location"]))
    assert "Appareil rendu : il est de nouveau en stock." in shown
    assert "Rendu au stock : déménage" in shown
    assert (_state(Assignment, second), _state(Device, world["laptop"])) == ("returned", "in_stock")


def test_the_list_filters_by_state(client: TestClient, world: dict[str, Any]) -> None:
    first = _reserved(world)
    installer = scope_of_user(world["ble"].installers[0])
    run(assignments.release(installer, first, "erreur de saisie", when()))
    second = _reserved(world)
    login(client, "nadia.blanc")
    everything = text(client.get("/attributions"))
    assert f"Attribution n° {first}" in everything and f"Attribution n° {second}" in everything
    assert "2 attributions" in everything
    reserved = text(client.get("/attributions?etat=reserved"))
    assert f"Attribution n° {second}" in reserved and f"Attribution n° {first}<" not in reserved
    assert "portable PC-001" in reserved and "Fatima Durand" in reserved
    assert "(contrat à signer)" in reserved
    assert "Aucune attribution dans l'état « installé »." in text(
        client.get("/attributions?etat=installed")
    )
    assert client.get("/attributions?etat=perdu").status_code == 400
    assert '<a href="/attributions">Attributions</a>' in client.get("/").text  # the menu


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("claire.martin", Role.MANAGER),
        ("karim.benali", Role.AGENT),
        ("thomas.perrin", Role.RECONDITIONER),
    ],
)
def test_collecting_staff_and_reconditioners_get_403_and_no_personal_data(
    client: TestClient, world: dict[str, Any], username: str, role: Role
) -> None:
    number = _reserved(world)
    home = world["collecting"]
    if role is Role.RECONDITIONER:
        home = make_organisation("TRI", OrganisationKind.RECONDITIONER, "TRIRA")
    make_user(username, role, home)
    login(client, username)
    page = f"/attributions/{number}"
    for url in ("/attributions", page, f"{page}/contrat", f"{page}/contrat.pdf"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Durand" not in response.text
    for action, fields in (
        (f"{page}/stock", {"reason": "x", "ending": "release"}),
        (f"{page}/stock", {"reason": "x"}),
        (f"{page}/installer", {"with_internet": "true"}),
        (f"{page}/contrat", {"signer_name": "x", "signature_svg": SIGNATURE}),
        (f"/beneficiaires/{world['fatima']}/reserver", {"device_id": str(world["desktop"])}),
    ):
        response = post_form(client, action, "/", **fields)
        assert response.status_code == 403, action
    assert _state(Assignment, number) == "reserved"
    assert _state(Device, world["desktop"]) == "in_stock"


def test_another_installing_association_meets_404(
    client: TestClient, world: dict[str, Any]
) -> None:
    number = _reserved(world)
    other = make_organisation("ALPH", OrganisationKind.INSTALLING, "Alpha Numérique")
    make_user("lea.martin", Role.INSTALLER, other)
    login(client, "lea.martin")
    page = f"/attributions/{number}"
    trainee_file = f"/beneficiaires/{world['fatima']}"
    for url in (page, f"{page}/contrat", f"{page}/contrat.pdf", trainee_file):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Durand" not in response.text
    assert "Durand" not in client.get("/attributions").text
    for action, fields in (
        (f"{page}/stock", {"reason": "x", "ending": "release"}),
        (f"{page}/stock", {"reason": "x"}),
        (f"{page}/contrat", {"signer_name": "x", "signature_svg": SIGNATURE}),
        (f"/beneficiaires/{world['fatima']}/reserver", {"device_id": str(world["desktop"])}),
    ):
        response = post_form(client, action, "/", **fields)
        assert response.status_code == 404, action
        assert "Durand" not in response.text
    assert _state(Assignment, number) == "reserved"
    assert run(PersonalDataAccess.count().where(PersonalDataAccess.user.is_not_null())) == 0

"""Right of access: one trainee's data as JSON and as a French PDF, from their file to who read
it; each export is logged with action "export"; nobody outside the association exports."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from litestar.testing import TestClient
from pypdf import PdfReader

from inventory.categories import Category
from logistics.accounts.roles import Role
from logistics.http.app import create_app
from logistics.privacy.export import personal_data
from logistics.privacy.export_pdf import render_export
from logistics.trainees.access_log import record_access
from logistics.trainees.tables import PersonalDataAccess
from logistics.visits import tickets
from logistics.visits.tickets import NewTicket, TicketChange
from tests.factories import bearer, login, make_organisation, make_user, run
from tests.factories_assignments import install_device, scope_of_user, when
from tests.factories_trainees import make_ble, make_cycle, make_device, make_trainee, make_visit


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def fatima() -> dict[str, Any]:
    """Fatima Durand followed a cycle (9 sessions of 11), got a laptop, had a visit and a
    ticket; her file was opened once."""
    collecting = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    make_ble("AIDE", ("autre.installatrice",), "Autre association")
    trainee = make_trainee(
        ble.organisation,
        "Durand",
        first_name="Fatima",
        email="fatima.durand@example.org",
        notes="Préfère être appelée le matin",
    )
    make_cycle(ble.organisation, {trainee: 9}, name="Cycle d'automne 2026")
    installer = scope_of_user(ble.installers[0])
    install_device(installer, trainee, make_device(collecting, Category.LAPTOP, "PC-2026-0042"))
    make_visit(ble, trainee, date(2026, 12, 3))
    ticket = run(
        tickets.open_ticket(installer, NewTicket(trainee, "Le wifi ne marche plus"), when())
    )
    change = TicketChange(work_done="Mot de passe de la box retrouvé", close=True)
    run(tickets.update_ticket(installer, ticket["id"], change, when()))
    run(record_access(installer, trainee, "view"))
    return {"trainee": trainee, "installer": installer}


def _actions(trainee: int) -> list[str]:
    rows = run(
        PersonalDataAccess.select(PersonalDataAccess.action)
        .where(PersonalDataAccess.trainee == trainee)
        .order_by(PersonalDataAccess.id)
    )
    return [row["action"] for row in rows]


def test_the_json_export_holds_every_part_of_the_persons_data(fatima: dict[str, Any]) -> None:
    data = run(personal_data(fatima["installer"], fatima["trainee"])).as_json()
    person = data["person"]
    assert (person["first_name"], person["last_name"]) == ("Fatima", "Durand")
    assert (person["phone"], person["email"]) == ("06 12 34 56 78", "fatima.durand@example.org")
    assert person["address"] == "12 rue du Pré de l'Âne"
    assert person["notes"] == "Préfère être appelée le matin"
    assert data["association"] == "BLÉ"
    [enrolment] = data["enrolments"]
    assert enrolment["cycle"] == "Cycle d'automne 2026"
    assert len(enrolment["sessions"]) == 11
    assert sum(s["present"] for s in enrolment["sessions"]) == 9
    [lent] = data["assignments"]
    assert lent["device"] == "portable PC-2026-0042" and lent["state"] == "installé"
    assert lent["contract_number"].startswith("CMD-BLE-")
    [visit] = data["visits"]
    assert visit["day"] == date(2026, 12, 3) and "Chambéry" in visit["address"]
    [ticket] = data["tickets"]
    assert ticket["problem"] == "Le wifi ne marche plus" and ticket["status"] == "clos"
    assert ticket["work_done"] == "Mot de passe de la box retrouvé"
    # The export is logged before it is read: it shows its own line, newest first.
    assert [a["action"] for a in data["access_log"]] == [
        "Export des données",
        "Consultation de la fiche",
    ]
    assert data["access_log"][0]["who"] == "Nadia Blanc"
    assert _actions(fatima["trainee"]) == ["view", "export"]


def test_the_pdf_export_reads_in_french(fatima: dict[str, Any]) -> None:
    text = _text(render_export(run(personal_data(fatima["installer"], fatima["trainee"]))))
    for expected in (
        "Données personnelles de Fatima Durand",
        "06 12 34 56 78",
        "fatima.durand@example.org",
        "12 rue du Pré de l'Âne 73000 Chambéry",
        "Cycle d'automne 2026",
        "présent(e)",
        "PC-2026-0042",
        "Le wifi ne marche plus",
        "Mot de passe de la box retrouvé",
        ["jeudi", "3 décembre 2026"][1],
        "Export des données",
    ):
        assert expected in text, expected


def test_exports_through_the_api_and_the_page_are_logged_and_kept_in_the_association(
    fatima: dict[str, Any],
) -> None:
    trainee = fatima["trainee"]
    with TestClient(app=create_app(), base_url="http://testserver.local") as client:
        staff = bearer(client, "nadia.blanc")
        answer = client.get(f"/api/v1/trainees/{trainee}/export", headers=staff)
        assert answer.status_code == 200, answer.text
        assert answer.json()["person"]["last_name"] == "Durand"
        assert answer.json()["visits"][0]["day"] == "2026-12-03"
        pdf = client.get(f"/api/v1/trainees/{trainee}/export.pdf", headers=staff)
        assert pdf.headers["content-type"] == "application/pdf"
        assert "Fatima Durand" in _text(pdf.content)
        paths = client.get("/api/v1/schema/openapi.json").json()["paths"]
        assert "/api/v1/trainees/{trainee_id}/export" in paths

        for outsider, status in (("claire.martin", 403), ("autre.installatrice", 404)):
            headers = bearer(client, outsider)
            refused = client.get(f"/api/v1/trainees/{trainee}/export", headers=headers)
            assert refused.status_code == status
            assert "Durand" not in refused.text

        login(client, "nadia.blanc")
        file = client.get(f"/beneficiaires/{trainee}")
        assert f'href="/beneficiaires/{trainee}/export.pdf">Exporter ses données' in file.text
        page_pdf = client.get(f"/beneficiaires/{trainee}/export.pdf")
        assert page_pdf.content.startswith(b"%PDF")
        page_json = client.get(f"/beneficiaires/{trainee}/export.json")
        assert page_json.json()["tickets"][0]["problem"] == "Le wifi ne marche plus"
    assert _actions(trainee) == ["view", "export", "export", "view", "export", "export"]

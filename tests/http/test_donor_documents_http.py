"""Donors' documents through the app: public verification, donor links, managers' pages."""

from __future__ import annotations

import html
import io
from urllib.parse import urlsplit

from litestar.testing import TestClient
from pypdf import PdfReader

from inventory.certificates.service import certificate_pdf, sha256_hex
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.roles import Role
from logistics.mail.tables import OutboxMessage
from logistics.settings import get_settings
from tests.factories import bearer, csrf_from, login, make_user, run
from tests.factories_certificates import (
    DONOR_NAME,
    SIGNATURE,
    hand_to_reconditioner,
    make_collection,
    make_world,
)
from tests.pdf_scan import scanned_codes


def _manager(client: TestClient, association: int) -> dict[str, str]:
    make_user("camille.chef", Role.MANAGER, association)
    return bearer(client, "camille.chef")


def _issue(client: TestClient, headers: dict[str, str], collection: int) -> dict:
    response = client.post(
        "/api/v1/certificates", json={"collection_id": collection}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_anyone_scanning_the_qr_code_reads_that_the_certificate_is_authentic(
    client: TestClient,
) -> None:
    """Done when: after a collection, the donor's e-mailed certificate scans to « authentique »."""
    world = make_world()
    collection = make_collection(world, closed=False)
    make_user("karim.agent", Role.AGENT, world.association)
    closed = client.post(
        f"/api/v1/collections/{collection}/close",
        json={"signatory_name": "Mme Dupré", "signature_svg": SIGNATURE},
        headers=bearer(client, "karim.agent"),
    )
    assert closed.status_code == 200, closed.text
    mailed = run(OutboxMessage.select().where(OutboxMessage.recipient == "dsi@donateur.example"))
    assert len(mailed) == 1 and mailed[0]["attachment_name"].endswith(".pdf")
    number = mailed[0]["reference"]
    pdf = bytes(mailed[0]["attachment"])
    codes = scanned_codes(pdf)
    assert codes["Code128"] == number
    address = urlsplit(codes["QRCode"])
    assert f"{address.scheme}://{address.netloc}" == get_settings().base_url
    assert address.path == f"/verifier/{number}"
    page = client.get(address.path)  # what the phone opens
    assert page.status_code == 200
    assert "Attestation authentique" in page.text
    assert sha256_hex(pdf) in page.text  # the e-mailed copy is the issued one
    assert "Zoé" not in page.text and "Dupré" not in page.text  # no agent or signatory
    assert "Numéro inconnu" in client.get("/verifier/ATT-RP-2026-999999").text
    api = client.get(f"/api/v1/verification/{number}").json()
    assert api["verdict"] == "authentic" and api["summary"]["units"] == 15


def test_an_uploaded_copy_is_compared_with_the_original(client: TestClient) -> None:
    world = make_world()
    issued = _issue(client, _manager(client, world.association), make_collection(world))
    original = run(certificate_pdf(OPERATOR_SCOPE, issued["number"]))
    token = csrf_from(client.get("/verifier").text)
    for content, expected in (
        (original, "Attestation authentique"),
        (original + b"%", "non conforme"),
    ):
        response = client.post(
            "/verifier",
            data={"numero": issued["number"], "_csrf_token": token},
            files={"fichier": ("attestation.pdf", content, "application/pdf")},
        )
        assert response.status_code == 200, response.text
        assert expected in response.text


def test_a_donor_opens_their_documents_by_link_until_it_is_revoked(client: TestClient) -> None:
    world = make_world()
    headers = _manager(client, world.association)
    issued = _issue(client, headers, make_collection(world))
    hand_to_reconditioner(world, ["SN-A1"])
    created = client.post(
        "/api/v1/donor-links", json={"donor_id": world.donor, "days": 30}, headers=headers
    ).json()
    path = created["url"].removeprefix("http://testserver.local")
    page = client.get(path)
    assert page.status_code == 200
    assert DONOR_NAME in html.unescape(page.text) and issued["number"] in page.text
    assert "remis au reconditionneur dans le lot LOT-1" in page.text
    pdf = client.get(f"{path}/attestations/{issued['number']}")
    assert pdf.headers["content-type"] == "application/pdf"
    summary = client.get(f"{path}/bilan/2026")
    text = PdfReader(io.BytesIO(summary.content)).pages[0].extract_text()
    assert "Bilan annuel des dons 2026" in text
    assert client.get(f"{path}/bilan/2026").content == summary.content  # issued once
    number = summary.headers["content-disposition"].split('filename="')[1].removesuffix('.pdf"')
    assert number.startswith("BIL-") and number in text
    verified = html.unescape(client.get(f"/verifier/{number}").text)
    assert "Bilan annuel authentique" in verified and "Collectes de l'année" in verified
    register = client.get(f"{path}/registre?debut=2026-01-01&fin=2026-12-31&format=xlsx")
    assert register.status_code == 200 and register.content[:2] == b"PK"
    client.post(f"/api/v1/donor-links/{created['id']}/revoke", headers=headers)
    refused = client.get(path)
    assert refused.status_code == 403
    assert "n'est pas valide" in html.unescape(refused.text)


def test_a_manager_creates_a_link_and_imports_an_erasure_report_from_the_pages(
    client: TestClient,
) -> None:
    world = make_world()
    collection = make_collection(world)
    hand_to_reconditioner(world, ["SN-A1"])
    make_user("camille.chef", Role.MANAGER, world.association)
    login(client, "camille.chef")
    page = client.get(f"/donateurs/{world.donor}/acces")
    assert page.status_code == 200 and "Liens d'accès" in page.text
    created = client.post(
        f"/donateurs/{world.donor}/acces",
        data={"libelle": "DSI", "jours": "30", "_csrf_token": csrf_from(page.text)},
    )
    assert "/donateur/" in created.text and "il ne sera plus affiché" in html.unescape(created.text)
    form = client.get("/effacements")
    report = "numéro de série;devenir\nSN-A1;réemploi\nSN-ZZ;recyclage\n".encode()
    result = client.post(
        "/effacements",
        data={"reconditionneur": str(world.reconditioner), "_csrf_token": csrf_from(form.text)},
        files={"fichier": ("rapport.csv", report, "text/csv")},
    )
    assert result.status_code == 200, result.text
    assert "1 ligne(s) rattachée(s)" in result.text and "SN-ZZ" in result.text
    assert client.get("/courriels").status_code == 200
    agreement = f"/donateurs/{world.donor}/acte-de-cession?collecte={collection}"
    assert client.get(agreement).status_code == 422  # a public body must give its legal basis
    signed = client.get(f"{agreement}&base_juridique=Délibération 2026-14")
    assert signed.headers["content-type"] == "application/pdf"

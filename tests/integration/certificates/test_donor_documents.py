"""Donor links, erasure reports, dossier, yearly summary, register extract, transfer agreement."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from inventory.certificates import cession, dossier, erasure, links, register, yearly
from inventory.errors import Forbidden, Invalid
from inventory.parties import DonorKind
from tests.factories import run
from tests.factories_certificates import (
    circumstances,
    hand_to_reconditioner,
    make_collection,
    make_donor,
    make_world,
    now,
)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _words(pdf: bytes) -> str:
    """The text with line breaks and justified spacing flattened to single spaces."""
    return " ".join(_text(pdf).split())


def test_a_donor_link_opens_until_it_expires_or_is_revoked() -> None:
    world = make_world()
    token, link = run(links.create_link(world.scope, world.donor, circumstances(), days=30))
    assert run(links.open_link(token, now())).donor["id"] == world.donor
    with pytest.raises(Forbidden):
        run(links.open_link(token, now() + timedelta(days=31)))
    run(links.revoke_link(world.scope, link["id"], circumstances()))
    with pytest.raises(Forbidden):
        run(links.open_link(token, now()))
    with pytest.raises(Forbidden):
        run(links.open_link("not-a-token", now()))


def _report_csv(lines: list[str]) -> bytes:
    return ("Numéro de série;Date d'effacement;Méthode;Devenir\n" + "\n".join(lines)).encode()


def test_an_erasure_report_links_known_serials_and_reports_the_rest() -> None:
    world = make_world()
    make_collection(world)
    hand_to_reconditioner(world, ["SN-A1", "SN-B2"])
    duplicate = make_collection(world, items=[("laptop", "Dell", "X", "SN-B2", 1, 2.0)])
    assert duplicate
    hand_to_reconditioner(world, ["SN-B2"], number="LOT-2")  # now two items carry SN-B2
    content = _report_csv(
        [
            "sn-a1;12/03/2026;NIST 800-88;réemploi",
            "SN-B2;12/03/2026;NIST 800-88;recyclage",
            "SN-C3;12/03/2026;NIST 800-88;",  # stored, never handed over
            "SN-ZZ;12/03/2026;;",
            ";;;",
        ]
    )
    result = run(
        erasure.import_erasure_report(
            world.scope, world.reconditioner, "rapport.csv", content, circumstances()
        )
    )
    assert [(o.line, o.serial) for o in result.linked] == [(2, "sn-a1")]
    assert [o.serial for o in result.ambiguous] == ["SN-B2"]
    assert [o.serial for o in result.unlinked] == ["SN-C3", "SN-ZZ"]
    again = run(
        erasure.import_erasure_report(
            world.scope, world.reconditioner, "rapport.csv", content, circumstances()
        )
    )
    assert [o.serial for o in again.already] == ["sn-a1"] and not again.linked
    collections = run(dossier.donor_dossier(world.scope, world.donor))
    places = {i.serial: i.where for c in collections for i in c.items}
    assert "données effacées" in places["SN-A1"] and "réemployé" in places["SN-A1"]
    assert "lot LOT-1" in places["SN-A1"]
    assert places["SN-C3"] == "stocké"


def test_an_xlsx_report_from_another_reconditioner_links_nothing() -> None:
    world = make_world()
    other = make_world("XX")
    make_collection(world)
    hand_to_reconditioner(world, ["SN-A1"])
    book = Workbook()
    book.active.append(["Serial number", "Outcome"])
    book.active.append(["SN-A1", "recycled"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = run(
        erasure.import_erasure_report(
            world.scope, other.reconditioner, "r.xlsx", buffer.getvalue(), circumstances()
        )
    )
    assert not result.linked and [o.serial for o in result.unlinked] == ["SN-A1"]
    with pytest.raises(Invalid):
        run(
            erasure.import_erasure_report(
                world.scope, world.reconditioner, "r.csv", b"nom;date\nx;y", circumstances()
            )
        )


def test_the_yearly_summary_adds_up_the_year_and_states_its_factors() -> None:
    world = make_world()
    make_collection(world, on=date(2025, 3, 1))
    make_collection(world, on=date(2025, 9, 1))
    make_collection(world, on=date(2024, 9, 1))
    summary = run(yearly.yearly_summary(world.scope, world.donor, 2025, date(2026, 1, 5)))
    assert summary.collections == 2
    assert {t.category: t.units for t in summary.totals}["keyboard_mouse"] == 24
    assert not summary.benefit.from_reports
    # 10 % of 2 laptops, 2 desktops and 2 screens: 0.2 × (169 + 189 + 236)
    assert summary.benefit.kg_co2e == round(0.2 * (169 + 189 + 236))
    text = _text(yearly.render_yearly_summary(summary))
    assert "Bilan annuel des dons 2025" in text
    assert "ADEME" in text and "ordre de grandeur" in text


def test_the_register_extract_has_one_line_per_shipment_and_category() -> None:
    world = make_world()
    make_collection(world, on=date(2026, 3, 2))
    hand_to_reconditioner(world, ["SN-A1"])
    extract = run(
        register.register_extract(
            world.scope,
            world.donor,
            date(2026, 1, 1),
            date(2026, 12, 31),
            codes={"laptop": "160213*"},
        )
    )
    assert len(extract.rows) == 4
    by_code = {row[1]: row for row in extract.rows}
    laptop = by_code["DEEE professionnels : portable"]
    assert laptop[2] == "16 02 13*" and laptop[3] == "oui"
    assert laptop[13].startswith("LOT-1 (20/03/2026)")
    assert by_code["DEEE professionnels : écran"][2] == "16 02 13*"
    assert by_code["DEEE professionnels : clavier/souris"][2] == "16 02 14"
    assert register.as_csv(extract).decode("utf-8-sig").startswith("Date d'expédition;")
    sheet = load_workbook(io.BytesIO(register.as_xlsx(extract))).active
    assert sheet.max_row == 5
    with pytest.raises(Invalid):
        run(
            register.register_extract(
                world.scope, world.donor, date(2026, 1, 1), date(2026, 2, 1), {"x": "1"}
            )
        )


def test_a_public_body_must_state_the_legal_basis_of_a_transfer() -> None:
    world = make_world()
    collection = make_collection(world)
    with pytest.raises(Invalid):
        run(cession.transfer_agreement_pdf(world.scope, collection, " "))
    basis = "Délibération n° 2026-014 « réforme du parc », vœu du conseil reçu en préfecture"
    text = _words(run(cession.transfer_agreement_pdf(world.scope, collection, basis)))
    assert basis in text and "SN-A1" in text  # é, è, à, ç, œ, « » intact
    assert "Le cédant cède à titre gratuit (valeur de la cession : 0 €)" in text
    company = make_donor(world.association, "Hasbro", kind=DonorKind.ENTREPRISE)
    other = make_collection(world, donor=company)
    assert "Base juridique" not in _text(
        run(cession.transfer_agreement_pdf(world.scope, other, ""))
    )

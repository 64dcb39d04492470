"""The loan contract (contrat de mise à disposition): a French PDF that names the trainee and
the device, blank for the signature until signed on the screen, then drawn with the strokes."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from inventory.categories import Category
from inventory.errors import Forbidden
from inventory.tables import Device
from logistics.accounts.roles import Role
from logistics.visits import assignments
from logistics.visits.contract import contract_pdf
from tests.factories import make_organisation, make_user, run
from tests.factories_assignments import SIGNATURE, scope_of_user, when
from tests.factories_trainees import make_ble, make_device, make_eligible, make_trainee


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _drawing(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def reserved() -> dict[str, Any]:
    collecting = make_organisation("RP", name="Régie Plus")
    manager = make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(trainee)
    laptop = make_device(collecting, Category.LAPTOP, "PC-2026-0042")
    run(
        Device.update(
            {Device.processor: "Intel Core i5", Device.memory_gb: 8, Device.storage_gb: 256}
        ).where(Device.id == laptop)
    )
    installer = scope_of_user(ble.installers[0])
    assignment = run(assignments.reserve(installer, trainee, laptop, when()))
    return {"installer": installer, "manager": scope_of_user(manager), "assignment": assignment}


def test_the_contract_names_the_person_the_device_and_the_loans_conditions(
    reserved: dict[str, Any],
) -> None:
    assignment = reserved["assignment"]
    text = _text(run(contract_pdf(reserved["installer"], assignment.id)))
    assert "Contrat de mise à disposition" in text
    assert assignment.contract_number in text
    assert "Fatima Durand" in text
    assert "12 rue du Pré de l'Âne" in text
    assert "73000 Chambéry" in text
    assert "PC-2026-0042" in text
    assert "portable" in text
    assert "Intel Core i5 · 8 Go de mémoire · 256 Go de stockage" in text.replace("\u202f", " ")
    assert "reste la propriété du programme" in text
    assert "Régie Plus" in text
    assert "____ / ____ / ______" in text  # not signed yet: a date to write by hand


def test_the_signed_contract_carries_the_signature_and_its_date(reserved: dict[str, Any]) -> None:
    installer, assignment = reserved["installer"], reserved["assignment"]
    blank = run(contract_pdf(installer, assignment.id))
    run(assignments.sign_contract(installer, assignment.id, "Fatima Durand", SIGNATURE, when()))
    signed = run(contract_pdf(installer, assignment.id))
    assert "2 décembre 2026" in _text(signed)
    assert "____ / ____ / ______" not in _text(signed)
    # fpdf2 draws the captured strokes (SIGNATURE's points) as vector lines.
    strokes = b"10 40 m 30 20 l 50 45 l 70 15 l 90 40 l S"
    assert strokes in _drawing(signed)
    assert strokes not in _drawing(blank)


def test_the_collecting_manager_cannot_read_the_contract(reserved: dict[str, Any]) -> None:
    with pytest.raises(Forbidden):
        run(contract_pdf(reserved["manager"], reserved["assignment"].id))

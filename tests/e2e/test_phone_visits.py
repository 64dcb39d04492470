"""An installer does the day's visits on a phone in airplane mode: every outcome arrives once,
and moves the device once."""

from __future__ import annotations

import re
from datetime import datetime, time

import pytest
from playwright.sync_api import Page, expect

from inventory.tables import Device, Event
from logistics.visits import assignments
from logistics.visits.booking import SUBJECT
from logistics.visits.tables import Assignment, Visit
from tests.e2e.audit import axe_violations
from tests.e2e.conftest import screenshot, sign, sign_in
from tests.factories import make_organisation, run
from tests.factories_assignments import scope_of_user, when
from tests.factories_journey import PARIS
from tests.factories_trainees import (
    make_ble,
    make_device,
    make_eligible,
    make_trainee,
    make_visit,
)

pytestmark = [pytest.mark.e2e, pytest.mark.both_databases]


def _events(kind: str, subject: int) -> list[str]:
    rows = run(
        Event.select(Event.to_state)
        .where(Event.subject_kind == kind, Event.subject_id == subject)
        .order_by(Event.id)
    )
    return [row["to_state"] for row in rows]


def test_an_installer_records_two_visits_in_airplane_mode_and_each_arrives_once(
    phone: Page,
) -> None:
    ble = make_ble()
    collecting = make_organisation("RP", name="Régie Plus")
    installer = scope_of_user(ble.installers[0])
    today = datetime.now(PARIS).date()
    jeanne = make_trainee(ble.organisation, "Martin", first_name="Jeanne", phone="0611223344")
    fatima = make_trainee(ble.organisation)
    second = make_visit(ble, jeanne, today, time(14))
    first = make_visit(ble, fatima, today, time(9))
    laptop, other = make_device(collecting), make_device(collecting, reference="PC-002")
    make_eligible(fatima, jeanne)
    run(assignments.reserve(installer, fatima, laptop, when()))
    run(assignments.reserve(installer, jeanne, other, when()))
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(phone, "nadia.blanc", at="/visites/terrain")
    expect(phone.get_by_role("heading", name="Mes visites du jour")).to_be_visible()
    cards = phone.locator(".stop")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("1. Fatima")
    expect(cards.first).to_contain_text("09:00–11:00")
    expect(cards.first).to_contain_text("À installer : portable PC-001")
    expect(cards.nth(1).get_by_role("link", name="0611223344")).to_have_attribute(
        "href", "tel:0611223344"
    )
    expect(cards.first.get_by_role("link", name="Itinéraire (GPS)")).to_have_attribute(
        "href", re.compile(r"^geo:45\.577\d*,5\.927")
    )
    screenshot(phone, "phone-visits")

    phone.context.set_offline(True)
    cards.first.get_by_role("link", name="Ouvrir la visite de Fatima").tap()
    phone.get_by_role("button", name="Installé, internet fonctionne").tap()
    phone.get_by_label("Nom et prénom de la personne qui signe").fill("Fatima Durand")
    sign(phone)
    screenshot(phone, "phone-visit-contract")
    assert axe_violations(phone, "installateur (téléphone)") == []
    phone.get_by_role("button", name="Enregistrer ce résultat").tap()
    expect(phone.locator(".visit-state")).to_contain_text(
        "Installé, internet fonctionne — en attente d'envoi"
    )
    phone.get_by_role("link", name="Revenir à mes visites").tap()

    phone.reload()  # the page opens again with no network, from the phone
    cards.nth(1).get_by_role("link", name="Ouvrir la visite de Jeanne").tap()
    phone.get_by_role("button", name="La personne refuse l'ordinateur").tap()
    phone.get_by_label("Ce qu'elle a dit").fill("A reçu un ordinateur de sa fille")
    phone.get_by_role("button", name="Enregistrer ce résultat").tap()
    expect(phone.locator("#envoi")).to_contain_text("3 saisies en attente d'envoi")
    assert run(Visit.select(Visit.status).where(Visit.status != "booked")) == []

    phone.context.set_offline(False)
    expect(phone.locator("#envoi")).to_have_text("Tout est envoyé ✓", timeout=15_000)
    statuses = {row["id"]: row["status"] for row in run(Visit.select(Visit.id, Visit.status))}
    assert statuses == {first: "installed", second: "refused"}
    states = {row["id"]: row["state"] for row in run(Device.select(Device.id, Device.state))}
    assert states == {laptop: "installed", other: "in_stock"}
    assert _events(SUBJECT, first) == ["installed"] and _events(SUBJECT, second) == ["refused"]
    assert _events("device", laptop) == ["reserved", "assigned", "installed"]
    assert _events("device", other) == ["reserved", "in_stock"]
    signed = run(Assignment.select().where(Assignment.device == laptop).first())
    assert signed is not None and signed["contract_signer"] == "Fatima Durand"
    assert signed["contract_signature"].startswith("M") and signed["with_internet"] is True
    phone.get_by_role("link", name="Revenir à mes visites").tap()
    expect(cards.first).to_contain_text("installé, internet fonctionne (noté à ")
    expect(cards.nth(1)).to_contain_text("refusée")
    assert errors == []

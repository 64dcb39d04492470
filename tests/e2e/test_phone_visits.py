"""An installer does the day's visits on a phone in airplane mode: every outcome arrives once."""

from __future__ import annotations

import re
from datetime import datetime, time

import pytest
from playwright.sync_api import Page, expect

from inventory.tables import Event
from logistics.visits.tables import Visit
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import run
from tests.factories_journey import PARIS
from tests.factories_trainees import make_ble, make_trainee, make_visit

pytestmark = pytest.mark.e2e


def test_an_installer_records_two_visits_in_airplane_mode_and_each_arrives_once(
    phone: Page,
) -> None:
    ble = make_ble()
    today = datetime.now(PARIS).date()
    jeanne = make_trainee(ble.organisation, "Martin", first_name="Jeanne", phone="0611223344")
    fatima = make_trainee(ble.organisation)
    second = make_visit(ble, jeanne, today, time(14))
    first = make_visit(ble, fatima, today, time(9))
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(phone, "nadia.blanc", at="/visites/terrain")
    expect(phone.get_by_role("heading", name="Mes visites du jour")).to_be_visible()
    cards = phone.locator(".stop")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("1. Fatima")
    expect(cards.first).to_contain_text("09:00–11:00")
    expect(cards.nth(1).get_by_role("link", name="0611223344")).to_have_attribute(
        "href", "tel:0611223344"
    )
    expect(cards.first.get_by_role("link", name="Itinéraire (GPS)")).to_have_attribute(
        "href", re.compile(r"^geo:45\.577\d*,5\.927")
    )
    screenshot(phone, "phone-visits")

    phone.context.set_offline(True)
    cards.first.get_by_role("link", name="Ouvrir la visite de Fatima").tap()
    phone.get_by_role("button", name="Personne absente").tap()
    phone.get_by_label("Un mot pour l'équipe").fill("Volets fermés, pas de réponse au téléphone")
    phone.get_by_role("button", name="Enregistrer ce résultat").tap()
    expect(phone.locator(".visit-state")).to_contain_text("Personne absente — en attente d'envoi")
    phone.get_by_role("link", name="Revenir à mes visites").tap()

    phone.reload()  # the page opens again with no network, from the phone
    cards.nth(1).get_by_role("link", name="Ouvrir la visite de Jeanne").tap()
    phone.get_by_role("button", name="Visite à reporter").tap()
    phone.get_by_label("Date proposée par la personne").fill("2026-12-17")
    screenshot(phone, "phone-visit")
    phone.get_by_role("button", name="Enregistrer ce résultat").tap()
    expect(phone.get_by_role("status").first).to_contain_text("2 résultats en attente d'envoi")
    assert run(Visit.select(Visit.status).where(Visit.status != "booked")) == []

    phone.context.set_offline(False)
    expect(phone.locator("#envoi")).to_have_text("Tout est envoyé ✓", timeout=15_000)
    statuses = {row["id"]: row["status"] for row in run(Visit.select(Visit.id, Visit.status))}
    assert statuses == {first: "absent", second: "rescheduled"}
    events = run(Event.select(Event.subject_id).where(Event.subject_kind == "visit"))
    assert sorted(e["subject_id"] for e in events) == sorted([first, second])
    phone.get_by_role("link", name="Revenir à mes visites").tap()
    expect(cards.nth(1)).to_contain_text("reportée")
    assert errors == []

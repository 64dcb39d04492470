"""A manager logs in on a phone-sized screen and creates an account for a field agent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, make_organisation, make_user, run

pytestmark = pytest.mark.e2e


def test_manager_logs_in_on_a_phone_and_creates_an_agent_account(phone: Page) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP", name="Régie Plus"))

    phone.goto("/comptes/nouveau")
    expect(phone.get_by_role("heading", name="Connexion")).to_be_visible()
    phone.get_by_label("Identifiant").fill("claire.martin")
    phone.get_by_label("Mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Se connecter").tap()

    expect(phone.get_by_role("heading", name="Créer un compte")).to_be_visible()
    phone.get_by_label("Nom complet").fill("Karim Benali")
    phone.get_by_label("Identifiant de connexion").fill("karim.benali")
    phone.get_by_label("Rôle").select_option(label="Agent de collecte")
    phone.get_by_label("Mot de passe provisoire").fill("provisoire-2026")
    phone.get_by_label("Confirmer le mot de passe").fill("provisoire-2026")
    screenshot(phone, "phone-create-account")
    phone.get_by_role("button", name="Créer le compte").tap()

    expect(phone.get_by_role("status")).to_contain_text("karim.benali")
    row = phone.get_by_role("row", name="Karim Benali")
    expect(row).to_contain_text("Agent de collecte")
    expect(row).to_contain_text("Régie Plus")
    assert run(UserAccount.exists().where(UserAccount.username == "karim.benali"))
    # Nothing is wider than the phone: no sideways scrolling of the page itself.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-accounts")

"""The search box of the header finds nothing, several records or one item: the first two are
pages to read (not their HTML source), the last opens the item."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from logistics.accounts.roles import Role
from tests.e2e.audit import axe_violations, readable
from tests.e2e.conftest import sign_in
from tests.factories import make_organisation, make_user
from tests.factories_journey import add_item, make_donor, open_collection, scope_of

pytestmark = pytest.mark.e2e


def _search(page: Page, words: str) -> None:
    box = page.get_by_role("search").get_by_label("Rechercher")
    box.fill(words)
    box.press("Enter")
    page.wait_for_load_state()


def test_a_search_with_none_or_several_answers_is_a_page_and_one_item_opens(
    desktop: Page,
) -> None:
    organisation = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, organisation)
    scope = scope_of(organisation)
    make_donor(scope, "Mairie de Cognin")
    barby = make_donor(scope, "Mairie de Barby")
    tag = add_item(scope, open_collection(scope, barby), serial_number="CZ123")["tag"]
    sign_in(desktop, "claire.martin")

    _search(desktop, "zzzz")
    expect(desktop).to_have_title("Recherche · Ordi'Pratique")
    expect(desktop.get_by_role("status")).to_have_text("Rien trouvé pour « zzzz ».")
    assert desktop.evaluate("document.contentType") == "text/html"
    violations = axe_violations(desktop, "manager")

    _search(desktop, "mairie")
    expect(desktop.get_by_role("heading", name="Donateurs")).to_be_visible()
    expect(desktop.get_by_role("link", name="Mairie de Cognin")).to_be_visible()
    expect(desktop.get_by_role("link", name="Mairie de Barby")).to_be_visible()
    violations += axe_violations(desktop, "manager")
    assert not violations, readable(violations)

    _search(desktop, "cz123")
    expect(desktop).to_have_url(re.compile(f"/objets/{tag}$"))

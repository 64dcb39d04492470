"""The header on a 360-px phone is one line with a menu button; on a desktop the links show as
before. The home page's tiles are large targets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from logistics.accounts.roles import Role
from tests.factories import PASSWORD, make_organisation, make_user

pytestmark = pytest.mark.e2e
SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def pages(browser: Browser, live_server: str) -> Iterator[tuple[Page, Page]]:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    phone = browser.new_context(base_url=live_server, locale="fr-FR", **SMALL_PHONE)
    desktop = browser.new_context(base_url=live_server, locale="fr-FR", **DESKTOP)
    yield phone.new_page(), desktop.new_page()
    phone.close()
    desktop.close()


def _sign_in(page: Page) -> None:
    page.goto("/connexion")
    page.get_by_label("Identifiant").fill("claire.martin")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Bonjour", exact=False)).to_be_visible()


def test_on_a_phone_the_menu_opens_from_a_button_and_the_tasks_fill_the_first_screen(
    pages: tuple[Page, Page],
) -> None:
    phone, _ = pages
    _sign_in(phone)
    nav = phone.get_by_role("navigation", name="Navigation principale")

    expect(nav).to_be_hidden()
    header = phone.locator("header.bar").bounding_box()
    assert header is not None and header["height"] < 120
    plan = phone.locator(".tasks").get_by_role("link", name="Planifier les tournées")
    box = plan.bounding_box()
    assert box is not None and box["y"] + box["height"] < 740 and box["height"] >= 48

    phone.get_by_text("Menu", exact=True).tap()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Collectes")).to_be_visible()


def test_on_a_desktop_the_links_show_without_opening_anything(pages: tuple[Page, Page]) -> None:
    _, desktop = pages
    _sign_in(desktop)

    expect(desktop.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    expect(desktop.get_by_text("Menu", exact=True)).to_be_hidden()

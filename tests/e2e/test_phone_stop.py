"""The agent's stop screen on a 360-px phone: it fits, opens at its top with the donor's name
kept in view, nothing covers a control; a refused line blocks the signature until it is fixed
or dropped, and a signed stop's lines are final."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from inventory.states import CollectionStatus
from inventory.tables import Collection, Item
from tests.e2e.audit import PHONE_WIDTH, page_width
from tests.e2e.conftest import log_laptop, screenshot, sign, sign_in_agent
from tests.factories import run
from tests.factories_field import make_field_day

pytestmark = pytest.mark.e2e

# Every visible control of the stop, scrolled into view as the browser does when it is focused
# or tapped: the element found at its centre is the control itself, not the sticky top.
COVERED_CONTROLS = """() => [...document.querySelectorAll(
    "#vue button, #vue input, #vue select, #vue canvas")]
  .filter((e) => e.offsetParent !== null)
  .filter((e) => {
    e.scrollIntoView({ block: "nearest" });
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(hit === e || e.contains(hit));
  })
  .map((e) => e.id || e.textContent)"""


def _donor_heading_on_top(phone: Page, donor: str) -> None:
    heading = phone.get_by_role("heading", name=donor, level=1)
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box is not None
    found = phone.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.textContent",
        [box["x"] + 5, box["y"] + box["height"] / 2],
    )
    assert found == donor


def test_the_stop_fits_the_phone_opens_at_its_top_and_keeps_the_donor_in_view(
    phone: Page,
) -> None:
    day = make_field_day()
    sign_in_agent(phone)
    second = phone.get_by_role("button", name="Commencer l'arrêt chez Collège Côte Rousse")
    second.scroll_into_view_if_needed()
    assert phone.evaluate("scrollY") > 0
    second.tap()

    _donor_heading_on_top(phone, "Collège Côte Rousse")
    assert phone.evaluate("scrollY") == 0
    assert page_width(phone) <= PHONE_WIDTH
    grid = phone.locator(".categories").bounding_box()
    assert grid is not None and grid["x"] + grid["width"] <= PHONE_WIDTH
    log_laptop(phone, day.tags[0])
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    assert phone.evaluate(COVERED_CONTROLS) == []
    phone.locator("#signature").scroll_into_view_if_needed()
    _donor_heading_on_top(phone, "Collège Côte Rousse")
    screenshot(phone, "phone-stop-360")

    phone.get_by_role("link", name="← Ma tournée").tap()
    expect(phone.get_by_role("heading", name="Ma tournée du jour")).to_be_in_viewport()
    assert phone.evaluate("scrollY") == 0


def test_a_refused_line_blocks_the_signature_and_signed_lines_are_final(phone: Page) -> None:
    day = make_field_day()
    sign_in_agent(phone)
    phone.get_by_role("button", name="Commencer l'arrêt chez CPAM de Chambéry").tap()
    log_laptop(phone, day.tags[0])
    log_laptop(phone, day.tags[0])  # the same label twice: the server refuses the second
    refused = phone.locator("#lignes li.refused")
    expect(refused).to_contain_text("déjà collée sur un autre objet")

    phone.get_by_label("Nom de la personne qui remet le matériel").fill("Mme Perret")
    sign(phone)
    phone.get_by_role("button", name="Terminer l'arrêt").tap()
    expect(phone.get_by_role("alert").filter(has_text="avant de faire signer")).to_have_text(
        "Une ligne refusée attend : corrigez-la ou annulez-la avant de faire signer."
    )
    assert run(Collection.select(Collection.status).first())["status"] == CollectionStatus.OPEN

    refused.get_by_role("button", name="Corriger").tap()
    phone.get_by_label("Étiquette").fill(day.tags[1])
    phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(phone.locator("#lignes li.accepted")).to_have_count(2)
    sign(phone)
    phone.get_by_role("button", name="Terminer l'arrêt").tap()

    expect(phone.get_by_role("heading", name="Arrêt terminé")).to_be_visible()
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    expect(phone.locator("#lignes li")).to_have_count(2)
    expect(phone.locator("#lignes button")).to_have_count(0)
    assert run(Collection.select(Collection.status).first())["status"] == CollectionStatus.CLOSED
    assert run(Item.count()) == 2


def test_a_line_refused_after_the_signature_is_shown_as_not_recorded(phone: Page) -> None:
    """Signed with no network, the stop's lines go with the signature: a line the server then
    refuses can no longer be fixed, and says so instead of waiting for a fix forever."""
    day = make_field_day()
    sign_in_agent(phone)
    phone.get_by_role("button", name="Commencer l'arrêt chez CPAM de Chambéry").tap()
    log_laptop(phone, day.tags[0])
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    phone.context.set_offline(True)
    log_laptop(phone, day.tags[0])
    phone.get_by_label("Nom de la personne qui remet le matériel").fill("Mme Perret")
    sign(phone)
    phone.get_by_role("button", name="Terminer l'arrêt").tap()
    expect(phone.get_by_role("heading", name="Arrêt terminé")).to_be_visible()

    phone.context.set_offline(False)
    expect(phone.locator("#lignes li.refused")).to_contain_text(
        "non enregistré : la collecte était déjà signée", timeout=15_000
    )
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    expect(phone.locator("#lignes button")).to_have_count(0)
    assert run(Item.count()) == 1

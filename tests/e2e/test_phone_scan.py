"""Scanning a label with the phone's camera.

Debian's Chromium has a camera here (Chromium's fake device: a moving test pattern, granted
without asking) but no BarcodeDetector, which only phones' browsers have. The page's own part
is what these tests drive: offering the scan only where the browser can, opening the camera,
showing it, asking the detector about the playing video, putting what it read in the field, and
releasing the camera. The detector stands in for the browser's: it reads what the test "holds
in front of the camera" once the video really plays.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from inventory.tables import Item
from tests.e2e.conftest import PHONE, open_stop, sign_in_agent
from tests.factories import run
from tests.factories_field import make_field_day

pytestmark = pytest.mark.e2e

DETECTOR = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["code_128", "qr_code"]; }
  async detect(source) {
    window.cameraShown = source;
    const playing = source instanceof HTMLVideoElement && source.readyState >= 2
      && source.srcObject && source.srcObject.active;
    return playing && window.heldLabel ? [{ rawValue: window.heldLabel, format: "code_128" }] : [];
  }
};
"""
CAMERA_PLAYING = "() => window.cameraShown && window.cameraShown.readyState >= 2"
CAMERA_RELEASED = (
    "() => window.cameraShown.srcObject.getTracks().every((t) => t.readyState === 'ended')"
)


@pytest.fixture
def android_phone(browser: Browser, live_server: str) -> Iterator[Page]:
    """A phone whose browser can read barcodes, as Chrome on Android can."""
    context = browser.new_context(base_url=live_server, locale="fr-FR", **PHONE)
    context.add_init_script(DETECTOR)
    yield context.new_page()
    context.close()


def _open_the_item_form(page: Page) -> None:
    sign_in_agent(page)
    open_stop(page, "CPAM de Chambéry")
    page.get_by_role("button", name="Portable", exact=True).tap()


def test_a_scanned_label_fills_the_field_and_the_item_is_logged_with_it(
    android_phone: Page,
) -> None:
    day = make_field_day()
    _open_the_item_form(android_phone)

    android_phone.get_by_role("button", name="Scanner l'étiquette").tap()
    camera = android_phone.get_by_role("dialog", name="Scanner")
    expect(camera).to_be_visible()
    android_phone.wait_for_function(CAMERA_PLAYING)
    android_phone.evaluate("(tag) => { window.heldLabel = tag; }", day.tags[0])

    expect(camera).to_be_hidden()
    expect(android_phone.get_by_label("Étiquette")).to_have_value(day.tags[0])
    assert android_phone.evaluate(CAMERA_RELEASED)
    android_phone.get_by_label("Poids (kg)").fill("2,1")
    android_phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(android_phone.locator("#lignes li").filter(has_text=day.tags[0])).to_be_visible()
    expect(android_phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    assert run(Item.select(Item.tag).output(as_list=True)) == [day.tags[0]]


def test_cancelling_a_scan_releases_the_camera_and_leaves_the_field_empty(
    android_phone: Page,
) -> None:
    make_field_day()
    _open_the_item_form(android_phone)

    android_phone.get_by_text("Marque, modèle, n° de série").tap()
    android_phone.get_by_role("button", name="Scanner le n° de série").tap()
    android_phone.wait_for_function(CAMERA_PLAYING)
    android_phone.get_by_role("button", name="Annuler le scan").tap()

    expect(android_phone.get_by_role("dialog", name="Scanner")).to_be_hidden()
    assert android_phone.evaluate(CAMERA_RELEASED)
    expect(android_phone.get_by_label("Numéro de série")).to_have_value("")


def test_a_browser_that_cannot_read_barcodes_offers_typing_only(phone: Page) -> None:
    make_field_day()
    _open_the_item_form(phone)

    expect(phone.get_by_label("Étiquette")).to_be_editable()
    expect(phone.get_by_role("button", name="Scanner l'étiquette")).to_have_count(0)

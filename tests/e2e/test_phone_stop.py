"""The agent's stop on a 360-px phone, one step per screen: each fits, opens at its top with the
donor's name and its main button in view, nothing covers a control; a refused line blocks the
signature until it is fixed or dropped, and a signed stop's lines are final."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from inventory.states import CollectionStatus
from inventory.tables import Collection, Item
from inventory.tags import CHECK_ALPHABET
from tests.e2e.audit import PHONE_WIDTH, axe_violations, page_width
from tests.e2e.conftest import close_stop, log_laptop, open_stop, screenshot, sign, sign_in_agent
from tests.factories import run
from tests.factories_field import make_field_day

pytestmark = pytest.mark.e2e

# Buttons (and links drawn as buttons) of the phone's page lower than a thumb's 48 px.
SMALL_BUTTONS = """() => [...document.querySelectorAll(
    "#haut button, #vue button, #vue .button, #vue summary, #vue label.option")]
  .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height < 48)
  .map((e) => `${e.textContent}: ${e.getBoundingClientRect().height} px`)"""

# Every visible control of the stop, scrolled into view as the browser does when it is focused
# or tapped: the element found at its centre is the control itself, not the sticky top.
COVERED_CONTROLS = """() => [...document.querySelectorAll(
    "#vue button, #vue input, #vue select, #vue canvas")]
  .filter((e) => e.checkVisibility())
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


def _one_screen(phone: Page, donor: str, step: str, main: Locator) -> None:
    """The step opens at its top with the donor's name and the step's main button in view,
    fits the width, has thumb-sized buttons, hides no control, and passes the audit."""
    expect(phone.get_by_text(step, exact=True)).to_be_visible()
    expect(main).to_be_in_viewport(ratio=1)
    assert phone.evaluate("scrollY") == 0
    _donor_heading_on_top(phone, donor)
    assert page_width(phone) <= PHONE_WIDTH
    assert phone.evaluate(SMALL_BUTTONS) == []
    assert phone.evaluate(COVERED_CONTROLS) == []
    assert axe_violations(phone, f"agent ({step})") == []
    phone.evaluate("window.scrollTo(0, 0)")


def test_a_whole_stop_step_by_step_each_step_one_screen_with_the_donor_in_view(
    phone: Page,
) -> None:
    day = make_field_day()
    donor = "CPAM de Chambéry"
    sign_in_agent(phone)
    phone.get_by_role("button", name=f"Ouvrir l'arrêt chez {donor}").tap()

    begin = phone.get_by_role("button", name="Commencer la collecte")
    _one_screen(phone, donor, "Étape 1 sur 5", begin)
    card = phone.locator("#vue")
    expect(card).to_contain_text("5 avenue de la Houille Blanche")
    expect(card).to_contain_text("Accès : Quai de livraison au sous-sol, badge à l'accueil")
    expect(phone.get_by_role("link", name="Appeler le 04 79 00 00 01")).to_have_attribute(
        "href", "tel:04 79 00 00 01"
    )
    expect(phone.get_by_role("link", name="Itinéraire (GPS)")).to_have_attribute(
        "href", re.compile(r"^geo:45\.\d+,5\.\d+")
    )
    screenshot(phone, "phone-step-1-card")
    begin.tap()

    expect(phone.get_by_role("heading", name="Qu'est-ce que vous collectez ?")).to_be_visible()
    categories = phone.locator("button.category")
    expect(categories).to_have_count(12)
    for button in categories.all():
        expect(button).to_be_in_viewport(ratio=1)
        expect(button.locator("svg")).to_have_count(1)
        label = button.inner_text()
        assert label[0].isupper(), f"{label!r}: a label starts with a capital"
    page_text = phone.locator("main").inner_text()
    assert not set(re.findall(r"[a-z_]+", page_text)) & {"laptop", "keyboard_mouse", "desktop"}
    _one_screen(phone, donor, "Étape 2 sur 5", categories.last)
    screenshot(phone, "phone-step-2-what")
    phone.get_by_role("button", name="Portable", exact=True).tap()

    add = phone.get_by_role("button", name="Ajouter cet objet")
    expect(phone.get_by_role("heading", name="Portable")).to_be_visible()
    for condition in ("Bon état", "Usagé", "Abîmé", "Hors d'usage"):
        expect(phone.get_by_role("radio", name=condition)).to_be_visible()
    _one_screen(phone, donor, "Étape 3 sur 5", add)
    screenshot(phone, "phone-step-3-item")
    slip = day.tags[0][:-1] + next(c for c in CHECK_ALPHABET if c != day.tags[0][-1])
    phone.get_by_label("Étiquette").fill(slip)
    add.tap()
    expect(phone.get_by_role("alert")).to_have_text(
        f"Étiquette {slip} : une lettre ou un chiffre ne va pas (le dernier ne correspond pas"
        " aux autres). Vérifiez sur l'autocollant."
    )
    phone.get_by_label("Étiquette").fill(day.tags[0])
    phone.get_by_label("Poids (kg)").fill("2,5")
    phone.get_by_role("radio", name="Usagé").check()
    add.tap()

    to_sign = phone.get_by_role("button", name="Faire signer")
    expect(phone.locator("#lignes li")).to_have_text(
        re.compile(f"^Portable {day.tags[0]} 2,5 kg .*Annuler$")
    )
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    _one_screen(phone, donor, "Étape 4 sur 5", to_sign)
    screenshot(phone, "phone-step-4-list")
    to_sign.tap()

    finish = phone.get_by_role("button", name="Terminer l'arrêt")
    expect(phone.get_by_text("1 objet remis au total.")).to_be_visible()
    _one_screen(phone, donor, "Étape 5 sur 5", finish)
    phone.get_by_label("Nom de la personne qui remet le matériel").fill("Mme Perret")
    sign(phone)
    screenshot(phone, "phone-step-5-signature")
    finish.tap()

    expect(phone.get_by_role("heading", name="Arrêt terminé")).to_be_visible()
    _donor_heading_on_top(phone, donor)
    item = run(Item.select(Item.tag, Item.condition, Item.weight_kg).first())
    assert item == {"tag": day.tags[0], "condition": "usagé", "weight_kg": 2.5}
    phone.get_by_role("link", name="← Ma tournée").tap()
    expect(phone.get_by_role("heading", name="Ma tournée du jour")).to_be_in_viewport()
    expect(phone.locator(".stop").first.locator(".stop-state")).to_have_text("Terminé")


def test_a_refused_line_blocks_the_signature_and_signed_lines_are_final(phone: Page) -> None:
    day = make_field_day()
    sign_in_agent(phone)
    open_stop(phone, "CPAM de Chambéry")
    log_laptop(phone, day.tags[0])
    log_laptop(phone, day.tags[0])  # the same label twice: the server refuses the second
    refused = phone.locator("#lignes li.refused")
    expect(refused).to_contain_text("déjà collée sur un autre objet")

    phone.get_by_role("button", name="Faire signer").tap()
    phone.get_by_label("Nom de la personne qui remet le matériel").fill("Mme Perret")
    sign(phone)
    phone.get_by_role("button", name="Terminer l'arrêt").tap()
    expect(phone.get_by_role("alert").filter(has_text="avant de faire signer")).to_have_text(
        "Une ligne refusée attend : corrigez-la ou annulez-la avant de faire signer."
    )
    assert run(Collection.select(Collection.status).first())["status"] == CollectionStatus.OPEN

    phone.get_by_role("button", name="← Retour").tap()
    refused.get_by_role("button", name="Corriger").tap()
    expect(phone.get_by_role("heading", name="Portable")).to_be_visible()
    expect(phone.get_by_role("alert")).to_contain_text("déjà collée sur un autre objet")
    expect(phone.get_by_label("Étiquette")).to_have_value(day.tags[0])
    phone.get_by_label("Étiquette").fill(day.tags[1])
    phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(phone.locator("#lignes li.accepted")).to_have_count(2)
    expect(phone.locator("#lignes li")).to_have_count(2)  # the fix replaced the refused line
    phone.get_by_role("button", name="Faire signer").tap()
    # The name and the signature drawn before are still there.
    signatory = phone.get_by_label("Nom de la personne qui remet le matériel")
    expect(signatory).to_have_value("Mme Perret")
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
    open_stop(phone, "CPAM de Chambéry")
    log_laptop(phone, day.tags[0])
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    phone.context.set_offline(True)
    log_laptop(phone, day.tags[0])
    close_stop(phone, "Mme Perret")

    phone.context.set_offline(False)
    # The refusal is known once the server's worker has applied the batch: when that outlasts
    # the sync sent on reconnecting, the phone hears of it at its next sync, 30 s later.
    expect(phone.locator("#lignes li.refused")).to_contain_text(
        "pas enregistré : l'arrêt était déjà signé", timeout=45_000
    )
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    expect(phone.locator("#lignes button")).to_have_count(0)
    assert run(Item.count()) == 1

"""An agent does a round on a phone, part of it with no network, and nothing is lost or doubled."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Page, expect

from inventory.tables import Collection, Event, Item
from inventory.tags import CHECK_ALPHABET, check_character, make_tag
from tests.e2e.conftest import close_stop, log_laptop, open_stop, screenshot, sign, sign_in_agent
from tests.factories import run
from tests.factories_field import make_field_day

pytestmark = pytest.mark.e2e


def test_agent_logs_ten_items_half_offline_and_each_arrives_exactly_once(phone: Page) -> None:
    day = make_field_day()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))

    sign_in_agent(phone)
    expect(phone.get_by_role("heading", name="Ma tournée du jour")).to_be_visible()
    stop = phone.locator(".stop").first
    expect(stop).to_contain_text("CPAM de Chambéry")
    expect(stop.locator(".stop-state")).to_have_text("À faire")
    expect(phone.locator(".round-info")).to_contain_text("départ ")
    screenshot(phone, "phone-round")
    open_stop(phone, "CPAM de Chambéry")

    for tag in day.tags[:5]:
        log_laptop(phone, tag)
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    assert run(Item.count()) == 5

    phone.context.set_offline(True)
    for tag in day.tags[5:10]:
        log_laptop(phone, tag)
    expect(phone.get_by_role("status")).to_contain_text("5 saisies en attente d'envoi")
    phone.reload()
    expect(phone.get_by_role("status")).to_contain_text("5 saisies en attente d'envoi")
    expect(phone.locator("#lignes li .badge.waiting")).to_have_count(5)
    expect(phone.locator("#lignes li")).to_have_count(10)
    assert run(Item.count()) == 5

    phone.context.set_offline(False)
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓", timeout=15_000)
    assert sorted(r["tag"] for r in run(Item.select(Item.tag))) == sorted(day.tags[:10])

    log_laptop(phone, day.tags[0])
    refused = phone.locator("#lignes li.refused")
    expect(refused).to_contain_text("déjà collée sur un autre objet")
    refused.get_by_role("button", name="Annuler").tap()
    expect(phone.locator("#lignes li")).to_have_count(10)

    # Ten lines are longer than the screen: scrolled down to them, the agent goes on to the
    # signature (a click that does not scroll, as a keyboard's), which opens at its top.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert phone.evaluate("scrollY") > 0
    phone.get_by_role("button", name="Faire signer").dispatch_event("click")
    expect(phone.get_by_role("heading", name="Signature du donateur")).to_be_visible()
    assert phone.evaluate("scrollY") == 0
    phone.get_by_label("Nom de la personne qui remet le matériel").fill("Mme Perret")
    sign(phone)
    screenshot(phone, "phone-stop")
    phone.get_by_role("button", name="Terminer l'arrêt").tap()
    expect(phone.get_by_role("heading", name="Arrêt terminé")).to_be_visible()
    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    collection = run(Collection.select().first())
    assert collection["status"] == "closed" and collection["signatory_name"] == "Mme Perret"
    assert collection["signature_svg"].startswith("M")
    assert run(Item.count()) == 10
    assert errors == []


def test_a_donor_brings_hardware_to_the_depot_without_a_round(phone: Page) -> None:
    make_field_day()
    # The depot's car park: the phone has a GPS fix, which the chain of custody keeps.
    phone.context.grant_permissions(["geolocation"])
    phone.context.set_geolocation({"latitude": 45.5853, "longitude": 5.9329})
    sign_in_agent(phone)

    phone.get_by_role("link", name="Un donateur apporte du matériel au dépôt").tap()
    phone.get_by_label("Chercher le donateur").fill("côte")
    phone.get_by_role("button", name="Collège Côte Rousse").tap()
    expect(phone.get_by_text("Étape 1 sur 4")).to_be_visible()  # no stop card at the depot
    phone.get_by_role("button", name="Clavier/souris").tap()
    phone.get_by_label("Quantité").fill("12")
    phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(phone.locator("#lignes li")).to_contain_text("12 × Clavier/souris")
    phone.get_by_role("button", name="Ajouter un objet").tap()
    phone.get_by_role("button", name="Écran", exact=True).tap()
    phone.get_by_text("Marque, modèle, n° de série").tap()
    phone.get_by_label("Marque").fill("Dell")
    phone.get_by_label("Modèle").fill("P2419H")
    phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(phone.locator("#lignes li").first).to_contain_text("Écran Dell P2419H")
    close_stop(phone, "M. Roux")

    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    phone.get_by_role("link", name="← Ma tournée").tap()
    expect(phone.get_by_role("link", name="Collège Côte Rousse — terminée")).to_be_visible()
    collection = run(Collection.select().first())
    assert collection["pickup_request"] is None and collection["status"] == "closed"
    logged = run(Item.select(Item.quantity, Item.brand, Item.model).order_by(Item.id))
    assert logged == [
        {"quantity": 12, "brand": "", "model": ""},
        {"quantity": 1, "brand": "Dell", "model": "P2419H"},
    ]
    fixes = run(Event.select(Event.latitude, Event.longitude).where(Event.subject_kind == "item"))
    assert fixes == [{"latitude": 45.5853, "longitude": 5.9329}] * 2


def test_the_phone_checks_tags_exactly_as_the_server_does(phone: Page) -> None:
    draw = random.Random(5)
    tags = [
        make_tag(
            draw.choice(["RP", "CP", "BLE", "TRIR"]), draw.randrange(100), draw.randrange(1, 10**6)
        )
        for _ in range(500)
    ]
    slips = []
    for tag in tags[:100]:
        text = str(tag)
        wrong = draw.choice([c for c in CHECK_ALPHABET if c != tag.check])
        slips.append(text[:-1] + wrong)

    phone.goto("/connexion")
    found = phone.evaluate(
        """async ([payloads, slips]) => {
            const tags = await import("/static/terrain/tags.js");
            return {
              checks: payloads.map(tags.checkCharacter),
              slips: slips.map((s) => tags.parseTag(s).ok),
              spaced: tags.parseTag(" rp 26 000123 g ").tag,
            };
        }""",
        [[t.payload for t in tags], slips],
    )

    assert found["checks"] == [check_character(t.payload) for t in tags]
    assert not any(found["slips"])
    assert found["spaced"] == "RP-26-000123-G"


def test_a_whole_round_in_airplane_mode_arrives_once_back_on_the_network(phone: Page) -> None:
    day = make_field_day()
    sign_in_agent(phone)  # the morning, at the depot, with network: the day is on the phone
    expect(phone.locator(".stop")).to_have_count(2)
    phone.wait_for_function("navigator.serviceWorker.controller !== null")

    phone.context.set_offline(True)
    for donor, tags, signatory in (
        ("CPAM de Chambéry", day.tags[:3], "Mme Perret"),
        ("Collège Côte Rousse", day.tags[3:5], "M. Roux"),
    ):
        open_stop(phone, donor)
        for tag in tags:
            log_laptop(phone, tag)
        phone.reload()  # a tab closed in the van, reopened: nothing is lost
        expect(phone.locator("#lignes li")).to_have_count(len(tags))
        close_stop(phone, signatory)
        phone.get_by_role("link", name="← Ma tournée").tap()
    expect(phone.get_by_role("status")).to_contain_text("en attente d'envoi")
    assert run(Collection.count()) == 0

    phone.context.set_offline(False)

    expect(phone.get_by_role("status")).to_have_text("Tout est envoyé ✓", timeout=15_000)
    closed = run(Collection.select(Collection.signatory_name, Collection.status))
    assert sorted(c["signatory_name"] for c in closed) == ["M. Roux", "Mme Perret"]
    assert {c["status"] for c in closed} == {"closed"}
    assert sorted(r["tag"] for r in run(Item.select(Item.tag))) == sorted(day.tags[:5])

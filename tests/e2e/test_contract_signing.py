"""Signatures on a laptop's or a tablet's page, under a strict content security policy (scripts
from the site only, no inline script): the phone pages' signature capture draws, the form sends
its path; the loan contract assigns the device, the donor's signature closes the collection."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from inventory.tables import Collection, Device
from logistics.accounts.roles import Role
from logistics.visits import assignments
from logistics.visits.tables import Assignment
from tests.e2e.conftest import sign, sign_in
from tests.factories import make_organisation, make_user, run
from tests.factories_assignments import scope_of_user, when
from tests.factories_journey import add_item, make_donor, open_collection, scope_of
from tests.factories_trainees import make_ble, make_device, make_eligible, make_trainee

pytestmark = pytest.mark.e2e
STRICT = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"


INLINE_SCRIPT = """() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", () => resolve("blocked"));
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.head.append(script);
    setTimeout(() => resolve(window.inlineRan ? "ran" : "silent"), 500);
})"""


def _with_strict_policy(route: Route) -> None:
    if route.request.resource_type != "document":  # the policy rides on the page itself
        route.continue_()
        return
    response = route.fetch(max_redirects=0)  # a redirect goes back to the browser as such
    headers: dict[str, Any] = {**response.headers, "content-security-policy": STRICT}
    route.fulfill(response=response, headers=headers)


def _signed_in_under_the_policy(page: Page, username: str, path: str) -> list[str]:
    """Sign in, then open ``path`` with the strict policy in force (checked); the returned
    list collects the policy's refusals and the page's errors from then on."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    page.on("pageerror", lambda error: refused.append(str(error)))
    page.route("**/*", _with_strict_policy)
    sign_in(page, username)
    page.wait_for_url(lambda url: "/connexion" not in url)
    # Opened by itself: Playwright does not route the page a redirect leads to.
    page.goto(path)
    assert page.evaluate(INLINE_SCRIPT).startswith("blocked"), "the policy is not in force"
    refused.clear()  # the probe's own refusal; the page's scripts must meet none
    return refused


def test_the_person_signs_the_contract_on_the_screen_and_the_device_is_assigned(
    desktop: Page,
) -> None:
    ble = make_ble()
    laptop = make_device(make_organisation("RP", name="Régie Plus"), reference="PC-001")
    fatima = make_trainee(ble.organisation)
    make_eligible(fatima)
    reserved = run(assignments.reserve(scope_of_user(ble.installers[0]), fatima, laptop, when()))
    refused = _signed_in_under_the_policy(
        desktop, "nadia.blanc", f"/attributions/{reserved.id}/contrat"
    )
    expect(desktop.get_by_role("heading", name="Contrat de mise à disposition")).to_be_visible()
    desktop.get_by_label("Nom et prénom de la personne qui signe").fill("Fatima Durand")
    desktop.get_by_role("button", name="Signer le contrat").click()
    expect(desktop.get_by_text("La personne doit signer dans le cadre.")).to_be_visible()
    assert run(Assignment.select(Assignment.state).first())["state"] == "reserved"  # type: ignore[index]

    sign(desktop)
    desktop.get_by_role("button", name="Effacer la signature").click()
    sign(desktop)
    desktop.get_by_role("button", name="Signer le contrat").click()
    expect(
        desktop.get_by_text("Contrat signé : l'appareil est attribué à la personne.")
    ).to_be_visible()

    row = run(Assignment.select().where(Assignment.id == reserved.id).first())
    assert row is not None
    assert (row["state"], row["contract_signer"]) == ("assigned", "Fatima Durand")
    assert row["contract_signature"].startswith("M") and row["contract_signature"].count("M") == 1
    device = run(Device.select(Device.state).where(Device.id == laptop).first())
    assert device is not None and device["state"] == "assigned"
    assert refused == []
    desktop.unroute_all(behavior="ignoreErrors")  # nothing left half-routed as the page closes


def test_the_donor_signs_on_the_collection_page_and_it_is_closed(desktop: Page) -> None:
    regie = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, regie)
    scope = scope_of(regie)
    collection = open_collection(scope, make_donor(scope))
    add_item(scope, collection, weight_kg=2.5)
    refused = _signed_in_under_the_policy(desktop, "claire.martin", f"/collectes/{collection}")
    desktop.get_by_label("Nom de la personne qui signe").fill("Mme Dupré")
    desktop.get_by_role("button", name="Clore la collecte").click()
    expect(desktop.get_by_text("Le donateur doit signer dans le cadre.")).to_be_visible()

    sign(desktop, "#signature-pad")
    desktop.get_by_role("button", name="Clore la collecte").click()
    expect(desktop.get_by_text("Collecte signée par le donateur.")).to_be_visible()
    row = run(Collection.select().where(Collection.id == collection).first())
    assert row is not None
    assert (row["signatory_name"], row["signature_svg"][:1]) == ("Mme Dupré", "M")
    assert refused == []
    desktop.unroute_all(behavior="ignoreErrors")  # nothing left half-routed as the page closes

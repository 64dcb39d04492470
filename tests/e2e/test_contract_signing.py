"""The loan contract signed on a laptop's or a tablet's screen, under a strict content security
policy (scripts from the site only, no inline script): the phone pages' signature capture draws,
the form sends its path, the device is assigned."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from inventory.tables import Device
from logistics.visits import assignments
from logistics.visits.tables import Assignment
from tests.e2e.conftest import sign, sign_in
from tests.factories import make_organisation, run
from tests.factories_assignments import scope_of_user, when
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
    response = route.fetch()
    headers: dict[str, Any] = {**response.headers, "content-security-policy": STRICT}
    route.fulfill(response=response, headers=headers)


def test_the_person_signs_the_contract_on_the_screen_and_the_device_is_assigned(
    desktop: Page,
) -> None:
    ble = make_ble()
    laptop = make_device(make_organisation("RP", name="Régie Plus"), reference="PC-001")
    fatima = make_trainee(ble.organisation)
    make_eligible(fatima)
    reserved = run(assignments.reserve(scope_of_user(ble.installers[0]), fatima, laptop, when()))
    refused: list[str] = []
    desktop.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    errors: list[str] = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))
    desktop.route("**/attributions/**", _with_strict_policy)

    sign_in(desktop, "nadia.blanc")
    desktop.wait_for_url(lambda url: "/connexion" not in url)
    # Opened by itself: Playwright does not route the page a redirect leads to.
    desktop.goto(f"/attributions/{reserved.id}/contrat")
    expect(desktop.get_by_role("heading", name="Contrat de mise à disposition")).to_be_visible()
    assert desktop.evaluate(INLINE_SCRIPT).startswith("blocked"), "the policy is not in force"
    refused.clear()  # the probe's own refusal; the page's scripts must meet none
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
    assert errors == [] and refused == []

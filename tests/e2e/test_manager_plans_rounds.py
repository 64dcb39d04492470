"""The "Done when" of the rounds: a manager plans next week, sees the rounds on the map, moves a
stop by hand, publishes; an agent finds the round on a phone with a navigation link per stop."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from logistics.accounts.roles import Role
from logistics.rounds.planning import next_monday
from logistics.rounds.tables import PlannedRound, RoundStop
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import make_organisation, make_user, run
from tests.factories_rounds import make_donor, make_request, make_vehicle, set_depot

pytestmark = pytest.mark.e2e
DONORS = ("CPAM de Chambéry", "Collège Côte Rousse", "Hasbro", "Mairie de Cognin")


def _week_to_plan() -> date:
    organisation = make_organisation("RP", name="Régie Plus")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    make_user("karim.benali", Role.AGENT, organisation)
    make_vehicle(organisation, "Camionnette Trafic", capacity_kg=900.0)
    make_vehicle(organisation, "Voiture Clio", kind="car", capacity_kg=300.0, capacity_m3=1.5)
    monday = next_monday(date.today())
    for name in DONORS:
        donor = make_donor(organisation, name)
        make_request(organisation, donor, wished_from=monday, wished_until=monday + timedelta(4))
    return monday


def test_manager_plans_adjusts_and_publishes_and_the_agent_finds_the_round_on_a_phone(
    desktop: Page, phone: Page
) -> None:
    monday = _week_to_plan()
    errors: list[str] = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(desktop, "claire.martin")
    desktop.goto(f"/tournees/nouvelle?semaine={monday.isoformat()}")
    for name in DONORS:
        expect(desktop.get_by_label(re.compile(re.escape(name)))).to_be_checked()
    desktop.get_by_role("button", name="Calculer les tournées").click()
    # The search runs in the background; its page opens the plan once it is over.
    heading = desktop.get_by_role("heading", name=f"Semaine du {monday:%d/%m/%Y}")
    expect(heading).to_be_visible(timeout=30_000)

    markers = desktop.locator("svg[aria-label='Carte des tournées'] g")
    expect(markers).to_have_count(len(DONORS))  # one per stop; lunch breaks hide none of them
    marker_titles = markers.locator("title")
    for name in DONORS:
        expect(marker_titles.filter(has_text=name)).to_have_count(1)
    expect(desktop.get_by_text("Demandes non planifiées")).to_have_count(0)

    section = desktop.locator("section[id^=tournee-]").first
    rows = section.locator("tbody tr")
    last = rows.count()
    moving = rows.filter(has=desktop.get_by_role("button", name="Déplacer")).first
    label = moving.locator("td[data-label='Arrêt']").inner_text()
    target = 1 if moving.locator("td[data-label='N°']").inner_text() == str(last) else last
    moving.get_by_label("Position").fill(str(target))
    moving.get_by_role("button", name="Déplacer").click()
    moved = desktop.locator("section[id^=tournee-]").first.locator("tbody tr").nth(target - 1)
    expect(moved.locator("td[data-label='Arrêt']")).to_have_text(label)
    screenshot(desktop, "rounds-manager-plan")

    desktop.get_by_role("button", name="Publier : les agents verront leurs tournées").click()
    expect(desktop.locator("h1 .badge")).to_have_text("publié")

    day = run(PlannedRound.select(PlannedRound.day).order_by(PlannedRound.day).first())["day"]
    sign_in(phone, "karim.benali")
    phone.goto("/tournees/mes-tournees")  # the old address of the agents' day
    expect(phone).to_have_url(re.compile(r"/terrain$"))
    expect(phone.get_by_role("heading", name="Ma tournée du jour")).to_be_visible()
    pickups = run(
        RoundStop.select(RoundStop.label).where(
            RoundStop.planned_round.day == day, RoundStop.kind == "stop"
        )
    )
    answer = phone.request.get(f"/api/v1/terrain/jour?jour={day.isoformat()}").json()
    assert sum(len(r["stops"]) for r in answer["rounds"]) == len(pickups)
    screenshot(phone, "rounds-agent-phone")
    assert errors == []

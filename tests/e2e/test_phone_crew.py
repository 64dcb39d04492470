"""Two crew members on one round, each with a phone: a stop one of them signs shows as done on
the other's phone as soon as it is online, and cannot be started there again."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from logistics.accounts.roles import Role
from logistics.rounds.tables import RoundCrew, RoundStop
from tests.e2e.audit import PHONE
from tests.e2e.conftest import close_stop, log_laptop, open_stop, sign_in
from tests.factories import make_user, run
from tests.factories_field import AGENT, FieldDay, make_field_day

pytestmark = pytest.mark.e2e
TEAMMATE = "julie.rossi"
DONE_BY_KARIM = re.compile(r"^Fait par Karim Benali à \d\d:\d\d$")


@pytest.fixture
def phones(browser: Browser, live_server: str) -> Iterator[tuple[Page, Page]]:
    contexts = [
        browser.new_context(base_url=live_server, locale="fr-FR", **PHONE) for _ in range(2)
    ]
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


def _crew_of_two(day: FieldDay) -> None:
    """Karim drives today's round, Julie is on it with him."""
    julie = make_user(TEAMMATE, Role.AGENT, day.organisation_id)
    stop = run(RoundStop.select(RoundStop.planned_round).where(RoundStop.id == day.stop_ids[0]))
    round_id = stop[0]["planned_round"]
    run(
        RoundCrew.insert(
            *(
                RoundCrew(
                    organisation=day.organisation_id,
                    planned_round=round_id,
                    member=member,
                    driver=member == day.agent_id,
                )
                for member in (day.agent_id, julie)
            )
        )
    )


def _sign_in(page: Page, username: str) -> None:
    sign_in(page, username, at="/terrain")
    expect(page.locator(".stop")).to_have_count(2)
    page.wait_for_selector("body[data-ready]")


def test_a_stop_signed_on_one_phone_shows_done_on_the_teammates_phone(
    phones: tuple[Page, Page],
) -> None:
    day = make_field_day()
    _crew_of_two(day)
    karim, julie = phones
    _sign_in(karim, AGENT)
    _sign_in(julie, TEAMMATE)
    cpam = julie.locator(".stop").filter(has_text="CPAM de Chambéry")
    expect(cpam.locator(".stop-state")).to_have_text("À faire")

    # Julie's phone loses the network; from the copy it has, she starts the stop too.
    julie.context.set_offline(True)
    open_stop(julie, "CPAM de Chambéry")
    julie.get_by_role("link", name="← Ma tournée").tap()

    open_stop(karim, "CPAM de Chambéry")
    log_laptop(karim, day.tags[0])
    close_stop(karim, "Mme Perret")
    expect(karim.locator(".card.done")).to_contain_text("Signé par Mme Perret. Envoyé ✓")

    # Back online, Julie's phone reads the round again: the stop is Karim's, done.
    julie.context.set_offline(False)
    expect(cpam.locator(".stop-state")).to_have_text(DONE_BY_KARIM, timeout=15_000)
    cpam.get_by_role("button", name="Ouvrir l'arrêt chez CPAM de Chambéry").tap()
    expect(julie.get_by_role("alert")).to_contain_text(
        "Cet arrêt a déjà été fait par Karim Benali à", timeout=15_000
    )
    expect(julie.get_by_role("button", name="Réessayer")).to_have_count(0)
    julie.get_by_role("button", name="Retirer cet arrêt du téléphone").tap()

    expect(cpam.locator(".stop-state")).to_have_text(DONE_BY_KARIM)
    expect(cpam.get_by_role("button")).to_have_count(0)
    expect(julie.get_by_role("status")).to_have_text("Tout est envoyé ✓")
    other = julie.locator(".stop").filter(has_text="Collège Côte Rousse")
    expect(other.locator(".stop-state")).to_have_text("À faire")

    julie.reload()  # and so it stays: the phone's copy of the day is the server's
    expect(cpam.locator(".stop-state")).to_have_text(DONE_BY_KARIM)

"""Defect 6 of issue 11, in a browser: planning the week under way offers no day already past,
and a round of today whose departure time has gone is pointed out and refused on publishing,
with the reason on the plan page, until its departure is shifted.

The present is set with ``logistics.clock.frozen``, so the app runs in this process (a server
on its own port, in a thread) rather than in the shared live server's process.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from logistics import clock
from logistics.accounts.roles import Role
from logistics.http.app import create_app
from logistics.settings import get_settings
from tests.e2e.audit import DESKTOP
from tests.e2e.conftest import sign_in
from tests.factories import free_port, make_organisation, make_user
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot

pytestmark = pytest.mark.e2e
WEDNESDAY = MONDAY + timedelta(days=2)
EIGHT = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)  # Wednesday 08:00 in Paris: the depot opens
NOON = EIGHT + timedelta(hours=4)


@pytest.fixture
def in_process_server(migrated_database: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app served from this process, so that ``clock.frozen`` sets its present; a quick
    solver (a few hundred iterations)."""
    monkeypatch.setenv("SOLVER_MAX_ITERATIONS", "300")
    monkeypatch.setenv("SOLVER_TIME_LIMIT_S", "20")
    get_settings.cache_clear()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the in-process server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    get_settings.cache_clear()


@pytest.fixture
def manager(browser: Browser, in_process_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=in_process_server, locale="fr-FR", **DESKTOP)
    yield context.new_page()
    context.close()


def _week_under_way() -> None:
    """Régie Plus: one van and five donors who can only be visited on Wednesday."""
    organisation = make_organisation("RP", name="Régie Plus")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    make_vehicle(organisation, "Camionnette Trafic")
    for n in range(5):
        donor = make_donor(organisation, f"Donateur {n}")
        make_request(organisation, donor, wished_from=WEDNESDAY, wished_until=WEDNESDAY)


def test_planning_the_week_under_way_skips_past_days_and_refuses_a_departure_gone(
    manager: Page,
) -> None:
    _week_under_way()
    with clock.frozen(EIGHT):
        sign_in(manager, "claire.martin")
        manager.goto(f"/tournees/nouvelle?semaine={MONDAY.isoformat()}")
        notice = manager.get_by_text("les jours déjà passés ne sont pas planifiés")
        expect(notice).to_contain_text("Premier jour planifié : mercredi 2 décembre 2026")
        manager.get_by_role("button", name="Calculer les tournées").click()
        # The search runs in the background; its page opens the plan once it is over.
        expect(manager.locator("h1 .badge")).to_have_text("brouillon", timeout=30_000)

        days = manager.locator("section[id^=tournee-] h2").all_inner_texts()
        slots = manager.locator("select[name=round_id] option").all_inner_texts()
        assert days and all(re.match(r"(Mercredi|Jeudi|Vendredi) ", day) for day in days), days
        assert not [s for s in slots if re.search(r"Nouvelle tournée : (lundi|mardi)", s)], slots
        assert any(day.startswith("Mercredi 02/12") for day in days), days

    with clock.frozen(NOON):
        manager.reload()
        today = manager.locator("section[id^=tournee-]").filter(has_text="Mercredi 02/12")
        expect(today.get_by_role("alert")).to_contain_text("heure déjà passée")

        manager.get_by_role("button", name="Publier : les agents verront leurs tournées").click()
        refusal = manager.locator("main > p.alert[role=alert]")
        expect(refusal).to_contain_text("heure déjà passée : changez son heure de départ")
        expect(manager.locator("h1 .badge")).to_have_text("brouillon")
        expect(manager.get_by_text("Que faire ?")).to_have_count(0)  # the plan, not an error

        today = manager.locator("section[id^=tournee-]").filter(has_text="Mercredi 02/12")
        today.get_by_label("Départ du dépôt").fill("13:00")
        today.get_by_role("button", name="Changer l'heure de départ").click()
        saved = manager.locator("p.notice[role=status]")
        expect(saved).to_have_text("Heure de départ enregistrée.")
        manager.get_by_role("button", name="Publier : les agents verront leurs tournées").click()
        expect(manager.locator("h1 .badge")).to_have_text("publié")

"""A week planned through the page runs in the background: the manager sees the search's
progress refresh itself while the server keeps answering, stops it and gets the rounds; a
server killed in the middle of a search leaves the previous draft as it was."""

from __future__ import annotations

import re
import signal
import statistics
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from inventory.scope import Scope
from logistics import clock
from logistics.accounts.roles import Role
from logistics.rounds import jobs
from logistics.rounds.planning import next_monday
from logistics.rounds.tables import JobStatus, PlannedRound, PlanningJob, RoundPlan, RoundStop
from tests.e2e.audit import DESKTOP
from tests.e2e.conftest import page_of_a_new_browser, running_server, sign_in
from tests.factories import PASSWORD, make_organisation, make_user, run
from tests.factories_rounds import make_donor, make_request, make_vehicle, set_depot

pytestmark = pytest.mark.e2e
DONORS = tuple(f"Donateur {n}" for n in range(10))
LONG_SEARCH = {"SOLVER_TIME_LIMIT_S": "120", "SOLVER_MAX_ITERATIONS": ""}


def _week_to_plan() -> tuple[int, dict[str, Any]]:
    """Régie Plus, a van and a car, ten requests of next week: the organisation and the API's
    body planning that week."""
    organisation = make_organisation("RP", name="Régie Plus")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    vehicles = [
        make_vehicle(organisation, "Camionnette Trafic", capacity_kg=900.0),
        make_vehicle(organisation, "Voiture Clio", kind="car", capacity_kg=300.0, capacity_m3=1.5),
    ]
    monday = next_monday(date.today())
    requests = [
        make_request(
            organisation,
            make_donor(organisation, name),
            wished_from=monday,
            wished_until=monday + timedelta(4),
        )
        for name in DONORS
    ]
    week = {
        "week_start": monday.isoformat(),
        "vehicle_ids": vehicles,
        "pickup_request_ids": requests,
    }
    return organisation, week


@pytest.fixture(scope="module")
def slow_server(migrated_database: None) -> Iterator[str]:
    """A server of its own whose searches last two minutes unless stopped."""
    with running_server(LONG_SEARCH) as server:
        yield server.base_url


@pytest.fixture
def manager(browser: Browser, slow_server: str) -> Iterator[Page]:
    yield from page_of_a_new_browser(browser, slow_server, DESKTOP)


def test_manager_sees_the_search_progress_stops_it_and_gets_the_rounds(manager: Page) -> None:
    _, week = _week_to_plan()
    monday = date.fromisoformat(week["week_start"])
    errors: list[str] = []
    manager.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(manager, "claire.martin")
    manager.goto(f"/tournees/nouvelle?semaine={monday.isoformat()}")

    manager.get_by_role("button", name="Calculer les tournées").click()

    expect(manager.get_by_role("heading", name=re.compile("Calcul des tournées"))).to_be_visible()
    expect(manager.locator("#calcul-places")).to_have_text(
        re.compile(r"^[1-9]\d*$"), timeout=60_000
    )
    expect(manager.locator("#calcul-objectif")).to_have_text(re.compile(r"^\d[\d\u202f ]*$"))
    elapsed = manager.locator("#calcul-temps")
    expect(elapsed).not_to_have_text(elapsed.inner_text(), timeout=10_000)  # refreshed in place
    status_url = manager.locator("#calcul").get_attribute("data-status-url")
    assert status_url
    answers = []
    for _ in range(10):
        began = time.monotonic()
        assert manager.request.get(status_url).json()["status"] == "running"
        answers.append(time.monotonic() - began)
    assert statistics.median(answers) < 0.5, answers  # the search does not hold the server
    manager.get_by_role("button", name="Arrêter et garder le meilleur plan").click()

    heading = manager.get_by_role("heading", name=f"Semaine du {monday:%d/%m/%Y}")
    expect(heading).to_be_visible(timeout=30_000)
    expect(manager.get_by_text(re.compile("Calcul arrêté avant la fin"))).to_be_visible()
    expect(manager.locator("section[id^=tournee-]").first).to_be_visible()
    markers = manager.locator("svg[aria-label='Carte des tournées'] g title")
    placed = run(RoundStop.count().where(RoundStop.kind == "stop"))
    assert placed >= 1
    expect(markers).to_have_count(placed)
    assert errors == []


def _api(base_url: str) -> httpx.Client:
    token = httpx.post(
        f"{base_url}/api/v1/auth/tokens", json={"username": "claire.martin", "password": PASSWORD}
    ).json()["token"]
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def _running(api: httpx.Client, week: dict[str, Any]) -> dict[str, Any]:
    """Start a plan of the week and wait for its search to show a feasible plan."""
    started = api.post("/api/v1/round-plans/", json=week)
    assert started.status_code == 202, started.text
    deadline = time.monotonic() + 60
    while True:
        job: dict[str, Any] = api.get(started.json()["status_url"]).json()
        if job["placed"] is not None:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.2)


def _rows_of_plans() -> list[Any]:
    return [
        run(RoundPlan.select().order_by(RoundPlan.id)),
        run(PlannedRound.select().order_by(PlannedRound.id)),
        run(RoundStop.select().order_by(RoundStop.id)),
    ]


@pytest.mark.both_databases  # its point is what the database keeps when the server dies
def test_a_server_killed_in_the_middle_of_a_search_leaves_the_previous_draft_intact() -> None:
    organisation, week = _week_to_plan()
    with running_server(LONG_SEARCH) as server:
        api = _api(server.base_url)
        first = _running(api, week)
        api.post(first["stop_url"])
        while api.get(first["status_url"]).json()["status"] != "done":
            time.sleep(0.2)
        before = _rows_of_plans()
        second = _running(api, week)

        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)

    assert _rows_of_plans() == before
    row = run(PlanningJob.select().where(PlanningJob.id == second["id"]).first())
    assert row["status"] == JobStatus.RUNNING and row["plan"] is None
    scope = Scope(0, "test", organisation, None, None)
    with clock.frozen(row["heartbeat_at"] + jobs.STALE_AFTER + timedelta(seconds=1)):
        assert run(jobs.get_job(scope, second["id"])).status is JobStatus.INTERRUPTED

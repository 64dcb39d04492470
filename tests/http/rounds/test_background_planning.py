"""Planning runs in the background: the start answers at once, the search shows its progress,
a stop keeps the best plan, one job per week, and a job that lost its process changes nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from litestar.testing import TestClient

from bench.week_check import violations
from logistics.accounts.roles import Role
from logistics.rounds.tables import JobStatus, PlanningJob
from logistics.settings import get_settings
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_rounds import MONDAY, NOW, make_planning_job
from tests.http.rounds.support import finished_job, plan_of, planned, problem_of
from tests.http.rounds.test_planning import a_small_week


@pytest.fixture
def long_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A search of two minutes: it is still running when the test looks, unless stopped."""
    monkeypatch.setenv("SOLVER_TIME_LIMIT_S", "120")
    monkeypatch.delenv("SOLVER_MAX_ITERATIONS", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def start(client: TestClient, vehicles: list[int], requests: list[int], headers: Any) -> Any:
    return client.post(
        "/api/v1/round-plans/",
        json={
            "week_start": MONDAY.isoformat(),
            "vehicle_ids": vehicles,
            "pickup_request_ids": requests,
        },
        headers=headers,
    )


def progressing(client: TestClient, status_url: str, headers: Any) -> dict[str, Any]:
    """The job once its search has a feasible plan to show (and has been at it a while)."""
    deadline = time.monotonic() + 60
    while True:
        job: dict[str, Any] = client.get(status_url, headers=headers).json()
        if job["status"] == "running" and job["placed"] is not None and job["seconds"] >= 1:
            return job
        assert job["status"] in ("queued", "running") and time.monotonic() < deadline, job
        time.sleep(0.1)


def test_the_search_shows_its_progress_and_a_stop_keeps_the_best_plan(
    client: TestClient, long_search: None
) -> None:
    _, vehicles, requests = a_small_week()
    make_user("marc.roux", Role.MANAGER, make_organisation("CP"))
    headers = bearer(client, "claire.martin")

    began = time.monotonic()
    started = start(client, vehicles, requests, headers)

    assert started.status_code == 202 and time.monotonic() - began < 10
    job = started.json()
    assert started.headers["location"] == job["status_url"] == f"/api/v1/planning-jobs/{job['id']}"
    assert job["status"] in ("queued", "running") and job["plan_id"] is None
    seen = progressing(client, job["status_url"], headers)
    assert seen["best_cost"] > 0 and 1 <= seen["placed"] <= len(requests) == seen["to_place"]
    assert seen["iterations"] > 0 and seen["started_by_name"] == "Claire Martin"
    other = bearer(client, "marc.roux")
    assert client.get(job["status_url"], headers=other).status_code == 404
    assert client.post(job["stop_url"], headers=other).status_code == 404

    stopped = client.post(job["stop_url"], headers=headers)

    assert stopped.status_code == 200 and stopped.json()["stop_requested"]
    done = finished_job(client, job["status_url"], headers)
    assert done["status"] == "done" and done["seconds"] < 60, done
    plan = client.get(done["plan_url"], headers=headers).json()
    problem = problem_of(vehicles, requests)
    assert violations(problem, plan_of(plan, problem)) == []
    placed = [s for r in plan["rounds"] for s in r["stops"] if s["kind"] == "stop"]
    assert done["placed"] == len(placed)
    mandatory = {r for n, r in enumerate(requests) if n % 2 == 0}
    assert mandatory.isdisjoint(i["pickup_request_id"] for i in plan["left_out"])
    assert any(n.startswith("Calcul arrêté avant la fin") for n in plan["notices"])
    again = client.post(job["stop_url"], headers=headers)
    assert again.status_code == 200 and again.json()["status"] == "done"


def test_a_second_start_of_the_same_week_is_refused_while_the_first_runs(
    client: TestClient, long_search: None
) -> None:
    organisation, vehicles, requests = a_small_week()
    make_user("lea.girard", Role.MANAGER, organisation)
    claire, lea = bearer(client, "claire.martin"), bearer(client, "lea.girard")
    first = start(client, vehicles, requests, claire).json()

    second = start(client, vehicles, requests, lea)

    busy = (
        "Un calcul est déjà en cours pour cette semaine, lancé par Claire Martin "
        f"à {NOW.astimezone(get_settings().timezone):%H:%M}."
    )
    assert second.status_code == 409 and second.json()["detail"] == busy
    login(client, "lea.girard")
    form = client.get("/tournees/nouvelle", params={"semaine": MONDAY.isoformat()})
    assert f'href="/tournees/calculs/{first["id"]}"' in form.text
    refused = client.post(
        "/tournees/",
        data={
            "week_start": MONDAY.isoformat(),
            **{f"vehicle_{v}": "1" for v in vehicles},
            **{f"request_{r}": "1" for r in requests},
            "_csrf_token": csrf_from(form.text),
        },
    )
    assert refused.status_code == 409 and busy in refused.text.replace("&#39;", "'")
    progress = client.get(f"/tournees/calculs/{first['id']}")
    assert "Arrêter et garder le meilleur plan" in progress.text
    assert '<noscript><meta http-equiv="refresh"' in progress.text
    stopped = client.post(
        f"/tournees/calculs/{first['id']}/arret",
        data={"_csrf_token": csrf_from(progress.text)},
        follow_redirects=False,
    )
    assert stopped.headers["location"] == f"/tournees/calculs/{first['id']}"
    done = finished_job(client, first["status_url"])
    assert done["status"] == "done"
    opened = client.get(f"/tournees/calculs/{first['id']}", follow_redirects=False)
    assert opened.headers["location"] == f"/tournees/{done['plan_id']}?fait=planning"
    third = client.post(
        "/tournees/",
        data={
            "week_start": MONDAY.isoformat(),
            **{f"vehicle_{v}": "1" for v in vehicles},
            **{f"request_{r}": "1" for r in requests},
            "_csrf_token": csrf_from(progress.text),
        },
        follow_redirects=False,
    )
    assert third.headers["location"] == f"/tournees/calculs/{first['id'] + 1}"
    client.post(
        f"{third.headers['location']}/arret", data={"_csrf_token": csrf_from(progress.text)}
    )
    assert finished_job(client, f"/api/v1/planning-jobs/{first['id'] + 1}")["status"] == "done"


def test_a_job_whose_process_died_leaves_the_previous_draft_and_frees_the_week(
    client: TestClient, quick_solver: None
) -> None:
    organisation, vehicles, requests = a_small_week()
    headers = bearer(client, "claire.martin")
    before = planned(client, start(client, vehicles, requests, headers), headers)
    # Searching when its web process was killed: still marked running, its heartbeat stopped.
    lost_id = make_planning_job(
        organisation, NOW - timedelta(minutes=2), heartbeat_at=NOW - timedelta(minutes=1)
    )

    lost = client.get(f"/api/v1/planning-jobs/{lost_id}", headers=headers).json()

    assert lost["status"] == "interrupted" and lost["plan_id"] is None
    assert "interrompu" in lost["message"] and "inchangés" in lost["message"]
    plans = client.get("/api/v1/round-plans/", headers=headers).json()
    assert [p["id"] for p in plans] == [before["id"]]
    assert client.get(f"/api/v1/round-plans/{before['id']}", headers=headers).json() == before
    after = planned(client, start(client, vehicles, requests, headers), headers)
    assert after["id"] != before["id"]
    stored = run(PlanningJob.select(PlanningJob.status).where(PlanningJob.id == lost_id).first())
    assert stored == {"status": JobStatus.INTERRUPTED}

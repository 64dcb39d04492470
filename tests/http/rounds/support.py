"""Helpers of the rounds HTTP tests: a small week, waiting for a background planning job, and
reading an API plan back as ``routes.model`` objects for the independent checker of
tests/unit/routes."""

from __future__ import annotations

import re
import time as time_
from datetime import date, time, timedelta
from typing import Any

from httpx import Response
from litestar.testing import TestClient

from inventory.tables import PickupRequest
from logistics.rounds.stops import stop_for
from logistics.rounds.storage import vehicle_of
from logistics.rounds.tables import Vehicle
from logistics.settings import get_settings
from routes.model import LeftOut, Plan, PlanningProblem, Point, Round, Visit, VisitKind
from tests.factories import csrf_from, run
from tests.factories_rounds import DEPOT, MONDAY


def problem_of(vehicle_ids: list[int], request_ids: list[int]) -> PlanningProblem:
    """The planning problem of the week as the tests define it, straight from the tables."""
    week = [MONDAY + timedelta(days=i) for i in range(5)]
    vehicles = run(Vehicle.select().where(Vehicle.id.is_in(vehicle_ids)).output(load_json=True))
    requests = run(
        PickupRequest.select(
            *PickupRequest.all_columns(exclude=[PickupRequest.donor]),
            *PickupRequest.donor.all_columns(),
        )
        .where(PickupRequest.id.is_in(request_ids))
        .output(load_json=True, nested=True)
    )
    return PlanningProblem(
        depot=Point(*DEPOT),
        days=tuple(week),
        vehicles=tuple(vehicle_of(v) for v in vehicles),
        stops=tuple(stop_for(r, r["donor"], week) for r in requests),
        rules=get_settings().rounds.work_rules(),
    )


def plan_of(body: dict[str, Any], problem: PlanningProblem) -> Plan:
    """The API's plan as a ``routes.model.Plan`` (times and loads as the API printed them)."""
    vehicles = {v.id: v for v in problem.vehicles}
    rounds = tuple(
        Round(
            vehicle=vehicles[str(r["vehicle_id"])],
            day=date.fromisoformat(r["day"]),
            depot=problem.depot,
            departure=time.fromisoformat(r["departure"]),
            return_=time.fromisoformat(r["return_at"]),
            visits=tuple(
                Visit(
                    kind=VisitKind(s["kind"]),
                    ref=str(s["pickup_request_id"]) if s["pickup_request_id"] else None,
                    point=Point(s["latitude"], s["longitude"]),
                    arrival=time.fromisoformat(s["arrival"]),
                    start=time.fromisoformat(s["start"]),
                    departure=time.fromisoformat(s["departure"]),
                    load_kg=s["load_kg"],
                    load_m3=s["load_m3"],
                )
                for s in r["stops"]
            ),
            distance_m=r["distance_m"],
            duration_s=r["duration_s"],
        )
        for r in body["rounds"]
    )
    left_out = tuple(LeftOut(str(i["pickup_request_id"]), i["reason"]) for i in body["left_out"])
    return Plan(rounds, left_out)


def finished_job(
    client: TestClient, status_url: str, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """The background planning job at ``status_url`` once it is over (done, failed...)."""
    deadline = time_.monotonic() + 120
    while True:
        job: dict[str, Any] = client.get(status_url, headers=headers).json()
        if job["status"] not in ("queued", "running"):
            return job
        assert time_.monotonic() < deadline, f"the planning job never ended: {job}"
        time_.sleep(0.1)


def planned(
    client: TestClient, started: Response, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """The draft that a planning start (the API's 202) leads to, once its job is done."""
    assert started.status_code == 202, started.text
    job = finished_job(client, started.json()["status_url"], headers)
    assert job["status"] == "done", job
    plan: dict[str, Any] = client.get(job["plan_url"], headers=headers).json()
    return plan


def planned_page(
    client: TestClient, form: str, vehicles: list[int] | list[str], requests: list[int]
) -> Response:
    """Plan the week of ``MONDAY`` through the form page ``form`` (seed 3), and the plan page
    it leads to once the background job it started is done."""
    started = client.post(
        "/tournees/",
        data={
            "week_start": MONDAY.isoformat(),
            **{f"vehicle_{v}": "1" for v in vehicles},
            **{f"request_{r}": "1" for r in requests},
            "seed": "3",
            "_csrf_token": csrf_from(form),
        },
        follow_redirects=True,
    )
    assert started.status_code == 200 and "Calcul des tournées" in started.text, started.text
    job_id = re.search(r"/tournees/calculs/(\d+)", str(started.url))
    assert job_id, started.url
    finished_job(client, f"/api/v1/planning-jobs/{job_id.group(1)}")
    return client.get(f"/tournees/calculs/{job_id.group(1)}", follow_redirects=True)

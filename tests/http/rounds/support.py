"""Helpers of the rounds HTTP tests: quick solver settings, a small week, and reading an API
plan back as ``routes.model`` objects for the independent checker of tests/unit/routes."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from inventory.tables import PickupRequest
from logistics.rounds.stops import stop_for
from logistics.rounds.storage import vehicle_of
from logistics.rounds.tables import Vehicle
from logistics.settings import get_settings
from routes.model import LeftOut, Plan, PlanningProblem, Point, Round, Visit, VisitKind
from tests.factories import run
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

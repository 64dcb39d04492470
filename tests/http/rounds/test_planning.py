"""Managers plan a week of rounds through the app; an independent checker judges every round."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from bench.week_check import violations
from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot
from tests.http.rounds.support import plan_of, planned, problem_of


def a_small_week() -> tuple[int, list[int], list[int]]:
    """Régie Plus with a car and a van, eight good requests (half of them mandatory)."""
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    vehicles = [
        make_vehicle(organisation, "Camionnette Trafic"),
        make_vehicle(organisation, "Kangoo", kind="car", capacity_kg=300.0, capacity_m3=2.0),
    ]
    requests = [
        make_request(organisation, make_donor(organisation, f"Donateur {n}"), mandatory=n % 2 == 0)
        for n in range(8)
    ]
    return organisation, vehicles, requests


def plan(client: TestClient, vehicles: list[int], requests: list[int], seed: int = 1) -> Any:
    headers = bearer(client, "claire.martin")
    response = client.post(
        "/api/v1/round-plans/",
        json={
            "week_start": MONDAY.isoformat(),
            "vehicle_ids": vehicles,
            "pickup_request_ids": requests,
            "seed": seed,
        },
        headers=headers,
    )
    return planned(client, response, headers)


def test_a_planned_week_respects_windows_capacities_day_length_and_lunch(
    client: TestClient, quick_solver: None
) -> None:
    _, vehicles, requests = a_small_week()

    body = plan(client, vehicles, requests)

    problem = problem_of(vehicles, requests)
    assert violations(problem, plan_of(body, problem)) == []
    assert body["rounds"] and body["status"] == "draft"


def test_mandatory_requests_are_never_left_out_when_the_week_allows_it(
    client: TestClient, quick_solver: None
) -> None:
    _, vehicles, requests = a_small_week()

    body = plan(client, vehicles, requests)

    left_out = {item["pickup_request_id"] for item in body["left_out"]}
    assert left_out.isdisjoint(requests[::2])


def test_bad_requests_are_named_and_the_rest_is_planned(
    client: TestClient, quick_solver: None
) -> None:
    organisation, vehicles, requests = a_small_week()
    lost = make_request(
        organisation, make_donor(organisation, "Mairie de Barby", latitude=None, longitude=None)
    )
    inverted = make_request(
        organisation,
        make_donor(organisation, "CPAM", opening_hours={"wed": [["14:00", "10:00"]]}),
    )
    heavy = make_request(
        organisation, make_donor(organisation, "Palais de justice"), estimated_weight_kg=5000.0
    )

    body = plan(client, vehicles, [*requests, lost, inverted, heavy])

    reasons = {item["pickup_request_id"]: item["reason"] for item in body["left_out"]}
    assert "Mairie de Barby" in reasons[lost] and "coordonnées" in reasons[lost]
    assert "CPAM" in reasons[inverted] and "14:00-10:00" in reasons[inverted]
    assert "Palais de justice" in reasons[heavy] and "plus lourd" in reasons[heavy]
    planned = {s["pickup_request_id"] for r in body["rounds"] for s in r["stops"]}
    assert set(requests[::2]) <= planned


def test_a_vehicle_out_that_week_is_named_and_its_requests_left_out(
    client: TestClient, quick_solver: None
) -> None:
    organisation, _, requests = a_small_week()
    weekend_van = make_vehicle(organisation, "Camion du samedi", weekdays=[6])

    body = plan(client, [weekend_van], requests[:2])

    assert any("Camion du samedi" in notice for notice in body["notices"])
    assert {i["pickup_request_id"] for i in body["left_out"]} == set(requests[:2])


def test_the_same_week_and_seed_give_the_same_plan(client: TestClient, quick_solver: None) -> None:
    _, vehicles, requests = a_small_week()

    def shape(body: dict[str, Any]) -> list[Any]:
        return [
            (
                r["vehicle_id"],
                r["day"],
                [(s["kind"], s["pickup_request_id"], s["arrival"]) for s in r["stops"]],
            )
            for r in body["rounds"]
        ]

    first = plan(client, vehicles, requests, seed=7)
    second = plan(client, vehicles, requests, seed=7)

    assert first["id"] != second["id"]
    assert shape(first) == shape(second)


def test_a_week_not_starting_on_monday_or_another_associations_vehicle_is_refused(
    client: TestClient, quick_solver: None
) -> None:
    _, vehicles, requests = a_small_week()
    other = make_vehicle(make_organisation("CP"), "Camionnette d'Aix")
    headers = bearer(client, "claire.martin")

    tuesday = client.post(
        "/api/v1/round-plans/",
        json={"week_start": "2026-12-01", "vehicle_ids": vehicles, "pickup_request_ids": requests},
        headers=headers,
    )
    foreign = client.post(
        "/api/v1/round-plans/",
        json={
            "week_start": MONDAY.isoformat(),
            "vehicle_ids": [other],
            "pickup_request_ids": requests,
        },
        headers=headers,
    )

    assert tuesday.status_code == 422 and "lundi" in tuesday.json()["detail"]
    assert foreign.status_code == 404

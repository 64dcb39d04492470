"""A manager puts a left-out request into a round by hand, and sends a stop to a vehicle and day
that had no round yet: times are recomputed and what the change breaks is a warning."""

from __future__ import annotations

from datetime import date, timedelta

from litestar.testing import TestClient

from inventory.states import PickupStatus
from inventory.tables import Event, PickupRequest
from tests.factories import csrf_from, login, run
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle
from tests.http.rounds.support import planned as planned_plan
from tests.http.rounds.test_changes import a_monday_round

TUESDAY = MONDAY + timedelta(days=1)


def _plan(client: TestClient, plan_id: int, headers: dict[str, str]) -> dict:
    return client.get(f"/api/v1/round-plans/{plan_id}", headers=headers).json()


def test_a_left_out_request_goes_into_a_round_with_times_and_a_warning(
    client: TestClient, quick_solver: None
) -> None:
    organisation, _, headers = a_monday_round(client)
    saturday_only = make_request(
        organisation, make_donor(organisation, "Hasbro"), allowed_weekdays=[6]
    )
    vans = client.get("/api/v1/vehicles/", headers=headers).json()
    planned = planned_plan(
        client,
        client.post(
            "/api/v1/round-plans/",
            json={
                "week_start": MONDAY.isoformat(),
                "vehicle_ids": [vans[0]["id"]],
                "pickup_request_ids": [saturday_only],
            },
            headers=headers,
        ),
        headers,
    )
    assert [i["pickup_request_id"] for i in planned["left_out"]] == [saturday_only]
    assert planned["rounds"] == []

    inserted = client.post(
        f"/api/v1/round-plans/{planned['id']}/insertions",
        json={
            "pickup_request_id": saturday_only,
            "vehicle_id": vans[0]["id"],
            "day": MONDAY.isoformat(),
            "position": 1,
        },
        headers=headers,
    )

    assert inserted.status_code == 201, inserted.text
    assert any(
        "Hasbro" in w and "hors des jours possibles" in w for w in inserted.json()["warnings"]
    )
    after = _plan(client, planned["id"], headers)
    assert after["left_out"] == []
    (round_,) = after["rounds"]
    hasbro = next(s for s in round_["stops"] if s["kind"] == "stop")
    assert hasbro["pickup_request_id"] == saturday_only and hasbro["arrival"] > "08:00"
    assert round_["return_at"] > hasbro["departure"] and round_["distance_m"] > 0
    assert round_["warnings"] == inserted.json()["warnings"]
    assert run(Event.exists().where(Event.action == "insert_stop"))

    again = client.post(
        f"/api/v1/round-plans/{planned['id']}/insertions",
        json={"pickup_request_id": saturday_only, "round_id": round_["id"], "position": 1},
        headers=headers,
    )
    assert again.status_code == 404
    client.post(f"/api/v1/round-plans/{planned['id']}/publish", headers=headers)
    status = run(
        PickupRequest.select(PickupRequest.status).where(PickupRequest.id == saturday_only)
    )
    assert status[0]["status"] == PickupStatus.PLANNED


def test_moving_a_stop_to_a_car_on_tuesday_opens_its_round(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    car = make_vehicle(organisation, "Voiture Clio", kind="car", capacity_kg=300.0)
    (monday,) = plan["rounds"]
    moving = next(s for s in monday["stops"] if s["kind"] == "stop")

    moved = client.post(
        f"/api/v1/round-plans/{plan['id']}/moves",
        json={
            "stop_id": moving["id"],
            "vehicle_id": car,
            "day": TUESDAY.isoformat(),
            "position": 1,
        },
        headers=headers,
    )

    assert moved.status_code == 201, moved.text
    assert any("n'accepte pas de visite le mardi" in w for w in moved.json()["warnings"])
    rounds = {date.fromisoformat(r["day"]): r for r in _plan(client, plan["id"], headers)["rounds"]}
    tuesday = rounds[TUESDAY]
    assert tuesday["vehicle_id"] == car
    assert [s["kind"] for s in tuesday["stops"]] == ["stop", "lunch"]
    assert tuesday["stops"][0]["id"] == moving["id"] and tuesday["departure"].startswith("08:00")
    left = [s["id"] for s in rounds[MONDAY]["stops"] if s["kind"] == "stop"]
    assert moving["id"] not in left and len(left) == 3

    outside = client.post(
        f"/api/v1/round-plans/{plan['id']}/moves",
        json={"stop_id": moving["id"], "vehicle_id": car, "day": "2026-12-14", "position": 1},
        headers=headers,
    )
    assert outside.status_code == 422 and "pas dans la semaine" in outside.json()["detail"]


def test_the_plan_page_offers_new_rounds_and_inserts_a_left_out_request(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, _ = a_monday_round(client)
    car = make_vehicle(organisation, "Voiture Clio", kind="car", capacity_kg=300.0)
    login(client, "claire.martin")
    page = client.get(f"/tournees/{plan['id']}")
    assert "Nouvelle tournée : mardi" in page.text and "Voiture Clio" in page.text
    moving = next(s for s in plan["rounds"][0]["stops"] if s["kind"] == "stop")
    moved = client.post(
        f"/tournees/{plan['id']}/deplacements",
        data={
            "_csrf_token": csrf_from(page.text),
            "stop_id": str(moving["id"]),
            "round_id": f"nouvelle:{car}:{TUESDAY.isoformat()}",
            "position": "1",
        },
    )
    assert moved.status_code == 200
    assert f"{TUESDAY:%d/%m} Voiture Clio" in moved.text
    bad = client.post(
        f"/tournees/{plan['id']}/insertions",
        data={"_csrf_token": csrf_from(page.text), "round_id": "nouvelle:x", "position": "1"},
    )
    assert bad.status_code == 422 and "Choisissez une tournée" in bad.text

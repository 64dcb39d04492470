"""A manager moves a stop by hand and publishes; agents find their round, other associations not."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from inventory.statuses import PickupStatus
from inventory.tables import PickupRequest
from logistics.accounts.roles import Role
from tests.factories import bearer, login, make_organisation, make_user, run
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot

MONDAY_ONLY = [1]


def a_monday_round(client: TestClient) -> tuple[int, dict[str, Any], dict[str, str]]:
    """One van, four donors to visit on Monday, the first one open only 08:30-09:30."""
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    van = make_vehicle(organisation, "Camionnette Trafic")
    early = make_donor(
        organisation, "Collège Côte Rousse", opening_hours={"mon": [["08:30", "09:30"]]}
    )
    donors = [early, *(make_donor(organisation, f"Donateur {n}") for n in range(3))]
    requests = [make_request(organisation, d, allowed_weekdays=MONDAY_ONLY) for d in donors]
    headers = bearer(client, "claire.martin")
    response = client.post(
        "/api/v1/round-plans/",
        json={
            "week_start": MONDAY.isoformat(),
            "vehicle_ids": [van],
            "pickup_request_ids": requests,
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return organisation, response.json(), headers


def test_moving_a_stop_recomputes_the_times_and_warns_of_a_broken_window(
    client: TestClient, quick_solver: None
) -> None:
    _, plan, headers = a_monday_round(client)
    (round_,) = plan["rounds"]
    stops = [s for s in round_["stops"] if s["kind"] == "stop"]
    college = next(s for s in stops if s["name"] == "Collège Côte Rousse")
    last = len(round_["stops"])

    moved = client.post(
        f"/api/v1/round-plans/{plan['id']}/moves",
        json={"stop_id": college["id"], "round_id": round_["id"], "position": last},
        headers=headers,
    )

    assert moved.status_code == 201, moved.text
    assert any("Collège Côte Rousse" in w and "horaires" in w for w in moved.json()["warnings"])
    after = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()
    (round_after,) = after["rounds"]
    assert round_after["stops"][-1]["id"] == college["id"]
    assert round_after["stops"][-1]["arrival"] > college["arrival"]
    assert round_after["warnings"] == moved.json()["warnings"]


def test_publishing_shows_the_rounds_to_the_associations_agents_only(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    make_user("karim.benali", Role.AGENT, organisation)
    make_user("lea.morel", Role.AGENT, make_organisation("CP"))
    karim, lea = bearer(client, "karim.benali"), bearer(client, "lea.morel")
    day = plan["rounds"][0]["day"]
    assert client.get(f"/api/v1/round-plans/{plan['id']}", headers=karim).status_code == 404
    assert client.get("/api/v1/rounds/", params={"day": day}, headers=karim).json() == []

    published = client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)

    assert published.status_code == 201 and published.json()["status"] == "published"
    (seen,) = client.get("/api/v1/rounds/", params={"day": day}, headers=karim).json()
    first = next(s for s in seen["stops"] if s["kind"] == "stop")
    assert first["geo_uri"].startswith("geo:") and first["contact_phone"]
    assert client.get(f"/api/v1/round-plans/{plan['id']}", headers=karim).status_code == 200
    assert client.get("/api/v1/rounds/", params={"day": day}, headers=lea).json() == []
    assert client.get(f"/api/v1/round-plans/{plan['id']}", headers=lea).status_code == 404
    statuses = run(PickupRequest.select(PickupRequest.status))
    assert {row["status"] for row in statuses} == {PickupStatus.PLANNED}
    again = client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    assert again.status_code == 409


def test_an_agent_reads_mes_tournees_with_navigation_links_but_cannot_plan(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    make_user("karim.benali", Role.AGENT, organisation)
    login(client, "karim.benali")

    page = client.get("/tournees/mes-tournees", params={"jour": plan["rounds"][0]["day"]})

    assert page.status_code == 200
    assert 'href="geo:' in page.text and "openstreetmap.org" in page.text
    assert "Collège Côte Rousse" in page.text
    assert client.get("/tournees/nouvelle").status_code == 403

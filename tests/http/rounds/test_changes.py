"""A manager moves a stop by hand and publishes; agents find their round, other associations not."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient

from inventory.services.collections import CollectionData, open_collection
from inventory.states import PickupStatus
from inventory.tables import Event, PickupRequest
from logistics.accounts.roles import Role
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_journey import now, scope_of
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot
from tests.http.rounds.support import planned

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
    return organisation, planned(client, response, headers), headers


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


def test_an_agent_s_old_mes_tournees_leads_to_the_phone_page_which_carries_the_round(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    make_user("karim.benali", Role.AGENT, organisation)
    login(client, "karim.benali")

    old = client.get("/tournees/mes-tournees", follow_redirects=False)
    day = client.get("/api/v1/terrain/jour", params={"jour": plan["rounds"][0]["day"]}).json()

    assert old.status_code == 301 and old.headers["location"] == "/terrain"
    assert "Ma tournée du jour" in client.get("/terrain").text
    stops = [stop for r in day["rounds"] for stop in r["stops"]]
    assert "Collège Côte Rousse" in {stop["donor_name"] for stop in stops}
    assert all(stop["latitude"] and stop["longitude"] for stop in stops)
    assert client.get("/tournees/nouvelle").status_code == 403


def test_an_agent_goes_from_today_s_round_to_the_days_before_and_after(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    make_user("karim.benali", Role.AGENT, organisation)
    login(client, "karim.benali")

    today = client.get("/terrain").text  # Wednesday 25 November
    nav = re.findall(r'<a class="button secondary" href="([^"]+)">([^<]+)</a>', today)
    monday = client.get("/tournees/jour", params={"jour": MONDAY.isoformat()}).text
    sunday = client.get("/tournees/jour", params={"jour": "2026-11-29"}).text
    back = client.get("/tournees/jour", params={"jour": "2026-11-25"}, follow_redirects=False)

    assert nav == [
        ("/tournees/jour?jour=2026-11-24", "← Jour précédent"),
        ("/tournees/jour?jour=2026-11-26", "Jour suivant →"),
    ]
    assert "Tournées du lundi 30 novembre 2026" in monday
    assert "Camionnette Trafic · départ" in monday and "Collège Côte Rousse" in monday
    assert 'href="/tournees/jour?jour=2026-11-29">← Jour précédent' in monday
    assert 'href="/tournees/jour?jour=2026-12-01">Jour suivant →' in monday
    assert "Aucune tournée publiée pour vous ce jour-là." in sunday
    assert back.status_code in (302, 303) and back.headers["location"] == "/terrain"


def _requests_in(status: PickupStatus) -> int:
    return run(PickupRequest.count().where(PickupRequest.status == status))


def test_a_published_plan_taken_back_disappears_for_agents_and_can_be_changed_and_republished(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    make_user("karim.benali", Role.AGENT, organisation)
    karim = bearer(client, "karim.benali")
    day = plan["rounds"][0]["day"]
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)

    taken = client.post(
        f"/api/v1/round-plans/{plan['id']}/withdrawal",
        json={"reason": "Camionnette en panne"},
        headers=headers,
    )

    assert taken.status_code == 201, taken.text
    assert taken.json()["status"] == "draft"
    assert client.get("/api/v1/rounds/", params={"day": day}, headers=karim).json() == []
    assert _requests_in(PickupStatus.REQUESTED) == 4
    history = run(
        Event.select(Event.action, Event.comment).where(
            Event.subject_kind == "round_plan", Event.subject_id == plan["id"]
        )
    )
    assert {"action": "withdraw", "comment": "Camionnette en panne"} in history
    assert run(Event.count().where(Event.action == "unplan")) == 4

    stop = next(s for s in plan["rounds"][0]["stops"] if s["kind"] == "stop")
    moved = client.post(
        f"/api/v1/round-plans/{plan['id']}/moves",
        json={"stop_id": stop["id"], "round_id": plan["rounds"][0]["id"], "position": 3},
        headers=headers,
    )
    assert moved.status_code == 201, moved.text
    again = client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    assert again.status_code == 201, again.text
    assert _requests_in(PickupStatus.PLANNED) == 4
    assert len(client.get("/api/v1/rounds/", params={"day": day}, headers=karim).json()) == 1


def test_a_plan_is_not_taken_back_without_a_reason_nor_once_a_collection_started(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = a_monday_round(client)
    url = f"/api/v1/round-plans/{plan['id']}/withdrawal"
    draft = client.post(url, json={"reason": "Erreur"}, headers=headers)
    assert draft.status_code == 409 and "pas publié" in draft.json()["detail"]
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    assert client.post(url, json={"reason": "  "}, headers=headers).status_code == 422
    stop = next(s for s in plan["rounds"][0]["stops"] if s["kind"] == "stop")
    scope = scope_of(organisation)
    opening = CollectionData(collected_on=MONDAY, pickup_request_id=stop["pickup_request_id"])
    run(open_collection(scope, stop["donor_id"], opening, now()))

    late = client.post(url, json={"reason": "Chauffeur absent"}, headers=headers)

    assert late.status_code == 409
    assert f"{stop['name']} : une collecte a déjà commencé" in late.json()["detail"]
    after = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()
    assert after["status"] == "published" and _requests_in(PickupStatus.PLANNED) == 4


def test_a_manager_takes_a_plan_back_from_its_page(client: TestClient, quick_solver: None) -> None:
    _, plan, headers = a_monday_round(client)
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    login(client, "claire.martin")
    page = client.get(f"/tournees/{plan['id']}").text
    assert "Reprendre le planning pour le modifier" in page

    taken = client.post(
        f"/tournees/{plan['id']}/reprise",
        data={"reason": "Chauffeur absent", "_csrf_token": csrf_from(page)},
        follow_redirects=False,
    )

    assert taken.status_code in (302, 303), taken.text
    page = client.get(f"/tournees/{plan['id']}").text
    assert "Publier : les agents verront leurs tournées" in page and "brouillon" in page


def test_a_round_leaves_later_and_its_times_follow(client: TestClient, quick_solver: None) -> None:
    _, plan, headers = a_monday_round(client)
    (round_,) = plan["rounds"]
    url = f"/api/v1/round-plans/{plan['id']}/rounds/{round_['id']}/departure"

    later = client.put(url, json={"departure": "10:30:00"}, headers=headers)

    assert later.status_code == 200, later.text
    assert any("Collège Côte Rousse" in w for w in later.json()["warnings"])  # opens 08:30-09:30
    (after,) = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()["rounds"]
    assert after["departure"].startswith("10:30")
    assert after["stops"][0]["arrival"] >= "10:30"
    too_early = client.put(url, json={"departure": "05:00:00"}, headers=headers)
    assert too_early.status_code == 422 and "ouverture du dépôt" in too_early.json()["detail"]
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    assert client.put(url, json={"departure": "09:00:00"}, headers=headers).status_code == 409


def test_a_manager_changes_the_departure_from_the_plan_page(
    client: TestClient, quick_solver: None
) -> None:
    _, plan, _ = a_monday_round(client)
    (round_,) = plan["rounds"]
    login(client, "claire.martin")
    page = client.get(f"/tournees/{plan['id']}").text
    assert f'id="departure-{round_["id"]}"' in page

    moved = client.post(
        f"/tournees/{plan['id']}/depart/{round_['id']}",
        data={"departure": "09:45", "_csrf_token": csrf_from(page)},
        follow_redirects=False,
    )
    typo = client.post(
        f"/tournees/{plan['id']}/depart/{round_['id']}",
        data={"departure": "9h45", "_csrf_token": csrf_from(page)},
    )

    assert moved.status_code in (302, 303), moved.text
    assert 'value="09:45"' in client.get(f"/tournees/{plan['id']}").text
    assert typo.status_code == 422 and "hh:mm" in typo.text

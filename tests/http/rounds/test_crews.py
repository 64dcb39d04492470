"""A manager puts a driver and agents on each round; the staff profile (fiche salarié) says who
may drive, the contract's hours and the days off. Agents then find only their own round."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from litestar.testing import TestClient

from inventory.tables import Event
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.mail.tables import OutboxMessage
from logistics.rounds.reminders import remind_crews
from logistics.rounds.tables import RoundCrew
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot
from tests.http.rounds.support import planned


def _two_vans_on_monday(client: TestClient) -> tuple[int, dict[str, Any], dict[str, str]]:
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    vans = [make_vehicle(organisation, name) for name in ("Trafic", "Master")]
    donors = [make_donor(organisation, f"Donateur {n}") for n in range(4)]
    requests = [make_request(organisation, d, allowed_weekdays=[1]) for d in donors]
    headers = bearer(client, "claire.martin")
    week = {"week_start": MONDAY.isoformat(), "vehicle_ids": vans, "pickup_request_ids": requests}
    plan = planned(client, client.post("/api/v1/round-plans/", json=week, headers=headers), headers)
    if len(plan["rounds"]) == 1:  # everything fitted in one van: the manager sends the other
        (round_,) = plan["rounds"]
        stop = next(s for s in round_["stops"] if s["kind"] == "stop")
        used = round_["vehicle_id"]
        spare = next(v for v in vans if v != used)
        move = {"stop_id": stop["id"], "vehicle_id": spare, "day": round_["day"], "position": 1}
        moved = client.post(f"/api/v1/round-plans/{plan['id']}/moves", json=move, headers=headers)
        assert moved.status_code == 201, moved.text
        plan = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()
    assert len(plan["rounds"]) == 2
    return organisation, plan, headers


def _profile(client: TestClient, headers: dict[str, str], user: int, **profile: Any) -> Any:
    return client.put(f"/api/v1/staff/{user}", json=profile, headers=headers)


def _crew(client: TestClient, headers: dict, plan: dict, round_id: int, **crew: Any) -> Any:
    url = f"/api/v1/round-plans/{plan['id']}/rounds/{round_id}/crew"
    return client.put(url, json=crew, headers=headers)


def test_a_round_gets_a_licensed_driver_and_agents_see_only_their_own_round(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    julie = make_user("julie.roux", Role.AGENT, organisation)
    make_user("leo.petit", Role.AGENT, organisation)
    assert _profile(client, headers, karim, driving_licence=True).status_code == 200
    first = plan["rounds"][0]

    crewed = _crew(client, headers, plan, first["id"], driver_id=karim, member_ids=[julie])

    assert crewed.status_code == 200, crewed.text
    assert [(m["full_name"], m["driver"]) for m in crewed.json()["crew"]] == [
        ("Karim Benali", True),
        ("Julie Roux", False),
    ]
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)
    day = first["day"]
    seen = {}
    for name in ("julie.roux", "leo.petit"):
        agent = bearer(client, name)
        answer = client.get("/api/v1/terrain/jour", params={"jour": day}, headers=agent)
        seen[name] = [r["id"] for r in answer.json()["rounds"]]
        crews = {r["id"]: r["crew"] for r in answer.json()["rounds"]}
    others = [r["id"] for r in plan["rounds"] if r["id"] != first["id"]]
    # Julie finds her round, and the one nobody is on yet; Léo, on no crew, only the latter.
    assert sorted(seen["julie.roux"]) == sorted([first["id"], *others])
    assert seen["leo.petit"] == others
    assert crews == {r: [] for r in others}  # Léo's last answer: rounds nobody is on yet
    julie_day = client.get(
        "/api/v1/terrain/jour", params={"jour": day}, headers=bearer(client, "julie.roux")
    ).json()
    mine = next(r for r in julie_day["rounds"] if r["id"] == first["id"])
    assert mine["crew"] == ["Karim Benali (chauffeur)", "Julie Roux"]
    history = run(Event.select(Event.action, Event.comment).where(Event.action == "crew"))
    assert history == [{"action": "crew", "comment": "Karim Benali, Julie Roux"}]


def test_no_licence_or_two_rounds_the_same_day_is_refused_and_nothing_changes(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    julie = make_user("julie.roux", Role.AGENT, organisation)
    other = make_user("paul.autre", Role.AGENT, make_organisation("CP"))
    _profile(client, headers, karim, driving_licence=True)
    first, second = plan["rounds"][0]["id"], plan["rounds"][1]["id"]

    no_licence = _crew(client, headers, plan, first, driver_id=julie)
    assert no_licence.status_code == 422
    assert "n'a pas de permis de conduire" in no_licence.json()["detail"]
    stranger = _crew(client, headers, plan, first, driver_id=karim, member_ids=[other])
    assert stranger.status_code == 422
    assert _crew(client, headers, plan, first, driver_id=karim).status_code == 200

    twice = _crew(client, headers, plan, second, driver_id=karim, member_ids=[julie])

    assert twice.status_code == 409 and "déjà ce jour-là" in twice.json()["detail"]
    after = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()
    assert [len(r["crew"]) for r in after["rounds"]] == [1, 0]


def test_a_day_off_and_the_weeks_contract_hours_are_warned_on_the_plan(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    _profile(client, headers, karim, driving_licence=True, weekly_hours=1, days_off=[1])

    crewed = _crew(client, headers, plan, plan["rounds"][0]["id"], driver_id=karim)

    warnings = crewed.json()["crew_warnings"]
    assert "Karim Benali ne travaille pas le lundi" in warnings
    assert any("pour un contrat de 1 h" in w for w in warnings)
    refused = _profile(client, headers, karim, weekly_hours=60)
    assert refused.status_code == 422 and "de 1 à 48" in refused.json()["detail"]


def test_a_manager_fills_the_staff_profile_and_the_crew_from_the_pages(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, _ = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    login(client, "claire.martin")
    form = client.get(f"/comptes/{karim}/fiche")
    assert form.status_code == 200 and "Permis de conduire" in form.text
    token = csrf_from(form.text)
    saved = client.post(
        f"/comptes/{karim}/fiche",
        data={"driving_licence": "1", "weekly_hours": "26", "day_off_3": "3", "_csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code in (302, 303), saved.text
    assert 'name="day_off_3" value="3" checked' in client.get(f"/comptes/{karim}/fiche").text
    round_id = plan["rounds"][0]["id"]
    page = client.get(f"/tournees/{plan['id']}").text
    assert "Choisir l&#39;équipage" in page or "Choisir l'équipage" in page

    crewed = client.post(
        f"/tournees/{plan['id']}/equipages/{round_id}",
        data={"driver_id": str(karim), "_csrf_token": token},
        follow_redirects=False,
    )

    assert crewed.status_code in (302, 303), crewed.text
    assert "Karim Benali (chauffeur)" in client.get(f"/tournees/{plan['id']}").text
    sheet = client.get(f"/tournees/{plan['id']}/feuille/{round_id}").text
    assert "Karim Benali (chauffeur)" in sheet
    bad = client.post(
        f"/comptes/{karim}/fiche", data={"weekly_hours": "beaucoup", "_csrf_token": token}
    )
    assert bad.status_code == 422 and "nombre entier" in bad.text


def test_the_staff_week_shows_each_persons_rounds_days_off_and_hours(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    julie = make_user("julie.roux", Role.AGENT, organisation)
    _profile(client, headers, karim, driving_licence=True, weekly_hours=1)
    _profile(client, headers, julie, days_off=[1])
    first = plan["rounds"][0]
    _crew(client, headers, plan, first["id"], driver_id=karim)
    login(client, "claire.martin")

    page = client.get("/personnel", params={"semaine": first["day"]})

    assert page.status_code == 200
    rows = page.text.split("<tr>")
    karim_row = next(row for row in rows if "Karim Benali" in row)
    julie_row = next(row for row in rows if "Julie Roux" in row)
    assert f"{first['vehicle_name']} (chauffeur) {first['departure'][:5]}" in karim_row
    assert "au-delà du contrat" in karim_row and "permis" in karim_row
    assert "repos" in julie_row and "0,0\u202fh" in julie_row
    assert client.get("/personnel").status_code == 200  # this week, with no plan
    login(client, "karim.benali")
    assert client.get("/personnel").status_code == 403


def test_a_round_emptied_by_moves_goes_away_with_its_crew(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    _profile(client, headers, karim, driving_licence=True)
    small = min(plan["rounds"], key=lambda r: len(r["stops"]))
    other = next(r for r in plan["rounds"] if r["id"] != small["id"])
    _crew(client, headers, plan, small["id"], driver_id=karim)

    for stop in [s for s in small["stops"] if s["kind"] == "stop"]:
        move = {"stop_id": stop["id"], "round_id": other["id"], "position": 1}
        moved = client.post(f"/api/v1/round-plans/{plan['id']}/moves", json=move, headers=headers)
        assert moved.status_code == 201, moved.text

    after = client.get(f"/api/v1/round-plans/{plan['id']}", headers=headers).json()
    assert [r["id"] for r in after["rounds"]] == [other["id"]]
    assert run(RoundCrew.count()) == 0


def test_the_crew_gets_its_day_by_email_the_evening_before_once(
    client: TestClient, quick_solver: None
) -> None:
    organisation, plan, headers = _two_vans_on_monday(client)
    karim = make_user("karim.benali", Role.AGENT, organisation)
    julie = make_user("julie.roux", Role.AGENT, organisation)
    with_email = UserAccount.update({UserAccount.email: "karim@regie.example"})
    run(with_email.where(UserAccount.id == karim))
    _profile(client, headers, karim, driving_licence=True)
    first = plan["rounds"][0]
    _crew(client, headers, plan, first["id"], driver_id=karim, member_ids=[julie])
    day = date.fromisoformat(first["day"])
    evening = datetime.combine(day - timedelta(days=1), time(17), tzinfo=UTC)
    assert run(remind_crews(evening)) == 0  # a draft: nothing is sure yet
    client.post(f"/api/v1/round-plans/{plan['id']}/publish", headers=headers)

    queued = run(remind_crews(evening))
    again = run(remind_crews(evening))

    assert (queued, again) == (1, 0)  # Julie has no e-mail address: her phone shows it
    (message,) = run(OutboxMessage.select())
    assert message["recipient"] == "karim@regie.example"
    assert message["subject"].startswith(f"Tournée de demain : départ {first['departure'][:5]}")
    stop = next(s for s in first["stops"] if s["kind"] == "stop")
    assert "(vous conduisez)" in message["body"] and "Avec : Julie Roux." in message["body"]
    assert f"1. {stop['arrival'][:5]} {stop['name']}" in message["body"]

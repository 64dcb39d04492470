"""The trainees' and cycles' API: filters, a logged reading, partial changes, the register,
the waiting list; in the OpenAPI document; nothing for other associations or collecting staff."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics import clock
from logistics.accounts.roles import Role
from logistics.trainees.tables import PersonalDataAccess
from tests.factories import bearer, make_organisation, make_user, run
from tests.factories_trainees import make_ble, make_cycle, make_trainee

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with clock.frozen(NOW):
        yield


def test_trainees_are_created_filtered_read_and_changed(client: TestClient) -> None:
    ble = make_ble()
    headers = bearer(client, "nadia.blanc")
    durand = make_trainee(ble.organisation, "Durand")
    make_trainee(ble.organisation, "Martin", neighbourhood="biollay")
    make_cycle(ble.organisation, {durand: 9})

    created = client.post(
        "/api/v1/trainees",
        headers=headers,
        json={"first_name": "Awa", "last_name": "Diallo", "neighbourhood": "biollay"},
    )
    biollay = client.get("/api/v1/trainees?neighbourhood=biollay", headers=headers).json()
    eligible = client.get("/api/v1/trainees?eligibility=eligible", headers=headers).json()
    one = client.get(f"/api/v1/trainees/{durand}", headers=headers)
    changed = client.patch(
        f"/api/v1/trainees/{durand}", headers=headers, json={"internet_at_home": "none"}
    )

    assert created.status_code == 201, created.text
    assert created.json()["eligibility"]["outcome"] == "not_yet"
    assert [t["last_name"] for t in biollay] == ["Diallo", "Martin"]
    assert [t["last_name"] for t in eligible] == ["Durand"]
    assert one.json()["eligibility"]["reason"].startswith("9 séances suivies sur 11")
    assert changed.json()["first_name"] == "Fatima"  # kept
    assert changed.json()["eligibility"]["outcome"] == "eligible_not_installed"
    accesses = run(PersonalDataAccess.select(PersonalDataAccess.action))
    assert accesses == [{"action": "api"}]


def test_a_refused_trainee_lists_its_fields_in_french(client: TestClient) -> None:
    make_ble()
    headers = bearer(client, "nadia.blanc")

    refused = client.post(
        "/api/v1/trainees", headers=headers, json={"first_name": "", "internet_at_home": "fibre"}
    )

    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["title"] == "Données invalides"


def test_a_cycle_its_sessions_enrolments_and_register_over_the_api(client: TestClient) -> None:
    ble = make_ble()
    headers = bearer(client, "nadia.blanc")
    durand, martin = (
        make_trainee(ble.organisation, "Durand"),
        make_trainee(ble.organisation, "Martin"),
    )

    cycle = client.post(
        "/api/v1/cycles",
        headers=headers,
        json={
            "name": "Hiver 2027",
            "starts_on": "2027-01-04",
            "ends_on": "2027-03-15",
            "places": 1,
            "weekly_sessions": True,
        },
    ).json()
    enrolled = client.post(
        f"/api/v1/cycles/{cycle['id']}/enrolments", headers=headers, json={"trainee_id": durand}
    )
    full = client.post(
        f"/api/v1/cycles/{cycle['id']}/enrolments", headers=headers, json={"trainee_id": martin}
    )
    session = cycle["sessions"][0]["id"]
    register = f"/api/v1/cycles/{cycle['id']}/sessions/{session}/attendance"
    ticked = client.put(register, headers=headers, json={"present": [durand]})
    wrong_cycle = client.get(
        f"/api/v1/cycles/{cycle['id'] + 1}/sessions/{session}/attendance", headers=headers
    )
    left = client.post(
        f"/api/v1/cycles/{cycle['id']}/enrolments/{durand}/drop-out",
        headers=headers,
        json={"reason": "a trouvé un emploi"},
    )

    assert len(cycle["sessions"]) == 11 and cycle["sessions"][10]["day"] == "2027-03-15"
    assert enrolled.json()["enrolled"] == 1
    assert full.status_code == 409 and "complet (1 place)" in full.json()["detail"]
    assert ticked.json()["present_count"] == 1
    assert ticked.json()["marks"] == [
        {"trainee_id": durand, "name": "Fatima Durand", "present": True}
    ]
    assert wrong_cycle.status_code == 404
    assert left.json()["enrolled"] == 0
    assert left.json()["enrolments"][0]["left_reason"] == "a trouvé un emploi"


def test_the_waiting_list_over_the_api(client: TestClient) -> None:
    ble = make_ble()
    headers = bearer(client, "nadia.blanc")
    durand = make_trainee(ble.organisation, "Durand")
    make_cycle(ble.organisation, {durand: 9, make_trainee(ble.organisation, "Martin"): 3})

    places = client.get("/api/v1/trainees/waiting-list", headers=headers).json()

    assert [(p["rank"], p["name"]) for p in places] == [(1, "Fatima Durand")]
    assert places[0]["reason"].startswith("Pas d'ordinateur à la maison (prioritaire)")


def test_the_api_is_in_the_openapi_document(client: TestClient) -> None:
    make_ble()
    paths = client.get("/api/v1/schema/openapi.json").json()["paths"]

    for path in (
        "/api/v1/trainees",
        "/api/v1/trainees/{trainee_id}",
        "/api/v1/trainees/waiting-list",
        "/api/v1/cycles",
        "/api/v1/cycles/{cycle_id}/sessions/{session_id}/attendance",
    ):
        assert path in paths, path


def test_other_associations_get_404_and_collecting_staff_403(client: TestClient) -> None:
    ble = make_ble()
    trainee = make_trainee(ble.organisation)
    cycle = make_cycle(ble.organisation, {trainee: 9})
    make_user(
        "autre.installateur", Role.INSTALLER, make_organisation("ALI", OrganisationKind.INSTALLING)
    )
    collecting = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, collecting)
    make_user("karim.benali", Role.AGENT, collecting)
    make_user(
        "thomas.perrin",
        Role.RECONDITIONER,
        make_organisation("TRI", OrganisationKind.RECONDITIONER),
    )

    outsider = bearer(client, "autre.installateur")
    assert client.get(f"/api/v1/trainees/{trainee}", headers=outsider).status_code == 404
    assert client.get(f"/api/v1/cycles/{cycle}", headers=outsider).status_code == 404
    assert client.get("/api/v1/trainees", headers=outsider).json() == []
    assert client.get("/api/v1/trainees/waiting-list", headers=outsider).json() == []
    patched = client.patch(f"/api/v1/trainees/{trainee}", headers=outsider, json={"notes": "x"})
    assert patched.status_code == 404
    for name in ("claire.martin", "karim.benali", "thomas.perrin"):
        headers = bearer(client, name)
        for path in ("/api/v1/trainees", f"/api/v1/trainees/{trainee}", f"/api/v1/cycles/{cycle}"):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 403 and "Durand" not in answer.text, (name, path)
    assert run(PersonalDataAccess.count()) == 0


def test_a_session_moves_with_its_register_and_never_outside_its_cycle(
    client: TestClient,
) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation, "Durand")
    cycle = make_cycle(ble.organisation, {durand: 2})
    headers = bearer(client, "nadia.blanc")
    sessions = client.get(f"/api/v1/cycles/{cycle}", headers=headers).json()["sessions"]
    first = f"/api/v1/cycles/{cycle}/sessions/{sessions[0]['id']}"
    move = {"module": 1, "day": "2026-09-15", "starts_at": "09:30:00", "ends_at": "11:30:00"}

    moved = client.put(first, headers=headers, json={**move, "place": "BLÉ"})
    outside = client.put(first, headers=headers, json={**move, "day": "2027-01-05"})
    reversed_times = client.put(first, headers=headers, json={**move, "ends_at": "09:00:00"})
    elsewhere = client.put(
        f"/api/v1/cycles/{cycle + 1}/sessions/{sessions[0]['id']}", headers=headers, json=move
    )
    register = client.get(f"{first}/attendance", headers=headers).json()

    assert moved.status_code == 200, moved.text
    assert moved.json() | {"id": 0} == {
        "id": 0,
        "cycle": cycle,
        "module": 1,
        "day": "2026-09-15",
        "starts_at": "09:30:00",
        "ends_at": "11:30:00",
        "place": "BLÉ",
    }
    assert outside.status_code == 422
    assert outside.json()["detail"] == (
        "La séance doit avoir lieu pendant le cycle, du 11 septembre 2026 au 20 novembre 2026."
    )
    assert reversed_times.status_code == 422
    assert "finir après son heure de début" in reversed_times.json()["detail"]
    assert elsewhere.status_code == 404
    assert register["marks"][0]["present"] is True  # Durand came to the first two

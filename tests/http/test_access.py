"""Who may do what: anonymous callers, roles, and the walls between organisations."""

from __future__ import annotations

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user


def test_anonymous_api_call_gets_401_problem_details(client: TestClient) -> None:
    response = client.get("/api/v1/users")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 401 and body["title"] == "Authentification requise"


def test_anonymous_page_visit_is_sent_to_the_login_page(client: TestClient) -> None:
    response = client.get("/comptes/", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"].startswith("/connexion?suivant=")


def test_an_agent_may_not_create_accounts(client: TestClient) -> None:
    organisation = make_organisation("RP")
    make_user("karim.benali", Role.AGENT, organisation)
    response = client.post(
        "/api/v1/users/",
        headers=bearer(client, "karim.benali"),
        json={
            "username": "nouveau",
            "full_name": "Nouveau",
            "password": "un-mot-de-passe",
            "role": "agent",
            "organisation_id": organisation,
        },
    )
    assert response.status_code == 403
    assert "Agent de collecte" in response.json()["detail"]


def test_a_manager_cannot_see_or_change_another_associations_accounts(
    client: TestClient,
) -> None:
    regie_plus = make_organisation("RP")
    coup_de_pouce = make_organisation("CP")
    make_user("claire.martin", Role.MANAGER, regie_plus)
    other_agent = make_user("lea.morel", Role.AGENT, coup_de_pouce)
    headers = bearer(client, "claire.martin")

    assert client.get(f"/api/v1/users/{other_agent}", headers=headers).status_code == 404
    change = client.patch(f"/api/v1/users/{other_agent}", headers=headers, json={"active": False})
    assert change.status_code == 404
    usernames = {u["username"] for u in client.get("/api/v1/users", headers=headers).json()}
    assert usernames == {"claire.martin"}
    create_there = client.post(
        "/api/v1/users/",
        headers=headers,
        json={
            "username": "intrus",
            "full_name": "Intrus",
            "password": "un-mot-de-passe",
            "role": "agent",
            "organisation_id": coup_de_pouce,
        },
    )
    assert create_there.status_code == 404


def test_a_manager_creates_an_agent_and_an_installer_for_ble(client: TestClient) -> None:
    regie_plus = make_organisation("RP")
    ble = make_organisation("BLE", OrganisationKind.INSTALLING)
    make_user("claire.martin", Role.MANAGER, regie_plus)
    headers = bearer(client, "claire.martin")

    def create(username: str, role: str, organisation: int) -> int:
        payload = {
            "username": username,
            "full_name": username.title(),
            "password": "un-mot-de-passe",
            "role": role,
            "organisation_id": organisation,
        }
        return client.post("/api/v1/users/", headers=headers, json=payload).status_code

    assert create("karim.benali", "agent", regie_plus) == 201
    assert create("nadia.blanc", "installer", ble) == 201
    assert create("mauvais.role", "agent", ble) == 422
    assert create("chef", "admin", regie_plus) == 403
    assert create("karim.benali", "agent", regie_plus) == 409


def test_a_coordinator_reads_every_organisation_but_changes_none(client: TestClient) -> None:
    grand_chambery = make_organisation("GC", OrganisationKind.COORDINATING)
    regie_plus = make_organisation("RP")
    make_user("sophie.girard", Role.COORDINATOR, grand_chambery)
    agent = make_user("karim.benali", Role.AGENT, regie_plus)
    headers = bearer(client, "sophie.girard")

    assert client.get(f"/api/v1/users/{agent}", headers=headers).status_code == 200
    change = client.patch(f"/api/v1/users/{agent}", headers=headers, json={"active": False})
    assert change.status_code == 403


def test_bearer_token_calls_need_no_csrf_token_but_bad_tokens_get_401(
    client: TestClient,
) -> None:
    regie_plus = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, regie_plus)
    agent = make_user("karim.benali", Role.AGENT, regie_plus)
    headers = bearer(client, "claire.martin")

    response = client.patch(f"/api/v1/users/{agent}", headers=headers, json={"active": False})
    assert response.status_code == 200 and response.json()["active"] is False
    forged = {"Authorization": "Bearer pas-un-vrai-jeton"}
    assert client.get("/api/v1/users", headers=forged).status_code == 401

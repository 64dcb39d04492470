"""Logging in and out on the pages, and the protections around it."""

from __future__ import annotations

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import PASSWORD, csrf_from, login, make_organisation, make_user


def test_manager_logs_in_sees_her_name_and_logs_out(client: TestClient) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))

    response = login(client, "claire.martin")
    assert response.status_code in (302, 303)
    home = client.get("/")
    assert home.status_code == 200
    assert "Claire Martin" in home.text and "Responsable" in home.text

    logout = client.post(
        "/deconnexion", data={"_csrf_token": csrf_from(home.text)}, follow_redirects=False
    )
    assert logout.headers["location"] == "/connexion"
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/connexion")


def test_wrong_password_is_refused_in_french_without_saying_which_part(client: TestClient) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))

    response = login(client, "claire.martin", "pas-le-bon-mot")
    assert response.status_code == 401
    assert "Identifiant ou mot de passe incorrect" in response.text
    assert login(client, "inconnu", PASSWORD).status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 302


def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    for _ in range(5):
        assert login(client, "claire.martin", "mauvais-mot-de-passe").status_code == 401

    blocked = login(client, "claire.martin", PASSWORD)
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.text


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(
    client: TestClient,
) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    redirect = client.get("/comptes", follow_redirects=False)
    assert redirect.headers["location"] == "/connexion?suivant=/comptes"

    page = client.get("/connexion?suivant=//evil.example/")
    assert 'value="/"' in page.text
    response = client.post(
        "/connexion",
        data={
            "username": "claire.martin",
            "password": PASSWORD,
            "suivant": "/comptes",
            "_csrf_token": csrf_from(page.text),
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/comptes"


def test_a_post_without_csrf_token_is_refused(client: TestClient) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    login(client, "claire.martin")

    response = client.post("/deconnexion", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert "rechargez la page" in response.text
    assert client.get("/").status_code == 200  # still logged in


def test_deactivated_account_cannot_log_in_and_loses_its_session(client: TestClient) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    agent = make_user("karim.benali", Role.AGENT, organisation)
    with TestClient(app=client.app, base_url="http://testserver.local") as agent_client:
        login(agent_client, "karim.benali")
        assert agent_client.get("/").status_code == 200

        login(client, "claire.martin")
        page = client.get("/comptes/")
        client.post(
            f"/comptes/{agent}/activation",
            data={"active": "0", "_csrf_token": csrf_from(page.text)},
        )
        assert "Désactivé le" in client.get("/comptes/").text

        assert agent_client.get("/", follow_redirects=False).status_code == 302
        assert login(agent_client, "karim.benali").status_code == 401


def test_an_agent_replaces_the_provisional_password_and_other_sessions_end(
    client: TestClient,
) -> None:
    make_user("karim.benali", Role.AGENT, make_organisation("RP"))
    with TestClient(app=client.app, base_url="http://testserver.local") as other_phone:
        login(other_phone, "karim.benali")
        login(client, "karim.benali")
        page = client.get("/mon-compte/")

        wrong = client.post(
            "/mon-compte/mot-de-passe",
            data={
                "current_password": "pas-le-bon",
                "new_password": "nouveau-mot-de-passe",
                "new_password_confirm": "nouveau-mot-de-passe",
                "_csrf_token": csrf_from(page.text),
            },
        )
        assert wrong.status_code == 422 and "actuel est incorrect" in wrong.text

        done = client.post(
            "/mon-compte/mot-de-passe",
            data={
                "current_password": PASSWORD,
                "new_password": "nouveau-mot-de-passe",
                "new_password_confirm": "nouveau-mot-de-passe",
                "_csrf_token": csrf_from(page.text),
            },
        )
        assert done.status_code == 200 and "Mot de passe changé" in done.text
        assert client.get("/").status_code == 200
        assert other_phone.get("/", follow_redirects=False).status_code == 302
        assert login(other_phone, "karim.benali", "nouveau-mot-de-passe").status_code == 302

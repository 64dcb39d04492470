"""Errors reach people as French problem details or pages, never as tracebacks."""

from __future__ import annotations

from html import unescape

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import bearer, login, make_organisation, make_user


def test_validation_error_is_a_problem_details_body_naming_the_fields(client: TestClient) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    response = client.post(
        "/api/v1/users/",
        headers=bearer(client, "claire.martin"),
        json={"username": "a b", "full_name": "X", "role": "agent"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "Données invalides"
    assert body["instance"].startswith("/api/v1/users")
    assert body["erreurs"] and all(error["message"] for error in body["erreurs"])


def test_unknown_ids_give_404_on_the_api_and_a_french_page(client: TestClient) -> None:
    make_user("claire.martin", Role.MANAGER, make_organisation("RP"))
    headers = bearer(client, "claire.martin")

    api = client.get("/api/v1/users/987654", headers=headers)
    assert api.status_code == 404 and api.json()["detail"] == "Utilisateur introuvable."
    assert client.get("/api/v1/users/pas-un-nombre", headers=headers).status_code == 404

    login(client, "claire.martin")
    page = client.get("/page-qui-n-existe-pas")
    assert page.status_code == 404
    assert "Introuvable" in page.text and "Traceback" not in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_a_form_refusal_shows_the_form_again_with_the_reason(client: TestClient) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    login(client, "claire.martin")
    form = client.get("/comptes/nouveau")
    from tests.factories import csrf_from

    response = client.post(
        "/comptes/",
        data={
            "full_name": "Karim Benali",
            "username": "karim.benali",
            "role": "agent",
            "organisation_id": str(organisation),
            "password": "court",
            "password_confirm": "court",
            "_csrf_token": csrf_from(form.text),
        },
    )
    assert response.status_code == 422
    assert "au moins 10 caractères" in response.text
    assert 'value="Karim Benali"' in response.text


def test_health_probes(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200


def test_error_pages_say_what_to_do_next_in_words_and_no_status_code(client: TestClient) -> None:
    association, other = make_organisation("RP"), make_organisation("BL")
    make_user("claire.martin", Role.MANAGER, association)
    make_user("karim.benali", Role.AGENT, association)
    login(client, "claire.martin")

    missing = client.get("/page-qui-n-existe-pas")
    assert missing.status_code == 404
    text = unescape(missing.text)
    assert "n'est pas de votre association. Revenez à l'accueil." in text
    assert 'href="/">Revenir à l\'accueil</a>' in text
    assert "404" not in text.split("<main", 1)[-1]
    elsewhere = client.get(f"/donateurs/{other * 1000}")
    assert elsewhere.status_code == 404 and "Revenez à l'accueil" in unescape(elsewhere.text)

    from tests.factories import csrf_from

    referer = "http://testserver.local/comptes/nouveau"
    expired = client.post("/comptes/", data={"full_name": "X"}, headers={"referer": referer})
    assert expired.status_code == 403 and "rechargez la page" in expired.text
    assert 'href="/comptes/nouveau">Revenir au formulaire</a>' in expired.text
    assert "Code 403" not in expired.text

    client.post("/deconnexion", data={"_csrf_token": csrf_from(client.get("/").text)})
    login(client, "karim.benali")
    forbidden = client.get("/comptes/nouveau")
    assert forbidden.status_code == 403
    assert "demandez-la à un responsable" in forbidden.text

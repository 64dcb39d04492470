"""The manager fills the fiche salarié on its page and through the API; what cannot be meant
is refused in French beside its field, and a contract ending soon shows on their home page."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from litestar.testing import TestClient

from logistics import clock
from logistics.accounts.roles import Role
from tests.factories import bearer, csrf_from, login, make_organisation, make_user


def _team(client: TestClient) -> tuple[int, dict[str, str]]:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    samir = make_user("samir.haddad", Role.AGENT, organisation)
    return samir, bearer(client, "claire.martin")


def test_the_api_reads_and_writes_the_whole_fiche_and_the_unavailabilities(
    client: TestClient,
) -> None:
    samir, headers = _team(client)
    fiche = {
        "driving_licence": True,
        "weekly_hours": 26,
        "team_role": "encadrant",
        "contract_end": "2027-05-31",
        "usual_days": [1, 2, 4],
        "usual_start": "08:30:00",
        "usual_end": "16:00:00",
        "experienced": True,
        "notes": "Chef d'équipe le mardi.",
    }

    saved = client.put(f"/api/v1/staff/{samir}", json=fiche, headers=headers)
    away = {"reason": "counsellor", "first_day": "2026-12-01", "weekday": 2}
    refused = client.post(f"/api/v1/staff/{samir}/unavailabilities", json=away, headers=headers)
    away |= {"start_time": "14:00:00", "end_time": "15:30:00"}
    added = client.post(f"/api/v1/staff/{samir}/unavailabilities", json=away, headers=headers)

    assert saved.status_code == 200, saved.text
    assert client.get(f"/api/v1/staff/{samir}", headers=headers).json() == {
        **fiche,
        "days_off": [],
        "contract_start": None,
        "load_restriction": False,
    }
    assert refused.status_code == 422 and "conseillère" in refused.json()["detail"]
    assert added.status_code == 201, added.text
    listed = client.get(f"/api/v1/staff/{samir}/unavailabilities", headers=headers).json()
    assert [a["description"] for a in listed] == [
        "rendez-vous avec la conseillère chaque mardi à partir du 01/12/2026 de 14:00 à 15:30"
    ]
    gone = client.delete(
        f"/api/v1/staff/{samir}/unavailabilities/{added.json()['id']}", headers=headers
    )
    assert gone.status_code == 204
    assert client.get(f"/api/v1/staff/{samir}/unavailabilities", headers=headers).json() == []


def test_the_fiche_form_refuses_in_french_and_the_home_page_warns_of_an_ending_contract(
    client: TestClient,
) -> None:
    samir, _ = _team(client)
    login(client, "claire.martin")
    url = f"/comptes/{samir}/fiche/"
    token = csrf_from(client.get(url).text)
    today = clock.today()
    wrong = {"_csrf_token": token, "weekly_hours": "26", "usual_start": "09:00"}

    refused = client.post(url, data=wrong)
    end = (today + timedelta(days=10)).isoformat()
    right = {"_csrf_token": token, "weekly_hours": "26", "contract_end": end, "usual_day_2": "2"}
    accepted = client.post(url, data=right, follow_redirects=False)
    home = client.get("/")

    assert refused.status_code == 422
    assert "Donnez l'heure habituelle d'arrivée et celle de départ" in unescape(refused.text)
    assert accepted.status_code in (302, 303), accepted.text
    assert "Fin de contrat" in home.text and "dans 10 jours" in home.text
    assert "Samir Haddad" in client.get("/personnel/").text.split("Fin de contrat")[1]

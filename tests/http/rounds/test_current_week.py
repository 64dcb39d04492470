"""Planning the week already under way: days gone are not planned, and a round of today leaving
at a time already past is pointed out and cannot be published until its departure is shifted;
a refusal shows the plan page again with its reason, not an error page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar.testing import TestClient

from logistics import clock
from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user
from tests.factories_rounds import MONDAY, make_donor, make_request, make_vehicle, set_depot
from tests.http.rounds.support import planned_page

WEDNESDAY_NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)  # 12:00 in Paris
"""The third day of the week of ``MONDAY``, after the depot has opened."""


def plan_this_week(client: TestClient, **request: Any) -> str:
    """Claire plans the week of MONDAY with one van and six requests; the plan page."""
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    vehicle = make_vehicle(organisation, "Camionnette Trafic")
    requests = [
        make_request(organisation, make_donor(organisation, f"Donateur {n}"), **request)
        for n in range(6)
    ]
    login(client, "claire.martin")
    form = client.get("/tournees/nouvelle", params={"semaine": MONDAY.isoformat()})
    assert "les jours déjà passés ne sont pas planifiés" in form.text
    assert "Premier jour planifié : mercredi 2 décembre 2026" in form.text
    planned = planned_page(client, form.text, [vehicle], requests)
    assert planned.status_code == 200, planned.text
    return planned.text


def test_the_current_week_is_planned_from_today_on(client: TestClient, quick_solver: None) -> None:
    with clock.frozen(WEDNESDAY_NOON):
        page = plan_this_week(client)

    days = set(re.findall(r"<h2>(\w+) (\d\d/\d\d) · Camionnette", page))
    assert days and {name for name, _ in days} <= {"Mercredi", "Jeudi", "Vendredi"}
    assert "Nouvelle tournée : lundi" not in page and "Nouvelle tournée : mardi" not in page
    technical = page.split('<details class="technical">', 1)[1].split("</details>", 1)[0]
    assert "GeoJSON" in technical and "GeoJSON" not in page.replace(technical, "")


def test_a_round_of_today_leaving_at_a_time_gone_is_pointed_out_and_not_published(
    client: TestClient, quick_solver: None
) -> None:
    early = WEDNESDAY_NOON - timedelta(hours=4)  # 8:00 in Paris: the plan starts today
    wednesday = MONDAY + timedelta(days=2)
    with clock.frozen(early):
        page = plan_this_week(client, wished_from=wednesday, wished_until=wednesday)
    today = re.search(r'id="tournee-(\d+)">\s*<h2>Mercredi', page)
    assert today, "the plan has a round today"
    plan_id = re.search(r"/tournees/(\d+)/publication", page).group(1)  # type: ignore[union-attr]

    with clock.frozen(WEDNESDAY_NOON):
        page = client.get(f"/tournees/{plan_id}").text
        assert "Cette tournée part aujourd'hui à" in page
        assert "heure déjà passée : changez son heure de départ avant de publier" in page
        refused = client.post(
            f"/tournees/{plan_id}/publication", data={"_csrf_token": csrf_from(page)}
        )
        assert refused.status_code == 409
        alert = re.search(r'<p class="alert" role="alert">([^<]*)</p>', refused.text)
        assert alert and "heure déjà passée : changez son heure de départ" in alert.group(1)
        assert f'action="/tournees/{plan_id}/publication"' in refused.text  # the plan page
        assert "Que faire ?" not in refused.text  # not the error page
        mistyped = client.post(
            f"/tournees/{plan_id}/depart/{today.group(1)}",
            data={"departure": "25:00", "_csrf_token": csrf_from(page)},
        )
        assert mistyped.status_code == 422 and "Que faire ?" not in mistyped.text
        assert f'action="/tournees/{plan_id}/publication"' in mistyped.text
        assert "brouillon" in client.get(f"/tournees/{plan_id}").text

        shifted = client.post(
            f"/tournees/{plan_id}/depart/{today.group(1)}",
            data={"departure": "13:00", "_csrf_token": csrf_from(page)},
            follow_redirects=True,
        )
        assert "heure déjà passée" not in shifted.text
        published = client.post(
            f"/tournees/{plan_id}/publication",
            data={"_csrf_token": csrf_from(page)},
            follow_redirects=True,
        )
    assert published.status_code == 200 and "publié" in published.text


def test_a_week_already_over_is_refused_in_words(client: TestClient, quick_solver: None) -> None:
    with clock.frozen(WEDNESDAY_NOON + timedelta(days=7)):
        organisation = make_organisation("RP")
        set_depot(organisation)
        make_user("claire.martin", Role.MANAGER, organisation)
        vehicle = make_vehicle(organisation, "Camionnette Trafic")
        request = make_request(organisation, make_donor(organisation, "Donateur"))
        login(client, "claire.martin")
        form = client.get("/tournees/nouvelle", params={"semaine": MONDAY.isoformat()})
        refused = client.post(
            "/tournees/",
            data={
                "week_start": MONDAY.isoformat(),
                f"vehicle_{vehicle}": "1",
                f"request_{request}": "1",
                "_csrf_token": csrf_from(form.text),
            },
        )
    assert "Cette semaine est déjà passée : choisissez une semaine à venir." in refused.text

"""The visits pages in French: list, booking form, a visit (move, cancel), the day and its print."""

from __future__ import annotations

from datetime import date, time

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from inventory.tables import Organisation
from logistics.accounts.roles import Role
from logistics.trainees.tables import PersonalDataAccess
from logistics.visits.tables import Visit, VisitStatus
from tests.factories import csrf_from, login, make_organisation, make_user, run
from tests.factories_trainees import make_ble, make_trainee, make_visit

THURSDAY = date(2026, 12, 10)


def post_form(client: TestClient, url: str, form_url: str, **fields: str) -> object:
    token = csrf_from(client.get(form_url).text)
    return client.post(url, data={**fields, "_csrf_token": token}, follow_redirects=False)


def test_booking_through_the_form_then_the_same_window_is_refused_naming_it(
    client: TestClient,
) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    login(client, "nadia.blanc")
    form = client.get(f"/visites/nouvelle?beneficiaire={durand}&date=2026-12-10")
    assert form.status_code == 200
    assert "Réserver une visite d'installation" in form.text
    assert f'<option value="{durand}" selected>' in form.text
    fields = {"installer_id": str(ble.installers[0]), "day": "2026-12-10", "window_start": "09:00"}
    booked = post_form(client, "/visites/", "/visites/nouvelle", trainee_id=str(durand), **fields)
    assert booked.status_code == 303 or booked.status_code == 302, booked.text
    assert "fait=visite" in booked.headers["location"]
    visit = client.get(booked.headers["location"])
    assert "Jeudi 10 décembre 2026, de 9 h à 11 h" in visit.text
    views = run(PersonalDataAccess.select().where(PersonalDataAccess.trainee == durand))
    assert [(v["user"], v["action"]) for v in views] == [(ble.installers[0], "view")]
    assert "Visite réservée." in visit.text

    refused = post_form(client, "/visites/", "/visites/nouvelle", trainee_id=str(martin), **fields)
    assert refused.status_code == 409
    assert (
        "Nadia Blanc a déjà une visite le jeudi 10 décembre de 9 h à 11 h chez F. Durand."
        in refused.text.replace("&#39;", "'")
    )
    assert f'<option value="{martin}" selected>' in refused.text  # the form keeps what was typed


def test_forms_never_answer_a_500(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = make_visit(ble, durand, THURSDAY)
    login(client, "nadia.blanc")
    bad = [
        {},
        {"trainee_id": "abc", "installer_id": "", "day": "demain", "window_start": "9h"},
        {
            "trainee_id": str(durand),
            "installer_id": "999999",
            "day": "2026-12-10",
            "window_start": "09:00",
        },
        {
            "trainee_id": "999999",
            "installer_id": str(ble.installers[0]),
            "day": "2026-12-10",
            "window_start": "09:00",
        },
        {
            "trainee_id": str(durand),
            "installer_id": str(ble.installers[0]),
            "day": "2020-01-01",
            "window_start": "23:00",
            "address": "x" * 400,
        },
    ]
    for fields in bad:
        response = post_form(client, "/visites/", "/visites/nouvelle", **fields)
        assert 400 <= response.status_code < 500, (fields, response.status_code)
        assert "Réserver" in response.text or "Introuvable" in response.text
    detail = f"/visites/{visit}"
    for fields in (
        {"day": "x", "window_start": "y"},
        {"installer_id": "0"},
        {"window_start": "06:00"},
        {"day": "2020-01-01"},
    ):
        response = post_form(client, f"{detail}/deplacer", detail, **fields)
        assert 400 <= response.status_code < 500, (fields, response.status_code)
    long = post_form(client, f"{detail}/annuler", detail, reason="x" * 3000)
    assert long.status_code == 422
    assert client.get("/visites?date=hier").status_code == 400
    assert client.get("/visites/journee?installateur=abc").status_code == 400
    assert client.get("/visites/999999").status_code == 404


def test_moving_and_cancelling_from_the_visit_page(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = make_visit(ble, durand, THURSDAY)
    login(client, "nadia.blanc")
    detail = f"/visites/{visit}"
    moved = post_form(
        client,
        f"{detail}/deplacer",
        detail,
        day="2026-12-11",
        window_start="14:00",
        installer_id=str(ble.installers[1]),
        address="3 rue de Boigne",
        postcode="",
        city="",
    )
    assert moved.status_code in (302, 303), moved.text
    row = run(Visit.select().where(Visit.id == visit).first())
    assert (row["day"], row["window_start"], row["installer"]) == (
        date(2026, 12, 11),
        time(14),
        ble.installers[1],
    )
    assert (row["address"], row["city"], row["latitude"]) == ("3 rue de Boigne", "Chambéry", None)
    cancelled = post_form(client, f"{detail}/annuler", detail, reason="Déménagement")
    assert cancelled.status_code in (302, 303)
    page = client.get(cancelled.headers["location"]).text
    assert "annulée · Déménagement" in page
    assert "Déplacer la visite" not in page
    assert run(Visit.select().where(Visit.id == visit).first())["status"] == VisitStatus.CANCELLED


def test_the_list_by_day_and_staff_member_and_the_printable_day(client: TestClient) -> None:
    ble = make_ble()
    run(
        Organisation.update(
            {
                Organisation.depot_address: "67 rue Nicolas Parent, Chambéry",
                Organisation.depot_latitude: 45.5667,
                Organisation.depot_longitude: 5.9333,
            }
        ).where(Organisation.id == ble.organisation)
    )
    durand = make_trainee(ble.organisation)
    martin = make_trainee(
        ble.organisation, "Martin", first_name="Jean", latitude=45.6, longitude=5.88
    )
    make_visit(ble, durand, THURSDAY, time(9))
    make_visit(ble, martin, THURSDAY, time(14))
    make_visit(ble, martin, THURSDAY, time(10), installer=ble.installers[1])
    login(client, "nadia.blanc")
    listing = client.get("/visites").text
    assert "Jeudi 10 décembre 2026" in listing
    assert listing.index("Nadia Blanc") < listing.index("Yanis Roux")
    assert "de 14 h à 16 h" in listing
    only_yanis = client.get(f"/visites?date=2026-12-10&installateur={ble.installers[1]}").text
    assert "F. Durand" not in only_yanis and "J. Martin" in only_yanis

    day = client.get(f"/visites/journee?date=2026-12-10&installateur={ble.installers[0]}")
    assert day.status_code == 200
    text = day.text
    assert "Départ de 67 rue Nicolas Parent, Chambéry" in text
    assert text.index("Fatima Durand") < text.index("Jean Martin")
    assert 'href="geo:45.600000,5.880000?q=45.600000,5.880000(J.%20Martin)"' in text
    assert "openstreetmap.org/directions?engine=fossgis_osrm_car&amp;route=" in text
    assert 'onclick="window.print()"' in text and 'class="sheet"' in text
    mine = client.get("/visites/journee?date=2026-12-10")  # an installer opens on their own day
    assert "Visites du jeudi 10 décembre 2026 · Nadia Blanc" in mine.text


def test_collecting_staff_get_no_visit_page(client: TestClient) -> None:
    ble = make_ble()
    visit = make_visit(ble, make_trainee(ble.organisation), THURSDAY)
    collecting = make_organisation("RP", OrganisationKind.COLLECTING, "Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    login(client, "claire.martin")
    for url in ("/visites", "/visites/nouvelle", f"/visites/{visit}", "/visites/journee"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Durand" not in response.text

"""BLÉ's staff on the pages: a trainee's file (logged), cycles, the register ticked over HTTP,
forms refused in French; other associations and collecting staff meet 404 or 403."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics import clock
from logistics.accounts.roles import Role
from logistics.trainees.tables import Attendance, PersonalDataAccess
from tests.factories import csrf_from, login, make_organisation, make_user, run
from tests.factories_trainees import make_ble, make_cycle, make_trainee

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with clock.frozen(NOW):
        yield


def post(client: TestClient, page: str, action: str, data: dict[str, str]) -> object:
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**data, "_csrf_token": token}, follow_redirects=False)


def test_an_installer_registers_a_trainee_and_each_opening_of_the_file_is_logged(
    client: TestClient,
) -> None:
    make_ble()
    login(client, "nadia.blanc")

    created = post(
        client,
        "/beneficiaires/nouveau",
        "/beneficiaires/",
        {
            "first_name": "Fatima",
            "last_name": "Durand",
            "phone": "06 12 34 56 78",
            "address": "12 rue du Pré de l'Âne",
            "postcode": "73000",
            "city": "Chambéry",
            "neighbourhood": "hauts_de_chambery",
            "prescriber": "ccas",
            "internet_at_home": "box",
            "device_wanted": "laptop",
            "consent_sms": "1",
        },
    )
    assert created.status_code == 302, created.text  # type: ignore[attr-defined]
    file_page = created.headers["location"]  # type: ignore[attr-defined]
    first = client.get(file_page)
    second = client.get(file_page)

    assert "Bénéficiaire enregistré(e)." in first.text
    assert "Inscrit(e) à aucun cycle pour l&#39;instant." in second.text
    assert "accepte les SMS depuis le 4 décembre 2026" in second.text
    assert second.text.count("Consultation de la fiche") == 2
    assert "Nadia Blanc" in second.text
    assert run(PersonalDataAccess.count()) == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"last_name": ""}, "last_name", "obligatoire"),
        ({"consent_on": "31/02/2026"}, "consent_on", "saisissez une date (jj/mm/aaaa)"),
        ({"internet_at_home": "fibre"}, "internet_at_home", "choisissez une valeur de la liste"),
    ],
)
def test_a_form_that_does_not_fit_comes_back_in_french_beside_the_field(
    client: TestClient, change: dict[str, str], field: str, message: str
) -> None:
    make_ble()
    login(client, "nadia.blanc")
    data = {"first_name": "Fatima", "last_name": "Durand", **change}

    refused = post(client, "/beneficiaires/nouveau", "/beneficiaires/", data)

    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert f'id="{field}-error">{message}</p>' in refused.text  # type: ignore[attr-defined]


def test_a_rule_broken_shows_the_form_again_with_the_reason(client: TestClient) -> None:
    make_ble()
    login(client, "nadia.blanc")
    data = {"first_name": "Fatima", "last_name": "Durand", "consent_email": "1"}

    refused = post(client, "/beneficiaires/nouveau", "/beneficiaires/", data)

    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "il faut une adresse de courriel" in refused.text  # type: ignore[attr-defined]
    assert 'value="Durand"' in refused.text  # type: ignore[attr-defined]


def test_a_cycle_is_planned_its_register_ticked_on_the_page_and_a_full_cycle_refuses(
    client: TestClient,
) -> None:
    ble = make_ble()
    trainees = [make_trainee(ble.organisation, name) for name in ("Durand", "Martin", "Petit")]
    login(client, "nadia.blanc")

    created = post(
        client,
        "/cycles/nouveau",
        "/cycles/",
        {
            "name": "Hiver 2027",
            "place": "BLÉ",
            "starts_on": "2027-01-04",
            "ends_on": "2027-03-15",
            "modules": "11",
            "places": "2",
            "weekly_sessions": "1",
            "session_starts_at": "9:30",
            "session_ends_at": "11:30",
        },
    )
    cycle_page = created.headers["location"].split("?")[0]  # type: ignore[attr-defined]
    cycle_id = cycle_page.rsplit("/", 1)[1]
    for trainee in trainees[:2]:
        post(client, cycle_page, f"/cycles/{cycle_id}/inscriptions", {"trainee_id": str(trainee)})
    full = post(
        client, cycle_page, f"/cycles/{cycle_id}/inscriptions", {"trainee_id": str(trainees[2])}
    )
    detail = client.get(cycle_page).text
    first_session = detail.split(f'href="/cycles/{cycle_id}/seances/', 1)[1].split('"', 1)[0]
    register = f"/cycles/{cycle_id}/seances/{first_session}"
    ticked = post(client, register, register, {f"present_{trainees[0]}": "1"})
    sheet = client.get(ticked.headers["location"])  # type: ignore[attr-defined]

    assert full.status_code == 409  # type: ignore[attr-defined]
    assert "« Hiver 2027 » est complet (2 places)" in full.text  # type: ignore[attr-defined]
    assert "lundi 4 janvier 2027" in detail and "09:30 – 11:30" in detail
    assert "Émargement enregistré." in sheet.text
    assert sheet.text.count(" checked>") == 1
    assert "1 présent sur 2." in sheet.text
    marks = run(Attendance.select(Attendance.trainee, Attendance.present))
    assert sorted((m["trainee"], m["present"]) for m in marks) == [
        (trainees[0], True),
        (trainees[1], False),
    ]


def test_a_finished_cycle_shows_each_trainee_s_eligibility_and_the_waiting_list(
    client: TestClient,
) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation, "Durand")
    martin = make_trainee(ble.organisation, "Martin")
    cycle = make_cycle(ble.organisation, {durand: 9, martin: 6})
    login(client, "nadia.blanc")

    detail = client.get(f"/cycles/{cycle}").text
    waiting = client.get("/beneficiaires/liste-attente").text
    eligible_only = client.get("/beneficiaires?eligibilite=eligible").text

    assert "6 séances suivies sur 11, il en faut 8." in detail
    assert "Fatima Durand" in waiting and "Martin" not in waiting
    assert "cycle « Cycle d&#39;automne » terminé le 20 novembre 2026" in waiting
    assert "Durand" in eligible_only and "Martin" not in eligible_only


def test_another_association_gets_404_and_collecting_staff_403(client: TestClient) -> None:
    ble = make_ble()
    trainee = make_trainee(ble.organisation)
    cycle = make_cycle(ble.organisation, {trainee: 9})
    other = make_organisation("ALI", OrganisationKind.INSTALLING)
    make_user("autre.installateur", Role.INSTALLER, other)
    collecting = make_organisation("RP")
    for name, role in (("claire.martin", Role.MANAGER), ("karim.benali", Role.AGENT)):
        make_user(name, role, collecting)
    make_user(
        "thomas.perrin",
        Role.RECONDITIONER,
        make_organisation("TRI", OrganisationKind.RECONDITIONER),
    )

    login(client, "autre.installateur")
    assert client.get(f"/beneficiaires/{trainee}").status_code == 404
    assert client.get(f"/cycles/{cycle}").status_code == 404
    assert "Durand" not in client.get("/beneficiaires").text
    for name in ("claire.martin", "karim.benali", "thomas.perrin"):
        client.cookies.clear()
        login(client, name)
        for page in ("/beneficiaires", f"/beneficiaires/{trainee}", "/cycles", f"/cycles/{cycle}"):
            answer = client.get(page)
            assert answer.status_code == 403, (name, page)
            assert "Durand" not in answer.text
    assert run(PersonalDataAccess.count()) == 0


def test_a_cycle_is_changed_and_a_session_moved_on_the_pages_with_refusals_in_french(
    client: TestClient,
) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation, "Durand")
    cycle = make_cycle(ble.organisation, {durand: 1})
    login(client, "nadia.blanc")
    edit = f"/cycles/{cycle}/modifier"
    fields = {"starts_on": "2026-09-04", "modules": "11", "places": "10", "place": "BLÉ"}

    renamed = post(client, edit, edit, {**fields, "name": "Automne 2026", "ends_on": "2026-11-20"})
    too_short = post(client, edit, edit, {**fields, "name": "Court", "ends_on": "2026-10-01"})
    detail = client.get(f"/cycles/{cycle}").text
    session = detail.split(f'href="/cycles/{cycle}/seances/', 1)[1].split('"', 1)[0]
    register = f"/cycles/{cycle}/seances/{session}"
    move = {"module": "1", "starts_at": "09:30", "ends_at": "11:30", "place": ""}
    moved = post(client, register, f"{register}/deplacer", {**move, "day": "2026-09-08"})
    sheet = client.get(moved.headers["location"]).text  # type: ignore[attr-defined]
    outside = post(client, register, f"{register}/deplacer", {**move, "day": "2026-12-01"})

    assert renamed.status_code == 302 and "Automne 2026" in detail  # type: ignore[attr-defined]
    assert too_short.status_code == 409  # type: ignore[attr-defined]
    assert "Des séances tombent hors de ces dates" in too_short.text  # type: ignore[attr-defined]
    assert "Séance déplacée ; son émargement la suit." in sheet
    assert "mardi 8 septembre 2026, 09:30 – 11:30 · BLÉ" in sheet
    assert sheet.count(" checked>") == 1  # Durand's mark came along
    assert outside.status_code == 422  # type: ignore[attr-defined]
    assert "pendant le cycle, du 4 septembre 2026 au 20 novembre 2026" in outside.text  # type: ignore[attr-defined]
    assert 'value="2026-12-01"' in outside.text  # type: ignore[attr-defined]

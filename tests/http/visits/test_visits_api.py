"""The visits API: book (409 naming the clash), filter, move, cancel, the day in travel order."""

from __future__ import annotations

from datetime import date, time

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from inventory.tables import Organisation
from logistics.accounts.roles import Role
from logistics.visits.tables import VisitStatus
from tests.factories import bearer, make_organisation, make_user, run
from tests.factories_trainees import make_ble, make_trainee, make_visit

THURSDAY = "2026-12-10"


def booking(trainee: int, installer: int, start: str = "09:00:00", **extra: object) -> dict:
    return {
        "trainee_id": trainee,
        "installer_id": installer,
        "day": THURSDAY,
        "window_start": start,
        **extra,
    }


def test_double_booking_is_a_409_naming_the_clash(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    auth = bearer(client, "nadia.blanc")
    first = client.post("/api/v1/visits", json=booking(durand, ble.installers[0]), headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["window_end"] == "11:00:00"
    assert first.json()["address"] == "12 rue du Pré de l'Âne"

    clash = client.post("/api/v1/visits", json=booking(martin, ble.installers[0]), headers=auth)
    assert clash.status_code == 409
    assert clash.headers["content-type"].startswith("application/problem+json")
    assert clash.json()["detail"] == (
        "Nadia Blanc a déjà une visite le jeudi 10 décembre de 9 h à 11 h chez F. Durand."
    )
    other = client.post("/api/v1/visits", json=booking(martin, ble.installers[1]), headers=auth)
    assert other.status_code == 201


def test_bad_input_is_refused_in_french_never_a_500(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    auth = bearer(client, "nadia.blanc")
    cases = [
        ({"trainee_id": durand}, 400),
        (booking(durand, ble.installers[0], "25:00:00"), 400),
        (booking(durand, ble.installers[0], "06:00:00"), 422),
        (booking(durand, ble.installers[0], day="2026-11-30"), 422),
        (booking(durand, 999_999), 422),
        (booking(999_999, ble.installers[0]), 404),
        (booking(durand, ble.installers[0], latitude=200), 400),
        (booking(durand, ble.installers[0], colour="bleu"), 400),
    ]
    for body, status in cases:
        response = client.post("/api/v1/visits", json=body, headers=auth)
        assert response.status_code == status, (body, response.text)


def test_the_list_filters_by_date_installer_and_status(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    a = make_visit(ble, durand, date(2026, 12, 10), time(14))
    b = make_visit(ble, durand, date(2026, 12, 10), time(9), installer=ble.installers[1])
    c = make_visit(ble, durand, date(2026, 12, 11), status=VisitStatus.CANCELLED)
    auth = bearer(client, "nadia.blanc")

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/visits{query}", headers=auth)
        assert response.status_code == 200, response.text
        return [v["id"] for v in response.json()]

    assert ids("") == [b, a, c]
    assert ids(f"?date={THURSDAY}") == [b, a]
    assert ids(f"?installer={ble.installers[0]}") == [a, c]
    assert ids(f"?date={THURSDAY}&installer={ble.installers[1]}") == [b]
    assert ids("?status=cancelled") == [c]
    assert client.get("/api/v1/visits?date=demain", headers=auth).status_code == 400
    one = client.get(f"/api/v1/visits/{a}", headers=auth).json()
    assert (one["trainee_name"], one["status_label"]) == ("F. Durand", "prévue")


def test_patch_moves_then_cancels_a_visit(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    visit = make_visit(ble, durand, date(2026, 12, 10), time(9))
    make_visit(ble, martin, date(2026, 12, 10), time(14))
    auth = bearer(client, "nadia.blanc")
    url = f"/api/v1/visits/{visit}"

    moved = client.patch(url, json={"window_start": "10:30:00"}, headers=auth)
    assert moved.status_code == 200, moved.text
    assert moved.json()["window_end"] == "12:30:00"
    clash = client.patch(url, json={"window_start": "14:00:00"}, headers=auth)
    assert clash.status_code == 409
    assert "de 14 h à 16 h chez J. Martin" in clash.json()["detail"]
    cancelled = client.patch(
        url, json={"status": "cancelled", "reason": "Hospitalisée"}, headers=auth
    )
    assert cancelled.json()["status"] == "cancelled"
    again = client.patch(url, json={"window_start": "09:00:00"}, headers=auth)
    assert again.status_code == 409


def test_the_day_comes_in_travel_order_with_times(client: TestClient) -> None:
    ble = make_ble()
    run(
        Organisation.update(
            {Organisation.depot_latitude: 45.5667, Organisation.depot_longitude: 5.9333}
        ).where(Organisation.id == ble.organisation)
    )
    far = make_trainee(ble.organisation, "Loin", latitude=45.62, longitude=5.87)
    near = make_trainee(ble.organisation, "Proche", latitude=45.57, longitude=5.93)
    make_visit(ble, far, date(2026, 12, 10), time(14))
    make_visit(ble, near, date(2026, 12, 10), time(9))
    auth = bearer(client, "nadia.blanc")
    day = client.get(
        f"/api/v1/visits/day?installer={ble.installers[0]}&date={THURSDAY}", headers=auth
    )
    assert day.status_code == 200, day.text
    stops = day.json()["stops"]
    assert [s["visit"]["trainee_name"] for s in stops] == ["F. Proche", "F. Loin"]
    assert stops[0]["arrival"] == "09:00:00"
    assert stops[1]["geo_uri"].startswith("geo:45.620000,5.870000")


def test_only_the_installing_association_reads_visits(client: TestClient) -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = make_visit(ble, durand, date(2026, 12, 10))
    collecting = make_organisation("RP", OrganisationKind.COLLECTING, "Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    make_user("karim.agent", Role.AGENT, collecting)
    elsewhere = make_organisation("AUT", OrganisationKind.INSTALLING, "Autre association")
    make_user("paul.autre", Role.INSTALLER, elsewhere)
    for who in ("claire.martin", "karim.agent"):
        auth = bearer(client, who)
        assert client.get("/api/v1/visits", headers=auth).status_code == 403
        assert client.get(f"/api/v1/visits/{visit}", headers=auth).status_code == 403
    auth = bearer(client, "paul.autre")
    assert client.get("/api/v1/visits", headers=auth).json() == []
    assert client.get(f"/api/v1/visits/{visit}", headers=auth).status_code == 404
    patch = client.patch(f"/api/v1/visits/{visit}", json={"status": "cancelled"}, headers=auth)
    assert patch.status_code == 404


def test_the_visits_are_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/api/v1/schema/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/visits"])
    assert {"get", "patch"} <= set(paths["/api/v1/visits/{visit_id}"])
    assert "get" in paths["/api/v1/visits/day"]

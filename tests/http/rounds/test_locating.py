"""Donors are located through BAN, then Nominatim, with a cache; otherwise placed by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from logistics.accounts.roles import Role
from logistics.settings import get_settings
from tests.factories import bearer, csrf_from, free_port, login, make_organisation, make_user
from tests.factories_rounds import make_donor
from tests.unit.routes.geoservers import FakeService, serving

PALAIS = ("Place du Palais de Justice", "73000", "Chambéry")
HAMLET = ("Lieu-dit Les Granges", "73230", "Saint-Alban-Leysse")
NOWHERE = ("Chemin inconnu", "73000", "Chambéry")


def address(parts: tuple[str, str, str]) -> dict[str, str]:
    return {"address": parts[0], "postcode": parts[1], "city": parts[2]}


def use_services(monkeypatch: pytest.MonkeyPatch, ban: str, nominatim: str) -> None:
    monkeypatch.setenv("GEOCODER_BAN_URL", f"http://{ban}")
    monkeypatch.setenv("GEOCODER_NOMINATIM_URL", f"http://{nominatim}")
    monkeypatch.setenv("GEOCODER_BAN_MIN_DELAY_S", "0")
    monkeypatch.setenv("GEOCODER_NOMINATIM_MIN_DELAY_S", "0")
    monkeypatch.setenv("GEOCODER_TIMEOUT_S", "2")
    get_settings.cache_clear()


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeService, FakeService]]:
    ban = FakeService(known={" ".join(PALAIS): (45.5651, 5.9213, " ".join(PALAIS), 0.93)})
    nominatim = FakeService(known={" ".join(HAMLET): (45.5901, 5.9712, "Les Granges", 0)})
    with serving(ban, "ban"), serving(nominatim, "nominatim"):
        use_services(monkeypatch, ban.domain, nominatim.domain)
        yield ban, nominatim
    get_settings.cache_clear()


def a_manager(client: TestClient) -> tuple[int, dict[str, str]]:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    return organisation, bearer(client, "claire.martin")


def no_point(name: str, parts: tuple[str, str, str], organisation: int) -> int:
    return make_donor(
        organisation,
        name,
        latitude=None,
        longitude=None,
        geocoding_status="pending",
        **address(parts),
    )


def test_geocoding_asks_ban_then_nominatim_and_caches_the_answers(
    client: TestClient, services: tuple[FakeService, FakeService]
) -> None:
    ban, nominatim = services
    organisation, headers = a_manager(client)
    palais = no_point("Palais de justice", PALAIS, organisation)
    hamlet = no_point("Ferme des Granges", HAMLET, organisation)
    lost = no_point("Inconnu", NOWHERE, organisation)

    counts = client.post("/api/v1/donor-locations/geocode-pending", headers=headers).json()
    again = client.post(f"/api/v1/donor-locations/{palais}/geocode", headers=headers).json()

    assert counts == {"pending": 0, "located": 2, "not_located": 1, "manual": 0}
    assert again["geocoding_status"] == "located" and again["latitude"] == pytest.approx(45.5651)
    assert ban.queries.count(" ".join(PALAIS)) == 1  # the second look-up came from the cache
    assert nominatim.queries == [" ".join(HAMLET), " ".join(NOWHERE)]
    hamlet_row = client.get("/api/v1/donor-locations/", headers=headers).json()
    assert {r["id"]: r["geocoding_status"] for r in hamlet_row}[hamlet] == "located"
    assert {r["id"]: r["geocoding_status"] for r in hamlet_row}[lost] == "not_located"


def test_without_network_a_donor_is_not_located_then_placed_by_hand(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    use_services(monkeypatch, f"127.0.0.1:{port}", f"127.0.0.1:{port}")
    organisation, headers = a_manager(client)
    donor = no_point("Palais de justice", PALAIS, organisation)
    try:
        tried = client.post(f"/api/v1/donor-locations/{donor}/geocode", headers=headers)
        placed = client.put(
            f"/api/v1/donor-locations/{donor}",
            json={"latitude": 45.5651, "longitude": 5.9213},
            headers=headers,
        )
        refused = client.put(
            f"/api/v1/donor-locations/{donor}",
            json={"latitude": 145.0, "longitude": 5.9},
            headers=headers,
        )
    finally:
        get_settings.cache_clear()

    assert tried.status_code == 201 and tried.json()["geocoding_status"] == "not_located"
    assert placed.status_code == 200 and placed.json()["geocoding_status"] == "manual"
    assert placed.json()["latitude"] == pytest.approx(45.5651)
    assert refused.status_code == 400


def test_a_manager_places_a_donor_from_the_localisation_page(client: TestClient) -> None:
    organisation, _ = a_manager(client)
    donor = no_point("Palais de justice", PALAIS, organisation)
    login(client, "claire.martin")
    page = client.get("/tournees/localisation")

    saved = client.post(
        f"/tournees/localisation/{donor}",
        data={"latitude": "45,5651", "longitude": "5,9213", "_csrf_token": csrf_from(page.text)},
        follow_redirects=True,
    )

    assert page.status_code == 200 and "<svg" in page.text
    assert saved.status_code == 200 and "placée à la main" in saved.text

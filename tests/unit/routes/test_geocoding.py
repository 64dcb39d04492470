"""Geocoding: BAN first, Nominatim when BAN has nothing, a cache, and never an exception."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from routes.geocoding import (
    Geocoder,
    GeocodeStatus,
    GeocodingSettings,
    MemoryGeocodeCache,
    normalise_address,
)
from tests.factories import free_port
from tests.unit.routes.geoservers import FakeService, serving

PALAIS = "Place du Palais de Justice 73000 Chambéry"
Services = tuple[FakeService, FakeService]
HAMLET = "Lieu-dit Les Granges 73230 Saint-Alban-Leysse"


@pytest.fixture
def services() -> Iterator[Services]:
    ban = FakeService(
        known={PALAIS: (45.5651, 5.9213, "Place du Palais de Justice 73000 Chambéry", 0.93)}
    )
    nominatim = FakeService(known={HAMLET: (45.5901, 5.9712, "Les Granges, Saint-Alban-Leysse", 0)})
    with serving(ban, "ban"), serving(nominatim, "nominatim"):
        yield ban, nominatim


def settings_for(ban_domain: str, nominatim_domain: str) -> GeocodingSettings:
    return GeocodingSettings(
        ban_domain=ban_domain,
        ban_scheme="http",
        ban_min_delay_s=0.0,
        nominatim_domain=nominatim_domain,
        nominatim_scheme="http",
        nominatim_min_delay_s=0.0,
        timeout_s=2.0,
        max_retries=0,
    )


def test_an_address_known_to_ban_is_located_by_ban(
    services: tuple[FakeService, FakeService],
) -> None:
    ban, nominatim = services
    geocoder = Geocoder(settings_for(ban.domain, nominatim.domain), MemoryGeocodeCache())

    result = geocoder.locate(PALAIS)

    assert (result.status, result.source) == (GeocodeStatus.LOCATED, "ban")
    assert (result.lat, result.lon) == pytest.approx((45.5651, 5.9213))
    assert result.label == PALAIS
    assert nominatim.queries == []


def test_an_address_ban_does_not_know_falls_back_to_nominatim(
    services: tuple[FakeService, FakeService],
) -> None:
    ban, nominatim = services
    geocoder = Geocoder(settings_for(ban.domain, nominatim.domain), MemoryGeocodeCache())

    result = geocoder.locate(HAMLET)

    assert (result.status, result.source) == (GeocodeStatus.LOCATED, "nominatim")
    assert (result.lat, result.lon) == pytest.approx((45.5901, 5.9712))
    assert ban.queries == [HAMLET] and nominatim.queries == [HAMLET]


def test_a_low_ban_score_is_a_guess_and_falls_back(
    services: tuple[FakeService, FakeService],
) -> None:
    ban, nominatim = services
    ban.known[HAMLET] = (45.0, 5.0, "Somewhere else", 0.21)
    geocoder = Geocoder(settings_for(ban.domain, nominatim.domain), MemoryGeocodeCache())

    assert geocoder.locate(HAMLET).source == "nominatim"


def test_answers_are_cached_under_the_normalised_address(
    services: tuple[FakeService, FakeService],
) -> None:
    ban, nominatim = services
    geocoder = Geocoder(settings_for(ban.domain, nominatim.domain), MemoryGeocodeCache())

    first = geocoder.locate(HAMLET)
    again = geocoder.locate("  lieu-dit les granges, 73230 SAINT-ALBAN-LEYSSE ")
    nowhere = geocoder.locate("1 rue Inconnue 99999 Nulle-Part")
    nowhere_again = geocoder.locate("1 rue inconnue 99999 nulle part")

    assert again == first
    assert nowhere.status is nowhere_again.status is GeocodeStatus.NOT_LOCATED
    assert len(ban.queries) == len(nominatim.queries) == 2


def test_without_network_the_address_is_not_located_and_asked_again_later() -> None:
    port = free_port()
    cache = MemoryGeocodeCache()
    geocoder = Geocoder(settings_for(f"127.0.0.1:{port}", f"127.0.0.1:{port}"), cache)

    result = geocoder.locate(PALAIS)

    assert result.status is GeocodeStatus.NOT_LOCATED
    assert cache.get(normalise_address(PALAIS)) is None


def test_a_point_placed_by_hand_is_remembered() -> None:
    port = free_port()
    geocoder = Geocoder(
        settings_for(f"127.0.0.1:{port}", f"127.0.0.1:{port}"), MemoryGeocodeCache()
    )

    geocoder.place_by_hand(HAMLET, 45.59, 5.97)

    result = geocoder.locate(HAMLET)
    assert (result.status, result.lat, result.lon) == (GeocodeStatus.MANUAL, 45.59, 5.97)


def test_addresses_differing_in_case_accents_and_punctuation_share_a_key() -> None:
    assert normalise_address("12, Rue de la RÉPUBLIQUE  73000 Chambéry") == normalise_address(
        "12 rue de la republique 73000 chambery"
    )

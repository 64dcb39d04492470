"""The geocoding cache kept in the database survives the geocoder and updates in place."""

from __future__ import annotations

from routes.geocode_cache import DatabaseGeocodeCache
from routes.geocoding import NOT_LOCATED, GeocodeResult, GeocodeStatus, normalise_address
from routes.tables import GeocodeCacheEntry

KEY = normalise_address("Place du Palais de Justice 73000 Chambéry")


def test_a_located_address_is_read_back_from_the_database(db: None) -> None:
    located = GeocodeResult(GeocodeStatus.LOCATED, 45.5651, 5.9213, "Palais de justice", "ban")

    DatabaseGeocodeCache().put(KEY, located)

    assert DatabaseGeocodeCache().get(KEY) == located
    assert DatabaseGeocodeCache().get("une autre adresse") is None


def test_a_manual_placement_replaces_a_not_located_answer(db: None) -> None:
    cache = DatabaseGeocodeCache()
    cache.put(KEY, NOT_LOCATED)

    cache.put(KEY, GeocodeResult.manual(45.56, 5.92, "placé à la main"))

    assert cache.get(KEY) == GeocodeResult.manual(45.56, 5.92, "placé à la main")
    assert GeocodeCacheEntry.count().run_sync() == 1

"""The geocoding cache kept in the database, shared by every process of the app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from piccolo.columns import Column

from routes.geocoding import GeocodeResult, GeocodeStatus
from routes.tables import GeocodeCacheEntry


class DatabaseGeocodeCache:
    """:class:`~routes.geocoding.GeocodeCache` on the ``geocode_cache_entry`` table.

    Synchronous like geopy: the app calls the geocoder from a worker thread, never from the
    event loop.
    """

    def get(self, key: str) -> GeocodeResult | None:
        row = (
            GeocodeCacheEntry.select()
            .where(GeocodeCacheEntry.address_key == key)
            .first()
            .run_sync()
        )
        if row is None:
            return None
        return GeocodeResult(
            status=GeocodeStatus(row["status"]),
            lat=row["latitude"],
            lon=row["longitude"],
            label=row["label"],
            source=row["source"],
        )

    def put(self, key: str, result: GeocodeResult) -> None:
        values: dict[Column, Any] = {
            GeocodeCacheEntry.status: result.status.value,
            GeocodeCacheEntry.latitude: result.lat,
            GeocodeCacheEntry.longitude: result.lon,
            GeocodeCacheEntry.label: result.label,
            GeocodeCacheEntry.source: result.source,
            GeocodeCacheEntry.updated_at: datetime.now(UTC),
        }
        GeocodeCacheEntry.insert(
            GeocodeCacheEntry({GeocodeCacheEntry.address_key: key, **values})
        ).on_conflict(
            target=GeocodeCacheEntry.address_key, action="DO UPDATE", values=list(values)
        ).run_sync()

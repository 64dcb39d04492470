"""Locate donors on the map: geocode their address, or take the point the manager placed.

geopy is synchronous, so the geocoder runs in a worker thread with the database cache; without
network or without a match the donor is "not located" and planning simply leaves them out
until the manager places the point by hand.
"""

from __future__ import annotations

import asyncio
from typing import Any

from inventory.donor_rules import check_coordinates
from inventory.errors import NotFound
from inventory.history import Circumstances
from inventory.parties import GeocodingStatus
from inventory.scope import Scope
from inventory.services import donors
from inventory.tables import Donor, Organisation
from logistics.settings import get_settings
from routes.geocode_cache import DatabaseGeocodeCache
from routes.geocoding import Geocoder, GeocodeStatus
from routes.model import Point

TO_LOCATE = (GeocodingStatus.PENDING, GeocodingStatus.NOT_LOCATED)


def full_address(donor: dict[str, Any]) -> str:
    return " ".join(p for p in (donor["address"], donor["postcode"], donor["city"]) if p).strip()


def geocoder() -> Geocoder:
    """The configured geocoder with the database cache (for donors and the depot alike)."""
    return Geocoder(get_settings().rounds.geocoding(), DatabaseGeocodeCache())


async def _donor(scope: Scope, donor_id: int) -> dict[str, Any]:
    donor = await Donor.select().where(Donor.id == donor_id).first()
    if donor is None:
        raise NotFound("Donateur introuvable.")
    scope.check_write(donor["organisation"], "Donateur")
    return donor


async def geocode_donor(
    scope: Scope, donor_id: int, circumstances: Circumstances
) -> GeocodingStatus:
    """Look the donor's address up (cache, BAN, then Nominatim); never fails on the network."""
    donor = await _donor(scope, donor_id)
    found = await asyncio.to_thread(geocoder().locate, full_address(donor))
    if found.status is GeocodeStatus.NOT_LOCATED:
        status, lat, lon = GeocodingStatus.NOT_LOCATED, None, None
    else:
        status = GeocodingStatus(found.status.value)
        lat, lon = found.lat, found.lon
    await donors.set_location(scope, donor["id"], lat, lon, status, circumstances, found.source)
    return status


async def place_donor(
    scope: Scope, donor_id: int, lat: float, lon: float, circumstances: Circumstances
) -> None:
    """The manager's placement (typed in or clicked on the map); remembered for the address."""
    check_coordinates(lat, lon)
    donor = await _donor(scope, donor_id)
    address = full_address(donor)
    if address:
        await asyncio.to_thread(geocoder().place_by_hand, address, lat, lon)
    await donors.set_location(scope, donor_id, lat, lon, GeocodingStatus.MANUAL, circumstances)


async def geocode_pending(scope: Scope, circumstances: Circumstances) -> dict[str, int]:
    """Try every donor still to locate; returns how many ended in each status."""
    rows = await Donor.select(Donor.id).where(
        Donor.organisation == scope.organisation_id,
        Donor.geocoding_status == GeocodingStatus.PENDING,
    )
    counts = {status.value: 0 for status in GeocodingStatus}
    for row in rows:
        counts[(await geocode_donor(scope, row["id"], circumstances)).value] += 1
    return counts


LOCATION_COLUMNS = (
    Donor.id,
    Donor.name,
    Donor.address,
    Donor.postcode,
    Donor.city,
    Donor.latitude,
    Donor.longitude,
    Donor.geocoding_status,
)


async def donors_to_place(scope: Scope) -> list[dict[str, Any]]:
    """The association's active donors, those still to locate first."""
    rows = (
        await Donor.select(*LOCATION_COLUMNS)
        .where(
            scope.readable_where(Donor.organisation),
            Donor.organisation == scope.organisation_id,
            Donor.active == True,  # noqa: E712 (a Piccolo expression)
        )
        .order_by(Donor.name)
    )
    return sorted(rows, key=lambda r: r["geocoding_status"] not in TO_LOCATE)


async def donor_location(scope: Scope, donor_id: int) -> dict[str, Any]:
    row = await (
        Donor.select(*LOCATION_COLUMNS)
        .where(Donor.id == donor_id, scope.readable_where(Donor.organisation))
        .first()
    )
    if row is None:
        raise NotFound("Donateur introuvable.")
    return row


async def depot_point(scope: Scope) -> Point:
    """The association's depot, or the centre of Chambéry while it has no coordinates."""
    row = (
        await Organisation.select(Organisation.depot_latitude, Organisation.depot_longitude)
        .where(Organisation.id == scope.organisation_id)
        .first()
    )
    if row is None or row["depot_latitude"] is None or row["depot_longitude"] is None:
        return Point(45.5667, 5.9333)
    return Point(row["depot_latitude"], row["depot_longitude"])

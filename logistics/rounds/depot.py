"""The association's depot (dépôt): where every round starts and ends.

Its point is found like a donor's (cache, BAN, then Nominatim) or typed in by the manager. Without
network or match the address is kept and the point left as it was, so nothing blocks: the
manager places it by hand. Plans keep the depot they were made with, so a move changes only the
plans made afterwards.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.rounds.locating import geocoder
from routes.geocoding import GeocodeStatus


@dataclass(frozen=True)
class Depot:
    organisation_id: int
    organisation_name: str
    address: str
    latitude: float | None
    longitude: float | None

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


async def get_depot(scope: Scope) -> Depot:
    """The depot of the caller's own association."""
    row = (
        await Organisation.select()
        .where(
            Organisation.id == scope.organisation_id,
            scope.readable_where(Organisation.id),
        )
        .first()
    )
    if row is None:
        raise NotFound("Association introuvable.")
    return Depot(
        row["id"], row["name"], row["depot_address"], row["depot_latitude"], row["depot_longitude"]
    )


async def _write(
    scope: Scope,
    address: str,
    point: tuple[float, float] | None,
    source: str,
    circumstances: Circumstances,
) -> Depot:
    async with write_transaction(Organisation):
        before = await get_depot(scope)
        scope.check_write(before.organisation_id, "Association")
        lat, lon = point if point else (before.latitude, before.longitude)
        await Organisation.update(
            {
                Organisation.depot_address: address,
                Organisation.depot_latitude: lat,
                Organisation.depot_longitude: lon,
            }
        ).where(Organisation.id == before.organisation_id)
        await record(
            scope,
            before.organisation_id,
            "organisation",
            before.organisation_id,
            "set_depot",
            circumstances,
            details={
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "source": source,
                "before": [before.address, before.latitude, before.longitude],
            },
        )
    return await get_depot(scope)


async def set_depot(
    scope: Scope, address: str, lat: float, lon: float, circumstances: Circumstances
) -> Depot:
    """The manager's own point (typed in or clicked on the map), remembered for the address."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Invalid(f"Coordonnées du dépôt impossibles : latitude {lat}, longitude {lon}.")
    address = address.strip()
    if address:
        await asyncio.to_thread(geocoder().place_by_hand, address, lat, lon)
    return await _write(scope, address, (lat, lon), "manual", circumstances)


async def locate_depot(
    scope: Scope, address: str, circumstances: Circumstances
) -> tuple[Depot, bool]:
    """Geocode the address and store it; returns the depot and whether the address was found.
    Not found, the address is kept and the point is not changed: the manager places it."""
    address = address.strip()
    if not address:
        raise Invalid("Saisissez l'adresse du dépôt (numéro, rue, code postal, ville).")
    found = await asyncio.to_thread(geocoder().locate, address)
    if found.status is GeocodeStatus.NOT_LOCATED:
        return await _write(scope, address, None, "not_located", circumstances), False
    assert found.lat is not None and found.lon is not None
    point = (found.lat, found.lon)
    return await _write(scope, address, point, found.source, circumstances), True

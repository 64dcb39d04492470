"""Use cases on donors (donateurs): record, correct, list, deactivate, place on the map.

A donor belongs to the collecting association that canvassed it. Donors are never deleted: past
collections and certificates point at them, so a donor who stops giving is deactivated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from inventory.donor_rules import (
    check_coordinates,
    check_period,
    normalise_opening_hours,
    normalise_siret,
)
from inventory.engine import contains, write_transaction
from inventory.errors import Invalid
from inventory.history import Circumstances, record
from inventory.parties import DonorKind, GeocodingStatus, OrganisationKind
from inventory.scope import Scope
from inventory.services.common import (
    changed,
    insert_recorded,
    load,
    load_for_write,
    writable_organisation_of_kind,
)
from inventory.tables import Donor

WHAT = "Donateur"


@dataclass(frozen=True)
class DonorData:
    """What a manager types about a donor. Coordinates given here are placed by hand."""

    kind: DonorKind
    name: str
    siret: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    opening_hours: dict[str, list[list[str]]] = field(default_factory=dict)
    access_notes: str = ""
    convention_reference: str = ""
    convention_starts_on: date | None = None
    convention_ends_on: date | None = None


def _columns(data: DonorData) -> dict[str, Any]:
    """The checked column values of ``data``; raises ``Invalid`` on the first bad field."""
    name = data.name.strip()
    if not name:
        raise Invalid("Le nom du donateur est obligatoire.")
    check_coordinates(data.latitude, data.longitude)
    check_period(data.convention_starts_on, data.convention_ends_on, "Convention")
    values = asdict(data)
    values.update(
        kind=DonorKind(data.kind).value,
        name=name,
        siret=normalise_siret(data.siret),
        opening_hours=normalise_opening_hours(data.opening_hours),
    )
    for key in ("contact_name", "contact_phone", "contact_email", "address", "postcode", "city"):
        values[key] = values[key].strip()
    return values


def _geocoding(data: DonorData, before: dict[str, Any] | None) -> dict[str, Any]:
    """Coordinates typed by a person are "placed by hand"; unchanged ones keep their status."""
    if data.latitude is None:
        if before is None or before["latitude"] is not None:
            return {"geocoding_status": GeocodingStatus.PENDING.value}
        return {}
    if before is not None and (before["latitude"], before["longitude"]) == (
        data.latitude,
        data.longitude,
    ):
        return {}
    return {"geocoding_status": GeocodingStatus.MANUAL.value}


async def create_donor(
    scope: Scope,
    data: DonorData,
    circumstances: Circumstances,
    organisation_id: int | None = None,
) -> dict[str, Any]:
    """Record a donor for the caller's association (an admin may name another one)."""
    values = _columns(data)
    async with write_transaction(Donor):
        owner = await writable_organisation_of_kind(
            scope,
            organisation_id,
            OrganisationKind.COLLECTING,
            "Seule une association de collecte enregistre des donateurs.",
        )
        new = Donor(
            organisation=owner, created_at=circumstances.at, **values, **_geocoding(data, None)
        )
        donor_id = await insert_recorded(scope, new, "donor", circumstances)
    return await get_donor(scope, donor_id)


async def _change(
    scope: Scope,
    donor_id: int,
    action: str,
    circumstances: Circumstances,
    new_values: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any]:
    """Load a donor for writing, apply ``new_values(before)`` and record what changed."""
    async with write_transaction(Donor):
        before = await load_for_write(scope, Donor, donor_id, WHAT)
        values = new_values(before)
        await Donor.update(**values).where(Donor.id == donor_id)
        await record(
            scope,
            before["organisation"],
            "donor",
            donor_id,
            action,
            circumstances,
            details=changed(before, values),
        )
    return await get_donor(scope, donor_id)


async def update_donor(
    scope: Scope, donor_id: int, data: DonorData, circumstances: Circumstances
) -> dict[str, Any]:
    """Correct a donor; the event keeps what changed."""
    values = _columns(data)
    return await _change(
        scope, donor_id, "updated", circumstances, lambda before: values | _geocoding(data, before)
    )


async def set_location(
    scope: Scope,
    donor_id: int,
    latitude: float | None,
    longitude: float | None,
    status: GeocodingStatus,
    circumstances: Circumstances,
    source: str = "manual",
) -> None:
    """Place a donor on the map: by hand (``MANUAL``) or by the geocoder (``LOCATED``,
    ``NOT_LOCATED`` with no coordinates); the event keeps the old and new status and the source."""
    check_coordinates(latitude, longitude)
    async with write_transaction(Donor):
        before = await load_for_write(scope, Donor, donor_id, WHAT)
        await Donor.update(
            {Donor.latitude: latitude, Donor.longitude: longitude, Donor.geocoding_status: status}
        ).where(Donor.id == donor_id)
        await record(
            scope,
            before["organisation"],
            "donor",
            donor_id,
            "locate",
            circumstances,
            from_state=before["geocoding_status"],
            to_state=status,
            details={"latitude": latitude, "longitude": longitude, "source": source},
        )


async def set_active(
    scope: Scope, donor_id: int, active: bool, circumstances: Circumstances
) -> dict[str, Any]:
    """Deactivate (or reactivate) a donor; it then leaves the lists used to plan collections."""
    action = "reactivated" if active else "deactivated"
    return await _change(scope, donor_id, action, circumstances, lambda _: {"active": active})


async def get_donor(scope: Scope, donor_id: int) -> dict[str, Any]:
    return await load(scope, Donor, donor_id, WHAT)


async def list_donors(
    scope: Scope, *, include_inactive: bool = False, name: str = ""
) -> list[dict[str, Any]]:
    """The donors the caller may read, by name; ``name`` filters on a part of it."""
    query = Donor.select().where(scope.readable_where(Donor.organisation))
    if not include_inactive:
        query = query.where(Donor.active.eq(True))
    if name.strip():
        query = query.where(contains(Donor.name, name.strip()))
    return await query.order_by(Donor.name).output(load_json=True)

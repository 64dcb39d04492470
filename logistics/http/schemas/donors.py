"""API shapes for donors and pickup requests (validated by Litestar before a handler runs)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec

from inventory.parties import DonorKind, GeocodingStatus
from inventory.services.donors import DonorData
from inventory.services.pickups import PickupData
from inventory.states import PickupStatus
from logistics.http.schemas import from_row

Short = Annotated[str, msgspec.Meta(max_length=200)]
Long = Annotated[str, msgspec.Meta(max_length=4000)]
Window = Annotated[list[str], msgspec.Meta(min_length=2, max_length=2)]


class DonorIn(msgspec.Struct, forbid_unknown_fields=True):
    """A donor as a manager types it; coordinates given here count as placed by hand."""

    kind: Annotated[DonorKind, msgspec.Meta(title="Type de donateur")]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, title="Nom")]
    siret: Annotated[str, msgspec.Meta(max_length=20, title="SIRET")] = ""
    contact_name: Annotated[Short, msgspec.Meta(title="Contact")] = ""
    contact_phone: Annotated[str, msgspec.Meta(max_length=40, title="Téléphone")] = ""
    contact_email: Annotated[str, msgspec.Meta(max_length=254, title="Courriel")] = ""
    address: Annotated[Long, msgspec.Meta(title="Adresse")] = ""
    postcode: Annotated[str, msgspec.Meta(max_length=10, title="Code postal")] = ""
    city: Annotated[str, msgspec.Meta(max_length=100, title="Ville")] = ""
    latitude: Annotated[float, msgspec.Meta(title="Latitude")] | None = None
    longitude: Annotated[float, msgspec.Meta(title="Longitude")] | None = None
    opening_hours: Annotated[dict[str, list[Window]], msgspec.Meta(title="Horaires")] = {}
    access_notes: Annotated[Long, msgspec.Meta(title="Accès")] = ""
    convention_reference: Annotated[str, msgspec.Meta(max_length=100, title="Convention")] = ""
    convention_starts_on: Annotated[date, msgspec.Meta(title="Début de convention")] | None = None
    convention_ends_on: Annotated[date, msgspec.Meta(title="Fin de convention")] | None = None
    organisation_id: int | None = None

    def to_data(self) -> DonorData:
        fields = {f: getattr(self, f) for f in self.__struct_fields__ if f != "organisation_id"}
        return DonorData(**fields)


class DonorOut(msgspec.Struct):
    id: int
    organisation: int
    kind: DonorKind
    kind_label: str
    name: str
    siret: str
    contact_name: str
    contact_phone: str
    contact_email: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    geocoding_status: GeocodingStatus
    geocoding_label: str
    opening_hours: dict[str, list[list[str]]]
    access_notes: str
    convention_reference: str
    convention_starts_on: date | None
    convention_ends_on: date | None
    active: bool
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DonorOut:
        labels = {
            "kind_label": DonorKind(row["kind"]).label,
            "geocoding_label": GeocodingStatus(row["geocoding_status"]).label,
        }
        return from_row(cls, row, **labels)


class ActiveIn(msgspec.Struct, forbid_unknown_fields=True):
    active: bool


class PickupIn(msgspec.Struct, forbid_unknown_fields=True):
    wished_from: Annotated[date, msgspec.Meta(title="Date souhaitée (début)")]
    wished_until: Annotated[date, msgspec.Meta(title="Date souhaitée (fin)")]
    allowed_weekdays: Annotated[list[int], msgspec.Meta(title="Jours possibles")] = []
    estimated_quantities: Annotated[dict[str, int], msgspec.Meta(title="Quantités")] = {}
    estimated_weight_kg: Annotated[float, msgspec.Meta(title="Poids estimé")] = 0.0
    estimated_volume_m3: Annotated[float, msgspec.Meta(title="Volume estimé")] = 0.0
    mandatory: bool = False
    priority: Annotated[int, msgspec.Meta(title="Priorité")] = 1
    requested_by: Annotated[Short, msgspec.Meta(title="Demandé par")] = ""
    notes: Annotated[Long, msgspec.Meta(title="Remarques")] = ""

    def to_data(self) -> PickupData:
        return PickupData(**{f: getattr(self, f) for f in self.__struct_fields__})


class NewPickupIn(PickupIn, forbid_unknown_fields=True):
    donor_id: Annotated[int, msgspec.Meta(title="Donateur")] = 0

    def to_data(self) -> PickupData:
        fields = {f: getattr(self, f) for f in self.__struct_fields__ if f != "donor_id"}
        return PickupData(**fields)


class CancelIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000, title="Motif")]


class PickupOut(msgspec.Struct):
    id: int
    organisation: int
    donor: int
    donor_name: str
    wished_from: date
    wished_until: date
    allowed_weekdays: list[int]
    estimated_quantities: dict[str, int]
    estimated_weight_kg: float
    estimated_volume_m3: float
    mandatory: bool
    priority: int
    status: PickupStatus
    status_label: str
    requested_by: str
    notes: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PickupOut:
        return from_row(cls, row, status_label=PickupStatus(row["status"]).label)

"""API shapes for collections, items, their moves and their history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from inventory.categories import Category
from inventory.services.collections import CollectionData
from inventory.services.items import ItemData
from inventory.states import CollectionStatus, ItemState
from logistics.http.schemas import from_row

Short = Annotated[str, msgspec.Meta(max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
Uuid = Annotated[str, msgspec.Meta(max_length=40)]


class CollectionIn(msgspec.Struct, forbid_unknown_fields=True):
    """Open a collection; ``client_uuid`` made on the phone makes a replay harmless."""

    donor_id: Annotated[int, msgspec.Meta(title="Donateur")]
    collected_on: Annotated[date, msgspec.Meta(title="Date")]
    agent_names: Annotated[Short, msgspec.Meta(title="Agents")] = ""
    latitude: float | None = None
    longitude: float | None = None
    gps_accuracy_m: float | None = None
    pickup_request_id: Annotated[int, msgspec.Meta(title="Demande d'enlèvement")] | None = None
    client_uuid: Uuid | None = None
    notes: Annotated[Text, msgspec.Meta(title="Remarques")] = ""

    def to_data(self) -> CollectionData:
        fields = {f: getattr(self, f) for f in self.__struct_fields__ if f != "donor_id"}
        return CollectionData(**fields)


class CloseIn(msgspec.Struct, forbid_unknown_fields=True):
    """The donor's contact signs: their name and the path data of the signature drawn."""

    signatory_name: Annotated[str, msgspec.Meta(min_length=1, max_length=200, title="Nom")]
    signature_svg: Annotated[str, msgspec.Meta(min_length=1, max_length=100_000, title="Signature")]


class CollectionOut(msgspec.Struct):
    id: int
    organisation: int
    donor: int
    donor_name: str
    pickup_request: int | None
    collected_on: date
    status: CollectionStatus
    status_label: str
    agent_names: str
    latitude: float | None
    longitude: float | None
    gps_accuracy_m: float | None
    signatory_name: str
    client_uuid: str | None
    notes: str
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CollectionOut:
        return from_row(cls, row, status_label=CollectionStatus(row["status"]).label)


class ItemIn(msgspec.Struct, forbid_unknown_fields=True):
    """One item (labelled categories) or one line of accessories with a quantity.

    ``category`` is a free string on purpose: an unknown one gets the domain's French message.
    """

    category: Annotated[str, msgspec.Meta(max_length=40, title="Catégorie")]
    tag: Annotated[str, msgspec.Meta(max_length=40, title="Étiquette")] | None = None
    quantity: Annotated[int, msgspec.Meta(title="Quantité")] = 1
    brand: Annotated[str, msgspec.Meta(max_length=100, title="Marque")] = ""
    model: Annotated[str, msgspec.Meta(max_length=100, title="Modèle")] = ""
    serial_number: Annotated[str, msgspec.Meta(max_length=100, title="Numéro de série")] = ""
    weight_kg: Annotated[float, msgspec.Meta(title="Poids")] = 0.0
    condition: Annotated[str, msgspec.Meta(max_length=30, title="État")] = ""
    has_storage_media: Annotated[bool, msgspec.Meta(title="Support de données")] | None = None
    notes: Annotated[Text, msgspec.Meta(title="Remarques")] = ""
    client_uuid: Uuid | None = None

    def to_data(self) -> ItemData:
        return ItemData(**{f: getattr(self, f) for f in self.__struct_fields__})


class ItemOut(msgspec.Struct):
    id: int
    organisation: int
    collection: int
    donor_id: int
    donor_name: str
    collected_on: date
    lot: int | None
    tag: str | None
    category: Category
    category_label: str
    brand: str
    model: str
    serial_number: str
    quantity: int
    weight_kg: float
    condition: str
    has_storage_media: bool
    state: ItemState
    state_label: str
    notes: str
    client_uuid: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ItemOut:
        labels = {
            "category_label": Category(row["category"]).label,
            "state_label": ItemState(row["state"]).label,
        }
        return from_row(cls, row, **labels)


class MoveIn(msgspec.Struct, forbid_unknown_fields=True):
    """Store an item at the depot, or recycle/discard it (a reason is then required)."""

    to: Annotated[Literal["stored", "recycled", "discarded"], msgspec.Meta(title="Vers")]
    reason: Annotated[str, msgspec.Meta(max_length=1000, title="Motif")] = ""


class RemovalIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000, title="Motif")]


class StoredOut(msgspec.Struct):
    stored: int


class EventOut(msgspec.Struct):
    """One step of a chain of custody: what, from, to, when, who, where, through what."""

    action: str
    from_state: str | None
    to_state: str | None
    at: datetime
    actor_name: str
    place: str
    latitude: float | None
    longitude: float | None
    app: str
    comment: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EventOut:
        return from_row(cls, row)


class ItemHistoryOut(msgspec.Struct):
    item: ItemOut
    events: list[EventOut]


class SheetIn(msgspec.Struct, forbid_unknown_fields=True):
    """Labels of logged items; ``skip`` leaves the used labels of a started sheet blank."""

    item_ids: Annotated[list[int], msgspec.Meta(min_length=1, max_length=2000)]
    skip: Annotated[int, msgspec.Meta(ge=0, le=20)] = 0


class BlankIn(msgspec.Struct, forbid_unknown_fields=True):
    count: Annotated[int, msgspec.Meta(title="Nombre d'étiquettes")]
    skip: Annotated[int, msgspec.Meta(ge=0, le=20, title="Étiquettes déjà utilisées")] = 0


class SearchOut(msgspec.Struct):
    query: str
    items: list[ItemOut]
    donors: list[dict[str, Any]]
    tag_error: str

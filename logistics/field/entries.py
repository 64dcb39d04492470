"""The entries a phone sends: what the agent did, each with an id made on the phone.

The phone writes these to its own storage first and sends them later, in order, in batches. The
id is the idempotency key: an entry sent twice is applied once. Fields are typed loosely on
purpose (a category is any text, a weight any number): what the agent typed is judged by the
inventory's rules entry by entry, so one wrong line is refused beside the entry and the rest of
the batch is kept, instead of the whole batch failing validation.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

ClientId = Annotated[str, Meta(pattern=r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")]
"""A UUID made on the phone (``crypto.randomUUID()``)."""
ShortText = Annotated[str, Meta(max_length=200)]
MAX_BATCH = 200


class _Entry(Struct, kw_only=True, tag_field="kind", forbid_unknown_fields=True):
    """``at`` is when the agent did it on the phone; latitude/longitude its GPS fix if any."""

    id: ClientId
    at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None


class OpenCollection(_Entry, tag="open_collection"):
    """The agent starts a stop (a planned pickup) or a collection without round (at the depot)."""

    donor_id: int
    pickup_request_id: int | None = None


class AddItem(_Entry, tag="add_item"):
    """One item, or one line of accessories with a quantity, logged in an open collection."""

    collection: ClientId
    category: ShortText
    tag: ShortText | None = None
    serial_number: ShortText = ""
    brand: ShortText = ""
    model: ShortText = ""
    weight_kg: float = 0.0
    condition: ShortText = ""
    quantity: int = 1
    has_storage_media: bool | None = None
    notes: Annotated[str, Meta(max_length=2000)] = ""


class RemoveItem(_Entry, tag="remove_item"):
    """Undo of a line logged by mistake (the inventory keeps the reason in the history)."""

    item: ClientId
    reason: ShortText = "Ligne annulée sur le téléphone : erreur de saisie"


class CloseCollection(_Entry, tag="close_collection"):
    """End of the stop: the donor's contact wrote their name and signed on the screen.

    ``signature_path`` is the SVG path data of the strokes (moves and lines), as the inventory's
    ``close_collection`` takes it.
    """

    collection: ClientId
    signatory_name: ShortText
    signature_path: Annotated[str, Meta(max_length=60_000)]


class VisitOutcome(_Entry, tag="visit_outcome"):
    """What came of an installation visit, said by the installer at the door or in the home.

    ``outcome`` is a visit status code ("installed", "installed_no_internet", "absent",
    "rescheduled", "refused"), judged by ``logistics.visits.outcomes`` like any typed value;
    ``proposed_day`` is the date the person proposed for a visit put off. ``contract`` is the
    phone id of the loan contract signed just before, on which an installation builds.
    """

    visit_id: int
    outcome: ShortText
    notes: Annotated[str, Meta(max_length=2000)] = ""
    proposed_day: date | None = None
    contract: ClientId | None = None


class SignContract(_Entry, tag="sign_contract"):
    """The loan contract of the visit's device, signed in the trainee's home: the signer's name
    and the SVG path data of the finger signature, as for a collection."""

    visit_id: int
    signatory_name: ShortText
    signature_path: Annotated[str, Meta(max_length=60_000)]


Entry = OpenCollection | AddItem | RemoveItem | CloseCollection | VisitOutcome | SignContract


def kind_of(entry: Entry) -> str:
    """The entry's tag on the wire (``"add_item"``…), stored on its receipt."""
    return str(type(entry).__struct_config__.tag)


def parent_of(entry: Entry) -> str | None:
    """The entry this one builds on: an item needs its collection, an undo needs its item."""
    if isinstance(entry, AddItem | CloseCollection):
        return entry.collection
    if isinstance(entry, RemoveItem):
        return entry.item
    if isinstance(entry, VisitOutcome):
        return entry.contract
    return None


class EntryResult(Struct, omit_defaults=True):
    """The server's answer for one entry; the phone shows ``reason`` beside it (French).

    ``received``: stored on the server, not applied yet (the phone asks again a moment later).
    """

    id: str
    status: Literal["received", "accepted", "refused", "dependent"]
    record_id: int | None = None
    reason: str = ""
    depends_on: str | None = None

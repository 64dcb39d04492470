"""The one state vocabulary of the journey: items and devices (full state machines, their groups
and named predicates) and the records around them (pickup requests, collections, lots), which
only move forward along a short line.

Modelled on InvenTree's ``stock/status_codes.py``: screens and queries ask a named group
(``AWAITING_TRIRA``) or predicate (``can_join_lot``) instead of repeating lists of states.
Which moves are allowed between states is in ``inventory.model``.

Values are stable ASCII codes stored in the database; ``label`` is what people read.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledState(StrEnum):
    """A state of a state machine: its code is stored, its ``label`` is shown in messages."""

    @property
    def label(self) -> str:
        raise NotImplementedError


class ItemState(LabelledState):
    """Where a collected item (objet collecté) stands between the donor and TRIRA."""

    COLLECTED = "collected"
    STORED = "stored"
    IN_LOT = "in_lot"
    HANDED_TO_TRIRA = "handed_to_trira"
    RECYCLED = "recycled"
    DISCARDED = "discarded"

    @property
    def label(self) -> str:
        return _ITEM_LABELS[self]


_ITEM_LABELS = {
    ItemState.COLLECTED: "collecté",
    ItemState.STORED: "stocké",
    ItemState.IN_LOT: "dans un lot",
    ItemState.HANDED_TO_TRIRA: "remis à TRIRA",
    ItemState.RECYCLED: "recyclé",
    ItemState.DISCARDED: "mis au rebut",
}


class DeviceState(LabelledState):
    """Where a device to give (appareil à donner) stands between its arrival and a home."""

    RECEIVED = "received"
    IN_STOCK = "in_stock"
    RESERVED = "reserved"
    ASSIGNED = "assigned"
    INSTALLED = "installed"
    RETURNED = "returned"
    BROKEN = "broken"
    LOST = "lost"
    RECYCLED = "recycled"

    @property
    def label(self) -> str:
        return _DEVICE_LABELS[self]


_DEVICE_LABELS = {
    DeviceState.RECEIVED: "reçu",
    DeviceState.IN_STOCK: "en stock",
    DeviceState.RESERVED: "réservé",
    DeviceState.ASSIGNED: "attribué",
    DeviceState.INSTALLED: "installé",
    DeviceState.RETURNED: "rendu",
    DeviceState.BROKEN: "en panne",
    DeviceState.LOST: "perdu",
    DeviceState.RECYCLED: "recyclé",
}


class DeviceOrigin(StrEnum):
    """Why a device is in the stock to give; only TRIRA's returns pay off the quota."""

    RETURNED_BY_TRIRA = "returned_by_trira"
    PURCHASED = "purchased"

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    DeviceOrigin.RETURNED_BY_TRIRA: "retour TRIRA",
    DeviceOrigin.PURCHASED: "acheté",
}


# Item groups
AWAITING_TRIRA = frozenset({ItemState.COLLECTED, ItemState.STORED, ItemState.IN_LOT})
"""Still in the association's hands: the depot stock page counts these."""
AT_DEPOT = frozenset({ItemState.STORED, ItemState.IN_LOT})
"""Physically on the depot's shelves (collected items may still be in the van)."""
ITEM_CLOSED = frozenset({ItemState.HANDED_TO_TRIRA, ItemState.RECYCLED, ItemState.DISCARDED})
"""The association's responsibility has ended; no move leaves these states."""

# Device groups
AVAILABLE_TO_GIVE = frozenset({DeviceState.IN_STOCK})
"""What installers may offer to a trainee."""
PROMISED = frozenset({DeviceState.RESERVED, DeviceState.ASSIGNED})
"""Set aside for a trainee but not yet in their home."""
OUT_OF_SERVICE = frozenset({DeviceState.BROKEN, DeviceState.LOST})
"""Not counted in the stock until repaired or found again."""
UNHELD = frozenset({DeviceState.IN_STOCK, DeviceState.RECYCLED})
"""Where an installing association's hold on a device ends: back in the stock to give again,
or gone to recycling (a device that came back from a home beyond repair)."""


def can_join_lot(state: ItemState) -> bool:
    """Only a stored item joins a lot: one still in the van has not been checked in at the depot,
    and one already in a lot, handed over or disposed of cannot be handed over twice."""
    return state is ItemState.STORED


def is_awaiting_trira(state: ItemState) -> bool:
    """Counted in the depot stock waiting for TRIRA."""
    return state in AWAITING_TRIRA


def can_reserve(state: DeviceState) -> bool:
    """Only a device checked into the stock can be promised to a trainee; a received one has not
    been checked yet and a reserved one is already promised."""
    return state in AVAILABLE_TO_GIVE


def can_install(state: DeviceState) -> bool:
    """A device is installed only once assigned to a trainee who signed the loan contract."""
    return state is DeviceState.ASSIGNED


# The records around the items: a status and its French label suffice.


class PickupStatus(LabelledState):
    REQUESTED = "requested"
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            PickupStatus.REQUESTED: "demandé",
            PickupStatus.PLANNED: "planifié",
            PickupStatus.DONE: "effectué",
            PickupStatus.CANCELLED: "annulé",
        }[self]


class CollectionStatus(LabelledState):
    OPEN = "open"  # agents are loading at the donor's
    CLOSED = "closed"  # the donor's contact signed; the items are the donor's record

    @property
    def label(self) -> str:
        return {CollectionStatus.OPEN: "en cours", CollectionStatus.CLOSED: "terminée"}[self]


class LotStatus(LabelledState):
    DRAFT = "draft"  # being filled at the depot
    HANDED_OVER = "handed_over"  # signed by the collecting association
    RECEIVED = "received"  # confirmed by the reconditioner with the weight it measured

    @property
    def label(self) -> str:
        return {
            LotStatus.DRAFT: "en préparation",
            LotStatus.HANDED_OVER: "remis",
            LotStatus.RECEIVED: "réception confirmée",
        }[self]

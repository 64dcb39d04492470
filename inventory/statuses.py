"""Statuses of the records around the items: pickup requests, collections, lots.

Items and devices have full state machines (``inventory.states``/``inventory.model``); these
records only move forward along a short line, so a status and its French label suffice.
"""

from __future__ import annotations

from enum import StrEnum


class PickupStatus(StrEnum):
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


class CollectionStatus(StrEnum):
    OPEN = "open"  # agents are loading at the donor's
    CLOSED = "closed"  # the donor's contact signed; the items are the donor's record

    @property
    def label(self) -> str:
        return {CollectionStatus.OPEN: "en cours", CollectionStatus.CLOSED: "terminée"}[self]


class LotStatus(StrEnum):
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

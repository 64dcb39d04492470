"""Schemas of the phone page's API: the sync batch, the day's stops, the donors to pick from."""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from typing import Annotated, Any

from msgspec import Meta, Struct

from logistics.field.entries import MAX_BATCH, Entry, EntryResult
from logistics.field.inbox import BatchAnswer
from logistics.rounds.subjects import TODO, StopProgress


class SyncIn(Struct, forbid_unknown_fields=True):
    """Entries in the order the agent made them (a collection before its items)."""

    entries: Annotated[list[Entry], Meta(max_length=MAX_BATCH)]


class SyncOut(Struct):
    """A batch's answer: ``state`` is ``received`` until the batch is applied, then ``applied``
    with each entry's result; ``batch`` is its number (``GET /api/v1/sync/{batch}``)."""

    batch: int | None
    state: str
    results: list[EntryResult]
    received: int
    accepted: int
    refused: int

    @classmethod
    def of(cls, answer: BatchAnswer) -> SyncOut:
        counts = Counter(result.status for result in answer.results)
        return cls(
            batch=answer.batch_id,
            state=answer.state,
            results=answer.results,
            received=counts["received"],
            accepted=counts["accepted"],
            refused=counts["refused"] + counts["dependent"],
        )


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


class ProgressOut(Struct):
    """Where the stop stands on the server, whichever phone of the crew did it: ``state`` is
    "todo", "started" or "done"; ``by`` the agents named on its collection, ``at`` the time it
    was signed (done) or opened (started), "HH:MM"."""

    state: str
    by: str = ""
    at: str = ""

    @classmethod
    def of(cls, progress: StopProgress) -> ProgressOut:
        return cls(progress.state, progress.by, _hhmm(progress.at.time()) if progress.at else "")


class StopOut(Struct):
    """A pickup of the round, with what the agent needs on the doorstep."""

    id: int
    position: int
    donor_id: int | None  # None for a stop that is not at a donor's (a home visit)
    pickup_request_id: int | None
    donor_name: str
    address: str
    contact_name: str
    contact_phone: str
    opening_hours: str
    access_notes: str
    latitude: float | None
    longitude: float | None
    arrival: str
    progress: ProgressOut

    @classmethod
    def from_row(cls, row: dict[str, Any], progress: StopProgress = TODO) -> StopOut:
        place = " ".join(p for p in (row["postcode"], row["city"]) if p)
        windows = ", ".join(f"{start}–{end}" for start, end in row["windows"] or [])
        return cls(
            id=row["id"],
            position=row["position"],
            donor_id=row.get("donor"),
            pickup_request_id=row.get("pickup_request"),
            donor_name=row["name"] or row["label"],
            address=", ".join(p for p in (row["address"], place) if p),
            contact_name=row["contact_name"] or "",
            contact_phone=row["contact_phone"] or "",
            opening_hours=windows,
            access_notes=row["access_notes"] or "",
            latitude=row["latitude"],
            longitude=row["longitude"],
            arrival=_hhmm(row["arrival"]),
            progress=ProgressOut.of(progress),
        )


class RoundOut(Struct):
    id: int
    vehicle_name: str
    departure: str
    stops: list[StopOut]
    crew: list[str]  # "Karim Benali (chauffeur)", then the others


class DayOut(Struct):
    day: date
    rounds: list[RoundOut]


class DonorChoiceOut(Struct):
    """A donor the agent can pick for a collection without round (cached on the phone)."""

    id: int
    name: str
    city: str
    address: str

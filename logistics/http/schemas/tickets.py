"""API and form shapes of after-sales tickets (dépannages)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec

from logistics.visits.tables import TicketMode
from logistics.visits.tickets import (
    Destination,
    DeviceOutcome,
    NewTicket,
    TicketChange,
    TicketStatus,
)

Problem = Annotated[str, msgspec.Meta(max_length=4000, title="Problème")]
WorkDone = Annotated[str, msgspec.Meta(max_length=4000, title="Ce qui a été fait")]
Mode = Annotated[TicketMode, msgspec.Meta(title="Où")]


class TicketIn(msgspec.Struct, forbid_unknown_fields=True):
    """A ticket to open; without ``device_id``, the device the trainee holds now (if any)."""

    trainee_id: Annotated[int, msgspec.Meta(title="Bénéficiaire")]
    problem: Problem
    mode: Mode = TicketMode.DROP_IN
    device_id: Annotated[int, msgspec.Meta(title="Appareil")] | None = None
    opened_on: Annotated[date, msgspec.Meta(title="Date")] | None = None

    def to_new(self) -> NewTicket:
        return NewTicket(self.trainee_id, self.problem, self.mode, self.device_id, self.opened_on)


class TicketPatch(msgspec.Struct, forbid_unknown_fields=True):
    """What was done, a corrected problem or mode (absent: kept), and ``close: true`` to close."""

    work_done: WorkDone | None = None
    problem: Problem | None = None
    mode: Mode | None = None
    close: Annotated[bool, msgspec.Meta(title="Clore le dépannage")] = False

    def to_change(self) -> TicketChange:
        return TicketChange(self.problem, self.mode, self.work_done, self.close)


class DeviceReturnIn(msgspec.Struct, forbid_unknown_fields=True):
    """The ticket's device comes back from the home, and where it goes."""

    outcome: Annotated[DeviceOutcome, msgspec.Meta(title="L'appareil revient")]
    destination: Annotated[Destination, msgspec.Meta(title="Il part")]
    reason: Annotated[str, msgspec.Meta(max_length=2000, title="Motif")] = ""


class TicketOut(msgspec.Struct):
    id: int
    organisation: int
    trainee: int | None
    trainee_name: str
    device: int | None
    device_reference: str | None
    device_state: str | None
    opened_on: date
    problem: str
    mode: TicketMode
    mode_label: str
    work_done: str
    status: TicketStatus
    closed_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> TicketOut:
        return cls(**{name: row[name] for name in cls.__struct_fields__})

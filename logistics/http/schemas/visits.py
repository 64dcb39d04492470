"""API and form shapes of installation visits: booking, moving or cancelling, the day view."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

import msgspec

from logistics.visits.booking import Booking, Change, Place
from logistics.visits.day import DayStop, DayView
from logistics.visits.replies import VisitReply
from logistics.visits.tables import CallOutcome, VisitStatus

Street = Annotated[str, msgspec.Meta(max_length=300, title="Adresse")]
Postcode = Annotated[str, msgspec.Meta(max_length=10, title="Code postal")]
City = Annotated[str, msgspec.Meta(max_length=100, title="Commune")]
Latitude = Annotated[float, msgspec.Meta(ge=-90, le=90, title="Latitude")]
Longitude = Annotated[float, msgspec.Meta(ge=-180, le=180, title="Longitude")]
Day = Annotated[date, msgspec.Meta(title="Date")]
WindowStart = Annotated[
    time, msgspec.Meta(title="Début du créneau", description="Le créneau dure deux heures.")
]
StaffMember = Annotated[int, msgspec.Meta(title="Membre de l'équipe")]


class _Where(msgspec.Struct, kw_only=True):
    """An address typed on the form or sent to the API; nothing typed keeps the current one."""

    address: Street | None = None
    postcode: Postcode | None = None
    city: City | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None

    def place(self) -> Place | None:
        if not (self.address or "").strip():
            return None
        return Place(
            self.address or "", self.postcode or "", self.city or "", self.latitude, self.longitude
        )


class VisitIn(_Where, forbid_unknown_fields=True):
    """A visit to book; without an address, the trainee's is copied."""

    trainee_id: Annotated[int, msgspec.Meta(title="Bénéficiaire")]
    installer_id: StaffMember
    day: Day
    window_start: WindowStart

    def to_booking(self) -> Booking:
        return Booking(
            self.trainee_id, self.installer_id, self.day, self.window_start, self.place()
        )


class VisitChangeIn(_Where, forbid_unknown_fields=True):
    """Move a booked visit (fields left out keep their value), or cancel it
    (``status: "cancelled"`` with an optional ``reason``)."""

    day: Day | None = None
    window_start: WindowStart | None = None
    installer_id: StaffMember | None = None
    status: Literal["cancelled"] | None = None
    reason: Annotated[str, msgspec.Meta(max_length=2000, title="Motif")] = ""

    def to_change(self) -> Change:
        return Change(self.day, self.window_start, self.installer_id, self.place())


class CancelIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=2000, title="Motif")] = ""


class VisitOut(msgspec.Struct):
    id: int
    organisation: int
    trainee: int
    trainee_name: str
    trainee_phone: str
    installer: int
    installer_name: str
    day: date
    window_start: time
    window_end: time
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    status: VisitStatus
    status_label: str
    outcome_notes: str
    created_at: datetime
    outcome_at: datetime | None = None
    outcome_by_name: str = ""
    proposed_day: date | None = None
    """The day the person proposed when the visit was put off (``rescheduled``)."""
    reminded_at: datetime | None = None
    called_at: datetime | None = None
    called_by_name: str = ""
    call_outcome: CallOutcome | None = None
    call_outcome_label: str = ""
    reply: VisitReply | None = None
    """The trainee's answer to the reminder text: ``confirmed`` or ``to_move``."""
    reply_label: str = ""
    reply_at: datetime | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> VisitOut:
        labels = {"status_label", "call_outcome_label", "reply_label"}
        values = {name: row[name] for name in cls.__struct_fields__ if name in row.keys() - labels}
        return cls(
            **values,
            status_label=VisitStatus(row["status"]).label,
            call_outcome_label=CallOutcome(row["call_outcome"]).label
            if row.get("call_outcome")
            else "",
            reply_label=VisitReply(row["reply"]).label if row.get("reply") else "",
        )


class DayStopOut(msgspec.Struct):
    position: int
    visit: VisitOut
    arrival: time
    start: time
    departure: time
    travel_minutes: int | None
    distance_km: float | None
    late: bool
    geo_uri: str | None
    directions_url: str | None

    @classmethod
    def of(cls, stop: DayStop) -> DayStopOut:
        return cls(
            position=stop.position,
            visit=VisitOut.of(stop.visit),
            arrival=stop.arrival,
            start=stop.start,
            departure=stop.departure,
            travel_minutes=stop.travel_minutes,
            distance_km=stop.distance_km,
            late=stop.late,
            geo_uri=stop.geo_uri,
            directions_url=stop.directions_url,
        )


class DayOut(msgspec.Struct):
    """One staff member's day: the booked visits in travel order, with estimated times."""

    installer_id: int
    installer_name: str
    day: date
    start_address: str
    leave_at: time | None
    back_at: time | None
    travel_minutes: int
    distance_km: float
    stops: list[DayStopOut]
    notices: list[str]

    @classmethod
    def of(cls, view: DayView) -> DayOut:
        return cls(
            installer_id=view.installer_id,
            installer_name=view.installer_name,
            day=view.day,
            start_address=view.start_address,
            leave_at=view.leave_at,
            back_at=view.back_at,
            travel_minutes=view.travel_minutes,
            distance_km=view.distance_km,
            stops=[DayStopOut.of(stop) for stop in view.stops],
            notices=list(view.notices),
        )

"""API shapes of trainees (bénéficiaires), training cycles, sessions and attendance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Annotated, Any

import msgspec

from inventory.categories import Category
from logistics.http.schemas import from_row
from logistics.trainees.attendance import Register
from logistics.trainees.cycles import CycleData, SessionData
from logistics.trainees.eligibility import Eligibility, Outcome
from logistics.trainees.neighbourhoods import OUTSIDE, label_of
from logistics.trainees.people import TraineeData
from logistics.trainees.tables import InternetAccess, Prescriber
from logistics.trainees.waiting_list import Place

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Text = Annotated[str, msgspec.Meta(max_length=4000, title="Remarques")]


class TraineeIn(msgspec.Struct, forbid_unknown_fields=True):
    """A trainee as BLÉ staff type them; the address is looked up on the map when it changes."""

    first_name: Annotated[Name, msgspec.Meta(title="Prénom")]
    last_name: Annotated[Name, msgspec.Meta(title="Nom")]
    phone: Annotated[str, msgspec.Meta(max_length=30, title="Téléphone")] = ""
    email: Annotated[str, msgspec.Meta(max_length=254, title="Courriel")] = ""
    address: Annotated[str, msgspec.Meta(max_length=300, title="Adresse")] = ""
    postcode: Annotated[str, msgspec.Meta(max_length=10, title="Code postal")] = ""
    city: Annotated[str, msgspec.Meta(max_length=100, title="Commune")] = ""
    neighbourhood: Annotated[str, msgspec.Meta(max_length=40, title="Quartier")] = OUTSIDE
    prescriber: Annotated[Prescriber, msgspec.Meta(title="Prescripteur")] = Prescriber.OTHER
    internet_at_home: Annotated[InternetAccess, msgspec.Meta(title="Internet au domicile")] = (
        InternetAccess.NONE
    )
    has_computer: Annotated[bool, msgspec.Meta(title="Ordinateur à la maison")] = False
    device_wanted: Annotated[Category, msgspec.Meta(title="Appareil souhaité")] = Category.LAPTOP
    consent_sms: Annotated[bool, msgspec.Meta(title="Accepte les SMS")] = False
    consent_email: Annotated[bool, msgspec.Meta(title="Accepte les courriels")] = False
    consent_on: Annotated[date, msgspec.Meta(title="Date du consentement")] | None = None
    notes: Text = ""
    organisation_id: int | None = None

    def to_data(self) -> TraineeData:
        names = (f for f in self.__struct_fields__ if f != "organisation_id")
        return TraineeData(**{f: getattr(self, f) for f in names})


class TraineePatch(msgspec.Struct, forbid_unknown_fields=True):
    """A partial change: the fields given replace the stored ones (``null`` or absent: kept)."""

    first_name: Name | None = None
    last_name: Name | None = None
    phone: Annotated[str, msgspec.Meta(max_length=30)] | None = None
    email: Annotated[str, msgspec.Meta(max_length=254)] | None = None
    address: Annotated[str, msgspec.Meta(max_length=300)] | None = None
    postcode: Annotated[str, msgspec.Meta(max_length=10)] | None = None
    city: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    neighbourhood: Annotated[str, msgspec.Meta(max_length=40)] | None = None
    prescriber: Prescriber | None = None
    internet_at_home: InternetAccess | None = None
    has_computer: bool | None = None
    device_wanted: Category | None = None
    consent_sms: bool | None = None
    consent_email: bool | None = None
    consent_on: date | None = None
    notes: Annotated[str, msgspec.Meta(max_length=4000)] | None = None

    def applied_to(self, data: TraineeData) -> TraineeData:
        given = {
            f: getattr(self, f) for f in self.__struct_fields__ if getattr(self, f) is not None
        }
        return replace(data, **given)


class EligibilityOut(msgspec.Struct):
    outcome: Outcome
    label: str
    reason: str
    cycle_id: int | None

    @classmethod
    def of(cls, eligibility: Eligibility) -> EligibilityOut:
        course = eligibility.course
        return cls(
            eligibility.outcome,
            eligibility.outcome.label,
            eligibility.reason,
            course.cycle_id if course else None,
        )


class TraineeOut(msgspec.Struct):
    id: int
    organisation: int
    first_name: str
    last_name: str
    phone: str
    email: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    neighbourhood: str
    neighbourhood_label: str
    prescriber: Prescriber
    prescriber_label: str
    internet_at_home: InternetAccess
    internet_label: str
    has_computer: bool
    device_wanted: Category
    device_wanted_label: str
    consent_sms: bool
    consent_email: bool
    consent_on: date | None
    notes: str
    registered_at: datetime
    eligibility: EligibilityOut

    @classmethod
    def of(cls, row: dict[str, Any], eligibility: Eligibility) -> TraineeOut:
        return from_row(
            cls,
            row,
            neighbourhood_label=label_of(row["neighbourhood"]),
            prescriber_label=Prescriber(row["prescriber"]).label,
            internet_label=InternetAccess(row["internet_at_home"]).label,
            device_wanted_label=Category(row["device_wanted"]).label,
            eligibility=EligibilityOut.of(eligibility),
        )


class WaitingPlaceOut(msgspec.Struct):
    rank: int
    trainee_id: int
    name: str
    has_computer: bool
    cycle_name: str
    cycle_ended_on: date
    registered_on: date
    neighbourhood: str
    neighbourhood_label: str
    device_wanted: Category
    reason: str

    @classmethod
    def of(cls, place: Place) -> WaitingPlaceOut:
        return from_row(cls, place)


Count = Annotated[int, msgspec.Meta(ge=1, le=40)]


class CycleIn(msgspec.Struct, forbid_unknown_fields=True):
    """A cycle; with ``weekly_sessions`` (new cycles only) one session per module is planned
    every week from the first day, at the times given."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=150, title="Nom du cycle")]
    starts_on: Annotated[date, msgspec.Meta(title="Premier jour")]
    ends_on: Annotated[date, msgspec.Meta(title="Dernier jour")]
    place: Annotated[str, msgspec.Meta(max_length=200, title="Lieu")] = ""
    modules: Annotated[int, msgspec.Meta(ge=1, le=30, title="Modules")] = 11
    places: Annotated[Count, msgspec.Meta(title="Places")] = 10
    weekly_sessions: Annotated[bool, msgspec.Meta(title="Séances chaque semaine")] = False
    session_starts_at: Annotated[time, msgspec.Meta(title="Début des séances")] = time(14)
    session_ends_at: Annotated[time, msgspec.Meta(title="Fin des séances")] = time(16)
    organisation_id: int | None = None

    def to_data(self) -> CycleData:
        names = ("name", "starts_on", "ends_on", "place", "modules", "places")
        return CycleData(**{f: getattr(self, f) for f in names})


class SessionIn(msgspec.Struct, forbid_unknown_fields=True):
    module: Annotated[int, msgspec.Meta(ge=1, le=30, title="Module")]
    day: Annotated[date, msgspec.Meta(title="Date")]
    starts_at: Annotated[time, msgspec.Meta(title="Début")]
    ends_at: Annotated[time, msgspec.Meta(title="Fin")]
    place: Annotated[str, msgspec.Meta(max_length=200, title="Lieu")] = ""

    def to_data(self) -> SessionData:
        return SessionData(self.module, self.day, self.starts_at, self.ends_at, self.place)


class SessionOut(msgspec.Struct):
    id: int
    cycle: int
    module: int
    day: date
    starts_at: time
    ends_at: time
    place: str


class EnrolIn(msgspec.Struct, forbid_unknown_fields=True):
    trainee_id: Annotated[int, msgspec.Meta(title="Bénéficiaire")]


class DropOutIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000, title="Motif")]
    on: Annotated[date, msgspec.Meta(title="Date")] | None = None


class EnrolmentOut(msgspec.Struct):
    trainee: int
    first_name: str
    last_name: str
    enrolled_at: datetime
    left_on: date | None
    left_reason: str


class CycleOut(msgspec.Struct):
    id: int
    organisation: int
    name: str
    place: str
    modules: int
    places: int
    enrolled: int
    starts_on: date
    ends_on: date
    created_at: datetime


class CycleDetailOut(CycleOut):
    sessions: list[SessionOut] = []
    enrolments: list[EnrolmentOut] = []


class AttendanceIn(msgspec.Struct, forbid_unknown_fields=True):
    """Who came (``present``) and who did not (``absent``); trainees in neither keep their mark."""

    present: list[int] = []
    absent: list[int] = []

    def marks(self) -> dict[int, bool]:
        return {**{t: False for t in self.absent}, **{t: True for t in self.present}}


class MarkOut(msgspec.Struct):
    trainee_id: int
    name: str
    present: bool | None


class RegisterOut(msgspec.Struct):
    session: SessionOut
    present_count: int
    marks: list[MarkOut]

    @classmethod
    def of(cls, register: Register) -> RegisterOut:
        return cls(
            from_row(SessionOut, register.session),
            register.present,
            [MarkOut(m.trainee_id, m.name, m.present) for m in register.marks],
        )

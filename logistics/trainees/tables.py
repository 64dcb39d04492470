"""Tables of BLÉ's part before the home: trainees, training cycles, sessions and attendance.

A trainee belongs to the installing association that trains them (``organisation``); their
personal data are read only by that association's staff (see ``logistics.accounts.permissions``,
``residents:*``), and every reading of a trainee's file is logged in ``PersonalDataAccess``.
Once the retention period is over a trainee is anonymised in place (``anonymised_at``): the
columns the yearly statistics read (neighbourhood, prescriber, internet, dates) are kept.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.categories import Category
from inventory.tables import Organisation


class Prescriber(StrEnum):
    """Who sent the person to the course (prescripteur)."""

    FRANCE_TRAVAIL = "france_travail"
    SOCIAL_CENTRE = "social_centre"
    CCAS = "ccas"
    MISSION_LOCALE = "mission_locale"
    SOCIAL_WORKER = "social_worker"
    ASSOCIATION = "association"
    SELF = "self"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _PRESCRIBER_LABELS[self]


_PRESCRIBER_LABELS = {
    Prescriber.FRANCE_TRAVAIL: "France Travail",
    Prescriber.SOCIAL_CENTRE: "Centre social",
    Prescriber.CCAS: "CCAS",
    Prescriber.MISSION_LOCALE: "Mission locale",
    Prescriber.SOCIAL_WORKER: "Travailleur social",
    Prescriber.ASSOCIATION: "Association",
    Prescriber.SELF: "Démarche personnelle",
    Prescriber.OTHER: "Autre",
}


class InternetAccess(StrEnum):
    """Internet at home: without it a computer is not installed (the person keeps the course)."""

    BOX = "box"
    PHONE_SHARING = "phone_sharing"
    NONE = "none"

    @property
    def label(self) -> str:
        return _INTERNET_LABELS[self]


_INTERNET_LABELS = {
    InternetAccess.BOX: "Box internet",
    InternetAccess.PHONE_SHARING: "Partage de connexion du téléphone",
    InternetAccess.NONE: "Pas d'internet",
}


class Trainee(Table, tablename="trainee"):
    """A resident following BLÉ's course (bénéficiaire), who may receive a computer."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    first_name = Varchar(length=100)
    last_name = Varchar(length=100)
    phone = Varchar(length=30, default="")
    email = Varchar(length=254, default="")
    address = Varchar(length=300, default="")
    postcode = Varchar(length=10, default="")
    city = Varchar(length=100, default="")
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    # A code of logistics.trainees.neighbourhoods (or "hors_qpv").
    neighbourhood = Varchar(length=40, default="hors_qpv", index=True)
    prescriber = Varchar(length=20, choices=Prescriber, default=Prescriber.OTHER)
    internet_at_home = Varchar(length=20, choices=InternetAccess, default=InternetAccess.NONE)
    has_computer = Boolean(default=False)
    device_wanted = Varchar(length=20, choices=Category, default=Category.LAPTOP)
    consent_sms = Boolean(default=False)
    consent_email = Boolean(default=False)
    consent_on = Date(null=True, default=None)
    notes = Text(default="")
    registered_at = Timestamptz()
    created_by = Integer(null=True, default=None)
    anonymised_at = Timestamptz(null=True, default=None)


class Cycle(Table, tablename="training_cycle"):
    """One course of (usually) 11 modules for about ten people, at the médiathèque or at BLÉ."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    name = Varchar(length=150)
    place = Varchar(length=200, default="")
    modules = Integer(default=11)
    places = Integer(default=10)
    starts_on = Date()
    ends_on = Date()
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)


class Enrolment(Table, tablename="enrolment"):
    """A trainee's place in a cycle (inscription); one per trainee and cycle."""

    id: Serial
    cycle = ForeignKey(references=Cycle, null=False, index=True)
    trainee = ForeignKey(references=Trainee, null=False, index=True)
    enrolled_at = Timestamptz()
    left_on = Date(null=True, default=None)  # dropped out of the course
    left_reason = Text(default="")


class CycleSession(Table, tablename="cycle_session"):
    """One session (séance) of a cycle: a module on a date, at a place."""

    id: Serial
    cycle = ForeignKey(references=Cycle, null=False, index=True)
    module = Integer()
    day = Date(index=True)
    starts_at = Time()
    ends_at = Time()
    place = Varchar(length=200, default="")


class Attendance(Table, tablename="attendance"):
    """Whether a trainee came to a session (émargement): what eligibility reads."""

    id: Serial
    session = ForeignKey(references=CycleSession, null=False, index=True)
    trainee = ForeignKey(references=Trainee, null=False, index=True)
    present = Boolean(default=False)
    ticked_at = Timestamptz()
    ticked_by = Integer(null=True, default=None)


class PersonalDataAccess(Table, tablename="personal_data_access"):
    """Who read or exported a trainee's personal data, and when (kept for the residents' sake)."""

    id: Serial
    trainee = ForeignKey(references=Trainee, null=False, index=True)
    user = Integer(null=True, default=None)
    action = Varchar(length=20)  # "view", "export", "anonymise"
    at = Timestamptz()


TRAINEE_TABLES = [Trainee, Cycle, Enrolment, CycleSession, Attendance, PersonalDataAccess]

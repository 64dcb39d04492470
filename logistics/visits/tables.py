"""Tables of the last steps: a device given to a trainee, the visits that install it, tickets.

An ``Assignment`` follows one device promised to one trainee (reserved → assigned with the
signed loan contract → installed, or released back to stock); the device's own state moves in
step through the inventory's device machine, which writes the events. A ``Visit`` is a two-hour
window at the trainee's home with one BLÉ staff member; its address is copied at booking, so a
later move of the trainee does not rewrite where a past visit took place. A ``Ticket`` is an
after-sales request (dépannage) on a device in someone's home.
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

from inventory.tables import Device, Organisation
from logistics.accounts.tables import UserAccount
from logistics.trainees.tables import Trainee


class AssignmentState(StrEnum):
    RESERVED = "reserved"
    ASSIGNED = "assigned"
    INSTALLED = "installed"
    RELEASED = "released"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return _ASSIGNMENT_LABELS[self]


_ASSIGNMENT_LABELS = {
    AssignmentState.RESERVED: "réservé",
    AssignmentState.ASSIGNED: "attribué",
    AssignmentState.INSTALLED: "installé",
    AssignmentState.RELEASED: "libéré",
    AssignmentState.RETURNED: "rendu",
}


class Assignment(Table, tablename="assignment"):
    """One device promised to one trainee (attribution), with the loan contract once signed."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)  # installing
    trainee = ForeignKey(references=Trainee, null=False, index=True)
    device = ForeignKey(references=Device, null=False, index=True)
    state = Varchar(length=20, choices=AssignmentState, default=AssignmentState.RESERVED)
    reserved_at = Timestamptz()
    reserved_by = Integer(null=True, default=None)
    assigned_at = Timestamptz(null=True, default=None)
    assigned_by = Integer(null=True, default=None)
    installed_at = Timestamptz(null=True, default=None)
    installed_by = Integer(null=True, default=None)
    # Whether the internet worked at home once installed (None until installed): the figures
    # count installations with internet.
    with_internet = Boolean(null=True, default=None)
    released_at = Timestamptz(null=True, default=None)
    released_by = Integer(null=True, default=None)
    release_reason = Text(default="")
    # The loan contract (contrat de mise à disposition): its number and the trainee's signature
    # (SVG path data, as the phone pages capture it).
    contract_number = Varchar(length=30, default="")
    contract_signed_at = Timestamptz(null=True, default=None)
    contract_signer = Varchar(length=200, default="")
    contract_signature = Text(default="")


class VisitStatus(StrEnum):
    """Where a booked visit stands; every status but ``BOOKED`` is its outcome."""

    BOOKED = "booked"
    INSTALLED = "installed"  # installed, internet working
    INSTALLED_NO_INTERNET = "installed_no_internet"
    ABSENT = "absent"
    RESCHEDULED = "rescheduled"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _VISIT_LABELS[self]


_VISIT_LABELS = {
    VisitStatus.BOOKED: "prévue",
    VisitStatus.INSTALLED: "installé, internet fonctionne",
    VisitStatus.INSTALLED_NO_INTERNET: "installé, sans internet",
    VisitStatus.ABSENT: "personne absente",
    VisitStatus.RESCHEDULED: "reportée",
    VisitStatus.REFUSED: "refusée",
    VisitStatus.CANCELLED: "annulée",
}


class CallOutcome(StrEnum):
    """The day-before call (rappel la veille)."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    TO_MOVE = "to_move"

    @property
    def label(self) -> str:
        return _CALL_LABELS[self]


_CALL_LABELS = {
    CallOutcome.REACHED: "joint, c'est confirmé",
    CallOutcome.NO_ANSWER: "pas de réponse",
    CallOutcome.TO_MOVE: "à déplacer",
}


class Visit(Table, tablename="installation_visit"):
    """One installation visit at a trainee's home: a two-hour window with one staff member."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)  # installing
    trainee = ForeignKey(references=Trainee, null=False, index=True)
    assignment = ForeignKey(references=Assignment, null=True, default=None, index=True)
    installer = ForeignKey(references=UserAccount, null=False, index=True)
    day = Date(index=True)
    window_start = Time()
    window_end = Time()
    address = Varchar(length=300, default="")
    postcode = Varchar(length=10, default="")
    city = Varchar(length=100, default="")
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    status = Varchar(length=30, choices=VisitStatus, default=VisitStatus.BOOKED, index=True)
    outcome_at = Timestamptz(null=True, default=None)
    outcome_by = Integer(null=True, default=None)
    outcome_notes = Text(default="")
    # The day the person proposed when the visit was put off (rescheduled), offered when the
    # next visit is booked.
    proposed_day = Date(null=True, default=None)
    # The day-before call, ticked by staff (who, when), and the trainee's answer to the text
    # reminder.
    called_at = Timestamptz(null=True, default=None)
    called_by = Integer(null=True, default=None)
    call_outcome = Varchar(length=20, null=True, default=None, choices=CallOutcome)
    reminded_at = Timestamptz(null=True, default=None)
    reply = Varchar(length=20, null=True, default=None)  # "confirmed" or "to_move"
    reply_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)


WHEN_AND_WHERE = (
    Visit.id,
    Visit.day,
    Visit.window_start,
    Visit.window_end,
    Visit.address,
    Visit.postcode,
    Visit.city,
    Visit.trainee.first_name.as_alias("first_name"),
    Visit.trainee.last_name.as_alias("last_name"),
)
"""What a visit is read with wherever it is named to someone (the call list, the reminders,
the calendar feed): when, where, and whose home; each reader adds what else it needs."""


class TicketMode(StrEnum):
    DROP_IN = "drop_in"
    HOME_VISIT = "home_visit"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return {
            TicketMode.DROP_IN: "à la permanence",
            TicketMode.HOME_VISIT: "à domicile",
            TicketMode.PHONE: "par téléphone",
        }[self]


class Ticket(Table, tablename="support_ticket"):
    """An after-sales request (dépannage) on a device in a trainee's home."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)  # installing
    trainee = ForeignKey(references=Trainee, null=True, default=None, index=True)
    device = ForeignKey(references=Device, null=True, default=None, index=True)
    opened_on = Date()
    problem = Text()
    mode = Varchar(length=20, choices=TicketMode, default=TicketMode.DROP_IN)
    work_done = Text(default="")
    closed_at = Timestamptz(null=True, default=None)
    opened_by = Integer(null=True, default=None)
    closed_by = Integer(null=True, default=None)


VISIT_TABLES = [Assignment, Visit, Ticket]

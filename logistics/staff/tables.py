"""What the rounds and the rota must respect about each person on the staff (fiche salarié).

Kept apart from the login account: an account says who may do what in the tracker; this says
who may drive the van, what their integration contract (CDDI) allows — its dates, its weekly
hours, the usual days and hours —, what they may carry, and when they are away (leave, sick,
training, an appointment with their job counsellor). The rota is built from it.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.tables import Organisation
from logistics.accounts.tables import UserAccount


class TeamRole(StrEnum):
    """Place on the team, apart from the login role: an encadrant technique supervises a crew."""

    AGENT = "agent"
    SUPERVISOR = "encadrant"

    @property
    def label(self) -> str:
        return {TeamRole.AGENT: "agent", TeamRole.SUPERVISOR: "encadrant technique"}[self]


class AbsenceReason(StrEnum):
    """Why a person is not available; each reads as the end of a French sentence about them."""

    LEAVE = "leave"
    SICKNESS = "sickness"
    TRAINING = "training"
    COUNSELLOR = "counsellor"

    @property
    def label(self) -> str:
        return {
            AbsenceReason.LEAVE: "congé",
            AbsenceReason.SICKNESS: "arrêt maladie",
            AbsenceReason.TRAINING: "formation",
            AbsenceReason.COUNSELLOR: "rendez-vous avec la conseillère",
        }[self]

    @property
    def sentence(self) -> str:
        """``"Samir " + sentence``: « Samir est en congé »."""
        return {
            AbsenceReason.LEAVE: "est en congé",
            AbsenceReason.SICKNESS: "est en arrêt maladie",
            AbsenceReason.TRAINING: "est en formation",
            AbsenceReason.COUNSELLOR: "est chez sa conseillère",
        }[self]


class StaffProfile(Table, tablename="staff_profile"):
    """One person's licence, contract, usual week, abilities and notes."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    user = ForeignKey(references=UserAccount, null=False, unique=True)
    driving_licence = Boolean(default=False)
    weekly_hours = Integer(null=True, default=None)  # None: not recorded, nothing to check
    days_off = JSON(default="[]")  # ISO weekdays, 1 = Monday
    team_role = Varchar(length=20, choices=TeamRole, default=TeamRole.AGENT)
    contract_start = Date(null=True, default=None)
    contract_end = Date(null=True, default=None)  # None: open-ended (or not recorded)
    usual_days = JSON(default="[]")  # ISO weekdays the person usually works; [] = any
    usual_start = Time(null=True, default=None)
    usual_end = Time(null=True, default=None)
    load_restriction = Boolean(default=False)  # no heavy rounds (medical advice)
    experienced = Boolean(default=False)
    notes = Text(default="")


class StaffUnavailability(Table, tablename="staff_unavailability"):
    """A time the person cannot work: one-off (``first_day``..``last_day``) or every week on
    ``weekday`` between those dates (``last_day`` null: no end); whole days when no hours."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    user = ForeignKey(references=UserAccount, null=False, index=True)
    reason = Varchar(length=20, choices=AbsenceReason)
    first_day = Date()
    last_day = Date(null=True, default=None)
    weekday = Integer(null=True, default=None)  # ISO weekday of a recurring one
    start_time = Time(null=True, default=None)
    end_time = Time(null=True, default=None)
    note = Varchar(length=300, default="")
    created_at = Timestamptz()


STAFF_TABLES = [StaffProfile, StaffUnavailability]

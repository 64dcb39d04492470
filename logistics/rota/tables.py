"""Tables of the rota: each computed week and its assignments.

A rota is never edited in place: re-planning (a sick day) stores a new one that names the one it
replaces, so the history of who was planned where stays readable. Assignments copy the slot's
day, hours and label, so a rota still reads after its round plan is taken back.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Serial,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.tables import Organisation
from logistics.accounts.tables import UserAccount


class StaffRota(Table, tablename="staff_rota"):
    """One computed rota of a week (planning de l'équipe)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    week_start = Date(index=True)
    status = Varchar(length=20)  # logistics.rota.model.Status
    explanations = JSON(default="[]")  # French sentences when no rota exists
    seconds = Float(default=0.0)
    replaces = Integer(null=True, default=None)  # the rota re-planned into this one
    repaired_days = JSON(null=True, default=None)  # the days re-planned; null: the whole week
    created_at = Timestamptz()
    created_by_name = Varchar(length=200, default="")


class RotaAssignment(Table, tablename="rota_assignment"):
    """A person on a round or a depot half-day."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    rota = ForeignKey(references=StaffRota, null=False, index=True)
    member = ForeignKey(references=UserAccount, null=False, index=True)
    slot_id = Varchar(length=60)
    kind = Varchar(length=10)  # logistics.rota.model.SlotKind
    label = Varchar(length=200, default="")
    day = Date(index=True)
    starts = Time()
    ends = Time()
    work_minutes = Integer(default=0)
    heavy = Boolean(default=False)
    driver = Boolean(default=False)
    planned_round = Integer(null=True, default=None)  # id of a round of the plan, if a round


ROTA_TABLES = [StaffRota, RotaAssignment]

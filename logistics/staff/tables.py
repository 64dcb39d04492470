"""What the rounds must respect about each person on the staff (fiche salarié).

Kept apart from the login account: an account says who may do what in the tracker; this says
who may drive the van, how many hours a week their contract allows and which days they do not
work. The integration contracts (CDDI) are part-time and fixed, and the rounds must fit them.
"""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, ForeignKey, Integer, Serial
from piccolo.table import Table

from logistics.accounts.tables import UserAccount


class StaffProfile(Table, tablename="staff_profile"):
    """One person's driving licence, weekly contract hours and days off."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    user = ForeignKey(references=UserAccount, null=False, unique=True)
    driving_licence = Boolean(default=False)
    weekly_hours = Integer(null=True, default=None)  # None: not recorded, nothing to check
    days_off = JSON(default="[]")  # ISO weekdays, 1 = Monday

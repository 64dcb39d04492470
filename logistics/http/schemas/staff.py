"""Shapes of a staff profile (fiche salarié), read and written whole."""

from __future__ import annotations

from typing import Annotated

import msgspec

from logistics.staff.profiles import Profile


class StaffProfileIO(msgspec.Struct, forbid_unknown_fields=True):
    """``days_off`` are ISO weekdays (1 = Monday); ``weekly_hours`` null when not recorded."""

    driving_licence: bool = False
    weekly_hours: Annotated[int, msgspec.Meta(title="Heures par semaine")] | None = None
    days_off: Annotated[list[int], msgspec.Meta(title="Jours de repos")] = msgspec.field(
        default_factory=list
    )

    @classmethod
    def of(cls, profile: Profile) -> StaffProfileIO:
        return cls(profile.driving_licence, profile.weekly_hours, profile.days_off)

    def to_profile(self) -> Profile:
        return Profile(self.driving_licence, self.weekly_hours, self.days_off)

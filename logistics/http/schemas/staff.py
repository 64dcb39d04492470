"""Shapes of a staff profile (fiche salarié), read and written whole, and of an
unavailability (indisponibilité)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, time
from typing import Annotated

import msgspec

from logistics.staff.availability import Unavailability
from logistics.staff.profiles import Profile
from logistics.staff.tables import AbsenceReason, TeamRole

Weekdays = Annotated[list[int], msgspec.Meta(description="ISO weekdays, 1 = Monday")]


class StaffProfileIO(msgspec.Struct, forbid_unknown_fields=True):
    """``days_off`` and ``usual_days`` are ISO weekdays (1 = Monday); ``weekly_hours`` null
    when not recorded; ``contract_end`` null for an open-ended contract."""

    driving_licence: bool = False
    weekly_hours: Annotated[int, msgspec.Meta(title="Heures par semaine")] | None = None
    days_off: Annotated[Weekdays, msgspec.Meta(title="Jours de repos")] = msgspec.field(
        default_factory=list
    )
    team_role: Annotated[TeamRole, msgspec.Meta(title="Rôle dans l'équipe")] = TeamRole.AGENT
    contract_start: Annotated[date, msgspec.Meta(title="Début du contrat")] | None = None
    contract_end: Annotated[date, msgspec.Meta(title="Fin du contrat")] | None = None
    usual_days: Annotated[Weekdays, msgspec.Meta(title="Jours habituels")] = msgspec.field(
        default_factory=list
    )
    usual_start: Annotated[time, msgspec.Meta(title="Heure habituelle d'arrivée")] | None = None
    usual_end: Annotated[time, msgspec.Meta(title="Heure habituelle de départ")] | None = None
    load_restriction: bool = False
    experienced: bool = False
    notes: Annotated[str, msgspec.Meta(title="Notes", max_length=2000)] = ""

    @classmethod
    def of(cls, profile: Profile) -> StaffProfileIO:
        return cls(**asdict(profile))

    def to_profile(self) -> Profile:
        return Profile(**msgspec.structs.asdict(self))


class UnavailabilityIn(msgspec.Struct, forbid_unknown_fields=True):
    """One-off: ``first_day`` to ``last_day`` (omitted: that day only). Recurring: ``weekday``
    (1 = Monday) every week from ``first_day`` until ``last_day`` (omitted: no end). No hours:
    the whole day."""

    reason: Annotated[AbsenceReason, msgspec.Meta(title="Motif")]
    first_day: Annotated[date, msgspec.Meta(title="Premier jour")]
    last_day: Annotated[date, msgspec.Meta(title="Dernier jour")] | None = None
    weekday: Annotated[int, msgspec.Meta(title="Chaque semaine le")] | None = None
    start_time: Annotated[time, msgspec.Meta(title="De")] | None = None
    end_time: Annotated[time, msgspec.Meta(title="À")] | None = None
    note: Annotated[str, msgspec.Meta(title="Note", max_length=300)] = ""

    def to_unavailability(self) -> Unavailability:
        return Unavailability(**msgspec.structs.asdict(self))


class UnavailabilityOut(UnavailabilityIn, kw_only=True):
    id: int
    description: str

    @classmethod
    def of(cls, away: Unavailability) -> UnavailabilityOut:
        values = {k: v for k, v in asdict(away).items() if k != "id"}
        return cls(**values, id=away.id or 0, description=away.describe())

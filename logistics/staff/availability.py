"""When a person is away (indisponibilités): pure rules, no database.

An unavailability is one-off (a leave from the 3rd to the 7th, a sick day) or recurring (every
Tuesday 14:00–15:30 at the job counsellor's, until the end of the contract). Planning only asks
one question of it — "is this person away on this day, and when?" — answered by ``away_on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from inventory.errors import Invalid
from logistics.staff.tables import AbsenceReason
from routes.model import WEEKDAY_NAMES

WHOLE_DAY = (time(0, 0), time(23, 59))
"""The hours of an unavailability given without hours: the whole day."""


@dataclass(frozen=True)
class Unavailability:
    """``weekday`` set: recurring every week between ``first_day`` and ``last_day`` (None: no
    end); otherwise every day from ``first_day`` to ``last_day`` (None: that day only)."""

    reason: AbsenceReason
    first_day: date
    last_day: date | None = None
    weekday: int | None = None
    start_time: time | None = None
    end_time: time | None = None
    note: str = ""
    id: int | None = None

    @property
    def hours(self) -> tuple[time, time]:
        if self.start_time is None or self.end_time is None:
            return WHOLE_DAY
        return (self.start_time, self.end_time)

    @property
    def whole_day(self) -> bool:
        return self.hours == WHOLE_DAY

    def away_on(self, day: date) -> tuple[time, time] | None:
        """The hours this unavailability takes on ``day``, or None when it leaves it free."""
        if day < self.first_day:
            return None
        if self.weekday is not None:
            if day.isoweekday() != self.weekday:
                return None
            if self.last_day is not None and day > self.last_day:
                return None
        elif day > (self.last_day or self.first_day):
            return None
        return self.hours

    def describe(self) -> str:
        """« congé du 03/12/2026 au 07/12/2026 », « rendez-vous … chaque mardi 14:00–15:30 »."""
        when = (
            f"chaque {WEEKDAY_NAMES[self.weekday - 1]} à partir du {self.first_day:%d/%m/%Y}"
            if self.weekday is not None
            else (
                f"du {self.first_day:%d/%m/%Y} au {self.last_day:%d/%m/%Y}"
                if self.last_day and self.last_day != self.first_day
                else f"le {self.first_day:%d/%m/%Y}"
            )
        )
        if self.weekday is not None and self.last_day is not None:
            when += f" jusqu'au {self.last_day:%d/%m/%Y}"
        hours = "" if self.whole_day else f" de {self.hours[0]:%H:%M} à {self.hours[1]:%H:%M}"
        return f"{self.reason.label} {when}{hours}"


def checked(away: Unavailability) -> Unavailability:
    """Refuse what cannot be meant: an end before the start, half the hours, a weekday of 9."""
    if away.last_day is not None and away.last_day < away.first_day:
        raise Invalid("La fin de l'indisponibilité est avant son début.")
    if away.weekday is not None and away.weekday not in range(1, 8):
        raise Invalid("Le jour de la semaine va de 1 (lundi) à 7 (dimanche).")
    if (away.start_time is None) != (away.end_time is None):
        raise Invalid("Donnez l'heure de début et l'heure de fin, ou aucune pour la journée.")
    start, end = away.start_time, away.end_time
    if start is not None and end is not None and end <= start:
        raise Invalid("L'heure de fin de l'indisponibilité doit suivre l'heure de début.")
    if away.reason == AbsenceReason.COUNSELLOR and away.start_time is None:
        raise Invalid("Un rendez-vous avec la conseillère a des heures : donnez-les.")
    return away

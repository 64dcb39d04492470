"""The time of a visit: a two-hour window at the person's home, and what fits in a day.

A window is what BLÉ promises the person ("entre 9 h et 11 h"); the staff member spends
``visit`` minutes there (setting ``VISIT_MINUTES``) and needs ``travel`` minutes to come from
the previous home (``VISIT_TRAVEL_MINUTES``, a floor: the day view uses real travel times).
Two visits of one staff member clash when they cannot both be done inside their windows,
one after the other: two visits in the same 9 h-11 h window do (an hour each plus the trip),
9 h-11 h and 10 h-12 h do not. Pure functions: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from logistics.french import french_date

WINDOW = timedelta(hours=2)
EARLIEST = time(7, 0)
LATEST_END = time(21, 0)
EXACT_UP_TO = 16
"""Up to this many visits in a day, the check tries every order (2^n states); beyond, it
keeps the order of the windows' ends, which can only refuse more."""


def hour_text(moment: time) -> str:
    """ "9 h", "9 h 30": how a person says the time of a visit."""
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def window_text(start: time, end: time) -> str:
    return f"de {hour_text(start)} à {hour_text(end)}"


def window_end(start: time) -> time:
    """The end of the two-hour window starting at ``start``."""
    return (datetime.combine(date.min, start) + WINDOW).time()


def window_problem(start: time) -> str | None:
    """Why a window starting at ``start`` cannot be booked (French), or None."""
    if start < EARLIEST or start > (datetime.combine(date.min, LATEST_END) - WINDOW).time():
        latest = (datetime.combine(date.min, LATEST_END) - WINDOW).time()
        return (
            f"Le créneau doit commencer entre {hour_text(EARLIEST)} et {hour_text(latest)} "
            f"(il dure deux heures)."
        )
    return None


@dataclass(frozen=True)
class Booked:
    """A visit as the clash check sees it; ``label`` names it for the message."""

    start: time
    end: time
    label: str = ""

    def overlaps(self, other: Booked) -> bool:
        return self.start < other.end and other.start < self.end


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60


def all_fit(visits: Sequence[Booked], visit_minutes: int, travel_minutes: int) -> bool:
    """Whether one person can do every visit inside its window, one after the other.

    Each visit takes the trip to it and its own time; the trip may start before the window
    opens, the visit must end when it closes. Exact (every order) up to ``EXACT_UP_TO``.
    """
    busy = (visit_minutes + travel_minutes) * 60
    jobs = [(_seconds(v.start) - travel_minutes * 60, _seconds(v.end)) for v in visits]
    if len(jobs) > EXACT_UP_TO:
        finish = -(10**9)
        for release, deadline in sorted(jobs, key=lambda job: job[1]):
            finish = max(finish, release) + busy
            if finish > deadline:
                return False
        return True
    # earliest[mask]: the earliest moment the visits in ``mask`` can all be done by.
    never = 10**9
    earliest = [never] * (1 << len(jobs))
    earliest[0] = -never
    for mask in range(1 << len(jobs)):
        if earliest[mask] == never:
            continue
        for index, (release, deadline) in enumerate(jobs):
            if mask & (1 << index):
                continue
            finish = max(earliest[mask], release) + busy
            after = mask | (1 << index)
            if finish <= deadline and finish < earliest[after]:
                earliest[after] = finish
    return earliest[-1] != never


def clashes(
    new: Booked, others: Sequence[Booked], visit_minutes: int, travel_minutes: int
) -> list[Booked]:
    """The visits in the way of ``new``, or [] when it fits: those whose window overlaps it and
    without which it would fit (all overlapping ones when no single one frees the time)."""
    if all_fit([*others, new], visit_minutes, travel_minutes):
        return []
    overlapping = [other for other in others if other.overlaps(new)]
    culprits = [
        other
        for other in overlapping
        if all_fit([o for o in others if o is not other] + [new], visit_minutes, travel_minutes)
    ]
    return culprits or overlapping or list(others)


def clash_message(name: str, day: date, clashing: Sequence[Booked]) -> str:
    """ "Nadia Blanc a déjà une visite le jeudi 10 décembre de 9 h à 11 h chez F. Durand." """
    when = f"le {french_date(day, weekday=True).rsplit(' ', 1)[0]}"
    parts = [f"{window_text(v.start, v.end)} chez {v.label}" for v in clashing]
    if len(parts) == 1:
        return f"{name} a déjà une visite {when} {parts[0]}."
    return f"{name} a déjà {len(parts)} visites {when} : {', '.join(parts)}."

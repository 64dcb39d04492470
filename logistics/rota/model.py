"""The rota's plain data: people, the places to fill (slots), the rules, and a rota.

Everything is minutes since midnight and ISO weekdays, so the solver, the explanations and the
checker read the same facts without a database, a time zone or a framework. The service that
loads a week (``logistics.rota.services``) turns fiches, unavailabilities and published rounds
into these; tests and the benchmark build them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SlotKind(StrEnum):
    ROUND = "round"  # a collection round of the published plan: a crew in a van
    DEPOT = "depot"  # sorting, weighing, TRIRA lots, labels: a half-day at the depot


@dataclass(frozen=True)
class Away:
    """A time a person cannot work on one day; ``why`` ends a French sentence about them
    (« est en congé », « est chez sa conseillère »)."""

    day: date
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Person:
    """What the rota must know of one person for one week.

    ``past_*`` are the three weeks before, for fairness over four weeks: minutes short of the
    contract and heavy rounds done. ``usual_days`` empty: any day is usual.
    """

    id: int
    name: str
    weekly_minutes: int
    licence: bool = False
    experienced: bool = False
    supervisor: bool = False
    load_restriction: bool = False
    days_off: frozenset[int] = frozenset()
    usual_days: frozenset[int] = frozenset()
    usual_hours: tuple[int, int] | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    away: tuple[Away, ...] = ()
    past_short_minutes: int = 0
    past_heavy: int = 0

    @property
    def can_lead(self) -> bool:
        """An experienced agent or the encadrant: a crew needs one of them."""
        return self.experienced or self.supervisor


@dataclass(frozen=True)
class Slot:
    """A place to fill on one day: a round (a crew) or a depot half-day.

    ``work_minutes`` is what it counts against the contract (a round's lunch break, taken with
    the crew, is not work). ``includes_lunch``: the break happens inside the slot.
    """

    id: str
    kind: SlotKind
    label: str
    day: date
    start: int
    end: int
    work_minutes: int
    min_people: int
    max_people: int
    needs_driver: bool = False
    needs_lead: bool = False
    heavy: bool = False
    includes_lunch: bool = False


@dataclass(frozen=True)
class Rules:
    """The working-time rules every rota keeps (French labour law and the association's own)."""

    max_day_minutes: int = 8 * 60
    min_rest_minutes: int = 11 * 60
    lunch_minutes: int = 45
    lunch_earliest: int = 11 * 60 + 45
    lunch_latest_end: int = 14 * 60


@dataclass(frozen=True)
class Assignment:
    person_id: int
    slot_id: str
    driver: bool = False


@dataclass(frozen=True)
class Problem:
    """One week to staff. ``previous``: the rota being re-planned, whose assignments the new
    one should keep (stability after a sick day)."""

    people: tuple[Person, ...]
    slots: tuple[Slot, ...]
    rules: Rules = field(default_factory=Rules)
    previous: tuple[Assignment, ...] = ()

    def person(self, person_id: int) -> Person:
        return next(p for p in self.people if p.id == person_id)

    def slot(self, slot_id: str) -> Slot:
        return next(s for s in self.slots if s.id == slot_id)


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven best under the priorities
    FEASIBLE = "feasible"  # valid, the best found within the time limit
    INFEASIBLE = "infeasible"  # no rota keeps every hard rule: see the explanations
    UNKNOWN = "unknown"  # the time ran out before any valid rota was found


@dataclass(frozen=True)
class Rota:
    """The solver's answer: assignments when valid, French explanations when not."""

    status: Status
    assignments: tuple[Assignment, ...] = ()
    explanations: tuple[str, ...] = ()
    seconds: float = 0.0
    repaired_days: tuple[date, ...] | None = None  # re-planned only these days (None: the week)

    @property
    def found(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end

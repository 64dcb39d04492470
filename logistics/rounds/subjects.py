"""What a round visits: a kind of stop (a pickup request today) and its id.

Plans, their storage and their changes (planning, moves, insertions, publishing, withdrawal)
know a visit only by its ``SubjectRef``. Everything that depends on what is visited is asked of
the subject's kind through ``StopKind``: where it is and when it may be visited (a
``routes.model.Stop``), what round sheets show of it, what publishing, withdrawing or starting
a visit means for it, and where a visit stands (what the crew's phones show). A new kind
implements ``StopKind`` and is registered in ``logistics.rounds.kinds``; the rounds code does
not change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Literal, Protocol

from inventory.history import Circumstances
from inventory.scope import Scope
from routes.model import Stop, TimeWindow, WorkRules

DETAIL_KEYS = (
    "name",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_phone",
    "opening_hours",
    "access_notes",
)
"""What a visited stop's row carries for sheets, phones and reminders, whatever its kind (None
where the kind has nothing to say, and on a lunch break or an unloading). A kind may add keys of
its own (a pickup adds ``pickup_request`` and ``donor``)."""


@dataclass(frozen=True, order=True)
class SubjectRef:
    """What one stop visits: ``kind`` is a registered ``StopKind.name``, ``id`` its record."""

    kind: str
    id: int

    @property
    def key(self) -> str:
        """The opaque ``ref`` of the stop in ``routes``, unique across kinds in one plan."""
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> SubjectRef:
        kind, _, number = key.rpartition(":")
        return cls(kind, int(number))

    @classmethod
    def of_row(cls, row: Mapping[str, Any]) -> SubjectRef | None:
        """The subject of a ``round_stop`` or ``left_out_request`` row (None for a break)."""
        if row["subject_kind"] is None:
            return None
        return cls(row["subject_kind"], row["subject_id"])


StopState = Literal["todo", "started", "done"]


@dataclass(frozen=True)
class StopProgress:
    """Where one visit stands on the server, whichever phone of the crew made it: ``by``, the
    agents named on its record; ``at``, when it was done (or begun), in the association's time
    zone. Without it a teammate's phone shows a stop already signed as "à faire", and starting
    it again can only be refused."""

    state: StopState
    by: str = ""
    at: datetime | None = None


TODO = StopProgress("todo")


def by_kind(subjects: Mapping[SubjectRef, str]) -> dict[str, dict[int, str]]:
    """``{kind: {id: label}}`` from ``{subject: label}``, in the order the subjects came."""
    grouped: dict[str, dict[int, str]] = {}
    for subject, label in subjects.items():
        grouped.setdefault(subject.kind, {})[subject.id] = label
    return grouped


class StopKind(Protocol):
    """The rules of one kind of stop. ``visited`` maps the ids of a plan's subjects of this kind
    to the labels its stops show, so messages name them as the manager sees them."""

    name: str
    """Stored in ``subject_kind``: stable ASCII, such as ``"pickup_request"``."""
    noun: str
    """One of them in French with its article ("une demande d'enlèvement"), for messages."""
    unlocated: str
    """Why a subject without coordinates cannot be put in a round by hand, and what to do."""

    async def candidates(self, scope: Scope, week: Sequence[date]) -> list[dict[str, Any]]:
        """The subjects waiting for a round, for the manager to choose from (rows with an
        ``id``); ``week`` is the plan's days, for a kind whose subjects are due on a date."""
        ...

    async def stops(
        self, organisation_id: int, ids: Sequence[int], week: Sequence[date], *, fresh: bool
    ) -> dict[int, Stop]:
        """The routes stop of each subject (any ``ref``: the caller sets its own), ``NotFound``
        for an unknown one; with ``fresh`` (a new plan) ``Conflict`` for one no longer waiting
        for a round, while a left-out one put in by hand is taken as it stands."""
        ...

    async def on_day(
        self, subject_id: int, label: str, day: date, rules: WorkRules
    ) -> tuple[tuple[TimeWindow, ...], tuple[str, ...]]:
        """A stop moved by hand to ``day``: its windows that day, and warnings (in French) when
        the day breaks one of the subject's rules."""
        ...

    async def details(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """What sheets and phones show of each subject: ``DETAIL_KEYS`` and the kind's own."""
        ...

    async def publish(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        """The plan is published (inside its transaction): mark the subjects as in a round, or
        refuse with ``IllegalTransition`` when one can no longer be."""
        ...

    async def started(self, visited: Mapping[int, str]) -> str | None:
        """Why one of the visits has begun (a collection opened), in French, or None: a begun
        visit is the record of what happened, so its plan can no longer be taken back."""
        ...

    async def withdraw(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        """The published plan is taken back to draft (inside its transaction, none started):
        the subjects wait for a round again."""
        ...

    async def progress(
        self, scope: Scope, ids: Sequence[int], zone: tzinfo
    ) -> dict[int, StopProgress]:
        """Where the visit of each subject stands, read from the record of what happened
        (absent: nothing begun), with times in ``zone``."""
        ...

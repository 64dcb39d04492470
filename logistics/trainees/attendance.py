"""The attendance register (émargement) of a session: BLÉ staff tick who came.

The register lists the trainees enrolled in the session's cycle, except those who had left the
course before that day; each mark is kept (present or absent) with who ticked it and when.
Eligibility counts the modules a trainee was ticked present at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inventory.engine import lock_row, write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.trainees.cycles import get_session, sessions_of
from logistics.trainees.people import MANAGE
from logistics.trainees.tables import Attendance, CycleSession, Enrolment


@dataclass(frozen=True)
class Mark:
    """One line of the register; ``present`` is ``None`` until someone ticks it."""

    trainee_id: int
    first_name: str
    last_name: str
    present: bool | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Register:
    session: dict[str, Any]
    marks: list[Mark]

    @property
    def present(self) -> int:
        return sum(1 for mark in self.marks if mark.present)


async def _expected(session: dict[str, Any]) -> list[dict[str, Any]]:
    """Those enrolled in the cycle who had not left before the session's day, by name."""
    rows = (
        await Enrolment.select(
            Enrolment.trainee,
            Enrolment.left_on,
            Enrolment.trainee.first_name.as_alias("first_name"),
            Enrolment.trainee.last_name.as_alias("last_name"),
        )
        .where(Enrolment.cycle == session["cycle"])
        .order_by(Enrolment.trainee.last_name)
        .order_by(Enrolment.trainee.first_name)
    )
    return [row for row in rows if row["left_on"] is None or row["left_on"] > session["day"]]


async def register(scope: Scope, session_id: int, cycle_id: int | None = None) -> Register:
    """The session's register as it stands (``NotFound`` if it is not of ``cycle_id``)."""
    session = await get_session(scope, session_id)
    if cycle_id is not None and session["cycle"] != cycle_id:
        raise NotFound("Séance introuvable.")
    expected = await _expected(session)
    ticked = {
        row["trainee"]: bool(row["present"])
        for row in await Attendance.select(Attendance.trainee, Attendance.present).where(
            Attendance.session == session_id
        )
    }
    marks = [
        Mark(row["trainee"], row["first_name"], row["last_name"], ticked.get(row["trainee"]))
        for row in expected
    ]
    return Register(session, marks)


async def tick(
    scope: Scope, session_id: int, marks: dict[int, bool], circumstances: Circumstances
) -> Register:
    """Record who was present (``True``) or absent (``False``) at a session; trainees left out
    of ``marks`` keep their mark. Ticking again the same way changes nothing."""
    scope.require("residents:manage", MANAGE)
    async with write_transaction(Attendance):
        await lock_row(CycleSession, session_id)  # two phones ticking one register in turn
        session = await get_session(scope, session_id)
        expected = {row["trainee"] for row in await _expected(session)}
        strangers = sorted(set(marks) - expected)
        if strangers:
            raise Invalid(
                "Ces personnes ne sont pas inscrites à cette séance : "
                + ", ".join(str(s) for s in strangers)
                + "."
            )
        current = {
            row["trainee"]: row
            for row in await Attendance.select().where(Attendance.session == session_id)
        }
        changed: dict[str, bool] = {}
        for trainee_id, present in marks.items():
            row = current.get(trainee_id)
            if row is not None and bool(row["present"]) == present:
                continue
            values: dict[str, Any] = {
                "present": present,
                "ticked_at": circumstances.at,
                "ticked_by": scope.actor_id or None,
            }
            if row is None:
                await Attendance.insert(
                    Attendance(session=session_id, trainee=trainee_id, **values)
                )
            else:
                await Attendance.update(**values).where(Attendance.id == row["id"])
            changed[str(trainee_id)] = present
        if changed:
            await record(
                scope,
                session["organisation"],
                "cycle",
                session["cycle"],
                "attendance",
                circumstances,
                details={"session": session_id, "marks": changed},
            )
    return await register(scope, session_id)


async def present_counts(scope: Scope, cycle_id: int) -> dict[int, int]:
    """How many trainees were ticked present at each session of a cycle (by session id)."""
    sessions = await sessions_of(scope, cycle_id)
    rows = await Attendance.select(Attendance.session).where(
        Attendance.session.is_in([s["id"] for s in sessions] or [-1]),
        Attendance.present == True,  # noqa: E712 (a Piccolo expression)
    )
    counts = {s["id"]: 0 for s in sessions}
    for row in rows:
        counts[row["session"]] += 1
    return counts

"""Who is offered a computer at the end of the course: the programme's rules, written out.

A trainee who attended the course regularly is offered a computer once their cycle is over.
"Regularly" is a number of modules attended (``ELIGIBILITY_MIN_MODULES``, 8 of the cycle's 11 by
default; never more than the cycle has). Without internet at home the computer is not installed:
the person keeps the training, and "eligible, not installed" is a normal outcome that the
figures count. A trainee who left the course is not eligible; a cycle still running decides
nothing yet. The rules are plain functions (``judge_course``, ``decide``) on the facts the
database gives (``courses_of``), so they are tested without a database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from inventory.scope import Scope
from logistics import clock
from logistics.french import french_date
from logistics.settings import get_settings
from logistics.trainees.people import get_trainee, list_trainees, residents_condition
from logistics.trainees.tables import InternetAccess, Trainee


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NO_INTERNET = "eligible_not_installed"
    NOT_ELIGIBLE = "not_eligible"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.ELIGIBLE: "Éligible",
    Outcome.NO_INTERNET: "Éligible, pas installé (pas d'internet)",
    Outcome.NOT_ELIGIBLE: "Non éligible",
    Outcome.NOT_YET: "Pas encore décidé",
}


@dataclass(frozen=True)
class Course:
    """One enrolment as eligibility reads it: the cycle, and what the trainee attended of it."""

    cycle_id: int
    cycle_name: str
    modules: int
    ends_on: date
    attended: int  # distinct modules the trainee was ticked present at
    left_on: date | None = None
    left_reason: str = ""


@dataclass(frozen=True)
class Eligibility:
    """The outcome, its reason in French, and the course that decided it (if any)."""

    outcome: Outcome
    reason: str
    course: Course | None = None

    @property
    def eligible(self) -> bool:
        """Whether the training earned a computer (installed or not, for lack of internet)."""
        return self.outcome in (Outcome.ELIGIBLE, Outcome.NO_INTERNET)


def required_modules(modules: int, minimum: int) -> int:
    """The modules to attend in a cycle of ``modules``: the setting, or all of a shorter cycle."""
    return min(modules, minimum)


def is_finished(course: Course, today: date) -> bool:
    """A cycle is over the day after its last day (its last session may still be ticked on it)."""
    return course.ends_on < today


def _sessions(count: int) -> str:
    return f"{count} séance{'s' if count > 1 else ''}"


def judge_course(course: Course, today: date, minimum: int) -> Eligibility:
    """What one course earns on attendance alone: ``ELIGIBLE``, ``NOT_ELIGIBLE`` or ``NOT_YET``."""
    needed = required_modules(course.modules, minimum)
    attended = f"{_sessions(course.attended)} suivie{'s' if course.attended > 1 else ''}"
    if course.left_on is not None:
        reason = f"A quitté la formation le {french_date(course.left_on)}"
        reason += f" : {course.left_reason}." if course.left_reason else "."
        return Eligibility(Outcome.NOT_ELIGIBLE, reason, course)
    if not is_finished(course, today):
        reason = (
            f"Cycle « {course.cycle_name} » en cours jusqu'au {french_date(course.ends_on)} : "
            f"{attended} sur {course.modules} pour l'instant, il en faut {needed}."
        )
        return Eligibility(Outcome.NOT_YET, reason, course)
    if course.attended < needed:
        reason = f"{attended} sur {course.modules}, il en faut {needed}."
        return Eligibility(Outcome.NOT_ELIGIBLE, reason, course)
    reason = (
        f"{attended} sur {course.modules} (il en faut {needed}), "
        f"cycle « {course.cycle_name} » terminé le {french_date(course.ends_on)}."
    )
    return Eligibility(Outcome.ELIGIBLE, reason, course)


def decide(
    courses: list[Course], internet: InternetAccess, today: date, minimum: int
) -> Eligibility:
    """A trainee's eligibility over every course they enrolled in.

    The first cycle that earned a computer decides (its end date places them on the waiting
    list); else a cycle still running keeps the question open; else the latest refusal says why.
    """
    if not courses:
        return Eligibility(Outcome.NOT_YET, "Inscrit(e) à aucun cycle pour l'instant.")
    in_order = sorted(courses, key=lambda course: (course.ends_on, course.cycle_id))
    judged = [judge_course(course, today, minimum) for course in in_order]
    earned = [e for e in judged if e.outcome is Outcome.ELIGIBLE]
    if earned:
        first = earned[0]
        if internet is InternetAccess.NONE:
            reason = (
                f"Formation réussie ({first.reason.rstrip('.')}), mais pas d'internet au "
                "domicile : l'ordinateur n'est pas installé, la formation reste acquise."
            )
            return Eligibility(Outcome.NO_INTERNET, reason, first.course)
        return first
    running = [e for e in judged if e.outcome is Outcome.NOT_YET]
    if running:
        return running[0]
    return judged[-1]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# One row per enrolment: the distinct modules the trainee was ticked present at.
_COURSES_SQL = """
SELECT e.trainee AS trainee, c.id AS cycle, c.name AS name, c.modules AS modules,
       c.ends_on AS ends_on, e.left_on AS left_on, e.left_reason AS left_reason,
       COUNT(DISTINCT CASE WHEN a.present THEN s.module END) AS attended
FROM enrolment e
JOIN training_cycle c ON c.id = e.cycle
LEFT JOIN cycle_session s ON s.cycle = c.id
LEFT JOIN attendance a ON a.session = s.id AND a.trainee = e.trainee
WHERE {where}
GROUP BY e.trainee, c.id, c.name, c.modules, c.ends_on, e.left_on, e.left_reason
"""


def _among(column: str, ids: list[int]) -> str:
    return f" AND {column} IN (" + ", ".join("{}" for _ in ids) + ")"


async def courses_of(scope: Scope, trainee_ids: list[int] | None = None) -> dict[int, list[Course]]:
    """Every course of the given trainees (all the association's, when ``None``)."""
    where, args = residents_condition(scope, "c.organisation")
    if trainee_ids is not None:
        if not trainee_ids:
            return {}
        where += _among("e.trainee", trainee_ids)
        args += trainee_ids
    return await _courses(where, args)


async def courses_in(organisation_ids: list[int]) -> dict[int, list[Course]]:
    """Every course given by these installing associations, whoever asks: for counts only
    (the year's figures), never shown person by person."""
    if not organisation_ids:
        return {}
    return await _courses("1 = 1" + _among("c.organisation", organisation_ids), organisation_ids)


async def _courses(where: str, args: list[Any]) -> dict[int, list[Course]]:
    rows = await Trainee.raw(_COURSES_SQL.format(where=where), *args)
    courses: dict[int, list[Course]] = defaultdict(list)
    for row in rows:
        courses[row["trainee"]].append(
            Course(
                cycle_id=row["cycle"],
                cycle_name=row["name"],
                modules=row["modules"],
                ends_on=_day(row["ends_on"]),
                attended=int(row["attended"] or 0),
                left_on=_day(row["left_on"]) if row["left_on"] else None,
                left_reason=row["left_reason"] or "",
            )
        )
    return courses


async def eligibilities(
    scope: Scope, trainees: list[dict[str, Any]], today: date | None = None
) -> dict[int, Eligibility]:
    """The eligibility of each trainee row (read through the caller's scope beforehand)."""
    today = today or clock.today()
    minimum = get_settings().eligibility_min_modules
    courses = await courses_of(scope, [row["id"] for row in trainees])
    return {
        row["id"]: decide(
            courses.get(row["id"], []), InternetAccess(row["internet_at_home"]), today, minimum
        )
        for row in trainees
    }


async def eligibility_of(scope: Scope, trainee_id: int, today: date | None = None) -> Eligibility:
    """One trainee's eligibility (``NotFound`` outside the caller's association)."""
    trainee = await get_trainee(scope, trainee_id)
    return (await eligibilities(scope, [trainee], today))[trainee_id]


async def trainees_with_eligibility(
    scope: Scope,
    *,
    cycle_id: int | None = None,
    neighbourhood: str | None = None,
    outcome: Outcome | None = None,
    name: str = "",
    today: date | None = None,
) -> list[tuple[dict[str, Any], Eligibility]]:
    """The association's trainees (``people.list_trainees``' filters), each with their
    eligibility, kept to one ``outcome`` when given."""
    rows = await list_trainees(scope, cycle_id=cycle_id, neighbourhood=neighbourhood, name=name)
    decided = await eligibilities(scope, rows, today)
    return [
        (row, decided[row["id"]])
        for row in rows
        if outcome is None or decided[row["id"]].outcome is outcome
    ]

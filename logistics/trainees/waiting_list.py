"""The waiting list (liste d'attente): eligible trainees still without a computer, in the
programme's order of priority.

Priority goes to people with no computer at home, then to the earliest end of the cycle that
made them eligible, then to the order of registration. Only eligible trainees with internet at
home wait for a device (without it a computer is not installed); one with a device reserved,
assigned or installed has left the list. The list is computed by the database in one query
(the rules of ``eligibility`` written in SQL: finished cycle, not left, enough modules), so
thousands of trainees cost milliseconds; each place comes with its reason in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from inventory.categories import Category
from inventory.scope import Scope
from logistics import clock
from logistics.french import french_date
from logistics.settings import get_settings
from logistics.trainees.neighbourhoods import label_of
from logistics.trainees.people import READ, residents_condition
from logistics.trainees.tables import InternetAccess, Trainee
from logistics.visits.tables import AssignmentState

HOLDING_A_DEVICE = (AssignmentState.RESERVED, AssignmentState.ASSIGNED, AssignmentState.INSTALLED)
"""An assignment in these states means the trainee has (or is about to have) their computer."""

_WAITING_SQL = """
WITH present AS (
    SELECT a.trainee AS trainee, s.cycle AS cycle, COUNT(DISTINCT s.module) AS modules
    FROM attendance a
    JOIN cycle_session s ON s.id = a.session
    JOIN training_cycle c ON c.id = s.cycle
    WHERE a.present AND {where} AND c.ends_on < {{}}
    GROUP BY a.trainee, s.cycle
), earned AS (
    SELECT e.trainee AS trainee, c.name AS cycle_name, c.ends_on AS ends_on,
           ROW_NUMBER() OVER (PARTITION BY e.trainee ORDER BY c.ends_on, c.id) AS nth
    FROM enrolment e
    JOIN training_cycle c ON c.id = e.cycle
    JOIN present p ON p.trainee = e.trainee AND p.cycle = e.cycle
    WHERE e.left_on IS NULL
      AND p.modules >= CASE WHEN c.modules < {{}} THEN c.modules ELSE {{}} END
)
SELECT t.id AS id, t.first_name AS first_name, t.last_name AS last_name,
       t.has_computer AS has_computer, t.registered_at AS registered_at,
       t.neighbourhood AS neighbourhood, t.device_wanted AS device_wanted,
       t.phone AS phone, f.ends_on AS ends_on, f.cycle_name AS cycle_name
FROM trainee t
JOIN earned f ON f.trainee = t.id AND f.nth = 1
WHERE t.internet_at_home <> {{}} AND t.anonymised_at IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM assignment d WHERE d.trainee = t.id AND d.state IN ({{}}, {{}}, {{}})
  )
ORDER BY t.has_computer, f.ends_on, t.registered_at, t.id
"""


@dataclass(frozen=True)
class Place:
    """One place on the waiting list, with why it is there."""

    rank: int
    trainee_id: int
    first_name: str
    last_name: str
    has_computer: bool
    cycle_name: str
    cycle_ended_on: date
    registered_on: date
    neighbourhood: str
    device_wanted: Category
    phone: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def reason(self) -> str:
        computer = (
            "a déjà un ordinateur à la maison (après ceux qui n'en ont pas)"
            if self.has_computer
            else "pas d'ordinateur à la maison (prioritaire)"
        )
        ended, registered = french_date(self.cycle_ended_on), french_date(self.registered_on)
        return (
            f"{computer.capitalize()} ; cycle « {self.cycle_name} » terminé le {ended} ; "
            f"inscription du {registered}."
        )

    @property
    def neighbourhood_label(self) -> str:
        return label_of(self.neighbourhood)


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _registered_on(value: Any) -> date:
    """The day of registration in the association's time zone."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return clock.today(value)


def waiting_query(scope: Scope, today: date) -> tuple[str, list[Any]]:
    """The waiting list's SQL and its arguments (``bench/waiting_list.py --explain`` reads its
    plan)."""
    minimum = get_settings().eligibility_min_modules
    where, args = residents_condition(scope, "c.organisation")
    holding = [state.value for state in HOLDING_A_DEVICE]
    arguments = [*args, today, minimum, minimum, InternetAccess.NONE.value, *holding]
    return _WAITING_SQL.format(where=where), arguments


async def waiting_list(scope: Scope, today: date | None = None) -> list[Place]:
    """The association's waiting list, first place first."""
    scope.require("residents:read", READ)
    sql, arguments = waiting_query(scope, today or clock.today())
    rows = await Trainee.raw(sql, *arguments)
    return [
        Place(
            rank=rank,
            trainee_id=row["id"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            has_computer=bool(row["has_computer"]),
            cycle_name=row["cycle_name"],
            cycle_ended_on=_day(row["ends_on"]),
            registered_on=_registered_on(row["registered_at"]),
            neighbourhood=row["neighbourhood"],
            device_wanted=Category(row["device_wanted"]),
            phone=row["phone"],
        )
        for rank, row in enumerate(rows, start=1)
    ]

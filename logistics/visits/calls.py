"""The day-before call (rappel la veille): tomorrow's visits per staff member, who was reached,
and what the trainees answered to the reminder text.

BLÉ's experience is that a call the day before is why almost nobody misses their installation:
each staff member rings the people they visit tomorrow and ticks who was reached, who did not
answer and whose visit must move. A text answer (« OK », « REPORT ») is recorded on the visit
by the gateway's webhook and shown beside the call, so nobody rings a person who already said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from piccolo.query.methods.select import Select

from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics import clock
from logistics.sms.phones import international
from logistics.visits.booking import SUBJECT
from logistics.visits.replies import VisitReply, reading
from logistics.visits.tables import WHEN_AND_WHERE, CallOutcome, Visit, VisitStatus

REPLY_WINDOW = timedelta(days=7)
"""An answer is for the sender's next booked visit within this many days (usually tomorrow's)."""

_COLUMNS = (
    *WHEN_AND_WHERE,
    Visit.organisation,
    Visit.installer,
    Visit.trainee,
    Visit.called_at,
    Visit.call_outcome,
    Visit.reminded_at,
    Visit.reply,
    Visit.reply_at,
    Visit.trainee.phone.as_alias("phone"),
    Visit.trainee.email.as_alias("email"),
    Visit.trainee.consent_sms.as_alias("consent_sms"),
    Visit.trainee.consent_email.as_alias("consent_email"),
    Visit.installer.full_name.as_alias("installer_name"),
    Visit.installer.email.as_alias("installer_email"),
    Visit.organisation.name.as_alias("association"),
)


def tomorrow(now: datetime) -> date:
    """The calendar day after ``now`` where the association lives (not on the server's clock:
    at 00:30 in Paris a UTC server still says yesterday)."""
    return clock.today(now) + timedelta(days=1)


def booked_on(day: date) -> Select[Any]:
    """The booked visits of ``day`` with their trainee and staff member, in call order."""
    return (
        Visit.select(*_COLUMNS)
        .where(
            Visit.day == day,
            Visit.status == VisitStatus.BOOKED,
            Visit.trainee.anonymised_at.is_null(),
        )
        .order_by(Visit.installer)
        .order_by(Visit.window_start)
        .order_by(Visit.id)
    )


@dataclass
class StaffCalls:
    """One staff member's calls for a day."""

    installer_id: int
    name: str
    visits: list[dict[str, Any]] = field(default_factory=list)

    @property
    def left(self) -> int:
        """Calls still to make: nobody ticked them and no text answered."""
        return sum(1 for v in self.visits if v["call_outcome"] is None and v["reply"] is None)


def per_staff_member(visits: list[dict[str, Any]]) -> list[StaffCalls]:
    lists: dict[int, StaffCalls] = {}
    for visit in visits:
        installer = visit["installer"]
        lists.setdefault(installer, StaffCalls(installer, visit["installer_name"]))
        lists[installer].visits.append(visit)
    return sorted(lists.values(), key=lambda calls: calls.name)


async def call_list(scope: Scope, day: date) -> list[StaffCalls]:
    """The visits of ``day`` to call, per staff member of the caller's association."""
    scope.require("residents:read", "de voir les appels aux bénéficiaires")
    visits = await booked_on(day).where(scope.readable_where(Visit.organisation))
    return per_staff_member(visits)


async def record_call(
    scope: Scope, visit_id: int, outcome: CallOutcome, circumstances: Circumstances
) -> None:
    """Tick the call of one visit: reached, no answer, or to move."""
    scope.require("residents:manage", "de noter un appel")
    async with write_transaction(Visit):
        row = await Visit.select(Visit.organisation, Visit.status).where(Visit.id == visit_id)
        if not row or not scope.can_read(row[0]["organisation"]):
            raise NotFound("Visite introuvable.")
        scope.check_write(row[0]["organisation"], "Visite")
        if row[0]["status"] != VisitStatus.BOOKED:
            raise Invalid("Cette visite n'est plus prévue : son appel n'est plus à noter.")
        await Visit.update(
            {
                Visit.called_at: circumstances.at,
                Visit.called_by: scope.actor_id or None,
                Visit.call_outcome: outcome.value,
            }
        ).where(Visit.id == visit_id)
        await record(
            scope,
            row[0]["organisation"],
            SUBJECT,
            visit_id,
            "called",
            circumstances,
            details={"outcome": outcome.value},
        )


GATEWAY_SCOPE = Scope(0, "réponse par SMS", 0, None, None)


async def record_reply(
    sender: str, text: str, circumstances: Circumstances
) -> tuple[int, VisitReply] | None:
    """Record a text answer on the sender's next booked visit; returns that visit's id and the
    answer, or ``None`` when the text is no answer or the number is nobody's with a visit soon."""
    answer = reading(text)
    number = international(sender)
    if answer is None or number is None:
        return None
    today = clock.today(circumstances.at)
    async with write_transaction(Visit):
        soon = await (
            Visit.select(Visit.id, Visit.organisation, Visit.trainee.phone.as_alias("phone"))
            .where(
                Visit.status == VisitStatus.BOOKED,
                Visit.day >= today,
                Visit.day <= today + REPLY_WINDOW,
                Visit.trainee.anonymised_at.is_null(),
            )
            .order_by(Visit.day)
            .order_by(Visit.window_start)
        )
        visit = next((v for v in soon if international(v["phone"]) == number), None)
        if visit is None:
            return None
        await Visit.update({Visit.reply: answer.value, Visit.reply_at: circumstances.at}).where(
            Visit.id == visit["id"]
        )
        await record(
            GATEWAY_SCOPE,
            visit["organisation"],
            SUBJECT,
            visit["id"],
            "replied",
            circumstances,
            details={"reply": answer.value},
        )
    return int(visit["id"]), answer


def reply_label(reply: str | None) -> str:
    return VisitReply(reply).label if reply else ""

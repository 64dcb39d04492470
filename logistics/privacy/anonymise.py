"""Anonymisation: once ``RESIDENT_RETENTION_MONTHS`` have passed since a trainee's last activity,
their personal data are blanked in place, while what the anonymous statistics count stays.

**Last activity** is the latest of: the registration, the end of each cycle they enrolled in,
each step of their attributions (reserved, assigned, installed, given back or released), the
day of each visit to their home, and the opening or closing of each after-sales ticket. A device
still at their home does not hold the file back: the device keeps its own history and the
attribution its contract number, without the person.

**Blanked**: first and last name, phone, e-mail, address, postcode, town, coordinates, notes and
the contact consents; the addresses copied on their visits (and the notes of their outcomes);
the name and signature on their loan contracts and the reason a device came back; the reason
they left a course; the problem and the work noted on their tickets; the reminders sent to them
in the outbox (recipient, subject, text), and their initial in the staff's call lists.
**Kept**: the neighbourhood, the prescriber, internet at home, a computer at home, the device
wanted, the dates (registration, cycles, visits, installations), attendance, and every status,
so the figures per neighbourhood and per year do not move. Each anonymisation is logged in
the access log (action ``anonymise``) and in the trainee's history; it is done once.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from inventory.engine import lock_row, write_transaction
from inventory.errors import Conflict
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics import clock
from logistics.mail.tables import OutboxMessage, OutboxStatus
from logistics.settings import get_settings
from logistics.trainees.people import ANONYMISED, get_trainee, residents_where
from logistics.trainees.tables import Enrolment, PersonalDataAccess, Trainee
from logistics.visits.reminders import reference as reminder_reference
from logistics.visits.tables import Assignment, Ticket, Visit

BLANK_TRAINEE: dict[Any, Any] = {
    Trainee.first_name: "",
    Trainee.last_name: "",
    Trainee.phone: "",
    Trainee.email: "",
    Trainee.address: "",
    Trainee.postcode: "",
    Trainee.city: "",
    Trainee.latitude: None,
    Trainee.longitude: None,
    Trainee.notes: "",
    Trainee.consent_sms: False,
    Trainee.consent_email: False,
    Trainee.consent_on: None,
}
"""The trainee's personal columns, blanked; the others are what the statistics read."""


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _day(value: date | datetime) -> date:
    return clock.today(value) if isinstance(value, datetime) else value


async def last_activities(scope: Scope) -> dict[int, date]:
    """Each trainee not yet anonymised, with the day of their last activity (see above)."""
    trainees = await Trainee.select(Trainee.id, Trainee.registered_at).where(
        residents_where(scope, Trainee.organisation), Trainee.anonymised_at.is_null()
    )
    latest: dict[int, date] = {row["id"]: _day(row["registered_at"]) for row in trainees}
    found: dict[int, list[date | datetime]] = defaultdict(list)
    ids = list(latest) or [-1]
    for row in await Enrolment.select(
        Enrolment.trainee, Enrolment.cycle.ends_on.as_alias("ends_on")
    ).where(Enrolment.trainee.is_in(ids)):
        found[row["trainee"]].append(row["ends_on"])
    steps = (Assignment.reserved_at, Assignment.assigned_at, Assignment.installed_at)
    for row in await Assignment.select(Assignment.trainee, *steps, Assignment.released_at).where(
        Assignment.trainee.is_in(ids)
    ):
        found[row["trainee"]] += [v for k, v in row.items() if k != "trainee" and v is not None]
    for row in await Visit.select(Visit.trainee, Visit.day).where(Visit.trainee.is_in(ids)):
        found[row["trainee"]].append(row["day"])
    for row in await Ticket.select(Ticket.trainee, Ticket.opened_on, Ticket.closed_at).where(
        Ticket.trainee.is_in(ids)
    ):
        found[row["trainee"]] += [v for v in (row["opened_on"], row["closed_at"]) if v]
    for trainee, moments in found.items():
        latest[trainee] = max([latest[trainee], *(_day(m) for m in moments)])
    return latest


async def past_retention(scope: Scope, today: date, months: int) -> list[int]:
    """The trainees whose last activity is more than ``months`` before ``today``."""
    cutoff = months_before(today, months)
    return sorted(t for t, day in (await last_activities(scope)).items() if day < cutoff)


async def _scrub_outbox(trainee: dict[str, Any], visits: list[dict[str, Any]]) -> None:
    """The reminders sent to the person are emptied (one not sent yet is given up); their
    first name and initial leave the staff's call lists of those days."""
    reminders = [reminder_reference(v["id"]) for v in visits] or [""]
    await OutboxMessage.update(
        {
            OutboxMessage.recipient: "",
            OutboxMessage.subject: ANONYMISED,
            OutboxMessage.body: "",
            OutboxMessage.last_error: "",
        }
    ).where(OutboxMessage.reference.is_in(reminders))
    await OutboxMessage.update(
        {OutboxMessage.status: OutboxStatus.FAILED, OutboxMessage.last_error: ANONYMISED}
    ).where(
        OutboxMessage.reference.is_in(reminders),
        OutboxMessage.status.is_in([OutboxStatus.PENDING, OutboxStatus.SENDING]),
    )
    initial = f" {trainee['last_name'][:1]}." if trainee["last_name"] else ""
    named = f"{trainee['first_name']}{initial}"
    calls = [f"appels-{v['day'].isoformat()}-{v['installer']}" for v in visits] or [""]
    for message in await OutboxMessage.select(OutboxMessage.id, OutboxMessage.body).where(
        OutboxMessage.reference.is_in(calls)
    ):
        if named and f"– {named}," in message["body"]:
            body = message["body"].replace(f"– {named},", f"– {ANONYMISED},")
            await OutboxMessage.update({OutboxMessage.body: body}).where(
                OutboxMessage.id == message["id"]
            )


async def anonymise_trainee(
    scope: Scope, trainee_id: int, circumstances: Circumstances
) -> dict[str, Any]:
    """Blank one trainee's personal data now (see the module's notes); refused when already
    done."""
    scope.require("residents:manage", "d'anonymiser un bénéficiaire")
    async with write_transaction(Trainee):
        await lock_row(Trainee, trainee_id)
        trainee = await get_trainee(scope, trainee_id)
        scope.check_write(trainee["organisation"], "Bénéficiaire")
        if trainee["anonymised_at"] is not None:
            raise Conflict("Ce dossier est déjà anonymisé.")
        visits = await Visit.select(Visit.id, Visit.day, Visit.installer).where(
            Visit.trainee == trainee_id
        )
        await _scrub_outbox(trainee, visits)
        await Trainee.update({**BLANK_TRAINEE, Trainee.anonymised_at: circumstances.at}).where(
            Trainee.id == trainee_id
        )
        await Visit.update(
            {
                Visit.address: "",
                Visit.postcode: "",
                Visit.city: "",
                Visit.latitude: None,
                Visit.longitude: None,
                Visit.outcome_notes: "",
            }
        ).where(Visit.trainee == trainee_id)
        await Assignment.update(
            {
                Assignment.contract_signer: "",
                Assignment.contract_signature: "",
                Assignment.release_reason: "",
            }
        ).where(Assignment.trainee == trainee_id)
        await Enrolment.update({Enrolment.left_reason: ""}).where(Enrolment.trainee == trainee_id)
        await Ticket.update({Ticket.problem: "", Ticket.work_done: ""}).where(
            Ticket.trainee == trainee_id
        )
        await PersonalDataAccess.insert(
            PersonalDataAccess(
                trainee=trainee_id,
                user=scope.actor_id or None,
                action="anonymise",
                at=circumstances.at,
            )
        )
        await record(
            scope, trainee["organisation"], "trainee", trainee_id, "anonymised", circumstances
        )
    return await get_trainee(scope, trainee_id)


async def anonymise_past_retention(scope: Scope, circumstances: Circumstances) -> list[int]:
    """Anonymise every trainee past ``RESIDENT_RETENTION_MONTHS`` (the nightly job and
    ``logistics anonymise``); returns their ids."""
    months = get_settings().resident_retention_months
    due = await past_retention(scope, clock.today(circumstances.at), months)
    for trainee_id in due:
        await anonymise_trainee(scope, trainee_id, circumstances)
    return due

"""The afternoon before the visits: reminders to the trainees who agreed to them, and each staff
member's call list.

A trainee who agreed to texts (``consent_sms``) gets one when the SMS gateway is on; otherwise
one who agreed to e-mails (``consent_email``) gets an e-mail; a person who agreed to neither
only gets the staff's call. Each visit is reminded at most once: ``reminded_at`` is set by a
conditional update in the same transaction as the outbox message, so a second run of the job
(or two schedulers) finds it taken. The outbox then sends, retries and shows failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from inventory.engine import write_transaction
from logistics.french import french_date
from logistics.mail.outbox import enqueue
from logistics.mail.tables import OutboxChannel, OutboxMessage
from logistics.settings import get_settings
from logistics.sms.phones import international
from logistics.visits.calls import booked_on, per_staff_member, tomorrow
from logistics.visits.tables import Visit, VisitStatus
from routes.model import WEEKDAY_NAMES


@dataclass(frozen=True)
class Route:
    """How one reminder goes: the channel and the address (E.164 number or e-mail)."""

    channel: OutboxChannel
    recipient: str


def reminder_route(visit: dict[str, Any], texts_on: bool) -> Route | None:
    """Where the reminder of ``visit`` goes, as its trainee agreed; ``None`` for no reminder."""
    number = international(visit["phone"])
    if texts_on and visit["consent_sms"] and number:
        return Route(OutboxChannel.SMS, number)
    if visit["consent_email"] and visit["email"]:
        return Route(OutboxChannel.EMAIL, visit["email"])
    return None


def hour(value: time) -> str:
    """« 9 h », « 14 h 30 »: how a time is said in French."""
    return f"{value.hour} h" if not value.minute else f"{value.hour} h {value.minute:02d}"


def _when(visit: dict[str, Any]) -> str:
    day: date = visit["day"]
    return (
        f"demain {WEEKDAY_NAMES[day.weekday()]} {day.day}/{day.month:02d} entre "
        f"{hour(visit['window_start'])} et {hour(visit['window_end'])}"
    )


def text_message(visit: dict[str, Any]) -> str:
    return (
        f"{visit['association']} : nous venons installer votre ordinateur {_when(visit)}. "
        "Répondez OK pour confirmer, ou REPORT pour changer de date."
    )


def subject_and_text(visit: dict[str, Any], channel: OutboxChannel) -> tuple[str, str]:
    """The reminder's subject (for a text, only what the outbox page shows) and text."""
    if channel is OutboxChannel.SMS:
        return f"Rappel de la visite du {french_date(visit['day'])}", text_message(visit)
    subject = f"Rappel : installation de votre ordinateur {_when(visit)}"
    return subject, email_body(visit)


def email_body(visit: dict[str, Any]) -> str:
    address = " ".join(p for p in (visit["address"], visit["postcode"], visit["city"]) if p)
    return (
        f"Bonjour {visit['first_name']},\n\n"
        f"Nous venons installer votre ordinateur {_when(visit)}, à l'adresse suivante :\n"
        f"{address}\n\n"
        "Si vous n'êtes pas disponible, prévenez-nous au plus vite pour choisir une autre date.\n\n"
        f"{visit['association']}\n"
    )


def reference(visit_id: int) -> str:
    return f"rappel-visite-{visit_id}"


async def remind_trainees(now: datetime, texts_on: bool) -> int:
    """Queue tomorrow's reminders not sent yet; returns how many were queued."""
    due = await booked_on(tomorrow(now)).where(Visit.reminded_at.is_null())
    queued = 0
    for visit in due:
        route = reminder_route(visit, texts_on)
        if route is None:
            continue
        async with write_transaction(Visit):
            taken = await (
                Visit.update({Visit.reminded_at: now})
                .where(
                    Visit.id == visit["id"],
                    Visit.reminded_at.is_null(),
                    Visit.status == VisitStatus.BOOKED,
                )
                .returning(Visit.id)
            )
            if not taken:
                continue
            await enqueue(
                visit["organisation"],
                route.recipient,
                *subject_and_text(visit, route.channel),
                now,
                reference=reference(visit["id"]),
                channel=route.channel,
                about_resident=True,
            )
        queued += 1
    return queued


def _initial(visit: dict[str, Any]) -> str:
    initial = f" {visit['last_name'][:1]}." if visit["last_name"] else ""
    return f"{visit['first_name']}{initial}"


async def send_call_lists(now: datetime) -> int:
    """E-mail each staff member how many people to call for tomorrow (first names and times
    only: the phone numbers stay on the page behind the login); once per person and day."""
    day = tomorrow(now)
    lists = per_staff_member(await booked_on(day))
    references = [f"appels-{day.isoformat()}-{calls.installer_id}" for calls in lists]
    already = await OutboxMessage.select(OutboxMessage.reference).where(
        OutboxMessage.reference.is_in(references or [""])
    )
    sent = {row["reference"] for row in already}
    address = f"{get_settings().base_url}/appels?jour={day.isoformat()}"
    queued = 0
    for calls, ref in zip(lists, references, strict=True):
        email = calls.visits[0]["installer_email"]
        if not email or ref in sent:
            continue
        lines = [f"{hour(v['window_start'])} – {_initial(v)}, {v['city']}" for v in calls.visits]
        body = "\n".join(
            [
                f"Bonjour {calls.name},",
                "",
                f"Demain, {french_date(day, weekday=True)}, {len(calls.visits)} visite(s) :",
                *lines,
                "",
                f"Appelez-les et notez qui a été joint : {address}",
            ]
        )
        await enqueue(
            calls.visits[0]["organisation"],
            email,
            f"Appels de la veille : {len(calls.visits)} visite(s) demain",
            body,
            now,
            reference=ref,
            about_resident=True,
        )
        queued += 1
    return queued


async def remind_visits(now: datetime, texts_on: bool) -> dict[str, int]:
    """The afternoon job: the trainees' reminders, then the staff's call lists."""
    return {
        "reminders": await remind_trainees(now, texts_on),
        "call_lists": await send_call_lists(now),
    }

"""Putting messages in the outbox and sending them, e-mails through SMTP and texts through the
SMS gateway, at most once each.

``deliver_due`` claims a message with a conditional update (pending → sending) before it talks
to the server, so two schedulers never send the same message; success marks it sent, failure
puts it back with an exponential back-off, and after ``MAX_ATTEMPTS`` it waits for a manager's
« renvoyer ». A process that dies mid-send leaves the message "sending": it is not retried on
its own (it may have left), and the manager sees it and decides. Both channels share that
loop; each only says how one message is handed to its server.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, NotFound
from inventory.scope import Scope
from logistics.mail.tables import OutboxChannel, OutboxMessage, OutboxStatus
from logistics.settings import Settings, get_settings
from logistics.sms.configured import gateway_for
from logistics.sms.gateway import SmsConfig, SmsFailed, SmsGateway

MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
BATCH = 50
RESIDENTS = "residents:read"


class DeliveryFailed(Exception):
    """The server did not take the message: it is tried again later (the text is kept)."""


Deliver = Callable[[dict[str, Any]], Awaitable[None]]
"""Hands one claimed outbox row to its server, or raises ``DeliveryFailed``."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str = ""
    password: str = ""
    sender: str = "ne-pas-repondre@localhost"
    tls: str = "starttls"
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_user,
            settings.smtp_password,
            settings.smtp_from,
            settings.smtp_tls,
        )


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: 1, 2, 4… minutes, at most 6 h."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), LONGEST_DELAY)


async def enqueue(
    organisation_id: int,
    recipient: str,
    subject: str,
    body: str,
    at: datetime,
    *,
    reference: str = "",
    attachment_name: str = "",
    attachment: bytes | None = None,
    channel: OutboxChannel = OutboxChannel.EMAIL,
    about_resident: bool = False,
) -> int:
    """Queue a message; call it inside the transaction of what it announces. A text message
    (``channel=SMS``) goes to an E.164 number and has its ``subject`` only for the outbox page."""
    rows = await OutboxMessage.insert(
        OutboxMessage(
            organisation=organisation_id,
            reference=reference,
            channel=channel,
            about_resident=about_resident,
            recipient=recipient,
            subject=subject,
            body=body,
            attachment_name=attachment_name,
            attachment=attachment,
            next_attempt_at=at,
            created_at=at,
        )
    ).returning(OutboxMessage.id)
    return rows[0]["id"]


def _email(row: dict[str, Any], config: SmtpConfig) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = row["recipient"]
    message["Subject"] = row["subject"]
    domain = parseaddr(config.sender)[1].partition("@")[2] or "localhost"
    # A stable Message-ID: should a message ever be sent twice, mail clients merge the copies.
    message["Message-ID"] = f"<outbox-{row['id']}@{domain}>"
    message.set_content(row["body"])
    if row["attachment"]:
        message.add_attachment(
            bytes(row["attachment"]),
            maintype="application",
            subtype="pdf",
            filename=row["attachment_name"] or "piece-jointe.pdf",
        )
    return message


def _deliver(message: EmailMessage, config: SmtpConfig) -> None:
    if config.tls == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            config.host, config.port, timeout=config.timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with client:
        if config.tls == "starttls":
            client.starttls(context=ssl.create_default_context())
        if config.user:
            client.login(config.user, config.password)
        client.send_message(message)


async def _claim(message_id: int, now: datetime) -> dict[str, Any] | None:
    claimed = (
        await OutboxMessage.update(
            {OutboxMessage.status: OutboxStatus.SENDING, OutboxMessage.claimed_at: now}
        )
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING)
        .returning(OutboxMessage.id)
    )
    if not claimed:
        return None
    return await OutboxMessage.select().where(OutboxMessage.id == message_id).first()


async def deliver_due(channel: OutboxChannel, deliver: Deliver, now: datetime) -> dict[str, int]:
    """Send the messages of ``channel`` whose time has come; returns how many were sent and
    failed."""
    counts = {"sent": 0, "failed": 0}
    due = await (
        OutboxMessage.select(OutboxMessage.id)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.id)
        .limit(BATCH)
    )
    for candidate in due:
        row = await _claim(candidate["id"], now)
        if row is None:
            continue
        try:
            await deliver(row)
        except DeliveryFailed as error:
            attempts = row["attempts"] + 1
            gave_up = attempts >= MAX_ATTEMPTS
            await OutboxMessage.update(
                {
                    OutboxMessage.status: OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
                    OutboxMessage.attempts: attempts,
                    OutboxMessage.next_attempt_at: now + backoff(attempts),
                    OutboxMessage.last_error: str(error)[:500],
                }
            ).where(OutboxMessage.id == row["id"])
            counts["failed"] += 1
            continue
        await OutboxMessage.update(
            {
                OutboxMessage.status: OutboxStatus.SENT,
                OutboxMessage.attempts: row["attempts"] + 1,
                OutboxMessage.sent_at: now,
                OutboxMessage.last_error: "",
            }
        ).where(OutboxMessage.id == row["id"])
        counts["sent"] += 1
    return counts


async def send_due(config: SmtpConfig, now: datetime) -> dict[str, int]:
    """Send the e-mails whose time has come (none without an SMTP host)."""
    if not config.host:
        return {"sent": 0, "failed": 0}

    async def deliver(row: dict[str, Any]) -> None:
        try:
            await asyncio.to_thread(_deliver, _email(row, config), config)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(f"{type(error).__name__}: {error}") from error

    return await deliver_due(OutboxChannel.EMAIL, deliver, now)


async def send_due_texts(gateway: SmsGateway | None, now: datetime) -> dict[str, int]:
    """Send the text messages whose time has come (none while no gateway is configured)."""
    if gateway is None:
        return {"sent": 0, "failed": 0}

    async def deliver(row: dict[str, Any]) -> None:
        try:
            await gateway.send(f"outbox-{row['id']}", row["recipient"], row["body"])
        except SmsFailed as error:
            raise DeliveryFailed(str(error)) from error

    return await deliver_due(OutboxChannel.SMS, deliver, now)


_LISTED = OutboxMessage.all_columns(exclude=[OutboxMessage.attachment, OutboxMessage.body])


async def list_messages(scope: Scope, unsent_only: bool = False) -> list[dict[str, Any]]:
    query = OutboxMessage.select(*_LISTED).where(scope.readable_where(OutboxMessage.organisation))
    if not scope.may(RESIDENTS):
        query = query.where(OutboxMessage.about_resident.eq(False))
    if unsent_only:
        query = query.where(OutboxMessage.status != OutboxStatus.SENT)
    return await query.order_by(OutboxMessage.id, ascending=False).limit(200)


async def resend(scope: Scope, message_id: int, now: datetime) -> dict[str, Any]:
    """Put a failed (or stuck) message back in line for an immediate, fresh series of tries."""
    async with write_transaction(OutboxMessage):
        row = await OutboxMessage.select(*_LISTED).where(OutboxMessage.id == message_id).first()
        hidden = row is not None and row["about_resident"] and not scope.may(RESIDENTS)
        if row is None or hidden or not scope.can_read(row["organisation"]):
            raise NotFound("Message introuvable.")
        scope.check_write(row["organisation"], "Message")
        if row["status"] not in (OutboxStatus.FAILED, OutboxStatus.SENDING):
            raise Conflict(
                f"Ce message est « {OutboxStatus(row['status']).label} » : "
                "seul un message en échec ou bloqué peut être renvoyé."
            )
        await OutboxMessage.update(
            {
                OutboxMessage.status: OutboxStatus.PENDING,
                OutboxMessage.attempts: 0,
                OutboxMessage.next_attempt_at: now,
            }
        ).where(OutboxMessage.id == message_id)
    return {**row, "status": OutboxStatus.PENDING}


async def send_outbox() -> dict[str, int]:
    """The scheduler's job: send what is due with the deployment's SMTP and SMS settings."""
    settings = get_settings()
    now = datetime.now(tz=settings.timezone)
    mails = await send_due(SmtpConfig.from_settings(settings), now)
    texts = await send_due_texts(gateway_for(SmsConfig.from_settings(settings)), now)
    return {**mails, "texts_sent": texts["sent"], "texts_failed": texts["failed"]}

"""Putting e-mails in the outbox and sending them through SMTP, at most once each.

``send_due`` claims a message with a conditional update (pending → sending) before it talks to
the server, so two schedulers never send the same message; success marks it sent, failure puts
it back with an exponential back-off, and after ``MAX_ATTEMPTS`` it waits for a manager's
« renvoyer ». A process that dies mid-send leaves the message "sending": it is not retried on
its own (it may have left), and the manager sees it and decides.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, NotFound
from inventory.scope import Scope
from logistics.mail.tables import OutboxMessage, OutboxStatus
from logistics.settings import Settings, get_settings

MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
BATCH = 50


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
) -> int:
    """Queue a message; call it inside the transaction of what it announces."""
    rows = await OutboxMessage.insert(
        OutboxMessage(
            organisation=organisation_id,
            reference=reference,
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


async def send_due(config: SmtpConfig, now: datetime) -> dict[str, int]:
    """Send the messages whose time has come; returns how many were sent and failed."""
    counts = {"sent": 0, "failed": 0}
    if not config.host:
        return counts
    due = await (
        OutboxMessage.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(BATCH)
    )
    for candidate in due:
        row = await _claim(candidate["id"], now)
        if row is None:
            continue
        try:
            await asyncio.to_thread(_deliver, _email(row, config), config)
        except (OSError, smtplib.SMTPException) as error:
            attempts = row["attempts"] + 1
            gave_up = attempts >= MAX_ATTEMPTS
            await OutboxMessage.update(
                {
                    OutboxMessage.status: OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
                    OutboxMessage.attempts: attempts,
                    OutboxMessage.next_attempt_at: now + backoff(attempts),
                    OutboxMessage.last_error: f"{type(error).__name__}: {error}"[:500],
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


_LISTED = OutboxMessage.all_columns(exclude=[OutboxMessage.attachment, OutboxMessage.body])


async def list_messages(scope: Scope, unsent_only: bool = False) -> list[dict[str, Any]]:
    query = OutboxMessage.select(*_LISTED).where(scope.readable_where(OutboxMessage.organisation))
    if unsent_only:
        query = query.where(OutboxMessage.status != OutboxStatus.SENT)
    return await query.order_by(OutboxMessage.id, ascending=False).limit(200)


async def resend(scope: Scope, message_id: int, now: datetime) -> dict[str, Any]:
    """Put a failed (or stuck) message back in line for an immediate, fresh series of tries."""
    async with write_transaction(OutboxMessage):
        row = await OutboxMessage.select(*_LISTED).where(OutboxMessage.id == message_id).first()
        if row is None or not scope.can_read(row["organisation"]):
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
    """The scheduler's job: send what is due with the deployment's SMTP settings."""
    settings = get_settings()
    return await send_due(SmtpConfig.from_settings(settings), datetime.now(tz=settings.timezone))

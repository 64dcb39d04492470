"""The outbox: every e-mail and text message waits here until its server has accepted it.

Writing the message in the same transaction as what it announces means nothing is lost when the
mail server or the SMS gateway is down; the scheduler claims a message (``sending``) before
talking to the server and marks it ``sent`` after, so a message is never sent twice.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import Boolean, Bytea, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from inventory.tables import Organisation


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for its next attempt
    SENDING = "sending"  # claimed by a sender; left here only if the process died mid-send
    SENT = "sent"
    FAILED = "failed"  # gave up after the last retry: a manager must look and re-send

    @property
    def label(self) -> str:
        return {
            OutboxStatus.PENDING: "en attente",
            OutboxStatus.SENDING: "envoi en cours",
            OutboxStatus.SENT: "envoyé",
            OutboxStatus.FAILED: "échec",
        }[self]


class OutboxChannel(StrEnum):
    EMAIL = "email"  # through SMTP; ``recipient`` is an e-mail address
    SMS = "sms"  # through the SMS gateway; ``recipient`` is an E.164 number (+33…)

    @property
    def label(self) -> str:
        return {OutboxChannel.EMAIL: "courriel", OutboxChannel.SMS: "SMS"}[self]


class OutboxMessage(Table, tablename="outbox_message"):
    """One e-mail (with at most one attachment) or one text message; ``reference`` names what
    it delivers. ``about_resident`` marks messages to or about BLÉ's trainees: only those who
    may read residents' data see them in the outbox (not the partner association's managers)."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    reference = Varchar(length=60, default="", index=True)
    channel = Varchar(length=10, choices=OutboxChannel, default=OutboxChannel.EMAIL)
    about_resident = Boolean(default=False)
    recipient = Varchar(length=254)
    subject = Varchar(length=200)
    body = Text()
    attachment_name = Varchar(length=200, default="")
    attachment = Bytea(null=True, default=None)
    status = Varchar(length=10, choices=OutboxStatus, default=OutboxStatus.PENDING, index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(index=True)
    last_error = Text(default="")
    created_at = Timestamptz()
    claimed_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)

"""Shapes of the day-before call page and of the SMS gateway's webhook."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec

from logistics.visits.tables import CallOutcome


class CallIn(msgspec.Struct, forbid_unknown_fields=True):
    """One tick on the call list: how the call went (and the day shown, to go back to it)."""

    outcome: Annotated[CallOutcome, msgspec.Meta(title="Résultat de l'appel")]
    day: Annotated[date, msgspec.Meta(title="Jour")]


class IncomingText(msgspec.Struct, rename="camel"):
    """The ``payload`` of an ``sms:received`` event: who wrote, and what."""

    message: str = ""
    phone_number: str = ""


class GatewayEvent(msgspec.Struct):
    """A webhook request of SMS Gateway for Android (other events carry other payloads: only
    ``sms:received`` is read)."""

    event: str
    payload: IncomingText = msgspec.field(default_factory=IncomingText)


class TextReplyOut(msgspec.Struct):
    """What the webhook did with the text: the visit it answered, if any, and the answer."""

    visit_id: int | None
    reply: str | None

"""API: the SMS gateway's webhook, where the trainees' answers to the reminders arrive.

No login: the gateway signs each request (``logistics.sms.webhook``) and nothing else is
taken. The signature replaces the CSRF token (a browser cannot forge it), and the route is off
(404) until ``SMS_WEBHOOK_SIGNING_KEY`` is set.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, post
from litestar.exceptions import NotAuthorizedException

from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances
from logistics import clock
from logistics.http.schemas.reminders import GatewayEvent, TextReplyOut
from logistics.settings import get_settings
from logistics.sms.webhook import signed_recently
from logistics.visits.calls import record_reply

RECEIVED = "sms:received"


class SmsWebhookController(Controller):
    path = "/api/v1/sms"
    tags = ["SMS"]

    @post("/webhook", status_code=200, exclude_from_csrf=True)
    async def incoming(self, request: Request[Any, Any, Any]) -> TextReplyOut:
        """A text received by the association's phone (event ``sms:received``), signed by the
        gateway (``X-Signature``, ``X-Timestamp``). « OK » confirms the sender's next visit,
        « REPORT » asks to move it; other texts and events are acknowledged and ignored."""
        key = get_settings().sms_webhook_signing_key
        if not key:
            raise NotFound("Les réponses par SMS ne sont pas activées.")
        body = await request.body()
        now = clock.now()
        timestamp = request.headers.get("x-timestamp", "")
        if not signed_recently(key, body, timestamp, request.headers.get("x-signature", ""), now):
            raise NotAuthorizedException(
                "Signature de la passerelle SMS absente, fausse ou trop ancienne."
            )
        try:
            event = msgspec.json.decode(body, type=GatewayEvent)
        except msgspec.DecodeError as error:
            raise Invalid(f"Message de la passerelle illisible : {error}") from error
        if event.event != RECEIVED:
            return TextReplyOut(None, None)
        circumstances = Circumstances(at=now, app="passerelle SMS")
        recorded = await record_reply(
            event.payload.phone_number, event.payload.message, circumstances
        )
        if recorded is None:
            return TextReplyOut(None, None)
        visit_id, answer = recorded
        return TextReplyOut(visit_id, answer.value)

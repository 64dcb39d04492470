"""The one interface the application sends text messages through (adapters: ``android``; the
configured one: ``configured.gateway_for``).

The outbox (``logistics.mail.outbox``) claims, retries and records each message; a gateway only
hands one text to its server and says whether the server took it. With no gateway configured
there is none: reminders then go by e-mail where the person agreed to it, and nothing fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from logistics.settings import Settings


class SmsFailed(Exception):
    """The gateway did not take the message (unreachable, refused, number rejected)."""


class SmsGateway(Protocol):
    async def send(self, message_id: str, phone: str, text: str) -> None:
        """Hand ``text`` for ``phone`` (E.164) to the gateway, or raise ``SmsFailed``.

        ``message_id`` is stable across retries, so the gateway can recognise a repeat."""
        ...


@dataclass(frozen=True)
class SmsConfig:
    url: str = ""
    login: str = ""
    password: str = ""
    signing_key: str = ""
    timeout: float = 10.0

    @property
    def sending(self) -> bool:
        """Text messages go out only with an address and credentials."""
        return bool(self.url and self.password)

    @classmethod
    def from_settings(cls, settings: Settings) -> SmsConfig:
        return cls(
            settings.sms_gateway_url,
            settings.sms_gateway_login,
            settings.sms_gateway_password,
            settings.sms_webhook_signing_key,
        )

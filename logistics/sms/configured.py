"""Which gateway the deployment's settings describe: none (texts off), or the Android one."""

from __future__ import annotations

from logistics.sms.android import AndroidSmsGateway
from logistics.sms.gateway import SmsConfig, SmsGateway


def gateway_for(config: SmsConfig) -> SmsGateway | None:
    """The configured gateway, or ``None`` when text messages are off (no URL or password)."""
    if not config.sending:
        return None
    return AndroidSmsGateway(config)

"""The SMS Gateway for Android adapter: the association's own Android phone sends the texts.

The app on the phone serves the API itself (local server: ``http://<phone>:8080``) or through
the project's cloud relay (``https://api.sms-gate.app/3rdparty/v1``); the ``android-sms-gateway``
client speaks both, with the login and password the app shows. Our HTTP client is passed in
explicitly (httpx, a short timeout) rather than left to the library's choice of what is installed.
"""

from __future__ import annotations

import httpx
from android_sms_gateway import AsyncAPIClient, Message, ProcessState, TextMessage
from android_sms_gateway.ahttp import HttpxAsyncHttpClient
from android_sms_gateway.errors import APIError

from logistics.sms.gateway import SmsConfig, SmsFailed

# A reminder for tomorrow that the phone could not send by then is better dropped than sent
# in the middle of the night: the gateway forgets it after this many seconds.
TIME_TO_LIVE_S = 12 * 3600


class AndroidSmsGateway:
    def __init__(self, config: SmsConfig) -> None:
        self.config = config

    async def send(self, message_id: str, phone: str, text: str) -> None:
        message = Message(
            phone_numbers=[phone],
            text_message=TextMessage(text=text),
            id=message_id,
            with_delivery_report=False,
            ttl=TIME_TO_LIVE_S,
        )
        try:
            async with httpx.AsyncClient(timeout=self.config.timeout) as http:
                client = AsyncAPIClient(
                    self.config.login or None,
                    self.config.password,
                    base_url=self.config.url,
                    http_client=HttpxAsyncHttpClient(http),
                )
                state = await client.send(message)
        except APIError as error:
            raise SmsFailed(f"passerelle SMS : HTTP {error.status_code} {error}") from error
        except (httpx.HTTPError, ValueError, KeyError) as error:
            # ValueError/KeyError: an answer that is not the gateway's (a proxy's page, say).
            reason = f"{type(error).__name__}: {error}"
            raise SmsFailed(f"passerelle SMS injoignable : {reason}") from error
        if state.state is ProcessState.Failed:
            reasons = "; ".join(r.error for r in state.recipients if r.error)
            raise SmsFailed(f"passerelle SMS : message refusé ({reasons or 'sans raison'})")

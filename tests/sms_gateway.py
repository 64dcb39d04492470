"""A local HTTP server that speaks SMS Gateway for Android's send endpoint, for tests.

``POST <base>/messages`` with Basic authentication and a JSON message, answered ``202`` with
the message's state, as the gateway's API documents it; every accepted message is kept for the
test to read. ``answer_failed`` makes it report the message ``Failed`` (a number refused).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from logistics.sms.gateway import SmsConfig

BASE_PATH = "/3rdparty/v1"
LOGIN, PASSWORD = "sms", "mot-de-passe-passerelle"


@dataclass
class FakeGateway:
    port: int
    received: list[dict[str, Any]] = field(default_factory=list)
    answer_failed: bool = False

    @property
    def config(self) -> SmsConfig:
        return SmsConfig(f"http://127.0.0.1:{self.port}{BASE_PATH}", LOGIN, PASSWORD, timeout=2)


def _handler(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    expected = "Basic " + base64.b64encode(f"{LOGIN}:{PASSWORD}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
            pass

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            message = json.loads(self.rfile.read(length))
            if self.path.split("?")[0] != f"{BASE_PATH}/messages":
                self._answer(404, {"message": "not found"})
                return
            if self.headers.get("Authorization") != expected:
                self._answer(401, {"message": "unauthorized"})
                return
            gateway.received.append(message)
            failed = gateway.answer_failed
            state, error = ("Failed", "numéro refusé") if failed else ("Pending", None)
            recipients = [
                {"phoneNumber": n, "state": state, "error": error} for n in message["phoneNumbers"]
            ]
            self._answer(
                202,
                {
                    "id": message.get("id") or "generated",
                    "state": state,
                    "recipients": recipients,
                    "isHashed": False,
                    "isEncrypted": False,
                },
            )

    return Handler


@contextmanager
def running(gateway: FakeGateway) -> Iterator[FakeGateway]:
    """Serve ``gateway`` on its port until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", gateway.port), _handler(gateway))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

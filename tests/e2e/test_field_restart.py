"""A server killed in the middle of a phone's sync, then started again: the phone sends the same
batch again (it never got an answer) and every entry is recorded exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from inventory.tables import Collection, Item
from logistics.field.tables import SyncReceipt
from tests.factories import PASSWORD, run
from tests.factories_field import AGENT, make_field_day, round_batch

pytestmark = pytest.mark.e2e
ITEMS = 190


def _serve(port: int) -> subprocess.Popen[bytes]:
    """A server process of our own, so the test may kill it like a power cut would."""
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "logistics"), "serve", "--port", str(port)],
        env={**os.environ, "BASE_URL": f"http://127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def test_a_server_killed_during_a_sync_loses_nothing_and_doubles_nothing(
    live_server: str,
) -> None:
    day = make_field_day(labels=ITEMS)
    batch = round_batch(day, items=ITEMS)
    token = httpx.post(
        f"{live_server}/api/v1/auth/tokens", json={"username": AGENT, "password": PASSWORD}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    port = int(live_server.rsplit(":", 1)[1]) + 1
    server = _serve(port)
    outcome: dict[str, object] = {}

    def phone_syncs() -> None:
        try:
            outcome["answer"] = httpx.post(
                f"http://127.0.0.1:{port}/api/v1/sync",
                json={"entries": batch},
                headers=headers,
                timeout=60,
            )
        except httpx.TransportError as error:
            outcome["error"] = error

    sending = threading.Thread(target=phone_syncs)
    sending.start()
    while run(SyncReceipt.count()) < 10:
        time.sleep(0.005)
    server.send_signal(signal.SIGKILL)
    server.wait()
    sending.join()
    applied_before_the_cut = run(SyncReceipt.count())

    server = _serve(port)
    try:
        again = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/sync",
            json={"entries": batch},
            headers=headers,
            timeout=60,
        ).json()
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert "error" in outcome, "the sync ended before the server was killed"
    assert 10 <= applied_before_the_cut < len(batch)
    assert again["accepted"] == len(batch) and again["refused"] == 0
    assert run(SyncReceipt.count()) == len(batch)
    assert run(Collection.count()) == 1
    assert run(Item.count()) == ITEMS
    assert run(Collection.select(Collection.status).first())["status"] == "closed"

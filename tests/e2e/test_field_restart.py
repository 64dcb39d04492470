"""A server killed while applying a phone's batch, then started again: the new process takes the
abandoned batch over, the phone sends the batch again (as when it never got an answer), and
every entry is recorded exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from inventory.tables import Collection, Item
from logistics.field.tables import SyncReceipt
from tests.factories import PASSWORD, free_port, run
from tests.factories_field import AGENT, make_field_day, round_batch

pytestmark = [pytest.mark.e2e, pytest.mark.both_databases]
ITEMS = 190


def _serve(port: int, log: Path) -> subprocess.Popen[bytes]:
    """A server process of our own, so the test may kill it like a power cut would."""
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "logistics"), "serve", "--port", str(port)],
        env={**os.environ, "BASE_URL": f"http://127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")


def _answer(port: int, headers: dict[str, str], batch: int) -> dict:
    """The batch's answer once applied, as the phone would keep asking for it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/sync/{batch}", headers=headers)
        if answer.json()["state"] == "applied":
            return answer.json()
        time.sleep(0.05)
    raise AssertionError(f"batch {batch} was never applied")


def test_a_server_killed_while_applying_a_batch_loses_nothing_and_doubles_nothing(
    live_server: str, tmp_path: Path
) -> None:
    day = make_field_day(labels=ITEMS)
    entries = round_batch(day, items=ITEMS)
    token = httpx.post(
        f"{live_server}/api/v1/auth/tokens", json={"username": AGENT, "password": PASSWORD}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    # Not the live server's neighbour port: another test worker's server may be there.
    port, log = free_port(), tmp_path / "server.log"
    sync = f"http://127.0.0.1:{port}/api/v1/sync"
    server = _serve(port, log)

    stored = httpx.post(sync, json={"entries": entries}, headers=headers, timeout=60).json()
    while run(SyncReceipt.count()) < 10:
        time.sleep(0.005)
    server.send_signal(signal.SIGKILL)
    server.wait()
    applied_before_the_cut = run(SyncReceipt.count())

    server = _serve(port, log)
    try:
        # The phone sends the batch again too, as when it never got the first answer.
        again = httpx.post(sync, json={"entries": entries}, headers=headers, timeout=60).json()
        first, second = (_answer(port, headers, b) for b in (stored["batch"], again["batch"]))
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert stored["state"] == "received" and stored["received"] == len(entries)
    assert 10 <= applied_before_the_cut < len(entries), "the kill came after the batch was applied"
    assert first["accepted"] == second["accepted"] == len(entries)
    assert first["results"] == second["results"]
    assert run(SyncReceipt.count()) == len(entries)
    assert run(Collection.count()) == 1
    assert run(Item.count()) == ITEMS
    assert run(Collection.select(Collection.status).first())["status"] == "closed"

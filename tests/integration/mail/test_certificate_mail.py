"""Certificates reach the donor's contact through a real SMTP server, once, even after an outage."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from logistics.mail import outbox
from logistics.mail.certificates import issue_certificate_and_notify, issue_pending_certificates
from logistics.mail.tables import OutboxMessage, OutboxStatus
from tests.factories import free_port, run
from tests.factories_certificates import circumstances, make_collection, make_world, now


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message: email.message.Message) -> None:
        self.messages.append(message)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def inbox(port: int) -> Iterator[Inbox]:
    handler = Inbox()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    yield handler
    server.stop()


def _config(port: int) -> outbox.SmtpConfig:
    return outbox.SmtpConfig(
        "127.0.0.1", port, sender="Régie Plus <attestations@regie.example>", tls="none", timeout=2
    )


def test_closing_a_collection_mails_the_certificate_to_the_donor(inbox: Inbox, port: int) -> None:
    world = make_world()
    collection = make_collection(world)
    certificate = run(issue_certificate_and_notify(world.scope, collection, circumstances()))
    run(issue_certificate_and_notify(world.scope, collection, circumstances()))  # closed twice
    assert run(outbox.send_due(_config(port), now())) == {"sent": 1, "failed": 0}
    assert run(outbox.send_due(_config(port), now() + timedelta(hours=1)))["sent"] == 0
    [message] = inbox.messages
    assert message["To"] == "dsi@donateur.example"
    assert certificate["number"] in message["Subject"]
    [attachment] = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_payload(decode=True).startswith(b"%PDF")


def test_a_message_waits_while_the_server_is_down_and_arrives_once_when_it_is_up(
    port: int,
) -> None:
    world = make_world()
    run(issue_certificate_and_notify(world.scope, make_collection(world), circumstances()))
    start = now()
    assert run(outbox.send_due(_config(port), start)) == {"sent": 0, "failed": 1}
    [row] = run(OutboxMessage.select())
    assert row["status"] == OutboxStatus.PENDING and row["attempts"] == 1
    assert row["next_attempt_at"] > start and "Error" in row["last_error"]
    # Too early for the next try: nothing happens even though the server is now up.
    handler = Inbox()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    try:
        assert run(outbox.send_due(_config(port), start + timedelta(seconds=5)))["sent"] == 0
        later = start + outbox.backoff(1)
        assert run(outbox.send_due(_config(port), later))["sent"] == 1
        assert run(outbox.send_due(_config(port), later + timedelta(days=1)))["sent"] == 0
    finally:
        server.stop()
    assert len(handler.messages) == 1


def test_after_the_last_retry_a_manager_sees_the_failure_and_resends(inbox: Inbox, port: int):
    world = make_world()
    run(issue_certificate_and_notify(world.scope, make_collection(world), circumstances()))
    dead = _config(free_port())
    at = now()
    for _ in range(outbox.MAX_ATTEMPTS):
        run(outbox.send_due(dead, at))
        at += outbox.LONGEST_DELAY
    [failed] = run(outbox.list_messages(world.scope, unsent_only=True))
    assert failed["status"] == OutboxStatus.FAILED
    run(outbox.resend(world.scope, failed["id"], at))
    assert run(outbox.send_due(_config(port), at))["sent"] == 1
    assert len(inbox.messages) == 1


def test_a_collection_closed_by_the_phone_gets_its_certificate_from_the_scheduler() -> None:
    world = make_world()
    make_collection(world)
    assert run(issue_pending_certificates(now())) == 1
    assert run(issue_pending_certificates(now())) == 0
    assert run(OutboxMessage.count()) == 1

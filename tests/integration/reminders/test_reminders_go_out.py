"""Reminders leave through the outbox: texts through a local server that speaks the SMS
gateway's API (down first, then up: one text), e-mails through a real SMTP server."""

from __future__ import annotations

import email
from datetime import date, datetime, timedelta

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from logistics import clock
from logistics.mail import outbox
from logistics.mail.tables import OutboxMessage, OutboxStatus
from logistics.sms.android import AndroidSmsGateway
from logistics.sms.configured import gateway_for
from logistics.sms.gateway import SmsConfig
from logistics.visits.reminders import remind_trainees
from tests.factories import free_port, run
from tests.factories_trainees import make_ble, make_trainee, make_visit
from tests.sms_gateway import FakeGateway, running

PARIS = clock.get_settings().timezone
NOW = datetime(2026, 12, 2, 16, 0, tzinfo=PARIS)
TOMORROW = date(2026, 12, 3)


def _texted_visit() -> int:
    ble = make_ble()
    trainee = make_trainee(ble.organisation, phone="06 12 34 56 78", consent_sms=True)
    return make_visit(ble, trainee, TOMORROW)


def test_a_text_waits_while_the_gateway_is_down_and_goes_once_when_it_is_up() -> None:
    _texted_visit()
    assert run(remind_trainees(NOW, texts_on=True)) == 1
    gateway = FakeGateway(free_port())
    sms = AndroidSmsGateway(gateway.config)

    assert run(outbox.send_due_texts(sms, NOW)) == {"sent": 0, "failed": 1}
    [row] = run(OutboxMessage.select())
    assert row["status"] == OutboxStatus.PENDING and row["attempts"] == 1
    assert "injoignable" in row["last_error"]

    with running(gateway):
        assert run(outbox.send_due_texts(sms, NOW + timedelta(seconds=5)))["sent"] == 0
        later = NOW + outbox.backoff(1)
        assert run(outbox.send_due_texts(sms, later)) == {"sent": 1, "failed": 0}
        assert run(outbox.send_due_texts(sms, later + timedelta(hours=1)))["sent"] == 0
        # The e-mail side of the outbox does not touch texts.
        smtp = outbox.SmtpConfig("127.0.0.1", free_port(), tls="none", timeout=1)
        assert run(outbox.send_due(smtp, later + timedelta(hours=2))) == {"sent": 0, "failed": 0}

    [sent] = gateway.received
    assert sent["phoneNumbers"] == ["+33612345678"]
    assert sent["id"] == f"outbox-{row['id']}"
    assert "demain jeudi 3/12 entre 9 h et 11 h" in sent["textMessage"]["text"]
    [row] = run(OutboxMessage.select())
    assert row["status"] == OutboxStatus.SENT and row["last_error"] == ""


def test_a_number_the_gateway_refuses_is_a_visible_failure() -> None:
    _texted_visit()
    run(remind_trainees(NOW, texts_on=True))
    gateway = FakeGateway(free_port(), answer_failed=True)
    with running(gateway):
        assert run(outbox.send_due_texts(AndroidSmsGateway(gateway.config), NOW))["failed"] == 1
    [row] = run(OutboxMessage.select())
    assert "numéro refusé" in row["last_error"]


def test_wrong_credentials_are_a_visible_failure() -> None:
    _texted_visit()
    run(remind_trainees(NOW, texts_on=True))
    gateway = FakeGateway(free_port())
    wrong = SmsConfig(gateway.config.url, "sms", "pas-le-bon", timeout=2)
    with running(gateway):
        assert run(outbox.send_due_texts(AndroidSmsGateway(wrong), NOW))["failed"] == 1
    assert gateway.received == []
    assert "401" in run(OutboxMessage.select())[0]["last_error"]


def test_without_a_gateway_texts_are_off_and_nothing_fails() -> None:
    assert gateway_for(SmsConfig()) is None
    assert gateway_for(SmsConfig(url="http://127.0.0.1:9/3rdparty/v1")) is None
    _texted_visit()
    assert run(remind_trainees(NOW, texts_on=False)) == 0  # she agreed to texts only
    assert run(outbox.send_due_texts(None, NOW)) == {"sent": 0, "failed": 0}
    assert run(outbox.send_outbox())["texts_failed"] == 0


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message: email.message.Message) -> None:
        self.messages.append(message)


def test_an_email_reminder_reaches_the_trainee_through_the_smtp_server() -> None:
    ble = make_ble()
    trainee = make_trainee(
        ble.organisation, first_name="Amina", email="amina@exemple.fr", consent_email=True
    )
    make_visit(ble, trainee, TOMORROW)
    assert run(remind_trainees(NOW, texts_on=True)) == 1  # no consent to texts: an e-mail
    port = free_port()
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        config = outbox.SmtpConfig("127.0.0.1", port, tls="none", timeout=2)
        assert run(outbox.send_due(config, NOW)) == {"sent": 1, "failed": 0}
    finally:
        server.stop()
    [message] = inbox.messages
    assert message["To"] == "amina@exemple.fr"
    assert "demain jeudi 3/12 entre 9 h et 11 h" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert "Bonjour Amina" in body and "12 rue du Pré de l'Âne 73000 Chambéry" in body

"""The gateway's webhook: a signed « OK » confirms the visit, « REPORT » asks to move it, and a
forged or replayed request changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from litestar.testing import TestClient

from logistics import clock
from logistics.settings import get_settings
from logistics.sms.webhook import signature
from logistics.visits.tables import Visit
from tests.factories import run
from tests.factories_trainees import make_ble, make_trainee, make_visit

KEY = "cle-de-signature-du-telephone"
URL = "/api/v1/sms/webhook"
PARIS = get_settings().timezone
NOW = datetime(2026, 12, 2, 18, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def signing_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SMS_WEBHOOK_SIGNING_KEY", KEY)
    get_settings.cache_clear()
    with clock.frozen(NOW):
        yield
    get_settings.cache_clear()


def _event(text: str, sender: str = "+33612345678", event: str = "sms:received") -> bytes:
    payload = {
        "messageId": "abc123",
        "message": text,
        "phoneNumber": sender,
        "simNumber": 1,
        "receivedAt": "2026-12-02T18:00:00.000+01:00",
    }
    body = {"deviceId": "ffffffffceb0b1db", "event": event, "id": "Ey6E", "payload": payload}
    return json.dumps(body).encode()


def _post(client: TestClient, body: bytes, key: str = KEY, at: int | None = None) -> object:
    timestamp = str(at if at is not None else int(NOW.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "X-Timestamp": timestamp,
        "X-Signature": signature(key, body, timestamp),
    }
    return client.post(URL, content=body, headers=headers)


def _visit_tomorrow() -> int:
    ble = make_ble()
    trainee = make_trainee(ble.organisation, phone="06 12 34 56 78", consent_sms=True)
    other = make_trainee(ble.organisation, "Autre", phone="06 99 99 99 99", consent_sms=True)
    make_visit(ble, other, date(2026, 12, 3))
    return make_visit(ble, trainee, date(2026, 12, 3))


def _reply(visit: int) -> str | None:
    return run(Visit.select(Visit.reply).where(Visit.id == visit))[0]["reply"]


def test_a_signed_ok_confirms_the_senders_visit(client: TestClient) -> None:
    visit = _visit_tomorrow()
    response = _post(client, _event("Ok merci"))
    assert response.status_code == 200, response.text
    assert response.json() == {"visit_id": visit, "reply": "confirmed"}
    assert _reply(visit) == "confirmed"


@pytest.mark.parametrize("text", ["REPORT", "reporter svp", "Reporté !", "  report."])
def test_report_in_any_case_or_accent_asks_to_move_the_visit(client: TestClient, text: str):
    visit = _visit_tomorrow()
    assert _post(client, _event(text)).status_code == 200
    assert _reply(visit) == "to_move"


def test_a_forged_signature_is_refused_and_changes_nothing(client: TestClient) -> None:
    visit = _visit_tomorrow()
    assert _post(client, _event("OK"), key="une-autre-cle").status_code == 401
    body = _event("OK")
    timestamp = str(int(NOW.timestamp()))
    unsigned = client.post(URL, content=body, headers={"X-Timestamp": timestamp})
    assert unsigned.status_code == 401
    tampered = client.post(
        URL,
        content=_event("REPORT"),
        headers={"X-Timestamp": timestamp, "X-Signature": signature(KEY, body, timestamp)},
    )
    assert tampered.status_code == 401
    assert _reply(visit) is None


def test_a_replayed_request_signed_long_ago_is_refused(client: TestClient) -> None:
    visit = _visit_tomorrow()
    ten_minutes_ago = int(NOW.timestamp()) - 600
    assert _post(client, _event("OK"), at=ten_minutes_ago).status_code == 401
    assert _reply(visit) is None


def test_other_texts_numbers_and_events_are_acknowledged_and_ignored(client: TestClient):
    visit = _visit_tomorrow()
    for body in (
        _event("Bonjour, à quelle heure ?"),
        _event("OK", sender="+33700000000"),
        _event("OK", event="sms:sent"),
    ):
        response = _post(client, body)
        assert response.status_code == 200
        assert response.json() == {"visit_id": None, "reply": None}
    assert _reply(visit) is None


def test_without_a_signing_key_the_webhook_is_off(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMS_WEBHOOK_SIGNING_KEY")
    get_settings.cache_clear()
    _visit_tomorrow()
    assert _post(client, _event("OK"), key="").status_code == 404

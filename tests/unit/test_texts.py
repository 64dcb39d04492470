"""Text messages without a network: phone numbers, answers, the webhook's signature."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from logistics.sms.phones import international
from logistics.sms.webhook import signature, signed_recently
from logistics.visits.replies import VisitReply, reading


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("+41 79 123 45 67", "+41791234567"),
        ("", None),
        ("pas de téléphone", None),
        ("06 12 34", None),
    ],
)
def test_numbers_typed_any_way_become_international(typed: str, expected: str | None) -> None:
    assert international(typed) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OK", VisitReply.CONFIRMED),
        ("ok merci !", VisitReply.CONFIRMED),
        ("Oui", VisitReply.CONFIRMED),
        ("REPORT", VisitReply.TO_MOVE),
        ("Reporter svp", VisitReply.TO_MOVE),
        ("reporté", VisitReply.TO_MOVE),
        ("RÉPORT", VisitReply.TO_MOVE),
        (" report.", VisitReply.TO_MOVE),
        ("Bonjour, c'est à quelle heure ?", None),
        ("", None),
        ("okapi", None),
    ],
)
def test_the_first_word_of_a_text_decides_the_answer(text: str, expected: VisitReply | None):
    assert reading(text) == expected


def test_a_signature_holds_for_its_body_and_timestamp_only_and_not_for_long() -> None:
    now = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    at = str(int(now.timestamp()))
    body = b'{"event":"sms:received"}'
    signed = signature("cle", body, at)
    # The documented scheme: hex HMAC-SHA256 of the raw body followed by the timestamp.
    assert signed == "61309d1293c56cba4b4bc07dc1df3702cf6fd7513e5077329cc1b692046cdedc"
    assert signed_recently("cle", body, at, signed, now)
    assert signed_recently("cle", body, at, signed.upper(), now + timedelta(minutes=4))
    assert not signed_recently("cle", body, at, signed, now + timedelta(minutes=6))
    assert not signed_recently("autre", body, at, signed, now)
    assert not signed_recently("cle", body + b" ", at, signed, now)
    assert not signed_recently("cle", body, str(int(at) + 1), signed, now)
    assert not signed_recently("", body, at, signature("", body, at), now)
    assert not signed_recently("cle", body, "hier", signed, now)

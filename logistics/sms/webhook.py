"""The check of the gateway's signed webhook (incoming texts).

SMS Gateway for Android signs each webhook request: ``X-Signature`` is the hexadecimal
HMAC-SHA256, with the signing key set in the app (Settings → Webhooks → Signing Key), of the raw
body followed by ``X-Timestamp`` (Unix seconds). A request is taken only when the signature is
right and the timestamp recent, so a captured request cannot be replayed days later.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

MAX_AGE = timedelta(minutes=5)


def signature(key: str, body: bytes, timestamp: str) -> str:
    """What the gateway puts in ``X-Signature`` for ``body`` sent at ``timestamp``."""
    return hmac.new(key.encode(), body + timestamp.encode(), hashlib.sha256).hexdigest()


def signed_recently(key: str, body: bytes, timestamp: str, sent: str, now: datetime) -> bool:
    """Whether the request carries the gateway's signature and was signed within ``MAX_AGE``."""
    if not key or not timestamp.isdigit():
        return False
    signed_at = datetime.fromtimestamp(int(timestamp), tz=UTC)
    if abs(now - signed_at) > MAX_AGE:
        return False
    return hmac.compare_digest(signature(key, body, timestamp), sent.strip().lower())

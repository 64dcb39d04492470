"""The day as the association lives it: in the configured time zone, not the server's.

The server may run on UTC: between midnight and 1 or 2 in the morning in Paris, ``date.today()``
there would still say yesterday, and a collection logged then would carry the wrong date.

Tests set the present with ``frozen`` (the app runs in the same process as the test client),
so rules that depend on "now" are checked against the real database without mocking it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from logistics.settings import get_settings

_frozen_at: datetime | None = None


def now() -> datetime:
    """The present in ``TIMEZONE`` (the moment set by ``frozen``, if any)."""
    return (_frozen_at or datetime.now(tz=UTC)).astimezone(get_settings().timezone)


def today(at: datetime | None = None) -> date:
    """The calendar day in ``TIMEZONE`` at ``at`` (an aware moment; the present by default)."""
    return (at or now()).astimezone(get_settings().timezone).date()


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Make ``now`` answer ``at`` (an aware moment) until the block ends."""
    global _frozen_at
    previous, _frozen_at = _frozen_at, at
    try:
        yield
    finally:
        _frozen_at = previous

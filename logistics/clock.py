"""The day as the association lives it: in the configured time zone, not the server's.

The server may run on UTC: between midnight and 1 or 2 in the morning in Paris, ``date.today()``
there would still say yesterday, and a collection logged then would carry the wrong date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from logistics.settings import get_settings


def today(at: datetime | None = None) -> date:
    """The calendar day in ``TIMEZONE`` at ``at`` (an aware moment; the present by default)."""
    return (at or datetime.now(tz=UTC)).astimezone(get_settings().timezone).date()

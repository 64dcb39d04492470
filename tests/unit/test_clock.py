"""'Today' is the association's day (Europe/Paris), whatever the server's clock says."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from logistics import clock
from logistics.settings import get_settings


@pytest.fixture(autouse=True)
def _paris(monkeypatch: pytest.MonkeyPatch) -> None:
    paris = replace(get_settings(), timezone=ZoneInfo("Europe/Paris"))
    monkeypatch.setattr(clock, "get_settings", lambda: paris)


@pytest.mark.parametrize(
    ("utc", "paris_day"),
    [
        (datetime(2027, 1, 14, 22, 59, tzinfo=UTC), date(2027, 1, 14)),  # 23:59 in winter
        (datetime(2027, 1, 14, 23, 30, tzinfo=UTC), date(2027, 1, 15)),  # 00:30, UTC+1
        (datetime(2027, 7, 14, 22, 30, tzinfo=UTC), date(2027, 7, 15)),  # 00:30, UTC+2
        (datetime(2027, 12, 31, 23, 15, tzinfo=UTC), date(2028, 1, 1)),  # a new year in Paris
    ],
)
def test_a_collection_logged_after_midnight_in_paris_is_dated_that_day(
    utc: datetime, paris_day: date
) -> None:
    assert clock.today(utc) == paris_day


def test_today_without_a_moment_is_the_present_in_paris() -> None:
    before = datetime.now(ZoneInfo("Europe/Paris")).date()
    assert clock.today() in {before, datetime.now(ZoneInfo("Europe/Paris")).date()}

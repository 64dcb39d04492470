"""Periodic clean-up keeps recent security traces and drops old ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from logistics.accounts.tables import LoginAttempt
from logistics.scheduler import build_scheduler, purge_stale_access_records
from logistics.settings import get_settings
from tests.factories import run


def test_old_login_attempts_are_purged_and_recent_ones_kept() -> None:
    now = datetime.now(tz=get_settings().timezone)
    for age in (1, 200):
        run(
            LoginAttempt.insert(
                LoginAttempt(
                    username="x",
                    remote_address="1.2.3.4",
                    succeeded=False,
                    at=now - timedelta(days=age),
                )
            )
        )
    assert run(purge_stale_access_records()) == 1
    assert run(LoginAttempt.count()) == 1


def test_the_scheduler_registers_every_job_once() -> None:
    scheduler = build_scheduler()
    ids = [job.id for job in scheduler.get_jobs()]
    assert len(ids) == len(set(ids))
    expected = {"purge_stale_access_records", "send_outbox", "forget_old_phone_batches"}
    assert expected | {"remind_tomorrows_crews"} <= set(ids)

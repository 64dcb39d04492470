"""Periodic jobs, run by a process of their own (``logistics scheduler``).

Kept out of the web processes so that several web workers never run the same job twice. Later
jobs (the phone reminders the day before a visit, the e-mail outbox) register here too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from inventory.history import Circumstances
from inventory.services.ledger import check_overdue_agreements
from logistics import clock
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.tables import AccessToken, LoginAttempt
from logistics.database import ensure_migrated
from logistics.field.inbox import forget_applied_batches
from logistics.mail.certificates import mail_certificates
from logistics.privacy.anonymise import anonymise_past_retention
from logistics.rounds.reminders import remind_crews
from logistics.settings import get_settings
from logistics.sms.gateway import SmsConfig
from logistics.visits.reminders import remind_visits

logger = logging.getLogger(__name__)
LOGIN_ATTEMPTS_KEPT_DAYS = 90


async def purge_stale_access_records() -> int:
    """Drop login attempts past the retention period and sessions long expired.

    They are security traces, not the hardware's history: keeping them forever would only pile up
    personal data (usernames, addresses) with no use.
    """
    now = datetime.now(tz=get_settings().timezone)
    cutoff = now - timedelta(days=LOGIN_ATTEMPTS_KEPT_DAYS)
    attempts = (
        await LoginAttempt.delete().where(LoginAttempt.at < cutoff).returning(LoginAttempt.id)
    )
    sessions = (
        await AccessToken.delete().where(AccessToken.expires_at < cutoff).returning(AccessToken.id)
    )
    return len(attempts) + len(sessions)


async def forget_old_phone_batches() -> int:
    """Nightly: the phones' inbox keeps applied batches for a month (see ``inbox``)."""
    return await forget_applied_batches(datetime.now(tz=get_settings().timezone))


async def check_quota_arrears() -> int:
    """Weekly: flag agreements whose return balance stayed above their threshold for their set
    number of weeks (one event when arrears start, not every week again)."""
    now = datetime.now(tz=get_settings().timezone)
    return await check_overdue_agreements(Circumstances(at=now, app="planificateur"))


async def remind_tomorrows_crews() -> int:
    """Daily at 17:00: each crew member of tomorrow's rounds gets their day by e-mail."""
    return await remind_crews(datetime.now(tz=get_settings().timezone))


async def remind_tomorrows_visits() -> dict[str, int]:
    """Each afternoon: tomorrow's installation visits are reminded to the trainees who agreed
    (text or e-mail) and each BLÉ staff member gets their call list."""
    texts_on = SmsConfig.from_settings(get_settings()).sending
    return await remind_visits(clock.now(), texts_on)


async def anonymise_old_files() -> int:
    """Nightly: trainees past RESIDENT_RETENTION_MONTHS since their last activity are
    anonymised (the statistics keep what they count)."""
    done = await anonymise_past_retention(
        OPERATOR_SCOPE, Circumstances(at=clock.now(), app="planificateur")
    )
    return len(done)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    trigger: CronTrigger


def jobs() -> list[Job]:
    timezone = get_settings().timezone
    reminders = get_settings().visit_reminder_time
    return [
        Job(
            "purge_stale_access_records",
            purge_stale_access_records,
            CronTrigger(hour=3, minute=30, timezone=timezone),
        ),
        Job(
            "forget_old_phone_batches",
            forget_old_phone_batches,
            CronTrigger(hour=3, minute=40, timezone=timezone),
        ),
        Job(
            "anonymise_old_files",
            anonymise_old_files,
            CronTrigger(hour=3, minute=50, timezone=timezone),
        ),
        # Every minute: a certificate reaches the donor soon after the collection is closed.
        Job("send_outbox", mail_certificates, CronTrigger(minute="*", timezone=timezone)),
        # The evening before: late enough for the day's changes, early enough to read it.
        Job(
            "remind_tomorrows_crews",
            remind_tomorrows_crews,
            CronTrigger(hour=17, minute=0, timezone=timezone),
        ),
        # The afternoon before the visits (VISIT_REMINDER_TIME): time to call everyone.
        Job(
            "remind_tomorrows_visits",
            remind_tomorrows_visits,
            CronTrigger(hour=reminders.hour, minute=reminders.minute, timezone=timezone),
        ),
        # Monday morning, before the week's lots are prepared.
        Job(
            "check_quota_arrears",
            check_quota_arrears,
            CronTrigger(day_of_week="mon", hour=6, minute=0, timezone=timezone),
        ),
    ]


def build_scheduler() -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=get_settings().timezone)
    for job in jobs():
        # coalesce + one instance: a job missed while the process was down runs once, not N times.
        scheduler.add_job(
            job.run,
            job.trigger,
            id=job.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=3600,
            replace_existing=True,
        )
    return scheduler


def run_scheduler() -> None:
    async def main() -> None:
        await ensure_migrated()
        scheduler = build_scheduler()
        scheduler.start()
        logger.info("Scheduler started with %d job(s)", len(scheduler.get_jobs()))
        await asyncio.Event().wait()

    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())

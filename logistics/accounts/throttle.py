"""Login throttling: after repeated failures, a username (or an address) must wait.

Attempts are rows in the database rather than counters in memory, so the limit holds across the
web processes of a deployment and across restarts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from inventory.errors import TooManyAttempts
from logistics.accounts.tables import LoginAttempt
from logistics.settings import get_settings


def _now() -> datetime:
    return datetime.now(tz=get_settings().timezone)


async def check_not_throttled(username: str, remote_address: str) -> None:
    """Raise ``TooManyAttempts`` when the recent failures reach the limit."""
    settings = get_settings()
    since = _now() - timedelta(minutes=settings.login_window_minutes)
    recent_failures = (LoginAttempt.at >= since) & (LoginAttempt.succeeded == False)  # noqa: E712
    by_user = await LoginAttempt.count().where(recent_failures, LoginAttempt.username == username)
    by_address = await LoginAttempt.count().where(
        recent_failures, LoginAttempt.remote_address == remote_address
    )
    # An address gets more room than a username: several agents may share a depot's connection.
    if by_user >= settings.login_max_failures or by_address >= 4 * settings.login_max_failures:
        raise TooManyAttempts(
            "Trop de tentatives de connexion échouées. "
            f"Réessayez dans {settings.login_window_minutes} minutes."
        )


async def record_attempt(username: str, remote_address: str, succeeded: bool) -> None:
    await LoginAttempt.insert(
        LoginAttempt(
            username=username,
            remote_address=remote_address,
            succeeded=succeeded,
            at=_now(),
        )
    )

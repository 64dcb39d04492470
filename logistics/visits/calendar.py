"""Each BLÉ staff member's visits as a private calendar feed (.ics) their phone subscribes to.

The feed's address carries a token: a random secret, of which only the hash is stored (an
``AccessToken`` of kind ``calendar``, so deactivating the account or changing its password ends
it too), followed by a signature made with the deployment's ``SECRET_KEY``; a token altered by
hand fails the signature before any lookup, a revoked one finds no live row, and both answer
404 like any unknown address. Creating a new address revokes the previous one.

The events say what a calendar on a lost phone may show: the trainee's first name and initial,
the address, the two-hour window in Europe/Paris time (with its VTIMEZONE), never a phone number.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from inventory.engine import write_transaction
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.permissions import roles_for
from logistics.accounts.tables import AccessToken, TokenKind
from logistics.accounts.tokens import issue_token, user_for_token
from logistics.settings import get_settings
from logistics.visits.reminders import hour
from logistics.visits.tables import WHEN_AND_WHERE, Visit, VisitStatus

DAYS_BACK = 30
"""Past visits stay in the feed this long (a phone's calendar keeps what it already has)."""
PERMISSION = "residents:read"


def _signature(secret: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"calendar:" + secret.encode(), hashlib.sha256).hexdigest()[:24]


def _secret_of(token: str) -> str | None:
    """The stored secret behind a feed token, if its signature is right."""
    secret, _, signed = token.rpartition(".")
    if not secret or not hmac.compare_digest(signed, _signature(secret)):
        return None
    return secret


def feed_path(token: str) -> str:
    return f"/agenda/{token}.ics"


async def _revoke(user_id: int) -> None:
    await AccessToken.update({AccessToken.revoked_at: clock.now()}).where(
        AccessToken.user == user_id,
        AccessToken.kind == TokenKind.CALENDAR,
        AccessToken.revoked_at.is_null(),
    )


async def new_feed(scope: Scope) -> str:
    """A new private address for the caller's visits (the previous one stops); its token is
    shown this once."""
    scope.require(PERMISSION, "d'avoir l'agenda des visites")
    async with write_transaction(AccessToken):
        await _revoke(scope.actor_id)
        secret = await issue_token(scope.actor_id, TokenKind.CALENDAR, "agenda des visites")
    return f"{secret}.{_signature(secret)}"


async def revoke_feed(scope: Scope) -> None:
    """Stop the caller's calendar address: a phone subscribed to it gets nothing more."""
    await _revoke(scope.actor_id)


async def live_feed_since(scope: Scope) -> datetime | None:
    """When the caller's live calendar address was created, if there is one."""
    rows = await AccessToken.select(AccessToken.created_at).where(
        AccessToken.user == scope.actor_id,
        AccessToken.kind == TokenKind.CALENDAR,
        AccessToken.revoked_at.is_null(),
    )
    return rows[0]["created_at"] if rows else None


def _event(visit: dict[str, Any], host: str, stamp: datetime) -> Event:
    paris = get_settings().timezone
    initial = f" {visit['last_name'][:1]}." if visit["last_name"] else ""
    status = VisitStatus(visit["status"])
    done = "" if status is VisitStatus.BOOKED else f" ({status.label})"
    window = f"{hour(visit['window_start'])} – {hour(visit['window_end'])}"
    return Event.new(
        uid=f"visite-{visit['id']}@{host}",
        stamp=stamp,
        start=datetime.combine(visit["day"], visit["window_start"], tzinfo=paris),
        end=datetime.combine(visit["day"], visit["window_end"], tzinfo=paris),
        summary=f"Installation – {visit['first_name']}{initial}{done}",
        location=" ".join(p for p in (visit["address"], visit["postcode"], visit["city"]) if p),
        description=f"Visite d'installation d'un ordinateur, créneau {window}.",
    )


async def feed(token: str) -> bytes | None:
    """The calendar behind a feed token, or ``None`` (tampered, revoked, or nobody's)."""
    secret = _secret_of(token)
    user = await user_for_token(secret, TokenKind.CALENDAR) if secret else None
    if user is None or user.role not in roles_for(PERMISSION):
        return None
    now = clock.now()
    visits = await (
        Visit.select(*WHEN_AND_WHERE, Visit.status)
        .where(
            Visit.installer == user.id,
            Visit.organisation == user.organisation_id,
            Visit.day >= clock.today(now) - timedelta(days=DAYS_BACK),
            Visit.status != VisitStatus.CANCELLED,
            Visit.trainee.anonymised_at.is_null(),
        )
        .order_by(Visit.day)
        .order_by(Visit.window_start)
    )
    host = urlsplit(get_settings().base_url).hostname or "localhost"
    calendar = Calendar.new(
        prodid="-//Ordi'Pratique//Visites d'installation//FR",
        name=f"Visites – {user.full_name}",
        refresh_interval=timedelta(hours=1),
    )
    for visit in visits:
        calendar.add_component(_event(visit, host, now))
    first = visits[0]["day"] if visits else clock.today(now)
    last = visits[-1]["day"] if visits else clock.today(now)
    year = timedelta(days=366)
    calendar.add_missing_timezones(first_date=first - year, last_date=last + year)
    return calendar.to_ical()

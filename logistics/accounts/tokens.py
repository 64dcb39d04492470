"""Browser sessions and bearer API tokens: random secrets of which only a hash is stored.

A stolen database copy therefore holds no usable session, and deactivating an account or
revoking a token takes effect on the very next request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from inventory.parties import OrganisationKind
from logistics.accounts.identity import CurrentUser
from logistics.accounts.roles import Role
from logistics.settings import get_settings
from logistics.tables import AccessToken, TokenKind


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(tz=get_settings().timezone)


async def issue_token(user_id: int, kind: TokenKind, name: str = "") -> str:
    """Create a session (expiring) or an API token (until revoked); returns the secret once."""
    token = secrets.token_urlsafe(32)
    expires = (
        _now() + timedelta(days=get_settings().session_days) if kind is TokenKind.SESSION else None
    )
    await AccessToken.insert(
        AccessToken(
            kind=kind.value,
            token_hash=_digest(token),
            user=user_id,
            name=name,
            created_at=_now(),
            expires_at=expires,
        )
    )
    return token


async def revoke_token(token: str) -> None:
    await AccessToken.update({AccessToken.revoked_at: _now()}).where(
        AccessToken.token_hash == _digest(token), AccessToken.revoked_at.is_null()
    )


async def revoke_all_tokens(user_id: int) -> None:
    await AccessToken.update({AccessToken.revoked_at: _now()}).where(
        AccessToken.user == user_id, AccessToken.revoked_at.is_null()
    )


async def user_for_token(token: str, kind: TokenKind) -> CurrentUser | None:
    """The active user behind a live token of ``kind``, or ``None``."""
    now = _now()
    row = (
        await AccessToken.select(
            AccessToken.user.id,
            AccessToken.user.username,
            AccessToken.user.full_name,
            AccessToken.user.role,
            AccessToken.user.organisation.id,
            AccessToken.user.organisation.name,
            AccessToken.user.organisation.kind,
            AccessToken.user.organisation.code,
        )
        .where(
            AccessToken.token_hash == _digest(token),
            AccessToken.kind == kind.value,
            AccessToken.revoked_at.is_null(),
            (AccessToken.expires_at.is_null()) | (AccessToken.expires_at > now),
            AccessToken.user.active == True,  # noqa: E712
        )
        .first()
    )
    if row is None:
        return None
    return CurrentUser(
        id=row["user.id"],
        username=row["user.username"],
        full_name=row["user.full_name"],
        role=Role(row["user.role"]),
        organisation_id=row["user.organisation.id"],
        organisation_name=row["user.organisation.name"],
        organisation_kind=OrganisationKind(row["user.organisation.kind"]),
        organisation_code=row["user.organisation.code"],
    )

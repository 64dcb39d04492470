"""Tables of the accounts: user accounts, access tokens, login attempts."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.tables import Organisation
from logistics.accounts.roles import Role


class UserAccount(Table, tablename="user_account"):
    """A person who logs in. Accounts are deactivated, never deleted: history names them."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    username = Varchar(length=100, unique=True)
    full_name = Varchar(length=200)
    email = Varchar(length=254, default="")
    password_hash = Text()
    role = Varchar(length=20, choices=Role)
    organisation = ForeignKey(references=Organisation, null=False)
    active = Boolean(default=True)
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)
    deactivated_at = Timestamptz(null=True, default=None)
    deactivated_by = Integer(null=True, default=None)


class TokenKind(StrEnum):
    SESSION = "session"  # a browser's login cookie
    API = "api"  # a bearer token for scripts
    CALENDAR = "calendar"  # the private address of one's visits calendar (.ics), read-only


class AccessToken(Table, tablename="access_token"):
    """A browser session or a bearer API token; only the SHA-256 of the secret is stored."""

    id: Serial
    kind = Varchar(length=10, choices=TokenKind)
    token_hash = Varchar(length=64, unique=True, index=True)
    user = ForeignKey(references=UserAccount, null=False)
    name = Varchar(length=100, default="")
    created_at = Timestamptz()
    expires_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class LoginAttempt(Table, tablename="login_attempt"):
    """Every login try, kept so repeated failures can be throttled across processes."""

    id: Serial
    username = Varchar(length=100, index=True)
    remote_address = Varchar(length=64, default="")
    succeeded = Boolean()
    at = Timestamptz(index=True)

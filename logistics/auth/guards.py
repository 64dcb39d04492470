"""Role guards, declared in one table: which roles may use which kind of action.

Controllers name a permission (``guards=[allow("accounts:manage")]``); the roles behind it are
listed only here, so a reviewer reads the whole access policy in one screen.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from inventory.errors import Forbidden
from logistics.accounts.roles import Role

ALL_ROLES = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "session": ALL_ROLES,
    "accounts:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER}),
    "accounts:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "organisations:read": ALL_ROLES,
}

Guard = Callable[[ASGIConnection, BaseRouteHandler], None]


def roles_for(permission: str) -> frozenset[Role]:
    return PERMISSIONS[permission]


def allow(permission: str) -> Guard:
    """A guard letting through the roles that hold ``permission`` (401 if anonymous, else 403)."""
    roles = roles_for(permission)

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        user = connection.user
        if user is None:
            raise NotAuthorizedException("Authentification requise.")
        if user.role not in roles:
            raise Forbidden(f"Votre rôle « {user.role.label} » ne permet pas cette action.")

    guard.__name__ = f"allow_{permission.replace(':', '_')}"
    return guard

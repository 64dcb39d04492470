"""Role guards: controllers name a permission (``guards=[allow("accounts:manage")]``) of the one
table in ``logistics.accounts.permissions``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from inventory.errors import Forbidden
from logistics.accounts.identity import CurrentUser
from logistics.accounts.permissions import roles_for

# A connection as the authentication middleware leaves it: ``user`` is None when anonymous.
Connection = ASGIConnection[Any, CurrentUser | None, Any, Any]
Guard = Callable[[Connection, BaseRouteHandler], Awaitable[None]]


def allow(permission: str) -> Guard:
    """A guard letting through the roles that hold ``permission`` (401 if anonymous, else 403)."""
    roles = roles_for(permission)

    # A coroutine: Litestar runs a plain function guard in a worker thread, a needless hop on
    # every request.
    async def guard(connection: Connection, _: BaseRouteHandler) -> None:
        user = connection.user
        if user is None:
            raise NotAuthorizedException("Authentification requise.")
        if user.role not in roles:
            raise Forbidden(f"Votre rôle « {user.role.label} » ne permet pas cette action.")

    guard.__name__ = f"allow_{permission.replace(':', '_')}"
    return guard

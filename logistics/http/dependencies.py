"""Request-scoped values injected into controllers: the current user and their scope."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException

from inventory.scope import Scope
from logistics.accounts.identity import CurrentUser, scope_for


async def provide_current_user(request: Request[Any, Any, Any]) -> CurrentUser:
    if request.user is None:
        raise NotAuthorizedException("Authentification requise.")
    return request.user


# Annotations that tell Litestar these parameters come from the providers below.
Me = NamedDependency[CurrentUser]
OrgScope = NamedDependency[Scope]


async def provide_scope(current_user: Me) -> Scope:
    return await scope_for(current_user)


DEPENDENCIES = {
    "current_user": Provide(provide_current_user),
    "org_scope": Provide(provide_scope),
}

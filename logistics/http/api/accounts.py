"""API: who am I, tokens for scripts, accounts and organisations."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, patch, post
from litestar.params import FromPath, JSONBody

from logistics.accounts import organisations, service
from logistics.accounts.roles import roles_granted_by
from logistics.accounts.tables import TokenKind
from logistics.accounts.tokens import issue_token
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope, client_address
from logistics.http.schemas.accounts import (
    ActiveIn,
    MeOut,
    OrganisationOut,
    TokenOut,
    TokenRequest,
    UserIn,
    UserOut,
)


class TokenController(Controller):
    path = "/api/v1/auth"
    tags = ["Authentification"]

    # No CSRF check: the request carries the credentials themselves, never an ambient cookie.
    @post("/tokens", status_code=201, exclude_from_csrf=True)
    async def create_token(
        self, request: Request[Any, Any, Any], data: JSONBody[TokenRequest]
    ) -> TokenOut:
        """Exchange credentials for a bearer token (login throttling applies)."""
        user_id = await service.authenticate(data.username, data.password, client_address(request))
        return TokenOut(token=await issue_token(user_id, TokenKind.API, data.name))


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["Authentification"]
    guards = [allow("session")]

    @get("/")
    async def me(self, current_user: Me) -> MeOut:
        return MeOut(
            id=current_user.id,
            username=current_user.username,
            full_name=current_user.full_name,
            role=current_user.role,
            role_label=current_user.role_label,
            organisation_id=current_user.organisation_id,
            organisation_name=current_user.organisation_name,
        )


class UserController(Controller):
    path = "/api/v1/users"
    tags = ["Comptes"]

    @get("/", guards=[allow("accounts:read")])
    async def list_users(self, org_scope: OrgScope) -> list[UserOut]:
        return [UserOut.from_row(row) for row in await service.list_users(org_scope)]

    @get("/{user_id:int}", guards=[allow("accounts:read")])
    async def get_user(self, org_scope: OrgScope, user_id: FromPath[int]) -> UserOut:
        return UserOut.from_row(await service.get_user(org_scope, user_id))

    @post("/", guards=[allow("accounts:manage")])
    async def create_user(
        self, current_user: Me, org_scope: OrgScope, data: JSONBody[UserIn]
    ) -> UserOut:
        return UserOut.from_row(
            await service.create_user(
                roles_granted_by(current_user.role), current_user.id, org_scope, data.to_data()
            )
        )

    @patch("/{user_id:int}", guards=[allow("accounts:manage")])
    async def set_active(
        self,
        current_user: Me,
        org_scope: OrgScope,
        user_id: FromPath[int],
        data: JSONBody[ActiveIn],
    ) -> UserOut:
        """Deactivate or reactivate an account; accounts are never deleted."""
        row = await service.set_active(current_user, org_scope, user_id, data.active)
        return UserOut.from_row(row)


class OrganisationController(Controller):
    path = "/api/v1/organisations"
    tags = ["Organisations"]
    guards = [allow("organisations:read")]

    @get("/")
    async def list_organisations(self, org_scope: OrgScope) -> list[OrganisationOut]:
        return [
            OrganisationOut.from_row(row)
            for row in await organisations.list_organisations(org_scope)
        ]

"""Pages to list, create, deactivate and reactivate accounts."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError, Invalid
from logistics.accounts import organisations, service
from logistics.accounts.identity import CurrentUser
from logistics.accounts.roles import roles_granted_by
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.accounts import ActiveIn, NewAccountIn


def _new_user(data: dict[str, object]) -> service.NewUser:
    wanted = read_form(data, NewAccountIn)
    if wanted.password != wanted.password_confirm:
        raise Invalid("Les deux mots de passe ne sont pas identiques.")
    return wanted.to_data()


class AccountPages(Controller):
    path = "/comptes"
    include_in_schema = False

    async def _form_context(self, user: CurrentUser, org_scope: OrgScope) -> dict[str, object]:
        return {
            "roles": sorted(roles_granted_by(user.role), key=lambda r: r.label),
            "organisations": await organisations.list_organisations(org_scope, writable_only=True),
            "values": {"organisation_id": str(user.organisation_id)},
        }

    @get("/", guards=[allow("accounts:read")])
    async def list_accounts(
        self, current_user: Me, org_scope: OrgScope, cree: FromQuery[int | None] = None
    ) -> Template:
        accounts = await service.list_users(org_scope)
        created = next((a for a in accounts if a["id"] == cree), None)
        return Template(
            "accounts/list.html",
            context={"user": current_user, "accounts": accounts, "created": created},
        )

    @get("/nouveau", guards=[allow("accounts:manage")])
    async def new_account(self, current_user: Me, org_scope: OrgScope) -> Template:
        context = await self._form_context(current_user, org_scope)
        return Template("accounts/new.html", context={"user": current_user, **context})

    @post("/", guards=[allow("accounts:manage")])
    async def create_account(
        self, current_user: Me, org_scope: OrgScope, data: FormData
    ) -> Template | Redirect:
        try:
            created = await service.create_user(
                roles_granted_by(current_user.role),
                current_user.id,
                org_scope,
                _new_user(data),
            )
        except DomainError as error:
            context = {**await self._form_context(current_user, org_scope), "values": data}
            return form_with_error("accounts/new.html", {"user": current_user, **context}, error)
        return Redirect(f"/comptes?cree={created['id']}")

    @post("/{user_id:int}/activation", guards=[allow("accounts:manage")])
    async def set_active(
        self, current_user: Me, org_scope: OrgScope, user_id: FromPath[int], data: FormData
    ) -> Redirect:
        active = read_form(data, ActiveIn).active
        await service.set_active(current_user, org_scope, user_id, active)
        return saved("/comptes", "reactive" if active else "desactive")

"""The user's own account: change the provisional password a manager gave them; BLÉ's staff
also get the private address of their visits' calendar (``logistics.http.pages.calendar``)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from inventory.errors import DomainError
from logistics.accounts import service
from logistics.accounts.tables import TokenKind
from logistics.accounts.tokens import issue_token
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.pages.auth import set_session_cookie
from logistics.http.pages.calendar import calendar_context
from logistics.http.schemas.accounts import PasswordChangeIn


class MyAccountPages(Controller):
    path = "/mon-compte"
    include_in_schema = False
    guards = [allow("session")]

    @get("/")
    async def show(self, current_user: Me, org_scope: OrgScope) -> Template:
        context = {"user": current_user, **await calendar_context(org_scope)}
        return Template("my_account.html", context=context)

    @post("/mot-de-passe")
    async def change_password(self, current_user: Me, data: FormData) -> Template | Redirect:
        change = read_form(data, PasswordChangeIn)
        try:
            await service.change_password(
                current_user.id,
                change.current_password,
                change.new_password,
                change.new_password_confirm,
            )
        except DomainError as error:
            return form_with_error("my_account.html", {"user": current_user}, error)
        # Every session ended with the old password; this browser gets a fresh one.
        response = saved("/mon-compte", "mot-de-passe")
        set_session_cookie(response, await issue_token(current_user.id, TokenKind.SESSION))
        return response

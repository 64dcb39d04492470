"""Login and logout pages."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from inventory.errors import DomainError
from logistics.accounts import service
from logistics.accounts.tables import TokenKind
from logistics.accounts.tokens import issue_token, revoke_token
from logistics.auth.middleware import SESSION_COOKIE
from logistics.http.dependencies import client_address
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.schemas.accounts import LoginIn
from logistics.settings import get_settings


def safe_next(target: str | None) -> str:
    """Only follow local paths after login, so a crafted link cannot send users elsewhere."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def set_session_cookie(response: Response[Any], token: str) -> None:
    """The session cookie: unreadable by scripts, sent on same-site navigation only."""
    settings = get_settings()
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.base_url.startswith("https://"),
    )


class AuthPages(Controller):
    include_in_schema = False

    @get("/connexion")
    async def login_form(
        self, request: Request[Any, Any, Any], suivant: FromQuery[str] = "/"
    ) -> Template:
        return Template("login.html", context={"suivant": safe_next(suivant), "username": ""})

    @post("/connexion")
    async def login(self, request: Request[Any, Any, Any], data: FormData) -> Response[Any]:
        signing_in = read_form(data, LoginIn)
        target = safe_next(signing_in.suivant)
        try:
            user_id = await service.authenticate(
                signing_in.username, signing_in.password, client_address(request)
            )
        except DomainError as error:
            context = {"suivant": target, "username": signing_in.username}
            return form_with_error("login.html", context, error)
        response = Redirect(target)
        set_session_cookie(response, await issue_token(user_id, TokenKind.SESSION))
        return response

    @post("/deconnexion")
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            await revoke_token(token)
        response = Redirect("/connexion")
        response.delete_cookie(SESSION_COOKIE)
        return response

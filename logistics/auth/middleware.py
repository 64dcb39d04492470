"""Authentication: a session cookie for pages, a bearer token for scripts.

Anonymous requests pass with ``request.user`` set to ``None``; guards decide what needs a login,
so public pages (login, verification, health) need no exclusion list here.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.middleware.csrf import CSRFMiddleware
from litestar.types import Receive, Scope, Send

from logistics.accounts.tables import TokenKind
from logistics.accounts.tokens import user_for_token

SESSION_COOKIE = "session"


def bearer_token(headers: Any) -> str | None:
    scheme, _, token = (headers.get("authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class TokenAuthenticationMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        token = bearer_token(connection.headers)
        if token is not None:
            return AuthenticationResult(user=await user_for_token(token, TokenKind.API), auth="api")
        cookie = connection.cookies.get(SESSION_COOKIE)
        if cookie:
            user = await user_for_token(cookie, TokenKind.SESSION)
            return AuthenticationResult(user=user, auth="session" if user else None)
        return AuthenticationResult(user=None, auth=None)


class SessionCSRFMiddleware(CSRFMiddleware):
    """Litestar's CSRF check, skipped for bearer-token calls.

    A forged cross-site request carries cookies, never an ``Authorization`` header, so a request
    that authenticates by bearer token alone cannot be a CSRF attack; scripts then need no
    CSRF dance. A request carrying a session cookie is always checked.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            headers = MutableScopeHeaders(scope)
            has_session = f"{SESSION_COOKIE}=" in (headers.get("cookie") or "")
            if bearer_token(headers) and not has_session:
                await self.app(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

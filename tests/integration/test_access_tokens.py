"""Which tokens still open the door: the lookup every request runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from logistics.accounts.roles import Role
from logistics.accounts.tables import AccessToken, TokenKind, UserAccount
from logistics.accounts.tokens import issue_token, revoke_token, user_for_token
from tests.factories import make_organisation, make_user, run


def _agent() -> int:
    return make_user("amina", Role.AGENT, make_organisation("RP"))


def test_a_live_token_names_its_user_and_organisation() -> None:
    user_id = _agent()
    token = run(issue_token(user_id, TokenKind.API, "script"))
    user = run(user_for_token(token, TokenKind.API))
    assert user is not None
    assert (user.id, user.username, user.role, user.organisation_code) == (
        user_id,
        "amina",
        Role.AGENT,
        "RP",
    )


def test_a_token_opens_only_its_own_kind_of_door() -> None:
    token = run(issue_token(_agent(), TokenKind.API))
    assert run(user_for_token(token, TokenKind.SESSION)) is None
    assert run(user_for_token(token + "x", TokenKind.API)) is None


def test_revoked_expired_or_deactivated_tokens_are_refused() -> None:
    user_id = _agent()
    revoked = run(issue_token(user_id, TokenKind.API))
    run(revoke_token(revoked))
    assert run(user_for_token(revoked, TokenKind.API)) is None

    session = run(issue_token(user_id, TokenKind.SESSION))
    assert run(user_for_token(session, TokenKind.SESSION)) is not None
    yesterday = datetime.now(UTC) - timedelta(days=1)
    run(AccessToken.update({AccessToken.expires_at: yesterday}).where(AccessToken.user == user_id))
    assert run(user_for_token(session, TokenKind.SESSION)) is None

    token = run(issue_token(user_id, TokenKind.API))
    run(UserAccount.update({UserAccount.active: False}).where(UserAccount.id == user_id))
    assert run(user_for_token(token, TokenKind.API)) is None

"""Use cases on accounts: log in, create, list, deactivate. Each write is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.accounts import throttle
from logistics.accounts.identity import CurrentUser
from logistics.accounts.passwords import hash_password, verify_password
from logistics.accounts.roles import Role, role_fits, roles_granted_by
from logistics.accounts.tables import UserAccount
from logistics.accounts.tokens import revoke_all_tokens
from logistics.settings import get_settings


class BadCredentials(DomainError):
    """Unknown username, wrong password or deactivated account: one answer for all three."""


@dataclass(frozen=True)
class NewUser:
    username: str
    full_name: str
    password: str
    role: Role
    organisation_id: int
    email: str = ""


USER_COLUMNS = (
    UserAccount.id,
    UserAccount.username,
    UserAccount.full_name,
    UserAccount.email,
    UserAccount.role,
    UserAccount.active,
    UserAccount.created_at,
    UserAccount.deactivated_at,
    UserAccount.organisation.id.as_alias("organisation_id"),
    UserAccount.organisation.name.as_alias("organisation_name"),
)


def _now() -> datetime:
    return datetime.now(tz=get_settings().timezone)


def normalise_username(username: str) -> str:
    return username.strip().lower()


async def username_taken(username: str) -> bool:
    return await UserAccount.exists().where(UserAccount.username == normalise_username(username))


async def authenticate(username: str, password: str, remote_address: str) -> int:
    """Check credentials under the login throttle; returns the user's id."""
    username = normalise_username(username)
    await throttle.check_not_throttled(username, remote_address)
    row = (
        await UserAccount.select(UserAccount.id, UserAccount.password_hash, UserAccount.active)
        .where(UserAccount.username == username)
        .first()
    )
    ok = verify_password(row["password_hash"] if row else None, password)
    ok = ok and row is not None and row["active"]
    await throttle.record_attempt(username, remote_address, succeeded=ok)
    if not ok or row is None:
        raise BadCredentials("Identifiant ou mot de passe incorrect.")
    return row["id"]


async def list_users(scope: Scope) -> list[dict[str, Any]]:
    return (
        await UserAccount.select(*USER_COLUMNS)
        .where(scope.readable_where(UserAccount.organisation))
        .order_by(UserAccount.organisation.name)
        .order_by(UserAccount.full_name)
    )


async def get_user(scope: Scope, user_id: int) -> dict[str, Any]:
    row = (
        await UserAccount.select(*USER_COLUMNS)
        .where(UserAccount.id == user_id, scope.readable_where(UserAccount.organisation))
        .first()
    )
    if row is None:
        raise NotFound("Utilisateur introuvable.")
    return row


async def _organisation_kind(scope: Scope, organisation_id: int) -> OrganisationKind:
    row = (
        await Organisation.select(Organisation.kind)
        .where(Organisation.id == organisation_id, Organisation.active == True)  # noqa: E712
        .first()
    )
    if row is None or not scope.can_write(organisation_id):
        raise NotFound("Organisation introuvable.")
    return OrganisationKind(row["kind"])


async def create_user(
    granted: frozenset[Role], actor_id: int | None, scope: Scope, new: NewUser
) -> dict[str, Any]:
    """Create an account, checking who may grant which role in which organisation.

    ``granted`` is what the actor's role may give; ``actor_id`` is ``None`` for the deployment's
    operator working from the command line.
    """
    if new.role not in granted:
        raise Forbidden(f"Vous ne pouvez pas créer de compte « {new.role.label} ».")
    kind = await _organisation_kind(scope, new.organisation_id)
    if not role_fits(new.role, kind):
        raise Invalid(
            f"Le rôle « {new.role.label} » ne convient pas à une organisation de type "
            f"« {kind.label} »."
        )
    username = normalise_username(new.username)
    if not username or not new.full_name.strip():
        raise Invalid("L'identifiant et le nom complet sont obligatoires.")
    password_hash = hash_password(new.password)
    async with write_transaction(UserAccount):
        if await username_taken(username):
            raise Conflict(f"L'identifiant « {username} » est déjà utilisé.")
        created = await UserAccount.insert(
            UserAccount(
                username=username,
                full_name=new.full_name.strip(),
                email=new.email.strip(),
                password_hash=password_hash,
                role=new.role.value,
                organisation=new.organisation_id,
                created_at=_now(),
                created_by=actor_id,
            )
        )
    return await get_user(scope, created[0]["id"])


async def set_active(
    actor: CurrentUser, scope: Scope, user_id: int, active: bool
) -> dict[str, Any]:
    """Deactivate (sessions and tokens end at once) or reactivate an account; never delete it."""
    user = await get_user(scope, user_id)
    scope.check_write(user["organisation_id"], "Utilisateur")
    if user_id == actor.id and not active:
        raise Conflict("Vous ne pouvez pas désactiver votre propre compte.")
    if Role(user["role"]) not in roles_granted_by(actor.role):
        raise Forbidden(f"Vous ne pouvez pas modifier un compte « {Role(user['role']).label} ».")
    async with write_transaction(UserAccount):
        await UserAccount.update(
            {
                UserAccount.active: active,
                UserAccount.deactivated_at: None if active else _now(),
                UserAccount.deactivated_by: None if active else actor.id,
            }
        ).where(UserAccount.id == user_id)
        if not active:
            await revoke_all_tokens(user_id)
    return await get_user(scope, user_id)


async def change_password(user_id: int, current: str, new: str, confirm: str) -> None:
    """Replace one's own password; every other session and token of the account ends."""
    row = (
        await UserAccount.select(UserAccount.password_hash).where(UserAccount.id == user_id).first()
    )
    if row is None or not verify_password(row["password_hash"], current):
        raise Invalid("Le mot de passe actuel est incorrect.")
    if new != confirm:
        raise Invalid("Les deux nouveaux mots de passe ne sont pas identiques.")
    password_hash = hash_password(new)
    async with write_transaction(UserAccount):
        await UserAccount.update({UserAccount.password_hash: password_hash}).where(
            UserAccount.id == user_id
        )
        await revoke_all_tokens(user_id)

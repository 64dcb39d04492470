"""Scopes as the app builds them for BLÉ's staff and the collecting managers, and a stock of
devices, for the tests of attributions (reserve, sign, install, give back)."""

from __future__ import annotations

from datetime import UTC, datetime

from inventory.history import Circumstances
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.accounts.identity import CurrentUser, scope_for
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.visits import assignments
from tests.factories import run

AT = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
SIGNATURE = "M10 40L30 20L50 45L70 15L90 40"


def when(at: datetime = AT) -> Circumstances:
    return Circumstances(at=at, app="tests")


def scope_of_user(user_id: int) -> Scope:
    """The scope ``scope_for`` grants this account, as a request of theirs would get it."""

    async def build() -> Scope:
        user = await UserAccount.select().where(UserAccount.id == user_id).first()
        assert user is not None
        org = await Organisation.select().where(Organisation.id == user["organisation"]).first()
        assert org is not None
        current = CurrentUser(
            id=user["id"],
            username=user["username"],
            full_name=user["full_name"],
            role=Role(user["role"]),
            organisation_id=org["id"],
            organisation_name=org["name"],
            organisation_kind=OrganisationKind(org["kind"]),
            organisation_code=org["code"],
        )
        return await scope_for(current)

    return run(build())


def install_device(installer: Scope, trainee_id: int, device_id: int, at: datetime = AT) -> int:
    """Reserve, sign and install a device at a trainee's home through the use cases; returns
    the attribution's id."""
    reserved = run(assignments.reserve(installer, trainee_id, device_id, when(at)))
    run(assignments.sign_contract(installer, reserved.id, "Signataire", SIGNATURE, when(at)))
    run(assignments.install(installer, reserved.id, True, when(at)))
    return reserved.id

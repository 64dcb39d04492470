"""The logged-in user as the rest of the code sees it, and the scope it is granted."""

from __future__ import annotations

from dataclasses import dataclass

from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.accounts.permissions import permissions_of
from logistics.accounts.roles import CROSS_ORGANISATION_READERS, PARTNER_KINDS, Role

# The deployment's operator at the command line (``logistics create-user``, ``demo``): sees and
# changes every organisation, and is recorded as nobody (``created_by`` stays empty).
OPERATOR_SCOPE = Scope(
    actor_id=0, actor_name="exploitation", organisation_id=0, readable=None, writable=None
)


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    full_name: str
    role: Role
    organisation_id: int
    organisation_name: str
    organisation_kind: OrganisationKind
    organisation_code: str

    @property
    def role_label(self) -> str:
        return self.role.label


async def scope_for(user: CurrentUser) -> Scope:
    """The organisations ``user`` may read and change; the single place where this is decided."""
    own = frozenset({user.organisation_id})
    readable: frozenset[int] | None = own
    writable: frozenset[int] | None = own
    if user.role in CROSS_ORGANISATION_READERS:
        readable = None
        writable = None if user.role is Role.ADMIN else frozenset()
    elif user.role is Role.MANAGER:
        # Managers create and look after the accounts of their partners' staff (BLÉ, TRIRA).
        partners = await Organisation.select(Organisation.id).where(
            Organisation.kind.is_in([kind.value for kind in PARTNER_KINDS])
        )
        readable = writable = own | {row["id"] for row in partners}
    return Scope(
        actor_id=user.id,
        actor_name=user.full_name,
        organisation_id=user.organisation_id,
        readable=readable,
        writable=writable,
        permissions=permissions_of(user.role),
        role_label=user.role.label,
    )

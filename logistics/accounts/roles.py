"""Organisation kinds and user roles, with the French labels people read.

Which role fits which kind of organisation, and which role may grant which, are rules of the
programme, so they live here as plain data and predicates rather than in controllers.
"""

from __future__ import annotations

from enum import StrEnum

from inventory.parties import OrganisationKind


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    MANAGER = "manager"
    AGENT = "agent"
    INSTALLER = "installer"
    RECONDITIONER = "reconditioner"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.ADMIN: "Administrateur",
    Role.COORDINATOR: "Coordinateur",
    Role.MANAGER: "Responsable",
    Role.AGENT: "Agent de collecte",
    Role.INSTALLER: "Installateur",
    Role.RECONDITIONER: "Reconditionneur",
}

# The kinds of organisation a role's holder may belong to; an admin runs the deployment and may
# sit in any of them.
_FITTING_KINDS: dict[Role, frozenset[OrganisationKind]] = {
    Role.ADMIN: frozenset(OrganisationKind),
    Role.COORDINATOR: frozenset({OrganisationKind.COORDINATING}),
    Role.MANAGER: frozenset({OrganisationKind.COLLECTING}),
    Role.AGENT: frozenset({OrganisationKind.COLLECTING}),
    Role.INSTALLER: frozenset({OrganisationKind.INSTALLING}),
    Role.RECONDITIONER: frozenset({OrganisationKind.RECONDITIONER}),
}

# Roles readable across every organisation (reports, deployment administration).
CROSS_ORGANISATION_READERS = frozenset({Role.ADMIN, Role.COORDINATOR})

# Partners a collecting association works with: its managers create their staff's accounts.
PARTNER_KINDS = frozenset({OrganisationKind.INSTALLING, OrganisationKind.RECONDITIONER})


def role_fits(role: Role, kind: OrganisationKind) -> bool:
    """Whether a holder of ``role`` may belong to an organisation of ``kind``."""
    return kind in _FITTING_KINDS[role]


def roles_granted_by(role: Role) -> frozenset[Role]:
    """The roles a user may give to accounts they create.

    A manager creates accounts for their own field agents and fellow managers, and for the staff
    of the partner associations (BLÉ installers, TRIRA staff), never admins or coordinators.
    """
    if role is Role.ADMIN:
        return frozenset(Role)
    if role is Role.MANAGER:
        return frozenset({Role.MANAGER, Role.AGENT, Role.INSTALLER, Role.RECONDITIONER})
    return frozenset()

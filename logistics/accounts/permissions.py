"""The access policy in one table: which roles may do which kind of action.

Controllers name a permission in their guards (``allow("accounts:manage")``) and use cases check
the same names on the caller's scope (``scope.require("items:dispose")``); the roles behind each
name are listed only here, so a reviewer reads the whole policy in one screen.
"""

from __future__ import annotations

from functools import cache

from logistics.accounts.roles import Role

ALL_ROLES = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "session": ALL_ROLES,
    "accounts:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER}),
    "accounts:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "organisations:read": ALL_ROLES,
    # TRIRA agreements, lots and the return-quota ledger: both parties and the coordinators read;
    # the association's managers write; the reconditioner's staff confirm the lots they receive.
    "agreements:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.RECONDITIONER}),
    "agreements:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "lots:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.RECONDITIONER}),
    "lots:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "lots:receive": frozenset({Role.ADMIN, Role.RECONDITIONER}),
    # Devices to give: installers read the ones available (see inventory.partners).
    "devices:read": frozenset(
        {Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.RECONDITIONER, Role.INSTALLER}
    ),
    "devices:return": frozenset({Role.ADMIN, Role.MANAGER, Role.RECONDITIONER}),
    "devices:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "stock:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.AGENT}),
    # Collection rounds: managers plan (and locate donors); agents read the published rounds
    # of their association; coordinators read, drafts too.
    "rounds:plan": frozenset({Role.ADMIN, Role.MANAGER}),
    "rounds:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.AGENT}),
    "rounds:drafts": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER}),
    "vehicles:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER}),
    # The phone page: collecting staff log pickups in the field and sync what they logged.
    "field:log": frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT}),
    # The phones' inbox, shared by the agents' round and the installers' visits: each entry is
    # then applied only if the sender's role allows its kind (see logistics.field.sync).
    "field:sync": frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.INSTALLER}),
    # Donors, pickup requests, collections and items: the collecting association's staff and the
    # coordinators read; managers keep the donors; agents log collections and items and store
    # them at the depot; only managers send an item to recycling or print blank label blocks.
    "journey:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.AGENT}),
    "donors:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "collections:log": frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT}),
    "items:dispose": frozenset({Role.ADMIN, Role.MANAGER}),
    "labels:blank": frozenset({Role.ADMIN, Role.MANAGER}),
    # Donors' documents (certificates, access links, register, transfer agreement): the
    # association's managers issue and send them; coordinators read. Managers import the
    # reconditioner's erasure reports and look after the outbox; BLÉ's staff look after theirs
    # (the reminders to trainees: the outbox shows those only to who may read residents' data).
    "donor_documents:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER}),
    "donor_documents:manage": frozenset({Role.ADMIN, Role.MANAGER}),
    "erasure:import": frozenset({Role.ADMIN, Role.MANAGER}),
    "outbox:manage": frozenset({Role.ADMIN, Role.MANAGER, Role.INSTALLER}),
    # Residents' personal data (trainees, their attendance, devices promised to them, visits
    # to their homes, after-sales): the installing association's staff only, since these are
    # vulnerable people; collecting staff, reconditioners and coordinators see none of it.
    "residents:read": frozenset({Role.ADMIN, Role.INSTALLER}),
    "residents:manage": frozenset({Role.ADMIN, Role.INSTALLER}),
    # The year's figures: the associations' managers and BLÉ's staff produce them (counts only),
    # Grand Chambéry reads them.
    "figures:read": frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER, Role.INSTALLER}),
}


def roles_for(permission: str) -> frozenset[Role]:
    return PERMISSIONS[permission]


@cache
def permissions_of(role: Role) -> frozenset[str]:
    """Every permission ``role`` holds: what its scope carries into the use cases."""
    return frozenset(name for name, roles in PERMISSIONS.items() if role in roles)

"""Who may hold and grant which role."""

from __future__ import annotations

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role, role_fits, roles_granted_by


def test_each_role_has_a_french_label_and_fits_its_kind_of_organisation() -> None:
    assert Role.AGENT.label == "Agent de collecte"
    assert role_fits(Role.AGENT, OrganisationKind.COLLECTING)
    assert not role_fits(Role.AGENT, OrganisationKind.INSTALLING)
    assert role_fits(Role.INSTALLER, OrganisationKind.INSTALLING)
    assert role_fits(Role.RECONDITIONER, OrganisationKind.RECONDITIONER)
    assert all(role_fits(Role.ADMIN, kind) for kind in OrganisationKind)


def test_managers_grant_field_and_partner_roles_but_never_admin_or_coordinator() -> None:
    granted = roles_granted_by(Role.MANAGER)
    assert Role.AGENT in granted and Role.INSTALLER in granted
    assert Role.ADMIN not in granted and Role.COORDINATOR not in granted
    assert roles_granted_by(Role.AGENT) == frozenset()
    assert roles_granted_by(Role.ADMIN) == frozenset(Role)

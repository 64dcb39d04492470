"""Who may hold and grant which role."""

from __future__ import annotations

import pytest

from inventory.errors import Forbidden
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from logistics.accounts.permissions import permissions_of
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


def test_a_scope_carries_its_roles_permissions_into_the_use_cases() -> None:
    own = frozenset({1})
    agent = Scope(7, "Karim", 1, own, own, permissions_of(Role.AGENT), "Agent")
    assert agent.may("collections:log") and not agent.may("items:dispose")
    with pytest.raises(Forbidden, match="« Agent » ne permet pas"):
        agent.require("items:dispose")
    operator = Scope(0, "exploitation", 0, None, None)
    operator.require("items:dispose")  # the command line and the jobs hold every permission

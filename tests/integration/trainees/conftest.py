"""What the trainees' integration tests share: BLÉ's staff as scopes, and local address services
(so no test asks the real address base)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inventory.scope import Scope
from logistics.accounts.permissions import permissions_of
from logistics.accounts.roles import Role
from logistics.settings import get_settings
from tests.unit.routes.geoservers import FakeService, serving

PRE_DE_L_ANE = "12 rue du Pré de l'Âne 73000 Chambéry"


def staff_scope(organisation: int, actor_id: int, role: Role = Role.INSTALLER) -> Scope:
    """A member of ``organisation`` holding ``role``'s permissions, reading only there."""
    own = frozenset({organisation})
    return Scope(actor_id, "Nadia Blanc", organisation, own, own, permissions_of(role), role.label)


@pytest.fixture(autouse=True)
def address_services(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeService]:
    """BAN knows one address of Chambéry; Nominatim knows none."""
    ban = FakeService(known={PRE_DE_L_ANE: (45.5812, 5.9301, PRE_DE_L_ANE, 0.95)})
    with serving(ban, "ban"), serving(FakeService(), "nominatim") as nominatim:
        monkeypatch.setenv("GEOCODER_BAN_URL", f"http://{ban.domain}")
        monkeypatch.setenv("GEOCODER_NOMINATIM_URL", f"http://{nominatim.domain}")
        monkeypatch.setenv("GEOCODER_BAN_MIN_DELAY_S", "0")
        monkeypatch.setenv("GEOCODER_NOMINATIM_MIN_DELAY_S", "0")
        get_settings.cache_clear()
        yield ban
    get_settings.cache_clear()

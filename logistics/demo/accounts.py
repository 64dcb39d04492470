"""Demo data of the accounts: the programme's organisations and their people, loaded idempotently.

Everything is keyed by a natural identifier (organisation code, username), so running the loader
again finds what exists and changes nothing. Depot positions are town centres from GeoNames
(shared/data/communes-chambery.csv), not street addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from inventory.parties import OrganisationKind
from inventory.scope import Scope
from logistics.accounts import organisations, service
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.organisations import NewOrganisation
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount

DEMO_PASSWORD = "demo-ordipratique"

ORGANISATIONS = [
    NewOrganisation(
        "Régie Plus",
        "RP",
        OrganisationKind.COLLECTING,
        "Les Hauts-de-Chambéry, 73000 Chambéry",
        45.5853,
        5.9329,
    ),
    NewOrganisation(
        "Régie Coup de Pouce",
        "CP",
        OrganisationKind.COLLECTING,
        "Centre-ville, 73100 Aix-les-Bains",
        45.68338,
        5.92241,
    ),
    NewOrganisation("BLÉ — Bien Lire et Écrire", "BLE", OrganisationKind.INSTALLING),
    NewOrganisation("TRIRA — Tri Rhône-Alpes", "TRI", OrganisationKind.RECONDITIONER),
    NewOrganisation("Grand Chambéry", "GC", OrganisationKind.COORDINATING),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    organisation_code: str


USERS = [
    DemoUser("admin", "Administratrice du déploiement", Role.ADMIN, "GC"),
    DemoUser("coordination", "Sophie Girard", Role.COORDINATOR, "GC"),
    DemoUser("claire.martin", "Claire Martin", Role.MANAGER, "RP"),
    DemoUser("karim.benali", "Karim Benali", Role.AGENT, "RP"),
    DemoUser("julie.rossi", "Julie Rossi", Role.AGENT, "RP"),
    DemoUser("mamadou.diallo", "Mamadou Diallo", Role.AGENT, "RP"),
    DemoUser("paul.favre", "Paul Favre", Role.MANAGER, "CP"),
    DemoUser("lea.morel", "Léa Morel", Role.AGENT, "CP"),
    DemoUser("nadia.blanc", "Nadia Blanc", Role.INSTALLER, "BLE"),
    DemoUser("yanis.roux", "Yanis Roux", Role.INSTALLER, "BLE"),
    DemoUser("thomas.perrin", "Thomas Perrin", Role.RECONDITIONER, "TRI"),
]


async def load_accounts_demo() -> dict[str, int]:
    """Create what is missing; returns how many organisations and accounts were added."""
    added = {"organisations": 0, "accounts": 0}
    for new in ORGANISATIONS:
        if await organisations.organisation_id_by_code(new.code) is None:
            await organisations.create_organisation(new)
            added["organisations"] += 1
    for user in USERS:
        if await service.username_taken(user.username):
            continue
        organisation_id = await organisations.organisation_id_by_code(user.organisation_code)
        assert organisation_id is not None
        await service.create_user(
            frozenset(Role),
            None,
            OPERATOR_SCOPE,
            service.NewUser(
                user.username, user.full_name, DEMO_PASSWORD, user.role, organisation_id
            ),
        )
        added["accounts"] += 1
    return added


async def scope_of(username: str, organisation_id: int) -> Scope:
    """What a demo person may do, so the other contexts' data is made by the people who would."""
    row = (
        await UserAccount.select(UserAccount.id, UserAccount.full_name)
        .where(UserAccount.username == username)
        .first()
    )
    assert row is not None, "the demo accounts are loaded first"
    own = frozenset({organisation_id})
    return Scope(row["id"], row["full_name"], organisation_id, own, own)

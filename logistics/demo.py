"""Demo data: the programme's organisations and a few accounts, loaded idempotently.

Everything is keyed by a natural identifier (organisation code, username), so running the loader
again finds what exists and changes nothing. Depot positions are town centres from GeoNames
(shared/data/communes-chambery.csv), not street addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inventory.history import Circumstances
from inventory.parties import OrganisationKind
from logistics.accounts import organisations, service
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.organisations import NewOrganisation
from logistics.accounts.roles import Role
from logistics.demo_documents import load_documents_demo
from logistics.demo_journey import load_journey_demo
from logistics.demo_quota import load_quota_demo
from logistics.rounds.demo import load_rounds_demo
from logistics.settings import get_settings
from logistics.staff.profiles import Profile, set_profile

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
    staff: Profile | None = None  # fiche salarié of those who go on rounds


USERS = [
    DemoUser("admin", "Administratrice du déploiement", Role.ADMIN, "GC"),
    DemoUser("coordination", "Sophie Girard", Role.COORDINATOR, "GC"),
    DemoUser("claire.martin", "Claire Martin", Role.MANAGER, "RP", Profile(True, 35)),
    DemoUser("karim.benali", "Karim Benali", Role.AGENT, "RP", Profile(True, 26, [3])),
    DemoUser("julie.rossi", "Julie Rossi", Role.AGENT, "RP", Profile(False, 26, [1])),
    DemoUser("mamadou.diallo", "Mamadou Diallo", Role.AGENT, "RP", Profile(True, 20, [5])),
    DemoUser("paul.favre", "Paul Favre", Role.MANAGER, "CP", Profile(True, 35)),
    DemoUser("lea.morel", "Léa Morel", Role.AGENT, "CP", Profile(True, 24)),
    DemoUser("nadia.blanc", "Nadia Blanc", Role.INSTALLER, "BLE"),
    DemoUser("thomas.perrin", "Thomas Perrin", Role.RECONDITIONER, "TRI"),
]


async def load_demo() -> dict[str, int]:
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
        created = await service.create_user(
            frozenset(Role),
            None,
            OPERATOR_SCOPE,
            service.NewUser(
                user.username, user.full_name, DEMO_PASSWORD, user.role, organisation_id
            ),
        )
        if user.staff is not None:
            at = Circumstances(at=datetime.now(get_settings().timezone), app="démo")
            await set_profile(OPERATOR_SCOPE, created["id"], user.staff, at)
        added["accounts"] += 1
    added.update(await load_journey_demo())
    added.update(await load_rounds_demo())
    added.update(await load_documents_demo())
    added.update(await load_quota_demo())
    return added

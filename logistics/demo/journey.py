"""Demo data of the hardware's journey: the donors named in the programme's reports, a few pickup
requests and one signed collection of twenty lines with their labels.

Idempotent like the rest of the demo: donors are keyed by (association, name), pickup requests by
(donor, first wished date), the collection and its items by fixed ``client_uuid``s, so a second
run finds everything and adds nothing. Addresses are plausible street addresses in Chambéry and
Aix-les-Bains, not checked ones; coordinates are the town centres of
shared/data/communes-chambery.csv (GeoNames) moved by a few hundred metres, so the round planner
has distinct points to visit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from inventory.history import Circumstances
from inventory.parties import DonorKind
from inventory.scope import Scope
from inventory.services import collections, donors, items, moves, pickups
from inventory.services.collections import CollectionData
from inventory.services.donors import DonorData
from inventory.services.items import ItemData
from inventory.services.pickups import PickupData
from inventory.states import CollectionStatus
from inventory.tables import Donor, PickupRequest
from logistics.accounts import organisations
from logistics.demo.accounts import scope_of

PARIS = ZoneInfo("Europe/Paris")
CHAMBERY = (45.56667, 5.93333)  # communes-chambery.csv: Chambery
AIX = (45.68338, 5.92241)  # communes-chambery.csv: Aix-les-Bains
OFFICE = {d: [["08:30", "12:00"], ["13:30", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
_NAMESPACE = uuid.UUID("6a0f2f4e-3c1d-4b7a-9e55-0d1c2b3a4f5e")


def near(centre: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    """A point (latitude, longitude) a few hundred metres from a town centre (1° of latitude
    ≈ 111 km here)."""
    return round(centre[0] + north_m / 111_000, 5), round(centre[1] + east_m / 78_000, 5)


def office(
    name: str, address: str, kind: DonorKind, where: tuple[float, float], **extra: Any
) -> DonorData:
    return DonorData(
        kind=kind,
        name=name,
        address=address,
        postcode=extra.pop("postcode", "73000"),
        city=extra.pop("city", "Chambéry"),
        opening_hours=extra.pop("opening_hours", OFFICE),
        latitude=where[0],
        longitude=where[1],
        **extra,
    )


COURT = "Palais de justice — Cour d'appel de Chambéry"
REGIE_PLUS_DONORS = [
    office(
        "Grand Chambéry — Direction des systèmes d'information",
        "106 allée des Blachères",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, 900, -400),
        contact_name="Service informatique",
        access_notes="Quai de livraison à l'arrière du bâtiment, badge à l'accueil.",
    ),
    office(
        "Ville de Chambéry — Service informatique",
        "Hôtel de Ville, place de l'Hôtel de Ville",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, 150, 120),
        access_notes="Matériel au 2e étage, ascenseur de service.",
    ),
    office(
        "CPAM de Chambéry",
        "5 avenue Jean Jaurès",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, -350, 500),
        contact_name="Logistique",
    ),
    office(
        "Conseil départemental de la Savoie — Direction des systèmes d'information",
        "Château des Ducs de Savoie, place Caffe",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, 60, -250),
        access_notes="Stationnement du camion cour du Château, prévenir la veille.",
    ),
    office(
        COURT,
        "Place du Palais de Justice",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, -120, -180),
        convention_reference="Ministère de la Justice — convention de don",
        convention_starts_on=date(2019, 4, 30),
        access_notes="Contrôle de sécurité à l'entrée : liste des agents à envoyer la veille.",
    ),
    office(
        "Collège Côte Rousse",
        "Chemin de la Côte Rousse",
        DonorKind.COLLECTIVITE,
        near(CHAMBERY, 1400, -900),
        opening_hours={d: [["08:00", "11:30"], ["13:30", "16:30"]] for d in OFFICE},
    ),
    office(
        "Hasbro",
        "Zone industrielle de Bissy",
        DonorKind.ENTREPRISE,
        near(CHAMBERY, 1800, -2600),
        opening_hours={d: [["07:30", "15:30"]] for d in OFFICE},
    ),
]
COUP_DE_POUCE_DONORS = [
    office(
        "Ville d'Aix-les-Bains — Service informatique",
        "Hôtel de Ville, place Maurice Mollard",
        DonorKind.COLLECTIVITE,
        near(AIX, 50, 80),
        postcode="73100",
        city="Aix-les-Bains",
    ),
    office(
        "Lycée Marlioz",
        "Chemin du Lycée",
        DonorKind.COLLECTIVITE,
        near(AIX, -1300, 600),
        postcode="73100",
        city="Aix-les-Bains",
    ),
]


@dataclass(frozen=True)
class DemoPickup:
    donor: str
    wished_from: date
    wished_until: date
    quantities: dict[str, int]
    weight_kg: float
    mandatory: bool = False


PICKUPS = [
    DemoPickup(COURT, date(2026, 10, 12), date(2026, 10, 16), {"desktop": 8, "screen": 6}, 120),
    DemoPickup("CPAM de Chambéry", date(2026, 12, 7), date(2026, 12, 18), {"desktop": 15}, 140),
    DemoPickup(
        "Conseil départemental de la Savoie — Direction des systèmes d'information",
        date(2026, 12, 1),
        date(2026, 12, 11),
        {"laptop": 20, "screen": 10},
        110,
        mandatory=True,
    ),
    DemoPickup("Collège Côte Rousse", date(2026, 12, 14), date(2026, 12, 18), {"desktop": 12}, 90),
]

# The collection at the court on 14 October 2026: 18 labelled items and 2 lines of accessories.
COLLECTED = [
    *(ItemData("desktop", brand="Dell", model="OptiPlex 7010", weight_kg=8.5) for _ in range(8)),
    *(ItemData("screen", brand="HP", model="EliteDisplay E222", weight_kg=4.2) for _ in range(6)),
    *(ItemData("laptop", brand="Lenovo", model="ThinkPad T440", weight_kg=2.1) for _ in range(3)),
    ItemData("printer", brand="Brother", model="HL-5450DN", weight_kg=11.0, condition="bourrage"),
    ItemData("keyboard_mouse", quantity=10, weight_kg=6.0),
    ItemData("cables_misc", quantity=1, weight_kg=3.5, notes="un carton de câbles secteur"),
]


def _uuid(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


async def ensure_donors(scope: Scope, wanted: list[DonorData], at: Circumstances) -> dict[str, int]:
    """The id of every wanted donor, creating those missing; counts what it added."""
    ids = {}
    for data in wanted:
        row = (
            await Donor.select(Donor.id)
            .where(Donor.organisation == scope.organisation_id, Donor.name == data.name)
            .first()
        )
        ids[data.name] = row["id"] if row else (await donors.create_donor(scope, data, at))["id"]
    return ids


async def _pickup_ids(scope: Scope, donor_ids: dict[str, int], at: Circumstances) -> list[int]:
    ids = []
    for wish in PICKUPS:
        donor_id = donor_ids[wish.donor]
        row = (
            await PickupRequest.select(PickupRequest.id)
            .where(PickupRequest.donor == donor_id, PickupRequest.wished_from == wish.wished_from)
            .first()
        )
        if row is None:
            data = PickupData(
                wish.wished_from,
                wish.wished_until,
                estimated_quantities=wish.quantities,
                estimated_weight_kg=wish.weight_kg,
                mandatory=wish.mandatory,
                requested_by="par téléphone",
            )
            row = await pickups.create_pickup(scope, donor_id, data, at)
        ids.append(row["id"])
    return ids


async def _court_collection(scope: Scope, donor_id: int, pickup_id: int) -> None:
    """The signed collection at the court, its items checked in at the depot the same day."""
    at = Circumstances(at=datetime(2026, 10, 14, 9, 40, tzinfo=PARIS), app="demo")
    latitude, longitude = near(CHAMBERY, -120, -180)
    opening = CollectionData(
        collected_on=date(2026, 10, 14),
        agent_names="Karim Benali, Julie Rossi",
        latitude=latitude,
        longitude=longitude,
        pickup_request_id=pickup_id,
        client_uuid=_uuid("collection-court-2026-10-14"),
    )
    collection = await collections.open_collection(scope, donor_id, opening, at)
    for number, line in enumerate(COLLECTED):
        serial = f"CA73-{number:04d}" if line.category in ("desktop", "laptop") else ""
        logged = replace(line, serial_number=serial, client_uuid=_uuid(f"court-item-{number}"))
        await items.add_item(scope, collection["id"], logged, at)
    if collection["status"] == CollectionStatus.OPEN:
        signed = Circumstances(at=datetime(2026, 10, 14, 11, 5, tzinfo=PARIS), app="demo")
        await collections.close_collection(
            scope,
            collection["id"],
            "Mme Perrier, greffe",
            "M20 60 C40 10 60 90 80 40 L120 50",
            signed,
        )
        unloaded = Circumstances(
            at=datetime(2026, 10, 14, 14, 30, tzinfo=PARIS), place="Dépôt Régie Plus", app="demo"
        )
        await moves.store_collection(scope, collection["id"], unloaded)


async def load_journey_demo() -> dict[str, int]:
    """Donors, pickup requests and the court's collection; returns how many donors it added."""
    before = await Donor.count()
    at = Circumstances(at=datetime(2026, 9, 1, 10, 0, tzinfo=PARIS), app="demo")
    regie_plus = await organisations.organisation_id_by_code("RP")
    coup_de_pouce = await organisations.organisation_id_by_code("CP")
    assert regie_plus is not None and coup_de_pouce is not None
    manager = await scope_of("claire.martin", regie_plus)
    donor_ids = await ensure_donors(manager, REGIE_PLUS_DONORS, at)
    await ensure_donors(await scope_of("paul.favre", coup_de_pouce), COUP_DE_POUCE_DONORS, at)
    pickup_ids = await _pickup_ids(manager, donor_ids, at)
    agent = await scope_of("karim.benali", regie_plus)
    await _court_collection(agent, donor_ids[COURT], pickup_ids[0])
    return {"donors": await Donor.count() - before}

"""Demo data of the rounds: Régie Plus's car and van, a few more donors around Chambéry, and
pickup requests for next week, so a manager who loads the demo can plan next week at once.

Idempotent like the rest of the demo: vehicles are keyed by (association, name), donors by
(association, name), and a donor gets a request for next week only when it has no open request
overlapping that week. Run again the same week, it adds nothing; run a week later, it adds the
requests of the new week (the demo always has a week to plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from inventory.history import Circumstances
from inventory.parties import DonorKind
from inventory.scope import Scope
from inventory.services import pickups
from inventory.services.donors import DonorData
from inventory.services.pickups import OPEN_STATUSES, PickupData
from inventory.tables import PickupRequest
from logistics.accounts import organisations
from logistics.demo.accounts import scope_of
from logistics.demo.journey import COURT, PARIS, REGIE_PLUS_DONORS, ensure_donors, near, office
from logistics.rounds import vehicles
from logistics.rounds.planning import next_monday
from logistics.rounds.tables import Vehicle, VehicleKind

VEHICLES = [
    vehicles.NewVehicle("Voiture Clio Estate", VehicleKind.CAR, 300.0, 1.5, unload_minutes=10),
    vehicles.NewVehicle(
        "Camionnette Trafic",
        VehicleKind.VAN,
        900.0,
        8.0,
        unload_minutes=15,
        multiple_trips=True,
        max_trips=3,
    ),
]


def _town_hall(town: str, centre: tuple[float, float], postcode: str, address: str) -> DonorData:
    """A town hall's IT service in a commune of the priority neighbourhoods (approximate
    address; the point is the commune's centre from shared/data/communes-chambery.csv)."""
    return office(
        f"Mairie de {town} — Service informatique",
        address,
        DonorKind.COLLECTIVITE,
        near(centre, 60, 40),
        postcode=postcode,
        city=town,
        opening_hours={
            d: [["08:30", "12:00"], ["14:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")
        },
    )


TOWN_HALLS = [
    _town_hall("Cognin", (45.56377, 5.89435), "73160", "Place de la Mairie"),
    _town_hall("La Ravoire", (45.55978, 5.96871), "73490", "Place de l'Hôtel de Ville"),
    _town_hall("Barby", (45.57083, 5.98273), "73230", "Place de la Mairie"),
    _town_hall("La Motte-Servolex", (45.59416, 5.87575), "73290", "Place Albert Serraz"),
    _town_hall("Saint-Alban-Leysse", (45.58333, 5.95), "73230", "Place de la Mairie"),
]


@dataclass(frozen=True)
class WeekPickup:
    """A request for next week; ``weekdays`` are ISO days the donor accepts (empty = any)."""

    donor: str
    quantities: dict[str, int]
    mandatory: bool = False
    priority: int = 1
    weekdays: tuple[int, ...] = ()


WEEK_PICKUPS = [
    WeekPickup(REGIE_PLUS_DONORS[0].name, {"desktop": 12, "screen": 12}, mandatory=True),
    WeekPickup(REGIE_PLUS_DONORS[1].name, {"laptop": 10, "keyboard_mouse": 10}, priority=3),
    WeekPickup("CPAM de Chambéry", {"desktop": 6, "printer": 2}, mandatory=True),
    WeekPickup(REGIE_PLUS_DONORS[3].name, {"laptop": 15, "screen": 5}, priority=2),
    WeekPickup(COURT, {"desktop": 5, "screen": 5}, mandatory=True, weekdays=(2, 4)),
    WeekPickup("Collège Côte Rousse", {"desktop": 10, "tablet": 8}, priority=4),
    WeekPickup("Hasbro", {"desktop": 20, "screen": 15, "server": 2}, mandatory=True),
    *(WeekPickup(d.name, {"desktop": 3, "screen": 2, "printer": 1}) for d in TOWN_HALLS[:3]),
    *(WeekPickup(d.name, {"laptop": 6, "cables_misc": 2}, priority=2) for d in TOWN_HALLS[3:]),
]


async def _vehicles(scope: Scope, at: Circumstances) -> int:
    added = 0
    for new in VEHICLES:
        exists = await Vehicle.exists().where(
            Vehicle.organisation == scope.organisation_id, Vehicle.name == new.name
        )
        if not exists:
            await vehicles.create_vehicle(scope, new, at)
            added += 1
    return added


async def _week_pickups(
    scope: Scope, donor_ids: dict[str, int], monday: date, at: Circumstances
) -> int:
    friday = monday + timedelta(days=4)
    added = 0
    for wish in WEEK_PICKUPS:
        donor_id = donor_ids[wish.donor]
        exists = await PickupRequest.exists().where(
            PickupRequest.donor == donor_id,
            PickupRequest.status.is_in(list(OPEN_STATUSES)),
            PickupRequest.wished_from <= friday,
            PickupRequest.wished_until >= monday,
        )
        if exists:
            continue
        data = PickupData(
            monday,
            friday,
            allowed_weekdays=list(wish.weekdays),
            estimated_quantities=wish.quantities,
            mandatory=wish.mandatory,
            priority=wish.priority,
            requested_by="par téléphone",
        )
        await pickups.create_pickup(scope, donor_id, data, at)
        added += 1
    return added


async def load_rounds_demo(today: date | None = None) -> dict[str, int]:
    """Vehicles, donors and next week's requests of Régie Plus; returns what it added."""
    regie_plus = await organisations.organisation_id_by_code("RP")
    assert regie_plus is not None, "the demo organisations are loaded first"
    manager = await scope_of("claire.martin", regie_plus)
    at = Circumstances(at=datetime.now(PARIS), app="demo")
    donor_ids = await ensure_donors(manager, REGIE_PLUS_DONORS + TOWN_HALLS, at)
    monday = next_monday(today or datetime.now(PARIS).date())
    return {
        "vehicles": await _vehicles(manager, at),
        "week_pickups": await _week_pickups(manager, donor_ids, monday, at),
    }

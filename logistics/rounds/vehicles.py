"""Use cases on the vehicles of a collecting association (flotte)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from logistics.rounds.tables import Vehicle, VehicleKind


@dataclass(frozen=True)
class NewVehicle:
    name: str
    kind: VehicleKind
    capacity_kg: float
    capacity_m3: float
    weekdays: tuple[int, ...] = (1, 2, 3, 4, 5)  # ISO weekdays
    unload_minutes: int = 0
    multiple_trips: bool = False
    max_trips: int | None = None


@dataclass(frozen=True)
class VehicleRecord:
    """A vehicle as the use cases hand it to controllers and templates."""

    id: int
    organisation: int
    name: str
    kind: VehicleKind
    capacity_kg: float
    capacity_m3: float
    weekdays: list[int]  # ISO weekdays the vehicle is out
    unload_minutes: int
    multiple_trips: bool
    max_trips: int | None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> VehicleRecord:
        return cls(**{**row, "kind": VehicleKind(row["kind"])})


async def list_vehicles(scope: Scope, active_only: bool = False) -> list[VehicleRecord]:
    where = [scope.readable_where(Vehicle.organisation)]
    if active_only:
        where.append(Vehicle.active == True)  # noqa: E712 (a Piccolo expression)
    rows = await Vehicle.select().where(*where).order_by(Vehicle.name).output(load_json=True)
    return [VehicleRecord.of(row) for row in rows]


async def create_vehicle(scope: Scope, new: NewVehicle, circumstances: Circumstances) -> int:
    """Add a car or a van to the association's fleet."""
    scope.check_write(scope.organisation_id, "Association")
    name = new.name.strip()
    if not name:
        raise Invalid("Donnez un nom au véhicule (ex. « Camionnette Trafic »).")
    if new.capacity_kg <= 0 or new.capacity_m3 <= 0:
        raise Invalid(f"Véhicule {name} : la charge utile et le volume doivent être positifs.")
    days = sorted(set(new.weekdays))
    if not days or not all(1 <= d <= 7 for d in days):
        raise Invalid(f"Véhicule {name} : choisissez au moins un jour de sortie.")
    if not 0 <= new.unload_minutes <= 240:
        raise Invalid(f"Véhicule {name} : le déchargement dure de 0 à 240 minutes.")
    if new.max_trips is not None and new.max_trips < 1:
        raise Invalid(f"Véhicule {name} : au moins une tournée par jour.")
    rows = await Vehicle.insert(
        Vehicle(
            organisation=scope.organisation_id,
            name=name,
            kind=new.kind.value,
            capacity_kg=new.capacity_kg,
            capacity_m3=new.capacity_m3,
            weekdays=days,
            unload_minutes=new.unload_minutes,
            multiple_trips=new.multiple_trips,
            max_trips=new.max_trips if new.multiple_trips else 1,
            created_at=circumstances.at,
        )
    )
    return rows[0]["id"]


async def set_vehicle_active(scope: Scope, vehicle_id: int, active: bool) -> VehicleRecord:
    """Take a vehicle out of service (or back); rounds already planned keep it."""
    row = await Vehicle.select().where(Vehicle.id == vehicle_id).first()
    if row is None:
        raise NotFound("Véhicule introuvable.")
    scope.check_write(row["organisation"], "Véhicule")
    await Vehicle.update({Vehicle.active: active}).where(Vehicle.id == vehicle_id)
    updated = await Vehicle.select().where(Vehicle.id == vehicle_id).first().output(load_json=True)
    assert updated is not None
    return VehicleRecord.of(updated)

"""Factories of the rounds tests: donors, pickup requests and vehicles written straight to the
tables (the donor and request use cases belong to another context), around Chambéry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from inventory.parties import DonorKind, GeocodingStatus
from inventory.tables import Donor, Organisation, PickupRequest
from logistics.rounds.tables import JobStatus, PlanningJob, Vehicle
from tests.factories import run

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 30)
DEPOT = (45.5853, 5.9329)
OFFICE_HOURS = {
    d: [["08:30", "12:00"], ["13:30", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")
}
# Town centres of Grand Chambéry (shared/data/communes-chambery.csv).
PLACES = (
    (45.56667, 5.93333),
    (45.57083, 5.98273),
    (45.56377, 5.89435),
    (45.55978, 5.96871),
    (45.59416, 5.87575),
    (45.58333, 5.95),
    (45.5312, 5.95217),
    (45.55, 5.93333),
)


def set_depot(organisation_id: int, point: tuple[float, float] = DEPOT) -> None:
    run(
        Organisation.update(
            {Organisation.depot_latitude: point[0], Organisation.depot_longitude: point[1]}
        ).where(Organisation.id == organisation_id)
    )


def make_donor(organisation_id: int, name: str, **overrides: Any) -> int:
    number = sum(map(ord, name))
    lat, lon = PLACES[number % len(PLACES)]
    fields: dict[str, Any] = {
        "organisation": organisation_id,
        "kind": DonorKind.ENTREPRISE,
        "name": name,
        "address": f"{number % 90 + 1} rue de la République",
        "postcode": "73000",
        "city": "Chambéry",
        "contact_name": "Mme Dupont",
        "contact_phone": "04 79 00 00 00",
        "latitude": lat + 0.001 * (number % 7),
        "longitude": lon - 0.001 * (number % 5),
        "geocoding_status": GeocodingStatus.LOCATED,
        "opening_hours": OFFICE_HOURS,
        "access_notes": "Quai de livraison à l'arrière",
        "created_at": NOW,
    }
    fields.update(overrides)
    return run(Donor.insert(Donor(**fields)))[0]["id"]


def make_request(organisation_id: int, donor_id: int, **overrides: Any) -> int:
    fields: dict[str, Any] = {
        "organisation": organisation_id,
        "donor": donor_id,
        "wished_from": MONDAY,
        "wished_until": MONDAY + timedelta(days=4),
        "estimated_quantities": {"desktop": 4, "screen": 4},
        "mandatory": True,
        "priority": 1,
        "created_at": NOW,
    }
    fields.update(overrides)
    return run(PickupRequest.insert(PickupRequest(**fields)))[0]["id"]


def make_vehicle(organisation_id: int, name: str = "Camionnette", **overrides: Any) -> int:
    fields: dict[str, Any] = {
        "organisation": organisation_id,
        "name": name,
        "kind": "van",
        "capacity_kg": 800.0,
        "capacity_m3": 8.0,
        "weekdays": [1, 2, 3, 4, 5],
        "created_at": NOW,
    }
    fields.update(overrides)
    return run(Vehicle.insert(Vehicle(**fields)))[0]["id"]


def make_planning_job(organisation_id: int, at: datetime, **overrides: Any) -> int:
    """A background planning job of ``MONDAY``'s week, written as its web process would: running,
    started at ``at`` with its heartbeat then and a plan placing 3 of 8 requests so far."""
    fields: dict[str, Any] = {
        "organisation": organisation_id,
        "week_start": MONDAY,
        "status": JobStatus.RUNNING,
        "started_by_name": "Claire Martin",
        "started_at": at,
        "heartbeat_at": at,
        "seconds": 4.0,
        "iterations": 1200,
        "best_cost": 183_250,
        "to_place": 8,
        "placed": 3,
    }
    fields.update(overrides)
    return run(PlanningJob.insert(PlanningJob(**fields)))[0]["id"]

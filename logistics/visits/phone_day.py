"""The installer's visits of one day, as the phone shows them at the door.

Each visit carries what the installer needs there and nothing more of the person's file: first
name, address, window, phone number, the device to install and whether its loan contract is
already signed. The visits still to do come in the day view's order (``logistics.visits.day``:
the least driving), each at the time it plans there; those already recorded at their window's
start, so the list reads as the day went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from inventory.categories import Category
from inventory.scope import Scope
from logistics.visits.assignments import ACTIVE
from logistics.visits.booking import list_visits
from logistics.visits.day import DayStop, DayView, day_view
from logistics.visits.tables import Assignment, AssignmentState, VisitStatus


@dataclass(frozen=True)
class DeviceToInstall:
    assignment_id: int
    reference: str
    category: Category
    contract_signed: bool


@dataclass(frozen=True)
class PhoneVisit:
    id: int
    first_name: str
    phone: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    window_start: time
    window_end: time
    planned_at: time | None
    """When the day view plans to be there (visits still to do)."""
    geo_uri: str | None
    status: VisitStatus
    outcome_at: datetime | None
    outcome_notes: str
    device: DeviceToInstall | None


async def _devices(scope: Scope, visits: list[dict[str, Any]]) -> dict[int, DeviceToInstall]:
    """visit id → the device promised to them: the visit's own assignment when booking linked
    one, else the trainee's latest one still promised or installed."""
    trainees = sorted({v["trainee"] for v in visits})
    if not trainees:
        return {}
    rows = (
        await Assignment.select(
            Assignment.id,
            Assignment.trainee,
            Assignment.state,
            Assignment.contract_signed_at,
            Assignment.device.reference.as_alias("reference"),
            Assignment.device.category.as_alias("category"),
        )
        .where(
            Assignment.trainee.is_in(trainees),
            Assignment.state.is_in([state.value for state in ACTIVE]),
            scope.readable_where(Assignment.organisation),
        )
        .order_by(Assignment.id)
    )
    by_id = {
        row["id"]: DeviceToInstall(
            row["id"],
            row["reference"] or "",
            Category(row["category"]),
            row["contract_signed_at"] is not None or row["state"] != AssignmentState.RESERVED,
        )
        for row in rows
    }
    latest = {row["trainee"]: by_id[row["id"]] for row in rows}
    found: dict[int, DeviceToInstall] = {}
    for visit in visits:
        device = by_id.get(visit["assignment"]) or latest.get(visit["trainee"])
        if device is not None:
            found[visit["id"]] = device
    return found


def _planned(view: DayView) -> dict[int, DayStop]:
    return {stop.visit["id"]: stop for stop in view.stops}


async def visits_of_installer(scope: Scope, installer_id: int, day: date) -> list[PhoneVisit]:
    """The visits booked with ``installer_id`` on ``day`` within the caller's association."""
    rows = [
        row
        for row in await list_visits(scope, day=day, installer_id=installer_id)
        if row["status"] != VisitStatus.CANCELLED
    ]
    planned = _planned(await day_view(scope, installer_id, day))
    devices = await _devices(scope, rows)

    def at(row: dict[str, Any]) -> time:
        stop = planned.get(row["id"])
        return stop.start if stop else row["window_start"]

    return [
        PhoneVisit(
            id=row["id"],
            first_name=row["trainee_first_name"] or "",
            phone=row["trainee_phone"] or "",
            address=row["address"],
            postcode=row["postcode"],
            city=row["city"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            window_start=row["window_start"],
            window_end=row["window_end"],
            planned_at=planned[row["id"]].start if row["id"] in planned else None,
            geo_uri=planned[row["id"]].geo_uri if row["id"] in planned else None,
            status=VisitStatus(row["status"]),
            outcome_at=row["outcome_at"],
            outcome_notes=row["outcome_notes"],
            device=devices.get(row["id"]),
        )
        for row in sorted(rows, key=lambda row: (at(row), row["id"]))
    ]

"""Demo: tomorrow's installation visits for BLÉ's installers, booked through the use case.

BLÉ's office becomes the start of their days. The visits go to the demo trainees who have
internet at home and no visit booked yet (the trainees' demo, loaded before, makes them), three
per installer at different windows, so each installer's day view has something to order.
Idempotent: nothing is added once BLÉ has visits tomorrow.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from inventory.history import Circumstances
from inventory.tables import Organisation
from logistics import clock
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.demo.accounts import scope_of
from logistics.trainees.tables import InternetAccess, Trainee
from logistics.visits.booking import Booking, book
from logistics.visits.tables import Visit, VisitStatus

OFFICE = (
    "Maison des associations, 67 rue Saint-François de Sales, 73000 Chambéry",
    45.5650,
    5.9228,
)
WINDOWS = ((time(9), time(11), time(14)), (time(9, 30), time(13, 30), time(15, 30)))
"""Each installer's windows, in the order their visits are booked."""


async def load_visits_demo(today: date | None = None) -> dict[str, int]:
    ble = await Organisation.select().where(Organisation.code == "BLE").first()
    if ble is None:
        return {"visits": 0}
    if ble["depot_latitude"] is None:
        address, lat, lon = OFFICE
        await Organisation.update(
            {
                Organisation.depot_address: address,
                Organisation.depot_latitude: lat,
                Organisation.depot_longitude: lon,
            }
        ).where(Organisation.id == ble["id"])
    tomorrow = (today or clock.today()) + timedelta(days=1)
    if await Visit.exists().where(Visit.organisation == ble["id"], Visit.day == tomorrow):
        return {"visits": 0}
    team = (
        await UserAccount.select(UserAccount.id, UserAccount.username)
        .where(
            UserAccount.organisation == ble["id"],
            UserAccount.role == Role.INSTALLER,
            UserAccount.active.eq(True),
        )
        .order_by(UserAccount.username)
    )[: len(WINDOWS)]
    booked = Visit.select(Visit.trainee).where(Visit.status == VisitStatus.BOOKED)
    trainees = await (
        Trainee.select(Trainee.id)
        .where(
            Trainee.organisation == ble["id"],
            Trainee.anonymised_at.is_null(),
            Trainee.internet_at_home != InternetAccess.NONE,
            Trainee.latitude.is_not_null(),
            Trainee.id.not_in(booked),
        )
        .order_by(Trainee.id)
    )
    waiting = [row["id"] for row in trainees]
    at = Circumstances(at=clock.now(), place="BLÉ", app="demo")
    added = 0
    for member, windows in zip(team, WINDOWS, strict=False):
        scope = await scope_of(member["username"], ble["id"])
        for start in windows:
            if not waiting:
                return {"visits": added}
            await book(scope, Booking(waiting.pop(0), member["id"], tomorrow, start), at)
            added += 1
    return {"visits": added}

"""Demo: BLÉ reserves computers of Régie Plus's stock for two trainees of the finished cycle,
and one of them has signed her loan contract.

Régie Plus's manager first puts the computers it received (TRIRA's returns, the one bought) in
the stock to give. Amina Haddad's laptop is then reserved and her contract signed (the device
is assigned to her: tomorrow's visit installs it); Nathalie Girard's desktop is reserved, her
contract still to sign. The laptop bought stays in stock, so a trainee's file offers something
to reserve. Everything goes through the use cases, as the pages would. Idempotent: nothing is
added once BLÉ has an attribution.
"""

from __future__ import annotations

from datetime import timedelta

from inventory.history import Circumstances
from inventory.services import devices
from inventory.states import DeviceState
from inventory.tables import Device
from logistics import clock
from logistics.accounts.organisations import organisation_id_by_code
from logistics.demo.accounts import scope_of
from logistics.trainees.tables import Trainee
from logistics.visits import assignments
from logistics.visits.tables import Assignment

RESERVED = (("Haddad", "TRI-2026-0412"), ("Girard", "TRI-2026-0413"))
"""Who gets which device of the demo's stock (by last name and device reference)."""
SIGNS = "Haddad"
SIGNATURE = "M20 90L35 40L50 95L70 35L85 90M100 60L130 55L160 62L190 50"
"""A drawn signature as the screen captures it (SVG path data)."""


async def load_assignments_demo() -> dict[str, int]:
    ble = await organisation_id_by_code("BLE")
    regie_plus = await organisation_id_by_code("RP")
    if ble is None or regie_plus is None:
        return {"assignments": 0}
    if await Assignment.exists().where(Assignment.organisation == ble):
        return {"assignments": 0}
    now = clock.now().replace(microsecond=0)
    received = Circumstances(at=now - timedelta(days=3), place="Dépôt Régie Plus", app="demo")
    manager = await scope_of("claire.martin", regie_plus)
    for arrived in await Device.select(Device.id).where(
        Device.organisation == regie_plus, Device.state == DeviceState.RECEIVED.value
    ):
        await devices.move_device(manager, arrived["id"], DeviceState.IN_STOCK.value, received)

    installer = await scope_of("nadia.blanc", ble)
    office = Circumstances(at=now - timedelta(days=2), place="BLÉ", app="demo")
    added = 0
    for last_name, reference in RESERVED:
        trainee = (
            await Trainee.select(Trainee.id, Trainee.first_name)
            .where(Trainee.organisation == ble, Trainee.last_name == last_name)
            .first()
        )
        device = await Device.select(Device.id).where(Device.reference == reference).first()
        if trainee is None or device is None:
            continue
        reserved = await assignments.reserve(installer, trainee["id"], device["id"], office)
        added += 1
        if last_name == SIGNS:
            signer = f"{trainee['first_name']} {last_name}"
            signed = Circumstances(at=now - timedelta(days=1), place="BLÉ", app="demo")
            await assignments.sign_contract(installer, reserved.id, signer, SIGNATURE, signed)
    return {"assignments": added}

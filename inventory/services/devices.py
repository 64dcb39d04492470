"""Use cases on devices to give (appareils à donner): returned by the reconditioner, or bought.

The reconditioner's staff record each computer TRIRA gives back under a convention: it pays off
the return quota. A manager records a device the association bought when returns fell short: it
joins the same stock but never counts as a return. Every change of state goes through the device
machine and writes its event in the same transaction.

An installing association takes a device from the stock for a trainee with ``hold_device`` and
then moves it with ``move_held_device`` until it is back in the stock (see
``inventory.partners``); while held, the owner's generic moves are refused, so that the device
and the installing association's record of it never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from inventory import model
from inventory.categories import Category
from inventory.engine import lock_row, write_transaction
from inventory.errors import Conflict, IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances, record_move
from inventory.model import DEVICE_MACHINE
from inventory.parties import OrganisationKind
from inventory.partners import devices_readable_where, is_named_reconditioner, may_move_held
from inventory.scope import Scope
from inventory.states import UNHELD, DeviceOrigin, DeviceState, can_reserve
from inventory.tables import Agreement, Device, Organisation


@dataclass(frozen=True)
class DeviceSpecs:
    """What the slip or the purchase invoice says about one device."""

    category: str
    received_on: date
    reference: str = ""
    processor: str = ""
    memory_gb: float | None = None
    storage_gb: float | None = None
    operating_system: str = ""
    grade: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DeviceRecord:
    """A device as the use cases hand it to controllers and templates: its codes typed, the
    names of its association and agreement joined."""

    id: int
    organisation: int
    organisation_name: str
    origin: DeviceOrigin
    agreement: int | None
    agreement_reference: str | None
    reconditioner: int | None
    reference: str
    category: Category
    processor: str
    memory_gb: float | None
    storage_gb: float | None
    operating_system: str
    grade: str
    received_on: date
    state: DeviceState
    state_changed_at: datetime
    holder: int | None
    holder_name: str | None
    notes: str
    created_at: datetime
    created_by: int | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> DeviceRecord:
        return cls(
            **{
                **row,
                "origin": DeviceOrigin(row["origin"]),
                "category": Category(row["category"]),
                "state": DeviceState(row["state"]),
            }
        )

    @property
    def category_label(self) -> str:
        return self.category.label

    @property
    def state_label(self) -> str:
        return self.state.label


def _check_specs(specs: DeviceSpecs) -> Category:
    for size in (specs.memory_gb, specs.storage_gb):
        if size is not None and size < 0:
            raise Invalid("La mémoire et le stockage ne peuvent pas être négatifs.")
    return Category.parse(specs.category)


async def _insert(
    scope: Scope,
    specs: DeviceSpecs,
    origin: DeviceOrigin,
    organisation_id: int,
    circumstances: Circumstances,
    agreement: dict[str, Any] | None = None,
) -> DeviceRecord:
    category = _check_specs(specs)
    async with write_transaction(Device):
        if agreement and specs.reference.strip():
            clash = await Device.exists().where(
                Device.reconditioner == agreement["reconditioner"],
                Device.reference == specs.reference.strip(),
            )
            if clash:
                raise Conflict(
                    f"La référence TRIRA « {specs.reference.strip()} » est déjà enregistrée."
                )
        rows = await Device.insert(
            Device(
                organisation=organisation_id,
                origin=origin.value,
                agreement=agreement["id"] if agreement else None,
                reconditioner=agreement["reconditioner"] if agreement else None,
                reference=specs.reference.strip(),
                category=category.value,
                processor=specs.processor.strip(),
                memory_gb=specs.memory_gb,
                storage_gb=specs.storage_gb,
                operating_system=specs.operating_system.strip(),
                grade=specs.grade.strip(),
                received_on=specs.received_on,
                state=DEVICE_MACHINE.initial.value,
                state_changed_at=circumstances.at,
                notes=specs.notes.strip(),
                created_at=circumstances.at,
                created_by=scope.actor_id or None,
            )
        )
        device_id = rows[0]["id"]
        move = model.start(DEVICE_MACHINE, at=circumstances.at)
        await record_move(
            scope,
            organisation_id,
            device_id,
            move,
            circumstances,
            action="created",
            details={"origin": origin.value},
        )
    return await get_device(scope, device_id)


async def record_returned(
    scope: Scope, agreement_id: int, specs: DeviceSpecs, circumstances: Circumstances
) -> DeviceRecord:
    """A computer the reconditioner gave back under a convention; recorded by its own staff (or
    by the association's manager from the paper slip)."""
    agreement = await Agreement.select().where(Agreement.id == agreement_id).first()
    if agreement is None or not (
        is_named_reconditioner(scope, agreement) or scope.can_write(agreement["organisation"])
    ):
        raise NotFound("Convention introuvable.")
    if not specs.reference.strip():
        raise Invalid("Indiquez la référence TRIRA de l'appareil rendu.")
    return await _insert(
        scope,
        specs,
        DeviceOrigin.RETURNED_BY_TRIRA,
        agreement["organisation"],
        circumstances,
        agreement,
    )


async def record_purchased(
    scope: Scope, organisation_id: int, specs: DeviceSpecs, circumstances: Circumstances
) -> DeviceRecord:
    """A device the association bought: in the stock to give, never counted as a return; a
    manager's decision (the reconditioner's staff record returns only)."""
    scope.require("devices:manage", "d'enregistrer un appareil acheté")
    scope.check_write(organisation_id, "Association")
    return await _insert(scope, specs, DeviceOrigin.PURCHASED, organisation_id, circumstances)


def _select() -> Any:
    return Device.select(
        *Device.all_columns(),
        Device.organisation.name.as_alias("organisation_name"),
        Device.agreement.reference.as_alias("agreement_reference"),
        Device.holder.name.as_alias("holder_name"),
    )


async def get_device(scope: Scope, device_id: int) -> DeviceRecord:
    row = await _select().where(Device.id == device_id, await devices_readable_where(scope)).first()
    if row is None:
        raise NotFound("Appareil introuvable.")
    return DeviceRecord.of(row)


async def list_devices(
    scope: Scope, states: frozenset[DeviceState] | None = None
) -> list[DeviceRecord]:
    """Devices the caller may read (see ``inventory.partners``), newest first."""
    query = _select().where(await devices_readable_where(scope))
    if states:
        query = query.where(Device.state.is_in([state.value for state in states]))
    rows = await query.order_by(Device.received_on, ascending=False).order_by(Device.id)
    return [DeviceRecord.of(row) for row in rows]


async def _load_for_move(scope: Scope, device_id: int) -> DeviceRecord:
    """The device, its row held until the transaction ends (two moves apply one after the
    other, the second one seeing the first one's state)."""
    await lock_row(Device, device_id)
    return await get_device(scope, device_id)


async def _apply(
    scope: Scope,
    device: DeviceRecord,
    move: model.Event,
    circumstances: Circumstances,
    holder: int | None,
    details: dict[str, Any] | None = None,
) -> DeviceRecord:
    await Device.update(
        {
            Device.state: move.to_state,
            Device.state_changed_at: circumstances.at,
            Device.holder: holder,
        }
    ).where(Device.id == device.id)
    await record_move(scope, device.organisation, device.id, move, circumstances, details=details)
    # The device as moved, read without the caller's scope: a holder that sent it to recycling
    # no longer reads it afterwards, but was allowed to make this move.
    row = await _select().where(Device.id == device.id).first()
    assert row is not None  # the row was locked and updated above
    return DeviceRecord.of(row)


async def move_device(
    scope: Scope,
    device_id: int,
    target: str,
    circumstances: Circumstances,
    reason: str | None = None,
) -> DeviceRecord:
    """One move of the device machine by its owner (checked, with its event); a reason for
    returned, broken or lost. A device an installing association holds is moved by it."""
    async with write_transaction(Device):
        device = await _load_for_move(scope, device_id)
        scope.check_write(device.organisation, "Appareil")
        if device.holder is not None:
            raise Conflict(
                f"Cet appareil est confié à {device.holder_name} pour un apprenant : c'est "
                f"{device.holder_name} qui le fait avancer ou le rend au stock."
            )
        move = model.transition(DEVICE_MACHINE, device.state, target, reason, at=circumstances.at)
        return await _apply(scope, device, move, circumstances, holder=None)


async def hold_device(
    scope: Scope,
    device_id: int,
    holder_id: int,
    circumstances: Circumstances,
    details: dict[str, Any] | None = None,
) -> DeviceRecord:
    """An installing association (``holder_id``) takes a device of the stock for a trainee: in
    stock → reserved, and from now on it reads and moves the device. Call it inside the
    transaction that records the reservation on the installing association's side."""
    async with write_transaction(Device):
        holder = (
            await Organisation.select(Organisation.kind, Organisation.name)
            .where(Organisation.id == holder_id)
            .first()
        )
        if holder is None or holder["kind"] != OrganisationKind.INSTALLING.value:
            raise Invalid("Seule une association qui installe peut réserver un appareil.")
        if not may_move_held(scope, holder_id):
            raise NotFound("Appareil introuvable.")
        device = await _load_for_move(scope, device_id)
        if not can_reserve(device.state):
            raise IllegalTransition(
                f"Cet appareil n'est plus disponible : il est « {device.state.label} »"
                + (f" pour {device.holder_name}." if device.holder_name else ".")
            )
        move = model.transition(
            DEVICE_MACHINE, device.state, DeviceState.RESERVED, at=circumstances.at
        )
        return await _apply(scope, device, move, circumstances, holder_id, details)


async def move_held_device(
    scope: Scope,
    device_id: int,
    target: str,
    circumstances: Circumstances,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> DeviceRecord:
    """One move of a device by the association holding it (reserved → assigned → installed,
    back to the stock, returned by the trainee…); back in the stock or recycled, nobody holds it
    any more."""
    async with write_transaction(Device):
        device = await _load_for_move(scope, device_id)
        if device.holder is None or not may_move_held(scope, device.holder):
            raise NotFound("Appareil introuvable.")
        move = model.transition(DEVICE_MACHINE, device.state, target, reason, at=circumstances.at)
        holder = None if DeviceState(move.to_state) in UNHELD else device.holder
        return await _apply(scope, device, move, circumstances, holder, details)

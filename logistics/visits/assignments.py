"""Use cases of an attribution: a device of the stock promised to one trainee, until their home.

The journey of one attribution: BLÉ's staff **reserve** a device in stock for a trainee (of the
type they asked for, or another one on purpose), the trainee **signs the loan contract** at the
installation, which **assigns** the device to them, and the device is **installed** (with the
internet working or not). Before that, a reservation may be **released** (the trainee left the
course), or the device **given back to the stock** (visit refused, no connection at home); an
installed device that comes back is given back too. Each step moves the device through the
inventory's device machine (``inventory.services.devices``: its event is written there) in the
same transaction as the attribution's row, so they never disagree.

A trainee has one active attribution at a time, and a device too (409 naming the other one).
Everything here is residents' personal data: the installing association's staff only
(``residents:*``); the collecting association sees its device and its state, never the person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory.categories import Category
from inventory.engine import lock_row, write_transaction
from inventory.errors import Conflict, IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services import devices
from inventory.services.devices import DeviceRecord
from inventory.states import AVAILABLE_TO_GIVE, UNHELD, DeviceState
from inventory.tables import Organisation
from logistics import clock
from logistics.trainees.eligibility import Eligibility, Outcome, eligibility_of
from logistics.trainees.people import display_name
from logistics.trainees.tables import Trainee
from logistics.visits.tables import Assignment, AssignmentState

ACTIVE = frozenset({AssignmentState.RESERVED, AssignmentState.ASSIGNED, AssignmentState.INSTALLED})
"""An attribution still holding its device: a trainee or a device has one at most."""
BEFORE_HOME = frozenset({AssignmentState.RESERVED, AssignmentState.ASSIGNED})
"""Promised but not yet installed: it can still be released."""
CAME_BACK = frozenset({DeviceState.RETURNED, DeviceState.BROKEN})
"""How an installed device comes back from the home: given back, or broken."""

_SIGNATURE_PATH = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]+$")
_MAX_SIGNATURE = 100_000


@dataclass(frozen=True)
class AssignmentRecord:
    """An attribution as pages, the API and the contract read it (the trainee's name joined)."""

    id: int
    organisation: int
    organisation_name: str
    trainee: int
    trainee_name: str
    device: int
    device_reference: str
    device_category: Category
    device_owner_name: str
    state: AssignmentState
    reserved_at: datetime
    assigned_at: datetime | None
    installed_at: datetime | None
    with_internet: bool | None
    released_at: datetime | None
    release_reason: str
    contract_number: str
    contract_signed_at: datetime | None
    contract_signer: str
    contract_signature: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> AssignmentRecord:
        names = display_name(row["trainee_first_name"], row["trainee_last_name"])
        return cls(
            id=row["id"],
            organisation=row["organisation"],
            organisation_name=row["organisation_name"],
            trainee=row["trainee"],
            trainee_name=names,
            device=row["device"],
            device_reference=row["device_reference"],
            device_category=Category(row["device_category"]),
            device_owner_name=row["device_owner_name"],
            state=AssignmentState(row["state"]),
            reserved_at=row["reserved_at"],
            assigned_at=row["assigned_at"],
            installed_at=row["installed_at"],
            with_internet=row["with_internet"],
            released_at=row["released_at"],
            release_reason=row["release_reason"],
            contract_number=row["contract_number"],
            contract_signed_at=row["contract_signed_at"],
            contract_signer=row["contract_signer"],
            contract_signature=row["contract_signature"],
        )

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def device_label(self) -> str:
        """ "portable PC-001": how people name a device."""
        return f"{self.device_category.label} {self.device_reference}".strip()

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE

    @property
    def contract_signed(self) -> bool:
        return self.contract_signed_at is not None

    @property
    def state_since(self) -> datetime:
        """When the attribution reached its present state (the date lists show)."""
        return self.released_at or self.installed_at or self.assigned_at or self.reserved_at


def contract_number(organisation_code: str, year: int, assignment_id: int) -> str:
    """``CMD-BLE-2026-00012``: the contract's number, from the attribution's own id (unique)."""
    return f"CMD-{organisation_code}-{year}-{assignment_id:05d}"


def _select() -> Any:
    return Assignment.select(
        *Assignment.all_columns(),
        Assignment.organisation.name.as_alias("organisation_name"),
        Assignment.trainee.first_name.as_alias("trainee_first_name"),
        Assignment.trainee.last_name.as_alias("trainee_last_name"),
        Assignment.device.reference.as_alias("device_reference"),
        Assignment.device.category.as_alias("device_category"),
        Assignment.device._.organisation._.name.as_alias("device_owner_name"),
    )


async def get_assignment(scope: Scope, assignment_id: int) -> AssignmentRecord:
    scope.require("residents:read", "de consulter les attributions d'appareils")
    row = (
        await _select()
        .where(Assignment.id == assignment_id, scope.readable_where(Assignment.organisation))
        .first()
    )
    if row is None:
        raise NotFound("Attribution introuvable.")
    return AssignmentRecord.of(row)


async def list_assignments(
    scope: Scope,
    states: frozenset[AssignmentState] | None = None,
    trainee_id: int | None = None,
) -> list[AssignmentRecord]:
    """Attributions of the caller's association, newest first; ``states`` and ``trainee_id``
    narrow the list."""
    scope.require("residents:read", "de consulter les attributions d'appareils")
    query = _select().where(scope.readable_where(Assignment.organisation))
    if states:
        query = query.where(Assignment.state.is_in([state.value for state in states]))
    if trainee_id is not None:
        query = query.where(Assignment.trainee == trainee_id)
    rows = await query.order_by(Assignment.reserved_at, ascending=False).order_by(
        Assignment.id, ascending=False
    )
    return [AssignmentRecord.of(row) for row in rows]


async def active_assignment_of(scope: Scope, trainee_id: int) -> AssignmentRecord | None:
    """The trainee's attribution still holding a device, if any."""
    found = await list_assignments(scope, ACTIVE, trainee_id)
    return found[0] if found else None


async def _load_trainee(scope: Scope, trainee_id: int) -> dict[str, Any]:
    row = (
        await Trainee.select()
        .where(Trainee.id == trainee_id, scope.readable_where(Trainee.organisation))
        .first()
    )
    if row is None:
        raise NotFound("Bénéficiaire introuvable.")
    return row


@dataclass(frozen=True)
class TraineeChoice:
    """A trainee to pick on the reservation page (no device yet)."""

    id: int
    name: str
    device_wanted: Category


async def trainees_without_device(scope: Scope) -> list[TraineeChoice]:
    """The association's trainees holding no device (anonymised files aside), by name."""
    scope.require("residents:read", "de consulter les bénéficiaires")
    holding = await Assignment.select(Assignment.trainee).where(
        Assignment.state.is_in([state.value for state in ACTIVE]),
        scope.readable_where(Assignment.organisation),
    )
    rows = (
        await Trainee.select(
            Trainee.id, Trainee.first_name, Trainee.last_name, Trainee.device_wanted
        )
        .where(
            scope.readable_where(Trainee.organisation),
            Trainee.anonymised_at.is_null(),
            Trainee.id.not_in([row["trainee"] for row in holding] or [-1]),
        )
        .order_by(Trainee.last_name)
        .order_by(Trainee.first_name)
    )
    return [
        TraineeChoice(
            row["id"],
            f"{row['first_name']} {row['last_name']}".strip(),
            Category(row["device_wanted"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class StockChoice:
    """The devices in stock a trainee may be offered: of the type they asked for first."""

    trainee_name: str
    wanted: Category
    matching: list[DeviceRecord]
    others: list[DeviceRecord]


async def devices_for(scope: Scope, trainee_id: int) -> StockChoice:
    """What the stock offers the trainee (the partner collecting associations' devices in
    stock), split by whether the type is the one they asked for."""
    scope.require("residents:read", "de consulter les bénéficiaires")
    trainee = await _load_trainee(scope, trainee_id)
    wanted = Category(trainee["device_wanted"])
    stock = await devices.list_devices(scope, AVAILABLE_TO_GIVE)
    return StockChoice(
        f"{trainee['first_name']} {trainee['last_name']}".strip(),
        wanted,
        [d for d in stock if d.category is wanted],
        [d for d in stock if d.category is not wanted],
    )


def check_category(trainee_name: str, wanted: Category, offered: Category, confirmed: bool) -> None:
    """A device of another type than the one asked for is reserved only on purpose (a desktop
    for someone who asked for a laptop has to fit their home): refused unless ``confirmed``."""
    if offered is not wanted and not confirmed:
        raise Invalid(
            f"{trainee_name} a demandé un appareil de type « {wanted.label} » ; celui-ci est "
            f"de type « {offered.label} ». "
            "Choisissez un appareil du type demandé, ou confirmez que ce type lui convient "
            "(case « Réserver quand même »).",
            wanted=wanted.value,
            offered=offered.value,
        )


def check_eligible(trainee_name: str, eligibility: Eligibility) -> None:
    """A computer is reserved only for a trainee the course made eligible and who has the
    internet at home (without it the computer is not installed: the training stays acquired);
    refused with the rules' own French reason, so staff know what is missing."""
    if eligibility.outcome is Outcome.ELIGIBLE:
        return
    if eligibility.outcome is Outcome.NO_INTERNET:
        message = (
            f"{trainee_name} n'a pas internet au domicile : l'ordinateur ne serait pas installé "
            "(la formation reste acquise). Modifiez sa fiche quand une connexion est prévue."
        )
    else:
        not_yet = "pas encore " if eligibility.outcome is Outcome.NOT_YET else "pas "
        reason = eligibility.reason[:1].lower() + eligibility.reason[1:]
        message = f"{trainee_name} n'est {not_yet}éligible à un ordinateur : {reason}"
    raise Conflict(message, eligibility=eligibility.outcome.value)


async def _holder_of_device(device_id: int) -> AssignmentRecord | None:
    rows = await _select().where(
        Assignment.device == device_id,
        Assignment.state.is_in([state.value for state in ACTIVE]),
    )
    return AssignmentRecord.of(rows[0]) if rows else None


def _device_details(assignment_id: int, **more: Any) -> dict[str, Any]:
    """What the device's event says of the attribution: its number, never the person."""
    return {"assignment": assignment_id, **more}


async def reserve(
    scope: Scope,
    trainee_id: int,
    device_id: int,
    circumstances: Circumstances,
    *,
    other_category: bool = False,
) -> AssignmentRecord:
    """Set a device of the stock aside for a trainee (in stock → reserved) whom the course made
    eligible (``check_eligible``, judged on the day of ``circumstances``); ``other_category``
    confirms a device of another type than the one they asked for."""
    scope.require("residents:manage", "de réserver un appareil pour un bénéficiaire")
    async with write_transaction(Assignment):
        await lock_row(Trainee, trainee_id)
        trainee = await _load_trainee(scope, trainee_id)
        scope.check_write(trainee["organisation"], "Bénéficiaire")
        name = f"{trainee['first_name']} {trainee['last_name']}".strip()
        if trainee["anonymised_at"] is not None:
            raise Conflict("Ce dossier est anonymisé : aucun appareil ne peut lui être réservé.")
        device = await devices.get_device(scope, device_id)
        active = await _active_for_trainee(trainee_id)
        if active is not None:
            raise Conflict(
                f"{name} a déjà un appareil : {active.device_label} "
                f"({active.state_label}, attribution n° {active.id}). Libérez-le d'abord.",
                assignment=active.id,
            )
        other = await _holder_of_device(device_id)
        if other is not None:
            raise Conflict(
                f"L'appareil {device.category.label} {device.reference} est déjà "
                f"{other.state_label} pour {other.trainee_name} (attribution n° {other.id}).",
                assignment=other.id,
            )
        today = clock.today(circumstances.at)
        check_eligible(name, await eligibility_of(scope, trainee_id, today))
        check_category(name, Category(trainee["device_wanted"]), device.category, other_category)
        rows = await Assignment.insert(
            Assignment(
                organisation=trainee["organisation"],
                trainee=trainee_id,
                device=device_id,
                state=AssignmentState.RESERVED.value,
                reserved_at=circumstances.at,
                reserved_by=scope.actor_id or None,
            )
        ).returning(Assignment.id)
        assignment_id = rows[0]["id"]
        code = (
            await Organisation.select(Organisation.code)
            .where(Organisation.id == trainee["organisation"])
            .first()
        )
        assert code is not None  # kept by the trainee's foreign key
        number = contract_number(code["code"], circumstances.at.year, assignment_id)
        await Assignment.update({Assignment.contract_number: number}).where(
            Assignment.id == assignment_id
        )
        await devices.hold_device(
            scope,
            device_id,
            trainee["organisation"],
            circumstances,
            _device_details(assignment_id),
        )
    return await get_assignment(scope, assignment_id)


async def _active_for_trainee(trainee_id: int) -> AssignmentRecord | None:
    rows = await _select().where(
        Assignment.trainee == trainee_id,
        Assignment.state.is_in([state.value for state in ACTIVE]),
    )
    return AssignmentRecord.of(rows[0]) if rows else None


async def _load_for_write(scope: Scope, assignment_id: int) -> AssignmentRecord:
    await lock_row(Assignment, assignment_id)
    assignment = await get_assignment(scope, assignment_id)
    scope.check_write(assignment.organisation, "Attribution")
    return assignment


def _refuse(assignment: AssignmentRecord, action: str) -> IllegalTransition:
    return IllegalTransition(
        f"Impossible {action} : l'attribution n° {assignment.id} est « {assignment.state_label} ».",
        current=assignment.state.value,
    )


async def sign_contract(
    scope: Scope,
    assignment_id: int,
    signer_name: str,
    signature_path: str,
    circumstances: Circumstances,
) -> AssignmentRecord:
    """The trainee signs the loan contract on the screen (``signature_path``: SVG path data, as
    the phone pages capture it); the device is then assigned to them (reserved → assigned).
    Signing again an assigned attribution (a phone's replay) changes nothing."""
    scope.require("residents:manage", "de faire signer un contrat de mise à disposition")
    name, signature = signer_name.strip(), signature_path.strip()
    if not name:
        raise Invalid("Indiquez le nom de la personne qui signe le contrat.")
    if not signature or len(signature) > _MAX_SIGNATURE or not _SIGNATURE_PATH.match(signature):
        raise Invalid("La signature est vide ou illisible : faites signer à nouveau.")
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if assignment.contract_signed and assignment.state is not AssignmentState.RESERVED:
            return assignment
        if assignment.state is not AssignmentState.RESERVED:
            raise _refuse(assignment, "de faire signer le contrat")
        await Assignment.update(
            {
                Assignment.contract_signed_at: circumstances.at,
                Assignment.contract_signer: name,
                Assignment.contract_signature: signature,
            }
        ).where(Assignment.id == assignment_id)
        return await assign(scope, assignment_id, circumstances)


async def assign(
    scope: Scope, assignment_id: int, circumstances: Circumstances
) -> AssignmentRecord:
    """The device becomes the trainee's to use (reserved → assigned), once they signed the loan
    contract (``sign_contract`` does both)."""
    scope.require("residents:manage", "d'attribuer un appareil")
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if assignment.state is not AssignmentState.RESERVED:
            raise _refuse(assignment, "d'attribuer l'appareil")
        if not assignment.contract_signed:
            raise Conflict(
                "Le contrat de mise à disposition n'est pas signé : faites-le signer avant "
                "d'attribuer l'appareil."
            )
        await devices.move_held_device(
            scope,
            assignment.device,
            DeviceState.ASSIGNED,
            circumstances,
            details=_device_details(assignment_id, contract=assignment.contract_number),
        )
        await Assignment.update(
            {
                Assignment.state: AssignmentState.ASSIGNED.value,
                Assignment.assigned_at: circumstances.at,
                Assignment.assigned_by: scope.actor_id or None,
            }
        ).where(Assignment.id == assignment_id)
    return await get_assignment(scope, assignment_id)


async def install(
    scope: Scope, assignment_id: int, with_internet: bool, circumstances: Circumstances
) -> AssignmentRecord:
    """The device is installed at the trainee's home (assigned → installed), with the internet
    working there or not (what the figures count). Installing again with the same answer (a
    phone's replay) changes nothing."""
    scope.require("residents:manage", "d'enregistrer une installation")
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if (
            assignment.state is AssignmentState.INSTALLED
            and assignment.with_internet is with_internet
        ):
            return assignment
        if assignment.state is AssignmentState.RESERVED and not assignment.contract_signed:
            raise Conflict(
                "Le contrat de mise à disposition n'est pas signé : faites-le signer avant "
                "d'installer l'appareil."
            )
        if assignment.state is not AssignmentState.ASSIGNED:
            raise _refuse(assignment, "d'enregistrer l'installation")
        await devices.move_held_device(
            scope,
            assignment.device,
            DeviceState.INSTALLED,
            circumstances,
            details=_device_details(assignment_id, with_internet=with_internet),
        )
        await Assignment.update(
            {
                Assignment.state: AssignmentState.INSTALLED.value,
                Assignment.installed_at: circumstances.at,
                Assignment.installed_by: scope.actor_id or None,
                Assignment.with_internet: with_internet,
            }
        ).where(Assignment.id == assignment_id)
    return await get_assignment(scope, assignment_id)


async def release(
    scope: Scope, assignment_id: int, reason: str, circumstances: Circumstances
) -> AssignmentRecord:
    """A reservation undone before the home (the trainee left the course, another device suits
    them better): the device goes back to the stock. A reason is required."""
    scope.require("residents:manage", "de libérer un appareil réservé")
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if assignment.state not in BEFORE_HOME:
            raise _refuse(assignment, "de libérer l'appareil")
        return await _back_to_stock(scope, assignment, reason, circumstances)


async def give_back_to_stock(
    scope: Scope, assignment_id: int, reason: str, circumstances: Circumstances
) -> AssignmentRecord:
    """The device goes back to the stock with a reason: before the home (visit refused, no
    connection at home, the trainee left) the attribution is released; once installed, the
    trainee gave it back (installed → returned → in stock) and the attribution is "rendu".
    Giving back an attribution already ended (a phone's replay) changes nothing."""
    scope.require("residents:manage", "de rendre un appareil au stock")
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if not assignment.is_active:
            return assignment
        return await _back_to_stock(scope, assignment, reason, circumstances)


async def take_back(
    scope: Scope,
    assignment_id: int,
    came_back: DeviceState,
    destination: DeviceState,
    reason: str,
    circumstances: Circumstances,
    **details: Any,
) -> AssignmentRecord:
    """An installed device comes back from the home (after-sales, ``logistics.visits.tickets``):
    given back by the person (``RETURNED``) or ``BROKEN``, then into the stock again
    (``IN_STOCK``) or to recycling (``RECYCLED``); the attribution is "rendu". Taking back an
    attribution already ended (a replay) changes nothing."""
    scope.require("residents:manage", "de reprendre un appareil installé")
    if came_back not in CAME_BACK or destination not in UNHELD:
        raise Invalid(
            "Un appareil revient « rendu » ou « en panne », vers le stock ou le recyclage."
        )
    async with write_transaction(Assignment):
        assignment = await _load_for_write(scope, assignment_id)
        if not assignment.is_active:
            return assignment
        if assignment.state is not AssignmentState.INSTALLED:
            raise _refuse(assignment, "de reprendre l'appareil")
        path = (came_back, destination)
        return await _end(scope, assignment, reason, circumstances, path, details)


async def _back_to_stock(
    scope: Scope, assignment: AssignmentRecord, reason: str, circumstances: Circumstances
) -> AssignmentRecord:
    path: tuple[DeviceState, ...] = (DeviceState.IN_STOCK,)
    if assignment.state is AssignmentState.INSTALLED:
        path = (DeviceState.RETURNED, DeviceState.IN_STOCK)
    return await _end(scope, assignment, reason, circumstances, path, {})


async def _end(
    scope: Scope,
    assignment: AssignmentRecord,
    reason: str,
    circumstances: Circumstances,
    path: tuple[DeviceState, ...],
    details: dict[str, Any],
) -> AssignmentRecord:
    """Move the device along ``path`` (each move with its event) and end the attribution:
    "rendu" once it had been installed, "libéré" before."""
    reason = reason.strip()
    if not reason:
        where = "revient au stock" if path[-1] is DeviceState.IN_STOCK else "part au recyclage"
        raise Invalid(f"Indiquez pourquoi l'appareil {where}.")
    for target in path:
        await devices.move_held_device(
            scope,
            assignment.device,
            target,
            circumstances,
            reason,
            _device_details(assignment.id, **details),
        )
    ending = (
        AssignmentState.RETURNED
        if assignment.state is AssignmentState.INSTALLED
        else AssignmentState.RELEASED
    )
    await Assignment.update(
        {
            Assignment.state: ending.value,
            Assignment.released_at: circumstances.at,
            Assignment.released_by: scope.actor_id or None,
            Assignment.release_reason: reason,
        }
    ).where(Assignment.id == assignment.id)
    return await get_assignment(scope, assignment.id)


async def device_of(scope: Scope, assignment: AssignmentRecord) -> DeviceRecord:
    """The attribution's device as the inventory describes it (specs for the contract)."""
    return await devices.get_device(scope, assignment.device)

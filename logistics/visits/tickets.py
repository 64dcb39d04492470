"""After-sales help (dépannage): a ticket for a trainee and their device, until it is closed.

BLÉ's weekly drop-in ("dépannage numérique"), a home visit or a phone call: staff open a
ticket with the problem, the way it is handled and the device concerned (the trainee's own
device by default), note what was done, and close it. The device may also come back from the
home: given back by the person or broken, it then re-enters the stock or goes to recycling,
through the attribution's ``take_back`` and the inventory's device machine, which write the
device's events; the ticket writes its own (subject kind ``ticket``).

Tickets are residents' data: the installing association's staff only (``residents:*``), like the
visits. The device's events name the ticket's number, never the person or the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from inventory.categories import Category
from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, history_of, record
from inventory.scope import Scope
from inventory.states import DeviceState
from logistics import clock
from logistics.trainees.people import check_resident, display_name, get_trainee, residents_where
from logistics.visits import assignments
from logistics.visits.tables import Assignment, AssignmentState, Ticket, TicketMode

WHAT = "Dépannage"
SUBJECT = "ticket"
READ = "de consulter les dépannages"
MANAGE = "de noter un dépannage"
MAX_TEXT = 4000


class TicketStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {TicketStatus.OPEN: "en cours", TicketStatus.CLOSED: "clos"}[self]


class DeviceOutcome(StrEnum):
    """How a device comes back from the home."""

    RETURNED = "returned"
    BROKEN = "broken"

    @property
    def label(self) -> str:
        return {DeviceOutcome.RETURNED: "rendu", DeviceOutcome.BROKEN: "en panne"}[self]

    @property
    def state(self) -> DeviceState:
        return DeviceState(self.value)


class Destination(StrEnum):
    """Where a device that came back goes next."""

    STOCK = "stock"
    RECYCLING = "recycling"

    @property
    def label(self) -> str:
        return {Destination.STOCK: "remis en stock", Destination.RECYCLING: "au recyclage"}[self]

    @property
    def state(self) -> DeviceState:
        return DeviceState.IN_STOCK if self is Destination.STOCK else DeviceState.RECYCLED


@dataclass(frozen=True)
class NewTicket:
    """What staff note when someone comes with a problem."""

    trainee_id: int
    problem: str
    mode: TicketMode = TicketMode.DROP_IN
    device_id: int | None = None
    opened_on: date | None = None


@dataclass(frozen=True)
class TicketChange:
    """Fields left ``None`` keep their value; ``close`` closes the ticket (once)."""

    problem: str | None = None
    mode: TicketMode | None = None
    work_done: str | None = None
    close: bool = False


def _text(value: str, what: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise Invalid(f"{what} : {MAX_TEXT} caractères au plus.")
    return value


def _select() -> Any:
    return Ticket.select(
        *Ticket.all_columns(),
        Ticket.trainee.first_name.as_alias("trainee_first_name"),
        Ticket.trainee.last_name.as_alias("trainee_last_name"),
        Ticket.trainee.phone.as_alias("trainee_phone"),
        Ticket.device.reference.as_alias("device_reference"),
        Ticket.device.category.as_alias("device_category"),
        Ticket.device.state.as_alias("device_state"),
    )


def _with_labels(row: dict[str, Any]) -> dict[str, Any]:
    row["status"] = TicketStatus.CLOSED if row["closed_at"] else TicketStatus.OPEN
    row["trainee_name"] = display_name(
        row["trainee_first_name"] or "", row["trainee_last_name"] or ""
    )
    row["mode_label"] = TicketMode(row["mode"]).label
    state = row["device_state"]
    row["device_state_label"] = DeviceState(state).label if state else ""
    return row


async def list_tickets(
    scope: Scope,
    *,
    status: TicketStatus | None = None,
    trainee_id: int | None = None,
    device_id: int | None = None,
) -> list[dict[str, Any]]:
    """The association's tickets, newest first; filters: open or closed, a trainee, a device."""
    scope.require("residents:read", READ)
    query = _select().where(residents_where(scope, Ticket.organisation))
    if status is TicketStatus.OPEN:
        query = query.where(Ticket.closed_at.is_null())
    elif status is TicketStatus.CLOSED:
        query = query.where(Ticket.closed_at.is_not_null())
    if trainee_id is not None:
        query = query.where(Ticket.trainee == trainee_id)
    if device_id is not None:
        query = query.where(Ticket.device == device_id)
    rows = await query.order_by(Ticket.opened_on, ascending=False).order_by(
        Ticket.id, ascending=False
    )
    return [_with_labels(row) for row in rows]


async def get_ticket(scope: Scope, ticket_id: int) -> dict[str, Any]:
    """One ticket of the caller's association, or ``NotFound``."""
    scope.require("residents:read", READ)
    row = await _select().where(Ticket.id == ticket_id).first()
    if row is None:
        raise NotFound(f"{WHAT} introuvable.")
    check_resident(scope, row["organisation"])
    return _with_labels(row)


async def ticket_history(scope: Scope, ticket_id: int) -> list[dict[str, Any]]:
    """The ticket's events, oldest first."""
    await get_ticket(scope, ticket_id)
    return await history_of(scope, SUBJECT, ticket_id)


async def devices_of(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    """The devices the trainee had through attributions (the one still with them first): what
    a ticket may be about."""
    await get_trainee(scope, trainee_id)
    rows = await (
        Assignment.select(
            Assignment.id,
            Assignment.device,
            Assignment.state,
            Assignment.device.reference.as_alias("reference"),
            Assignment.device.category.as_alias("category"),
        )
        .where(Assignment.trainee == trainee_id)
        .order_by(Assignment.id, ascending=False)
    )
    active = [r for r in rows if AssignmentState(r["state"]) in assignments.ACTIVE]
    return active + [r for r in rows if r not in active]


async def _device_for(scope: Scope, trainee_id: int, device_id: int | None) -> int | None:
    """The device a new ticket is about: the one asked (it must have been the trainee's), else
    the one the trainee holds now, else none (a question about their own computer)."""
    owned = await devices_of(scope, trainee_id)
    if device_id is None:
        current = [r for r in owned if AssignmentState(r["state"]) in assignments.ACTIVE]
        return current[0]["device"] if current else None
    if device_id not in {r["device"] for r in owned}:
        raise Invalid("Cet appareil n'a jamais été attribué à cette personne.")
    return device_id


async def open_ticket(scope: Scope, new: NewTicket, circumstances: Circumstances) -> dict[str, Any]:
    """Open a ticket for a trainee of the caller's association (the problem is required)."""
    scope.require("residents:manage", MANAGE)
    problem = _text(new.problem, "Le problème")
    if not problem:
        raise Invalid("Décrivez le problème de la personne.")
    trainee = await get_trainee(scope, new.trainee_id)
    scope.check_write(trainee["organisation"], "Bénéficiaire")
    if trainee["anonymised_at"] is not None:
        raise Conflict("Ce dossier est anonymisé : aucun dépannage ne peut y être ouvert.")
    device_id = await _device_for(scope, new.trainee_id, new.device_id)
    async with write_transaction(Ticket):
        rows = await Ticket.insert(
            Ticket(
                organisation=trainee["organisation"],
                trainee=new.trainee_id,
                device=device_id,
                opened_on=new.opened_on or clock.today(circumstances.at),
                problem=problem,
                mode=TicketMode(new.mode).value,
                opened_by=scope.actor_id or None,
            )
        ).returning(Ticket.id)
        ticket_id = rows[0]["id"]
        await record(scope, trainee["organisation"], SUBJECT, ticket_id, "opened", circumstances)
    return await get_ticket(scope, ticket_id)


async def _load_for_write(scope: Scope, ticket_id: int) -> dict[str, Any]:
    ticket = await get_ticket(scope, ticket_id)
    scope.check_write(ticket["organisation"], WHAT)
    return ticket


async def update_ticket(
    scope: Scope, ticket_id: int, change: TicketChange, circumstances: Circumstances
) -> dict[str, Any]:
    """Note what was done (the problem or the mode corrected) and close the ticket. A closed
    ticket no longer changes; the same change sent again (a replay) changes nothing."""
    scope.require("residents:manage", MANAGE)
    wanted: dict[str, Any] = {}
    if change.problem is not None:
        wanted["problem"] = _text(change.problem, "Le problème")
        if not wanted["problem"]:
            raise Invalid("Décrivez le problème de la personne.")
    if change.mode is not None:
        wanted["mode"] = TicketMode(change.mode).value
    if change.work_done is not None:
        wanted["work_done"] = _text(change.work_done, "Ce qui a été fait")
    async with write_transaction(Ticket):
        ticket = await _load_for_write(scope, ticket_id)
        changed = sorted(key for key, value in wanted.items() if ticket[key] != value)
        closed = ticket["closed_at"] is not None
        if closed and changed:
            raise Conflict("Ce dépannage est clos : il ne change plus. Ouvrez-en un autre.")
        if changed:
            await Ticket.update(**wanted).where(Ticket.id == ticket_id)
            await record(
                scope,
                ticket["organisation"],
                SUBJECT,
                ticket_id,
                "updated",
                circumstances,
                details={"fields": changed},
            )
        if change.close and not closed:
            if not wanted.get("work_done", ticket["work_done"]):
                raise Invalid("Notez ce qui a été fait avant de clore le dépannage.")
            await Ticket.update(
                {Ticket.closed_at: circumstances.at, Ticket.closed_by: scope.actor_id or None}
            ).where(Ticket.id == ticket_id)
            await record(scope, ticket["organisation"], SUBJECT, ticket_id, "closed", circumstances)
    return await get_ticket(scope, ticket_id)


def _returned_event(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    found = [event for event in history if event["action"] == "device_returned"]
    return found[-1] if found else None


async def device_return(
    scope: Scope,
    ticket_id: int,
    outcome: DeviceOutcome,
    destination: Destination,
    circumstances: Circumstances,
    reason: str = "",
) -> dict[str, Any]:
    """The ticket's device comes back from the home (given back, or broken) and re-enters the
    stock or goes to recycling, each move with its event. Told again (a replay), nothing moves
    twice; a device no longer in the home is refused."""
    scope.require("residents:manage", "de reprendre un appareil")
    outcome, destination = DeviceOutcome(outcome), Destination(destination)
    async with write_transaction(Ticket):
        ticket = await _load_for_write(scope, ticket_id)
        if ticket["device"] is None:
            raise Invalid("Ce dépannage ne concerne aucun appareil : il n'y a rien à reprendre.")
        label = f"{Category(ticket['device_category']).label} {ticket['device_reference']}"
        holding = await Assignment.select(Assignment.id).where(
            Assignment.trainee == ticket["trainee"],
            Assignment.device == ticket["device"],
            Assignment.state.is_in([state.value for state in assignments.ACTIVE]),
        )
        if not holding:
            if _returned_event(await history_of(scope, SUBJECT, ticket_id)) is not None:
                return ticket
            raise Conflict(f"L'appareil {label} n'est plus chez la personne : rien à reprendre.")
        note = reason.strip() or f"{outcome.label}, {destination.label}"
        await assignments.take_back(
            scope,
            holding[0]["id"],
            outcome.state,
            destination.state,
            f"Dépannage n° {ticket_id} : {note}",
            circumstances,
            ticket=ticket_id,
        )
        await record(
            scope,
            ticket["organisation"],
            SUBJECT,
            ticket_id,
            "device_returned",
            circumstances,
            comment=note,
            details={
                "device": ticket["device"],
                "outcome": outcome.value,
                "destination": destination.value,
            },
        )
    return await get_ticket(scope, ticket_id)

"""Use cases on lots: the hand-over of stored items to the reconditioner, signed by both sides.

A lot is filled at the depot (draft), signed by the collecting association when TRIRA's van
takes it (handed over: every item moves to "handed to TRIRA"), then confirmed by the
reconditioner's own staff with the weight their scale measured. A gap beyond the agreement's
tolerance is flagged on the lot, where both sides see it. Filling and emptying a lot is in
``inventory.services.lot_items``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inventory import model
from inventory.engine import lock_row, lock_rows, write_transaction
from inventory.errors import Conflict, Forbidden, Invalid, NotFound
from inventory.history import Circumstances, record, record_move
from inventory.model import ITEM_MACHINE
from inventory.partners import is_named_reconditioner, readable_with_reconditioner
from inventory.scope import Scope
from inventory.states import ItemState, LotStatus
from inventory.tables import Agreement, Item, Lot, Organisation

DEFAULT_TOLERANCE_PERCENT = 5.0


def lot_number(code: str, year: int, sequence: int) -> str:
    """``LOT-RP-2026-001``: the association's code, the year, a sequence per association/year."""
    return f"LOT-{code}-{year}-{sequence:03d}"


def beyond_tolerance(declared_kg: float, measured_kg: float, tolerance_percent: float) -> bool:
    """Whether two scales disagree by more than the agreed share of the declared weight."""
    return abs(measured_kg - declared_kg) > declared_kg * tolerance_percent / 100 + 1e-9


async def load_lot(scope: Scope, lot_id: int, *, lock: bool = False) -> dict[str, Any]:
    """The lot if the caller may read it (its association or its reconditioner), else NotFound.

    ``lock`` (inside a write transaction) holds the lot's row on PostgreSQL, so two people
    filling or signing the same lot are served one after the other; SQLite's writer lock
    already does that.
    """
    if lock:
        await lock_row(Lot, lot_id)
    row = (
        await Lot.select(
            *Lot.all_columns(),
            Lot.organisation.name.as_alias("organisation_name"),
            Lot.reconditioner.name.as_alias("reconditioner_name"),
            Lot.agreement.reference.as_alias("agreement_reference"),
            Lot.agreement.weight_tolerance_percent.as_alias("tolerance_percent"),
        )
        .where(
            Lot.id == lot_id,
            readable_with_reconditioner(scope, Lot.organisation, Lot.reconditioner),
        )
        .first()
    )
    if row is None:
        raise NotFound("Lot introuvable.")
    return row


def check_status(lot: dict[str, Any], *allowed: LotStatus) -> None:
    """Refuse an action the lot's current status no longer allows, naming that status."""
    current = LotStatus(lot["status"])
    if current not in allowed:
        raise Conflict(
            f"Le lot {lot['number']} est « {current.label} » : cette action n'est plus possible.",
            status=current.value,
        )


async def _lot_event(
    scope: Scope,
    lot: dict[str, Any],
    action: str,
    circumstances: Circumstances,
    to_status: LotStatus | None = None,
    **details: Any,
) -> None:
    await record(
        scope,
        lot["organisation"],
        "lot",
        lot["id"],
        action,
        circumstances,
        from_state=lot["status"] if to_status else None,
        to_state=to_status.value if to_status else None,
        details=details,
    )


async def record_item_moves(
    scope: Scope,
    lot: dict[str, Any],
    items: list[dict[str, Any]],
    moves: list[model.Event],
    circumstances: Circumstances,
    action: str = "state",
) -> None:
    """Each item's move into, out of or with the lot, in its own history, naming the lot."""
    for item, move in zip(items, moves, strict=True):
        await record_move(
            scope,
            lot["organisation"],
            item["id"],
            move,
            circumstances,
            action=action,
            details={"lot": lot["number"]},
        )


async def create_lot(
    scope: Scope, agreement_id: int, circumstances: Circumstances, notes: str = ""
) -> dict[str, Any]:
    """A draft lot under a convention, numbered per association and year."""
    agreement = await Agreement.select().where(Agreement.id == agreement_id).first()
    if agreement is None:
        raise NotFound("Convention introuvable.")
    scope.check_write(agreement["organisation"], "Convention")
    year = circumstances.at.year
    async with write_transaction(Lot):
        # Locking the association's row serialises its lot numbering on PostgreSQL (SQLite's
        # writer lock already does), so two lots created at once never draw the same number.
        code = await lock_rows(
            Organisation.select(Organisation.code).where(
                Organisation.id == agreement["organisation"]
            )
        )
        prefix = lot_number(code[0]["code"], year, 0)[:-3]
        taken = await Lot.count().where(Lot.number.like(f"{prefix}%"))
        rows = await Lot.insert(
            Lot(
                organisation=agreement["organisation"],
                reconditioner=agreement["reconditioner"],
                agreement=agreement_id,
                number=lot_number(code[0]["code"], year, taken + 1),
                notes=notes.strip(),
                created_at=circumstances.at,
            )
        )
        lot = {"id": rows[0]["id"], "organisation": agreement["organisation"], "status": "draft"}
        await _lot_event(scope, lot, "created", circumstances)
    return await load_lot(scope, rows[0]["id"])


async def list_lots(scope: Scope, status: LotStatus | None = None) -> list[dict[str, Any]]:
    """Lots of the caller's association, or addressed to the caller's reconditioner."""
    query = Lot.select(
        *Lot.all_columns(),
        Lot.organisation.name.as_alias("organisation_name"),
        Lot.reconditioner.name.as_alias("reconditioner_name"),
    ).where(readable_with_reconditioner(scope, Lot.organisation, Lot.reconditioner))
    if status is not None:
        query = query.where(Lot.status == status.value)
    return await query.order_by(Lot.created_at, ascending=False)


async def lot_items(scope: Scope, lot_id: int) -> list[dict[str, Any]]:
    """The items of a lot the caller may read (else NotFound, like the lot)."""
    lot = await load_lot(scope, lot_id)
    return await _items_of(lot)


async def _items_of(lot: dict[str, Any]) -> list[dict[str, Any]]:
    return await (
        Item.select(
            Item.id,
            Item.tag,
            Item.category,
            Item.brand,
            Item.model,
            Item.serial_number,
            Item.quantity,
            Item.weight_kg,
            Item.too_old,
            Item.state,
        )
        .where(Item.lot == lot["id"])
        .order_by(Item.id)
    )


async def mark_too_old(
    scope: Scope, lot_id: int, too_old: bool, circumstances: Circumstances
) -> dict[str, Any]:
    """Judge a whole lot too old to recondition (or take the judgement back): the ledger shows
    it apart and the agreement says whether it still counts in the basis."""
    async with write_transaction(Lot):
        lot = await load_lot(scope, lot_id, lock=True)
        scope.check_write(lot["organisation"], "Lot")
        await Lot.update({Lot.too_old: too_old}).where(Lot.id == lot_id)
        await _lot_event(scope, lot, "too_old" if too_old else "not_too_old", circumstances)
    return await load_lot(scope, lot_id)


async def hand_over(
    scope: Scope, lot_id: int, slip_number: str, on: date, circumstances: Circumstances
) -> dict[str, Any]:
    """The association signs the hand-over: weight declared from its items, each item moves to
    "handed to TRIRA" with its event, all or nothing."""
    if not slip_number.strip():
        raise Invalid("Indiquez le numéro du bordereau TRIRA.")
    async with write_transaction(Lot):
        lot = await load_lot(scope, lot_id, lock=True)
        scope.check_write(lot["organisation"], "Lot")
        check_status(lot, LotStatus.DRAFT)
        items = await _items_of(lot)
        if not items:
            raise Invalid(
                f"Le lot {lot['number']} est vide : ajoutez des objets avant de le remettre."
            )
        moves = [
            model.transition(
                ITEM_MACHINE, i["state"], ItemState.HANDED_TO_TRIRA, at=circumstances.at
            )
            for i in items
        ]
        await record_item_moves(scope, lot, items, moves, circumstances)
        declared = round(sum(item["weight_kg"] for item in items), 3)
        await Item.update(
            {Item.state: ItemState.HANDED_TO_TRIRA.value, Item.state_changed_at: circumstances.at}
        ).where(Item.lot == lot_id)
        await Lot.update(
            {
                Lot.status: LotStatus.HANDED_OVER.value,
                Lot.slip_number: slip_number.strip(),
                Lot.declared_weight_kg: declared,
                Lot.handed_over_on: on,
                Lot.handed_over_by: scope.actor_id or None,
                Lot.handed_over_by_name: scope.actor_name,
            }
        ).where(Lot.id == lot_id)
        await _lot_event(
            scope,
            lot,
            "handed_over",
            circumstances,
            LotStatus.HANDED_OVER,
            slip_number=slip_number.strip(),
            declared_weight_kg=declared,
            items=len(items),
        )
    return await load_lot(scope, lot_id)


async def confirm_receipt(
    scope: Scope, lot_id: int, measured_kg: float, circumstances: Circumstances, comment: str = ""
) -> dict[str, Any]:
    """The reconditioner's staff confirm receipt with their own weighing; a gap beyond the
    agreement's tolerance flags the lot and writes an event both sides read."""
    if measured_kg < 0:
        raise Invalid("Le poids mesuré ne peut pas être négatif.")
    async with write_transaction(Lot):
        lot = await load_lot(scope, lot_id, lock=True)
        if not (is_named_reconditioner(scope, lot) or scope.writable is None):
            raise Forbidden("Seul le reconditionneur destinataire confirme la réception du lot.")
        check_status(lot, LotStatus.HANDED_OVER)
        tolerance = lot["tolerance_percent"]
        tolerance = DEFAULT_TOLERANCE_PERCENT if tolerance is None else tolerance
        flagged = beyond_tolerance(lot["declared_weight_kg"], measured_kg, tolerance)
        await Lot.update(
            {
                Lot.status: LotStatus.RECEIVED.value,
                Lot.measured_weight_kg: measured_kg,
                Lot.weight_flagged: flagged,
                Lot.received_at: circumstances.at,
                Lot.received_by: scope.actor_id or None,
                Lot.received_by_name: scope.actor_name,
            }
        ).where(Lot.id == lot_id)
        await _lot_event(
            scope,
            lot,
            "received",
            circumstances,
            LotStatus.RECEIVED,
            measured_weight_kg=measured_kg,
            comment=comment.strip(),
        )
        if flagged:
            await _lot_event(
                scope,
                lot,
                "weight_flagged",
                circumstances,
                declared_weight_kg=lot["declared_weight_kg"],
                measured_weight_kg=measured_kg,
                tolerance_percent=tolerance,
            )
    return await load_lot(scope, lot_id)


async def flagged_lots(scope: Scope) -> list[dict[str, Any]]:
    """Lots whose two weighings disagree, for the dashboards of both sides."""
    return await Lot.select(
        Lot.id, Lot.number, Lot.declared_weight_kg, Lot.measured_weight_kg
    ).where(
        Lot.weight_flagged.eq(True),
        readable_with_reconditioner(scope, Lot.organisation, Lot.reconditioner),
    )

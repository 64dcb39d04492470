"""Filling and emptying a draft lot: stored items go in, and may come out before the van comes.

All or nothing: one item that cannot join (still in the van, in another lot, already handed
over) refuses the whole request with a message naming that item and its state, and nothing is
written. Items are given by id or by the tag printed on their label.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from inventory import model
from inventory.engine import write_transaction
from inventory.errors import IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances
from inventory.model import ITEM_MACHINE
from inventory.scope import Scope
from inventory.services.lots import check_status, load_lot, record_item_moves
from inventory.states import ItemState, LotStatus
from inventory.tables import Item, Lot
from inventory.tags import parse_tag


def item_name(item: dict[str, Any]) -> str:
    """How a message names an item: its label tag, else its number."""
    return item["tag"] or f"n°{item['id']}"


async def _find_items(
    lot: dict[str, Any], item_ids: Sequence[int], tags: Sequence[str]
) -> list[dict[str, Any]]:
    printed = [str(parse_tag(tag)) for tag in tags if tag.strip()]
    wanted = Item.id.is_in(list(item_ids) or [-1]) | Item.tag.is_in(printed or ["-"])
    rows = await Item.select(Item.id, Item.tag, Item.state, Item.lot).where(
        wanted, Item.organisation == lot["organisation"]
    )
    missing_ids = set(item_ids) - {row["id"] for row in rows}
    missing = missing_ids | (set(printed) - {row["tag"] for row in rows})
    if missing:
        names = ", ".join(sorted(str(m) for m in missing))
        raise NotFound(f"Objet(s) introuvable(s) : {names}.", missing=sorted(map(str, missing)))
    if not rows:
        raise Invalid("Indiquez au moins un objet à mettre dans le lot.")
    return rows


def _joining_move(item: dict[str, Any], at: datetime) -> model.Event:
    """The checked move, with the item named in the refusal (the 409 says which one and why)."""
    try:
        return model.transition(ITEM_MACHINE, item["state"], ItemState.IN_LOT, at=at)
    except IllegalTransition as refusal:
        state = ItemState(item["state"])
        raise IllegalTransition(
            f"L'objet {item_name(item)} est « {state.label} » : seul un objet stocké, hors de "
            f"tout lot, peut entrer dans un lot. Rien n'a été enregistré.",
            item=item_name(item),
            current=state.value,
        ) from refusal


async def _place(
    which: Any, state: ItemState, lot_id: int | None, circumstances: Circumstances
) -> None:
    """Store the new state and lot of the items whose moves were just recorded."""
    await Item.update(
        {Item.state: state.value, Item.lot: lot_id, Item.state_changed_at: circumstances.at}
    ).where(which)


async def joinable_items(scope: Scope, lot_id: int) -> list[dict[str, Any]]:
    """The stored items of the lot's association, outside any lot: the stock list a manager
    ticks to fill the lot instead of copying tags from collection pages."""
    lot = await load_lot(scope, lot_id)
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
            Item.condition,
            Item.state,
        )
        .where(
            Item.organisation == lot["organisation"],
            Item.state == ItemState.STORED.value,
            Item.lot.is_null(),
        )
        .order_by(Item.created_at)
        .order_by(Item.id)
    )


async def add_items(
    scope: Scope,
    lot_id: int,
    circumstances: Circumstances,
    item_ids: Sequence[int] = (),
    tags: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Put stored items of the lot's association into the draft lot, each with its event."""
    async with write_transaction(Lot):
        lot = await load_lot(scope, lot_id, lock=True)
        scope.check_write(lot["organisation"], "Lot")
        check_status(lot, LotStatus.DRAFT)
        items = await _find_items(lot, item_ids, tags)
        moves = [_joining_move(item, circumstances.at) for item in items]
        await record_item_moves(scope, lot, items, moves, circumstances)
        ids = [item["id"] for item in items]
        await _place(Item.id.is_in(ids), ItemState.IN_LOT, lot_id, circumstances)
    return items


async def remove_item(
    scope: Scope, lot_id: int, item_id: int, circumstances: Circumstances
) -> None:
    """Take an item out of a draft lot: it goes back to the depot's shelves (stored)."""
    async with write_transaction(Lot):
        lot = await load_lot(scope, lot_id, lock=True)
        scope.check_write(lot["organisation"], "Lot")
        check_status(lot, LotStatus.DRAFT)
        item = (
            await Item.select(Item.id, Item.tag, Item.state)
            .where(Item.id == item_id, Item.lot == lot_id)
            .first()
        )
        if item is None:
            raise NotFound("Cet objet n'est pas dans ce lot.")
        move = model.transition(ITEM_MACHINE, item["state"], ItemState.STORED, at=circumstances.at)
        await record_item_moves(scope, lot, [item], [move], circumstances, "removed_from_lot")
        await _place(Item.id == item_id, ItemState.STORED, None, circumstances)

"""Moves of collected items through their state machine, and the chain of custody they leave.

Every move is checked by ``inventory.model.transition`` and recorded by
``inventory.history.record_move`` in the transaction that changes the item's state, so the
stored state and the history never disagree. Moves into a lot belong to the lots use cases.
"""

from __future__ import annotations

from typing import Any

from inventory import model
from inventory.engine import write_transaction
from inventory.errors import Conflict
from inventory.history import Circumstances, history_of, record_move
from inventory.model import ITEM_MACHINE
from inventory.scope import Scope
from inventory.services.common import load, load_for_write
from inventory.services.items import WHAT, get_item
from inventory.states import ItemState
from inventory.tables import Collection, Item

DISPOSALS = frozenset({ItemState.RECYCLED, ItemState.DISCARDED})


async def _move(
    scope: Scope,
    item: dict[str, Any],
    target: ItemState,
    circumstances: Circumstances,
    reason: str | None = None,
) -> None:
    """Check, apply and record one move of a loaded item; call inside a write transaction."""
    move = model.transition(
        ITEM_MACHINE,
        item["state"],
        target,
        reason,
        at=circumstances.at,
        by=scope.actor_name,
        where=circumstances.where,
        app=circumstances.app,
    )
    await Item.update({Item.state: move.to_state, Item.state_changed_at: circumstances.at}).where(
        Item.id == item["id"]
    )
    await record_move(scope, item["organisation"], item["id"], move, circumstances)


async def move_item(
    scope: Scope,
    item_id: int,
    target: ItemState,
    circumstances: Circumstances,
    reason: str | None = None,
) -> dict[str, Any]:
    """Store an item at the depot, or recycle/discard it with a reason.

    Putting an item in a lot or handing it to TRIRA goes through the lot, never through here.
    Agents store items; sending one to recycling or to the bin is a manager's decision.
    """
    if target is not ItemState.STORED:
        scope.require("items:dispose", f"de passer un objet à « {target.label} »")
    if target not in DISPOSALS | {ItemState.STORED}:
        raise Conflict(
            f"Le passage à « {target.label} » se fait depuis un lot TRIRA.", target=target.value
        )
    async with write_transaction(Item):
        item = await load_for_write(scope, Item, item_id, WHAT)
        if target is ItemState.STORED and item["state"] == ItemState.IN_LOT:
            raise Conflict("Pour sortir un objet d'un lot, retirez-le depuis la page du lot.")
        await _move(scope, item, target, circumstances, reason)
    return await get_item(scope, item_id)


async def store_collection(scope: Scope, collection_id: int, circumstances: Circumstances) -> int:
    """Check every item of a collection in at the depot (the van is unloaded); returns how many
    moved. Items already stored or further along are left as they are."""
    async with write_transaction(Item):
        collection = await load_for_write(scope, Collection, collection_id, "Collecte")
        items = await Item.select(Item.id, Item.organisation, Item.state).where(
            Item.collection == collection["id"], Item.state == ItemState.COLLECTED.value
        )
        for item in items:
            await _move(scope, item, ItemState.STORED, circumstances)
    return len(items)


async def item_history(scope: Scope, item_id: int) -> list[dict[str, Any]]:
    """The chain of custody of an item, oldest first: each step, who, when, where, which app.

    Starts at the latest creation event: on SQLite an id freed by a removed line may be reused.
    """
    await load(scope, Item, item_id, WHAT)
    events = await history_of(scope, ITEM_MACHINE.subject_kind, item_id)
    starts = [index for index, event in enumerate(events) if event["action"] == "created"]
    return events[starts[-1] :] if starts else events

"""Applying a batch of phone entries: each one idempotently, in its own transaction.

Why one transaction per entry rather than per batch: a refused line (a tag already stuck on
another item, an unknown category) must not throw away the other lines the agent logged, and a
sync cut in the middle (lost network, server restart) must keep what was already applied. Each
entry's change and its receipt (``SyncReceipt``) are committed together, so an entry either left
no trace or left both; sent again, it finds its receipt and is answered as before.

An entry that builds on one refused in the same batch (the items of a refused collection) is
reported as dependent, not tried: its own error would only hide the real cause.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import fields, replace
from typing import Any

from asyncpg.exceptions import UniqueViolationError

from inventory.errors import Conflict, DomainError, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services import collections, items
from inventory.services.common import write_transaction
from inventory.tables import Collection, Item
from logistics.field.entries import (
    AddItem,
    CloseCollection,
    Entry,
    EntryResult,
    OpenCollection,
    RemoveItem,
    kind_of,
    parent_of,
)
from logistics.field.tables import SyncReceipt

PHONE_APP = "téléphone (page terrain)"
# Two deliveries of one entry at the same moment: the second one's insert meets the first one's
# row; tried again, it finds the receipt.
_DUPLICATE_ERRORS = (UniqueViolationError, sqlite3.IntegrityError)


def _circumstances(entry: Entry, received: Circumstances) -> Circumstances:
    """History keeps when and where the agent acted on the phone, not when the sync arrived.

    A phone clock ahead of the server's is not believed: the server's time is kept instead.
    """
    at = received.at
    if entry.at is not None and entry.at.tzinfo is not None and entry.at <= received.at:
        at = entry.at
    return replace(
        received, at=at, latitude=entry.latitude, longitude=entry.longitude, app=PHONE_APP
    )


async def _record_id(scope: Scope, table: Any, client_id: str, what: str) -> int:
    """The server id of a record made from an earlier phone entry, within the caller's scope."""
    row = (
        await table.select(table.id)
        .where(table.client_uuid == client_id, scope.readable_where(table.organisation))
        .first()
    )
    if row is None:
        raise NotFound(f"{what} introuvable : la saisie dont elle dépend n'a pas été reçue.")
    return row["id"]


async def _open(scope: Scope, entry: OpenCollection, circumstances: Circumstances) -> int:
    data = collections.CollectionData(
        collected_on=circumstances.at.date(),
        latitude=entry.latitude,
        longitude=entry.longitude,
        pickup_request_id=entry.pickup_request_id,
        client_uuid=entry.id,
    )
    opened = await collections.open_collection(scope, entry.donor_id, data, circumstances)
    return opened["id"]


def _item_values(entry: AddItem) -> dict[str, Any]:
    """The entry's fields that ``ItemData`` takes (the same names on both sides)."""
    return {
        f.name: getattr(entry, f.name) for f in fields(items.ItemData) if hasattr(entry, f.name)
    }


async def _add(scope: Scope, entry: AddItem, circumstances: Circumstances) -> int:
    collection_id = await _record_id(scope, Collection, entry.collection, "Collecte")
    added = await items.add_item(
        scope,
        collection_id,
        items.ItemData(**_item_values(entry), client_uuid=entry.id),
        circumstances,
    )
    return added["id"]


async def _remove(scope: Scope, entry: RemoveItem, circumstances: Circumstances) -> int:
    item_id = await _record_id(scope, Item, entry.item, "Objet")
    await items.remove_item(scope, item_id, entry.reason, circumstances)
    return item_id


async def _close(scope: Scope, entry: CloseCollection, circumstances: Circumstances) -> int:
    collection_id = await _record_id(scope, Collection, entry.collection, "Collecte")
    await collections.close_collection(
        scope,
        collection_id,
        entry.signatory_name,
        entry.signature_path,
        circumstances,
    )
    return collection_id


_APPLY: dict[type, Callable[[Scope, Any, Circumstances], Awaitable[int]]] = {
    OpenCollection: _open,
    AddItem: _add,
    RemoveItem: _remove,
    CloseCollection: _close,
}


def _answer_again(scope: Scope, entry: Entry, receipt: dict[str, Any]) -> int | None:
    """An entry applied before is answered from its receipt, if it is really the same entry."""
    if not scope.can_write(receipt["organisation"]) or receipt["kind"] != kind_of(entry):
        raise Conflict("Cet identifiant de saisie est déjà utilisé par une autre saisie.")
    return receipt["record_id"]


async def _apply_once(scope: Scope, entry: Entry, circumstances: Circumstances) -> int | None:
    async with write_transaction(SyncReceipt):
        receipt = await SyncReceipt.select().where(SyncReceipt.client_id == entry.id).first()
        if receipt is not None:
            return _answer_again(scope, entry, receipt)
        record_id = await _APPLY[type(entry)](scope, entry, _circumstances(entry, circumstances))
        await SyncReceipt.insert(
            SyncReceipt(
                client_id=entry.id,
                organisation=scope.organisation_id,
                kind=kind_of(entry),
                record_id=record_id,
                agent_id=scope.actor_id or None,
                received_at=circumstances.at,
            )
        )
        return record_id


async def apply_entry(scope: Scope, entry: Entry, circumstances: Circumstances) -> int | None:
    """Apply one entry unless its receipt exists; returns the server id it made or touched."""
    try:
        return await _apply_once(scope, entry, circumstances)
    except _DUPLICATE_ERRORS:
        return await _apply_once(scope, entry, circumstances)


async def sync_entries(
    scope: Scope, entries: Sequence[Entry], circumstances: Circumstances
) -> list[EntryResult]:
    """Apply a batch in order; one result per entry, in the same order.

    Receipts of the whole batch are read in one query first: a replayed batch (the phone never
    got the answer) is then answered without touching the inventory at all.
    """
    ids = [entry.id for entry in entries] or ["-"]
    known = {
        r["client_id"]: r
        for r in await SyncReceipt.select().where(SyncReceipt.client_id.is_in(ids))
    }
    refused: dict[str, str] = {}
    results = []
    for entry in entries:
        parent = parent_of(entry)
        if parent is not None and parent in refused:
            refused[entry.id] = refused[parent]
            reason = f"En attente : la saisie dont elle dépend a été refusée ({refused[parent]})"
            results.append(EntryResult(entry.id, "dependent", reason=reason, depends_on=parent))
            continue
        try:
            if entry.id in known:
                record_id = _answer_again(scope, entry, known[entry.id])
            else:
                record_id = await apply_entry(scope, entry, circumstances)
        except DomainError as error:
            refused[entry.id] = error.message
            results.append(EntryResult(entry.id, "refused", reason=error.message))
        else:
            results.append(EntryResult(entry.id, "accepted", record_id=record_id))
    return results

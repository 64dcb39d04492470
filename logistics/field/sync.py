"""Applying a batch of phone entries: idempotently, each entry refused or kept on its own.

A batch is applied in transactions of up to ``CHUNK`` entries, each entry behind a savepoint:
a refused line (a tag already stuck on another item, an unknown category) is rolled back alone
and the other lines the agent logged are kept. An entry's change and its receipt
(``SyncReceipt``) are committed together, so an entry either left no trace or left both; sent
again, it finds its receipt and is answered as before. A sync cut in the middle (lost network,
server restart) keeps the chunks already committed; the phone, which got no answer, sends the
whole batch again.

Why chunks rather than one transaction per entry: a commit is a disk flush and, on SQLite, a new
connection; twenty of them made a batch cost hundreds of milliseconds. Why not one transaction
for a whole batch of up to 200 entries: the locks it takes (the collection, the tag sequence)
would be held for that long, and a cut sync would keep nothing.

Within a batch, what does not change is read once (``_Batch``): the records its own entries made
(an item's collection), the open collection, locked for the chunk's transaction, and what tag
checks read (``TagReads``: the chunk's scanned tags are looked up in one query); the lines'
creation events and the receipts are inserted together, in one statement each, before the
transaction ends. An entry that builds on one refused in the same batch (the items of a refused
collection) is reported as dependent, not tried: its own error would only hide the real cause.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from inventory.engine import (
    DEADLOCK_ERRORS,
    DUPLICATE_KEY_ERRORS,
    write_transaction,
    writers_in_turn,
)
from inventory.errors import Conflict, DomainError, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services import collections, items
from inventory.services.tagging import TagReads
from inventory.tables import Collection, Event, Item
from logistics.field.entries import (
    AddItem,
    CloseCollection,
    Entry,
    EntryResult,
    OpenCollection,
    RemoveItem,
    SignContract,
    VisitOutcome,
    kind_of,
    parent_of,
)
from logistics.field.tables import SyncReceipt
from logistics.mail.certificates import issue_certificate_and_notify
from logistics.visits.outcomes import parse_outcome, record_outcome, sign_contract_at_visit

logger = logging.getLogger(__name__)
PHONE_APP = "téléphone (page terrain)"
CHUNK = 20
"""Entries per transaction: a phone's usual batch commits once; a long one every 20 entries."""
# Two deliveries of one entry at the same moment (DUPLICATE_KEY_ERRORS): the second one's insert
# meets the first one's row; its receipt then answers it.
# Two batches locking the same rows in opposite orders (a donor, the tag sequence,
# DEADLOCK_ERRORS): PostgreSQL undoes one transaction; its chunk is simply applied again.
_ATTEMPTS = 3
_MADE_BY = {Collection: "open_collection", Item: "add_item"}


@dataclass
class _Batch:
    """What applying one batch remembers between its entries (see the module docstring)."""

    scope: Scope
    received: Circumstances
    made: dict[str, tuple[str, int]] = field(default_factory=dict)
    """client id → (kind, record id) of the entries this batch applied or found receipts of."""
    refused: dict[str, str] = field(default_factory=dict)
    """client id → French reason, for the entries that build on a refused one."""
    open: dict[int, dict[str, Any]] = field(default_factory=dict)
    """collection id → its row, locked open in the current transaction."""
    reads: TagReads = field(default_factory=TagReads)
    events: list[Event] = field(default_factory=list)
    receipts: list[SyncReceipt] = field(default_factory=list)
    """Rows of the entries applied in the current transaction, inserted together by ``flush``."""

    async def flush(self) -> None:
        """Insert the pending events and receipts: before the transaction ends, and before an
        entry other than a line, so that events keep the order the agent acted in."""
        if self.events:
            await Event.insert(*self.events)
        if self.receipts:
            await SyncReceipt.insert(*self.receipts)
        self.events, self.receipts = [], []

    def forget_transaction(self, made: dict[str, tuple[str, int]], refused: dict[str, str]) -> None:
        """Back to how things stood before a transaction that was rolled back."""
        self.made, self.refused, self.open, self.events, self.receipts = made, refused, {}, [], []

    async def record_id(self, table: Any, client_id: str, what: str) -> int:
        """The server id of a record made from an earlier phone entry, within the scope."""
        made = self.made.get(client_id)
        if made is not None and made[0] == _MADE_BY[table]:
            return made[1]
        row = (
            await table.select(table.id)
            .where(table.client_uuid == client_id, self.scope.readable_where(table.organisation))
            .first()
        )
        if row is None:
            raise NotFound(f"{what} introuvable : la saisie dont elle dépend n'a pas été reçue.")
        return row["id"]

    async def open_collection(self, collection_id: int) -> dict[str, Any]:
        """The collection, checked open and locked once per transaction."""
        if collection_id not in self.open:
            self.open[collection_id] = await collections.load_open(self.scope, collection_id)
        return self.open[collection_id]


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


async def _open(batch: _Batch, entry: OpenCollection, circumstances: Circumstances) -> int:
    data = collections.CollectionData(
        collected_on=circumstances.at.date(),
        latitude=entry.latitude,
        longitude=entry.longitude,
        pickup_request_id=entry.pickup_request_id,
        client_uuid=entry.id,
    )
    opened = await collections.open_collection(batch.scope, entry.donor_id, data, circumstances)
    return opened["id"]


def _item_values(entry: AddItem) -> dict[str, Any]:
    """The entry's fields that ``ItemData`` takes (the same names on both sides)."""
    return {
        f.name: getattr(entry, f.name) for f in fields(items.ItemData) if hasattr(entry, f.name)
    }


def _item_data(entry: AddItem) -> items.ItemData:
    return items.ItemData(**_item_values(entry), client_uuid=entry.id)


async def _add(batch: _Batch, entry: AddItem, circumstances: Circumstances) -> int:
    collection_id = await batch.record_id(Collection, entry.collection, "Collecte")
    collection = await batch.open_collection(collection_id)
    return await items.log_item(
        batch.scope, collection, _item_data(entry), circumstances, batch.reads, batch.events
    )


async def _add_again(batch: _Batch, entry: AddItem, circumstances: Circumstances) -> int:
    """An item whose phone id is already taken with no receipt (logged through the items API
    before): ``add_item`` answers it with the item made then."""
    collection_id = await batch.record_id(Collection, entry.collection, "Collecte")
    added = await items.add_item(batch.scope, collection_id, _item_data(entry), circumstances)
    return added["id"]


async def _remove(batch: _Batch, entry: RemoveItem, circumstances: Circumstances) -> int:
    item_id = await batch.record_id(Item, entry.item, "Objet")
    await items.remove_item(batch.scope, item_id, entry.reason, circumstances)
    return item_id


async def _close(batch: _Batch, entry: CloseCollection, circumstances: Circumstances) -> int:
    collection_id = await batch.record_id(Collection, entry.collection, "Collecte")
    batch.open.pop(collection_id, None)
    await collections.close_collection(
        batch.scope,
        collection_id,
        entry.signatory_name,
        entry.signature_path,
        circumstances,
    )
    return collection_id


async def _outcome(batch: _Batch, entry: VisitOutcome, circumstances: Circumstances) -> int:
    outcome = parse_outcome(entry.outcome)
    return await record_outcome(
        batch.scope, entry.visit_id, outcome, entry.notes, circumstances, entry.proposed_day
    )


async def _sign(batch: _Batch, entry: SignContract, circumstances: Circumstances) -> int:
    return await sign_contract_at_visit(
        batch.scope, entry.visit_id, entry.signatory_name, entry.signature_path, circumstances
    )


_Apply = Callable[[_Batch, Any, Circumstances], Awaitable[int]]
_APPLY: dict[type, _Apply] = {
    OpenCollection: _open,
    AddItem: _add,
    RemoveItem: _remove,
    CloseCollection: _close,
    VisitOutcome: _outcome,
    SignContract: _sign,
}
_COLLECTING = ("field:log", "de noter une collecte")
_INSTALLING = ("residents:manage", "de noter le résultat d'une visite")
_PERMISSION: dict[type, tuple[str, str]] = {
    OpenCollection: _COLLECTING,
    AddItem: _COLLECTING,
    RemoveItem: _COLLECTING,
    CloseCollection: _COLLECTING,
    VisitOutcome: _INSTALLING,
    SignContract: _INSTALLING,
}
"""What the sender's role must allow for each kind: collecting staff and installers share the
inbox, each kind is applied only for the roles whose phone page makes it."""
_APPLY_AGAIN: dict[type, _Apply] = {**_APPLY, AddItem: _add_again}


def _answer_again(scope: Scope, entry: Entry, receipt: dict[str, Any]) -> int | None:
    """An entry applied before is answered from its receipt, if it is really the same entry."""
    if not scope.can_write(receipt["organisation"]) or receipt["kind"] != kind_of(entry):
        raise Conflict("Cet identifiant de saisie est déjà utilisé par une autre saisie.")
    return receipt["record_id"]


async def _receipts(client_ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = await SyncReceipt.select().where(SyncReceipt.client_id.is_in(client_ids or ["-"]))
    return {row["client_id"]: row for row in rows}


async def _receipt(client_id: str) -> dict[str, Any] | None:
    return (await _receipts([client_id])).get(client_id)


async def _apply(transaction: Any, batch: _Batch, entry: Entry, apply: _Apply) -> int:
    """One entry behind a savepoint: refused, it leaves nothing behind. Its receipt (and a
    line's event) wait in ``batch`` for the next ``flush``, in the same transaction."""
    pending = len(batch.events)
    savepoint = await transaction.savepoint()
    try:
        record_id = await apply(batch, entry, _circumstances(entry, batch.received))
    except (DomainError, *DUPLICATE_KEY_ERRORS):
        await savepoint.rollback_to()
        batch.open.clear()  # row locks taken after the savepoint are gone with it
        del batch.events[pending:]
        raise
    await savepoint.release()
    batch.receipts.append(
        SyncReceipt(
            client_id=entry.id,
            organisation=batch.scope.organisation_id,
            kind=kind_of(entry),
            record_id=record_id,
            agent_id=batch.scope.actor_id or None,
            received_at=batch.received.at,
        )
    )
    return record_id


async def _apply_once(transaction: Any, batch: _Batch, entry: Entry) -> int | None:
    """Apply an entry with no receipt yet; another delivery of it may be applying it right now.

    That delivery's rows make this one's insert fail, or its locks make this one wait and then
    find the change made (a line already removed, a collection already signed): either way its
    receipt, read again, answers this delivery.
    """
    batch.scope.require(*_PERMISSION[type(entry)])
    if not isinstance(entry, AddItem):
        await batch.flush()  # its errors are the chunk's, not this entry's
    try:
        return await _apply(transaction, batch, entry, _APPLY[type(entry)])
    except DUPLICATE_KEY_ERRORS:
        receipt = await _receipt(entry.id)
        if receipt is None:
            return await _apply(transaction, batch, entry, _APPLY_AGAIN[type(entry)])
    except DomainError:
        receipt = await _receipt(entry.id)
        if receipt is None:
            raise
    return _answer_again(batch.scope, entry, receipt)


async def _settle(
    transaction: Any, batch: _Batch, entry: Entry, known: dict[str, dict[str, Any]]
) -> EntryResult:
    """The answer for one entry: answered again from its receipt, applied, refused or waiting."""
    parent = parent_of(entry)
    if parent is not None and parent in batch.refused:
        batch.refused[entry.id] = batch.refused[parent]
        reason = f"En attente : la saisie dont elle dépend a été refusée ({batch.refused[parent]})"
        return EntryResult(entry.id, "dependent", reason=reason, depends_on=parent)
    try:
        if entry.id in batch.made:  # sent twice in one batch: its receipt is not written yet
            kind, made_id = batch.made[entry.id]
            made = {"organisation": batch.scope.organisation_id, "kind": kind, "record_id": made_id}
            record_id = _answer_again(batch.scope, entry, made)
        elif entry.id in known:
            record_id = _answer_again(batch.scope, entry, known[entry.id])
        else:
            record_id = await _apply_once(transaction, batch, entry)
    except DomainError as error:
        batch.refused[entry.id] = error.message
        return EntryResult(entry.id, "refused", reason=error.message)
    if record_id is not None:
        batch.made[entry.id] = (kind_of(entry), record_id)
    return EntryResult(entry.id, "accepted", record_id=record_id)


async def _settle_chunk(
    batch: _Batch,
    chunk: Sequence[Entry],
    known: dict[str, dict[str, Any]],
    attempts: int = _ATTEMPTS,
) -> list[EntryResult]:
    """Up to ``CHUNK`` entries in one transaction (none when all were applied before).

    Rolled back whole by a deadlock, or by a receipt written meanwhile by another delivery of
    the same entry (met when the receipts are inserted), the chunk is applied again with the
    receipts read afresh.
    """
    if all(entry.id in known for entry in chunk):
        return [await _settle(None, batch, entry, known) for entry in chunk]
    made, refused = dict(batch.made), dict(batch.refused)
    try:
        async with writers_in_turn(SyncReceipt), write_transaction(SyncReceipt) as transaction:
            await batch.reads.look_up(
                e.tag for e in chunk if isinstance(e, AddItem) and e.tag and e.id not in known
            )
            results = [await _settle(transaction, batch, entry, known) for entry in chunk]
            await batch.flush()
            return results
    except (*DEADLOCK_ERRORS, *DUPLICATE_KEY_ERRORS):
        if attempts == 1:
            raise
    batch.forget_transaction(made, refused)
    known.update(await _receipts([entry.id for entry in chunk]))
    return await _settle_chunk(batch, chunk, known, attempts - 1)


async def sync_entries(
    scope: Scope, entries: Sequence[Entry], circumstances: Circumstances
) -> list[EntryResult]:
    """Apply a batch in order; one result per entry, in the same order.

    Receipts of the whole batch are read in one query first: a replayed batch (the phone never
    got the answer) is then answered without touching the inventory at all.
    """
    known = await _receipts([entry.id for entry in entries])
    batch = _Batch(scope, circumstances)
    results: list[EntryResult] = []
    for start in range(0, len(entries), CHUNK):
        batch.open.clear()  # the locks ended with the previous chunk's transaction
        results += await _settle_chunk(batch, entries[start : start + CHUNK], known)
    await _issue_certificates(scope, entries, results, circumstances)
    return results


async def _issue_certificates(
    scope: Scope,
    entries: Sequence[Entry],
    results: Sequence[EntryResult],
    circumstances: Circumstances,
) -> None:
    """The donor's certificate of each collection the batch closed, issued and queued at once,
    by the use case a page's signature calls (one certificate per collection, however many
    deliveries of the batch or scheduler runs meet it).

    After the entries' transactions: a failure here must not undo nor hold back what the agent
    logged (the inbox would apply the batch again and again). It is logged, and the scheduler's
    catch-up (``issue_pending_certificates``) issues that certificate a minute later.
    """
    closed = [
        result.record_id
        for entry, result in zip(entries, results, strict=True)
        if isinstance(entry, CloseCollection) and result.status == "accepted" and result.record_id
    ]
    for collection_id in closed:
        try:
            async with writers_in_turn(SyncReceipt):
                await issue_certificate_and_notify(scope, collection_id, circumstances)
        except Exception:
            logger.exception("Certificate of collection %s left to the scheduler", collection_id)

"""The phones' inbox (boîte de réception): a batch is answered once stored, and applied just after.

Why: applying a batch of twenty entries costs about 20 ms of server CPU (a savepoint, checks and
rows per line). With fifty agents syncing at the same moment on two CPUs, answering each phone
only once its batch was applied made the last phones wait for seconds. Storing a batch is one
INSERT; once it is committed, nothing the agent logged can be lost, so the phone is answered
"reçu" at once and fetches the answers for its entries (accepted, or refused with a French
reason) a moment later, by the batch's number.

Order: the batches of one agent are applied in the order they arrived (a collection opened in
one batch, its items in the next); batches of different agents may be applied side by side, by
the workers of several server processes.

A batch claimed by a process that then died (a restart, a crash) is taken again by any process
started after the claim, or by anyone once the claim is ``CLAIM_SECONDS`` old. Applying a batch
twice is harmless: every entry is idempotent by its phone-made id (see ``sync``).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec

from inventory.engine import writers_in_turn
from inventory.errors import NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from logistics.field.entries import Entry, EntryResult
from logistics.field.sync import sync_entries
from logistics.field.tables import SyncBatch

RECEIVED, APPLYING, APPLIED = "received", "applying", "applied"
CLAIM_SECONDS = 120
"""After this long, a claimed batch is thought abandoned (applying one takes well under 1 s)."""
APPLIED_KEPT_DAYS = 30
"""An applied batch is kept this long for its answers; its entries' receipts stay for good."""
_LOOK_AHEAD = 500
"""Unapplied batches read at once to find each agent's oldest; far more than ever wait."""

_ENTRIES = msgspec.json.Decoder(list[Entry])
_STORE = (
    "INSERT INTO sync_batch (organisation, agent_id, sender, received_at, app, entries, state,"
    " attempts) VALUES ({}, {}, {}, {}, {}, {}, {}, 0) RETURNING id"
)
"""Written out rather than built by ``SyncBatch.insert``: building it took 0.2 ms of the 1.2 ms
of server CPU that answering a phone costs, and fifty phones syncing at once queue behind it."""


@dataclass(frozen=True)
class BatchAnswer:
    """What the phone is told about one batch: its number, its state, one result per entry."""

    batch_id: int | None
    state: str
    results: list[EntryResult]


def _waiting(entry_ids: list[str]) -> list[EntryResult]:
    return [EntryResult(entry_id, "received") for entry_id in entry_ids]


async def store_batch(
    scope: Scope, entries: list[Entry], circumstances: Circumstances
) -> BatchAnswer:
    """Keep the batch for the worker, in one committed INSERT; every entry is then "received"."""
    if not entries:
        return BatchAnswer(None, APPLIED, [])
    async with writers_in_turn(SyncBatch):
        rows = await SyncBatch.raw(
            _STORE,
            scope.organisation_id,
            scope.actor_id,
            msgspec.json.encode(scope).decode(),
            circumstances.at,
            circumstances.app[:100],
            msgspec.json.encode(entries).decode(),
            RECEIVED,
        )
    return BatchAnswer(rows[0]["id"], RECEIVED, _waiting([entry.id for entry in entries]))


async def answer(scope: Scope, batch_id: int) -> BatchAnswer:
    """Where a batch stands; out of the caller's scope it is not found, like an unknown one."""
    row = (
        await SyncBatch.select(
            SyncBatch.organisation, SyncBatch.state, SyncBatch.entries, SyncBatch.results
        )
        .where(SyncBatch.id == batch_id)
        .first()
    )
    if row is None or not scope.can_read(row["organisation"]):
        raise NotFound("Envoi introuvable : renvoyez les saisies, rien n'est perdu.")
    if row["state"] == APPLIED:
        return BatchAnswer(
            batch_id, APPLIED, msgspec.json.decode(row["results"], type=list[EntryResult])
        )
    entry_ids = [entry["id"] for entry in msgspec.json.decode(row["entries"])]
    return BatchAnswer(batch_id, row["state"], _waiting(entry_ids))


def _abandoned(row: dict[str, Any], now: datetime, started_at: datetime) -> bool:
    claimed_at = row["claimed_at"]
    return (
        claimed_at is None
        or claimed_at < started_at
        or claimed_at < now - timedelta(seconds=CLAIM_SECONDS)
    )


async def _claim(now: datetime, started_at: datetime) -> dict[str, Any] | None:
    """Take the oldest batch that may be applied now: each agent's oldest unapplied one, unless
    another live process is applying it. Its row as claimed, or ``None`` when there is none."""
    rows = await (
        SyncBatch.select(
            SyncBatch.id, SyncBatch.agent_id, SyncBatch.state, SyncBatch.claim, SyncBatch.claimed_at
        )
        .where(SyncBatch.state.is_in([RECEIVED, APPLYING]))
        .order_by(SyncBatch.id)
        .limit(_LOOK_AHEAD)
    )
    oldest: dict[int, dict[str, Any]] = {}
    for row in rows:
        oldest.setdefault(row["agent_id"], row)
    for row in sorted(oldest.values(), key=lambda r: r["id"]):
        if row["state"] == APPLYING and not _abandoned(row, now, started_at):
            continue
        same_claim = (
            SyncBatch.claim.is_null() if row["claim"] is None else SyncBatch.claim == row["claim"]
        )
        taken = await (
            SyncBatch.update(
                {
                    SyncBatch.state: APPLYING,
                    SyncBatch.claim: str(uuid.uuid4()),
                    SyncBatch.claimed_at: now,
                    SyncBatch.attempts: SyncBatch.attempts + 1,
                }
            )
            .where(SyncBatch.id == row["id"], SyncBatch.state == row["state"], same_claim)
            .returning(*SyncBatch.all_columns())
        )
        if taken:
            return taken[0]
    return None


async def _apply(row: dict[str, Any], now: datetime) -> None:
    batch_id = row["id"]
    sender = msgspec.json.decode(row["sender"], type=Scope)
    received = Circumstances(at=row["received_at"], app=row["app"])
    try:
        results = await sync_entries(sender, _ENTRIES.decode(row["entries"]), received)
    except Exception:
        # Left for a later try, in order: the agent's next batches wait behind this one.
        await SyncBatch.update({SyncBatch.state: RECEIVED, SyncBatch.claim: None}).where(
            SyncBatch.id == batch_id, SyncBatch.claim == row["claim"]
        )
        raise
    await SyncBatch.update(
        {
            SyncBatch.state: APPLIED,
            SyncBatch.results: msgspec.json.encode(results).decode(),
            SyncBatch.applied_at: now,
        }
    ).where(SyncBatch.id == batch_id)


async def _go_on() -> None:
    return None


async def apply_waiting(
    started_at: datetime,
    clock: Callable[[], datetime],
    before_each: Callable[[], Awaitable[None]] = _go_on,
) -> int:
    """Apply every batch that may be applied now, oldest first; returns how many were.

    ``started_at`` is when the calling process started (it may take over claims older than
    that); ``clock()`` gives the current time; ``before_each()`` is awaited before taking each
    batch (the worker lets phones be answered first).
    """
    applied = 0
    while True:
        await before_each()
        claimed = await _claim(clock(), started_at)
        if claimed is None:
            return applied
        await _apply(claimed, clock())
        applied += 1


async def forget_applied_batches(now: datetime) -> int:
    """Drop batches applied more than ``APPLIED_KEPT_DAYS`` ago; returns how many.

    They hold the signatures and what was typed, already in the inventory; the receipts still
    answer a phone that sends one of their entries again. A phone asking about a forgotten batch
    is told it is unknown and sends its entries again, which the receipts answer.
    """
    cutoff = now - timedelta(days=APPLIED_KEPT_DAYS)
    gone = (
        await SyncBatch.delete()
        .where(SyncBatch.state == APPLIED, SyncBatch.applied_at < cutoff)
        .returning(SyncBatch.id)
    )
    return len(gone)

"""The phone sync applies a batch in transactions of 20 entries, a savepoint per entry: what that
must not change (every line kept but the refused one, each with its creation event, in the
order the agent acted) and what it must survive (the same batch delivered twice at once)."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from inventory.tables import Collection, Event, Item
from logistics.field.entries import Entry, EntryResult
from logistics.field.sync import CHUNK, sync_entries
from logistics.field.tables import SyncReceipt
from tests.factories import run
from tests.factories_field import make_field_day, round_batch
from tests.factories_journey import now, scope_of


def _sync(organisation_id: int, *batches: list[dict[str, Any]]) -> list[list[EntryResult]]:
    """Each batch delivered by its own request, all at the same moment."""
    scope = scope_of(organisation_id)

    async def deliver() -> list[list[EntryResult]]:
        return list(
            await asyncio.gather(
                *(sync_entries(scope, msgspec.convert(b, list[Entry]), now()) for b in batches)
            )
        )

    return run(deliver())


def test_a_long_batch_keeps_every_line_but_the_refused_ones_each_with_its_creation_event() -> None:
    day = make_field_day(labels=50)
    batch = round_batch(day, items=45)  # 47 entries: three transactions
    batch[10]["tag"] = day.tags[5]  # the same label scanned twice, in one transaction
    batch[30]["tag"] = day.tags[3]  # and in two
    assert len(batch) > 2 * CHUNK

    [results] = _sync(day.organisation_id, batch)

    refused = [r for r in results if r.status != "accepted"]
    assert [(r.id, r.status) for r in refused] == [
        (batch[10]["id"], "refused"),
        (batch[30]["id"], "refused"),
    ]
    assert all("déjà collée" in r.reason for r in refused)
    assert run(Item.count()) == 43
    assert run(SyncReceipt.count()) == len(batch) - 2
    history = run(
        Event.select(Event.subject_kind, Event.subject_id, Event.action)
        .where(Event.subject_kind.is_in(["collection", "item"]))
        .order_by(Event.id)
    )
    journey = [(e["subject_kind"], e["action"]) for e in history]
    assert journey == [
        ("collection", "opened"),
        *[("item", "created")] * 43,
        ("collection", "closed"),
        ("collection", "certificate_issued"),  # issued as soon as the batch is applied
    ]
    item_ids = [r.record_id for r in results if r.status == "accepted"][1:-1]
    assert [e["subject_id"] for e in history[1:-2]] == item_ids


def test_the_same_batch_delivered_twice_at_the_same_moment_is_recorded_once() -> None:
    day = make_field_day()
    batch = round_batch(day, items=10)

    first, second = _sync(day.organisation_id, batch, batch)

    assert [r.status for r in first] == ["accepted"] * len(batch)
    assert second == first
    assert (run(Collection.count()), run(Item.count())) == (1, 10)
    assert run(SyncReceipt.count()) == len(batch)
    assert run(Event.count().where(Event.subject_kind == "item")) == 10
    assert run(Collection.select(Collection.status).first())["status"] == "closed"


def test_a_line_sent_twice_in_one_batch_is_recorded_once() -> None:
    day = make_field_day()
    batch = round_batch(day, items=3)
    batch.insert(3, batch[2])

    [results] = _sync(day.organisation_id, batch)

    assert [r.status for r in results] == ["accepted"] * len(batch)
    assert results[3] == results[2]
    assert run(Item.count()) == 3 and run(SyncReceipt.count()) == len(batch) - 1

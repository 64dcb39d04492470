"""The phones' inbox: a batch stored is answered "received", then applied by a worker; an agent's
batches in the order they arrived; a batch abandoned by a stopped process is taken over."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import msgspec
import pytest

from inventory.errors import NotFound
from inventory.tables import Collection, Item
from logistics.field.entries import Entry
from logistics.field.inbox import (
    APPLIED,
    APPLYING,
    RECEIVED,
    answer,
    apply_waiting,
    forget_applied_batches,
    store_batch,
)
from logistics.field.tables import SyncBatch
from tests.factories import make_organisation, run
from tests.factories_field import make_field_day, round_batch
from tests.factories_journey import PARIS, now, scope_of


def _clock() -> datetime:
    return datetime.now(PARIS)


def _store(organisation_id: int, entries: list[dict[str, Any]], agent: int = 1) -> int:
    scope = scope_of(organisation_id, actor_id=agent)
    stored = run(store_batch(scope, msgspec.convert(entries, list[Entry]), now("phone")))
    return stored.batch_id


def _state(batch_id: int) -> str:
    return run(SyncBatch.select(SyncBatch.state).where(SyncBatch.id == batch_id).first())["state"]


def _claimed_by_a_live_process(batch_id: int, at: datetime) -> None:
    run(
        SyncBatch.update(
            {SyncBatch.state: APPLYING, SyncBatch.claim: "other-process", SyncBatch.claimed_at: at}
        ).where(SyncBatch.id == batch_id)
    )


def test_a_stored_batch_is_received_until_the_worker_applies_it() -> None:
    day = make_field_day()
    scope = scope_of(day.organisation_id)
    entries = round_batch(day, items=3)
    batch_id = _store(day.organisation_id, entries)

    waiting = run(answer(scope, batch_id))
    applied_count = run(apply_waiting(_clock(), _clock))
    applied = run(answer(scope, batch_id))

    assert waiting.state == RECEIVED
    assert [r.status for r in waiting.results] == ["received"] * 5
    assert run(Item.count()) == 3 and applied_count == 1
    assert applied.state == APPLIED
    assert [r.id for r in applied.results] == [e["id"] for e in entries]
    assert {r.status for r in applied.results} == {"accepted"}


def test_an_agent_s_next_batch_waits_while_their_previous_one_is_being_applied() -> None:
    day = make_field_day()
    opening, *lines, closing = round_batch(day, items=4)
    started = _clock()
    first = _store(day.organisation_id, [opening, *lines[:2]], agent=7)
    second = _store(day.organisation_id, [*lines[2:], closing], agent=7)
    other_agent = _store(day.organisation_id, round_batch(day, items=0)[:1], agent=8)
    _claimed_by_a_live_process(first, _clock())

    run(apply_waiting(started, _clock))

    assert [_state(b) for b in (first, second, other_agent)] == [APPLYING, RECEIVED, APPLIED]
    assert run(Item.count()) == 0


@pytest.mark.parametrize("claimed", ["before this process started", "too long ago"])
def test_a_batch_abandoned_by_a_stopped_process_is_taken_over_and_applied_once(
    claimed: str,
) -> None:
    day = make_field_day()
    opening, *lines, closing = round_batch(day, items=4)
    first = _store(day.organisation_id, [opening, *lines[:2]])
    second = _store(day.organisation_id, [*lines[2:], closing])
    if claimed == "before this process started":
        _claimed_by_a_live_process(first, _clock())
        started = _clock() + timedelta(microseconds=1)
    else:
        started = _clock()
        _claimed_by_a_live_process(first, _clock() - timedelta(minutes=3))

    run(apply_waiting(started, _clock))

    assert [_state(b) for b in (first, second)] == [APPLIED, APPLIED]
    assert run(Item.count()) == 4 and run(Collection.count()) == 1


def test_a_batch_that_fails_to_apply_is_kept_for_a_later_try() -> None:
    day = make_field_day()
    batch_id = _store(day.organisation_id, round_batch(day, items=0)[:1])
    run(
        SyncBatch.update({SyncBatch.entries: '[{"kind": "teleport"}]'}).where(
            SyncBatch.id == batch_id
        )
    )

    with pytest.raises(msgspec.ValidationError):
        run(apply_waiting(_clock(), _clock))

    row = run(SyncBatch.select().where(SyncBatch.id == batch_id).first())
    assert (row["state"], row["claim"], row["attempts"]) == (RECEIVED, None, 1)


def test_another_association_s_batch_is_not_found() -> None:
    day = make_field_day()
    batch_id = _store(day.organisation_id, round_batch(day, items=1))
    elsewhere = scope_of(make_organisation("CP"))

    with pytest.raises(NotFound, match="Envoi introuvable"):
        run(answer(elsewhere, batch_id))


def test_batches_applied_over_a_month_ago_are_forgotten_and_their_entries_still_answered() -> None:
    day = make_field_day()
    entries = round_batch(day, items=1)
    old, recent = _store(day.organisation_id, entries), _store(day.organisation_id, entries)
    run(apply_waiting(_clock(), _clock))
    waiting = _store(day.organisation_id, round_batch(day, items=0)[:1])
    long_ago = _clock() - timedelta(days=31)
    run(SyncBatch.update({SyncBatch.applied_at: long_ago}).where(SyncBatch.id == old))
    run(SyncBatch.update({SyncBatch.received_at: long_ago}).where(SyncBatch.id == waiting))

    forgotten = run(forget_applied_batches(_clock()))
    again = _store(day.organisation_id, entries)
    run(apply_waiting(_clock(), _clock))

    assert forgotten == 1
    assert run(SyncBatch.select(SyncBatch.id).order_by(SyncBatch.id)) == [
        {"id": b} for b in (recent, waiting, again)
    ]
    assert {r.status for r in run(answer(scope_of(day.organisation_id), again)).results} == {
        "accepted"
    }
    assert run(Item.count()) == 1

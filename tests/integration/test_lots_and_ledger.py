"""Lots, devices and the return-quota ledger through the services, on the real database."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from inventory.categories import Category
from inventory.errors import IllegalTransition, NotFound
from inventory.scope import Scope
from inventory.services import lot_items, lots
from inventory.services.devices import DeviceSpecs, record_returned
from inventory.services.ledger import check_overdue_agreements, ledger
from inventory.states import ItemState
from inventory.tables import Agreement, Event, Item
from logistics.accounts.identity import OPERATOR_SCOPE
from tests.factories import run
from tests.factories_lots import NOW, at, make_agreement, make_items, make_parties


def _scope(organisation_id: int, name: str = "Claire") -> Scope:
    own = frozenset({organisation_id})
    return Scope(1, name, organisation_id, own, own)


def test_a_lot_with_one_item_already_handed_over_is_refused_whole_with_nothing_written() -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    manager = _scope(association)
    stored = make_items(association, 3)
    gone = make_items(association, 1, state=ItemState.HANDED_TO_TRIRA)
    lot = run(lots.create_lot(manager, agreement["id"], at()))
    events_before = run(Event.count())

    with pytest.raises(IllegalTransition) as refusal:
        run(lot_items.add_items(manager, lot["id"], at(), item_ids=[*stored, *gone]))

    assert "remis à TRIRA" in refusal.value.message
    assert run(Event.count()) == events_before
    assert run(Item.count().where(Item.lot == lot["id"])) == 0
    assert run(Item.count().where(Item.state == ItemState.STORED.value)) == 3


def test_the_reconditioner_reads_only_the_lots_addressed_to_it() -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    lot = run(lots.create_lot(_scope(association), agreement["id"], at()))
    assert lot["number"] == "LOT-RP-2026-001"

    assert [row["id"] for row in run(lots.list_lots(_scope(trira, "TRIRA")))] == [lot["id"]]
    stranger = _scope(trira + 100)
    assert run(lots.list_lots(stranger)) == []
    with pytest.raises(NotFound):
        run(lots.load_lot(stranger, lot["id"]))


def test_the_alert_records_one_event_while_the_balance_stays_above_the_threshold() -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira, threshold=1, weeks=2)
    manager = _scope(association)
    items = make_items(association, 40)
    lot = run(lots.create_lot(manager, agreement["id"], at()))
    run(lot_items.add_items(manager, lot["id"], at(), item_ids=items))
    run(lots.hand_over(manager, lot["id"], "BT-1", NOW.date(), at()))

    def alerts() -> int:
        return run(Event.count().where(Event.action == "quota_overdue"))

    for weeks_later in (0, 1, 2, 3, 4):
        run(check_overdue_agreements(at(NOW + timedelta(weeks=weeks_later))))
        assert alerts() == (0 if weeks_later < 1 else 1)

    since = run(Agreement.select(Agreement.overdue_since).first())["overdue_since"]
    assert since is not None

    specs = [DeviceSpecs("laptop", NOW.date(), reference=f"T-{n}") for n in range(4)]
    for spec in specs:
        run(record_returned(_scope(trira, "TRIRA"), agreement["id"], spec, at()))
    run(check_overdue_agreements(at(NOW + timedelta(weeks=5))))
    assert run(Agreement.select(Agreement.overdue_since).first())["overdue_since"] is None
    statement = run(ledger(OPERATOR_SCOPE, agreement["id"], None, date(2026, 6, 1))).statement
    assert (statement.owed, statement.received, statement.balance) == (4, 4, 0)
    assert statement.collected[0].category is Category.DESKTOP


def test_lots_created_at_the_same_moment_get_distinct_numbers() -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    manager = _scope(association)

    async def create_five() -> list[dict]:
        return await asyncio.gather(
            *(lots.create_lot(manager, agreement["id"], at()) for _ in range(5))
        )

    numbers = sorted(lot["number"] for lot in run(create_five()))
    assert numbers == [f"LOT-RP-2026-00{n}" for n in range(1, 6)]

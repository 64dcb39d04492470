"""The demo shows a ledger that means something: a confirmed lot, two returns, one purchase."""

from __future__ import annotations

from datetime import date

from inventory.services.ledger import ledger
from inventory.tables import Agreement, Device, Lot
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.demo import load_demo
from logistics.demo.quota import REFERENCE
from tests.factories import run


def test_the_demo_ledger_counts_trira_returns_but_never_the_purchase() -> None:
    run(load_demo())
    agreement = run(Agreement.select(Agreement.id).where(Agreement.reference == REFERENCE).first())
    statement = run(ledger(OPERATOR_SCOPE, agreement["id"], None, date(2026, 11, 25))).statement

    assert statement.owed == 1  # 10 % of the 10 computers handed over
    assert statement.received == 2
    assert statement.purchased == 1
    assert run(Lot.select(Lot.status).first())["status"] == "received"

    counts = (run(Lot.count()), run(Device.count()))
    run(load_demo())
    assert (run(Lot.count()), run(Device.count())) == counts

"""Properties of the return-quota ledger read from the database, whatever was collected.

Each example starts from empty tables, hands lots over through the real services and records
returned and purchased devices, then reads the ledger: owed is never negative, received equals
the returned devices recorded, and purchases are never credited.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory.categories import Category
from inventory.ledger import QuotaBasis
from inventory.services import lot_items, lots
from inventory.services.devices import DeviceSpecs, record_purchased, record_returned
from inventory.services.ledger import ledger
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.scheduler import build_scheduler
from tests.conftest import _empty_all_tables
from tests.factories import run
from tests.factories_lots import NOW, at, make_agreement, make_items, make_parties

lot_shapes = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 3), st.booleans()), min_size=0, max_size=3
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shapes=lot_shapes,
    returned=st.integers(0, 5),
    purchased=st.integers(0, 3),
    basis=st.sampled_from(QuotaBasis),
)
def test_the_ledger_from_the_database_owes_never_less_than_zero_and_credits_only_returns(
    shapes: list[tuple[int, int, bool]], returned: int, purchased: int, basis: QuotaBasis
) -> None:
    run(_empty_all_tables())
    association, trira = make_parties()
    agreement = make_agreement(association, trira, basis=basis)
    computers = Decimal(0)
    kilos = Decimal(0)
    for laptops, screens, too_old in shapes:
        ids = make_items(association, laptops, Category.LAPTOP, weight_kg=2.5)
        ids += make_items(association, screens, Category.SCREEN, weight_kg=6.0)
        if not ids:
            continue
        lot = run(lots.create_lot(OPERATOR_SCOPE, agreement["id"], at()))
        run(lot_items.add_items(OPERATOR_SCOPE, lot["id"], at(), item_ids=ids))
        run(lots.mark_too_old(OPERATOR_SCOPE, lot["id"], too_old, at()))
        run(lots.hand_over(OPERATOR_SCOPE, lot["id"], "BT", NOW.date(), at()))
        if not too_old:
            computers += laptops
            kilos += Decimal("2.5") * laptops + 6 * screens
    for n in range(returned):
        spec = DeviceSpecs("laptop", NOW.date(), reference=f"TRI-{n}")
        run(record_returned(OPERATOR_SCOPE, agreement["id"], spec, at()))
    for _ in range(purchased):
        run(record_purchased(OPERATOR_SCOPE, association, DeviceSpecs("desktop", NOW.date()), at()))

    statement = run(ledger(OPERATOR_SCOPE, agreement["id"], None, date(2026, 12, 1))).statement

    expected = computers if basis is QuotaBasis.COMPUTERS else kilos / 10
    assert statement.owed == int((expected / 10).to_integral_value(rounding=ROUND_FLOOR))
    assert statement.owed >= 0 and statement.balance >= 0
    assert statement.received == returned
    assert statement.purchased == purchased
    assert statement.balance == max(statement.owed - returned, 0)


def test_the_scheduler_runs_the_weekly_arrears_check() -> None:
    assert "check_quota_arrears" in [job.id for job in build_scheduler().get_jobs()]

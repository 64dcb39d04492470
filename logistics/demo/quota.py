"""Demo data of the TRIRA side: the convention, a lot handed over and confirmed, devices returned.

With it, ``make demo`` shows a ledger that means something: ten computers of the court's
collection went to TRIRA in October, TRIRA confirmed the lot on its own scales and gave two
reconditioned computers back; one more was bought. Idempotent: everything is keyed by the
convention's reference, created once through the same use cases as the pages.
"""

from __future__ import annotations

from datetime import date, datetime

from inventory.categories import COMPUTER_CATEGORIES
from inventory.history import Circumstances
from inventory.services import lot_items, lots
from inventory.services.agreements import NewAgreement, create_agreement
from inventory.services.devices import DeviceSpecs, record_purchased, record_returned
from inventory.states import ItemState
from inventory.tables import Agreement, Item
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.organisations import organisation_id_by_code
from logistics.demo.journey import PARIS

REFERENCE = "Convention Régie Plus – TRIRA 2026"
RETURNED = [
    DeviceSpecs(
        "laptop",
        date(2026, 11, 11),
        "TRI-2026-0412",
        "Intel Core i5-8250U",
        8,
        256,
        "Linux Mint 22",
        "A",
    ),
    DeviceSpecs(
        "desktop",
        date(2026, 11, 11),
        "TRI-2026-0413",
        "Intel Core i3-7100",
        8,
        240,
        "Linux Mint 22",
        "B",
    ),
]
PURCHASED = DeviceSpecs(
    "laptop",
    date(2026, 11, 18),
    "",
    "Intel N100",
    8,
    256,
    "Windows 11",
    notes="Acheté par Grand Chambéry (retours insuffisants).",
)


def _on(day: date, hour: int, place: str = "Dépôt Régie Plus") -> Circumstances:
    return Circumstances(
        at=datetime(day.year, day.month, day.day, hour, tzinfo=PARIS), place=place, app="demo"
    )


async def load_quota_demo() -> dict[str, int]:
    """Create the convention and its first lot and devices, unless the convention exists."""
    if await Agreement.exists().where(Agreement.reference == REFERENCE):
        return {"conventions": 0}
    regie_plus = await organisation_id_by_code("RP")
    trira = await organisation_id_by_code("TRI")
    assert regie_plus is not None and trira is not None, "organisations are loaded first"
    agreement = await create_agreement(
        OPERATOR_SCOPE,
        NewAgreement(regie_plus, trira, REFERENCE, date(2026, 1, 1), signed_on=date(2025, 12, 15)),
        _on(date(2025, 12, 15), 10),
    )
    computers = (
        await Item.select(Item.id, Item.weight_kg)
        .where(
            Item.organisation == regie_plus,
            Item.state == ItemState.STORED.value,
            Item.category.is_in([c.value for c in COMPUTER_CATEGORIES]),
        )
        .order_by(Item.id)
        .limit(10)
    )
    lot = await lots.create_lot(OPERATOR_SCOPE, agreement["id"], _on(date(2026, 10, 20), 9))
    await lot_items.add_items(
        OPERATOR_SCOPE,
        lot["id"],
        _on(date(2026, 10, 20), 9),
        item_ids=[row["id"] for row in computers],
    )
    await lots.hand_over(
        OPERATOR_SCOPE,
        lot["id"],
        "BSD-TRIRA-2026-0187",
        date(2026, 10, 21),
        _on(date(2026, 10, 21), 14),
    )
    measured = round(sum(row["weight_kg"] for row in computers) * 1.02, 1)
    await lots.confirm_receipt(
        OPERATOR_SCOPE, lot["id"], measured, _on(date(2026, 10, 22), 10, "TRIRA, Chambéry")
    )
    for specs in RETURNED:
        await record_returned(OPERATOR_SCOPE, agreement["id"], specs, _on(specs.received_on, 15))
    await record_purchased(OPERATOR_SCOPE, regie_plus, PURCHASED, _on(PURCHASED.received_on, 11))
    return {"conventions": 1}

"""The depot stock: what waits for TRIRA at the association, and the devices ready to give.

"Waiting for TRIRA" is every item still in the association's hands (collected, stored or in a
draft lot, see ``inventory.states.AWAITING_TRIRA``): the manager sees how full the depot is and
how long the oldest piece has waited, so a lot is called before the shelves overflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from piccolo.query.functions.aggregate import Count, Min, Sum

from inventory.categories import Category
from inventory.scope import Scope
from inventory.services.devices import DeviceRecord, list_devices
from inventory.states import AVAILABLE_TO_GIVE, AWAITING_TRIRA
from inventory.tables import Item


@dataclass(frozen=True)
class StockLine:
    """One category: item rows, units (quantity lines summed), kg, and the oldest arrival."""

    category: Category
    items: int
    units: int
    weight_kg: float
    oldest: datetime | None


@dataclass(frozen=True)
class DepotStock:
    waiting: list[StockLine]
    devices_by_category: dict[Category, int]
    devices: list[DeviceRecord]

    @property
    def waiting_items(self) -> int:
        return sum(line.items for line in self.waiting)

    @property
    def waiting_units(self) -> int:
        return sum(line.units for line in self.waiting)

    @property
    def waiting_kg(self) -> float:
        return round(sum(line.weight_kg for line in self.waiting), 1)

    @property
    def oldest(self) -> datetime | None:
        return min((line.oldest for line in self.waiting if line.oldest), default=None)


def _moment(value: datetime | str | None) -> datetime | None:
    """SQLite hands an aggregated timestamp back as text; PostgreSQL as a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def waiting_for_trira(scope: Scope) -> list[StockLine]:
    """Per category, what the association still holds; summed by the database."""
    rows = await (
        Item.select(
            Item.category,
            Count(alias="items"),
            Sum(Item.quantity, alias="units"),
            Sum(Item.weight_kg, alias="kg"),
            Min(Item.created_at, alias="oldest"),
        )
        .where(
            scope.readable_where(Item.organisation),
            Item.state.is_in([state.value for state in AWAITING_TRIRA]),
        )
        .group_by(Item.category)
    )
    by_category = {Category(row["category"]): row for row in rows}
    return [
        StockLine(
            category,
            int(row["items"]),
            int(row["units"] or 0),
            round(float(row["kg"] or 0), 1),
            _moment(row["oldest"]),
        )
        for category in Category
        if (row := by_category.get(category))
    ]


async def depot_stock(scope: Scope) -> DepotStock:
    devices = await list_devices(scope, AVAILABLE_TO_GIVE)
    counts: dict[Category, int] = {}
    for device in devices:
        counts[device.category] = counts.get(device.category, 0) + 1
    return DepotStock(await waiting_for_trira(scope), counts, devices)

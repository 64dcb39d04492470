"""The year's figures of each collecting association (bilan de l'année), for managers and for
Grand Chambéry's steering committee.

The programme reports the same few numbers every year (collections, computers collected and
given, what the reconditioner returned): they are added up here from the records themselves,
per association the reader may see, with a total when there are several.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from inventory.categories import COMPUTER_CATEGORIES
from inventory.errors import Invalid
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.states import CollectionStatus, DeviceOrigin, DeviceState, LotStatus
from inventory.tables import Collection, Device, Event, Item, Lot, Organisation

COMPUTERS = frozenset(c.value for c in COMPUTER_CATEGORIES)
"""What the programme's reports count as computers (as the return quota does)."""


@dataclass
class YearFigures:
    """One association's year; ``units``/``kg`` per category code."""

    organisation: str
    collections: int = 0
    donors: int = 0
    units: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kg: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    lots_handed_over: int = 0
    kg_handed_over: float = 0.0
    devices_returned: int = 0
    devices_purchased: int = 0
    devices_installed: int = 0
    organisation_id: int | None = None  # None on the total line

    @property
    def computers_collected(self) -> int:
        return sum(n for code, n in self.units.items() if code in COMPUTERS)

    @property
    def total_units(self) -> int:
        return sum(self.units.values())

    @property
    def total_kg(self) -> float:
        return round(sum(self.kg.values()), 1)

    def add(self, other: YearFigures) -> None:
        """Add another association's year into this one (the total line)."""
        for name in (
            "collections",
            "donors",
            "lots_handed_over",
            "kg_handed_over",
            "devices_returned",
            "devices_purchased",
            "devices_installed",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, n in other.units.items():
            self.units[code] += n
        for code, kg in other.kg.items():
            self.kg[code] += kg


def _in_year(column: Any, year: int) -> Any:
    return (column >= date(year, 1, 1)) & (column <= date(year, 12, 31))


async def yearly_figures(scope: Scope, year: int, today: date) -> list[YearFigures]:
    """The figures of ``year`` for each collecting association in the reader's scope."""
    if not 2000 <= year <= today.year:
        raise Invalid(f"Année {year} hors de la période couverte.", year=year)
    associations = await (
        Organisation.select(Organisation.id, Organisation.name)
        .where(
            scope.readable_where(Organisation.id),
            Organisation.kind == OrganisationKind.COLLECTING,
        )
        .order_by(Organisation.name)
    )
    figures = {a["id"]: YearFigures(a["name"], organisation_id=a["id"]) for a in associations}
    ids = list(figures) or [-1]
    collections = await Collection.select(
        Collection.id, Collection.organisation, Collection.donor
    ).where(
        Collection.organisation.is_in(ids),
        Collection.status == CollectionStatus.CLOSED,
        _in_year(Collection.collected_on, year),
    )
    donors: dict[int, set[int]] = defaultdict(set)
    for row in collections:
        figures[row["organisation"]].collections += 1
        donors[row["organisation"]].add(row["donor"])
    for organisation, served in donors.items():
        figures[organisation].donors = len(served)
    items = await Item.select(
        Item.organisation, Item.category, Item.quantity, Item.weight_kg
    ).where(Item.collection.is_in([c["id"] for c in collections] or [-1]))
    for row in items:
        year_figures = figures[row["organisation"]]
        year_figures.units[row["category"]] += row["quantity"]
        year_figures.kg[row["category"]] += row["weight_kg"]
    lots = await Lot.select(Lot.organisation, Lot.declared_weight_kg, Lot.measured_weight_kg).where(
        Lot.organisation.is_in(ids),
        Lot.status.is_in([LotStatus.HANDED_OVER, LotStatus.RECEIVED]),
        _in_year(Lot.handed_over_on, year),
    )
    for row in lots:
        figures[row["organisation"]].lots_handed_over += 1
        figures[row["organisation"]].kg_handed_over += (
            row["measured_weight_kg"] or row["declared_weight_kg"]
        )
    devices = await Device.select(Device.organisation, Device.origin).where(
        Device.organisation.is_in(ids), _in_year(Device.received_on, year)
    )
    for row in devices:
        if row["origin"] == DeviceOrigin.PURCHASED:
            figures[row["organisation"]].devices_purchased += 1
        else:
            figures[row["organisation"]].devices_returned += 1
    installed = await Event.select(Event.organisation).where(
        Event.organisation.is_in(ids),
        Event.subject_kind == "device",
        Event.to_state == DeviceState.INSTALLED,
        Event.at >= datetime(year, 1, 1, tzinfo=UTC),
        Event.at < datetime(year + 1, 1, 1, tzinfo=UTC),
    )
    for row in installed:
        figures[row["organisation"]].devices_installed += 1
    return list(figures.values())


def total(figures: list[YearFigures]) -> YearFigures:
    """All associations together (the line Grand Chambéry reports)."""
    together = YearFigures("Total")
    for one in figures:
        together.add(one)
    return together

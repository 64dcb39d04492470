"""What a certificate says, as plain data: built from rows, rendered by ``pdf``, summarised for
the public verification page. No database and no PDF here, so the rules are tested in
milliseconds.

Weights are per line: a quantity line ("12 claviers") carries the weight of the twelve.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inventory.categories import Category

MEDIA_STATEMENT = (
    "Les supports de données (disques durs, SSD, cartes mémoire) contenus dans ce matériel sont "
    "remis à l'opérateur agréé {operator} pour effacement sécurisé ou destruction. La présente "
    "attestation ne certifie pas cet effacement : il est attesté, numéro de série par numéro de "
    "série, par le rapport de l'opérateur, consultable dans le dossier du donateur."
)
NO_OPERATOR = "désigné dans la convention de reconditionnement (aucune convention en vigueur)"


@dataclass(frozen=True)
class ItemLine:
    """One row of the item list; an accessory line has no tag and a quantity above one."""

    category: str
    brand: str
    model: str
    serial: str
    tag: str
    quantity: int
    weight_kg: float

    @property
    def category_label(self) -> str:
        return Category(self.category).label

    @property
    def is_quantity_line(self) -> bool:
        return not Category(self.category).is_labelled


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    units: int
    kg: float

    @property
    def label(self) -> str:
        return Category(self.category).label


def category_totals(lines: Iterable[tuple[str, int, float]]) -> list[CategoryTotal]:
    """Units and kilograms per category, in the order of the category list.

    ``lines`` are (category code, quantity, weight of the line in kg).
    """
    units: dict[str, int] = {}
    kilos: dict[str, float] = {}
    for category, quantity, weight in lines:
        units[category] = units.get(category, 0) + quantity
        kilos[category] = kilos.get(category, 0.0) + weight
    return [
        CategoryTotal(c.value, units[c.value], round(kilos[c.value], 2))
        for c in Category
        if c.value in units
    ]


def grand_total(totals: Iterable[CategoryTotal]) -> tuple[int, float]:
    totals = list(totals)
    return sum(t.units for t in totals), round(sum(t.kg for t in totals), 2)


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on an attestation de prise en charge."""

    number: str
    version: int
    issued_on: date
    collected_on: date
    donor_name: str
    donor_address: str
    association_name: str
    association_address: str
    agents: str
    operator_name: str | None
    legal_reference: str
    agreement_reference: str
    signatory_name: str
    signature_svg: str
    verification_url: str
    items: list[ItemLine] = field(default_factory=list)
    supersedes_number: str = ""
    reason: str = ""

    @property
    def totals(self) -> list[CategoryTotal]:
        return category_totals((i.category, i.quantity, i.weight_kg) for i in self.items)

    @property
    def media_statement(self) -> str:
        return MEDIA_STATEMENT.format(operator=self.operator_name or NO_OPERATOR)

    def summary(self) -> dict[str, Any]:
        """What the public verification page shows: no resident, agent or signatory name."""
        units, kilos = grand_total(self.totals)
        return {
            "collected_on": self.collected_on.isoformat(),
            "issued_on": self.issued_on.isoformat(),
            "donor": self.donor_name,
            "association": self.association_name,
            "operator": self.operator_name or "",
            "totals": [
                {"category": t.category, "label": t.label, "units": t.units, "kg": t.kg}
                for t in self.totals
            ],
            "units": units,
            "kg": kilos,
        }


def item_lines(rows: Iterable[Mapping[str, Any]]) -> list[ItemLine]:
    """Item rows as printed lines, labelled items first (by tag), accessories after."""
    lines = [
        ItemLine(
            category=row["category"],
            brand=row["brand"] or "",
            model=row["model"] or "",
            serial=row["serial_number"] or "",
            tag=row["tag"] or "",
            quantity=row["quantity"],
            weight_kg=row["weight_kg"] or 0.0,
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: (line.is_quantity_line, line.category, line.tag))


def postal_address(address: str, postcode: str, city: str) -> str:
    return "\n".join(part for part in (address.strip(), f"{postcode} {city}".strip()) if part)


def format_kg(value: float) -> str:
    """French decimal comma, two decimals at most: 1 234,5 kg."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")

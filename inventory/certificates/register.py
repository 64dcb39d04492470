"""Register extract (extrait de registre des déchets sortants) for a donor and a period.

A producer of waste keeps a chronological register of the waste leaving its premises (Code de
l'environnement, art. R541-43 and its arrêté of 31 May 2021). Each line here is one shipment of
one kind of waste: a collection, per category, with the columns that arrêté asks for — date,
usual name, waste code, hazardous or not, quantity, carrier, destination, treatment — filled
from the collection and from the lots that took the items on to the licensed operator.

Waste codes (list of waste, annex to Decision 2000/532/EC, art. R541-8 in France):

- ``16 02 14`` discarded equipment without hazardous components: desktops, laptops, printers,
  network gear, keyboards and other peripherals given by companies and public bodies;
- ``16 02 13*`` discarded equipment containing hazardous components: screens by default (CRTs
  and older LCD panels lit by mercury lamps), or any item the manager knows to be so;
- ``16 02 16`` components removed from discarded equipment: loose hard disks and SSDs;
- ``20 01 36`` / ``20 01 35*`` the same two for households (particuliers): municipal waste.

Every default can be changed per category when the extract is made: the association knows its
hardware better than this table.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inventory.categories import Category
from inventory.certificates.links import donor_in_scope
from inventory.certificates.service import agreement_on
from inventory.errors import Invalid
from inventory.parties import DonorKind
from inventory.scope import Scope
from inventory.spreadsheet import french_csv
from inventory.states import CollectionStatus
from inventory.tables import Item, Organisation

PROFESSIONAL_CODES: dict[str, str] = {c.value: "16 02 14" for c in Category} | {
    Category.SCREEN.value: "16 02 13*",
    Category.STORAGE_MEDIA.value: "16 02 16",
}
HOUSEHOLD_CODES: dict[str, str] = {c.value: "20 01 36" for c in Category} | {
    Category.SCREEN.value: "20 01 35*",
}
DEFAULT_TREATMENT = "R13"
TREATMENT_LABEL = "Regroupement puis préparation en vue de la réutilisation ou recyclage"

COLUMNS = [
    "Date d'expédition",
    "Dénomination usuelle du déchet",
    "Code déchet",
    "Déchet dangereux",
    "Quantité (unités)",
    "Quantité (tonnes)",
    "Producteur",
    "Adresse d'enlèvement",
    "Transporteur",
    "Installation de destination",
    "Adresse de destination",
    "Code de traitement",
    "Qualification du traitement",
    "Remise à l'opérateur agréé",
    "Opérateur agréé",
    "Référence du document",
]


def default_codes(kind: str) -> dict[str, str]:
    return dict(HOUSEHOLD_CODES if kind == DonorKind.PARTICULIER else PROFESSIONAL_CODES)


def check_code(code: str) -> str:
    """A list-of-waste code written "16 02 14" (six digits, star if hazardous)."""
    digits = code.replace(" ", "")
    core = digits.rstrip("*")
    if len(core) != 6 or not core.isdigit() or len(digits) - len(core) > 1:
        raise Invalid(f"Code déchet « {code} » invalide : six chiffres, étoile si dangereux.")
    return f"{core[:2]} {core[2:4]} {core[4:]}" + ("*" if digits.endswith("*") else "")


@dataclass(frozen=True)
class RegisterExtract:
    donor_name: str
    start: date
    end: date
    rows: list[list[str]]


def _quantity(value: float) -> str:
    return f"{value:.4f}".replace(".", ",")


async def register_extract(
    scope: Scope,
    donor_id: int,
    start: date,
    end: date,
    codes: Mapping[str, str] | None = None,
    treatment: str = DEFAULT_TREATMENT,
) -> RegisterExtract:
    """One line per collection and category, oldest first."""
    if end < start:
        raise Invalid("La fin de la période précède son début.")
    donor = await donor_in_scope(scope, donor_id)
    chosen = default_codes(donor["kind"]) | {k: check_code(v) for k, v in (codes or {}).items()}
    association = (
        await Organisation.select().where(Organisation.id == donor["organisation"]).first()
    )
    assert association is not None  # kept by the donor's foreign key
    items = await (
        Item.select(
            Item.category,
            Item.quantity,
            Item.weight_kg,
            Item.collection.id.as_alias("collection"),
            Item.collection.collected_on.as_alias("collected_on"),
            Item.lot.number.as_alias("lot"),
            Item.lot.handed_over_on.as_alias("handed_on"),
        )
        .where(
            Item.collection.donor == donor_id,
            Item.collection.status == CollectionStatus.CLOSED,
            Item.collection.collected_on >= start,
            Item.collection.collected_on <= end,
        )
        .order_by(Item.collection.collected_on)
    )
    groups: dict[tuple[date, int, str], list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        groups[(item["collected_on"], item["collection"], item["category"])].append(item)
    origin = "DEEE ménagers" if donor["kind"] == DonorKind.PARTICULIER else "DEEE professionnels"
    pickup = f"{donor['address']}, {donor['postcode']} {donor['city']}".strip(", ")
    rows = []
    for (collected_on, collection, category), lines in sorted(groups.items()):
        agreement = await agreement_on(donor["organisation"], collected_on)
        code = chosen[category]
        lots = sorted(
            {
                f"{i['lot']} ({i['handed_on']:%d/%m/%Y})"
                for i in lines
                if i["lot"] and i["handed_on"]
            }
        )
        rows.append(
            [
                collected_on.strftime("%d/%m/%Y"),
                f"{origin} : {Category(category).label}",
                code,
                "oui" if code.endswith("*") else "non",
                str(sum(i["quantity"] for i in lines)),
                _quantity(sum(i["weight_kg"] for i in lines) / 1000),
                donor["name"],
                pickup,
                association["name"],
                association["name"],
                association["depot_address"],
                treatment,
                TREATMENT_LABEL,
                ", ".join(lots) or "en attente",
                agreement["reconditioner_name"] if agreement else "",
                f"collecte {collection}",
            ]
        )
    return RegisterExtract(donor["name"], start, end, rows)


def as_csv(extract: RegisterExtract) -> bytes:
    """The extract in the exports' one CSV dialect."""
    return french_csv(COLUMNS, extract.rows)


def as_xlsx(extract: RegisterExtract) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Registre"
    sheet.append(COLUMNS)
    for row in extract.rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

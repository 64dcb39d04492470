"""The yearly summary certificate (bilan annuel) of a donor: every collection of a year.

Donors quote it in their CSR or activity reports, so it adds up units and kilograms per category
from the same items the collection certificates list, names those certificates, and gives the
environmental estimate with its factors and sources (``inventory.certificates.environment``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from inventory.certificates.content import (
    CategoryTotal,
    category_totals,
    format_kg,
    grand_total,
    postal_address,
)
from inventory.certificates.document import DonorDocument
from inventory.certificates.environment import BenefitEstimate, estimate
from inventory.certificates.service import agreement_on
from inventory.certificates.tables import Certificate
from inventory.errors import Invalid
from inventory.statuses import CollectionStatus
from inventory.tables import Collection, Donor, Event, Item, Organisation

TITLE = "Bilan annuel des dons"


@dataclass(frozen=True)
class YearlySummary:
    year: int
    issued_on: date
    donor_name: str
    donor_address: str
    association_name: str
    operator_name: str
    collections: int
    certificates: list[str]
    totals: list[CategoryTotal]
    benefit: BenefitEstimate

    @property
    def reference(self) -> str:
        return f"{self.year}"


async def yearly_summary(donor_id: int, year: int, today: date) -> YearlySummary:
    """Add up the donor's closed collections of ``year`` (callers checked access to the donor)."""
    if not 2000 <= year <= today.year:
        raise Invalid(f"Année {year} hors de la période couverte.", year=year)
    donor = await Donor.select().where(Donor.id == donor_id).first()
    in_year = (
        (Collection.donor == donor_id)
        & (Collection.status == CollectionStatus.CLOSED)
        & (Collection.collected_on >= date(year, 1, 1))
        & (Collection.collected_on <= date(year, 12, 31))
    )
    collections = await Collection.select(Collection.id).where(in_year)
    ids = [c["id"] for c in collections] or [-1]
    items = await Item.select(Item.id, Item.category, Item.quantity, Item.weight_kg).where(
        Item.collection.is_in(ids)
    )
    certificates = await (
        Certificate.select(Certificate.number)
        .where(Certificate.collection.is_in(ids), Certificate.superseded_by.is_null())
        .order_by(Certificate.number)
    )
    reused = await Event.select(Event.subject_id).where(
        Event.subject_kind == "item",
        Event.action == "reused",
        Event.subject_id.is_in([i["id"] for i in items] or [-1]),
    )
    reused_ids = {row["subject_id"] for row in reused}
    association = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == donor["organisation"])
        .first()
    )
    agreement = await agreement_on(donor["organisation"], min(date(year, 12, 31), today))
    totals = category_totals((i["category"], i["quantity"], i["weight_kg"]) for i in items)
    reported = Counter(i["category"] for i in items if i["id"] in reused_ids)
    rate = agreement["rate_percent"] if agreement else 10.0
    return YearlySummary(
        year=year,
        issued_on=today,
        donor_name=donor["name"],
        donor_address=postal_address(donor["address"], donor["postcode"], donor["city"]),
        association_name=association["name"],
        operator_name=agreement["reconditioner_name"] if agreement else "",
        collections=len(collections),
        certificates=[c["number"] for c in certificates],
        totals=totals,
        benefit=estimate({t.category: t.units for t in totals}, reported, rate),
    )


def render_yearly_summary(summary: YearlySummary) -> bytes:
    document = DonorDocument(TITLE, summary.reference, summary.association_name)
    document.alias_nb_pages()
    document.title_block(f"{TITLE} {summary.year}", summary.donor_name)
    document.fields(
        [
            ("Donateur", f"{summary.donor_name}\n{summary.donor_address}".strip()),
            ("Association collectrice", summary.association_name),
            ("Opérateur agréé", summary.operator_name or "aucune convention en vigueur"),
            ("Collectes de l'année", str(summary.collections)),
            ("Établi le", f"{summary.issued_on:%d/%m/%Y}"),
        ]
    )
    units, kilos = grand_total(summary.totals)
    document.heading("Matériel pris en charge, par catégorie")
    document.table(
        ["Catégorie", "Unités", "Poids (kg)"],
        (100.0, 40.0, 40.0),
        [(t.label, str(t.units), format_kg(t.kg)) for t in summary.totals]
        + [("Total", str(units), format_kg(kilos))],
        aligns=("L", "R", "R"),
        size=9,
    )
    document.heading("Bénéfice environnemental estimé (ordre de grandeur)")
    benefit = summary.benefit
    basis = (
        "déclarées réemployées par le reconditionneur"
        if benefit.from_reports
        else f"estimées au taux de retour de la convention ({benefit.rate_percent:g} %)"
    )
    document.paragraph(
        f"Environ {format_kg(benefit.kg_co2e)} kg CO₂e d'émissions évitées, pour "
        f"{format_kg(benefit.reused_units)} unités réemployées ({basis})."
    )
    document.paragraph(benefit.source, size=8)
    document.heading("Attestations de prise en charge de l'année")
    document.paragraph(", ".join(summary.certificates) or "aucune", size=8.5)
    document.paragraph(
        "Chaque attestation se vérifie sur la page publique de vérification de l'association.",
        size=8,
    )
    return bytes(document.output())

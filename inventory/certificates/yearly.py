"""The yearly summary certificate (bilan annuel) of a donor: every collection of a year.

Donors quote it in their CSR or activity reports, so it adds up units and kilograms per category
from the same items the collection certificates list, names those certificates, and gives the
environmental estimate with its factors and sources (``inventory.certificates.environment``).

Like a certificate, an issued summary has a number, a QR code to the public verification page,
and its exact bytes and SHA-256 kept: a report quoting it can be checked. It is issued when first
asked for and given again while the year's figures stay the same; when they change (a collection
of the year closed or corrected), the next request issues a new number that supersedes it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from inventory.certificates.content import (
    CategoryTotal,
    category_totals,
    format_kg,
    grand_total,
    postal_address,
)
from inventory.certificates.document import DonorDocument
from inventory.certificates.environment import BenefitEstimate, estimate
from inventory.certificates.links import donor_in_scope
from inventory.certificates.service import (
    agreement_on,
    issued_pdf,
    next_number,
    sha256_hex,
    verification_url,
)
from inventory.certificates.tables import Certificate, YearlySummaryDocument
from inventory.engine import lock_row, write_transaction
from inventory.errors import Invalid
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services.common import once_more_on_duplicate_key
from inventory.states import CollectionStatus
from inventory.tables import Collection, Donor, Event, Item, Organisation

TITLE = "Bilan annuel des dons"
NUMBER_PREFIX = "BIL"


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
    number: str = ""
    verification_url: str = ""
    supersedes_number: str = ""

    def public(self) -> dict[str, Any]:
        """What the verification page shows, and what the fingerprint covers (no issue date)."""
        units, kilos = grand_total(self.totals)
        return {
            "year": self.year,
            "donor": self.donor_name,
            "association": self.association_name,
            "operator": self.operator_name,
            "collections": self.collections,
            "certificates": self.certificates,
            "totals": [asdict(t) | {"label": t.label} for t in self.totals],
            "units": units,
            "kg": kilos,
            "kg_co2e": self.benefit.kg_co2e,
        }


async def yearly_summary(scope: Scope, donor_id: int, year: int, today: date) -> YearlySummary:
    """Add up the donor's closed collections of ``year``."""
    if not 2000 <= year <= today.year:
        raise Invalid(f"Année {year} hors de la période couverte.", year=year)
    donor = await donor_in_scope(scope, donor_id)
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
    assert association is not None  # kept by the donor's foreign key
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


async def issue_yearly_summary(
    scope: Scope, donor_id: int, year: int, circumstances: Circumstances, base_url: str
) -> dict[str, Any]:
    """The donor's current summary of ``year``: the one issued before if the figures are the
    same, else a new one superseding it. Its row, without the PDF bytes.

    Two requests at the same moment (a double click on the donor's link) would take the same
    number: the second one's insert fails, and its second try finds the first one's document.
    """
    return await once_more_on_duplicate_key(
        lambda: _issue_once(scope, donor_id, year, circumstances, base_url)
    )


async def _issue_once(
    scope: Scope, donor_id: int, year: int, circumstances: Circumstances, base_url: str
) -> dict[str, Any]:
    summary = await yearly_summary(scope, donor_id, year, circumstances.at.date())
    public = summary.public()
    fingerprint = sha256_hex(json.dumps(public, sort_keys=True, default=str).encode())
    async with write_transaction(YearlySummaryDocument):
        await _one_issuer_per_donor(donor_id)
        current = await _current_summary(donor_id, year)
        if current is not None and current["fingerprint"] == fingerprint:
            return current
        donor = (
            await Donor.select(Donor.organisation.id, Donor.organisation.code)
            .where(Donor.id == donor_id)
            .first()
        )
        assert donor is not None  # yearly_summary() above read it
        prefix = f"{NUMBER_PREFIX}-{donor['organisation.code']}-{year}-"
        number = await next_number(YearlySummaryDocument, prefix)
        summary = replace(
            summary,
            number=number,
            verification_url=verification_url(base_url, number),
            supersedes_number=current["number"] if current else "",
        )
        pdf = render_yearly_summary(summary)
        issued = await YearlySummaryDocument.insert(
            YearlySummaryDocument(
                organisation=donor["organisation.id"],
                donor=donor_id,
                year=year,
                number=number,
                supersedes=current["id"] if current else None,
                issued_at=circumstances.at,
                fingerprint=fingerprint,
                sha256=sha256_hex(pdf),
                pdf=pdf,
                summary=public | {"issued_on": summary.issued_on.isoformat()},
            )
        ).returning(YearlySummaryDocument.id)
        if current is not None:
            await YearlySummaryDocument.update(
                {YearlySummaryDocument.superseded_by: issued[0]["id"]}
            ).where(YearlySummaryDocument.id == current["id"])
    issued_summary = await _current_summary(donor_id, year)
    assert issued_summary is not None  # written just above
    return issued_summary


async def _one_issuer_per_donor(donor_id: int) -> None:
    """Hold the donor's row until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
    transaction already lets one writer in): two requests would otherwise each find no current
    summary, take two numbers and leave two current summaries."""
    await lock_row(Donor, donor_id)


async def _current_summary(donor_id: int, year: int) -> dict[str, Any] | None:
    return (
        await YearlySummaryDocument.select(
            *YearlySummaryDocument.all_columns(exclude=[YearlySummaryDocument.pdf])
        )
        .where(
            YearlySummaryDocument.donor == donor_id,
            YearlySummaryDocument.year == year,
            YearlySummaryDocument.superseded_by.is_null(),
        )
        .first()
    )


async def yearly_summary_pdf(scope: Scope, number: str) -> bytes:
    return await issued_pdf(scope, YearlySummaryDocument, number, "Bilan introuvable.")


def render_yearly_summary(summary: YearlySummary) -> bytes:
    """The PDF bytes; ``issue_yearly_summary`` stores them with their SHA-256."""
    document = DonorDocument(TITLE, summary.number or str(summary.year), summary.association_name)
    document.alias_nb_pages()
    document.title_block(
        f"{TITLE} {summary.year}",
        f"{summary.donor_name} · N° {summary.number}" if summary.number else summary.donor_name,
    )
    if summary.number:
        document.number_and_qr(summary.number, summary.verification_url)
    if summary.supersedes_number:
        document.paragraph(
            f"Ce bilan remplace le bilan n° {summary.supersedes_number} : les chiffres de "
            "l'année ont changé depuis (collecte terminée ou attestation corrigée)."
        )
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
    document.grid(
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
        "Chaque attestation se vérifie sur la page publique de vérification de l'association."
        + (
            f" Ce bilan aussi : {summary.verification_url} (le code QR y mène)."
            if summary.verification_url
            else ""
        ),
        size=8,
    )
    return bytes(document.output())

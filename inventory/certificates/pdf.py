"""The attestation de prise en charge of one collection, as a French PDF.

What it states and what it must not: the hardware was taken in charge and will be handed to the
licensed operator named in the agreement; data media are handed over for erasure or destruction.
It never says that data were erased: only the operator's report, imported later, says that.
"""

from __future__ import annotations

from datetime import date

from inventory.certificates.content import CertificateContent, format_kg, grand_total
from inventory.certificates.document import MARGIN_MM, DonorDocument

TITLE = "Attestation de prise en charge"
_ITEM_WIDTHS = (38.0, 30.0, 40.0, 34.0, 26.0, 12.0)


def _date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def render_certificate(content: CertificateContent) -> bytes:
    """The PDF bytes; the caller stores them with their SHA-256 and never renders them again."""
    document = DonorDocument(TITLE, content.number, content.association_name)
    document.alias_nb_pages()
    document.title_block(
        f"{TITLE} de matériel informatique",
        f"N° {content.number}" + (f" (version {content.version})" if content.version > 1 else ""),
    )
    document.number_and_qr(content.number, content.verification_url)
    if content.supersedes_number:
        document.paragraph(
            f"Cette version remplace l'attestation n° {content.supersedes_number}"
            + (f" : {content.reason}" if content.reason else ".")
        )
    document.fields(
        [
            ("Date de la collecte", _date(content.collected_on)),
            ("Date d'émission", _date(content.issued_on)),
            ("Donateur", f"{content.donor_name}\n{content.donor_address}".strip()),
            ("Association collectrice", content.association_name),
            ("Adresse du dépôt", content.association_address),
            ("Agents de collecte", content.agents),
            ("Opérateur agréé", content.operator_name or "aucune convention en vigueur"),
            ("Convention", content.agreement_reference),
        ]
    )
    document.heading("Matériel pris en charge")
    document.grid(
        ["Catégorie", "Marque", "Modèle", "N° de série", "Étiquette", "Qté"],
        _ITEM_WIDTHS,
        [
            (
                line.category_label,
                line.brand,
                line.model,
                line.serial,
                line.tag or "lot d'accessoires" if line.is_quantity_line else line.tag,
                str(line.quantity),
            )
            for line in content.items
        ],
        aligns=("L", "L", "L", "L", "L", "R"),
    )
    document.heading("Totaux par catégorie")
    totals = content.totals
    units, kilos = grand_total(totals)
    document.grid(
        ["Catégorie", "Unités", "Poids (kg)"],
        (100.0, 40.0, 40.0),
        [(t.label, str(t.units), format_kg(t.kg)) for t in totals]
        + [("Total", str(units), format_kg(kilos))],
        aligns=("L", "R", "R"),
        size=9,
    )
    document.heading("Supports de données et réglementation")
    document.paragraph(content.media_statement)
    document.paragraph(
        "Ce matériel est pris en charge au titre de la réglementation des déchets d'équipements "
        f"électriques et électroniques ({content.legal_reference}), en vue de son réemploi après "
        "reconditionnement ou, à défaut, de son recyclage par l'opérateur agréé."
    )
    _signature_block(document, content)
    document.paragraph(
        f"Vérifier l'authenticité de cette attestation : {content.verification_url} "
        "(le code QR y mène). L'empreinte SHA-256 du fichier original y est publiée.",
        size=8,
    )
    return bytes(document.output())


def _signature_block(document: DonorDocument, content: CertificateContent) -> None:
    document.heading("Signature du donateur")
    if document.will_page_break(32):
        document.add_page()
    y = document.get_y()
    document.fields([("Signataire", content.signatory_name or "non renseigné")])
    drawn = document.signature(content.signature_svg, MARGIN_MM + 48, document.get_y(), 70, 22)
    if not drawn:
        document.paragraph("Signature non recueillie sur le téléphone.", size=8.5)
    document.set_y(max(document.get_y(), y + 30))

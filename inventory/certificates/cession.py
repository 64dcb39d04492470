"""The transfer agreement (acte de cession) for working equipment a donor gives for reuse.

Generated from a collection for the donor to sign. For a public body, giving away public
property needs a legal basis (a council decision, a rule on disposing of surplus equipment…):
the agreement prints the basis the donor states, word for word, and refuses to be made without
one; nothing is assumed for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from inventory.categories import Category
from inventory.certificates.content import ItemLine, item_lines, postal_address
from inventory.certificates.document import MARGIN_MM, DonorDocument
from inventory.errors import Invalid, NotFound
from inventory.parties import DonorKind
from inventory.scope import Scope
from inventory.tables import Collection, Donor, Item, Organisation

TITLE = "Acte de cession de matériel informatique"


async def transfer_agreement_pdf(
    scope: Scope, collection_id: int, legal_basis: str, item_ids: Sequence[int] = ()
) -> bytes:
    """The agreement for the chosen items (default: every labelled item of the collection)."""
    collection = await Collection.select().where(Collection.id == collection_id).first()
    if collection is None or not scope.can_read(collection["organisation"]):
        raise NotFound("Collecte introuvable.")
    donor = await Donor.select().where(Donor.id == collection["donor"]).first()
    assert donor is not None  # kept by the collection's foreign key
    legal_basis = legal_basis.strip()
    if donor["kind"] == DonorKind.COLLECTIVITE and not legal_basis:
        raise Invalid(
            "Pour une personne publique, indiquez la base juridique de la cession donnée par "
            "le donateur (délibération, décision…)."
        )
    query = Item.select().where(Item.collection == collection_id)
    if item_ids:
        query = query.where(Item.id.is_in(list(item_ids)))
    lines = [line for line in item_lines(await query) if not line.is_quantity_line or item_ids]
    if not lines:
        raise Invalid("Aucun objet à céder : choisissez au moins un objet de la collecte.")
    association = (
        await Organisation.select().where(Organisation.id == collection["organisation"]).first()
    )
    assert association is not None  # kept by the collection's foreign key
    return _render(collection, donor, association, lines, legal_basis)


def _render(
    collection: dict[str, object],
    donor: dict[str, object],
    association: dict[str, object],
    lines: list[ItemLine],
    legal_basis: str,
) -> bytes:
    reference = f"collecte {collection['id']} du {collection['collected_on']:%d/%m/%Y}"
    document = DonorDocument(TITLE, reference, str(association["name"]))
    document.alias_nb_pages()
    document.title_block(
        TITLE, f"Matériel en état de fonctionnement cédé pour réemploi — {reference}"
    )
    address = postal_address(str(donor["address"]), str(donor["postcode"]), str(donor["city"]))
    document.heading("Entre les soussignés")
    document.fields(
        [
            ("Le cédant", f"{donor['name']}\n{address}".strip()),
            ("SIRET", str(donor["siret"])),
            ("Représenté par", str(donor["contact_name"])),
            ("Le cessionnaire", f"{association['name']}\n{association['depot_address']}".strip()),
        ]
    )
    document.heading("Objet")
    document.paragraph(
        "Le cédant cède à titre gratuit (valeur de la cession : 0 €) au cessionnaire, qui "
        "l'accepte, le matériel informatique ci-dessous, en état de fonctionnement, pour qu'il "
        "soit reconditionné et réemployé, notamment au profit de personnes éloignées du "
        "numérique. Le cédant déclare en être propriétaire et pouvoir en disposer. La propriété "
        "et les risques sont transférés au "
        "cessionnaire à la date de l'enlèvement."
    )
    if legal_basis:
        document.paragraph(f"Base juridique de la cession indiquée par le cédant : {legal_basis}")
    document.paragraph(
        "Les supports de données sont remis à l'opérateur agréé désigné dans la convention de "
        "reconditionnement pour effacement ou destruction ; le cédant reste libre de les effacer "
        "avant la cession."
    )
    document.heading("Matériel cédé")
    document.grid(
        ["Catégorie", "Marque", "Modèle", "N° de série", "Étiquette", "Qté"],
        (38.0, 30.0, 40.0, 34.0, 26.0, 12.0),
        [
            (
                Category(line.category).label,
                line.brand,
                line.model,
                line.serial,
                line.tag,
                str(line.quantity),
            )
            for line in lines
        ],
        aligns=("L", "L", "L", "L", "L", "R"),
    )
    if document.will_page_break(45):
        document.add_page()
    document.ln(4)
    document.paragraph(
        "Fait en deux exemplaires, à ______________________, le ____ / ____ / ______"
    )
    y = document.get_y() + 2
    for x, who in ((MARGIN_MM, "Pour le cédant"), (MARGIN_MM + 95, "Pour le cessionnaire")):
        document.set_xy(x, y)
        document.set_font("DejaVu", size=9.5)
        document.multi_cell(85, 5, f"{who}\nnom, qualité et signature :")
        document.rect(x, y + 12, 80, 25)
    return bytes(document.output())

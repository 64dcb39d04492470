"""The loan contract (contrat de mise à disposition) of one attribution, as a French PDF.

BLÉ prints it (or shows it on a tablet) at the installation; the trainee signs on the screen and
the signed contract is drawn again with the signature from its SVG path data. The text is short
and plain on purpose: the people signing it are learning to read and write. The device stays
the programme's property; the person keeps it at home, takes care of it, and gives it back when
they no longer use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inventory.certificates.content import postal_address
from inventory.certificates.document import MARGIN_MM, DonorDocument
from inventory.scope import Scope
from inventory.services.devices import DeviceRecord
from inventory.tables import Organisation
from logistics.french import french_date, unit
from logistics.trainees.tables import Trainee
from logistics.visits import assignments
from logistics.visits.assignments import AssignmentRecord

TITLE = "Contrat de mise à disposition"


@dataclass(frozen=True)
class ContractContent:
    """Everything the contract prints, read once from the attribution, its trainee and device."""

    number: str
    association_name: str
    association_address: str
    owner_name: str
    trainee_name: str
    trainee_address: str
    trainee_phone: str
    device_label: str
    device_reference: str
    device_specs: str
    reserved_at: datetime
    signed_at: datetime | None
    signer: str
    signature: str


def device_specs(device: DeviceRecord) -> str:
    """ "Intel Core i5 · 8 Go de mémoire · 256 Go de stockage · Windows 11 · grade A"."""
    parts = [
        device.processor,
        f"{unit(device.memory_gb, 'Go')} de mémoire" if device.memory_gb else "",
        f"{unit(device.storage_gb, 'Go')} de stockage" if device.storage_gb else "",
        device.operating_system,
        f"grade {device.grade}" if device.grade else "",
    ]
    return " · ".join(part for part in parts if part)


async def contract_content(scope: Scope, assignment: AssignmentRecord) -> ContractContent:
    trainee = await Trainee.select().where(Trainee.id == assignment.trainee).first()
    association = (
        await Organisation.select().where(Organisation.id == assignment.organisation).first()
    )
    assert trainee is not None and association is not None  # kept by foreign keys
    device = await assignments.device_of(scope, assignment)
    return ContractContent(
        number=assignment.contract_number,
        association_name=association["name"],
        association_address=association["depot_address"],
        owner_name=device.organisation_name,
        trainee_name=assignment.trainee_name,
        trainee_address=postal_address(trainee["address"], trainee["postcode"], trainee["city"]),
        trainee_phone=trainee["phone"],
        device_label=device.category.label,
        device_reference=device.reference,
        device_specs=device_specs(device),
        reserved_at=assignment.reserved_at,
        signed_at=assignment.contract_signed_at,
        signer=assignment.contract_signer,
        signature=assignment.contract_signature,
    )


async def contract_pdf(scope: Scope, assignment_id: int) -> bytes:
    """The contract of an attribution the caller may read: blank for the signature until the
    trainee signed, signed afterwards."""
    assignment = await assignments.get_assignment(scope, assignment_id)
    return render_contract(await contract_content(scope, assignment))


def conditions(content: ContractContent) -> list[str]:
    """The loan's conditions, one short paragraph each, in plain French."""
    return [
        f"1. {content.association_name} prête gratuitement l'appareil décrit ci-dessus à "
        f"{content.trainee_name}, qui a suivi la formation aux outils numériques, pour son usage "
        "personnel et celui de son foyer.",
        "2. L'appareil reste la propriété du programme d'inclusion numérique "
        f"({content.owner_name}). Il ne peut être ni vendu, ni donné, ni prêté à une autre "
        "personne.",
        "3. La personne garde l'appareil chez elle et en prend soin. En cas de panne, de perte "
        f"ou de vol, elle prévient {content.association_name} au plus vite. Une aide gratuite "
        "(dépannage numérique) est proposée chaque semaine.",
        "4. Le prêt commence le jour de la signature. Si la personne n'utilise plus l'appareil "
        f"ou déménage loin, elle le rend à {content.association_name}, qui peut aussi le lui "
        "demander en cas de mauvais usage.",
        f"5. {content.association_name} garde les informations de ce contrat pour le suivi du "
        "programme. La personne peut les consulter et les faire corriger en le demandant.",
    ]


def _date(value: datetime | None) -> str:
    return french_date(value) if value else "____ / ____ / ______"


def render_contract(content: ContractContent) -> bytes:
    document = DonorDocument(TITLE, content.number, content.association_name)
    document.alias_nb_pages()
    document.title_block(
        f"{TITLE} d'un ordinateur", f"N° {content.number} — prêt gratuit d'un appareil"
    )
    document.heading("Entre")
    document.fields(
        [
            ("L'association", f"{content.association_name}\n{content.association_address}".strip()),
            ("Et la personne", content.trainee_name),
            ("Adresse", content.trainee_address),
            ("Téléphone", content.trainee_phone),
        ]
    )
    document.heading("L'appareil prêté")
    document.fields(
        [
            ("Type", content.device_label),
            ("Référence", content.device_reference),
            ("Caractéristiques", content.device_specs),
            ("Réservé le", french_date(content.reserved_at)),
        ]
    )
    document.heading("Conditions du prêt")
    for paragraph in conditions(content):
        document.paragraph(paragraph, size=10)
    _signature_block(document, content)
    return bytes(document.output())


def _signature_block(document: DonorDocument, content: ContractContent) -> None:
    document.heading("Signatures")
    if document.will_page_break(45):
        document.add_page()
    document.paragraph(f"Fait le {_date(content.signed_at)}, en deux exemplaires.")
    top = document.get_y()
    document.fields([("La personne", content.signer or content.trainee_name)])
    drawn = document.signature(content.signature, MARGIN_MM + 48, document.get_y(), 70, 24)
    if not drawn:
        document.rect(MARGIN_MM + 48, document.get_y(), 70, 24)
        document.set_y(document.get_y() + 25)
        document.paragraph("Signature précédée de « lu et approuvé ».", size=8.5)
    document.set_y(max(document.get_y(), top + 32))
    document.fields([("Pour l'association", content.association_name)])

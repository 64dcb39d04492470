"""Data for the donors' documents, written straight into the tables (the collection services of
another context are not needed to test certificates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from inventory.history import Circumstances
from inventory.parties import DonorKind, OrganisationKind
from inventory.scope import Scope
from inventory.states import CollectionStatus, ItemState, LotStatus
from inventory.tables import Agreement, Collection, Donor, Item, Lot, Organisation
from logistics.settings import get_settings
from tests.factories import make_organisation, run

SIGNATURE = "M10 80L40 10L65 12L95 80M120 60L150 30L180 80"  # as the phone sends it
DONOR_NAME = "Cour d'appel de Chambéry — Œuvres « sociales » à Façade"


def now() -> datetime:
    return datetime.now(tz=get_settings().timezone)


def circumstances(at: datetime | None = None) -> Circumstances:
    return Circumstances(at=at or now(), app="test")


def operator_scope(organisation_id: int = 0) -> Scope:
    return Scope(1, "Camille Responsable", organisation_id, None, None)


@dataclass
class World:
    association: int
    reconditioner: int
    agreement: int
    donor: int

    @property
    def scope(self) -> Scope:
        return Scope(1, "Camille Responsable", self.association, None, None)


def _insert(table: Any, **values: Any) -> int:
    return run(table.insert(table(**values)).returning(table.id))[0]["id"]


def make_world(code: str = "RP", donor_email: str = "dsi@donateur.example") -> World:
    association = make_organisation(code, name="Régie Plus" if code == "RP" else f"Régie {code}")
    run(
        Organisation.update(
            {Organisation.depot_address: "12 rue de la Régie, 73000 Chambéry"}
        ).where(Organisation.id == association)
    )
    reconditioner = make_organisation(
        f"T{code}", OrganisationKind.RECONDITIONER, name=f"TRIRA (Tri Rhône-Alpes) {code}"
    )
    agreement = _insert(
        Agreement,
        organisation=association,
        reconditioner=reconditioner,
        reference="CONV-TRIRA-2026",
        starts_on=date(2020, 1, 1),
        created_at=now(),
    )
    donor = make_donor(association, DONOR_NAME, donor_email)
    return World(association, reconditioner, agreement, donor)


def make_donor(
    association: int, name: str, email: str = "", kind: DonorKind = DonorKind.COLLECTIVITE
) -> int:
    return _insert(
        Donor,
        organisation=association,
        kind=kind,
        name=name,
        contact_name="Mme Dupré",
        contact_email=email,
        address="Place du Palais de justice",
        postcode="73000",
        city="Chambéry",
        created_at=now(),
    )


ITEMS = [
    ("laptop", "Dell", "Latitude E7450", "SN-A1", 1, 2.2),
    ("desktop", "HP", "EliteDesk 800", "SN-B2", 1, 6.5),
    ("screen", "Iiyama", "ProLite 22", "SN-C3", 1, 4.0),
    ("keyboard_mouse", "", "", "", 12, 6.0),
]


def make_collection(
    world: World,
    items: list[tuple[str, str, str, str, int, float]] | None = None,
    on: date = date(2026, 3, 2),
    donor: int | None = None,
    closed: bool = True,
) -> int:
    collection = _insert(
        Collection,
        organisation=world.association,
        donor=donor or world.donor,
        collected_on=on,
        status=CollectionStatus.CLOSED if closed else CollectionStatus.OPEN,
        agent_names="Zoé Martin, Loïc Bernard",
        signatory_name="Mme Dupré",
        signature_svg=SIGNATURE,
        finished_at=now() if closed else None,
        created_at=now(),
    )
    rows = []
    for index, (category, brand, model, serial, quantity, weight) in enumerate(items or ITEMS):
        labelled = quantity == 1
        rows.append(
            Item(
                organisation=world.association,
                collection=collection,
                tag=f"{world_code(world)}-{collection}-{index}" if labelled else None,
                category=category,
                brand=brand,
                model=model,
                serial_number=serial,
                quantity=quantity,
                weight_kg=weight,
                has_storage_media=category in ("laptop", "desktop"),
                state=ItemState.STORED,
                state_changed_at=now(),
                created_at=now(),
            )
        )
    run(Item.insert(*rows))
    return collection


def world_code(world: World) -> str:
    return f"T{world.association}"


def hand_to_reconditioner(world: World, serials: list[str], number: str = "LOT-1") -> int:
    """A lot received by the reconditioner holding the items with these serial numbers."""
    lot = _insert(
        Lot,
        organisation=world.association,
        reconditioner=world.reconditioner,
        agreement=world.agreement,
        number=number,
        status=LotStatus.RECEIVED,
        handed_over_on=date(2026, 3, 20),
        created_at=now() - timedelta(days=1),
    )
    run(
        Item.update({Item.lot: lot, Item.state: ItemState.HANDED_TO_TRIRA}).where(
            Item.serial_number.is_in(serials), Item.organisation == world.association
        )
    )
    return lot

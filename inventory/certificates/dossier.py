"""The donor's dossier: per collection its certificate, per item where it is now.

"Where it is now" is read from the item's state, its lot and the events the reconditioner's
reports added (erased, reused, recycled); nothing is inferred that no record says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from inventory.certificates.content import ItemLine
from inventory.certificates.links import donor_in_scope
from inventory.certificates.tables import Certificate
from inventory.scope import Scope
from inventory.states import ItemState
from inventory.tables import Collection, Event, Item

REPORTED_ACTIONS = ("erased", "reused", "recycled")


@dataclass(frozen=True)
class ItemWhereabouts(ItemLine):
    """A line of the certificate's item list, and where that item is now."""

    where: str = ""


@dataclass
class CollectionDossier:
    collection_id: int
    collected_on: date
    certificate: str = ""
    items: list[ItemWhereabouts] = field(default_factory=list)


def whereabouts(
    state: str, lot_number: str | None, handed_on: date | None, reports: dict[str, date]
) -> str:
    """The French sentence saying where an item is, from its records only."""
    parts = [ItemState(state).label]
    if lot_number and state == ItemState.HANDED_TO_TRIRA:
        when = f" le {handed_on:%d/%m/%Y}" if handed_on else ""
        parts = [f"remis au reconditionneur dans le lot {lot_number}{when}"]
    elif lot_number:
        parts.append(f"lot {lot_number} en préparation")
    if "erased" in reports:
        parts.append(f"données effacées selon le rapport importé le {reports['erased']:%d/%m/%Y}")
    if "reused" in reports:
        parts.append("réemployé")
    if "recycled" in reports:
        parts.append("recyclé")
    return ", ".join(parts)


async def reports_by_item(item_ids: list[int]) -> dict[int, dict[str, date]]:
    """For each item, the reconditioner's reported actions and their dates."""
    found: dict[int, dict[str, date]] = defaultdict(dict)
    if not item_ids:
        return found
    rows = await Event.select(Event.subject_id, Event.action, Event.at, Event.details).where(
        Event.subject_kind == "item",
        Event.subject_id.is_in(item_ids),
        Event.action.is_in(list(REPORTED_ACTIONS)),
    )
    for row in rows:
        found[row["subject_id"]].setdefault(row["action"], row["at"].date())
    return found


async def donor_dossier(scope: Scope, donor_id: int) -> list[CollectionDossier]:
    """Closed and open collections of the donor, newest first, with their items' whereabouts."""
    await donor_in_scope(scope, donor_id)
    collections = await (
        Collection.select(Collection.id, Collection.collected_on)
        .where(Collection.donor == donor_id)
        .order_by(Collection.collected_on, ascending=False)
    )
    dossiers = {c["id"]: CollectionDossier(c["id"], c["collected_on"]) for c in collections}
    if not dossiers:
        return []
    certificates = await Certificate.select(Certificate.collection, Certificate.number).where(
        Certificate.donor == donor_id, Certificate.superseded_by.is_null()
    )
    for row in certificates:
        dossiers[row["collection"]].certificate = row["number"]
    items = await (
        Item.select(
            Item.id,
            Item.collection,
            Item.tag,
            Item.category,
            Item.brand,
            Item.model,
            Item.serial_number,
            Item.quantity,
            Item.weight_kg,
            Item.state,
            Item.lot.number.as_alias("lot_number"),
            Item.lot.handed_over_on.as_alias("handed_on"),
        )
        .where(Item.collection.is_in(list(dossiers)))
        .order_by(Item.id)
    )
    reports = await reports_by_item([item["id"] for item in items])
    for item in items:
        dossiers[item["collection"]].items.append(
            ItemWhereabouts(
                tag=item["tag"] or "",
                category=item["category"],
                brand=item["brand"],
                model=item["model"],
                serial=item["serial_number"],
                quantity=item["quantity"],
                weight_kg=item["weight_kg"] or 0.0,
                where=whereabouts(
                    item["state"], item["lot_number"], item["handed_on"], reports[item["id"]]
                ),
            )
        )
    return list(dossiers.values())

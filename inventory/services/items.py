"""Use cases on collected items (objets collectés): log one, take a wrong line out, read them.

A labelled category (computer, screen, phone…) is one item with one tag: either a pre-printed
label the agent scanned, which must be one the association printed, or a number taken now.
Accessories are one line with a quantity and no tag. The phone replays its requests when it
gets the network back, so an item carrying a ``client_uuid`` already seen is returned as is.

Taking a line out (``remove_item``) is allowed only while the collection is open, i.e. before
the donor signed: the line was a logging slip, not hardware that left the chain of custody. The
row is deleted (its tag becomes free for the right item), the item's own events stay as they
are, and the collection's history gets an ``item_removed`` event holding what the line said.
Because SQLite may give a deleted row's id to the next item, an item's history starts at its
latest creation event (see ``inventory.services.moves.item_history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inventory import model
from inventory.categories import Category
from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, move_row, record
from inventory.model import ITEM_MACHINE
from inventory.scope import Scope
from inventory.services.collections import check_open, load_open
from inventory.services.common import check_client_uuid, load_for_write, replayed
from inventory.services.tagging import TagReads, allocate_tag, check_scanned_tag
from inventory.states import ItemState
from inventory.tables import Collection, Event, Item
from inventory.tags import parse_tag

WHAT = "Objet"
MAX_QUANTITY = 10_000


@dataclass(frozen=True)
class ItemData:
    """What an agent logs; ``has_storage_media`` None means "as usual for the category"."""

    category: str
    tag: str | None = None
    quantity: int = 1
    brand: str = ""
    model: str = ""
    serial_number: str = ""
    weight_kg: float = 0.0
    condition: str = ""
    has_storage_media: bool | None = None
    notes: str = ""
    client_uuid: str | None = None


def _checked(data: ItemData) -> tuple[Category, dict[str, Any]]:
    """The category and column values, or ``Invalid`` before anything is read or written."""
    category = Category.parse(data.category)
    if data.weight_kg < 0:
        raise Invalid("Le poids ne peut pas être négatif.", weight_kg=data.weight_kg)
    if category.is_labelled and data.quantity != 1:
        raise Invalid(
            f"Une « {category.label} » s'enregistre à l'unité, avec sa propre étiquette.",
            quantity=data.quantity,
        )
    if not 1 <= data.quantity <= MAX_QUANTITY:
        raise Invalid(f"La quantité va de 1 à {MAX_QUANTITY}.", quantity=data.quantity)
    if data.tag and not category.is_labelled:
        raise Invalid(f"La catégorie « {category.label} » ne porte pas d'étiquette.")
    if data.tag:
        parse_tag(data.tag)
    storage = data.has_storage_media
    values = {
        "category": category.value,
        "quantity": data.quantity,
        "brand": data.brand.strip(),
        "model": data.model.strip(),
        # Capitals: a serial read on a sticker and one retyped must compare equal.
        "serial_number": data.serial_number.strip().upper(),
        "weight_kg": data.weight_kg,
        "condition": data.condition.strip(),
        "has_storage_media": category.usually_holds_storage if storage is None else storage,
        "notes": data.notes.strip(),
    }
    return category, values


async def _check_serial(collection: dict[str, Any], serial: str) -> None:
    """The same serial twice for one donor on one day is a double scan, not two machines."""
    if not serial:
        return
    clash = await Item.exists().where(
        Item.serial_number == serial,
        Item.collection.donor == collection["donor"],
        Item.collection.collected_on == collection["collected_on"],
    )
    if clash:
        raise Conflict(
            f"Le numéro de série {serial} est déjà enregistré pour ce donateur ce jour-là.",
            serial_number=serial,
        )


async def add_item(
    scope: Scope, collection_id: int, data: ItemData, circumstances: Circumstances
) -> dict[str, Any]:
    """Log one item (or one line of accessories) in an open collection, with its first event."""
    _checked(data)  # bad input is refused before anything is read
    client_uuid = check_client_uuid(data.client_uuid)
    async with write_transaction(Item):
        # The collection's row lock first: two copies of one line sent at once queue here, and
        # the second finds the first instead of tripping on the unique client_uuid.
        collection = await load_for_write(scope, Collection, collection_id, "Collecte")
        existing = await replayed(scope, Item, client_uuid, WHAT)
        if existing is not None:
            return await get_item(scope, existing)
        check_open(collection)
        item_id = await log_item(scope, collection, data, circumstances)
    return await get_item(scope, item_id)


async def log_item(
    scope: Scope,
    collection: dict[str, Any],
    data: ItemData,
    circumstances: Circumstances,
    reads: TagReads | None = None,
    pending: list[Event] | None = None,
) -> int:
    """The writing half of ``add_item``: checks, the item row and its first event; its new id.

    For a caller that logs many lines in one transaction (the phone sync): ``collection`` is the
    row ``load_open`` returned and locked in the caller's transaction, ``reads`` keeps what tag
    checks read for the whole batch, and ``pending``, when given, receives the creation event
    instead of it being written: the caller inserts the events of all its lines in one statement
    before its transaction ends. A replayed ``client_uuid`` is not looked up here: its unique
    column refuses the insert, and the caller answers the replay (as ``add_item`` does).
    """
    category, values = _checked(data)
    organisation_id = collection["organisation"]
    await _check_serial(collection, values["serial_number"])
    tag = None
    if data.tag:
        tag = await check_scanned_tag(organisation_id, data.tag, reads)
    elif category.is_labelled:
        tag = await allocate_tag(organisation_id, circumstances.at.year, reads)
    rows = await Item.insert(
        Item(
            organisation=organisation_id,
            collection=collection["id"],
            tag=tag,
            state=ItemState.COLLECTED.value,
            state_changed_at=circumstances.at,
            client_uuid=check_client_uuid(data.client_uuid),
            created_at=circumstances.at,
            created_by=scope.actor_id or None,
            **values,
        )
    ).returning(Item.id)
    item_id: int = rows[0]["id"]
    start = model.start(ITEM_MACHINE, at=circumstances.at, by=scope.actor_name)
    created = move_row(
        scope,
        organisation_id,
        item_id,
        start,
        circumstances,
        action="created",
        details={"collection": collection["id"], "tag": tag, "category": category.value},
    )
    if pending is None:
        await Event.insert(created)
    else:
        pending.append(created)
    return item_id


async def remove_item(
    scope: Scope, item_id: int, reason: str, circumstances: Circumstances
) -> None:
    """Take a wrongly logged line out of a collection not yet signed (see the module docstring)."""
    if not reason.strip():
        raise Invalid("Un motif est obligatoire pour retirer une ligne de la collecte.")
    async with write_transaction(Item):
        item = await load_for_write(scope, Item, item_id, WHAT)
        await load_open(scope, item["collection"])
        await Item.delete().where(Item.id == item_id)
        snapshot = {
            key: item[key]
            for key in ("tag", "category", "brand", "model", "serial_number", "quantity")
        }
        await record(
            scope,
            item["organisation"],
            "collection",
            item["collection"],
            "item_removed",
            circumstances,
            comment=reason.strip(),
            details={"item": item_id, **snapshot},
        )


_COLUMNS = (
    *Item.all_columns(),
    Item.collection._.donor._.id.as_alias("donor_id"),
    Item.collection._.donor._.name.as_alias("donor_name"),
    Item.collection.collected_on.as_alias("collected_on"),
)


def select_items(scope: Scope) -> Any:
    """Items the caller may read, with their donor and collection date (for lists and search)."""
    return Item.select(*_COLUMNS).where(scope.readable_where(Item.organisation))


async def get_item(scope: Scope, item_id: int) -> dict[str, Any]:
    row = await select_items(scope).where(Item.id == item_id).first()
    if row is None:
        raise NotFound(f"{WHAT} introuvable.")
    return row


async def get_item_by_tag(scope: Scope, text: str) -> dict[str, Any]:
    """The item wearing a tag typed or scanned (forgiving of case, spaces and dashes)."""
    tag = str(parse_tag(text))
    row = await select_items(scope).where(Item.tag == tag).first()
    if row is None:
        raise NotFound(f"Aucun objet ne porte l'étiquette {tag}.", tag=tag)
    return row


async def items_of_collection(scope: Scope, collection_id: int) -> list[dict[str, Any]]:
    """The lines of one collection, in the order they were logged."""
    return await select_items(scope).where(Item.collection == collection_id).order_by(Item.id)


async def items_by_ids(scope: Scope, item_ids: list[int]) -> list[dict[str, Any]]:
    """The readable items among ``item_ids``; an unreadable or unknown id is ``NotFound``."""
    rows = await select_items(scope).where(Item.id.is_in(item_ids or [-1])).order_by(Item.id)
    if len(rows) != len(set(item_ids)):
        raise NotFound("Un des objets demandés est introuvable.")
    return rows

"""Use cases on collections (collectes): what was really taken at one donor on one visit.

A collection is opened at the donor's (or at the depot, when a donor brings hardware in: no round
is needed), filled with items, and closed when the donor's contact signs on the phone. Closing
settles the pickup request it answered. Phones work offline and replay their requests, so an
opening carrying a ``client_uuid`` already seen returns the collection made the first time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from piccolo.query.functions.aggregate import Sum

from inventory.donor_rules import check_coordinates
from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.services import pickups
from inventory.services.common import (
    check_client_uuid,
    insert_recorded,
    load,
    load_for_write,
    replayed,
)
from inventory.states import CollectionStatus, PickupStatus
from inventory.tables import Collection, Donor, Item, PickupRequest

WHAT = "Collecte"
_SVG_PATH = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]+$")
_MAX_SIGNATURE = 100_000


@dataclass(frozen=True)
class CollectionData:
    """An opening: when, who, where the phone was, and which request it answers (if any)."""

    collected_on: date
    agent_names: str = ""
    agent_ids: list[int] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    gps_accuracy_m: float | None = None
    pickup_request_id: int | None = None
    client_uuid: str | None = None
    notes: str = ""


async def _check_pickup(scope: Scope, pickup_id: int, donor_id: int) -> None:
    pickup = await load(scope, PickupRequest, pickup_id, pickups.WHAT)
    if pickup["donor"] != donor_id:
        raise Invalid("Cette demande d'enlèvement concerne un autre donateur.")
    if PickupStatus(pickup["status"]) not in pickups.OPEN_STATUSES:
        raise Conflict(
            f"Cette demande d'enlèvement est « {PickupStatus(pickup['status']).label} ».",
            current=pickup["status"],
        )


async def open_collection(
    scope: Scope, donor_id: int, data: CollectionData, circumstances: Circumstances
) -> dict[str, Any]:
    """Start a collection at a donor; replaying the same ``client_uuid`` returns the first one."""
    client_uuid = check_client_uuid(data.client_uuid)
    check_coordinates(data.latitude, data.longitude)
    if data.gps_accuracy_m is not None and data.gps_accuracy_m < 0:
        raise Invalid("La précision GPS ne peut pas être négative.")
    if data.latitude is not None:
        circumstances = replace(circumstances, latitude=data.latitude, longitude=data.longitude)
    async with write_transaction(Collection):
        # The donor's row lock first: two copies of one opening sent at once queue here, and the
        # second finds the first instead of tripping on the unique client_uuid.
        donor = await load_for_write(scope, Donor, donor_id, "Donateur")
        existing = await replayed(scope, Collection, client_uuid, WHAT)
        if existing is not None:
            return await get_collection(scope, existing)
        if not donor["active"]:
            raise Conflict(f"Le donateur « {donor['name']} » est désactivé.")
        if data.pickup_request_id is not None:
            await _check_pickup(scope, data.pickup_request_id, donor_id)
        new = Collection(
            organisation=donor["organisation"],
            donor=donor_id,
            pickup_request=data.pickup_request_id,
            collected_on=data.collected_on,
            status=CollectionStatus.OPEN.value,
            agent_ids=data.agent_ids or ([scope.actor_id] if scope.actor_id else []),
            agent_names=data.agent_names.strip() or scope.actor_name,
            latitude=data.latitude,
            longitude=data.longitude,
            gps_accuracy_m=data.gps_accuracy_m,
            client_uuid=client_uuid,
            notes=data.notes.strip(),
            started_at=circumstances.at,
            created_at=circumstances.at,
            created_by=scope.actor_id or None,
        )
        collection_id = await insert_recorded(
            scope,
            new,
            "collection",
            circumstances,
            action="opened",
            to_state=CollectionStatus.OPEN.value,
        )
    return await get_collection(scope, collection_id)


def check_open(row: dict[str, Any]) -> None:
    """A collection takes or gives back lines only until the donor signed."""
    if row["status"] != CollectionStatus.OPEN:
        raise Conflict(
            "Cette collecte est terminée (signée par le donateur) : "
            "on ne peut plus y ajouter ni en retirer d'objet.",
            current=row["status"],
        )


async def load_open(scope: Scope, collection_id: int) -> dict[str, Any]:
    """A collection the caller may change and that still takes items, locked."""
    row = await load_for_write(scope, Collection, collection_id, WHAT)
    check_open(row)
    return row


async def close_collection(
    scope: Scope,
    collection_id: int,
    signatory_name: str,
    signature_svg: str,
    circumstances: Circumstances,
) -> dict[str, Any]:
    """The donor's contact signs for what was taken; the pickup request is then done.

    ``signature_svg`` is the path data (``d`` attribute) drawn with a finger on the phone.
    """
    name, signature = signatory_name.strip(), signature_svg.strip()
    if not name:
        raise Invalid("Le nom de la personne qui signe pour le donateur est obligatoire.")
    if not signature or len(signature) > _MAX_SIGNATURE or not _SVG_PATH.match(signature):
        raise Invalid("La signature est vide ou illisible : faites signer à nouveau.")
    async with write_transaction(Collection):
        row = await load_open(scope, collection_id)
        if not await Item.exists().where(Item.collection == collection_id):
            raise Conflict("Aucun objet dans cette collecte : ajoutez-en avant de faire signer.")
        await Collection.update(
            {
                Collection.status: CollectionStatus.CLOSED.value,
                Collection.signatory_name: name,
                Collection.signature_svg: signature,
                Collection.finished_at: circumstances.at,
            }
        ).where(Collection.id == collection_id)
        await record(
            scope,
            row["organisation"],
            "collection",
            collection_id,
            "closed",
            circumstances,
            from_state=CollectionStatus.OPEN.value,
            to_state=CollectionStatus.CLOSED.value,
            comment=f"Signé par {name}",
        )
        if row["pickup_request"] is not None:
            await pickups.set_status(scope, row["pickup_request"], PickupStatus.DONE, circumstances)
    return await get_collection(scope, collection_id)


_WITH_DONOR = (*Collection.all_columns(), Collection.donor.name.as_alias("donor_name"))


async def get_collection(scope: Scope, collection_id: int) -> dict[str, Any]:
    row = (
        await Collection.select(*_WITH_DONOR)
        .where(Collection.id == collection_id, scope.readable_where(Collection.organisation))
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound(f"{WHAT} introuvable.")
    return row


async def list_collections(
    scope: Scope,
    *,
    status: CollectionStatus | None = None,
    donor_id: int | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Collections the caller may read, most recent first, with their item count."""
    query = Collection.select(*_WITH_DONOR).where(scope.readable_where(Collection.organisation))
    if status is not None:
        query = query.where(Collection.status == status.value)
    if donor_id is not None:
        query = query.where(Collection.donor == donor_id)
    rows = await (
        query.order_by(Collection.collected_on, ascending=False)
        .order_by(Collection.id, ascending=False)
        .limit(limit)
        .output(load_json=True)
    )
    counts = await _item_counts([row["id"] for row in rows])
    for row in rows:
        row["item_count"] = counts.get(row["id"], 0)
    return rows


async def _item_counts(collection_ids: list[int]) -> dict[int, int]:
    if not collection_ids:
        return {}
    rows = (
        await Item.select(Item.collection, Sum(Item.quantity).as_alias("n"))
        .where(Item.collection.is_in(collection_ids))
        .group_by(Item.collection)
    )
    return {row["collection"]: int(row["n"] or 0) for row in rows}

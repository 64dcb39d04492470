"""API: collections (collectes) and the items logged in them."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Response

from inventory.services import collections, items, moves, tagging
from inventory.states import CollectionStatus
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.downloads import download
from logistics.http.schemas.collections import (
    CloseIn,
    CollectionIn,
    CollectionOut,
    ItemIn,
    ItemOut,
    StoredOut,
)
from logistics.mail.certificates import issue_certificate_and_notify


class CollectionController(Controller):
    path = "/api/v1/collections"
    tags = ["Collectes"]

    @get("/", guards=[allow("journey:read")])
    async def list_collections(
        self,
        org_scope: OrgScope,
        status: FromQuery[CollectionStatus | None] = None,
        donor_id: FromQuery[int | None] = None,
    ) -> list[CollectionOut]:
        rows = await collections.list_collections(org_scope, status=status, donor_id=donor_id)
        return [CollectionOut.from_row(row) for row in rows]

    @get("/{collection_id:int}", guards=[allow("journey:read")])
    async def get_collection(
        self, org_scope: OrgScope, collection_id: FromPath[int]
    ) -> CollectionOut:
        return CollectionOut.from_row(await collections.get_collection(org_scope, collection_id))

    @post("/", guards=[allow("collections:log")])
    async def open_collection(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[CollectionIn]
    ) -> CollectionOut:
        """Open a collection; the same ``client_uuid`` again returns the existing one."""
        row = await collections.open_collection(
            org_scope, data.donor_id, data.to_data(), circumstances
        )
        return CollectionOut.from_row(row)

    @post("/{collection_id:int}/close", guards=[allow("collections:log")], status_code=200)
    async def close_collection(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        collection_id: FromPath[int],
        data: JSONBody[CloseIn],
    ) -> CollectionOut:
        row = await collections.close_collection(
            org_scope, collection_id, data.signatory_name, data.signature_svg, circumstances
        )
        # The donor's certificate is issued and queued for e-mail as soon as they have signed.
        await issue_certificate_and_notify(org_scope, collection_id, circumstances)
        return CollectionOut.from_row(row)

    @get("/{collection_id:int}/items", guards=[allow("journey:read")])
    async def list_items(self, org_scope: OrgScope, collection_id: FromPath[int]) -> list[ItemOut]:
        await collections.get_collection(org_scope, collection_id)
        rows = await items.items_of_collection(org_scope, collection_id)
        return [ItemOut.from_row(row) for row in rows]

    @post("/{collection_id:int}/items", guards=[allow("collections:log")])
    async def add_item(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        collection_id: FromPath[int],
        data: JSONBody[ItemIn],
    ) -> ItemOut:
        """Log an item; the same ``client_uuid`` again returns the existing one."""
        row = await items.add_item(org_scope, collection_id, data.to_data(), circumstances)
        return ItemOut.from_row(row)

    @post("/{collection_id:int}/store", guards=[allow("collections:log")], status_code=200)
    async def store_all(
        self, org_scope: OrgScope, circumstances: Context, collection_id: FromPath[int]
    ) -> StoredOut:
        """The van is unloaded: every collected item of the collection is now stored."""
        stored = await moves.store_collection(org_scope, collection_id, circumstances)
        return StoredOut(stored=stored)

    @get(
        "/{collection_id:int}/labels", guards=[allow("journey:read")], media_type="application/pdf"
    )
    async def labels(
        self, org_scope: OrgScope, collection_id: FromPath[int], skip: FromQuery[int] = 0
    ) -> Response[bytes]:
        """The A4 label sheet of the collection's tagged items."""
        await collections.get_collection(org_scope, collection_id)
        rows = await items.items_of_collection(org_scope, collection_id)
        sheet = tagging.items_sheet(rows, skip=skip)
        return download(sheet, f"etiquettes-collecte-{collection_id}.pdf", inline=True)

"""API: one item, its moves and its chain of custody; labels; the search box."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Response

from inventory import labels
from inventory.services import items, moves, search, tagging
from inventory.states import ItemState
from inventory.tags import parse_tag
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.downloads import download
from logistics.http.schemas.collections import (
    BlankIn,
    EventOut,
    ItemHistoryOut,
    ItemOut,
    MoveIn,
    RemovalIn,
    SearchOut,
    SheetIn,
)


class ItemController(Controller):
    path = "/api/v1/items"
    tags = ["Objets collectés"]

    @get("/{item_id:int}", guards=[allow("journey:read")])
    async def get_item(self, org_scope: OrgScope, item_id: FromPath[int]) -> ItemOut:
        return ItemOut.from_row(await items.get_item(org_scope, item_id))

    @get("/by-tag/{tag:str}", guards=[allow("journey:read")])
    async def by_tag(self, org_scope: OrgScope, tag: FromPath[str]) -> ItemOut:
        """The item wearing a tag; case, spaces and missing dashes are forgiven."""
        return ItemOut.from_row(await items.get_item_by_tag(org_scope, tag))

    @get("/{item_id:int}/history", guards=[allow("journey:read")])
    async def history(self, org_scope: OrgScope, item_id: FromPath[int]) -> ItemHistoryOut:
        events = await moves.item_history(org_scope, item_id)
        return ItemHistoryOut(
            item=ItemOut.from_row(await items.get_item(org_scope, item_id)),
            events=[EventOut.from_row(event) for event in events],
        )

    @post("/{item_id:int}/moves", guards=[allow("collections:log")], status_code=200)
    async def move(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        item_id: FromPath[int],
        data: JSONBody[MoveIn],
    ) -> ItemOut:
        """Store an item, or (managers) recycle or discard it with a reason."""
        target = ItemState(data.to)
        row = await moves.move_item(org_scope, item_id, target, circumstances, data.reason)
        return ItemOut.from_row(row)

    @post("/{item_id:int}/removal", guards=[allow("collections:log")], status_code=204)
    async def remove(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        item_id: FromPath[int],
        data: JSONBody[RemovalIn],
    ) -> None:
        """Take a wrongly logged line out of a collection not yet signed (kept in its history)."""
        await items.remove_item(org_scope, item_id, data.reason, circumstances)


class LabelController(Controller):
    path = "/api/v1/labels"
    tags = ["Étiquettes"]

    @post("/sheet", guards=[allow("journey:read")], status_code=200, media_type="application/pdf")
    async def sheet(self, org_scope: OrgScope, data: JSONBody[SheetIn]) -> Response[bytes]:
        """The A4 label sheet (Avery L7160) of a list of logged items."""
        rows = await items.items_by_ids(org_scope, data.item_ids)
        return download(tagging.items_sheet(rows, skip=data.skip), "etiquettes.pdf", inline=True)

    @post("/blank", guards=[allow("labels:blank")], status_code=201, media_type="application/pdf")
    async def blank(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[BlankIn]
    ) -> Response[bytes]:
        """Take N numbers for blank pre-numbered labels and print them."""
        tags, pdf = await tagging.print_blank_block(
            org_scope, data.count, circumstances, skip=data.skip
        )
        response = download(pdf, f"etiquettes-{tags[0]}.pdf", inline=True)
        response.status_code = 201
        response.headers["X-Premiere-Etiquette"] = str(tags[0])
        response.headers["X-Derniere-Etiquette"] = str(tags[-1])
        return response

    @get("/{tag:str}/svg", guards=[allow("journey:read")], media_type="image/svg+xml")
    async def svg(self, tag: FromPath[str]) -> Response[str]:
        return Response(labels.code128_svg(str(parse_tag(tag))), media_type="image/svg+xml")

    @get("/{tag:str}/png", guards=[allow("journey:read")], media_type="image/png")
    async def png(self, tag: FromPath[str]) -> Response[bytes]:
        return Response(labels.code128_png(str(parse_tag(tag))), media_type="image/png")


class SearchController(Controller):
    path = "/api/v1/search"
    tags = ["Recherche"]

    @get("/", guards=[allow("journey:read")])
    async def search(self, org_scope: OrgScope, q: FromQuery[str] = "") -> SearchOut:
        """Items by tag (forgiving) or serial, donors by name."""
        found = await search.search(org_scope, q)
        return SearchOut(
            query=found.query,
            items=[ItemOut.from_row(row) for row in found.items],
            donors=[{"id": d["id"], "name": d["name"], "city": d["city"]} for d in found.donors],
            tag_error=found.tag_error,
        )

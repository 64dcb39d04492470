"""Pages for one item and its chain of custody, the search box and blank label blocks.

An item's page is reached from its tag (``/objets/RP-26-000123-G``, typed in any case, with or
without dashes) or, for a quantity line without a tag, from its number (``/objets/42``).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from inventory import labels
from inventory.errors import DomainError
from inventory.model import ITEM_MACHINE
from inventory.scope import Scope
from inventory.services import items, moves, search, tagging
from inventory.states import ItemState
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import download
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.pages.journey import ENUMS, page
from logistics.http.schemas.collections import BlankIn, MoveIn, RemovalIn


async def _find(org_scope: Scope, ref: str) -> dict[str, Any]:
    if ref.isdigit():
        return await items.get_item(org_scope, int(ref))
    return await items.get_item_by_tag(org_scope, ref)


_THROUGH_LOTS = frozenset({ItemState.IN_LOT, ItemState.HANDED_TO_TRIRA})
"""Moves made by filling and handing over a lot, not offered on the item's page."""


def item_url(item: dict[str, Any]) -> str:
    return f"/objets/{item['tag'] or item['id']}"


class ItemPages(Controller):
    path = "/objets"
    include_in_schema = False

    @get("/{ref:str}", guards=[allow("journey:read")])
    async def show(self, current_user: Me, org_scope: OrgScope, ref: FromPath[str]) -> Template:
        """The item and its whole history: each step, who, when, where, through which app."""
        item = await _find(org_scope, ref)
        state = ItemState(item["state"])
        disposer = org_scope.may("items:dispose")
        targets = sorted(
            (t for t in ITEM_MACHINE.targets(state) if t is ItemState.STORED or disposer),
            key=lambda t: t.value,
        )
        return page(
            "items/detail.html",
            user=current_user,
            item=item,
            events=await moves.item_history(org_scope, item["id"]),
            targets=[t for t in targets if t not in _THROUGH_LOTS],
            barcode=labels.code128_svg(item["tag"]) if item["tag"] else "",
            url=item_url(item),
        )

    @post("/{item_id:int}/mouvement", guards=[allow("collections:log")])
    async def move(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        item_id: FromPath[int],
        data: FormData,
    ) -> Redirect:
        move = read_form(data, MoveIn)
        target = ItemState(move.to)
        row = await moves.move_item(org_scope, item_id, target, circumstances, move.reason)
        return saved(item_url(row), "etat-objet")

    @post("/{item_id:int}/retrait", guards=[allow("collections:log")])
    async def remove(
        self, org_scope: OrgScope, circumstances: Context, item_id: FromPath[int], data: FormData
    ) -> Redirect:
        item = await items.get_item(org_scope, item_id)
        reason = read_form(data, RemovalIn).reason
        await items.remove_item(org_scope, item_id, reason, circumstances)
        return saved(f"/collectes/{item['collection']}", "retrait")


class SearchPage(Controller):
    path = "/recherche"
    include_in_schema = False

    @get("/", guards=[allow("journey:read")])
    async def search(
        self, current_user: Me, org_scope: OrgScope, q: FromQuery[str] = ""
    ) -> Template | Redirect:
        """One answer goes straight to the item's page; otherwise the list of matches (an HTML
        page: the annotation decides the media type, and ``Any`` would serve it as JSON)."""
        found = await search.search(org_scope, q)
        if len(found.items) == 1 and not found.donors:
            return Redirect(item_url(found.items[0]))
        return page("items/search.html", user=current_user, found=found)


class LabelPages(Controller):
    path = "/etiquettes"
    include_in_schema = False

    @get("/", guards=[allow("labels:blank")])
    async def blank_form(self, current_user: Me) -> Template:
        return page("items/blank_labels.html", user=current_user, values={"count": "21"})

    @post("/", guards=[allow("labels:blank")])
    async def print_blank(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Response[bytes]:
        try:
            block = read_form(data, BlankIn)
            tags, pdf = await tagging.print_blank_block(
                org_scope, block.count, circumstances, skip=block.skip
            )
        except DomainError as error:
            context = {**ENUMS, "user": current_user, "values": data}
            return form_with_error("items/blank_labels.html", context, error)
        return download(pdf, f"etiquettes-{tags[0]}-{tags[-1]}.pdf", inline=True)

    @get("/{tag:str}/png", guards=[allow("journey:read")])
    async def png(self, org_scope: OrgScope, tag: FromPath[str]) -> Response[bytes]:
        """The barcode of an item's tag as a PNG, to save or send to a label printer."""
        item = await items.get_item_by_tag(org_scope, tag)
        return Response(labels.code128_png(item["tag"]), media_type="image/png")

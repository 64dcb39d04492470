"""Pages for collections (collectes): list, open, detail with its items, labels, storing, signing.

The big category buttons of the phone are the field page's job; here a plain form logs an item.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from inventory.categories import Category
from inventory.errors import DomainError
from inventory.services import collections, donors, items, moves, pickups, tagging
from inventory.services.pickups import OPEN_STATUSES
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import download
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.pages.journey import ENUMS, page
from logistics.http.schemas.collections import CloseIn, CollectionIn, ItemIn
from logistics.mail.certificates import issue_certificate_and_notify

NEW = "collections/new.html"
DETAIL = "collections/detail.html"


class CollectionPages(Controller):
    path = "/collectes"
    include_in_schema = False

    async def _detail_context(
        self,
        user: Any,
        org_scope: OrgScope,
        collection_id: int,
        values: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return {
            **ENUMS,
            "user": user,
            "collection": await collections.get_collection(org_scope, collection_id),
            "items": await items.items_of_collection(org_scope, collection_id),
            "categories": list(Category),
            "values": values or {},
        }

    @get("/", guards=[allow("journey:read")])
    async def list_collections(self, current_user: Me, org_scope: OrgScope) -> Template:
        rows = await collections.list_collections(org_scope)
        return page("collections/list.html", user=current_user, collections=rows)

    @get("/nouvelle", guards=[allow("collections:log")])
    async def new_collection(
        self, current_user: Me, org_scope: OrgScope, donateur: FromQuery[int | None] = None
    ) -> Template:
        values = {"donor_id": str(donateur or ""), "collected_on": clock.today().isoformat()}
        return page(NEW, **await self._new_context(current_user, org_scope, values))

    async def _new_context(
        self, user: Any, org_scope: OrgScope, values: dict[str, Any]
    ) -> dict[str, Any]:
        open_pickups = await pickups.list_pickups(org_scope, statuses=OPEN_STATUSES)
        return {
            "user": user,
            "values": values,
            "donors": await donors.list_donors(org_scope),
            "pickups": open_pickups,
        }

    @post("/", guards=[allow("collections:log")])
    async def open_collection(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            today = {"collected_on": clock.today()}
            opening = read_form(data, CollectionIn, defaults=today)
            row = await collections.open_collection(
                org_scope, opening.donor_id, opening.to_data(), circumstances
            )
        except DomainError as error:
            context = await self._new_context(current_user, org_scope, data)
            return form_with_error(NEW, context, error)
        return saved(f"/collectes/{row['id']}", "collecte")

    @get("/{collection_id:int}", guards=[allow("journey:read")])
    async def show(
        self,
        current_user: Me,
        org_scope: OrgScope,
        collection_id: FromPath[int],
    ) -> Template:
        context = await self._detail_context(current_user, org_scope, collection_id)
        return page(DETAIL, **context)

    @post("/{collection_id:int}/objets", guards=[allow("collections:log")])
    async def add_item(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        collection_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            item = read_form(data, ItemIn).to_data()
            await items.add_item(org_scope, collection_id, item, circumstances)
        except DomainError as error:
            context = await self._detail_context(current_user, org_scope, collection_id, data)
            return form_with_error(DETAIL, context, error)
        return saved(f"/collectes/{collection_id}", "objet")

    @post("/{collection_id:int}/stockage", guards=[allow("collections:log")])
    async def store_all(
        self, org_scope: OrgScope, circumstances: Context, collection_id: FromPath[int]
    ) -> Redirect:
        await moves.store_collection(org_scope, collection_id, circumstances)
        return saved(f"/collectes/{collection_id}", "stock")

    @post("/{collection_id:int}/signature", guards=[allow("collections:log")])
    async def close(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        collection_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            signed = read_form(data, CloseIn)
            await collections.close_collection(
                org_scope, collection_id, signed.signatory_name, signed.signature_svg, circumstances
            )
        except DomainError as error:
            context = await self._detail_context(current_user, org_scope, collection_id)
            return form_with_error(DETAIL, context, error)
        # The donor's certificate is issued and queued for e-mail as soon as they have signed.
        await issue_certificate_and_notify(org_scope, collection_id, circumstances)
        return saved(f"/collectes/{collection_id}", "signee")

    @get("/{collection_id:int}/etiquettes", guards=[allow("journey:read")])
    async def labels(self, org_scope: OrgScope, collection_id: FromPath[int]) -> Response[bytes]:
        """The A4 label sheet of the collection's tagged items, opened in the browser."""
        await collections.get_collection(org_scope, collection_id)
        rows = await items.items_of_collection(org_scope, collection_id)
        sheet = tagging.items_sheet(rows)
        return download(sheet, f"etiquettes-collecte-{collection_id}.pdf", inline=True)

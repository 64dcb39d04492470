"""Pages of the TRIRA lots: list and creation, detail with items, hand-over and receipt forms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.errors import DomainError
from inventory.scope import Scope
from inventory.services import agreements, lot_items, lots
from inventory.states import DeviceState, ItemState, LotStatus
from inventory.tags import split_tags
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.lots import HandOverIn, LotIn, LotItemsIn, ReceiptIn, TooOldIn


def labelled(row: dict[str, Any], states: type[ItemState | DeviceState]) -> dict[str, Any]:
    """An item or device row with the French names of its category and state."""
    return {
        **row,
        "category_label": Category(row["category"]).label,
        "state_label": states(row["state"]).label,
    }


async def lot_page(user: CurrentUser, scope: Scope, lot_id: int) -> dict[str, Any]:
    """Everything the lot page shows, reused when a form on it is refused."""
    lot = await lots.load_lot(scope, lot_id)
    status = LotStatus(lot["status"])
    fillable = status is LotStatus.DRAFT and scope.may("lots:manage")
    stock = await lot_items.joinable_items(scope, lot_id) if fillable else []
    return {
        "user": user,
        "lot": lot,
        "status": status,
        "items": [labelled(row, ItemState) for row in await lots.lot_items(scope, lot_id)],
        "stock": [labelled(row, ItemState) for row in stock],
        "values": {},
    }


class LotPages(Controller):
    path = "/lots"
    include_in_schema = False

    @get("/", guards=[allow("lots:read")])
    async def list_lots(self, current_user: Me, org_scope: OrgScope) -> Template:
        rows = await lots.list_lots(org_scope)
        return Template(
            "lots/list.html",
            context={
                "user": current_user,
                "lots": rows,
                "statuses": {row["id"]: LotStatus(row["status"]).label for row in rows},
                "agreements": await agreements.list_agreements(org_scope),
            },
        )

    @post("/", guards=[allow("lots:manage")])
    async def create_lot(
        self, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Redirect:
        wanted = read_form(data, LotIn)
        lot = await lots.create_lot(org_scope, wanted.agreement_id, circumstances, wanted.notes)
        return saved(f"/lots/{lot['id']}", "lot")

    @get("/{lot_id:int}", guards=[allow("lots:read")])
    async def show_lot(
        self, current_user: Me, org_scope: OrgScope, lot_id: FromPath[int]
    ) -> Template:
        return Template("lots/detail.html", context=await lot_page(current_user, org_scope, lot_id))

    async def _act(
        self,
        user: CurrentUser,
        scope: Scope,
        lot_id: int,
        data: dict[str, Any],
        action: Callable[[], Awaitable[object]],
    ) -> Template | Redirect:
        """Run one form's use case (reading the form included); on refusal show the lot page
        again with the messages and what was typed."""
        try:
            await action()
        except DomainError as error:
            context = {**await lot_page(user, scope, lot_id), "values": data}
            return form_with_error("lots/detail.html", context, error)
        return saved(f"/lots/{lot_id}", "lot")

    @post("/{lot_id:int}/objets", guards=[allow("lots:manage")])
    async def add_items(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def add() -> None:
            # The textarea holds tags scanned or typed, as the phone reads them; the stock list
            # sends a box per ticked item.
            typed = split_tags(str(data.get("tags", "")))
            wanted = read_form({**data, "tags": typed}, LotItemsIn)
            await lot_items.add_items(
                org_scope, lot_id, circumstances, wanted.item_ids, wanted.tags
            )

        return await self._act(current_user, org_scope, lot_id, data, add)

    @post("/{lot_id:int}/objets/{item_id:int}/retrait", guards=[allow("lots:manage")])
    async def remove_item(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        item_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def remove() -> None:
            await lot_items.remove_item(org_scope, lot_id, item_id, circumstances)

        return await self._act(current_user, org_scope, lot_id, data, remove)

    @post("/{lot_id:int}/trop-ancien", guards=[allow("lots:manage")])
    async def mark_too_old(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def mark() -> None:
            too_old = read_form(data, TooOldIn).too_old
            await lots.mark_too_old(org_scope, lot_id, too_old, circumstances)

        return await self._act(current_user, org_scope, lot_id, data, mark)

    @post("/{lot_id:int}/remise", guards=[allow("lots:manage")])
    async def hand_over(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def sign() -> None:
            wanted = read_form(data, HandOverIn)
            on = wanted.handed_over_on or circumstances.at.date()
            await lots.hand_over(org_scope, lot_id, wanted.slip_number, on, circumstances)

        return await self._act(current_user, org_scope, lot_id, data, sign)

    @post("/{lot_id:int}/reception", guards=[allow("lots:receive")])
    async def confirm_receipt(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        async def confirm() -> None:
            receipt = read_form(data, ReceiptIn)
            await lots.confirm_receipt(
                org_scope, lot_id, receipt.measured_weight_kg, circumstances, receipt.comment
            )

        return await self._act(current_user, org_scope, lot_id, data, confirm)

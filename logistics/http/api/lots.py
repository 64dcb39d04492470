"""API: TRIRA agreements, lots (filling, hand-over, receipt) and the return-quota ledger."""

from __future__ import annotations

from datetime import date

from litestar import Controller, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from inventory.ledger import Period
from inventory.services import agreements, lot_items, lots
from inventory.services.ledger import ledger
from inventory.states import LotStatus
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas import from_row
from logistics.http.schemas.lots import (
    AgreementIn,
    AgreementOut,
    HandOverIn,
    LedgerOut,
    LotIn,
    LotItemOut,
    LotItemsIn,
    LotOut,
    ReceiptIn,
    TooOldIn,
)


class AgreementController(Controller):
    path = "/api/v1/agreements"
    tags = ["Conventions TRIRA"]

    @get("/", guards=[allow("agreements:read")])
    async def list_agreements(self, org_scope: OrgScope) -> list[AgreementOut]:
        return [from_row(AgreementOut, row) for row in await agreements.list_agreements(org_scope)]

    @get("/{agreement_id:int}", guards=[allow("agreements:read")])
    async def get_agreement(self, org_scope: OrgScope, agreement_id: FromPath[int]) -> AgreementOut:
        return from_row(AgreementOut, await agreements.get_agreement(org_scope, agreement_id))

    @post("/", guards=[allow("agreements:manage")])
    async def create_agreement(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[AgreementIn]
    ) -> AgreementOut:
        created = await agreements.create_agreement(org_scope, data.to_data(), circumstances)
        return from_row(AgreementOut, created)


async def _lot_out(org_scope: OrgScope, lot_id: int) -> LotOut:
    lot = await lots.load_lot(org_scope, lot_id)
    items = [from_row(LotItemOut, row) for row in await lots.lot_items(org_scope, lot_id)]
    return from_row(LotOut, lot, items=items)


class LotController(Controller):
    path = "/api/v1/lots"
    tags = ["Lots TRIRA"]

    @get("/", guards=[allow("lots:read")])
    async def list_lots(
        self, org_scope: OrgScope, status: FromQuery[LotStatus | None] = None
    ) -> list[LotOut]:
        return [from_row(LotOut, row) for row in await lots.list_lots(org_scope, status)]

    @get("/{lot_id:int}", guards=[allow("lots:read")])
    async def get_lot(self, org_scope: OrgScope, lot_id: FromPath[int]) -> LotOut:
        return await _lot_out(org_scope, lot_id)

    @post("/", guards=[allow("lots:manage")])
    async def create_lot(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[LotIn]
    ) -> LotOut:
        lot = await lots.create_lot(org_scope, data.agreement_id, circumstances, data.notes)
        return await _lot_out(org_scope, lot["id"])

    @post("/{lot_id:int}/items", guards=[allow("lots:manage")])
    async def add_items(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: JSONBody[LotItemsIn],
    ) -> LotOut:
        """All or nothing: one item that cannot join refuses the request (409 naming it)."""
        await lot_items.add_items(org_scope, lot_id, circumstances, data.item_ids, data.tags)
        return await _lot_out(org_scope, lot_id)

    @delete("/{lot_id:int}/items/{item_id:int}", guards=[allow("lots:manage")], status_code=200)
    async def remove_item(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        item_id: FromPath[int],
    ) -> LotOut:
        await lot_items.remove_item(org_scope, lot_id, item_id, circumstances)
        return await _lot_out(org_scope, lot_id)

    @post("/{lot_id:int}/too-old", guards=[allow("lots:manage")])
    async def mark_too_old(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: JSONBody[TooOldIn],
    ) -> LotOut:
        await lots.mark_too_old(org_scope, lot_id, data.too_old, circumstances)
        return await _lot_out(org_scope, lot_id)

    @post("/{lot_id:int}/handover", guards=[allow("lots:manage")])
    async def hand_over(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: JSONBody[HandOverIn],
    ) -> LotOut:
        on = data.handed_over_on or circumstances.at.date()
        await lots.hand_over(org_scope, lot_id, data.slip_number, on, circumstances)
        return await _lot_out(org_scope, lot_id)

    @post("/{lot_id:int}/receipt", guards=[allow("lots:receive")])
    async def confirm_receipt(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        lot_id: FromPath[int],
        data: JSONBody[ReceiptIn],
    ) -> LotOut:
        await lots.confirm_receipt(
            org_scope, lot_id, data.measured_weight_kg, circumstances, data.comment
        )
        return await _lot_out(org_scope, lot_id)


class LedgerController(Controller):
    path = "/api/v1/ledger"
    tags = ["Conventions TRIRA"]
    guards = [allow("agreements:read")]

    @get("/{agreement_id:int}")
    async def statement(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        agreement_id: FromPath[int],
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
    ) -> LedgerOut:
        """What the reconditioner owes; the current calendar year unless both dates are given."""
        period = Period(start, end) if start and end else None
        result = await ledger(org_scope, agreement_id, period, circumstances.at.date())
        return LedgerOut.of(result.agreement, result.statement)

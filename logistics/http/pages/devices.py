"""Pages of the devices to give: list, a returned or purchased device, moves; the depot stock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.errors import DomainError
from inventory.model import DEVICE_MACHINE
from inventory.scope import Scope
from inventory.services import agreements, devices
from inventory.services.devices import DeviceRecord
from inventory.services.stock import depot_stock
from inventory.states import DeviceOrigin, DeviceState
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.lots import DeviceIn, MoveIn


def _device(data: dict[str, Any], origin: DeviceOrigin, circumstances: Context) -> DeviceIn:
    """The form as the API's device, received today unless the date says otherwise."""
    given = {"origin": origin.value}
    return read_form(data, DeviceIn, given=given, defaults={"received_on": circumstances.at.date()})


class DevicePages(Controller):
    path = "/appareils"
    include_in_schema = False

    @get("/", guards=[allow("devices:read")])
    async def list_devices(self, current_user: Me, org_scope: OrgScope) -> Template:
        rows = await devices.list_devices(org_scope)
        return Template("devices/list.html", context={"user": current_user, "devices": rows})

    async def _form(
        self, user: CurrentUser, scope: Scope, origin: DeviceOrigin, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "user": user,
            "origin": origin,
            "categories": list(Category),
            "agreements": await agreements.list_agreements(scope),
            "values": values,
        }

    @get("/retour", guards=[allow("devices:return")])
    async def new_returned(self, current_user: Me, org_scope: OrgScope) -> Template:
        context = await self._form(current_user, org_scope, DeviceOrigin.RETURNED_BY_TRIRA, {})
        return Template("devices/new.html", context=context)

    @get("/achat", guards=[allow("devices:manage")])
    async def new_purchased(self, current_user: Me, org_scope: OrgScope) -> Template:
        context = await self._form(current_user, org_scope, DeviceOrigin.PURCHASED, {})
        return Template("devices/new.html", context=context)

    async def _record(
        self,
        user: CurrentUser,
        scope: Scope,
        origin: DeviceOrigin,
        data: dict[str, Any],
        work: Callable[[], Awaitable[DeviceRecord]],
    ) -> Template | Redirect:
        try:
            device = await work()
        except DomainError as error:
            context = await self._form(user, scope, origin, data)
            return form_with_error("devices/new.html", context, error)
        return saved(f"/appareils/{device.id}", "appareil")

    @post("/retour", guards=[allow("devices:return")])
    async def record_returned(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        origin = DeviceOrigin.RETURNED_BY_TRIRA

        async def work() -> DeviceRecord:
            device = _device(data, origin, circumstances)
            # No agreement chosen reads as one that exists nowhere: not found.
            agreement_id = device.agreement_id or 0
            specs = device.to_specs()
            return await devices.record_returned(org_scope, agreement_id, specs, circumstances)

        return await self._record(current_user, org_scope, origin, data, work)

    @post("/achat", guards=[allow("devices:manage")])
    async def record_purchased(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        origin = DeviceOrigin.PURCHASED

        async def work() -> DeviceRecord:
            specs = _device(data, origin, circumstances).to_specs()
            return await devices.record_purchased(
                org_scope, current_user.organisation_id, specs, circumstances
            )

        return await self._record(current_user, org_scope, origin, data, work)

    async def _detail(self, user: CurrentUser, scope: Scope, device_id: int) -> dict[str, Any]:
        device = await devices.get_device(scope, device_id)
        return {
            "user": user,
            "device": device,
            "origin": device.origin,
            # A device held by the installing association moves through its attribution.
            "targets": []
            if device.holder
            else sorted(DEVICE_MACHINE.targets(device.state), key=list(DeviceState).index),
            "needs_reason": DEVICE_MACHINE.needs_reason,
        }

    @get("/{device_id:int}", guards=[allow("devices:read")])
    async def show(
        self, current_user: Me, org_scope: OrgScope, device_id: FromPath[int]
    ) -> Template:
        context = await self._detail(current_user, org_scope, device_id)
        return Template("devices/detail.html", context=context)

    @post("/{device_id:int}/etat", guards=[allow("devices:manage")])
    async def move(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        device_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            move = read_form(data, MoveIn)
            await devices.move_device(
                org_scope, device_id, move.to_state, circumstances, move.reason or None
            )
        except DomainError as error:
            context = await self._detail(current_user, org_scope, device_id)
            return form_with_error("devices/detail.html", context, error)
        return saved(f"/appareils/{device_id}", "etat-appareil")


class StockPage(Controller):
    include_in_schema = False

    @get("/stock", guards=[allow("stock:read")])
    async def stock(self, current_user: Me, org_scope: OrgScope) -> Template:
        return Template(
            "stock/depot.html",
            context={"user": current_user, "stock": await depot_stock(org_scope)},
        )

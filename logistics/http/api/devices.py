"""API: devices to give (returned by TRIRA or purchased), their moves, and the depot stock."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from inventory.errors import Invalid
from inventory.scope import Scope
from inventory.services import devices
from inventory.services.devices import DeviceRecord
from inventory.services.stock import depot_stock
from inventory.states import AVAILABLE_TO_GIVE, DeviceOrigin
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas import from_row
from logistics.http.schemas.lots import DeviceIn, DeviceOut, MoveIn, StockOut


async def record_device(scope: Scope, data: DeviceIn, circumstances: Context) -> DeviceRecord:
    """Route a new device to the right use case (which decides who may record a purchase)."""
    if data.origin == DeviceOrigin.RETURNED_BY_TRIRA.value:
        if data.agreement_id is None:
            raise Invalid("Indiquez la convention au titre de laquelle l'appareil est rendu.")
        return await devices.record_returned(
            scope, data.agreement_id, data.to_specs(), circumstances
        )
    organisation = data.organisation_id or scope.organisation_id
    return await devices.record_purchased(scope, organisation, data.to_specs(), circumstances)


class DeviceController(Controller):
    path = "/api/v1/devices"
    tags = ["Appareils à donner"]

    @get("/", guards=[allow("devices:read")])
    async def list_devices(
        self, org_scope: OrgScope, available: FromQuery[bool] = False
    ) -> list[DeviceOut]:
        """``available=true`` keeps the devices ready to give (all an installer may see)."""
        only = AVAILABLE_TO_GIVE if available else None
        return [from_row(DeviceOut, row) for row in await devices.list_devices(org_scope, only)]

    @get("/{device_id:int}", guards=[allow("devices:read")])
    async def get_device(self, org_scope: OrgScope, device_id: FromPath[int]) -> DeviceOut:
        return from_row(DeviceOut, await devices.get_device(org_scope, device_id))

    @post("/", guards=[allow("devices:return")])
    async def create_device(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[DeviceIn]
    ) -> DeviceOut:
        row = await record_device(org_scope, data, circumstances)
        return from_row(DeviceOut, row)

    @post("/{device_id:int}/moves", guards=[allow("devices:manage")])
    async def move(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        device_id: FromPath[int],
        data: JSONBody[MoveIn],
    ) -> DeviceOut:
        row = await devices.move_device(
            org_scope, device_id, data.to_state, circumstances, data.reason or None
        )
        return from_row(DeviceOut, row)


class StockController(Controller):
    path = "/api/v1/stock"
    tags = ["Stock du dépôt"]
    guards = [allow("stock:read")]

    @get("/")
    async def stock(self, org_scope: OrgScope) -> StockOut:
        return StockOut.of(await depot_stock(org_scope))

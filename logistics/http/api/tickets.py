"""API: after-sales tickets (dépannages): open, note what was done, close, take a device back."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.schemas.tickets import DeviceReturnIn, TicketIn, TicketOut, TicketPatch
from logistics.trainees.access_log import record_access
from logistics.visits import tickets
from logistics.visits.tickets import TicketStatus


class TicketController(Controller):
    path = "/api/v1/tickets"
    tags = ["Dépannages"]

    @get("/", guards=[allow("residents:read")])
    async def list_tickets(
        self,
        org_scope: OrgScope,
        status: FromQuery[TicketStatus | None] = None,
        trainee_id: FromQuery[int | None] = None,
        device_id: FromQuery[int | None] = None,
    ) -> list[TicketOut]:
        """Newest first; ``status`` (open, closed), ``trainee_id`` and ``device_id`` filter."""
        rows = await tickets.list_tickets(
            org_scope, status=status, trainee_id=trainee_id, device_id=device_id
        )
        return [TicketOut.of(row) for row in rows]

    @get("/{ticket_id:int}", guards=[allow("residents:read")])
    async def get_ticket(self, org_scope: OrgScope, ticket_id: FromPath[int]) -> TicketOut:
        """One ticket; reading it is logged as a view of the trainee's personal data."""
        row = await tickets.get_ticket(org_scope, ticket_id)
        if row["trainee"] is not None:
            await record_access(org_scope, row["trainee"])
        return TicketOut.of(row)

    @post("/", guards=[allow("residents:manage")])
    async def open_ticket(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[TicketIn]
    ) -> TicketOut:
        return TicketOut.of(await tickets.open_ticket(org_scope, data.to_new(), circumstances))

    @patch("/{ticket_id:int}", guards=[allow("residents:manage")])
    async def change(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        ticket_id: FromPath[int],
        data: JSONBody[TicketPatch],
    ) -> TicketOut:
        """Note what was done, and close with ``close: true`` (409 once closed)."""
        row = await tickets.update_ticket(org_scope, ticket_id, data.to_change(), circumstances)
        return TicketOut.of(row)

    @post("/{ticket_id:int}/device-return", guards=[allow("residents:manage")])
    async def device_return(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        ticket_id: FromPath[int],
        data: JSONBody[DeviceReturnIn],
    ) -> TicketOut:
        """The device comes back (``returned`` or ``broken``) and goes to the ``stock`` or to
        ``recycling``, with its events; sent again, nothing moves twice."""
        row = await tickets.device_return(
            org_scope, ticket_id, data.outcome, data.destination, circumstances, data.reason
        )
        return TicketOut.of(row)

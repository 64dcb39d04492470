"""Pages of after-sales help (dépannages): the list (open or closed), a new ticket, a ticket
with its actions: note what was done, close it, take the device back."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError
from inventory.scope import Scope
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.tickets import DeviceReturnIn, TicketIn, TicketPatch
from logistics.trainees.access_log import record_access
from logistics.visits import booking, tickets
from logistics.visits.tables import TicketMode
from logistics.visits.tickets import Destination, DeviceOutcome, TicketStatus

FORM = "tickets/form.html"
DETAIL = "tickets/detail.html"
FILTERS = {"ouverts": TicketStatus.OPEN, "clos": TicketStatus.CLOSED, "tous": None}
"""The list's ``?etat=`` words and the tickets they show."""
ENUMS = {
    "TicketMode": TicketMode,
    "DeviceOutcome": DeviceOutcome,
    "Destination": Destination,
}


class TicketPages(Controller):
    path = "/depannages"
    include_in_schema = False

    @get("/", guards=[allow("residents:read")])
    async def list_tickets(
        self, current_user: Me, org_scope: OrgScope, etat: FromQuery[str] = "ouverts"
    ) -> Template:
        """Open tickets first thing; ``?etat=clos`` or ``tous`` for the others."""
        chosen = etat if etat in FILTERS else "ouverts"
        rows = await tickets.list_tickets(org_scope, status=FILTERS[chosen])
        context = {"user": current_user, "tickets": rows, "chosen": chosen}
        return Template("tickets/list.html", context=context)

    async def _form_context(
        self, user: CurrentUser, scope: Scope, values: dict[str, Any]
    ) -> dict[str, Any]:
        trainee = str(values.get("trainee_id") or "")
        return {
            **ENUMS,
            "user": user,
            "values": values,
            "trainees": await booking.trainees(scope),
            "devices": await tickets.devices_of(scope, int(trainee)) if trainee.isdigit() else [],
        }

    @get("/nouveau", guards=[allow("residents:manage")])
    async def new_ticket(
        self, current_user: Me, org_scope: OrgScope, beneficiaire: FromQuery[int | None] = None
    ) -> Template:
        values = {"trainee_id": str(beneficiaire or ""), "mode": TicketMode.DROP_IN.value}
        context = await self._form_context(current_user, org_scope, values)
        return Template(FORM, context=context)

    @post("/", guards=[allow("residents:manage")])
    async def open_ticket(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            new = read_form(data, TicketIn).to_new()
            ticket = await tickets.open_ticket(org_scope, new, circumstances)
        except DomainError as error:
            context = await self._form_context(current_user, org_scope, data)
            return form_with_error(FORM, context, error)
        return saved(f"/depannages/{ticket['id']}", "depannage")

    async def _detail(
        self, user: CurrentUser, scope: Scope, ticket_id: int, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        ticket = await tickets.get_ticket(scope, ticket_id)
        return {
            **ENUMS,
            "user": user,
            "ticket": ticket,
            "history": await tickets.ticket_history(scope, ticket_id),
            "values": values or {"work_done": ticket["work_done"]},
        }

    @get("/{ticket_id:int}", guards=[allow("residents:read")])
    async def show_ticket(
        self, current_user: Me, org_scope: OrgScope, ticket_id: FromPath[int]
    ) -> Template:
        context = await self._detail(current_user, org_scope, ticket_id)
        if context["ticket"]["trainee"] is not None:
            await record_access(org_scope, context["ticket"]["trainee"])
        return Template(DETAIL, context=context)

    @post("/{ticket_id:int}", guards=[allow("residents:manage")])
    async def note_work(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        ticket_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """What was done, and "Enregistrer et clore" to close the ticket."""
        try:
            change = read_form(data, TicketPatch).to_change()
            row = await tickets.update_ticket(org_scope, ticket_id, change, circumstances)
        except DomainError as error:
            context = await self._detail(current_user, org_scope, ticket_id, data)
            return form_with_error(DETAIL, context, error)
        notice = "depannage-clos" if row["closed_at"] else "depannage-note"
        return saved(f"/depannages/{ticket_id}", notice)

    @post("/{ticket_id:int}/retour", guards=[allow("residents:manage")])
    async def device_return(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        ticket_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            given = read_form(data, DeviceReturnIn)
            await tickets.device_return(
                org_scope, ticket_id, given.outcome, given.destination, circumstances, given.reason
            )
        except DomainError as error:
            context = await self._detail(current_user, org_scope, ticket_id)
            return form_with_error(DETAIL, context, error)
        return saved(f"/depannages/{ticket_id}", "appareil-repris")

"""Pages of attributions: the list by state, an attribution with its story and the actions its
state allows, and the loan contract signed on a laptop or a tablet.

Every page here shows a person's data (name, address, the device lent to them), so each
opening is logged in the trainee's file like the file itself (``record_access``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError, Invalid
from inventory.scope import Scope
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import download
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.assignments import BackToStockForm, InstallForm, SignIn
from logistics.trainees.access_log import record_access
from logistics.visits import assignments
from logistics.visits.assignments import BEFORE_HOME, AssignmentRecord
from logistics.visits.contract import conditions, contract_content, contract_pdf, device_specs
from logistics.visits.tables import AssignmentState
from logistics.visits.timeline import timeline

DETAIL = "assignments/detail.html"
CONTRACT = "assignments/contract.html"
ENDINGS: dict[str, tuple[Callable[..., Awaitable[AssignmentRecord]], str]] = {
    "release": (assignments.release, "liberee"),
    "give_back": (assignments.give_back_to_stock, "rendu"),
}
"""The two ways back to the stock: the use case and the notice the page then shows."""


class AssignmentPages(Controller):
    path = "/attributions"
    include_in_schema = False

    @get("/", guards=[allow("residents:read")])
    async def list_assignments(
        self, current_user: Me, org_scope: OrgScope, etat: FromQuery[AssignmentState | None] = None
    ) -> Template:
        """The association's attributions, newest first, kept to one state when asked."""
        rows = await assignments.list_assignments(org_scope, frozenset({etat}) if etat else None)
        context = {
            "user": current_user,
            "assignments": rows,
            "states": list(AssignmentState),
            "chosen": etat,
            "State": AssignmentState,
        }
        return Template("assignments/list.html", context=context)

    async def _detail(self, user: CurrentUser, scope: Scope, assignment_id: int) -> dict[str, Any]:
        record = await assignments.get_assignment(scope, assignment_id)
        await record_access(scope, record.trainee)
        device = await assignments.device_of(scope, record)
        return {
            "user": user,
            "assignment": record,
            "specs": device_specs(device),
            "steps": await timeline(scope, record),
            "before_home": record.state in BEFORE_HOME,
            "State": AssignmentState,
        }

    @get("/{assignment_id:int}", guards=[allow("residents:read")])
    async def show(
        self, current_user: Me, org_scope: OrgScope, assignment_id: FromPath[int]
    ) -> Template:
        """The device, the trainee, where the attribution stands and how it got there."""
        return Template(DETAIL, context=await self._detail(current_user, org_scope, assignment_id))

    async def _act(
        self,
        user: CurrentUser,
        scope: Scope,
        assignment_id: int,
        work: Callable[[], Awaitable[str]],
    ) -> Template | Redirect:
        """Run one action of the attribution's page (``work`` answers the notice to show);
        refused, the page says why (never a 500)."""
        try:
            notice = await work()
        except DomainError as error:
            context = await self._detail(user, scope, assignment_id)
            return form_with_error(DETAIL, context, error)
        return saved(f"/attributions/{assignment_id}", notice)

    @post("/{assignment_id:int}/stock", guards=[allow("residents:manage")])
    async def back_to_stock(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """The device back to the stock with the reason typed: a reservation released (refused
        once installed), or the installed device given back."""

        async def work() -> str:
            form = read_form(data, BackToStockForm)
            use_case, notice = ENDINGS[form.ending]
            await use_case(org_scope, assignment_id, form.reason, circumstances)
            return notice

        return await self._act(current_user, org_scope, assignment_id, work)

    @post("/{assignment_id:int}/installer", guards=[allow("residents:manage")])
    async def install(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """An installation done without the phone page (the visit noted afterwards)."""

        async def work() -> str:
            answer = read_form(data, InstallForm).with_internet
            if answer is None:
                raise Invalid("Dites si internet fonctionne au domicile.")
            await assignments.install(org_scope, assignment_id, answer, circumstances)
            return "installe"

        return await self._act(current_user, org_scope, assignment_id, work)

    async def _contract(
        self, user: CurrentUser, scope: Scope, assignment_id: int, values: dict[str, Any]
    ) -> dict[str, Any]:
        record = await assignments.get_assignment(scope, assignment_id)
        await record_access(scope, record.trainee)
        content = await contract_content(scope, record)
        return {
            "user": user,
            "assignment": record,
            "content": content,
            "conditions": conditions(content),
            "values": values,
            "State": AssignmentState,
        }

    @get("/{assignment_id:int}/contrat", guards=[allow("residents:read")])
    async def contract(
        self, current_user: Me, org_scope: OrgScope, assignment_id: FromPath[int]
    ) -> Template:
        """The loan contract to read with the person and sign on the screen."""
        context = await self._contract(current_user, org_scope, assignment_id, {})
        return Template(CONTRACT, context=context)

    @post("/{assignment_id:int}/contrat", guards=[allow("residents:manage")])
    async def sign(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """The person signs: the device is assigned to them."""
        try:
            signed = read_form(data, SignIn)
            await assignments.sign_contract(
                org_scope, assignment_id, signed.signer_name, signed.signature_svg, circumstances
            )
        except DomainError as error:
            values = {"signer_name": data.get("signer_name", "")}
            context = await self._contract(current_user, org_scope, assignment_id, values)
            return form_with_error(CONTRACT, context, error)
        return saved(f"/attributions/{assignment_id}", "contrat-signe")

    @get(
        "/{assignment_id:int}/contrat.pdf",
        guards=[allow("residents:read")],
        media_type="application/pdf",
    )
    async def contract_file(
        self, org_scope: OrgScope, assignment_id: FromPath[int]
    ) -> Response[bytes]:
        """The contract as a PDF: blank for the signature until signed, signed afterwards."""
        record = await assignments.get_assignment(org_scope, assignment_id)
        await record_access(org_scope, record.trainee)
        pdf = await contract_pdf(org_scope, assignment_id)
        return download(pdf, f"contrat-{record.contract_number or assignment_id}.pdf")

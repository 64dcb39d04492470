"""Pages of the TRIRA agreements (conventions) and of the return-quota ledger (/quota)."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from inventory.errors import DomainError
from inventory.ledger import QuotaBasis
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.services import agreements
from inventory.services.ledger import calendar_year, ledger, overdue_agreements
from inventory.services.lots import flagged_lots, list_lots
from inventory.states import LotStatus
from logistics.accounts import organisations
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.lots import AgreementIn


class QuotaPages(Controller):
    include_in_schema = False

    async def _agreements_context(self, user: CurrentUser, scope: Scope) -> dict[str, Any]:
        parties = await organisations.list_organisations(scope)
        return {
            "user": user,
            "agreements": await agreements.list_agreements(scope),
            "associations": [
                o
                for o in parties
                if o["kind"] == OrganisationKind.COLLECTING.value and scope.can_write(o["id"])
            ],
            "reconditioners": [
                o for o in parties if o["kind"] == OrganisationKind.RECONDITIONER.value
            ],
            "bases": list(QuotaBasis),
            "legal_reference": agreements.LEGAL_REFERENCE,
            "values": {},
        }

    @get("/conventions", guards=[allow("agreements:read")])
    async def list_agreements(self, current_user: Me, org_scope: OrgScope) -> Template:
        context = await self._agreements_context(current_user, org_scope)
        return Template("quota/agreements.html", context=context)

    @post("/conventions", guards=[allow("agreements:manage")])
    async def create_agreement(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            wanted = read_form(data, AgreementIn).to_data()
            created = await agreements.create_agreement(org_scope, wanted, circumstances)
        except DomainError as error:
            context = {**await self._agreements_context(current_user, org_scope), "values": data}
            return form_with_error("quota/agreements.html", context, error)
        return saved(f"/quota?convention={created['id']}", "convention")

    @get("/quota", guards=[allow("agreements:read")])
    async def ledger_page(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        convention: FromQuery[int | None] = None,
        annee: FromQuery[int | None] = None,
    ) -> Template:
        """The ledger of one agreement for a calendar year (this year by default)."""
        choices = await agreements.list_agreements(org_scope)
        today = circumstances.at.date()
        chosen = convention or (choices[0]["id"] if choices else None)
        year = annee or today.year
        result = None
        if chosen is not None:
            result = await ledger(org_scope, chosen, calendar_year(date(year, 1, 1)), today)
        return Template(
            "quota/ledger.html",
            context={"user": current_user, "agreements": choices, "result": result, "year": year},
        )


async def trira_dashboard(scope: Scope) -> dict[str, Any]:
    """The home page's flags: quota arrears, lots whose two weighings disagree, and lots
    handed over that wait for the reconditioner's confirmation of receipt.

    Shown to the association's managers, the reconditioner's staff and coordinators: the
    people who can act on them (lots to confirm only to those who may confirm).
    """
    if not scope.may("agreements:read"):
        return {"overdue_agreements": [], "flagged_lots": [], "lots_to_confirm": []}
    waiting = await list_lots(scope, LotStatus.HANDED_OVER) if scope.may("lots:receive") else []
    return {
        "overdue_agreements": await overdue_agreements(scope),
        "flagged_lots": await flagged_lots(scope),
        "lots_to_confirm": waiting,
    }

"""Managers' pages around the donors' documents: importing the reconditioner's erasure report,
and the outbox (e-mails and texts) with its « renvoyer » button."""

from __future__ import annotations

from datetime import datetime

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.certificates.erasure import import_erasure_report
from inventory.errors import DomainError
from inventory.parties import OrganisationKind
from inventory.tables import Organisation
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import MultipartData, uploaded
from logistics.http.forms import form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.certificates import ErasureReportIn
from logistics.mail import outbox
from logistics.mail.tables import OutboxChannel, OutboxStatus
from logistics.settings import get_settings
from logistics.sms.gateway import SmsConfig

ERASURE_PAGE = "certificates/erasure.html"


async def _reconditioners() -> list[dict[str, object]]:
    return await Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.kind == OrganisationKind.RECONDITIONER, Organisation.active.eq(True)
    )


class ErasureReportPages(Controller):
    path = "/effacements"
    include_in_schema = False
    guards = [allow("erasure:import")]

    @get("/")
    async def form(self, current_user: Me) -> Template:
        context = {"user": current_user, "reconditioners": await _reconditioners()}
        return Template(ERASURE_PAGE, context=context)

    @post("/")
    async def upload(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: MultipartData
    ) -> Template:
        context = {"user": current_user, "reconditioners": await _reconditioners()}
        try:
            filename, content = await uploaded(data, "fichier")
            sent = read_form(data, ErasureReportIn, names={"reconditioner_id": "reconditionneur"})
            result = await import_erasure_report(
                org_scope, sent.reconditioner_id, filename, content, circumstances
            )
        except DomainError as error:
            return form_with_error(ERASURE_PAGE, context, error)
        return Template(ERASURE_PAGE, context={**context, "result": result})


class OutboxPages(Controller):
    path = "/courriels"
    include_in_schema = False
    guards = [allow("outbox:manage")]

    @get("/")
    async def list_messages(self, current_user: Me, org_scope: OrgScope) -> Template:
        return Template(
            "certificates/outbox.html",
            context={
                "user": current_user,
                "messages": await outbox.list_messages(org_scope),
                "Status": OutboxStatus,
                "Channel": OutboxChannel,
                "configured": bool(get_settings().smtp_host),
                "texts_page": org_scope.may("residents:read"),
                "texts_configured": SmsConfig.from_settings(get_settings()).sending,
                "max_attempts": outbox.MAX_ATTEMPTS,
            },
        )

    @post("/{message_id:int}/renvoyer")
    async def resend(self, org_scope: OrgScope, message_id: FromPath[int]) -> Redirect:
        await outbox.resend(org_scope, message_id, datetime.now(tz=get_settings().timezone))
        return saved("/courriels", "envoye")

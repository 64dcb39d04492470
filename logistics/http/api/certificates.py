"""API of the donors' documents: certificates, public verification, donor links, erasure
reports and the e-mail outbox."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from inventory.certificates import erasure, links, service
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.downloads import MultipartData, download, uploaded
from logistics.http.forms import read_form
from logistics.http.schemas import from_row
from logistics.http.schemas.certificates import (
    CertificateIn,
    CertificateOut,
    DonorLinkIn,
    DonorLinkOut,
    ErasureImportOut,
    ErasureReportIn,
    OutboxMessageOut,
    ReportLineOut,
    VerificationOut,
)
from logistics.mail import outbox
from logistics.mail.certificates import issue_certificate_and_notify
from logistics.settings import get_settings


class CertificateController(Controller):
    path = "/api/v1/certificates"
    tags = ["Attestations"]

    @get("/", guards=[allow("donor_documents:read")])
    async def list_certificates(
        self, org_scope: OrgScope, donor_id: FromQuery[int]
    ) -> list[CertificateOut]:
        rows = await service.certificates_of_donor(org_scope, donor_id)
        return [CertificateOut.from_row(row) for row in rows]

    @post("/", guards=[allow("donor_documents:manage")], status_code=201)
    async def issue(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[CertificateIn]
    ) -> CertificateOut:
        """Issue a closed collection's certificate and e-mail it; with a reason, a correction."""
        row = await issue_certificate_and_notify(
            org_scope, data.collection_id, circumstances, reason=data.reason
        )
        return CertificateOut.from_row(await service.get_certificate(org_scope, row["number"]))

    @get("/{number:str}", guards=[allow("donor_documents:read")])
    async def get_certificate(self, org_scope: OrgScope, number: FromPath[str]) -> CertificateOut:
        return CertificateOut.from_row(await service.get_certificate(org_scope, number))

    @get("/{number:str}/pdf", guards=[allow("donor_documents:read")])
    async def pdf(self, org_scope: OrgScope, number: FromPath[str]) -> Response[bytes]:
        return download(await service.certificate_pdf(org_scope, number), f"{number}.pdf")


class VerificationController(Controller):
    """Public: no account needed, like the /verifier page."""

    path = "/api/v1/verification"
    tags = ["Attestations"]

    @get("/{number:str}")
    async def verify(self, number: FromPath[str]) -> VerificationOut:
        result = await service.verify(number)
        fields = {k: v for k, v in asdict(result).items() if k in VerificationOut.__struct_fields__}
        return VerificationOut(**fields)


class DonorLinkController(Controller):
    path = "/api/v1/donor-links"
    tags = ["Attestations"]

    @get("/", guards=[allow("donor_documents:read")])
    async def list_links(self, org_scope: OrgScope, donor_id: FromQuery[int]) -> list[DonorLinkOut]:
        return [DonorLinkOut.from_row(row) for row in await links.list_links(org_scope, donor_id)]

    @post("/", guards=[allow("donor_documents:manage")], status_code=201)
    async def create_link(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[DonorLinkIn]
    ) -> DonorLinkOut:
        """The answer carries the link's address: it is never shown again."""
        token, row = await links.create_link(
            org_scope, data.donor_id, circumstances, days=data.days, label=data.label
        )
        return DonorLinkOut.from_row(row, links.link_address(get_settings().base_url, token))

    @post("/{link_id:int}/revoke", guards=[allow("donor_documents:manage")], status_code=200)
    async def revoke(
        self, org_scope: OrgScope, circumstances: Context, link_id: FromPath[int]
    ) -> DonorLinkOut:
        return DonorLinkOut.from_row(await links.revoke_link(org_scope, link_id, circumstances))


class ErasureReportController(Controller):
    path = "/api/v1/erasure-reports"
    tags = ["Attestations"]

    @post("/", guards=[allow("erasure:import")], status_code=200)
    async def import_report(
        self, org_scope: OrgScope, circumstances: Context, data: MultipartData
    ) -> ErasureImportOut:
        """Multipart: ``reconditioner_id`` and ``file`` (CSV or XLSX)."""
        filename, content = await uploaded(data, "file")
        sent = read_form(data, ErasureReportIn)
        result = await erasure.import_erasure_report(
            org_scope, sent.reconditioner_id, filename, content, circumstances
        )

        def lines(found: list[erasure.LineOutcome]) -> list[ReportLineOut]:
            return [ReportLineOut(o.line, o.serial, o.message, o.tag) for o in found]

        return ErasureImportOut(
            result.filename,
            result.sha256,
            lines(result.linked),
            lines(result.already),
            lines(result.unlinked),
            lines(result.ambiguous),
        )


class OutboxController(Controller):
    path = "/api/v1/outbox"
    tags = ["Attestations"]
    guards = [allow("outbox:manage")]

    @get("/")
    async def list_messages(
        self, org_scope: OrgScope, unsent: FromQuery[bool] = False
    ) -> list[OutboxMessageOut]:
        rows = await outbox.list_messages(org_scope, unsent_only=unsent)
        return [from_row(OutboxMessageOut, row) for row in rows]

    @post("/{message_id:int}/resend", status_code=200)
    async def resend(self, org_scope: OrgScope, message_id: FromPath[int]) -> OutboxMessageOut:
        now = datetime.now(tz=get_settings().timezone)
        return from_row(OutboxMessageOut, await outbox.resend(org_scope, message_id, now))

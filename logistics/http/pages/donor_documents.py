"""Managers' page of a donor's documents: access links, certificates and their corrections,
the transfer agreement of a collection and the register extract."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.certificates import cession, links, register, service
from inventory.errors import DomainError, Invalid
from inventory.scope import Scope
from inventory.services import collections
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import download
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.pages.verification import register_download
from logistics.http.schemas.certificates import CertificateIn, DonorLinkIn, LinkMailIn
from logistics.mail.certificates import issue_certificate_and_notify
from logistics.mail.donor_links import mail_link
from logistics.settings import get_settings

PAGE = "certificates/donor_documents.html"


async def _context(scope: Scope, donor_id: int) -> dict[str, Any]:
    donor = await links.donor_in_scope(scope, donor_id)
    return {
        "donor": donor,
        "links": await links.list_links(scope, donor_id),
        "certificates": await service.certificates_of_donor(scope, donor_id),
        "collections": await collections.list_collections(scope, donor_id=donor_id),
        "codes": register.default_codes(donor["kind"]),
        "categories": list(Category),
        "today": clock.today(),
        "base_url": get_settings().base_url,
    }


def _shown(token: str) -> dict[str, str]:
    """The link shown once after it is made: its address to copy, its token to mail it."""
    return {"new_link": links.link_address(get_settings().base_url, token), "token": token}


class DonorDocumentPages(Controller):
    path = "/donateurs/{donor_id:int}"
    include_in_schema = False

    @get("/acces", guards=[allow("donor_documents:read")])
    async def show(
        self, current_user: Me, org_scope: OrgScope, donor_id: FromPath[int]
    ) -> Template:
        context = await _context(org_scope, donor_id)
        return Template(PAGE, context={"user": current_user, **context})

    @post("/acces", guards=[allow("donor_documents:manage")])
    async def create_link(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: FormData,
    ) -> Template:
        """Create a link and show its address once: only its hash is kept."""
        context = {"user": current_user, **await _context(org_scope, donor_id)}
        try:
            link = read_form(
                data,
                DonorLinkIn,
                names={"days": "jours", "label": "libelle"},
                given={"donor_id": donor_id},
            )
            token, _ = await links.create_link(
                org_scope, donor_id, circumstances, days=link.days, label=link.label
            )
        except DomainError as error:
            return form_with_error(PAGE, context, error)
        context = {**context, **await _context(org_scope, donor_id)}
        return Template(PAGE, context={**context, **_shown(token)})

    @post("/acces/envoi", guards=[allow("donor_documents:manage")])
    async def mail_link(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: FormData,
    ) -> Template:
        """Queue the link just shown for the donor's contact, and show it again meanwhile."""
        token = read_form(data, LinkMailIn).token
        context = {"user": current_user, **await _context(org_scope, donor_id), **_shown(token)}
        try:
            recipient = await mail_link(org_scope, donor_id, token, circumstances)
        except DomainError as error:
            return form_with_error(PAGE, context, error)
        return Template(PAGE, context={**context, "mailed_to": recipient})

    @post("/acces/{link_id:int}/revoquer", guards=[allow("donor_documents:manage")])
    async def revoke_link(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        link_id: FromPath[int],
    ) -> Redirect:
        await links.revoke_link(org_scope, link_id, circumstances)
        return saved(f"/donateurs/{donor_id}/acces", "lien-revoque")

    @post("/attestations", guards=[allow("donor_documents:manage")])
    async def issue(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Issue a collection's certificate, or a corrected version when a reason is given."""
        try:
            wanted = read_form(
                data, CertificateIn, names={"collection_id": "collecte", "reason": "motif"}
            )
            await issue_certificate_and_notify(
                org_scope, wanted.collection_id, circumstances, reason=wanted.reason
            )
        except DomainError as error:
            context = {"user": current_user, **await _context(org_scope, donor_id)}
            return form_with_error(PAGE, context, error)
        return saved(f"/donateurs/{donor_id}/acces", "attestation")

    @get("/attestations/{number:str}", guards=[allow("donor_documents:read")])
    async def certificate(
        self, org_scope: OrgScope, donor_id: FromPath[int], number: FromPath[str]
    ) -> Response[bytes]:
        row = await service.get_certificate(org_scope, number)
        if row["donor"] != donor_id:
            raise Invalid("Cette attestation n'est pas celle de ce donateur.")
        pdf = await service.certificate_pdf(org_scope, number)
        return download(pdf, f"{number}.pdf", inline=True)

    @get("/acte-de-cession", guards=[allow("donor_documents:read")])
    async def transfer_agreement(
        self,
        org_scope: OrgScope,
        donor_id: FromPath[int],
        collecte: FromQuery[int],
        base_juridique: FromQuery[str] = "",
    ) -> Response[bytes]:
        await links.donor_in_scope(org_scope, donor_id)
        pdf = await cession.transfer_agreement_pdf(org_scope, collecte, base_juridique)
        return download(pdf, f"acte-de-cession-collecte-{collecte}.pdf", inline=True)

    @get("/registre", guards=[allow("donor_documents:read")])
    async def register_extract(
        self,
        org_scope: OrgScope,
        donor_id: FromPath[int],
        debut: FromQuery[date],
        fin: FromQuery[date],
        format: FromQuery[str] = "csv",
        codes: FromQuery[list[str] | None] = None,
    ) -> Response[bytes]:
        """``codes`` are "category=code" pairs overriding the default waste codes."""
        chosen = dict(pair.split("=", 1) for pair in codes or [] if "=" in pair and pair[-1] != "=")
        return await register_download(org_scope, donor_id, debut, fin, format, chosen)

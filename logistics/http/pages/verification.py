"""Public pages without an account: verify a certificate, and a donor's own documents by link.

Nothing here needs a login; what a visitor sees is limited to the certificate's summary (date,
donor, totals, hash) or, through a valid donor link, to that one donor's documents, read with
the link's own scope (``links.open_link``).
"""

from __future__ import annotations

from datetime import date, datetime

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from inventory.certificates import dossier, links, register, service, yearly
from inventory.errors import Invalid
from inventory.history import Circumstances
from inventory.scope import Scope
from logistics.http.downloads import MultipartData, download, uploaded
from logistics.http.forms import read_form
from logistics.http.schemas.certificates import VerificationIn
from logistics.settings import get_settings


def _now() -> datetime:
    return datetime.now(tz=get_settings().timezone)


class VerificationPages(Controller):
    path = "/verifier"
    include_in_schema = False

    @get("/")
    async def form(self) -> Template:
        return Template("certificates/verify.html", context={"result": None})

    @get("/{number:str}")
    async def by_number(self, number: FromPath[str]) -> Template:
        result = await service.verify(number)
        return Template("certificates/verify.html", context={"result": result})

    @post("/")
    async def compare(self, data: MultipartData) -> Template:
        """Compare an uploaded copy with the stored original, by SHA-256."""
        _, content = await uploaded(data, "fichier", required=False)
        number = read_form(data, VerificationIn, names={"number": "numero"}).number
        if not number.strip() and not content:
            raise Invalid("Indiquez un numéro d'attestation ou choisissez un fichier PDF.")
        result = await service.verify(number, content or None)
        return Template("certificates/verify.html", context={"result": result, "uploaded": True})


class DonorAccessPages(Controller):
    """What a donor opens from the link the association sent them (lien donateur)."""

    path = "/donateur/{token:str}"
    include_in_schema = False

    @get("/")
    async def home(self, token: FromPath[str]) -> Template:
        access = await links.open_link(token, _now())
        today = _now().date()
        certificates = await service.certificates_of_donor(access.scope, access.donor_id)
        years = sorted({c["collected_on"].year for c in certificates}, reverse=True)
        return Template(
            "certificates/donor_access.html",
            context={
                "donor": access.donor,
                "token": token,
                "certificates": certificates,
                "dossier": await dossier.donor_dossier(access.scope, access.donor_id),
                "years": years or [today.year],
                "today": today,
            },
        )

    @get("/attestations/{number:str}")
    async def certificate(self, token: FromPath[str], number: FromPath[str]) -> Response[bytes]:
        access = await links.open_link(token, _now())
        pdf = await service.certificate_pdf(access.scope, number, donor_id=access.donor_id)
        return download(pdf, f"{number}.pdf", inline=True)

    @get("/bilan/{year:int}")
    async def yearly_summary(self, token: FromPath[str], year: FromPath[int]) -> Response[bytes]:
        """The year's summary as issued (a new number only when the figures changed)."""
        access = await links.open_link(token, _now())
        asked = Circumstances(at=_now(), app="lien donateur")
        base_url = get_settings().base_url
        issued = await yearly.issue_yearly_summary(
            access.scope, access.donor_id, year, asked, base_url
        )
        pdf = await yearly.yearly_summary_pdf(access.scope, issued["number"])
        return download(pdf, f"{issued['number']}.pdf", inline=True)

    @get("/registre")
    async def register_extract(
        self,
        token: FromPath[str],
        debut: FromQuery[date],
        fin: FromQuery[date],
        format: FromQuery[str] = "csv",
    ) -> Response[bytes]:
        access = await links.open_link(token, _now())
        return await register_download(access.scope, access.donor_id, debut, fin, format, {})


async def register_download(
    scope: Scope, donor_id: int, start: date, end: date, kind: str, codes: dict[str, str]
) -> Response[bytes]:
    """The register extract as CSV or XLSX (shared by the donor's and the manager's pages)."""
    if kind not in ("csv", "xlsx"):
        raise Invalid("Format du registre : csv ou xlsx.")
    extract = await register.register_extract(scope, donor_id, start, end, codes)
    content = register.as_csv(extract) if kind == "csv" else register.as_xlsx(extract)
    return download(content, f"registre-{start:%Y%m%d}-{end:%Y%m%d}.{kind}")

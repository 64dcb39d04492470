"""Issuing, re-issuing and verifying certificates (attestations de prise en charge).

A certificate is rendered once, at issue; its bytes and SHA-256 are stored and never rendered
again, so the file a donor holds can be compared byte for byte. A correction is a new version
with a number of its own that supersedes the previous one; both stay verifiable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from inventory.certificates.content import CertificateContent, item_lines, postal_address
from inventory.certificates.links import donor_in_scope
from inventory.certificates.pdf import render_certificate
from inventory.certificates.tables import Certificate, YearlySummaryDocument
from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.services.common import load, once_more_on_duplicate_key
from inventory.states import CollectionStatus
from inventory.tables import Agreement, Collection, Donor, Item, Organisation

NUMBER_PREFIX = "ATT"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verification_url(base_url: str, number: str) -> str:
    """The public address printed as a QR code on the certificate."""
    return f"{base_url.rstrip('/')}/verifier/{number}"


async def agreement_on(organisation_id: int, on: date) -> dict[str, Any] | None:
    """The association's convention with a reconditioner in force on a day (latest started)."""
    return (
        await Agreement.select(
            Agreement.reference,
            Agreement.legal_reference,
            Agreement.rate_percent,
            Agreement.reconditioner.name.as_alias("reconditioner_name"),
        )
        .where(
            Agreement.organisation == organisation_id,
            Agreement.starts_on <= on,
            Agreement.ends_on.is_null() | (Agreement.ends_on >= on),
        )
        .order_by(Agreement.starts_on, ascending=False)
        .first()
    )


async def next_number(table: type[Certificate | YearlySummaryDocument], prefix: str) -> str:
    """The next free number after ``prefix`` (ATT-RP-2026- gives ATT-RP-2026-000043); the
    version suffix of corrected certificates (-V2) does not count."""
    rows = await table.select(table.number).where(table.number.like(f"{prefix}%"))
    last = max((int(row["number"][len(prefix) : len(prefix) + 6]) for row in rows), default=0)
    return f"{prefix}{last + 1:06d}"


async def _content(
    collection: dict[str, Any],
    number: str,
    version: int,
    issued_on: date,
    base_url: str,
    previous: dict[str, Any] | None,
    reason: str,
) -> CertificateContent:
    donor = await Donor.select().where(Donor.id == collection["donor"]).first()
    association = (
        await Organisation.select().where(Organisation.id == collection["organisation"]).first()
    )
    assert donor is not None and association is not None  # both kept by foreign keys
    agreement = await agreement_on(collection["organisation"], collection["collected_on"])
    items = await Item.select(
        Item.category,
        Item.brand,
        Item.model,
        Item.serial_number,
        Item.tag,
        Item.quantity,
        Item.weight_kg,
    ).where(Item.collection == collection["id"])
    return CertificateContent(
        number=number,
        version=version,
        issued_on=issued_on,
        collected_on=collection["collected_on"],
        donor_name=donor["name"],
        donor_address=postal_address(donor["address"], donor["postcode"], donor["city"]),
        association_name=association["name"],
        association_address=association["depot_address"],
        agents=collection["agent_names"],
        operator_name=agreement["reconditioner_name"] if agreement else None,
        legal_reference=(agreement or {}).get("legal_reference")
        or "décret n°2005-829 du 20 juillet 2005",
        agreement_reference=agreement["reference"] if agreement else "",
        signatory_name=collection["signatory_name"],
        signature_svg=collection["signature_svg"],
        verification_url=verification_url(base_url, number),
        items=item_lines(items),
        supersedes_number=previous["number"] if previous else "",
        reason=reason,
    )


async def _current(collection_id: int) -> dict[str, Any] | None:
    return (
        await Certificate.select(*Certificate.all_columns(exclude=[Certificate.pdf]))
        .where(Certificate.collection == collection_id, Certificate.superseded_by.is_null())
        .first()
    )


async def issue_certificate(
    scope: Scope,
    collection_id: int,
    circumstances: Circumstances,
    *,
    base_url: str,
    reason: str = "",
) -> dict[str, Any]:
    """The certificate of a closed collection: the current one, or a new version with ``reason``.

    Without a reason an existing certificate is returned as is (closing twice issues nothing);
    with one, a new version supersedes the current one. The collection's row is held while
    issuing, so two requests for one collection give one certificate; two collections issued
    at the same moment may take the same number, and the second one simply tries again.
    """
    return await once_more_on_duplicate_key(
        lambda: _issue_once(scope, collection_id, circumstances, base_url, reason)
    )


async def _issue_once(
    scope: Scope, collection_id: int, circumstances: Circumstances, base_url: str, reason: str
) -> dict[str, Any]:
    async with write_transaction(Certificate):
        collection = await load(scope, Collection, collection_id, "Collecte", lock=True)
        scope.check_write(collection["organisation"], "Collecte")
        if collection["status"] != CollectionStatus.CLOSED:
            raise Conflict(
                "La collecte n'est pas terminée : l'attestation est émise après la signature "
                "du donateur."
            )
        previous = await _current(collection_id)
        reason = reason.strip()
        if previous is not None and not reason:
            return previous
        if previous is None and reason:
            raise Invalid("Aucune attestation à corriger pour cette collecte.")
        organisation = (
            await Organisation.select(Organisation.code)
            .where(Organisation.id == collection["organisation"])
            .first()
        )
        assert organisation is not None  # kept by the collection's foreign key
        issued_on = circumstances.at.date()
        if previous is None:
            prefix = f"{NUMBER_PREFIX}-{organisation['code']}-{issued_on.year}-"
            number, version = await next_number(Certificate, prefix), 1
        else:
            version = previous["version"] + 1
            number = f"{previous['number'].split('-V')[0]}-V{version}"
        content = await _content(collection, number, version, issued_on, base_url, previous, reason)
        pdf = render_certificate(content)
        digest = sha256_hex(pdf)
        certificate_id = (
            await Certificate.insert(
                Certificate(
                    organisation=collection["organisation"],
                    donor=collection["donor"],
                    collection=collection_id,
                    number=number,
                    version=version,
                    supersedes=previous["id"] if previous else None,
                    reason=reason,
                    issued_at=circumstances.at,
                    issued_by=scope.actor_id or None,
                    issued_by_name=scope.actor_name,
                    sha256=digest,
                    pdf=pdf,
                    summary=content.summary(),
                )
            ).returning(Certificate.id)
        )[0]["id"]
        if previous is not None:
            await Certificate.update({Certificate.superseded_by: certificate_id}).where(
                Certificate.id == previous["id"]
            )
        await record(
            scope,
            collection["organisation"],
            "collection",
            collection_id,
            "certificate_issued",
            circumstances,
            comment=reason,
            details={"number": number, "sha256": digest, "version": version},
        )
    issued = await _current(collection_id)
    assert issued is not None  # written just above
    return issued


IssuedTable = type[Certificate] | type[YearlySummaryDocument]


async def issued_pdf(
    scope: Scope, table: IssuedTable, number: str, missing: str, donor_id: int | None = None
) -> bytes:
    """The stored bytes of an issued document (certificate or yearly summary), never rendered
    again, if the caller may read it (and, with ``donor_id``, if it is that donor's: what a
    donor's link opens). ``missing`` says what was not found."""
    row = (
        await table.select(table.pdf, table.organisation, table.donor)
        .where(table.number == number)
        .first()
    )
    if (
        row is None
        or not scope.can_read(row["organisation"])
        or donor_id not in (None, row["donor"])
    ):
        raise NotFound(missing)
    return bytes(row["pdf"])


async def certificate_pdf(scope: Scope, number: str, donor_id: int | None = None) -> bytes:
    return await issued_pdf(scope, Certificate, number, "Attestation introuvable.", donor_id)


_LISTED = Certificate.all_columns(exclude=[Certificate.pdf])


async def certificates_of_donor(scope: Scope, donor_id: int) -> list[dict[str, Any]]:
    """Every version of every certificate of a donor, newest collection first."""
    await donor_in_scope(scope, donor_id)
    return await (
        Certificate.select(*_LISTED, Certificate.collection.collected_on.as_alias("collected_on"))
        .where(Certificate.donor == donor_id)
        .order_by(Certificate.collection.collected_on, ascending=False)
        .order_by(Certificate.version, ascending=False)
        .output(load_json=True)
    )


async def get_certificate(scope: Scope, number: str) -> dict[str, Any]:
    row = await Certificate.select(*_LISTED).where(Certificate.number == number).first()
    if row is None or not scope.can_read(row["organisation"]):
        raise NotFound("Attestation introuvable.")
    return row


class Verdict(StrEnum):
    AUTHENTIC = "authentic"  # the number exists, is current, and the file (if any) matches
    SUPERSEDED = "superseded"  # authentic, but a later version corrects it
    UNKNOWN = "unknown"  # no certificate has this number
    ALTERED = "altered"  # the file is not the one issued under this number


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    number: str
    sha256: str = ""
    file_sha256: str = ""
    issued_at: Any = None
    summary: dict[str, Any] = field(default_factory=dict)
    superseded_by: str = ""
    supersedes: str = ""
    kind: str = "certificate"  # or "yearly": a donor's yearly summary (bilan annuel)


_ISSUED: tuple[tuple[IssuedTable, str], ...] = (
    (Certificate, "certificate"),
    (YearlySummaryDocument, "yearly"),
)


async def _issued(number: str, file_sha: str) -> tuple[IssuedTable, str, dict[str, Any]] | None:
    """The issued document with this number, or else with this file hash, and its kind."""
    for table, kind in _ISSUED:
        found = table.number == number if number else table.sha256 == file_sha
        columns = table.all_columns(exclude=[table.pdf])
        row = await table.select(*columns).where(found).output(load_json=True).first()
        if row is not None:
            return table, kind, row
    return None


async def verify(number: str, pdf: bytes | None = None) -> Verification:
    """What the public page says about a number, and about a file if one is given.

    Without a number the file's own hash finds the document (a certificate or a yearly
    summary); with both, a file that does not hash to the stored value is declared altered,
    whatever it contains.
    """
    number = number.strip().upper()
    file_sha = sha256_hex(pdf) if pdf is not None else ""
    found = await _issued(number, file_sha)
    if found is None:
        verdict = Verdict.ALTERED if pdf is not None and not number else Verdict.UNKNOWN
        return Verification(verdict, number, file_sha256=file_sha)
    table, kind, row = found
    names = await _neighbour_numbers(table, row)
    if pdf is not None and file_sha != row["sha256"]:
        verdict = Verdict.ALTERED
    elif row["superseded_by"] is not None:
        verdict = Verdict.SUPERSEDED
    else:
        verdict = Verdict.AUTHENTIC
    return Verification(
        verdict,
        row["number"],
        sha256=row["sha256"],
        file_sha256=file_sha,
        issued_at=row["issued_at"],
        summary=row["summary"],
        superseded_by=names.get(row["superseded_by"], ""),
        supersedes=names.get(row["supersedes"], ""),
        kind=kind,
    )


async def _neighbour_numbers(table: IssuedTable, row: dict[str, Any]) -> dict[int | None, str]:
    ids = [i for i in (row["superseded_by"], row["supersedes"]) if i is not None]
    if not ids:
        return {}
    rows = await table.select(table.id, table.number).where(table.id.is_in(ids))
    return {r["id"]: r["number"] for r in rows}

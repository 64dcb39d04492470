"""Input and output shapes of the donors' documents API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec


class CertificateIn(msgspec.Struct, forbid_unknown_fields=True):
    collection_id: Annotated[int, msgspec.Meta(title="Collecte")]
    reason: str = ""  # empty: issue the first version; given: a correction that supersedes


class CertificateOut(msgspec.Struct):
    number: str
    version: int
    collection_id: int
    donor_id: int
    issued_at: datetime
    issued_by_name: str
    sha256: str
    superseded: bool
    reason: str
    summary: dict[str, Any]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CertificateOut:
        summary = row.get("summary") or {}
        return cls(
            number=row["number"],
            version=row["version"],
            collection_id=row["collection"],
            donor_id=row["donor"],
            issued_at=row["issued_at"],
            issued_by_name=row["issued_by_name"],
            sha256=row["sha256"],
            superseded=row["superseded_by"] is not None,
            reason=row["reason"],
            summary=summary if isinstance(summary, dict) else msgspec.json.decode(summary),
        )


class VerificationOut(msgspec.Struct):
    verdict: str
    number: str
    sha256: str
    file_sha256: str
    superseded_by: str
    supersedes: str
    summary: dict[str, Any]


class DonorLinkIn(msgspec.Struct, forbid_unknown_fields=True):
    donor_id: int
    days: Annotated[int, msgspec.Meta(title="Durée de validité")] = 90
    label: Annotated[str, msgspec.Meta(title="Libellé")] = ""


class LinkMailIn(msgspec.Struct, forbid_unknown_fields=True):
    """The link just shown, posted back to be mailed to the donor (its secret is not stored)."""

    token: Annotated[str, msgspec.Meta(min_length=20, max_length=100)]


class ErasureReportIn(msgspec.Struct):
    """The fields sent with an erasure report's file (multipart)."""

    reconditioner_id: Annotated[int, msgspec.Meta(title="Reconditionneur")]


class VerificationIn(msgspec.Struct):
    """The public verification form's number, beside the PDF file it may send instead."""

    number: Annotated[str, msgspec.Meta(max_length=60, title="Numéro")] = ""


class DonorLinkOut(msgspec.Struct):
    id: int
    donor_id: int
    label: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    url: str = ""  # only in the answer that creates the link

    @classmethod
    def from_row(cls, row: dict[str, Any], url: str = "") -> DonorLinkOut:
        return cls(
            row["id"],
            row["donor"],
            row["label"],
            row["created_at"],
            row["expires_at"],
            row["revoked_at"],
            url,
        )


class ReportLineOut(msgspec.Struct):
    line: int
    serial: str
    message: str
    tag: str


class ErasureImportOut(msgspec.Struct):
    filename: str
    sha256: str
    linked: list[ReportLineOut]
    already: list[ReportLineOut]
    unlinked: list[ReportLineOut]
    ambiguous: list[ReportLineOut]


class OutboxMessageOut(msgspec.Struct):
    id: int
    reference: str
    channel: str  # "email" or "sms"
    recipient: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    created_at: datetime
    sent_at: datetime | None

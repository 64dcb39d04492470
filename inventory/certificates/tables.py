"""Tables of the donors' documents: issued certificates, yearly summaries, donors' access links.

A certificate row is written once with the exact PDF bytes and their SHA-256: the bytes are the
proof, so they live in the database next to the hash (one backup, no file that can drift away
from its row). The only later write is ``superseded_by``, set once when a correction is issued.
"""

from __future__ import annotations

from piccolo.columns import JSON, Bytea, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from inventory.tables import Collection, Donor, Organisation


class Certificate(Table, tablename="certificate"):
    """An attestation de prise en charge of one collection, in one version.

    ``number`` carries the version from the second one on (ATT-RP-2026-000042-V2), so every
    version is verifiable by its own number; ``supersedes``/``superseded_by`` link the chain.
    ``summary`` holds what the public verification page may show: date, donor, totals.
    """

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    donor = ForeignKey(references=Donor, null=False, index=True)
    collection = ForeignKey(references=Collection, null=False, index=True)
    number = Varchar(length=40, unique=True)
    version = Integer(default=1)
    supersedes = Integer(null=True, default=None)
    superseded_by = Integer(null=True, default=None)
    reason = Text(default="")
    issued_at = Timestamptz()
    issued_by = Integer(null=True, default=None)
    issued_by_name = Varchar(length=200, default="")
    sha256 = Varchar(length=64, index=True)
    pdf = Bytea()
    summary = JSON(default="{}")


class YearlySummaryDocument(Table, tablename="yearly_summary"):
    """A bilan annuel of one donor and year as issued, verifiable like a certificate.

    Issued when first asked for and kept while the year's figures stay the same
    (``fingerprint`` is the SHA-256 of its content without the issue date); once a collection
    of that year is closed or corrected, the next request issues a new one that supersedes it.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    donor = ForeignKey(references=Donor, null=False, index=True)
    year = Integer()
    number = Varchar(length=40, unique=True)
    supersedes = Integer(null=True, default=None)
    superseded_by = Integer(null=True, default=None)
    issued_at = Timestamptz()
    fingerprint = Varchar(length=64)
    sha256 = Varchar(length=64, index=True)
    pdf = Bytea()
    summary = JSON(default="{}")


class DonorLink(Table, tablename="donor_link"):
    """A link giving a donor read access to their documents without an account (lien donateur).

    Only the SHA-256 of the random token is kept, like access tokens: a copy of the database
    gives no working link. Each link expires and can be revoked on its own.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    donor = ForeignKey(references=Donor, null=False, index=True)
    token_hash = Varchar(length=64, unique=True)
    label = Varchar(length=200, default="")
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)
    created_by_name = Varchar(length=200, default="")
    expires_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    revoked_by_name = Varchar(length=200, default="")
    last_used_at = Timestamptz(null=True, default=None)

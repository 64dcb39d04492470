"""Donor access links: read access to one donor's documents without an account.

Why random tokens stored hashed rather than HMAC-signed URLs: each link must be revocable on its
own and listed on the donor's page (who made it, when it was last used), so a row per link is
needed anyway; with that row a signature adds nothing, and links survive a change of SECRET_KEY.
The token (256 bits) is shown once; only its SHA-256 is kept, like the API tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from piccolo.columns import Column

from inventory.certificates.tables import DonorLink
from inventory.engine import write_transaction
from inventory.errors import Forbidden, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.tables import Donor

DEFAULT_DAYS = 90
MAX_DAYS = 366
REFUSED = "Ce lien d'accès n'est pas valide : demandez un nouveau lien à l'association."


def link_address(base_url: str, token: str) -> str:
    """The address a donor opens with the token (the application's /donateur/{token} page)."""
    return f"{base_url.rstrip('/')}/donateur/{token}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def donor_in_scope(scope: Scope, donor_id: int) -> dict[str, Any]:
    donor = await Donor.select().where(Donor.id == donor_id).first()
    if donor is None or not scope.can_read(donor["organisation"]):
        raise NotFound("Donateur introuvable.")
    return donor


async def create_link(
    scope: Scope,
    donor_id: int,
    circumstances: Circumstances,
    *,
    days: int = DEFAULT_DAYS,
    label: str = "",
) -> tuple[str, dict[str, Any]]:
    """A new link for the donor: the secret token (to show once) and the stored row."""
    if not 1 <= days <= MAX_DAYS:
        raise Invalid(f"La durée de validité doit aller de 1 à {MAX_DAYS} jours.", days=days)
    token = secrets.token_urlsafe(32)
    async with write_transaction(DonorLink):
        donor = await donor_in_scope(scope, donor_id)
        scope.check_write(donor["organisation"], "Donateur")
        row = (
            await DonorLink.insert(
                DonorLink(
                    organisation=donor["organisation"],
                    donor=donor_id,
                    token_hash=_hash(token),
                    label=label.strip()[:200],
                    created_at=circumstances.at,
                    created_by=scope.actor_id or None,
                    created_by_name=scope.actor_name,
                    expires_at=circumstances.at + timedelta(days=days),
                )
            ).returning(*DonorLink.all_columns(exclude=[DonorLink.token_hash]))
        )[0]
        await record(
            scope,
            donor["organisation"],
            "donor",
            donor_id,
            "access_link_created",
            circumstances,
            details={"link": row["id"], "expires_at": row["expires_at"].isoformat()},
        )
    return token, row


async def revoke_link(scope: Scope, link_id: int, circumstances: Circumstances) -> dict[str, Any]:
    """Revoke a link at once; revoking twice changes nothing."""
    async with write_transaction(DonorLink):
        link = await DonorLink.select().where(DonorLink.id == link_id).first()
        if link is None or not scope.can_read(link["organisation"]):
            raise NotFound("Lien introuvable.")
        scope.check_write(link["organisation"], "Lien")
        if link["revoked_at"] is None:
            revoked: dict[Column | str, Any] = {
                DonorLink.revoked_at: circumstances.at,
                DonorLink.revoked_by_name: scope.actor_name,
            }
            await DonorLink.update(revoked).where(DonorLink.id == link_id)
            await record(
                scope,
                link["organisation"],
                "donor",
                link["donor"],
                "access_link_revoked",
                circumstances,
                details={"link": link_id},
            )
    revoked_link = (
        await DonorLink.select(*DonorLink.all_columns(exclude=[DonorLink.token_hash]))
        .where(DonorLink.id == link_id)
        .first()
    )
    assert revoked_link is not None  # read above
    return revoked_link


async def list_links(scope: Scope, donor_id: int) -> list[dict[str, Any]]:
    await donor_in_scope(scope, donor_id)
    return await (
        DonorLink.select(*DonorLink.all_columns(exclude=[DonorLink.token_hash]))
        .where(DonorLink.donor == donor_id)
        .order_by(DonorLink.created_at, ascending=False)
    )


@dataclass(frozen=True)
class DonorAccess:
    """What a valid link opens, for pages without an account: one donor, and the scope its
    documents are read with. That scope reads the donor's association only, changes nothing
    and holds no permission; the donor's documents are asked for ``donor_id`` alone."""

    donor: dict[str, Any]
    scope: Scope

    @property
    def donor_id(self) -> int:
        return int(self.donor["id"])


async def active_link(scope: Scope, donor_id: int, token: str, now: datetime) -> dict[str, Any]:
    """The donor's link behind ``token`` while it still opens, for the association to send it
    on; unlike ``open_link`` it is no visit by the donor (its last use stays as it was)."""
    donor = await donor_in_scope(scope, donor_id)
    scope.check_write(donor["organisation"], "Donateur")
    link = (
        await DonorLink.select(*DonorLink.all_columns(exclude=[DonorLink.token_hash]))
        .where(DonorLink.token_hash == _hash(token), DonorLink.donor == donor_id)
        .first()
    )
    if link is None or link["revoked_at"] is not None or link["expires_at"] <= now:
        raise Forbidden(REFUSED)
    return link


async def open_link(token: str, now: datetime) -> DonorAccess:
    """The donor a link opens; an unknown, expired or revoked link is refused the same way."""
    link = await DonorLink.select().where(DonorLink.token_hash == _hash(token)).first()
    if link is None or link["revoked_at"] is not None or link["expires_at"] <= now:
        raise Forbidden(REFUSED)
    await DonorLink.update({DonorLink.last_used_at: now}).where(DonorLink.id == link["id"])
    donor = await Donor.select().where(Donor.id == link["donor"]).first()
    assert donor is not None  # kept by the link's foreign key
    association = frozenset({link["organisation"]})
    scope = Scope(
        actor_id=0,
        actor_name="lien donateur",
        organisation_id=link["organisation"],
        readable=association,
        writable=frozenset(),
        permissions=frozenset(),
        role_label="lien donateur",
    )
    return DonorAccess({**donor, "link_expires_at": link["expires_at"]}, scope)

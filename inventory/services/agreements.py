"""Use cases on agreements (conventions) between a collecting association and its reconditioner.

An agreement fixes the return quota the ledger applies (rate, basis), the weight tolerance between
both sides' scales, the legal reference quoted on certificates and when arrears must be flagged.
Managers of the association (and admins) record it; both parties and coordinators read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from inventory import ledger
from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.ledger import QuotaBasis
from inventory.parties import OrganisationKind
from inventory.partners import readable_with_reconditioner
from inventory.scope import Scope
from inventory.tables import Agreement, Organisation

LEGAL_REFERENCE = "décret n°2005-829 du 20 juillet 2005"


@dataclass(frozen=True)
class NewAgreement:
    """What a manager types when recording a convention; rates and tolerances in percent."""

    organisation_id: int
    reconditioner_id: int
    reference: str
    starts_on: date
    ends_on: date | None = None
    signed_on: date | None = None
    rate_percent: float = 10.0
    basis: QuotaBasis = QuotaBasis.COMPUTERS
    kg_per_device: float | None = None
    too_old_in_basis: bool = False
    weight_tolerance_percent: float = 5.0
    legal_reference: str = LEGAL_REFERENCE
    alert_threshold: int = 5
    alert_weeks: int = 4


def quota_terms(row: dict[str, Any]) -> ledger.Agreement:
    """The ledger's view of a stored agreement (checks the terms as a side effect)."""
    kg = row["kg_per_device"]
    return ledger.Agreement(
        rate=Decimal(str(row["rate_percent"])) / 100,
        basis=QuotaBasis(row["basis"]),
        kg_per_device=Decimal(str(kg)) if kg is not None else None,
        too_old_in_basis=bool(row["too_old_in_basis"]),
    )


def _check_terms(new: NewAgreement) -> None:
    if not new.reference.strip():
        raise Invalid("Indiquez la référence de la convention.")
    if new.ends_on is not None and new.ends_on < new.starts_on:
        raise Invalid("La date de fin de la convention précède sa date de début.")
    if not 0 <= new.weight_tolerance_percent <= 100:
        raise Invalid("La tolérance de poids doit être comprise entre 0 et 100 %.")
    if new.alert_threshold < 0 or new.alert_weeks < 1:
        raise Invalid("Le seuil d'alerte doit être positif et la durée d'au moins une semaine.")
    quota_terms(
        {
            "rate_percent": new.rate_percent,
            "basis": new.basis,
            "kg_per_device": new.kg_per_device,
            "too_old_in_basis": new.too_old_in_basis,
        }
    )


async def _check_parties(new: NewAgreement) -> None:
    kinds = {
        row["id"]: row["kind"]
        for row in await Organisation.select(Organisation.id, Organisation.kind).where(
            Organisation.id.is_in([new.organisation_id, new.reconditioner_id])
        )
    }
    if kinds.get(new.organisation_id) != OrganisationKind.COLLECTING.value:
        raise Invalid("Une convention se signe au nom d'une association de collecte.")
    if kinds.get(new.reconditioner_id) != OrganisationKind.RECONDITIONER.value:
        raise Invalid("Choisissez un reconditionneur agréé comme partenaire de la convention.")


async def create_agreement(
    scope: Scope, new: NewAgreement, circumstances: Circumstances
) -> dict[str, Any]:
    """Record a convention for the caller's association, with its creation event."""
    scope.check_write(new.organisation_id, "Association")
    _check_terms(new)
    async with write_transaction(Agreement):
        await _check_parties(new)
        rows = await Agreement.insert(
            Agreement(
                organisation=new.organisation_id,
                reconditioner=new.reconditioner_id,
                reference=new.reference.strip(),
                signed_on=new.signed_on,
                starts_on=new.starts_on,
                ends_on=new.ends_on,
                rate_percent=new.rate_percent,
                basis=new.basis.value,
                kg_per_device=new.kg_per_device,
                too_old_in_basis=new.too_old_in_basis,
                weight_tolerance_percent=new.weight_tolerance_percent,
                legal_reference=new.legal_reference.strip() or LEGAL_REFERENCE,
                alert_threshold=new.alert_threshold,
                alert_weeks=new.alert_weeks,
                created_at=circumstances.at,
            )
        )
        agreement_id = rows[0]["id"]
        await record(
            scope, new.organisation_id, "agreement", agreement_id, "created", circumstances
        )
    return await get_agreement(scope, agreement_id)


def _select() -> Any:
    return Agreement.select(
        *Agreement.all_columns(),
        Agreement.organisation.name.as_alias("organisation_name"),
        Agreement.reconditioner.name.as_alias("reconditioner_name"),
    )


async def list_agreements(scope: Scope) -> list[dict[str, Any]]:
    """Conventions of the caller's association, or addressed to the caller's reconditioner."""
    return await (
        _select()
        .where(readable_with_reconditioner(scope, Agreement.organisation, Agreement.reconditioner))
        .order_by(Agreement.starts_on, ascending=False)
    )


async def get_agreement(scope: Scope, agreement_id: int) -> dict[str, Any]:
    row = (
        await _select()
        .where(
            Agreement.id == agreement_id,
            readable_with_reconditioner(scope, Agreement.organisation, Agreement.reconditioner),
        )
        .first()
    )
    if row is None:
        raise NotFound("Convention introuvable.")
    return row


async def current_agreement(organisation_id: int, reconditioner_id: int, on: date) -> int | None:
    """The convention in force between two parties on a day (the latest started), if any."""
    row = (
        await Agreement.select(Agreement.id)
        .where(
            Agreement.organisation == organisation_id,
            Agreement.reconditioner == reconditioner_id,
            Agreement.starts_on <= on,
            Agreement.ends_on.is_null() | (Agreement.ends_on >= on),
        )
        .order_by(Agreement.starts_on, ascending=False)
        .first()
    )
    return row["id"] if row else None

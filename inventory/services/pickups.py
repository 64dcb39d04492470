"""Use cases on pickup requests (demandes d'enlèvement): a donor's offer the association agreed
to collect, with what the donor announced, waiting to be planned into a round.

Status moves forward only: requested → planned → done, or cancelled before it is done.
Publishing a round plan marks its requests planned (``plan_in_round``), taking it back opens
them again (``unplan_from_round``); closing a collection marks its request done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from inventory.categories import Category
from inventory.donor_rules import check_period
from inventory.engine import write_transaction
from inventory.errors import Conflict, IllegalTransition, Invalid
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.services.common import changed, insert_recorded, load, load_for_write
from inventory.states import PickupStatus
from inventory.tables import Donor, PickupRequest

WHAT = "Demande d'enlèvement"
OPEN_STATUSES = frozenset({PickupStatus.REQUESTED, PickupStatus.PLANNED})
"""A request still to be collected; only these may be changed or cancelled."""
ROUND_SUBJECT = "pickup_request"
"""The history of a request's moves in and out of a published round plan is kept under this
subject kind (as round planning always wrote it), with the plan in ``details``."""


def can_plan(status: PickupStatus) -> bool:
    """Only a request still waiting for a round goes into one: a planned one is already in a
    published plan, a done or cancelled one is settled."""
    return status is PickupStatus.REQUESTED


@dataclass(frozen=True)
class PickupData:
    """What the donor announced; quantities are per category code."""

    wished_from: date
    wished_until: date
    allowed_weekdays: list[int] = field(default_factory=list)
    estimated_quantities: dict[str, int] = field(default_factory=dict)
    estimated_weight_kg: float = 0.0
    estimated_volume_m3: float = 0.0
    mandatory: bool = False
    priority: int = 1
    requested_by: str = ""
    notes: str = ""


def _columns(data: PickupData) -> dict[str, Any]:
    check_period(data.wished_from, data.wished_until, "Dates souhaitées")
    if any(day not in range(1, 8) for day in data.allowed_weekdays):
        raise Invalid("Les jours possibles vont de 1 (lundi) à 7 (dimanche).")
    quantities = {}
    for code, quantity in data.estimated_quantities.items():
        if quantity < 0:
            raise Invalid("Une quantité annoncée ne peut pas être négative.", category=code)
        if quantity:
            quantities[Category.parse(code).value] = quantity
    if data.estimated_weight_kg < 0 or data.estimated_volume_m3 < 0:
        raise Invalid("Le poids et le volume estimés ne peuvent pas être négatifs.")
    if not 1 <= data.priority <= 5:
        raise Invalid("La priorité va de 1 (normale) à 5 (la plus haute).")
    values = asdict(data)
    values.update(
        allowed_weekdays=sorted(set(data.allowed_weekdays)),
        estimated_quantities=quantities,
        requested_by=data.requested_by.strip(),
        notes=data.notes.strip(),
    )
    return values


async def create_pickup(
    scope: Scope, donor_id: int, data: PickupData, circumstances: Circumstances
) -> dict[str, Any]:
    """Record a donor's offer, for the association that owns the donor."""
    values = _columns(data)
    async with write_transaction(PickupRequest):
        donor = await load_for_write(scope, Donor, donor_id, "Donateur")
        if not donor["active"]:
            raise Conflict(f"Le donateur « {donor['name']} » est désactivé.")
        new = PickupRequest(
            organisation=donor["organisation"],
            donor=donor_id,
            created_at=circumstances.at,
            created_by=scope.actor_id or None,
            **values,
        )
        pickup_id = await insert_recorded(
            scope, new, "pickup", circumstances, to_state=PickupStatus.REQUESTED.value
        )
    return await get_pickup(scope, pickup_id)


def check_open(row: dict[str, Any]) -> None:
    """Refuse to change a request that was collected or cancelled (its history is settled)."""
    if PickupStatus(row["status"]) not in OPEN_STATUSES:
        raise Conflict(
            f"Cette demande est « {PickupStatus(row['status']).label} » : "
            "elle ne peut plus être modifiée.",
            current=row["status"],
        )


async def _load_open(scope: Scope, pickup_id: int) -> dict[str, Any]:
    row = await load_for_write(scope, PickupRequest, pickup_id, WHAT)
    check_open(row)
    return row


async def update_pickup(
    scope: Scope, pickup_id: int, data: PickupData, circumstances: Circumstances
) -> dict[str, Any]:
    values = _columns(data)
    async with write_transaction(PickupRequest):
        before = await _load_open(scope, pickup_id)
        await PickupRequest.update(**values).where(PickupRequest.id == pickup_id)
        await record(
            scope,
            before["organisation"],
            "pickup",
            pickup_id,
            "updated",
            circumstances,
            details=changed(before, values),
        )
    return await get_pickup(scope, pickup_id)


async def set_status(
    scope: Scope,
    pickup_id: int,
    status: PickupStatus,
    circumstances: Circumstances,
    reason: str = "",
) -> None:
    """Move a still-open request to ``status``; call inside the caller's transaction or alone."""
    before = await _load_open(scope, pickup_id)
    await PickupRequest.update({PickupRequest.status: status.value}).where(
        PickupRequest.id == pickup_id
    )
    await record(
        scope,
        before["organisation"],
        "pickup",
        pickup_id,
        "status",
        circumstances,
        from_state=before["status"],
        to_state=status.value,
        comment=reason,
    )


async def _record_round_moves(
    scope: Scope,
    rows: list[dict[str, Any]],
    action: str,
    states: tuple[PickupStatus, PickupStatus],
    round_plan_id: int,
    circumstances: Circumstances,
) -> None:
    for row in rows:
        await record(
            scope,
            row["organisation"],
            ROUND_SUBJECT,
            row["id"],
            action,
            circumstances,
            from_state=states[0],
            to_state=states[1],
            details={"round_plan": round_plan_id},
        )


async def plan_in_round(
    scope: Scope, labels: Mapping[int, str], round_plan_id: int, circumstances: Circumstances
) -> None:
    """The requests a round plan visits (id → how the plan names the stop) go from requested to
    planned as the plan is published; call inside the publishing transaction.

    Refused (``IllegalTransition``) when one is no longer waiting: cancelled, or planned by
    another plan since this one was drafted.
    """
    ids = list(labels)
    rows = await PickupRequest.select(
        PickupRequest.id, PickupRequest.organisation, PickupRequest.status
    ).where(PickupRequest.id.is_in(ids or [-1]))
    for row in rows:
        scope.check_write(row["organisation"], WHAT)
        if not can_plan(PickupStatus(row["status"])):
            raise IllegalTransition(
                f"{labels[row['id']]} : la demande est déjà "
                f"{PickupStatus(row['status']).label} ; replanifiez la semaine sans elle."
            )
    await PickupRequest.update({PickupRequest.status: PickupStatus.PLANNED}).where(
        PickupRequest.id.is_in(ids or [-1])
    )
    by_id = {row["id"]: row for row in rows}
    await _record_round_moves(
        scope,
        [by_id[i] for i in ids if i in by_id],
        "plan",
        (PickupStatus.REQUESTED, PickupStatus.PLANNED),
        round_plan_id,
        circumstances,
    )


async def unplan_from_round(
    scope: Scope, ids: list[int], round_plan_id: int, circumstances: Circumstances
) -> list[int]:
    """The requests of a round plan taken back to draft that are still planned are open again
    (planned anew when it is published); returns their ids. Call inside the withdrawal."""
    rows = await PickupRequest.select(PickupRequest.id, PickupRequest.organisation).where(
        PickupRequest.id.is_in(ids or [-1]), PickupRequest.status == PickupStatus.PLANNED
    )
    for row in rows:
        scope.check_write(row["organisation"], WHAT)
    reopened = await (
        PickupRequest.update({PickupRequest.status: PickupStatus.REQUESTED})
        .where(PickupRequest.id.is_in([row["id"] for row in rows] or [-1]))
        .returning(PickupRequest.id)
    )
    by_id = {row["id"]: row for row in rows}
    await _record_round_moves(
        scope,
        [by_id[row["id"]] for row in reopened],
        "unplan",
        (PickupStatus.PLANNED, PickupStatus.REQUESTED),
        round_plan_id,
        circumstances,
    )
    return [row["id"] for row in reopened]


async def cancel_pickup(
    scope: Scope, pickup_id: int, reason: str, circumstances: Circumstances
) -> dict[str, Any]:
    """Cancel a request not yet collected; the reason is kept in the history."""
    if not reason.strip():
        raise Invalid("Un motif est obligatoire pour annuler une demande.")
    async with write_transaction(PickupRequest):
        await set_status(scope, pickup_id, PickupStatus.CANCELLED, circumstances, reason.strip())
    return await get_pickup(scope, pickup_id)


_WITH_DONOR = (*PickupRequest.all_columns(), PickupRequest.donor.name.as_alias("donor_name"))


async def get_pickup(scope: Scope, pickup_id: int) -> dict[str, Any]:
    await load(scope, PickupRequest, pickup_id, WHAT)
    row = (
        await PickupRequest.select(*_WITH_DONOR)
        .where(PickupRequest.id == pickup_id)
        .first()
        .output(load_json=True)
    )
    assert row is not None
    return row


async def list_pickups(
    scope: Scope, *, statuses: frozenset[PickupStatus] | None = None, donor_id: int | None = None
) -> list[dict[str, Any]]:
    """Requests the caller may read, soonest wished date first."""
    query = PickupRequest.select(*_WITH_DONOR).where(
        scope.readable_where(PickupRequest.organisation)
    )
    if statuses:
        query = query.where(PickupRequest.status.is_in([s.value for s in statuses]))
    if donor_id is not None:
        query = query.where(PickupRequest.donor == donor_id)
    return await query.order_by(PickupRequest.wished_from).output(load_json=True)

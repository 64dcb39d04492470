"""Who besides the owning association may read a lot, an agreement or a device: the one place.

``Scope`` answers "which organisations' records may I read"; records of the journey also have a
second reader named on the record itself:

- a lot or an agreement names its reconditioner (TRIRA): that organisation's staff read it, and
  confirm a lot's receipt, although the record belongs to the collecting association;
- a returned device names the reconditioner that returned it: it reads what it recorded;
- an installing association (BLÉ) reads the devices *available to give* (in stock) of every
  collecting association of the deployment: it offers them to trainees. One deployment runs one
  programme, so the partnership is programme-wide, as managers' scope is;
- a device an installing association reserved names it as its ``holder``: the holder reads it
  and alone moves it (reserved → assigned → installed, or back to the stock, which ends the
  hold), while the owning association keeps reading it and its state. The person it is promised
  to is the installing association's record, never the device's.
"""

from __future__ import annotations

from typing import Any

from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.states import AVAILABLE_TO_GIVE
from inventory.tables import Device, Organisation


def readable_with_reconditioner(scope: Scope, owner: Any, reconditioner: Any) -> Any:
    """A where-clause: records the scope may read, or that name the caller's organisation as
    their reconditioner (``owner``/``reconditioner`` are the record's two organisation FKs)."""
    return scope.readable_where(owner) | (reconditioner == scope.organisation_id)


def is_named_reconditioner(scope: Scope, row: dict[str, Any]) -> bool:
    """Whether the caller works for the reconditioner named on a lot, agreement or device row."""
    return row.get("reconditioner") == scope.organisation_id


async def _is_installing(scope: Scope) -> bool:
    kind = (
        await Organisation.select(Organisation.kind)
        .where(Organisation.id == scope.organisation_id)
        .first()
    )
    return kind is not None and kind["kind"] == OrganisationKind.INSTALLING.value


async def devices_readable_where(scope: Scope) -> Any:
    """Devices the caller may read: its own scope and what it returned; an installing
    association, which keeps no stock of its own, reads the stock available to give and the
    devices it holds."""
    if await _is_installing(scope):
        available = Device.state.is_in([state.value for state in AVAILABLE_TO_GIVE])
        return available | (Device.holder == scope.organisation_id)
    return readable_with_reconditioner(scope, Device.organisation, Device.reconditioner)


def may_move_held(scope: Scope, holder: int) -> bool:
    """Whether the caller acts for the association holding a device (its staff, or an operator
    whose scope writes everywhere)."""
    return scope.writable is None or scope.organisation_id == holder

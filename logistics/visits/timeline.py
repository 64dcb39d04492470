"""An attribution's story as its page tells it: reserved, contract signed, installed, back to
the stock, each with when and who.

The attribution's row keeps each step's moment and author (the device's events, in the owner's
history, keep the same moves without the person), so the story is read from it alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from inventory.scope import Scope
from logistics.accounts.tables import UserAccount
from logistics.visits.assignments import AssignmentRecord
from logistics.visits.tables import Assignment, AssignmentState

NOBODY = "exploitation (ligne de commande)"
"""Who a step was made by when no account made it (the demo, the command line)."""


@dataclass(frozen=True)
class Step:
    at: datetime
    what: str
    who: str


def steps_of(record: AssignmentRecord, authors: Mapping[str, str]) -> list[Step]:
    """The steps the attribution went through, oldest first; ``authors`` names who made each
    (keys ``reserved``, ``assigned``, ``installed``, ``released``)."""

    def by(step: str) -> str:
        return authors.get(step) or NOBODY

    steps = [Step(record.reserved_at, f"Appareil réservé : {record.device_label}", by("reserved"))]
    if record.contract_signed_at is not None:
        signed = f"Contrat {record.contract_number} signé par {record.contract_signer}"
        if record.assigned_at is not None:
            signed += " : l'appareil lui est attribué"
        steps.append(Step(record.contract_signed_at, signed, by("assigned")))
    if record.installed_at is not None:
        internet = "internet fonctionne" if record.with_internet else "sans internet"
        installed = f"Installé au domicile, {internet}"
        steps.append(Step(record.installed_at, installed, by("installed")))
    if record.released_at is not None:
        ending = "Rendu au stock" if record.state is AssignmentState.RETURNED else "Libéré"
        ended = f"{ending} : {record.release_reason}"
        steps.append(Step(record.released_at, ended, by("released")))
    return sorted(steps, key=lambda step: step.at)


async def timeline(scope: Scope, record: AssignmentRecord) -> list[Step]:
    """The story of an attribution the caller read (``get_assignment``), with the authors'
    names."""
    scope.require("residents:read", "de consulter les attributions d'appareils")
    row = (
        await Assignment.select(
            Assignment.reserved_by,
            Assignment.assigned_by,
            Assignment.installed_by,
            Assignment.released_by,
        )
        .where(Assignment.id == record.id)
        .first()
    )
    assert row is not None  # the record was just read through the scope
    ids = {key.removesuffix("_by"): value for key, value in row.items() if value}
    names = {
        account["id"]: account["full_name"]
        for account in await UserAccount.select(UserAccount.id, UserAccount.full_name).where(
            UserAccount.id.is_in(list(ids.values()) or [-1])
        )
    }
    return steps_of(record, {step: names.get(user, "") for step, user in ids.items()})

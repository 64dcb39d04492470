"""What came of an installation visit, as the installer records it (most often from the phone,
through the field inbox: ``logistics.field.sync``), and the loan contract signed there.

An outcome moves the trainee's device through the attribution's use cases
(``logistics.visits.assignments``), in the same transaction as the visit: installed (with the
internet working or not) for an installation, back to the stock for a refusal; absent and put off
move nothing. Those use cases write the device's events; the visit writes its own.

An outcome is recorded once: the same outcome told again (a second tap, a second phone, a replay
the inbox did not recognise) changes nothing and moves no device a second time. A person found
absent may still be seen later the same day, so an "absent" visit takes another outcome; any other
outcome is final, and a different one is refused with the outcome already recorded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services.common import load_for_write
from logistics.french import french_date
from logistics.visits import assignments
from logistics.visits.booking import set_outcome
from logistics.visits.tables import Visit, VisitStatus

OUTCOMES = frozenset(
    {
        VisitStatus.INSTALLED,
        VisitStatus.INSTALLED_NO_INTERNET,
        VisitStatus.ABSENT,
        VisitStatus.RESCHEDULED,
        VisitStatus.REFUSED,
    }
)
"""What an installer can say of a visit (a cancelled one is cancelled by booking, not here)."""
INSTALLATIONS = frozenset({VisitStatus.INSTALLED, VisitStatus.INSTALLED_NO_INTERNET})
STILL_OPEN = frozenset({VisitStatus.BOOKED, VisitStatus.ABSENT})
"""Visits that take an outcome: booked, or found absent (the installer may come back)."""


def parse_outcome(code: str) -> VisitStatus:
    """The outcome a phone or a form sent, refused in French when it is not one."""
    try:
        outcome = VisitStatus(code)
    except ValueError:
        outcome = None
    if outcome not in OUTCOMES:
        raise Invalid(f"Résultat de visite inconnu : « {code} ».")
    return outcome


def needs_recording(current: VisitStatus, outcome: VisitStatus) -> bool:
    """Whether ``outcome`` changes the visit: ``False`` when it is the outcome already recorded;
    refused (``Conflict``) when the visit already has another, final, outcome."""
    if current == outcome:
        return False
    if current not in STILL_OPEN:
        raise Conflict(
            f"Cette visite est déjà notée « {current.label} » : "
            "ce résultat n'est pas enregistré, voyez avec l'équipe au bureau."
        )
    return True


def outcome_notes(outcome: VisitStatus, notes: str, proposed_day: date | None) -> str:
    """The notes kept on the visit; a visit put off needs the date proposed or a word on why."""
    notes = notes.strip()
    if outcome is VisitStatus.RESCHEDULED:
        if not notes and proposed_day is None:
            raise Invalid(
                "Pour reporter la visite, notez la date proposée ou un mot d'explication."
            )
        if proposed_day is not None:
            proposed = f"Date proposée : {french_date(proposed_day, weekday=True)}."
            notes = f"{proposed} {notes}".strip()
    return notes


async def _assignment_of(scope: Scope, visit: dict[str, Any]) -> int | None:
    """The attribution the visit installs: the one booking linked, else the trainee's own still
    holding a device (a trainee has one at most)."""
    if visit["assignment"] is not None:
        return int(visit["assignment"])
    active = await assignments.active_assignment_of(scope, visit["trainee"])
    return active.id if active else None


def _no_device() -> Conflict:
    return Conflict(
        "Aucun ordinateur n'est attribué à cette personne : "
        "l'installation n'est pas enregistrée, voyez avec l'équipe au bureau."
    )


async def _move_device(
    scope: Scope,
    assignment_id: int | None,
    outcome: VisitStatus,
    notes: str,
    circumstances: Circumstances,
) -> None:
    if outcome in INSTALLATIONS:
        if assignment_id is None:
            raise _no_device()
        with_internet = outcome is VisitStatus.INSTALLED
        await assignments.install(scope, assignment_id, with_internet, circumstances)
    elif outcome is VisitStatus.REFUSED and assignment_id is not None:
        reason = "Refusé par la personne à la visite d'installation"
        reason = f"{reason} : {notes}" if notes else reason
        await assignments.give_back_to_stock(scope, assignment_id, reason, circumstances)


async def record_outcome(
    scope: Scope,
    visit_id: int,
    outcome: VisitStatus,
    notes: str,
    circumstances: Circumstances,
    proposed_day: date | None = None,
) -> int:
    """Record what came of a visit, with its event; returns the visit's id."""
    scope.require("residents:manage", "de noter le résultat d'une visite")
    if outcome not in OUTCOMES:
        raise Invalid(f"Résultat de visite inconnu : « {outcome} ».")
    kept = outcome_notes(outcome, notes, proposed_day)
    async with write_transaction(Visit):
        visit = await load_for_write(scope, Visit, visit_id, "Visite")
        current = VisitStatus(visit["status"])
        if not needs_recording(current, outcome):
            return visit_id
        proposed = proposed_day if outcome is VisitStatus.RESCHEDULED else None
        await set_outcome(scope, visit, outcome, kept, "outcome", circumstances, proposed)
        await _move_device(scope, await _assignment_of(scope, visit), outcome, kept, circumstances)
    return visit_id


async def sign_contract_at_visit(
    scope: Scope,
    visit_id: int,
    signer_name: str,
    signature_path: str,
    circumstances: Circumstances,
) -> int:
    """The trainee signs the loan contract of the visit's device in their home; the device is
    then theirs (assigned). Returns the attribution's id; signing again changes nothing."""
    scope.require("residents:manage", "de faire signer un contrat de mise à disposition")
    async with write_transaction(Visit):
        visit = await load_for_write(scope, Visit, visit_id, "Visite")
        assignment_id = await _assignment_of(scope, visit)
        if assignment_id is None:
            raise _no_device()
        await assignments.sign_contract(
            scope, assignment_id, signer_name, signature_path, circumstances
        )
    return assignment_id

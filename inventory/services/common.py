"""What every use case of the journey shares: scoped loading, the changes an update records, and
recognising a phone's replayed request by its ``client_uuid``. Writes run in
``inventory.engine.write_transaction``, where the engines' differences live.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

from piccolo.table import Table

from inventory.engine import DUPLICATE_KEY_ERRORS, lock_rows
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation

T = TypeVar("T")


async def once_more_on_duplicate_key(attempt: Callable[[], Awaitable[T]]) -> T:
    """Run ``attempt`` (a whole transaction); when a concurrent twin took the same unique key
    (a document number), run it once more: the second try reads what the twin wrote."""
    try:
        return await attempt()
    except DUPLICATE_KEY_ERRORS:
        return await attempt()


async def writable_organisation_of_kind(
    scope: Scope, organisation_id: int | None, kind: OrganisationKind, refusal: str
) -> int:
    """The organisation a new record goes to (the caller's, or one an admin names), checked to
    be writable and of ``kind``: donors belong to a collecting association, trainees to an
    installing one. ``refusal`` says so in French otherwise."""
    organisation_id = organisation_id or scope.organisation_id
    scope.check_write(organisation_id, "Organisation")
    row = (
        await Organisation.select(Organisation.kind)
        .where(Organisation.id == organisation_id)
        .first()
    )
    if row is None or row["kind"] != kind:
        raise Invalid(refusal)
    return organisation_id


async def load(
    scope: Scope, table: type[Table], record_id: int, what: str, *, lock: bool = False
) -> dict[str, Any]:
    """One row the caller may read, or ``NotFound`` (out of scope looks like unknown).

    ``lock`` holds the row until the transaction ends on PostgreSQL (``SELECT ... FOR UPDATE``),
    so two concurrent moves of one record are applied one after the other; SQLite's writer lock
    already does that.
    """
    query = table.select().where(table._meta.primary_key == record_id)
    if lock:
        query = lock_rows(query)
    row = await query.first().output(load_json=True)
    if row is None:
        raise NotFound(f"{what} introuvable.")
    scope.check_read(row["organisation"], what)
    return row


async def load_for_write(
    scope: Scope, table: type[Table], record_id: int, what: str
) -> dict[str, Any]:
    """One row the caller may change, locked for the transaction, or ``NotFound``."""
    row = await load(scope, table, record_id, what, lock=True)
    scope.check_write(row["organisation"], what)
    return row


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields an update really changes, as JSON-ready values for the event that records it."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in after.items()
        if before.get(key) != value
    }


def check_client_uuid(value: str | None) -> str | None:
    """A phone-made identifier in its canonical form (lower case, dashes), so a replay written
    differently still matches; refuses anything that is not a UUID."""
    if value is None or not value.strip():
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise Invalid(
            f"Identifiant client « {value} » invalide : un UUID est attendu.", client_uuid=value
        ) from None


async def replayed(scope: Scope, table: Any, client_uuid: str | None, what: str) -> int | None:
    """The id of the record a phone already created with ``client_uuid``, if any."""
    if client_uuid is None:
        return None
    row = (
        await table.select(table.id, table.organisation)
        .where(table.client_uuid == client_uuid)
        .first()
    )
    if row is None:
        return None
    if not scope.can_read(row["organisation"]):
        raise Conflict(f"Identifiant client déjà utilisé par un(e) autre {what.lower()}.")
    return row["id"]


async def insert_recorded(
    scope: Scope,
    new: Table,
    subject_kind: str,
    circumstances: Circumstances,
    *,
    action: str = "created",
    to_state: str | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Insert a record and the event of its creation; returns its id. Call in a transaction."""
    table = type(new)
    rows = await table.insert(new).returning(table._meta.primary_key)
    new_id = rows[0]["id"]
    organisation = new.organisation  # type: ignore[attr-defined]  # every recorded table has it
    await record(
        scope,
        organisation,
        subject_kind,
        new_id,
        action,
        circumstances,
        to_state=to_state,
        details=details,
    )
    return new_id

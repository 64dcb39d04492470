"""What every use case of the journey shares: the write transaction and scoped loading.

On SQLite a transaction that reads and then writes can be refused outright when another writer
got in first, so writes start as ``BEGIN IMMEDIATE``: they take the writer lock at once and wait
for each other (busy timeout) instead. PostgreSQL keeps its default and row locks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

from inventory.errors import NotFound
from inventory.scope import Scope


def write_transaction(table: type[Table]) -> Any:
    """``async with write_transaction(Item):`` around the load-check-act-record of a use case."""
    engine = table._meta.db
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


async def load(
    scope: Scope, table: type[Table], record_id: int, what: str, *, lock: bool = False
) -> dict[str, Any]:
    """One row the caller may read, or ``NotFound`` (out of scope looks like unknown).

    ``lock`` holds the row until the transaction ends on PostgreSQL (``SELECT ... FOR UPDATE``),
    so two concurrent moves of one record are applied one after the other; SQLite's writer lock
    already does that.
    """
    query = table.select().where(table._meta.primary_key == record_id).first()
    if lock and not isinstance(table._meta.db, SQLiteEngine):
        query = query.lock_rows()
    row = await query.output(load_json=True)
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


def contains(column: Any, text: str) -> Any:
    """A case-insensitive "contains" filter: ILIKE on PostgreSQL; SQLite's LIKE already ignores
    the case of ASCII letters (not of accented ones), and has no ILIKE."""
    pattern = "%" + text.replace("%", "").replace("_", "") + "%"
    if isinstance(column._meta.table._meta.db, SQLiteEngine):
        return column.like(pattern)
    return column.ilike(pattern)

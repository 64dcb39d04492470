"""Every difference between SQLite and PostgreSQL the application minds, in one place.

The code above this module writes one way for both engines: a use case that reads and then
writes runs in ``write_transaction``, locks the rows it must keep still with ``lock_rows``, and
filters with ``contains``; it catches ``DUPLICATE_KEY_ERRORS`` and ``DEADLOCK_ERRORS`` rather than
a driver's classes. Which engine runs is chosen in ``logistics/piccolo_conf.py``, from settings.

SQLite has one writer at a time. A transaction that reads and then writes can be refused outright
("database is locked") when another writer got in first, so writes start as ``BEGIN IMMEDIATE``:
they take the writer lock at once and wait for each other (busy timeout) instead. That one lock
also serialises what PostgreSQL needs row locks (``SELECT ... FOR UPDATE``) for.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import weakref
from collections.abc import AsyncIterator
from typing import Any, TypeVar

from asyncpg.exceptions import DeadlockDetectedError, UniqueViolationError
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.query.methods.select import Select
from piccolo.table import Table

S = TypeVar("S", bound=Select[Any])

DUPLICATE_KEY_ERRORS = (UniqueViolationError, sqlite3.IntegrityError)
"""What either engine raises when two writers insert the same unique key at the same moment:
callers that can meet a concurrent twin catch it and read what the other one wrote."""

DEADLOCK_ERRORS = (DeadlockDetectedError,)
"""Two transactions locking the same rows in opposite orders: PostgreSQL undoes one of them,
which may simply be run again. SQLite's single writer lock never deadlocks."""


def is_sqlite(table: type[Table]) -> bool:
    """Whether this table lives in a SQLite file."""
    return isinstance(table._meta.db, SQLiteEngine)


def write_transaction(table: type[Table]) -> Any:
    """The unit of work of a use case that reads and then writes:
    ``async with write_transaction(Item):`` around its load-check-act-record."""
    engine = table._meta.db
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


def lock_rows(query: S) -> S:
    """The select ``query`` holding its rows until the transaction ends (PostgreSQL's
    ``FOR UPDATE``), so two concurrent use cases on one record are applied one after the other.
    Unchanged on SQLite, where ``write_transaction``'s writer lock already does that."""
    if is_sqlite(query.table):
        return query
    return query.lock_rows()


async def lock_row(table: type[Table], row_id: int) -> None:
    """Hold one row until the transaction ends, reading nothing: see ``lock_rows``."""
    if not is_sqlite(table):
        await (
            table.select(table._meta.primary_key)
            .where(table._meta.primary_key == row_id)
            .lock_rows()
        )


def contains(column: Any, text: str) -> Any:
    """A case-insensitive "contains" filter: ILIKE on PostgreSQL; SQLite's LIKE already ignores
    the case of ASCII letters (not of accented ones), and has no ILIKE."""
    pattern = "%" + text.replace("%", "").replace("_", "") + "%"
    if is_sqlite(column._meta.table):
        return column.like(pattern)
    return column.ilike(pattern)


_WRITER_QUEUES: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def writers_in_turn(table: type[Table]) -> Any:
    """On SQLite, the writers that enter this (the phones' entries, stored in the inbox and
    applied) wait for the writer lock in turn, first come, first served, instead of in SQLite's
    busy loop, which sleeps and lets late comers overtake: under fifty agents at once some waited
    seconds. Nothing on PostgreSQL, whose row locks queue already."""
    if not is_sqlite(table):
        return contextlib.nullcontext()
    return _WRITER_QUEUES.setdefault(asyncio.get_running_loop(), asyncio.Lock())


async def use_wal() -> None:
    """Put the registry's SQLite file in WAL mode, so readers do not block the writer (kept in
    the file). PostgreSQL's readers never block its writers."""
    engine = engine_finder()
    if isinstance(engine, SQLiteEngine):
        await engine.run_ddl("PRAGMA journal_mode=WAL")


async def _keep_session(_: object) -> None:
    """Nothing to reset when a connection goes back to the pool.

    asyncpg rolls back a transaction left open in any case; its default reset also runs
    ``UNLISTEN``, ``CLOSE ALL``, ``RESET ALL`` and ``pg_advisory_unlock_all()``, one more round
    trip for every query, for session features this application never uses.
    """


POOL_OPTIONS = {"min_size": 10, "max_size": 30, "reset": _keep_session}
"""PostgreSQL pool of a server process: room for a burst of phones syncing at the same moment."""


@contextlib.asynccontextmanager
async def connection_pool(wanted: bool) -> AsyncIterator[None]:
    """While it is entered, the registry's PostgreSQL queries share a pool of connections (when
    ``wanted``); SQLite opens a connection per transaction or query, which costs nothing like a
    server's."""
    engine = engine_finder()
    if not (wanted and isinstance(engine, PostgresEngine)):
        yield
        return
    await engine.start_connection_pool(**POOL_OPTIONS)
    try:
        yield
    finally:
        await engine.close_connection_pool()

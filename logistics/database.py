"""Database life cycle: applying migrations, telling whether any are pending."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from piccolo.apps.migrations.commands.check import CheckMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards

from inventory.engine import use_wal

MIGRATE_COMMAND = "logistics migrate"


class PendingMigrations(RuntimeError):
    """The schema is behind the code: serving would fail on the first query that needs it."""

    def __init__(self, pending: list[str]) -> None:
        super().__init__(
            f"{len(pending)} migration(s) not applied ({', '.join(pending)}). "
            f"Run: {MIGRATE_COMMAND}"
        )
        self.pending = pending


@dataclass(frozen=True)
class DatabaseStatus:
    reachable: bool
    pending: list[str]
    error: str = ""

    @property
    def ready(self) -> bool:
        return self.reachable and not self.pending


async def pending_migrations() -> list[str]:
    """Ids of committed migrations not yet applied, in every app of the registry."""
    with contextlib.redirect_stdout(io.StringIO()):
        statuses = await CheckMigrationManager(app_name="all").get_migration_statuses()
    return [f"{s.app_name}:{s.migration_id}" for s in statuses if not s.has_ran]


async def database_status() -> DatabaseStatus:
    """What ``/readyz`` reports: can we reach the database, and is its schema current."""
    try:
        return DatabaseStatus(reachable=True, pending=await pending_migrations())
    except Exception as error:
        return DatabaseStatus(reachable=False, pending=[], error=type(error).__name__)


async def migrate(quiet: bool = False) -> list[str]:
    """Apply every pending migration; returns what was applied."""
    await use_wal()
    pending = await pending_migrations()
    output = io.StringIO() if quiet else None
    with contextlib.redirect_stdout(output) if output else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise RuntimeError(f"Migration failed: {result.message}")
    return pending


async def ensure_migrated() -> None:
    """Refuse to serve on a schema that is behind the code."""
    pending = await pending_migrations()
    if pending:
        raise PendingMigrations(pending)

"""One tag sequence per organisation and year, enforced by the database.

Written by hand: Piccolo's auto migrations cannot declare a unique index over two columns. The
first label number of a year is taken with ``INSERT ... ON CONFLICT DO NOTHING`` against this
index, so two agents logging the year's first items at once cannot start two sequences.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T18:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique tag sequence per organisation and year"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inventory", description=DESCRIPTION)

    async def create_index() -> None:
        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX tag_sequence_organisation_year "
            "ON tag_sequence (organisation, year)"
        )

    manager.add_raw(create_index)
    return manager

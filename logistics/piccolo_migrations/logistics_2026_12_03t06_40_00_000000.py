"""Copy each stop's and left-out entry's pickup request into its subject, then drop the old
foreign keys (``round_stop.pickup_request``, ``round_stop.donor``,
``left_out_request.pickup_request``): a stop's donor is its request's, read through its kind.

Written by hand. SQLite cannot drop a column that a foreign key constraint uses, so on SQLite
the two tables are first rebuilt from their own ``CREATE TABLE`` with those constraints left
out (the columns stay, as plain integers, and their indexes are made again); Piccolo's own
``drop_column`` then drops them on both engines, and its record of the schema stays the same
on both. Nothing references these two tables, so rebuilding them with foreign keys enforced is
safe. PostgreSQL drops the columns with their constraints directly.
"""

import re

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-03T06:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "stops' subjects copied from their pickup requests; old foreign keys dropped"

OLD_COLUMNS = {
    "round_stop": ("pickup_request", "donor"),
    "left_out_request": ("pickup_request",),
}
CLASS_NAMES = {"round_stop": "RoundStop", "left_out_request": "LeftOutRequest"}
ACTION = "(?:CASCADE|RESTRICT|NO ACTION|SET NULL|SET DEFAULT)"
COPY = (
    "UPDATE round_stop SET subject_kind = 'pickup_request', subject_id = pickup_request "
    "WHERE pickup_request IS NOT NULL",
    "UPDATE left_out_request SET subject_kind = 'pickup_request', subject_id = pickup_request",
)


def without_references(create_table: str, columns: tuple[str, ...]) -> str:
    """A table's ``CREATE TABLE`` with the foreign key clauses of ``columns`` left out."""
    for column in columns:
        create_table, found = re.subn(
            rf'("{column}" INTEGER(?: NOT NULL)?) REFERENCES "\w+" \("id"\)'
            rf"(?: ON DELETE {ACTION})?(?: ON UPDATE {ACTION})?",
            r"\1",
            create_table,
        )
        if found != 1:
            raise RuntimeError(f"Foreign key of {column} not found in: {create_table}")
    return create_table


async def _rebuild_without_references(engine: SQLiteEngine, table: str) -> None:
    rows = await engine.run_ddl(
        f"SELECT type, sql FROM sqlite_master WHERE tbl_name = '{table}' AND sql IS NOT NULL"
    )
    create = next(row["sql"] for row in rows if row["type"] == "table")
    indexes = [row["sql"] for row in rows if row["type"] == "index"]
    rebuilt = without_references(create, OLD_COLUMNS[table])
    await engine.run_ddl(rebuilt.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{table}_new"'))
    await engine.run_ddl(f'INSERT INTO "{table}_new" SELECT * FROM "{table}"')
    await engine.run_ddl(f'DROP TABLE "{table}"')
    await engine.run_ddl(f'ALTER TABLE "{table}_new" RENAME TO "{table}"')
    for index in indexes:
        await engine.run_ddl(index)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="logistics", description=DESCRIPTION)

    async def copy_and_unlink() -> None:
        engine = engine_finder()
        for statement in COPY:
            await engine.run_ddl(statement)
        if isinstance(engine, SQLiteEngine):
            for table in OLD_COLUMNS:
                await _rebuild_without_references(engine, table)

    manager.add_raw(copy_and_unlink)
    for table, columns in OLD_COLUMNS.items():
        for column in columns:
            manager.drop_column(
                table_class_name=CLASS_NAMES[table],
                tablename=table,
                column_name=column,
                db_column_name=column,
                schema=None,
            )
    return manager

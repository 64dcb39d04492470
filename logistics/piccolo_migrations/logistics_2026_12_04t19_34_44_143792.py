from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T19:34:44:143792"
VERSION = "1.38.0"
DESCRIPTION = "vehicle unload and trips"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="logistics", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Vehicle",
        tablename="vehicle",
        column_name="max_trips",
        db_column_name="max_trips",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Vehicle",
        tablename="vehicle",
        column_name="multiple_trips",
        db_column_name="multiple_trips",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": True,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Vehicle",
        tablename="vehicle",
        column_name="unload_minutes",
        db_column_name="unload_minutes",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 0,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager

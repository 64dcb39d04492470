from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Varchar

ID = "2026-12-04T19:23:22:843350"
VERSION = "1.38.0"
DESCRIPTION = "Devices back from a home may go to recycling"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="inventory", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Device",
        tablename="device",
        column_name="state",
        db_column_name="state",
        params={
            "choices": Enum(
                "DeviceState",
                {
                    "RECEIVED": "received",
                    "IN_STOCK": "in_stock",
                    "RESERVED": "reserved",
                    "ASSIGNED": "assigned",
                    "INSTALLED": "installed",
                    "RETURNED": "returned",
                    "BROKEN": "broken",
                    "LOST": "lost",
                    "RECYCLED": "recycled",
                },
            )
        },
        old_params={
            "choices": Enum(
                "DeviceState",
                {
                    "RECEIVED": "received",
                    "IN_STOCK": "in_stock",
                    "RESERVED": "reserved",
                    "ASSIGNED": "assigned",
                    "INSTALLED": "installed",
                    "RETURNED": "returned",
                    "BROKEN": "broken",
                    "LOST": "lost",
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager

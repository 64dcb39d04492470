"""The outbox carries text messages too (``channel``) and marks those about BLÉ's trainees
(``about_resident``); access tokens gain the calendar kind (a staff member's private .ics)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T14:34:33:710074"
VERSION = "1.38.0"
DESCRIPTION = "Outbox channel and residents flag; calendar feed tokens"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="logistics", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="OutboxMessage",
        tablename="outbox_message",
        column_name="about_resident",
        db_column_name="about_resident",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
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
        table_class_name="OutboxMessage",
        tablename="outbox_message",
        column_name="channel",
        db_column_name="channel",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "email",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum("OutboxChannel", {"EMAIL": "email", "SMS": "sms"}),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.alter_column(
        table_class_name="AccessToken",
        tablename="access_token",
        column_name="kind",
        db_column_name="kind",
        params={
            "choices": Enum(
                "TokenKind",
                {"SESSION": "session", "API": "api", "CALENDAR": "calendar"},
            )
        },
        old_params={
            "choices": Enum("TokenKind", {"SESSION": "session", "API": "api"})
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager

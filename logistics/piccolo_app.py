"""Piccolo app of the application side (accounts, tokens, login attempts)."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from logistics.accounts.tables import AccessToken, LoginAttempt, UserAccount
from logistics.field.tables import SyncBatch, SyncReceipt
from logistics.mail.tables import OutboxMessage
from logistics.rota.tables import ROTA_TABLES
from logistics.rounds.tables import ROUND_TABLES
from logistics.staff.tables import STAFF_TABLES
from logistics.trainees.tables import TRAINEE_TABLES
from logistics.visits.tables import VISIT_TABLES

APP_CONFIG = AppConfig(
    app_name="logistics",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        UserAccount,
        AccessToken,
        LoginAttempt,
        *ROUND_TABLES,
        OutboxMessage,
        SyncReceipt,
        SyncBatch,
        *STAFF_TABLES,
        *ROTA_TABLES,
        *TRAINEE_TABLES,
        *VISIT_TABLES,
    ],
    migration_dependencies=["inventory.piccolo_app"],
    commands=[],
)

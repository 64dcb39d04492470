"""Piccolo app of the application side (accounts and organisations)."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from logistics.tables import AccessToken, LoginAttempt, Organisation, UserAccount

APP_CONFIG = AppConfig(
    app_name="logistics",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Organisation, UserAccount, AccessToken, LoginAttempt],
    migration_dependencies=[],
    commands=[],
)

"""Piccolo app of the planning side (the geocoding cache)."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from routes.tables import GeocodeCacheEntry

APP_CONFIG = AppConfig(
    app_name="routes",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[GeocodeCacheEntry],
    migration_dependencies=[],
    commands=[],
)

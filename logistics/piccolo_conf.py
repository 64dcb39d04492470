"""Piccolo registry: the engine is chosen by ``DATABASE_URL`` (SQLite by default, PostgreSQL)."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from logistics.settings import get_settings


def _engine() -> SQLiteEngine | PostgresEngine:
    settings = get_settings()
    if settings.is_sqlite:
        settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        # timeout: writers wait for each other instead of failing with "database is locked".
        return SQLiteEngine(path=str(settings.sqlite_path), timeout=30)
    url = urlparse(settings.database_url)
    return PostgresEngine(
        config={
            "host": url.hostname or "127.0.0.1",
            "port": url.port or 5432,
            "user": unquote(url.username or "postgres"),
            "password": unquote(url.password or ""),
            "database": url.path.lstrip("/") or "postgres",
        }
    )


DB = _engine()

APP_REGISTRY = AppRegistry(
    apps=[
        "inventory.piccolo_app",
        "logistics.piccolo_app",
        "routes.piccolo_app",
    ]
)

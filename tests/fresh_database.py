"""An empty database of the engine under test, for tests of what happens before ``migrate``."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from logistics.settings import get_settings
from tests.postgres_admin import postgres_admin


@contextmanager
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database; a PostgreSQL one is dropped afterwards."""
    settings = get_settings()
    if settings.is_sqlite:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        return
    name = f"tracker_fresh_{uuid.uuid4().hex[:12]}"
    asyncio.run(postgres_admin(settings.database_url, f'CREATE DATABASE "{name}"'))
    try:
        yield urlunparse(urlparse(settings.database_url)._replace(path=f"/{name}"))
    finally:
        asyncio.run(
            postgres_admin(settings.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        )

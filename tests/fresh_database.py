"""An empty database of the engine under test, for tests of what happens before ``migrate``."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg

from logistics.settings import get_settings


async def _admin(statement: str) -> None:
    url = urlparse(get_settings().database_url)
    connection = await asyncpg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.path.lstrip("/"),
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database; a PostgreSQL one is dropped afterwards."""
    settings = get_settings()
    if settings.is_sqlite:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        return
    name = f"tracker_fresh_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield urlunparse(urlparse(settings.database_url)._replace(path=f"/{name}"))
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

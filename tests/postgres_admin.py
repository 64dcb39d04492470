"""Statements that create or drop whole PostgreSQL databases, for test set-up."""

from __future__ import annotations

from urllib.parse import urlparse

import asyncpg


async def postgres_admin(url: str, statement: str) -> None:
    """Run ``statement`` outside any transaction on the server of ``url``."""
    parsed = urlparse(url)
    connection = await asyncpg.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database=parsed.path.lstrip("/"),
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()

"""Test set-up shared by every layer: one database per run, chosen like the app chooses it.

``DATABASE_URL`` selects the engine: unset, a SQLite file in a temporary folder; set (CI does it
with a throwaway PostgreSQL database), that database. The schema is migrated once per run with the
real migrations; tests that touch the database get emptied tables afterwards. Under pytest-xdist
each worker gets a database of its own (its own SQLite file, or ``<name>_<worker>`` on PostgreSQL,
created here and dropped at the end), so workers never empty each other's tables.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from hypothesis import settings

from tests.postgres_admin import postgres_admin

# Property tests check rules, not speed (speed is bench/'s): no per-example deadline, which a
# loaded 2-CPU machine overruns for reasons that have nothing to do with the rule under test.
settings.register_profile("tracker", deadline=None)
settings.load_profile("tracker")

_DATA_DIR = Path(tempfile.mkdtemp(prefix="tracker-tests-"))
os.environ["DATA_DIR"] = str(_DATA_DIR)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_DATA_DIR / 'tests.sqlite'}")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_WORKER_DATABASE: str | None = None


if _WORKER and os.environ["DATABASE_URL"].startswith("sqlite"):
    # Workers inherit the controller's environment: give each its own file.
    os.environ["DATABASE_URL"] = f"sqlite:///{_DATA_DIR / 'tests.sqlite'}"
elif _WORKER and os.environ["DATABASE_URL"].startswith("postgres"):
    _BASE_URL = os.environ["DATABASE_URL"]
    _WORKER_DATABASE = f"{urlparse(_BASE_URL).path.lstrip('/')}_{_WORKER}"
    asyncio.run(postgres_admin(_BASE_URL, f'DROP DATABASE IF EXISTS "{_WORKER_DATABASE}"'))
    asyncio.run(postgres_admin(_BASE_URL, f'CREATE DATABASE "{_WORKER_DATABASE}"'))
    os.environ["DATABASE_URL"] = urlunparse(
        urlparse(_BASE_URL)._replace(path=f"/{_WORKER_DATABASE}")
    )
# Tests seed data from their own event loop while the app serves from another one: a pool of
# connections bound to one loop cannot be shared, so each query opens its own connection.
os.environ["DATABASE_POOL"] = "0"
os.environ.setdefault("BASE_URL", "http://testserver.local")

from logistics.settings import get_settings  # noqa: E402

IS_SQLITE = get_settings().is_sqlite


def pytest_unconfigure(config: pytest.Config) -> None:
    if _WORKER_DATABASE:
        asyncio.run(
            postgres_admin(_BASE_URL, f'DROP DATABASE IF EXISTS "{_WORKER_DATABASE}" WITH (FORCE)')
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if IS_SQLITE and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason="PostgreSQL only"))
        if not IS_SQLITE and item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="SQLite only"))
        if (
            not IS_SQLITE
            and item.get_closest_marker("e2e")
            and not item.get_closest_marker("both_databases")
        ):
            # A browser test drives the page's own code; the server side it reaches is tested on
            # both engines through HTTP. Only those whose point is the database (a day's
            # outcomes arriving once, a server killed mid-batch) run again on PostgreSQL: CI's
            # 15 minutes hold two runs of the rest, not of every browser test.
            item.add_marker(pytest.mark.skip(reason="browser test run on SQLite only"))


@pytest.fixture(scope="session")
def migrated_database() -> None:
    from logistics.database import migrate

    asyncio.run(migrate(quiet=True))


async def _empty_all_tables() -> None:
    from piccolo.conf.apps import Finder
    from piccolo.engine import engine_finder
    from piccolo.table import sort_table_classes

    tables = sort_table_classes(Finder().get_table_classes())
    engine = engine_finder()
    if IS_SQLITE:
        async with engine.transaction():  # one commit, not one per table
            for table in reversed(tables):
                await table.delete(force=True)
    else:
        names = ", ".join(f'"{table._meta.tablename}"' for table in tables)
        await engine.run_ddl(f"TRUNCATE {names} CASCADE")


def empty_database() -> None:
    """Empty every table (a fixture's clean-up, of a test or of a module sharing its data)."""
    # In a thread of its own: a browser test's Playwright loop may be running in this one.
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(asyncio.run, _empty_all_tables()).result()


@pytest.fixture
def db(migrated_database: None) -> Iterator[None]:
    """A migrated database, emptied after the test."""
    yield
    empty_database()

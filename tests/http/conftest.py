from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from logistics.http.app import create_app


@pytest.fixture(autouse=True)
def _database(db: None) -> None:
    """Every HTTP test runs on the migrated database, emptied afterwards."""


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app=create_app(), base_url="http://testserver.local") as test_client:
        yield test_client

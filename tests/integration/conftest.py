from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _database(db: None) -> None:
    """Every integration test runs on the migrated database, emptied afterwards."""

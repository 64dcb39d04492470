from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient

from tests.factories_journey import DONOR_JSON, regie_plus_manager


@pytest.fixture
def regie_plus_collection(client: TestClient) -> dict[str, Any]:
    """A donor of Régie Plus and a collection opened there by its manager (bearer headers)."""
    headers = regie_plus_manager(client)
    donor = client.post("/api/v1/donors", headers=headers, json=DONOR_JSON).json()
    collection = client.post(
        "/api/v1/collections",
        headers=headers,
        json={"donor_id": donor["id"], "collected_on": "2026-11-25"},
    )
    assert collection.status_code == 201, collection.text
    return {"headers": headers, "donor": donor, "collection": collection.json()}

"""The maps show streets only when a tile server is set, with its attribution, and a legend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from logistics.accounts.roles import Role
from logistics.settings import get_settings
from tests.factories import login, make_organisation, make_user
from tests.factories_rounds import make_donor, set_depot

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
CREDIT = "© contributeurs OpenStreetMap, tuiles de l'exemple"


@pytest.fixture
def tile_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MAP_TILE_URL", TILES)
    monkeypatch.setenv("MAP_TILE_ATTRIBUTION", CREDIT)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _pages(client: TestClient) -> list[str]:
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_donor(organisation, "CPAM de Chambéry")
    make_user("claire.martin", Role.MANAGER, organisation)
    login(client, "claire.martin")
    pages = [client.get("/tournees/depot/"), client.get("/tournees/localisation")]
    assert [page.status_code for page in pages] == [200, 200]
    return [page.text for page in pages]


@pytest.mark.usefixtures("tile_server")
def test_with_a_tile_server_the_depot_and_donor_maps_draw_its_tiles_and_credit_it(
    client: TestClient,
) -> None:
    depot, locate = _pages(client)
    for page in (depot, locate):
        assert '<image href="https://tiles.example.org/' in page
        assert "tuiles de l&#39;exemple" in page
        assert "Dépôt</li>" in page
    assert "Donateur localisé" in locate and "<polyline" not in locate  # donors are no round


def test_without_a_tile_server_no_page_asks_another_host(client: TestClient) -> None:
    for page in _pages(client):
        assert "<image" not in page and "tiles.example.org" not in page
        assert "contributeurs OpenStreetMap" not in page
        assert "Dépôt</li>" in page

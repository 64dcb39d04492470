"""A manager plans next week from the pages: vehicles, plan, map, sheet, move, publish."""

from __future__ import annotations

import re

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user
from tests.factories_rounds import MONDAY, make_donor, make_request, set_depot
from tests.http.rounds.support import planned_page


def test_a_manager_plans_a_week_sees_the_map_and_sheet_moves_a_stop_and_publishes(
    client: TestClient, quick_solver: None
) -> None:
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    requests = [
        make_request(organisation, make_donor(organisation, f"Donateur {n}")) for n in range(4)
    ]
    login(client, "claire.martin")
    vehicles_page = client.get("/vehicules")
    client.post(
        "/vehicules/",
        data={
            "name": "Camionnette Trafic",
            "kind": "van",
            "capacity_kg": "800",
            "capacity_m3": "8,5",
            **{f"day_{d}": "1" for d in range(1, 6)},
            "_csrf_token": csrf_from(vehicles_page.text),
        },
    )
    form = client.get("/tournees/nouvelle", params={"semaine": MONDAY.isoformat()})
    (vehicle,) = re.findall(r'name="vehicle_(\d+)"', form.text)

    planned = planned_page(client, form.text, [vehicle], requests)

    assert planned.status_code == 200, planned.text
    assert "<svg" in planned.text and "<polyline" in planned.text and "<image" not in planned.text
    assert "Chaque tournée a sa couleur" in planned.text and "4 arrêts)</li>" in planned.text
    numbers = re.findall(r'class="map-number">(\d+)</text>', planned.text)
    assert sorted(numbers, key=int) == ["1", "2", "3", "4"]
    plan_id = re.search(r"/tournees/(\d+)/feuille/(\d+)", planned.text)
    assert plan_id
    sheet = client.get(plan_id.group(0))
    assert sheet.status_code == 200 and "Feuille de route" in sheet.text
    stop_id = re.search(r'name="stop_id" value="(\d+)"', planned.text).group(1)  # type: ignore[union-attr]
    moved = client.post(
        f"/tournees/{plan_id.group(1)}/deplacements",
        data={
            "stop_id": stop_id,
            "round_id": plan_id.group(2),
            "position": "9",
            "_csrf_token": csrf_from(planned.text),
        },
        follow_redirects=True,
    )
    assert moved.status_code == 200
    published = client.post(
        f"/tournees/{plan_id.group(1)}/publication",
        data={"_csrf_token": csrf_from(moved.text)},
        follow_redirects=True,
    )
    assert published.status_code == 200 and "publié" in published.text
    geojson = client.get(f"/api/v1/round-plans/{plan_id.group(1)}/geojson")
    assert geojson.headers["content-type"].startswith("application/geo+json")
    assert {f["geometry"]["type"] for f in geojson.json()["features"]} == {"Point", "LineString"}
    assert "30/11/2026" in client.get("/tournees").text

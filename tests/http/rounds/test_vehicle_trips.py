"""A van's unload time and trips, set on the fleet page, reach the plan and the round sheet."""

from __future__ import annotations

import re

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user
from tests.factories_rounds import MONDAY, make_donor, make_request, set_depot
from tests.http.rounds.support import planned_page


def test_a_van_set_to_unload_in_15_minutes_ends_its_sheet_with_that_unload(
    client: TestClient, quick_solver: None
) -> None:
    organisation = make_organisation("RP")
    set_depot(organisation)
    make_user("claire.martin", Role.MANAGER, organisation)
    requests = [
        make_request(organisation, make_donor(organisation, f"Donateur {n}")) for n in range(3)
    ]
    login(client, "claire.martin")
    vehicles_page = client.get("/vehicules")
    added = client.post(
        "/vehicules/",
        data={
            "name": "Camionnette Trafic",
            "kind": "van",
            "capacity_kg": "800",
            "capacity_m3": "8",
            **{f"day_{d}": "1" for d in range(1, 6)},
            "unload_minutes": "15",
            "multiple_trips": "1",
            "max_trips": "2",
            "_csrf_token": csrf_from(vehicles_page.text),
        },
        follow_redirects=True,
    )
    assert added.status_code == 200
    row = re.search(r"<td data-label=\"Nom\">Camionnette Trafic</td>(.*?)</tr>", added.text, re.S)
    assert row and "15\u202fmin" in row.group(1) and "jusqu'à 2" in row.group(1)
    form = client.get("/tournees/nouvelle", params={"semaine": MONDAY.isoformat()})
    (vehicle,) = re.findall(r'name="vehicle_(\d+)"', form.text)

    planned = planned_page(client, form.text, [vehicle], requests)

    assert planned.status_code == 200, planned.text
    sheet_link = re.search(r"/tournees/\d+/feuille/\d+", planned.text)
    assert sheet_link
    sheet = client.get(sheet_link.group(0)).text
    lines = re.findall(r"<tr>(.*?)</tr>", sheet, re.S)
    last = next(line for line in reversed(lines) if 'data-label="Heure"' in line)
    assert "Déchargement au dépôt (15\u202fmin)" in last


def test_an_unload_time_out_of_range_is_refused_in_french(client: TestClient) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    login(client, "claire.martin")
    page = client.get("/vehicules")

    refused = client.post(
        "/vehicules/",
        data={
            "name": "Kangoo",
            "kind": "car",
            "capacity_kg": "300",
            "capacity_m3": "1,5",
            "day_1": "1",
            "unload_minutes": "-5",
            "_csrf_token": csrf_from(page.text),
        },
    )

    assert refused.status_code == 422
    assert "Déchargement au dépôt" in refused.text and "Kangoo" in refused.text

"""A manager corrects a pickup request (demande d'enlèvement) from its page: the donor called
back with other dates and more screens. Collected or cancelled requests stay as they were."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from litestar.testing import TestClient

from inventory.tables import Event, PickupRequest
from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_organisation, make_user, run
from tests.factories_journey import make_donor, scope_of

ANNOUNCED = {
    "wished_from": "2026-12-07",
    "wished_until": "2026-12-11",
    "weekday_1": "1",
    "weekday_3": "3",
    "qty_laptop": "6",
    "qty_screen": "2",
    "estimated_weight_kg": "40",
    "estimated_volume_m3": "0,5",
    "priority": "2",
    "requested_by": "Mme Perret",
    "notes": "Quai de livraison",
}


def _submit(client: TestClient, url: str, form_page: str, data: dict[str, str]) -> Any:
    token = csrf_from(client.get(form_page).text)
    return client.post(url, data={**data, "_csrf_token": token}, follow_redirects=False)


@pytest.fixture
def requested(client: TestClient) -> int:
    """A request of the CPAM announced through the form by Régie Plus's manager, signed in."""
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    donor = make_donor(scope_of(organisation))
    login(client, "claire.martin")
    created = _submit(
        client, "/enlevements/", "/enlevements/nouveau", {"donor_id": str(donor), **ANNOUNCED}
    )
    assert created.status_code in (302, 303), created.text
    return run(PickupRequest.select(PickupRequest.id).first())["id"]


def test_the_edit_form_shows_the_request_as_it_was_announced(
    client: TestClient, requested: int
) -> None:
    listing = client.get("/enlevements/").text
    assert f'href="/enlevements/{requested}/modifier"' in listing

    form = client.get(f"/enlevements/{requested}/modifier")

    assert form.status_code == 200
    html = unescape(form.text)
    assert "Modifier la demande d'enlèvement" in html and "CPAM de Chambéry" in html
    assert 'name="wished_from" type="date" value="2026-12-07"' in html
    assert 'name="weekday_3" value="3" checked' in html
    assert 'name="weekday_2" value="2">' in html
    assert 'name="qty_laptop" inputmode="numeric" value="6"' in html
    assert 'name="requested_by" value="Mme Perret"' in html


def test_a_manager_changes_the_dates_and_what_is_announced(
    client: TestClient, requested: int
) -> None:
    form = f"/enlevements/{requested}/modifier"
    changed = {
        **ANNOUNCED,
        "wished_from": "2026-12-14",
        "wished_until": "2026-12-18",
        "qty_screen": "5",
        "notes": "Rappeler la veille",
    }
    del changed["weekday_1"]

    saved = _submit(client, f"/enlevements/{requested}", form, changed)

    assert saved.status_code in (302, 303), saved.text
    row = run(
        PickupRequest.select().where(PickupRequest.id == requested).first().output(load_json=True)
    )
    assert str(row["wished_from"]) == "2026-12-14" and str(row["wished_until"]) == "2026-12-18"
    assert row["allowed_weekdays"] == [3]
    assert row["estimated_quantities"] == {"laptop": 6, "screen": 5}
    assert row["notes"] == "Rappeler la veille"
    history = run(
        Event.select(Event.action, Event.actor_name).where(
            Event.subject_kind == "pickup", Event.subject_id == requested
        )
    )
    assert {"action": "updated", "actor_name": "Claire Martin"} in history


def test_impossible_dates_are_refused_in_french_and_nothing_changes(
    client: TestClient, requested: int
) -> None:
    form = f"/enlevements/{requested}/modifier"
    wrong = {**ANNOUNCED, "wished_from": "2026-12-18", "wished_until": "2026-12-14"}

    refused = _submit(client, f"/enlevements/{requested}", form, wrong)

    assert refused.status_code == 422
    assert "la date de fin précède la date de début" in unescape(refused.text)
    assert 'value="2026-12-18"' in refused.text  # what was typed is shown again
    row = run(PickupRequest.select().where(PickupRequest.id == requested).first())
    assert str(row["wished_from"]) == "2026-12-07"


def test_a_cancelled_request_can_no_longer_be_changed(client: TestClient, requested: int) -> None:
    form = f"/enlevements/{requested}/modifier"
    token = csrf_from(client.get(form).text)
    client.post(
        f"/enlevements/{requested}/annulation",
        data={"reason": "Matériel donné ailleurs", "_csrf_token": token},
    )

    assert f'href="/enlevements/{requested}/modifier"' not in client.get("/enlevements/").text
    assert client.get(form).status_code == 409
    late = client.post(
        f"/enlevements/{requested}", data={**ANNOUNCED, "notes": "x", "_csrf_token": token}
    )
    assert late.status_code == 409 and "ne peut plus être modifiée" in late.text
    assert run(PickupRequest.select(PickupRequest.notes).first())["notes"] == "Quai de livraison"


def test_another_association_cannot_see_the_request(client: TestClient, requested: int) -> None:
    make_user("paul.blé", Role.MANAGER, make_organisation("CP"))
    client.cookies.clear()
    login(client, "paul.blé")

    assert client.get(f"/enlevements/{requested}/modifier").status_code == 404


def test_the_form_of_a_request_already_in_a_round_says_the_stop_does_not_move(
    client: TestClient, requested: int
) -> None:
    form = f"/enlevements/{requested}/modifier"
    assert "ne déplace pas l'arrêt" not in unescape(client.get(form).text)
    planned = PickupRequest.update({PickupRequest.status: "planned"})
    run(planned.where(PickupRequest.id == requested))

    assert "ne déplace pas l'arrêt" in unescape(client.get(form).text)

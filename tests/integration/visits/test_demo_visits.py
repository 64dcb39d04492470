"""The demo books tomorrow's visits for BLÉ's two installers, once."""

from __future__ import annotations

from datetime import timedelta

from inventory.tables import Organisation
from logistics import clock
from logistics.demo.visits import load_visits_demo
from logistics.trainees.tables import InternetAccess
from logistics.visits.tables import Visit
from tests.factories import run
from tests.factories_trainees import NOW, make_ble, make_trainee


def test_tomorrow_s_visits_for_both_installers_without_a_clash_and_only_once() -> None:
    ble = make_ble()
    names = ["Durand", "Martin", "Petit", "Roux", "Garcia", "Moreau", "Lefèvre"]
    trainees = [
        make_trainee(ble.organisation, name, latitude=45.57 + i / 200, longitude=5.92)
        for i, name in enumerate(names)
    ]
    offline = make_trainee(ble.organisation, "Sans", internet_at_home=InternetAccess.NONE)
    with clock.frozen(NOW):
        assert run(load_visits_demo()) == {"visits": 6}
        assert run(load_visits_demo()) == {"visits": 0}
    visits = run(Visit.select().order_by(Visit.id))
    assert {v["day"] for v in visits} == {NOW.date() + timedelta(days=1)}
    assert {v["installer"] for v in visits} == set(ble.installers)
    assert offline not in {v["trainee"] for v in visits}
    assert {v["trainee"] for v in visits} == set(trainees[:6])
    office = run(Organisation.select().where(Organisation.id == ble.organisation).first())
    assert office["depot_latitude"] is not None


def test_without_blé_or_its_trainees_the_demo_books_nothing() -> None:
    assert run(load_visits_demo()) == {"visits": 0}
    make_ble()
    assert run(load_visits_demo()) == {"visits": 0}

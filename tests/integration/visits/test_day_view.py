"""The day view of one staff member: that day's booked visits in travel order, with times."""

from __future__ import annotations

from datetime import date, time

import pytest

from inventory.errors import Forbidden, NotFound
from inventory.tables import Organisation
from logistics.accounts.roles import Role
from logistics.visits.day import day_view
from logistics.visits.tables import VisitStatus
from tests.factories import run
from tests.factories_trainees import make_ble, make_trainee, make_visit
from tests.integration.visits.test_booking import THURSDAY, staff_scope


def test_the_day_lists_booked_visits_in_order_with_arrival_times_and_links() -> None:
    ble = make_ble()
    run(
        Organisation.update(
            {
                Organisation.depot_address: "BLÉ, 67 rue Nicolas Parent, Chambéry",
                Organisation.depot_latitude: 45.5667,
                Organisation.depot_longitude: 5.9333,
            }
        ).where(Organisation.id == ble.organisation)
    )
    far = make_trainee(ble.organisation, "Loin", latitude=45.60, longitude=5.88)
    near = make_trainee(ble.organisation, "Proche", latitude=45.57, longitude=5.93)
    make_visit(ble, far, THURSDAY, time(14))
    make_visit(ble, near, THURSDAY, time(9))
    make_visit(ble, near, THURSDAY, time(11), status=VisitStatus.CANCELLED)
    make_visit(ble, near, THURSDAY, time(11), installer=ble.installers[1])
    make_visit(ble, far, date(2026, 12, 11), time(9))

    view = run(day_view(staff_scope(ble), ble.installers[0], THURSDAY))

    assert view.installer_name == "Nadia Blanc"
    assert view.start_address.startswith("BLÉ")
    assert [s.visit["trainee_name"] for s in view.stops] == ["F. Proche", "F. Loin"]
    first, second = view.stops
    assert first.arrival == time(9) and first.departure == time(10)
    assert second.start == time(14) and not second.late
    assert view.leave_at is not None and view.leave_at < time(9)
    assert first.geo_uri is not None and first.geo_uri.startswith("geo:45.570000,5.930000?q=")
    assert second.directions_url is not None
    assert "route=45.570000%2C5.930000%3B45.600000%2C5.880000" in second.directions_url
    assert view.travel_minutes > 0 and view.distance_km > 0
    assert not view.notices


def test_an_unknown_staff_member_is_not_found_and_agents_are_refused() -> None:
    ble = make_ble()
    with pytest.raises(Forbidden):
        run(day_view(staff_scope(ble, Role.AGENT), ble.installers[0], THURSDAY))
    with pytest.raises(NotFound):
        run(day_view(staff_scope(ble), 999_999, THURSDAY))

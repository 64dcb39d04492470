"""One staff member's day ordered with routes' matrix and optimiser: windows kept, less driving."""

from __future__ import annotations

from datetime import date, time, timedelta

from logistics.visits.day import Place, matrix_of, plan_day, timeline
from routes.matrix import estimate_matrix
from routes.model import Point

DAY = date(2026, 12, 10)
BLE = Point(45.5667, 5.9333)
QUARTER = timedelta(minutes=15)


def east(km: float) -> Point:
    """A point ``km`` east of BLÉ's office (a degree of longitude is about 78 km here)."""
    return Point(BLE.lat, BLE.lon + km / 78)


def booking_order_travel(places: list[Place], service: timedelta) -> int:
    matrix = matrix_of(BLE, sorted(places, key=lambda p: p.ref), estimate_matrix)
    return timeline(places, matrix, service, BLE).travel_s


def test_the_day_drives_less_than_or_as_little_as_the_booking_order() -> None:
    # Booked in a zig-zag along one road, all in the same morning window.
    places = [
        Place(ref, east(km), time(9), time(12), f"P{ref}")
        for ref, km in [(1, 8), (2, 2), (3, 6), (4, 4)]
    ]
    order, line, notices = plan_day(BLE, places, QUARTER, DAY, estimate_matrix)
    by_ref = {p.ref: p for p in places}
    along_the_road = [by_ref[ref] for ref in (2, 4, 3, 1)]
    assert line.travel_s <= booking_order_travel(along_the_road, QUARTER)
    assert line.travel_s < booking_order_travel(places, QUARTER)
    assert order[0].ref == 2  # the nearest first: no zig-zag
    assert not notices
    assert not any(stop.late for stop in line.stops)


def test_a_day_already_in_the_best_order_stays_as_good() -> None:
    places = [Place(ref, east(2 * ref), time(9), time(12), f"P{ref}") for ref in (1, 2, 3)]
    _, line, _ = plan_day(BLE, places, QUARTER, DAY, estimate_matrix)
    assert line.travel_s <= booking_order_travel(places, QUARTER)


def test_windows_are_kept_even_when_the_road_would_rather_go_elsewhere() -> None:
    # The nearest home is only free in the afternoon; the far one only in the morning.
    places = [
        Place(1, east(1), time(14), time(16), "near"),
        Place(2, east(9), time(9), time(11), "far"),
        Place(3, east(5), time(11), time(13), "middle"),
    ]
    service = timedelta(hours=1)
    order, line, notices = plan_day(BLE, places, service, DAY, estimate_matrix)
    assert [p.label for p in order] == ["far", "middle", "near"]
    for stop in line.stops:
        assert stop.place.start <= stop.start
        assert stop.departure <= stop.place.end
        assert stop.arrival <= stop.start  # early at the door: waits
    assert not notices
    assert line.leave_at is not None and line.leave_at < time(9)
    assert line.back_at is not None and line.back_at > line.stops[-1].departure


def test_windows_that_cannot_all_be_kept_follow_their_order_and_show_the_late_one() -> None:
    places = [
        Place(1, east(30), time(9), time(10), "far"),
        Place(2, east(-30), time(9), time(10, 30), "other side"),
    ]
    order, line, notices = plan_day(BLE, places, timedelta(minutes=30), DAY, estimate_matrix)
    assert [p.label for p in order] == ["far", "other side"]
    assert [stop.late for stop in line.stops] == [False, True]
    assert "ne peuvent pas tous être tenus" in notices[0]


def test_an_address_not_located_keeps_its_window_place_without_travel() -> None:
    places = [
        Place(1, east(2), time(9), time(11), "A"),
        Place(2, None, time(11), time(13), "B"),
        Place(3, east(4), time(14), time(16), "C"),
    ]
    order, line, notices = plan_day(BLE, places, timedelta(hours=1), DAY, estimate_matrix)
    assert [p.label for p in order] == ["A", "B", "C"]
    assert line.stops[1].travel_s is None
    assert "non localisée pour B" in notices[0]


def test_without_the_association_s_address_the_day_starts_at_the_first_visit() -> None:
    places = [
        Place(1, east(4), time(11), time(13), "later"),
        Place(2, east(2), time(9), time(11), "first"),
    ]
    order, line, notices = plan_day(None, places, timedelta(hours=1), DAY, estimate_matrix)
    assert [p.label for p in order] == ["first", "later"]
    assert line.stops[0].travel_s == 0
    assert "part de la première visite" in notices[0]

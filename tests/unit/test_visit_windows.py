"""When one staff member's visits of a day all fit: the rule behind "booked twice at once"."""

from __future__ import annotations

from datetime import date, time

from logistics.visits.windows import (
    Booked,
    all_fit,
    clash_message,
    clashes,
    hour_text,
    window_end,
    window_problem,
)

HOUR, TRIP = 60, 15


def w(start: int, minutes: int = 0, label: str = "") -> Booked:
    begin = time(start, minutes)
    return Booked(begin, window_end(begin), label)


def test_two_visits_in_the_same_window_clash() -> None:
    assert clashes(w(9), [w(9, label="F. Durand")], HOUR, TRIP) == [w(9, label="F. Durand")]


def test_staggered_windows_fit_one_after_the_other() -> None:
    assert clashes(w(10), [w(9)], HOUR, TRIP) == []
    assert clashes(w(11), [w(9)], HOUR, TRIP) == []


def test_the_clash_names_the_visit_in_the_way_not_every_neighbour() -> None:
    morning = [w(9, label="A"), w(10, 30, label="B")]
    assert all_fit(morning, HOUR, TRIP)
    assert clashes(w(9, 30), morning, HOUR, TRIP) == []
    assert [b.label for b in clashes(w(9), morning, HOUR, TRIP)] == ["A"]
    crowded = [w(9, label="A"), w(9, 30, label="B"), w(10, 30, label="C")]
    assert [b.label for b in clashes(w(10), crowded, HOUR, TRIP)] == ["B"]


def test_short_visits_share_a_window() -> None:
    assert all_fit([w(9), w(9)], 45, 15)
    assert not all_fit([w(9), w(9), w(9)], 45, 15)


def test_the_check_tries_every_order_not_only_the_windows_end_order() -> None:
    # The visit whose window ends later must go first: the other one only opens at 11 h.
    wide = Booked(time(9), time(12, 30))
    late = Booked(time(11), time(12, 20))
    assert all_fit([late, wide], HOUR, TRIP)
    assert not all_fit([late, wide, Booked(time(9), time(11))], HOUR, TRIP)


def test_a_long_day_is_checked_too() -> None:
    day = [w(7 + i) for i in range(12)]  # one window an hour, 7 h to 18 h
    assert not all_fit(day, HOUR, TRIP)
    assert all_fit(day[::2], HOUR, TRIP)
    assert not all_fit([w(9)] * 20, HOUR, TRIP)  # the greedy path, beyond the exact check


def test_the_message_names_the_staff_member_the_day_the_window_and_the_person() -> None:
    message = clash_message("Nadia Blanc", date(2026, 12, 10), [w(9, label="F. Durand")])
    assert (
        message
        == "Nadia Blanc a déjà une visite le jeudi 10 décembre de 9 h à 11 h chez F. Durand."
    )
    two = clash_message("Nadia Blanc", date(2026, 12, 10), [w(9, label="A"), w(10, 30, label="B")])
    assert two == (
        "Nadia Blanc a déjà 2 visites le jeudi 10 décembre : de 9 h à 11 h chez A, "
        "de 10 h 30 à 12 h 30 chez B."
    )


def test_windows_start_between_seven_and_seven_in_the_evening() -> None:
    assert hour_text(time(9, 5)) == "9 h 05"
    assert window_problem(time(7)) is None
    assert window_problem(time(19)) is None
    assert window_problem(time(6, 59)) is not None
    assert window_problem(time(19, 1)) is not None

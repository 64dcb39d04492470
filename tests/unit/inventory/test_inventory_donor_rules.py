"""SIRET keys, opening hours and coordinates of a donor: refused with a message naming the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory.donor_rules import (
    check_coordinates,
    luhn_ok,
    normalise_opening_hours,
    normalise_siret,
    parse_day_text,
)
from inventory.errors import Invalid


def test_a_siret_typed_with_spaces_is_kept_as_its_fourteen_digits() -> None:
    assert normalise_siret("177 301 119 00018") == "17730111900018"
    assert normalise_siret("  ") == ""


@given(st.text(alphabet="0123456789", min_size=13, max_size=13), st.integers(0, 9))
def test_exactly_one_last_digit_completes_a_valid_siret(body: str, slip: int) -> None:
    valid = [d for d in "0123456789" if luhn_ok(body + d)]
    assert len(valid) == 1
    wrong = str((int(valid[0]) + 1 + slip % 9) % 10)
    if body.startswith("356000000"):
        return  # La Poste's establishments follow another rule
    with pytest.raises(Invalid, match="clé de contrôle"):
        normalise_siret(body + wrong)


def test_la_poste_establishments_are_checked_by_their_digit_sum() -> None:
    assert normalise_siret("35600000000056") == "35600000000056"  # digit sum 25


def test_a_window_that_ends_before_it_starts_is_refused_in_french() -> None:
    with pytest.raises(Invalid, match="mardi : la plage 14:00–12:00 se termine avant de commencer"):
        normalise_opening_hours({"tue": [["14:00", "12:00"]]})


def test_windows_are_sorted_and_typed_hours_accepted() -> None:
    hours = {"mon": parse_day_text("mon", "13h30 - 17h00, 8:30-12:00")}
    assert normalise_opening_hours(hours) == {"mon": [["08:30", "12:00"], ["13:30", "17:00"]]}
    with pytest.raises(Invalid, match="chevauchent"):
        normalise_opening_hours({"fri": [["08:00", "12:00"], ["11:00", "14:00"]]})
    with pytest.raises(Invalid, match="n'est pas une heure"):
        normalise_opening_hours({"sat": [["25:00", "26:00"]]})


def test_coordinates_come_in_pairs_and_on_the_globe() -> None:
    check_coordinates(None, None)
    check_coordinates(45.56, 5.93)
    with pytest.raises(Invalid):
        check_coordinates(45.56, None)
    with pytest.raises(Invalid):
        check_coordinates(91, 5)

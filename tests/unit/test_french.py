"""Numbers, dates and plurals as French readers expect them, and tag lists typed by people."""

from __future__ import annotations

from datetime import date

from inventory.tags import split_tags
from logistics.french import coordinates, french_date, kg, number, percent, plural, unit

NNBSP = "\u202f"


def test_numbers_take_a_decimal_comma_and_narrow_spaces() -> None:
    assert kg(120) == f"120,0{NNBSP}kg"
    assert number(1204.5, 1) == f"1{NNBSP}204,5"
    assert percent(10) == f"10{NNBSP}%"
    assert unit(8, "Go") == f"8{NNBSP}Go"
    assert kg(None) == ""


def test_plurals_agree_with_the_count() -> None:
    assert plural(8, "unité centrale") == "8 unités centrales"
    assert plural(1, "unité centrale") == "1 unité centrale"
    assert plural(0, "objet") == "0 objet"
    assert plural(3, "lot", "lots") == "3 lots"
    assert plural(2, "souris") == "2 souris"


def test_dates_are_written_in_words() -> None:
    assert french_date(date(2026, 12, 3)) == "3 décembre 2026"
    assert french_date(date(2026, 12, 1), weekday=True) == "mardi 1er décembre 2026"


def test_a_point_has_french_decimals_and_a_semicolon_between_them() -> None:
    assert coordinates(45.5853, 5.9329) == "45,58530 ; 5,93290"
    assert coordinates(None, 5.9) == ""


def test_a_tag_typed_with_spaces_is_one_tag_and_a_line_of_tags_is_several() -> None:
    typed = "rp 26 000123 g\nRP-26-000124-H RP-26-000125-K, RP26000126x\n\n"
    assert split_tags(typed) == [
        "rp 26 000123 g",
        "RP-26-000124-H",
        "RP-26-000125-K",
        "RP26000126x",
    ]

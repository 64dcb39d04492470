"""The controlled category list: stable codes, French labels, and the rules each one carries."""

from __future__ import annotations

import pytest

from inventory.categories import (
    COMPUTER_CATEGORIES,
    LABELLED_CATEGORIES,
    QUANTITY_CATEGORIES,
    Category,
)
from inventory.errors import Invalid


def test_computers_screens_phones_and_tablets_get_one_label_each() -> None:
    for category in (Category.DESKTOP, Category.LAPTOP, Category.SCREEN, Category.TABLET):
        assert category in LABELLED_CATEGORIES
    assert Category.SMARTPHONE.is_labelled


def test_twelve_keyboards_are_one_quantity_line() -> None:
    assert Category.KEYBOARD_MOUSE in QUANTITY_CATEGORIES
    assert Category.CABLES_MISC in QUANTITY_CATEGORIES
    assert LABELLED_CATEGORIES.isdisjoint(QUANTITY_CATEGORIES)


def test_only_desktops_and_laptops_count_as_computers_for_the_quota() -> None:
    assert {Category.DESKTOP, Category.LAPTOP} == COMPUTER_CATEGORIES


def test_a_laptop_is_asked_about_storage_media_and_a_screen_is_not() -> None:
    assert Category.LAPTOP.usually_holds_storage
    assert not Category.SCREEN.usually_holds_storage


@pytest.mark.parametrize("category", list(Category))
def test_codes_are_ascii_and_labels_french(category: Category) -> None:
    assert category.value.isascii() and category.value == category.value.lower()
    assert category.label
    assert Category.parse(f" {category.value.upper()} ") is category


def test_an_unknown_category_is_refused_in_french() -> None:
    with pytest.raises(Invalid, match="Catégorie « frigo » inconnue"):
        Category.parse("frigo")

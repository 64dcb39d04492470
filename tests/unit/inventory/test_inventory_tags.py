"""Label tags: what an agent types is either the right tag or refused, never another tag."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory.errors import Invalid
from inventory.tags import (
    CHECK_ALPHABET,
    MODULUS,
    Tag,
    check_character,
    format_tag,
    make_tag,
    parse_tag,
    tag_block,
)

tags = st.builds(
    Tag,
    prefix=st.text(string.ascii_uppercase, min_size=2, max_size=4),
    year=st.integers(0, 99),
    sequence=st.integers(1, 999_999),
)
TYPABLE = string.digits + string.ascii_uppercase
LOOKALIKES = {"O": "0", "I": "1", "L": "1", "S": "5"}


def _compact(tag: Tag) -> str:
    return str(tag).replace("-", "")


def _means_the_same(typed: str, original: str) -> bool:
    """Typing O for 0 in the check character is what the person meant, not a slip."""
    return typed == original or (
        LOOKALIKES.get(typed[-1]) == original[-1] and typed[:-1] == original[:-1]
    )


def test_the_check_alphabet_has_one_symbol_per_residue_and_no_ambiguous_letter() -> None:
    assert len(CHECK_ALPHABET) == len(set(CHECK_ALPHABET)) == MODULUS
    assert not set("ILOSU") & set(CHECK_ALPHABET)


def test_the_reference_tag_a_phone_implementation_must_reproduce() -> None:
    assert format_tag("RP", 2026, 123) == "RP-26-000123-G"
    assert check_character("RP26000123") == "G"


@given(tags)
def test_a_printed_tag_reads_back_as_itself(tag: Tag) -> None:
    assert parse_tag(str(tag)) == tag
    assert format_tag(tag.prefix, tag.year, tag.sequence) == str(tag)


@settings(max_examples=40)
@given(tags)
def test_every_single_character_slip_is_refused(tag: Tag) -> None:
    original = _compact(tag)
    for position in range(len(original)):
        for typed_char in TYPABLE:
            typed = original[:position] + typed_char + original[position + 1 :]
            if _means_the_same(typed, original):
                continue
            with pytest.raises(Invalid):
                parse_tag(typed)


@given(tags)
def test_every_swap_of_neighbours_is_refused(tag: Tag) -> None:
    original = _compact(tag)
    for i in range(len(original) - 1):
        swapped = original[:i] + original[i + 1] + original[i] + original[i + 2 :]
        if swapped != original:
            with pytest.raises(Invalid):
                parse_tag(swapped)


@pytest.mark.parametrize(
    "typed",
    ["rp-26-000123-g", "RP 26 000123 G", "RP26000123G", "  rp-26 000123g ", "RP.26.000123.G"],
)
def test_case_spaces_and_missing_dashes_are_forgiven(typed: str) -> None:
    assert str(parse_tag(typed)) == "RP-26-000123-G"


def test_a_zero_typed_as_the_letter_o_in_the_check_character_is_understood() -> None:
    tag = next(make_tag("RP", 26, n) for n in range(1, 1000) if make_tag("RP", 26, n).check == "0")
    assert parse_tag(str(tag)[:-1] + "o") == tag


def test_a_wrong_check_character_is_refused_with_a_clear_message() -> None:
    with pytest.raises(Invalid) as refused:
        parse_tag("rp 26 000123 x")
    assert refused.value.message == (
        "Étiquette RP-26-000123-X invalide : le caractère de contrôle ne correspond pas, "
        "vérifiez la saisie."
    )


@pytest.mark.parametrize("typed", ["", "RP-26-00123-G", "R-26-000123-G", "RP-2026-000123-G"])
def test_a_malformed_tag_is_refused_with_the_expected_format(typed: str) -> None:
    with pytest.raises(Invalid, match="le format attendu est RP-26-000123-G"):
        parse_tag(typed)


@pytest.mark.parametrize(
    ("prefix", "year", "sequence"), [("R", 26, 1), ("RÉ", 26, 1), ("RP", 1999, 1), ("RP", 26, 0)]
)
def test_a_tag_cannot_be_made_from_bad_parts(prefix: str, year: int, sequence: int) -> None:
    with pytest.raises(Invalid):
        make_tag(prefix, year, sequence)


def test_a_block_of_blank_labels_is_consecutive_and_stays_in_range() -> None:
    block = tag_block("rp", 2026, 999_990, 10)
    assert [t.sequence for t in block] == list(range(999_990, 1_000_000))
    assert str(block[0]) == format_tag("RP", 26, 999_990)
    with pytest.raises(Invalid):
        tag_block("RP", 26, 999_991, 10)
    with pytest.raises(Invalid):
        tag_block("RP", 26, 1, 0)

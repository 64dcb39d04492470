"""Pure rules of the donors' documents: totals, signatures, waste codes, estimates, back-off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inventory.certificates.content import category_totals, format_kg
from inventory.certificates.document import clean_signature_svg
from inventory.certificates.dossier import whereabouts
from inventory.certificates.environment import estimate
from inventory.certificates.erasure_file import normalise_serial, parse_report
from inventory.certificates.register import check_code, default_codes
from inventory.errors import Invalid
from logistics.mail.outbox import LONGEST_DELAY, backoff


def test_totals_add_units_and_kilos_per_category_in_list_order() -> None:
    totals = category_totals([("screen", 1, 4.0), ("laptop", 1, 2.2), ("laptop", 1, 2.0)])
    assert [(t.category, t.units, t.kg) for t in totals] == [
        ("laptop", 2, 4.2),
        ("screen", 1, 4.0),
    ]
    assert format_kg(1234.5) == "1\u00a0234,5"


def test_only_the_strokes_of_a_signature_reach_the_pdf() -> None:
    svg = clean_signature_svg("M10 10L50 40")
    assert svg is not None and 'd="M10 10L50 40"' in svg
    hostile = '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x/a.png"/></svg>'
    assert clean_signature_svg(hostile) is None
    assert clean_signature_svg('<svg><path d="M1 1" onload="alert(1)"/></svg>') is not None
    assert clean_signature_svg("") is None


def test_waste_codes_are_checked_and_households_get_municipal_codes() -> None:
    assert check_code("160213*") == "16 02 13*"
    with pytest.raises(Invalid):
        check_code("16 02")
    assert default_codes("particulier")["laptop"] == "20 01 36"
    assert default_codes("entreprise")["screen"] == "16 02 13*"


def test_the_estimate_counts_only_reused_units() -> None:
    assumed = estimate({"laptop": 10, "keyboard_mouse": 50}, {}, 10.0)
    assert (assumed.reused_units, assumed.kg_co2e, assumed.from_reports) == (1.0, 169, False)
    reported = estimate({"laptop": 10}, {"laptop": 3}, 10.0)
    assert reported.kg_co2e == 3 * 169 and reported.from_reports
    assert "ADEME" in reported.source and "ordre de grandeur" in reported.source


def test_an_item_is_described_by_its_records_only() -> None:
    assert whereabouts("stored", None, None, {}) == "stocké"
    handed = whereabouts("handed_to_trira", "LOT-7", date(2026, 3, 1), {"erased": date(2026, 4, 2)})
    assert handed.startswith("remis au reconditionneur dans le lot LOT-7 le 01/03/2026")
    assert "données effacées" in handed


def test_report_columns_are_found_whatever_their_spelling() -> None:
    lines = parse_report("r.csv", "N° de série,Devenir\n ab 12 ,Réemploi\n".encode())
    assert lines[0].serial == "ab 12" and lines[0].outcome == "reused"
    assert normalise_serial(" ab 12 ") == "AB12"
    with pytest.raises(Invalid):
        parse_report("r.pdf", b"x")


def test_retries_back_off_exponentially_up_to_six_hours() -> None:
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert backoff(30) == LONGEST_DELAY

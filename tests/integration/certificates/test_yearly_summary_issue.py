"""A donor's yearly summary (bilan annuel) is issued with a number and checked like a
certificate: the same figures give back the same file; changed figures give a new number that
supersedes the old one."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from inventory.certificates import service, yearly
from inventory.certificates.service import Verdict
from inventory.certificates.tables import YearlySummaryDocument
from logistics.accounts.identity import OPERATOR_SCOPE
from tests.factories import run
from tests.factories_certificates import circumstances, make_collection, make_world, now
from tests.pdf_scan import scanned_codes

BASE_URL = "https://suivi.example"


def _issue(donor: int, year: int = 2025) -> dict:
    return run(yearly.issue_yearly_summary(OPERATOR_SCOPE, donor, year, circumstances(), BASE_URL))


def test_the_same_figures_give_back_the_same_numbered_file_that_verifies() -> None:
    world = make_world()
    make_collection(world, on=date(2025, 3, 1))
    make_collection(world, on=date(2025, 9, 1))

    first = _issue(world.donor)
    later = run(
        yearly.issue_yearly_summary(
            world.scope, world.donor, 2025, circumstances(now() + timedelta(days=3)), BASE_URL
        )
    )

    assert first["number"] == "BIL-RP-2025-000001"
    assert later["number"] == first["number"]
    pdf = run(yearly.yearly_summary_pdf(OPERATOR_SCOPE, first["number"]))
    codes = scanned_codes(pdf)
    assert codes["QRCode"] == f"{BASE_URL}/verifier/{first['number']}"
    assert codes["Code128"] == first["number"]
    by_number = run(service.verify(first["number"].lower()))
    assert by_number.verdict is Verdict.AUTHENTIC and by_number.kind == "yearly"
    assert by_number.summary["year"] == 2025 and by_number.summary["collections"] == 2
    assert run(service.verify("", pdf)).verdict is Verdict.AUTHENTIC
    altered = pdf.replace(b"2025", b"2024", 1)
    assert run(service.verify(first["number"], altered)).verdict is Verdict.ALTERED


def test_a_new_collection_of_the_year_issues_a_new_summary_that_supersedes_the_old() -> None:
    world = make_world()
    make_collection(world, on=date(2025, 3, 1))
    before = _issue(world.donor)

    make_collection(world, on=date(2025, 11, 20))
    after = _issue(world.donor)

    assert after["number"] != before["number"] and after["supersedes"] == before["id"]
    old = run(service.verify(before["number"]))
    assert old.verdict is Verdict.SUPERSEDED and old.superseded_by == after["number"]
    new = run(service.verify(after["number"]))
    assert new.verdict is Verdict.AUTHENTIC and new.supersedes == before["number"]
    assert new.summary["collections"] == 2
    text = run(yearly.yearly_summary_pdf(OPERATOR_SCOPE, after["number"]))
    assert scanned_codes(text)["Code128"] == after["number"]


def test_summaries_of_another_year_or_donor_are_numbered_on_their_own() -> None:
    world = make_world()
    make_collection(world, on=date(2024, 5, 1))
    make_collection(world, on=date(2025, 5, 1))

    of_2024, of_2025 = _issue(world.donor, 2024), _issue(world.donor, 2025)

    assert of_2024["number"].endswith("2024-000001")
    assert of_2025["number"].endswith("2025-000001")
    assert run(service.verify(of_2024["number"])).verdict is Verdict.AUTHENTIC


def test_requests_at_the_same_moment_get_one_summary() -> None:
    world = make_world()
    make_collection(world, on=date(2025, 3, 1))

    async def at_once() -> list[dict]:
        asked = circumstances()
        clicks = [
            yearly.issue_yearly_summary(world.scope, world.donor, 2025, asked, BASE_URL)
            for _ in "abcd"
        ]
        return await asyncio.gather(*clicks)

    answers = run(at_once())

    assert len({answer["number"] for answer in answers}) == 1
    assert run(YearlySummaryDocument.count()) == 1

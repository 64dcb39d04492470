"""A closed collection gets one certificate; a correction supersedes it; both stay verifiable."""

from __future__ import annotations

import asyncio
import io

import pytest
from pypdf import PdfReader

from inventory.certificates import service
from inventory.certificates.service import Verdict
from inventory.certificates.tables import Certificate
from inventory.errors import Conflict
from tests.factories import run
from tests.factories_certificates import DONOR_NAME, circumstances, make_collection, make_world

BASE = "https://suivi.example"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_pdf_states_number_donor_totals_in_intact_french() -> None:
    world = make_world()
    collection = make_collection(world)
    issued = run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))
    text = _text(run(service.certificate_pdf(world.scope, issued["number"])))
    assert issued["number"].startswith("ATT-RP-")
    assert issued["number"] in text
    assert DONOR_NAME in text  # é, —, Œ, « », à, ç
    assert "portable 1 2,2" in text
    assert "clavier/souris 12 6" in text
    assert "Total 15 18,7" in text
    assert "TRIRA (Tri Rhône-Alpes) RP" in text
    assert "décret n°2005-829 du 20 juillet 2005" in text
    assert "ne certifie pas cet effacement" in text
    assert "Zoé Martin, Loïc Bernard" in text


def test_closing_twice_issues_one_certificate_and_an_open_collection_none() -> None:
    world = make_world()
    collection = make_collection(world)
    first = run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))
    again = run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))
    assert again["number"] == first["number"]
    open_one = make_collection(world, closed=False)
    with pytest.raises(Conflict):
        run(service.issue_certificate(world.scope, open_one, circumstances(), base_url=BASE))


def test_a_correction_supersedes_and_both_versions_stay_verifiable() -> None:
    world = make_world()
    collection = make_collection(world)
    first = run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))
    old_pdf = run(service.certificate_pdf(world.scope, first["number"]))
    second = run(
        service.issue_certificate(
            world.scope, collection, circumstances(), base_url=BASE, reason="poids corrigé"
        )
    )
    assert second["number"] == f"{first['number']}-V2"
    assert second["version"] == 2
    old = run(service.verify(first["number"], old_pdf))
    assert old.verdict is Verdict.SUPERSEDED
    assert old.superseded_by == second["number"]
    new = run(service.verify(second["number"]))
    assert new.verdict is Verdict.AUTHENTIC
    assert new.supersedes == first["number"]
    assert f"remplace l'attestation n° {first['number']}" in _text(
        run(service.certificate_pdf(world.scope, second["number"]))
    )


def test_verification_tells_authentic_altered_and_unknown_apart() -> None:
    world = make_world()
    collection = make_collection(world)
    issued = run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))
    pdf = run(service.certificate_pdf(world.scope, issued["number"]))
    authentic = run(service.verify(issued["number"], pdf))
    assert authentic.verdict is Verdict.AUTHENTIC
    assert authentic.summary["donor"] == DONOR_NAME
    assert authentic.summary["units"] == 15
    altered = pdf[:1000] + bytes([pdf[1000] ^ 1]) + pdf[1001:]  # one bit flipped
    assert run(service.verify(issued["number"], altered)).verdict is Verdict.ALTERED
    assert run(service.verify("", pdf)).verdict is Verdict.AUTHENTIC
    assert run(service.verify("", altered)).verdict is Verdict.ALTERED
    assert run(service.verify("ATT-RP-2026-999999")).verdict is Verdict.UNKNOWN


def test_requests_at_the_same_moment_give_one_certificate_per_collection() -> None:
    world = make_world()
    collections = [make_collection(world), make_collection(world)]

    async def at_once() -> list[dict]:
        asked = circumstances()
        issuing = [
            service.issue_certificate(world.scope, collection, asked, base_url=BASE)
            for collection in collections
            for _ in range(3)
        ]
        return await asyncio.gather(*issuing)

    answers = run(at_once())

    numbers = [answer["number"] for answer in answers]
    assert len(set(numbers[:3])) == 1 and len(set(numbers[3:])) == 1
    assert numbers[0] != numbers[3]
    assert run(Certificate.count()) == 2

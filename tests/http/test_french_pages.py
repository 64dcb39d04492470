"""Pages speak French to their readers: numbers with a comma, words agreeing with their count,
dates in words, no English nor solver words, items named by what they are, hashes folded."""

from __future__ import annotations

import html
import re

from litestar.testing import TestClient

from inventory.certificates.tables import Certificate
from inventory.states import PickupStatus
from inventory.tables import Organisation, PickupRequest
from logistics.accounts.roles import Role
from logistics.demo import DEMO_PASSWORD, demo_donor_link, load_demo
from logistics.rounds.tables import PlannedRound
from tests.factories import bearer, login, make_user, run
from tests.factories_certificates import make_collection, make_world
from tests.factories_field import publish_round_today
from tests.factories_lots import make_agreement, make_parties

NNBSP = "\u202f"
ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
DOT_DECIMAL = re.compile(r"\b\d+\.\d+\b")
"""What a French reader should never meet: "2026-12-03", "120.0 kg", "45.58530"."""


def _text(response_text: str) -> str:
    """The page's words without its tags (what a reader sees, folds included)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", response_text))


def _fold(page: str) -> str:
    fold = re.search(r'<details class="technical">.*?</details>', page, re.S)
    assert fold, "no « Détails techniques » fold"
    return fold.group(0)


def test_the_agreements_read_in_french_without_the_stored_english_word(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    make_agreement(association, trira, tolerance=2.5, threshold=1)
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")

    page = _text(client.get("/conventions").text)

    assert "computers" not in page
    assert f"10{NNBSP}% du nombre d'ordinateurs" in page
    assert f"2,5{NNBSP}%" in page and "au-delà de 1 appareil dû pendant 4 semaines" in page
    assert "1er janvier 2026" in page


def test_planning_keeps_solver_words_in_a_technical_fold(client: TestClient) -> None:
    association, _ = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")

    page = client.get("/tournees/nouvelle").text

    assert "graine" not in page.lower()
    assert 'name="seed"' in _fold(page) and "Détails techniques" in _fold(page)


def test_an_item_without_a_label_is_named_by_what_it_is_and_hashes_are_folded(
    client: TestClient,
) -> None:
    world = make_world()
    collection = make_collection(world)
    make_user("camille.chef", Role.MANAGER, world.association)
    number = client.post(
        "/api/v1/certificates",
        json={"collection_id": collection},
        headers=bearer(client, "camille.chef"),
    ).json()["number"]
    login(client, "camille.chef")

    detail = client.get(f"/collectes/{collection}").text
    verified = client.get(f"/verifier/{number}").text

    assert not re.search(r"[Ll]igne \d", _text(detail))
    assert re.search(r'<a href="/objets/\d+">Clavier/souris</a>', detail)
    assert "SHA-256" in _fold(verified)
    outside = verified.replace(_fold(verified), "")
    assert "SHA-256" not in outside
    assert not re.search(r"\d{4}-\d\d-\d\d", _text(outside))


def _words(page: str) -> str:
    """What a reader sees: no scripts (the phone's setup, the maps' data) nor tags."""
    return _text(re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S))


def _role_pages(client: TestClient, username: str, extra: list[str]) -> dict[str, str]:
    """The words of each page the role's home links to, and of ``extra``."""
    login(client, username, DEMO_PASSWORD)
    links = set(re.findall(r'href="(/[^"#]*)"', client.get("/").text)) - {"/static/app.css"}
    pages = {path: _words(client.get(path).text) for path in sorted(links) + extra}
    client.cookies.clear()
    return pages


def test_no_page_shows_an_iso_date_or_a_dot_decimal_on_the_demo(client: TestClient) -> None:
    run(load_demo())
    from tests.http.test_demo_pages import MANAGER_PAGES, _pages_of_records

    regie = run(Organisation.select(Organisation.id).where(Organisation.code == "RP"))[0]["id"]
    waiting = run(
        PickupRequest.select(PickupRequest.id, PickupRequest.donor)
        .where(PickupRequest.organisation == regie, PickupRequest.status == PickupStatus.REQUESTED)
        .limit(2)
    )
    publish_round_today(regie, [(r["donor"], r["id"]) for r in waiting])
    planned = run(PlannedRound.select(PlannedRound.id, PlannedRound.plan).first())
    plan = [f"/tournees/{planned['plan']}", f"/tournees/{planned['plan']}/feuille/{planned['id']}"]
    number = run(Certificate.select(Certificate.number).first())["number"]
    public = [f"/verifier/{number}", "/donateur/" + run(demo_donor_link()).address.rsplit("/")[-1]]
    pages = {
        **_role_pages(client, "claire.martin", MANAGER_PAGES + _pages_of_records() + plan),
        **_role_pages(client, "karim.benali", ["/tournees/jour?jour=2026-01-05"]),
        **_role_pages(client, "thomas.perrin", []),
        **_role_pages(client, "coordination", []),
        **{path: _words(client.get(path).text) for path in public},
    }

    assert len(pages) > 40 and "/tournees/jour?jour=2026-01-05" in pages
    found = [
        (path, match.group(0), words[max(match.start() - 40, 0) : match.end() + 10])
        for path, words in pages.items()
        for pattern in (ISO_DATE, DOT_DECIMAL)
        for match in pattern.finditer(words)
    ]
    assert found == []

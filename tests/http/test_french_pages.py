"""Pages speak French to their readers: numbers with a comma, words agreeing with their count,
dates in words, no English nor solver words, items named by what they are, hashes folded."""

from __future__ import annotations

import html
import re

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import bearer, login, make_user
from tests.factories_certificates import make_collection, make_world
from tests.factories_lots import make_agreement, make_parties

NNBSP = "\u202f"


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

"""Filling a TRIRA lot from the stock list or typed tags, and the reconditioner's confirmation
coming first: the lot page as a manager and as TRIRA's staff meet it."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient

from inventory.categories import Category
from inventory.tables import Item
from logistics.accounts.roles import Role
from tests.factories import csrf_from, login, make_user, redirected_to, run
from tests.factories_lots import make_agreement, make_items, make_parties


def _post(client: TestClient, page: str, action: str, data: dict[str, Any]) -> Any:
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**data, "_csrf_token": token}, follow_redirects=False)


def _new_lot(client: TestClient, agreement_id: int) -> str:
    created = _post(client, "/lots", "/lots/", {"agreement_id": str(agreement_id)})
    assert created.status_code in (302, 303), created.text
    return redirected_to(created)


def _lot_of(item_ids: list[int]) -> set[int | None]:
    return {row["lot"] for row in run(Item.select(Item.lot).where(Item.id.is_in(item_ids)))}


def test_manager_ticks_two_items_in_the_stock_list_and_both_join_the_lot(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    first, second, third = make_items(association, 3, Category.LAPTOP, weight_kg=2.5)
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    lot_page = _new_lot(client, agreement["id"])

    page = client.get(lot_page).text
    tags = {row["id"]: row["tag"] for row in run(Item.select(Item.id, Item.tag))}
    for item_id in (first, second, third):
        assert f'name="item_ids" value="{item_id}"' in page
        assert tags[item_id] in page
    assert "portable" in page and "2,5\u202fkg" in page

    added = _post(client, lot_page, f"{lot_page}/objets", {"item_ids": [str(first), str(second)]})
    assert added.status_code in (302, 303), added.text
    lot_id = int(lot_page.rsplit("/", 1)[1])
    assert _lot_of([first, second]) == {lot_id}
    assert _lot_of([third]) == {None}
    after = client.get(lot_page).text
    assert (
        f'name="item_ids" value="{first}"' not in after
        and f'name="item_ids" value="{third}"' in after
    )


def test_tags_typed_with_spaces_are_read_as_the_phone_reads_them(client: TestClient) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    ids = make_items(association, 3)
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    lot_page = _new_lot(client, agreement["id"])
    tags = [row["tag"] for row in run(Item.select(Item.tag).order_by(Item.id))]
    spaced = tags[0].replace("-", " ").lower()
    typed = f"{spaced}\n{tags[1].replace('-', '')} , {tags[2]}"

    added = _post(client, lot_page, f"{lot_page}/objets", {"tags": typed})
    assert added.status_code in (302, 303), added.text
    assert _lot_of(ids) == {int(lot_page.rsplit("/", 1)[1])}


def test_nothing_typed_nor_ticked_is_refused_in_words(client: TestClient) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    make_items(association, 1)
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    lot_page = _new_lot(client, agreement["id"])
    refused = _post(client, lot_page, f"{lot_page}/objets", {"tags": ""})
    assert refused.status_code == 422 and "au moins un objet" in refused.text


def test_trira_home_says_a_lot_waits_and_its_page_puts_the_confirmation_first(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    make_items(association, 30, Category.SCREEN, weight_kg=5.0)
    make_user("claire.martin", Role.MANAGER, association)
    make_user("tri.staff", Role.RECONDITIONER, trira)
    login(client, "claire.martin")
    lot_page = _new_lot(client, agreement["id"])
    all_ids = [str(row["id"]) for row in run(Item.select(Item.id))]
    assert _post(client, lot_page, f"{lot_page}/objets", {"item_ids": all_ids}).is_redirect
    handed = _post(client, lot_page, f"{lot_page}/remise", {"slip_number": "BT-1"})
    assert handed.status_code in (302, 303), handed.text
    assert "à confirmer" not in client.get("/").text  # the manager does not confirm receipts

    client.post("/deconnexion", data={"_csrf_token": csrf_from(client.get("/").text)})
    login(client, "tri.staff")
    home = client.get("/").text
    assert "1 lot à confirmer" in home and f'href="{lot_page}"' in home

    page = client.get(lot_page).text
    form = page.index(f'action="{lot_page}/reception"')
    items = page.index('<details class="lot-items">')
    assert form < items
    folded = page[items : page.index("</details>", items)]
    assert re.search(r"<summary>Les 30 objets du lot</summary>", folded)
    assert folded.count("<tr>") == 31  # the heading row and the 30 items, all inside the fold

    confirmed = _post(client, lot_page, f"{lot_page}/reception", {"measured_weight_kg": "150"})
    assert confirmed.status_code in (302, 303), confirmed.text
    assert "à confirmer" not in client.get("/").text

"""Logging items through the use cases: tags taken once, scanned labels checked, replays safe."""

from __future__ import annotations

import asyncio

import pytest

from inventory.errors import Conflict, Invalid
from inventory.services import items, moves, search
from inventory.states import ItemState
from inventory.tables import Event, Item, TagBlock
from inventory.tags import format_tag, parse_tag
from tests.factories import make_organisation, run
from tests.factories_journey import (
    add_item,
    make_donor,
    now,
    open_collection,
    print_block,
    scope_of,
)


@pytest.fixture
def open_at_cpam() -> tuple:
    scope = scope_of(make_organisation("RP"))
    return scope, open_collection(scope, make_donor(scope))


def test_twenty_agents_logging_at_once_never_share_a_tag(open_at_cpam: tuple) -> None:
    scope, collection = open_at_cpam

    async def twenty() -> list[dict]:
        return await asyncio.gather(
            *(
                items.add_item(scope, collection, items.ItemData("desktop"), now())
                for _ in range(20)
            )
        )

    logged = run(twenty())
    tags = [row["tag"] for row in logged]
    assert len(set(tags)) == 20
    assert sorted(parse_tag(t).sequence for t in tags) == list(range(1, 21))
    assert run(Event.count().where(Event.action == "created", Event.subject_kind == "item")) == 20


def test_a_pre_printed_label_is_accepted_once_and_a_foreign_one_is_unknown(
    open_at_cpam: tuple,
) -> None:
    scope, collection = open_at_cpam
    block = print_block(scope, 3)
    assert len(run(TagBlock.select())) == 1
    item = add_item(scope, collection, tag=block[1].lower().replace("-", " "))
    assert item["tag"] == block[1]
    with pytest.raises(Conflict):
        add_item(scope, collection, tag=block[1])
    with pytest.raises(Invalid, match="inconnue"):
        add_item(scope, collection, tag=format_tag("RP", parse_tag(block[0]).year, 999))
    with pytest.raises(Invalid, match="inconnue"):
        add_item(scope, collection, tag=format_tag("ZZ", parse_tag(block[0]).year, 2))
    # a number taken automatically later never falls inside the printed block
    assert add_item(scope, collection)["tag"] not in block


def test_the_same_client_uuid_twice_gives_the_same_item(open_at_cpam: tuple) -> None:
    scope, collection = open_at_cpam
    uuid = "6f1c2a9e-1111-4c3b-9d2e-0a1b2c3d4e5f"
    first = add_item(scope, collection, client_uuid=uuid, serial_number="abc")
    again = add_item(scope, collection, client_uuid=uuid.upper(), serial_number="abc")
    assert first["id"] == again["id"] and run(Item.count()) == 1


def test_store_the_whole_van_then_history_replays(open_at_cpam: tuple) -> None:
    scope, collection = open_at_cpam
    laptop = add_item(scope, collection)
    add_item(scope, collection, "keyboard_mouse", quantity=12)
    assert run(moves.store_collection(scope, collection, now())) == 2
    run(moves.move_item(scope, laptop["id"], ItemState.RECYCLED, now(), "écran cassé"))
    history = run(moves.item_history(scope, laptop["id"]))
    assert [e["to_state"] for e in history] == ["collected", "stored", "recycled"]


def test_a_serial_number_shaped_like_a_tag_is_still_found(open_at_cpam: tuple) -> None:
    scope, collection = open_at_cpam
    item = add_item(scope, collection, serial_number="AB12345678C")
    found = run(search.search(scope, "ab12345678c"))
    assert [row["id"] for row in found.items] == [item["id"]] and found.tag_error == ""
    slip = run(search.search(scope, "RP-26-000001-Z"))
    assert not slip.items and "caractère de contrôle" in slip.tag_error


def test_copies_of_one_line_sent_at_the_same_moment_log_it_once(open_at_cpam: tuple) -> None:
    scope, collection = open_at_cpam
    line = items.ItemData("laptop", client_uuid="2d9e7c5b-3a1f-4b8e-9c6d-7e5f4a3b2c1d")

    async def five_copies() -> list[dict]:
        return await asyncio.gather(
            *(items.add_item(scope, collection, line, now()) for _ in range(5))
        )

    assert len({row["id"] for row in run(five_copies())}) == 1
    assert run(Item.count()) == 1

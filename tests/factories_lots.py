"""Factories for lots, agreements and devices: items are inserted straight through the tables.

The item use cases belong to another context; these tests need stored items with their history,
so they write the rows a collection would have written (item, creation and storage events).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

from inventory import model
from inventory.categories import Category
from inventory.history import Circumstances, record_move
from inventory.ledger import QuotaBasis
from inventory.model import ITEM_MACHINE
from inventory.parties import DonorKind, OrganisationKind
from inventory.services.agreements import NewAgreement, create_agreement
from inventory.states import ItemState
from inventory.tables import Collection, Donor, Item
from inventory.tags import format_tag
from logistics.accounts.identity import OPERATOR_SCOPE
from tests.factories import make_organisation, run

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(moment: datetime = NOW) -> Circumstances:
    return Circumstances(at=moment, app="tests")


def make_parties(code: str = "RP") -> tuple[int, int]:
    """A collecting association and the reconditioner (created once, reused by later calls)."""
    from logistics.accounts.organisations import organisation_id_by_code

    association = make_organisation(code)
    trira = run(organisation_id_by_code("TRI")) or make_organisation(
        "TRI", OrganisationKind.RECONDITIONER, "TRIRA"
    )
    return association, trira


def make_agreement(
    organisation_id: int,
    reconditioner_id: int,
    basis: QuotaBasis = QuotaBasis.COMPUTERS,
    tolerance: float = 5.0,
    threshold: int = 5,
    weeks: int = 4,
) -> dict[str, Any]:
    new = NewAgreement(
        organisation_id=organisation_id,
        reconditioner_id=reconditioner_id,
        reference=f"CONV-{organisation_id}-{reconditioner_id}",
        starts_on=date(2026, 1, 1),
        basis=basis,
        kg_per_device=10.0 if basis is QuotaBasis.WEIGHT else None,
        weight_tolerance_percent=tolerance,
        alert_threshold=threshold,
        alert_weeks=weeks,
    )
    return run(create_agreement(OPERATOR_SCOPE, new, at()))


async def _insert_items(
    organisation_id: int,
    count: int,
    category: Category,
    weight_kg: float,
    state: ItemState,
    code: str,
    first: int,
) -> list[int]:
    async with Item._meta.db.transaction():
        return await _insert_rows(organisation_id, count, category, weight_kg, state, code, first)


async def _insert_rows(*args: Any) -> list[int]:
    organisation_id, count, category, weight_kg, state, code, first = args
    donor = await Donor.insert(
        Donor(
            organisation=organisation_id, kind=DonorKind.ENTREPRISE, name="Donateur", created_at=NOW
        )
    )
    collection = await Collection.insert(
        Collection(
            organisation=organisation_id,
            donor=donor[0]["id"],
            collected_on=NOW.date(),
            created_at=NOW,
        )
    )
    ids = []
    for n in range(count):
        rows = await Item.insert(
            Item(
                organisation=organisation_id,
                collection=collection[0]["id"],
                tag=format_tag(code, 2026, first + n),
                category=category.value,
                weight_kg=weight_kg,
                state=state.value,
                state_changed_at=NOW,
                created_at=NOW,
            )
        )
        item_id = rows[0]["id"]
        ids.append(item_id)
        path = _PATH[: _PATH.index(state) + 1]
        history = [model.start(ITEM_MACHINE, at=NOW)]
        history += [model.transition(ITEM_MACHINE, a, b, at=NOW) for a, b in pairwise(path)]
        for move in history:
            await record_move(OPERATOR_SCOPE, organisation_id, item_id, move, at())
    return ids


_next_tag: dict[str, int] = {}
# The normal path of an item; a factory item in a later state has the earlier moves in history.
_PATH = [ItemState.COLLECTED, ItemState.STORED, ItemState.IN_LOT, ItemState.HANDED_TO_TRIRA]


def make_items(
    organisation_id: int,
    count: int,
    category: Category = Category.DESKTOP,
    weight_kg: float = 8.0,
    state: ItemState = ItemState.STORED,
    code: str = "RP",
) -> list[int]:
    """``count`` labelled items of one category, stored by default, with their creation events."""
    first = _next_tag.get(code, 1)
    _next_tag[code] = first + count
    return run(_insert_items(organisation_id, count, category, weight_kg, state, code, first))

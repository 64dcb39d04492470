"""Label numbers: allocating them, checking a scanned one, printing sheets.

Numbers come from one ``TagSequence`` row per organisation and year. Taking numbers is a single
``UPDATE ... SET next_value = next_value + n ... RETURNING``: on PostgreSQL the row lock makes
concurrent takers wait for each other, on SQLite the writer lock of ``write_transaction`` does,
so two items never get the same number. Blocks of blank labels take their numbers from the same
sequence and are recorded (``TagBlock``), which is how a scanned pre-printed label is recognised.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import Any

from inventory import labels
from inventory.categories import Category
from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services.common import insert_recorded
from inventory.tables import Item, Organisation, TagBlock, TagSequence
from inventory.tags import Tag, make_tag, parse_tag

MAX_BLOCK = 21 * 50
"""Fifty sheets of 21 labels: more at once is surely a typing slip."""


class TagReads:
    """What checking tags reads, kept for one batch of lines (the phone sync logs 20 at a time).

    An organisation's code never changes. Its printed blocks only grow: a tag missing from the
    kept blocks is looked up again before it is refused, so a sheet printed meanwhile counts.
    The tags a batch will scan are looked up together (``look_up``); a tag found free answers
    "free" once, then is read again (the batch may stick it on an item meanwhile). Another
    request sticking it at the same moment is stopped by the column's unique constraint.
    A fresh ``TagReads()`` per call reads everything, as a lone use case should.
    """

    def __init__(self) -> None:
        self._codes: dict[int, str] = {}
        self._blocks: dict[tuple[int, int], list[dict[str, int]]] = {}
        self._free: set[str] = set()

    async def look_up(self, texts: Iterable[str]) -> None:
        """Read in one query which of these scanned tags no item wears yet (bad ones skipped)."""
        tags = set()
        for text in texts:
            with contextlib.suppress(Invalid):
                tags.add(str(parse_tag(text)))
        if tags:
            worn = await Item.select(Item.tag).where(Item.tag.is_in(list(tags)))
            self._free = tags - {row["tag"] for row in worn}

    async def worn(self, tag: str) -> bool:
        """Whether an item already wears ``tag``."""
        if tag in self._free:
            self._free.discard(tag)
            return False
        return await Item.exists().where(Item.tag == tag)

    async def code(self, organisation_id: int) -> str:
        if organisation_id not in self._codes:
            row = (
                await Organisation.select(Organisation.code)
                .where(Organisation.id == organisation_id)
                .first()
            )
            assert row is not None, "an organisation of a record always exists"
            self._codes[organisation_id] = row["code"]
        return self._codes[organisation_id]

    async def printed(self, organisation_id: int, year: int, sequence: int) -> bool:
        """Whether ``sequence`` lies in one of the blocks the organisation printed for ``year``."""
        key = (organisation_id, year)
        for fresh in (False, True):
            if fresh or key not in self._blocks:
                self._blocks[key] = await TagBlock.select(
                    TagBlock.first_value, TagBlock.count
                ).where(TagBlock.organisation == organisation_id, TagBlock.year == year)
            if any(
                b["first_value"] <= sequence < b["first_value"] + b["count"]
                for b in self._blocks[key]
            ):
                return True
        return False


async def organisation_code(organisation_id: int) -> str:
    return await TagReads().code(organisation_id)


async def take_numbers(organisation_id: int, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers; returns the first. Call inside a write transaction."""
    await TagSequence.insert(
        TagSequence(organisation=organisation_id, year=year, next_value=1)
    ).on_conflict(target=(TagSequence.organisation, TagSequence.year), action="DO NOTHING")
    rows = (
        await TagSequence.update({TagSequence.next_value: TagSequence.next_value + count})
        .where(TagSequence.organisation == organisation_id, TagSequence.year == year)
        .returning(TagSequence.next_value)
    )
    return rows[0]["next_value"] - count


async def allocate_tag(organisation_id: int, year: int, reads: TagReads | None = None) -> str:
    """A new tag for one item; call inside the transaction that saves the item."""
    code = await (reads or TagReads()).code(organisation_id)  # before the sequence's lock
    return str(make_tag(code, year, await take_numbers(organisation_id, year, 1)))


async def check_scanned_tag(organisation_id: int, text: str, reads: TagReads | None = None) -> str:
    """The printed form of a pre-printed label scanned or typed in the field.

    Refuses a mistyped tag (check character), a tag of another organisation or never printed
    (« étiquette inconnue »), and a tag already stuck on another item.
    """
    tag = parse_tag(text)
    unknown = Invalid(
        f"Étiquette {tag} inconnue : elle ne fait partie d'aucun bloc d'étiquettes imprimé "
        "par votre association.",
        tag=str(tag),
    )
    reads = reads or TagReads()
    if tag.prefix != await reads.code(organisation_id):
        raise unknown
    if await reads.worn(str(tag)):
        raise Conflict(f"L'étiquette {tag} est déjà collée sur un autre objet.", tag=str(tag))
    if not await reads.printed(organisation_id, 2000 + tag.year, tag.sequence):
        raise unknown
    return str(tag)


async def print_blank_block(
    scope: Scope, count: int, circumstances: Circumstances, *, skip: int = 0
) -> tuple[list[Tag], bytes]:
    """Take ``count`` numbers for blank pre-numbered labels and draw their A4 sheets."""
    if not 1 <= count <= MAX_BLOCK:
        raise Invalid(f"Le nombre d'étiquettes va de 1 à {MAX_BLOCK}.", count=count)
    organisation_id = scope.organisation_id
    scope.check_write(organisation_id, "Organisation")
    year = circumstances.at.year
    async with write_transaction(TagBlock):
        first = await take_numbers(organisation_id, year, count)
        code = await organisation_code(organisation_id)
        tags = [make_tag(code, year, first + n) for n in range(count)]
        new = TagBlock(
            organisation=organisation_id,
            year=year,
            first_value=first,
            count=count,
            printed_at=circumstances.at,
            printed_by=scope.actor_id or None,
        )
        details = {"first": str(tags[0]), "last": str(tags[-1]), "count": count}
        await insert_recorded(
            scope, new, "tag_block", circumstances, action="printed", details=details
        )
    pdf = labels.labels_pdf([labels.LabelContent(str(tag)) for tag in tags], skip=skip)
    return tags, pdf


def item_label(item: dict[str, Any]) -> labels.LabelContent:
    """What a label of a logged item shows under its barcode: category, brand and model."""
    words = [Category(item["category"]).label, item["brand"], item["model"]]
    return labels.LabelContent(item["tag"], " · ".join(w for w in words if w))


def items_sheet(items: Sequence[dict[str, Any]], *, skip: int = 0) -> bytes:
    """The A4 label sheet of the tagged items among ``items`` (quantity lines have no label)."""
    tagged = [item_label(item) for item in items if item["tag"]]
    if not tagged:
        raise Invalid("Aucun objet étiqueté à imprimer.")
    return labels.labels_pdf(tagged, skip=skip)

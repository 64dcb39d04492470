"""One search box for the depot: a tag, a serial number or a donor's name.

People type what they read on a sticker: "rp 26 000123 g", "RP26000123G" or a serial in small
letters all find the item. A text that reads as a tag but whose check character is wrong is said
so, instead of silently finding nothing (unless it is a serial number of that shape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from inventory.errors import Invalid
from inventory.scope import Scope
from inventory.services.donors import list_donors
from inventory.services.items import select_items
from inventory.tables import Item
from inventory.tags import parse_tag

MAX_RESULTS = 50
_TAG_SHAPE = re.compile(r"^[A-Z]{2,4}\d{8}[A-Z0-9]$")
_SEPARATORS = re.compile(r"[\s\-_.]+")


@dataclass
class SearchResults:
    query: str
    items: list[dict[str, Any]] = field(default_factory=list)
    donors: list[dict[str, Any]] = field(default_factory=list)
    tag_error: str = ""

    @property
    def empty(self) -> bool:
        return not (self.items or self.donors)


def _looks_like_tag(text: str) -> bool:
    """Letters, eight digits and one character once separators are gone: meant as a tag."""
    return bool(_TAG_SHAPE.match(_SEPARATORS.sub("", text).upper()))


async def search(scope: Scope, text: str) -> SearchResults:
    """Items by tag or serial, and donors by name, among what the caller may read."""
    query = text.strip()
    results = SearchResults(query)
    if len(query) < 2:
        return results
    items = select_items(scope)
    if _looks_like_tag(query):
        try:
            tag = str(parse_tag(query))
        except Invalid as error:
            results.tag_error = error.message
        else:
            results.items = await items.where(Item.tag == tag).limit(1)
            return results
    results.items = await items.where(Item.serial_number == query.upper()).limit(MAX_RESULTS)
    results.donors = (await list_donors(scope, include_inactive=True, name=query))[:MAX_RESULTS]
    if not results.empty:
        results.tag_error = ""  # it was a serial number shaped like a tag, not a typing slip
    return results

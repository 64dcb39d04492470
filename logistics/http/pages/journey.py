"""What every page of the hardware's journey shares: the enums its templates turn into French.

Templates write ``{{ ItemState(item.state).label }}``; passing the enums here keeps those
labels in the domain, where they are defined once.
"""

from __future__ import annotations

from typing import Any

from litestar.response import Template

from inventory.categories import Category
from inventory.parties import DonorKind, GeocodingStatus
from inventory.states import CollectionStatus, ItemState, PickupStatus

ENUMS: dict[str, Any] = {
    "Category": Category,
    "CollectionStatus": CollectionStatus,
    "DonorKind": DonorKind,
    "GeocodingStatus": GeocodingStatus,
    "ItemState": ItemState,
    "PickupStatus": PickupStatus,
}


def page(template: str, **context: Any) -> Template:
    """A page of the journey, with the enums its template needs."""
    return Template(template, context={**ENUMS, **context})

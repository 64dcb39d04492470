"""Factories for the hardware's journey: donors, collections and items built through the real
use cases, plus a scope and circumstances for calling services directly."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from inventory.history import Circumstances
from inventory.parties import DonorKind
from inventory.scope import Scope
from inventory.services import collections, donors, items, tagging
from logistics import clock
from logistics.accounts.roles import Role
from tests.factories import bearer, make_organisation, make_user, run

PARIS = ZoneInfo("Europe/Paris")
SIGNATURE = "M10 10 L40 30 C50 40 60 20 80 35"


def scope_of(organisation_id: int, actor_id: int = 1, name: str = "Claire Martin") -> Scope:
    """A member of ``organisation_id`` who reads and writes only there."""
    own = frozenset({organisation_id})
    return Scope(actor_id, name, organisation_id, own, own)


def now(app: str = "tests") -> Circumstances:
    """The present as the app reads it (``clock.frozen`` in a test sets it)."""
    return Circumstances(at=clock.now(), app=app)


def donor_data(name: str = "CPAM de Chambéry", **extra: Any) -> donors.DonorData:
    return donors.DonorData(kind=extra.pop("kind", DonorKind.COLLECTIVITE), name=name, **extra)


def make_donor(scope: Scope, name: str = "CPAM de Chambéry", **extra: Any) -> int:
    return run(donors.create_donor(scope, donor_data(name, **extra), now()))["id"]


def open_collection(scope: Scope, donor_id: int, **extra: Any) -> int:
    data = collections.CollectionData(collected_on=extra.pop("on", date.today()), **extra)
    return run(collections.open_collection(scope, donor_id, data, now()))["id"]


def add_item(scope: Scope, collection_id: int, category: str = "laptop", **extra: Any) -> dict:
    return run(items.add_item(scope, collection_id, items.ItemData(category, **extra), now()))


def print_block(scope: Scope, count: int) -> list[str]:
    tags, _ = run(tagging.print_blank_block(scope, count, now()))
    return [str(tag) for tag in tags]


def regie_plus_manager(client: Any, code: str = "RP", username: str = "claire.martin") -> dict:
    """A manager of a collecting association, logged in by bearer token; returns the headers."""
    make_user(username, Role.MANAGER, make_organisation(code))
    return bearer(client, username)


DONOR_JSON = {
    "kind": "collectivite",
    "name": "Cour d'Appel de Chambéry",
    "siret": "17730111900018",
    "address": "Place du Palais de Justice",
    "postcode": "73000",
    "city": "Chambéry",
    "opening_hours": {"mon": [["08:30", "12:00"], ["13:30", "17:00"]]},
    "convention_reference": "CONV-2019-04",
    "convention_starts_on": "2019-04-30",
}

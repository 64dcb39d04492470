"""The kinds of stop: references, the registry, and the interface every kind keeps."""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Sequence
from typing import Any

import pytest

from inventory.errors import Invalid
from logistics.rounds.kinds import KINDS, Registry
from logistics.rounds.pickup_stops import PICKUP_REQUEST, PickupRequests
from logistics.rounds.subjects import DETAIL_KEYS, StopKind, SubjectRef, by_kind

MIGRATION = "logistics.piccolo_migrations.logistics_2026_12_03t06_40_00_000000"


class Named:
    """Just enough of a kind for the registry: a name and details."""

    def __init__(self, name: str) -> None:
        self.name = name

    async def details(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return {i: {"name": f"{self.name} {i}", self.name: i} for i in ids}


def test_a_subject_is_one_opaque_ref_and_back() -> None:
    subject = SubjectRef("home_visit", 12)
    assert subject.key == "home_visit:12"
    assert SubjectRef.parse(subject.key) == subject
    assert SubjectRef.of_row({"subject_kind": "home_visit", "subject_id": 12}) == subject
    assert SubjectRef.of_row({"subject_kind": None, "subject_id": None}) is None


def test_subjects_are_grouped_by_kind_in_the_order_they_came() -> None:
    labels = {
        SubjectRef("pickup_request", 3): "CPAM",
        SubjectRef("home_visit", 1): "Mme Durand",
        SubjectRef("pickup_request", 2): "Mairie",
    }
    assert by_kind(labels) == {
        "pickup_request": {3: "CPAM", 2: "Mairie"},
        "home_visit": {1: "Mme Durand"},
    }


def test_the_registry_refuses_a_name_twice_or_with_a_colon_and_an_unknown_kind() -> None:
    registry = Registry([Named("home_visit")])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="already registered"):
        registry.register(Named("home_visit"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="':'"):
        registry.register(Named("home:visit"))  # type: ignore[arg-type]
    with pytest.raises(Invalid, match="Type d'arrêt inconnu"):
        registry["rota"]
    registry.unregister("home_visit")
    assert "home_visit" not in registry and list(registry) == []


def test_rows_get_their_kinds_details_and_breaks_get_blanks() -> None:
    registry = Registry([Named("home_visit")])  # type: ignore[list-item]
    rows = [
        {"id": 1, "subject_kind": "home_visit", "subject_id": 4},
        {"id": 2, "subject_kind": None, "subject_id": None},
    ]
    visit, lunch = asyncio.run(registry.with_details(rows))
    assert visit["name"] == "home_visit 4" and visit["home_visit"] == 4 and visit["id"] == 1
    assert {key: lunch[key] for key in DETAIL_KEYS} == dict.fromkeys(DETAIL_KEYS)


def test_pickup_requests_are_registered_and_keep_the_whole_interface() -> None:
    assert isinstance(KINDS[PICKUP_REQUEST], PickupRequests)
    wanted = {
        name
        for name, member in inspect.getmembers(StopKind)
        if not name.startswith("_") and inspect.isfunction(member)
    }
    wanted |= set(StopKind.__annotations__)
    assert wanted == {
        "name",
        "noun",
        "unlocated",
        "candidates",
        "stops",
        "on_day",
        "details",
        "publish",
        "started",
        "withdraw",
        "progress",
    }
    kind = PickupRequests()
    for name in wanted:
        assert hasattr(kind, name), name
        if inspect.iscoroutinefunction(getattr(StopKind, name, None)):
            assert inspect.iscoroutinefunction(getattr(kind, name)), name


def test_the_migration_unlinks_only_the_old_foreign_keys_of_a_sqlite_table() -> None:
    without_references = importlib.import_module(MIGRATION).without_references
    create = (
        'CREATE TABLE "round_stop" ("id" INTEGER PRIMARY KEY NOT NULL, "organisation" INTEGER '
        'NOT NULL REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFAULT '
        'null, "pickup_request" INTEGER REFERENCES "pickup_request" ("id") ON DELETE CASCADE ON '
        'UPDATE CASCADE DEFAULT null, "donor" INTEGER NOT NULL REFERENCES "donor" ("id") ON '
        "DELETE SET NULL DEFAULT null)"
    )
    assert without_references(create, ("pickup_request", "donor")) == (
        'CREATE TABLE "round_stop" ("id" INTEGER PRIMARY KEY NOT NULL, "organisation" INTEGER '
        'NOT NULL REFERENCES "organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFAULT '
        'null, "pickup_request" INTEGER DEFAULT null, "donor" INTEGER NOT NULL DEFAULT null)'
    )
    with pytest.raises(RuntimeError, match="Foreign key of label"):
        without_references(create, ("label",))

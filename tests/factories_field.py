"""Factories of the phone-page tests: an agent's association with donors, a published round for
today, blank labels, and sync entries as the phone makes them."""

from __future__ import annotations

import time as clock
import uuid
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from logistics.rounds.pickup_stops import PICKUP_REQUEST
from logistics.rounds.storage import snapshot
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundPlan, RoundStop
from logistics.settings import get_settings
from routes.model import Point
from tests.factories import make_organisation, make_user, run
from tests.factories_journey import PARIS, SIGNATURE, make_donor, print_block, scope_of
from tests.factories_rounds import make_request, make_vehicle

AGENT = "karim.benali"


@dataclass(frozen=True)
class FieldDay:
    organisation_id: int
    agent_id: int
    donor_ids: list[int]
    stop_ids: list[int]
    tags: list[str]


def publish_round_today(organisation_id: int, donors: list[tuple[int, int]]) -> list[int]:
    """A published plan whose one round visits ``(donor, request)`` pairs today, in order."""
    today = datetime.now(PARIS).date()
    at = datetime.now(PARIS)
    plan = run(
        RoundPlan.insert(
            RoundPlan(
                organisation=organisation_id,
                week_start=today,
                status=PlanStatus.PUBLISHED,
                settings=snapshot(get_settings().rounds, Point(45.5853, 5.9329)),
                created_at=at,
                published_at=at,
            )
        )
    )[0]["id"]
    round_id = run(
        PlannedRound.insert(
            PlannedRound(
                organisation=organisation_id,
                plan=plan,
                vehicle=make_vehicle(organisation_id),
                day=today,
                departure=time(8, 0),
                return_at=time(12, 0),
            )
        )
    )[0]["id"]
    stops = []
    for position, (_, request_id) in enumerate(donors, start=1):
        stops.append(
            RoundStop(
                organisation=organisation_id,
                planned_round=round_id,
                position=position,
                kind="stop",
                subject_kind=PICKUP_REQUEST,
                subject_id=request_id,
                latitude=45.566 + position / 100,
                longitude=5.933,
                arrival=time(8 + position, 0),
                start=time(8 + position, 0),
                departure=time(8 + position, 30),
                windows=[["08:30", "12:00"], ["13:30", "17:00"]],
            )
        )
    return [row["id"] for row in run(RoundStop.insert(*stops))]


def make_field_day(labels: int = 30) -> FieldDay:
    """Régie Plus, its agent, two donors on today's published round, a block of blank labels."""
    organisation_id = make_organisation("RP", name="Régie Plus")
    agent_id = make_user(AGENT, Role.AGENT, organisation_id)
    scope = scope_of(organisation_id)
    donors = [
        make_donor(
            scope,
            "CPAM de Chambéry",
            address="5 avenue de la Houille Blanche",
            postcode="73000",
            city="Chambéry",
            contact_name="Mme Perret",
            contact_phone="04 79 00 00 01",
            access_notes="Quai de livraison au sous-sol, badge à l'accueil",
        ),
        make_donor(scope, "Collège Côte Rousse", city="Chambéry", contact_name="M. Roux"),
    ]
    pairs = [(d, make_request(organisation_id, d)) for d in donors]
    stops = publish_round_today(organisation_id, pairs)
    return FieldDay(organisation_id, agent_id, donors, stops, print_block(scope, labels))


def new_id() -> str:
    return str(uuid.uuid4())


def open_entry(donor_id: int, **extra: Any) -> dict[str, Any]:
    return {"id": new_id(), "kind": "open_collection", "donor_id": donor_id, **extra}


def item_entry(collection: str, category: str = "laptop", **extra: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "kind": "add_item",
        "collection": collection,
        "category": category,
        "weight_kg": 2.5,
        **extra,
    }


def close_entry(collection: str, name: str = "Mme Perret") -> dict[str, Any]:
    return {
        "id": new_id(),
        "kind": "close_collection",
        "collection": collection,
        "signatory_name": name,
        "signature_path": SIGNATURE,
    }


def round_batch(day: FieldDay, items: int = 10) -> list[dict[str, Any]]:
    """What a phone sends after a stop: the opening, ``items`` labelled items, the signature."""
    opening = open_entry(day.donor_ids[0])
    lines = [item_entry(opening["id"], tag=day.tags[n]) for n in range(items)]
    return [opening, *lines, close_entry(opening["id"])]


def sync_applied(client: TestClient, headers: dict[str, str], entries: list[dict]) -> dict:
    """Send a batch as the phone does, then ask about it until the server has applied it."""
    response = client.post("/api/v1/sync", json={"entries": entries}, headers=headers)
    assert response.status_code == 202, response.text
    answer = response.json()
    deadline = clock.monotonic() + 20
    while answer["state"] != "applied":
        assert clock.monotonic() < deadline, f"batch {answer['batch']} never applied"
        clock.sleep(0.05)
        answer = client.get(f"/api/v1/sync/{answer['batch']}", headers=headers).json()
    return answer

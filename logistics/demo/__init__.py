"""Demo data, one module per context, loaded by ``logistics demo`` through ``load_demo``.

Each context's loader is idempotent (keyed by natural identifiers) and relies only on the ones
before it in ``load_demo``: accounts, then the people's profiles, the hardware's journey, the
rounds, the donors' documents, the TRIRA side, then BLÉ's course, its attributions and its
visits.
"""

from __future__ import annotations

from logistics.demo.accounts import DEMO_PASSWORD, load_accounts_demo
from logistics.demo.assignments import load_assignments_demo
from logistics.demo.documents import demo_donor_link, load_documents_demo
from logistics.demo.journey import load_journey_demo
from logistics.demo.quota import load_quota_demo
from logistics.demo.rounds import load_rounds_demo
from logistics.demo.staff import load_staff_demo
from logistics.demo.trainees import load_trainees_demo
from logistics.demo.visits import load_visits_demo

__all__ = ["DEMO_PASSWORD", "demo_donor_link", "load_demo"]


async def load_demo() -> dict[str, int]:
    """Create what is missing; returns how many of each kind of record were added."""
    added = await load_accounts_demo()
    for load in (
        load_staff_demo,
        load_journey_demo,
        load_rounds_demo,
        load_documents_demo,
        load_quota_demo,
        load_trainees_demo,
        load_assignments_demo,
        load_visits_demo,
    ):
        added.update(await load())
    return added

"""API of the phone page: sync the entries logged in the field, read the day and the donors."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from inventory.services.donors import list_donors
from logistics.auth.guards import allow
from logistics.field.inbox import answer, store_batch
from logistics.http.dependencies import Context, OrgScope, scope_and_circumstances
from logistics.http.schemas.field import (
    DayOut,
    DonorChoiceOut,
    RoundOut,
    StopOut,
    SyncIn,
    SyncOut,
)
from logistics.rounds.crew import crew_label
from logistics.rounds.kinds import KINDS
from logistics.rounds.reading import rounds_for_agent
from logistics.rounds.subjects import TODO


class SyncController(Controller):
    path = "/api/v1/sync"
    tags = ["Terrain"]
    guards = [allow("field:sync")]

    @post("/", status_code=202)
    async def sync(self, request: Request[Any, Any, Any], data: JSONBody[SyncIn]) -> SyncOut:
        """Store a batch of phone entries, to be applied in a moment; each is idempotent by its
        id. The answer says "received"; the entries' own results come from ``GET /{batch}``."""
        org_scope, circumstances = await scope_and_circumstances(request)
        with request.app.state.inbox.answering():
            return SyncOut.of(await store_batch(org_scope, data.entries, circumstances))

    @get("/{batch_id:int}")
    async def batch(self, org_scope: OrgScope, batch_id: FromPath[int]) -> SyncOut:
        """Where a batch stands: still waiting, or applied with each entry's result."""
        return SyncOut.of(await answer(org_scope, batch_id))


class FieldController(Controller):
    path = "/api/v1/terrain"
    tags = ["Terrain"]
    guards = [allow("field:log")]

    @get("/jour")
    async def day(
        self, org_scope: OrgScope, circumstances: Context, jour: FromQuery[date | None] = None
    ) -> DayOut:
        """The published rounds of a day (today by default) with their pickups in order, each
        with where it stands on the server (a teammate's phone may have done it)."""
        day = jour or circumstances.at.date()
        rounds = await rounds_for_agent(org_scope, day)
        stops = [stop for view in rounds for stop in view.pickups]
        progress = await KINDS.progress(org_scope, stops, circumstances.at.tzinfo or UTC)
        return DayOut(
            day=day,
            rounds=[
                RoundOut(
                    id=view.row["id"],
                    vehicle_name=view.row["vehicle_name"],
                    departure=view.row["departure"].strftime("%H:%M"),
                    stops=[
                        StopOut.from_row(stop, progress.get(stop["id"], TODO))
                        for stop in view.pickups
                    ],
                    crew=[crew_label(member) for member in view.crew],
                )
                for view in rounds
            ],
        )

    @get("/donateurs")
    async def donors(self, org_scope: OrgScope) -> list[DonorChoiceOut]:
        """Every active donor of the association, for a collection without round."""
        return [
            DonorChoiceOut(id=d["id"], name=d["name"], city=d["city"], address=d["address"])
            for d in await list_donors(org_scope)
        ]

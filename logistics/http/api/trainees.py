"""API: trainees (bénéficiaires), their waiting list, training cycles, sessions, attendance."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, patch, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.downloads import download
from logistics.http.schemas import from_row
from logistics.http.schemas.trainees import (
    AttendanceIn,
    CycleDetailOut,
    CycleIn,
    CycleOut,
    DropOutIn,
    EnrolIn,
    EnrolmentOut,
    RegisterOut,
    SessionIn,
    SessionOut,
    TraineeIn,
    TraineeOut,
    TraineePatch,
    WaitingPlaceOut,
)
from logistics.privacy.export import personal_data
from logistics.privacy.export_pdf import render_export
from logistics.trainees import attendance, cycles, people
from logistics.trainees.access_log import record_access
from logistics.trainees.eligibility import Outcome, eligibility_of, trainees_with_eligibility
from logistics.trainees.people import data_of
from logistics.trainees.waiting_list import waiting_list


class TraineeController(Controller):
    path = "/api/v1/trainees"
    tags = ["Bénéficiaires"]

    @get("/", guards=[allow("residents:read")])
    async def list_trainees(
        self,
        org_scope: OrgScope,
        cycle: FromQuery[int | None] = None,
        neighbourhood: FromQuery[str | None] = None,
        eligibility: FromQuery[Outcome | None] = None,
        name: FromQuery[str] = "",
    ) -> list[TraineeOut]:
        """The association's trainees; filters: a cycle (id), a neighbourhood (code), an
        eligibility outcome, a part of the last name."""
        rows = await trainees_with_eligibility(
            org_scope, cycle_id=cycle, neighbourhood=neighbourhood, outcome=eligibility, name=name
        )
        return [TraineeOut.of(row, decided) for row, decided in rows]

    @get("/waiting-list", guards=[allow("residents:read")])
    async def waiting(self, org_scope: OrgScope) -> list[WaitingPlaceOut]:
        """Eligible trainees without a computer yet, first place first, each with its reason."""
        return [WaitingPlaceOut.of(place) for place in await waiting_list(org_scope)]

    @get("/{trainee_id:int}", guards=[allow("residents:read")])
    async def show(self, org_scope: OrgScope, trainee_id: FromPath[int]) -> TraineeOut:
        """One trainee's file; each reading is logged with who read it."""
        row = await people.get_trainee(org_scope, trainee_id)
        await record_access(org_scope, trainee_id, "api")
        return TraineeOut.of(row, await eligibility_of(org_scope, trainee_id))

    @get("/{trainee_id:int}/export", guards=[allow("residents:read")])
    async def export(self, org_scope: OrgScope, trainee_id: FromPath[int]) -> dict[str, Any]:
        """Right of access: everything held about the trainee (file, cycles and attendance,
        attributions, visits, tickets, access log); each export is logged."""
        return (await personal_data(org_scope, trainee_id)).as_json()

    @get(
        "/{trainee_id:int}/export.pdf",
        guards=[allow("residents:read")],
        media_type="application/pdf",
    )
    async def export_pdf(self, org_scope: OrgScope, trainee_id: FromPath[int]) -> Response[bytes]:
        """The same export as a French PDF for the person; logged too."""
        pdf = render_export(await personal_data(org_scope, trainee_id))
        return download(pdf, f"donnees-{trainee_id}.pdf")

    @post("/", guards=[allow("residents:manage")])
    async def create(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[TraineeIn]
    ) -> TraineeOut:
        row = await people.create_trainee(
            org_scope, data.to_data(), circumstances, data.organisation_id
        )
        return TraineeOut.of(row, await eligibility_of(org_scope, row["id"]))

    @patch("/{trainee_id:int}", guards=[allow("residents:manage")])
    async def change(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        trainee_id: FromPath[int],
        data: JSONBody[TraineePatch],
    ) -> TraineeOut:
        """Change the fields given; a changed address is looked up on the map again."""
        current = data_of(await people.get_trainee(org_scope, trainee_id))
        row = await people.update_trainee(
            org_scope, trainee_id, data.applied_to(current), circumstances
        )
        return TraineeOut.of(row, await eligibility_of(org_scope, trainee_id))


async def _detail(org_scope: OrgScope, cycle_id: int) -> CycleDetailOut:
    cycle = await cycles.get_cycle(org_scope, cycle_id)
    sessions = [from_row(SessionOut, s) for s in await cycles.sessions_of(org_scope, cycle_id)]
    enrolments = await cycles.enrolments_of(org_scope, cycle_id)
    return from_row(
        CycleDetailOut,
        cycle,
        sessions=sessions,
        enrolments=[from_row(EnrolmentOut, e) for e in enrolments],
    )


class CycleController(Controller):
    path = "/api/v1/cycles"
    tags = ["Cycles de formation"]

    @get("/", guards=[allow("residents:read")])
    async def list_cycles(self, org_scope: OrgScope) -> list[CycleOut]:
        return [from_row(CycleOut, row) for row in await cycles.list_cycles(org_scope)]

    @get("/{cycle_id:int}", guards=[allow("residents:read")])
    async def show(self, org_scope: OrgScope, cycle_id: FromPath[int]) -> CycleDetailOut:
        """A cycle with its sessions and who is enrolled (and who left, why)."""
        return await _detail(org_scope, cycle_id)

    @post("/", guards=[allow("residents:manage")])
    async def create(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[CycleIn]
    ) -> CycleDetailOut:
        cycle = await cycles.create_cycle(
            org_scope, data.to_data(), circumstances, data.organisation_id
        )
        if data.weekly_sessions:
            await cycles.plan_weekly_sessions(
                org_scope, cycle["id"], data.session_starts_at, data.session_ends_at, circumstances
            )
        return await _detail(org_scope, cycle["id"])

    @put("/{cycle_id:int}", guards=[allow("residents:manage")])
    async def update(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: JSONBody[CycleIn],
    ) -> CycleDetailOut:
        await cycles.update_cycle(org_scope, cycle_id, data.to_data(), circumstances)
        return await _detail(org_scope, cycle_id)

    @post("/{cycle_id:int}/sessions", guards=[allow("residents:manage")])
    async def add_session(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: JSONBody[SessionIn],
    ) -> SessionOut:
        session = await cycles.add_session(org_scope, cycle_id, data.to_data(), circumstances)
        return from_row(SessionOut, session)

    @put("/{cycle_id:int}/sessions/{session_id:int}", guards=[allow("residents:manage")])
    async def move_session(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        session_id: FromPath[int],
        data: JSONBody[SessionIn],
    ) -> SessionOut:
        """Move a session (day, times, place, module); its attendance goes with it."""
        moved = data.to_data()
        session = await cycles.move_session(org_scope, cycle_id, session_id, moved, circumstances)
        return from_row(SessionOut, session)

    @post("/{cycle_id:int}/enrolments", guards=[allow("residents:manage")])
    async def enrol(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: JSONBody[EnrolIn],
    ) -> CycleDetailOut:
        """Give a trainee a place (409 when the cycle is full or they are already in)."""
        await cycles.enrol(org_scope, cycle_id, data.trainee_id, circumstances)
        return await _detail(org_scope, cycle_id)

    @post(
        "/{cycle_id:int}/enrolments/{trainee_id:int}/drop-out",
        guards=[allow("residents:manage")],
        status_code=200,
    )
    async def drop_out(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        trainee_id: FromPath[int],
        data: JSONBody[DropOutIn],
    ) -> CycleDetailOut:
        """The trainee leaves the course (with the reason); their place is freed."""
        await cycles.drop_out(org_scope, cycle_id, trainee_id, data.reason, circumstances, data.on)
        return await _detail(org_scope, cycle_id)

    @get("/{cycle_id:int}/sessions/{session_id:int}/attendance", guards=[allow("residents:read")])
    async def register(
        self, org_scope: OrgScope, cycle_id: FromPath[int], session_id: FromPath[int]
    ) -> RegisterOut:
        return RegisterOut.of(await attendance.register(org_scope, session_id, cycle_id))

    @put(
        "/{cycle_id:int}/sessions/{session_id:int}/attendance",
        guards=[allow("residents:manage")],
    )
    async def tick(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        session_id: FromPath[int],
        data: JSONBody[AttendanceIn],
    ) -> RegisterOut:
        """Tick who came and who did not; a trainee in neither list keeps their mark."""
        await attendance.register(org_scope, session_id, cycle_id)
        ticked = await attendance.tick(org_scope, session_id, data.marks(), circumstances)
        return RegisterOut.of(ticked)

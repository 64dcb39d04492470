"""Pages for training cycles: the list, a new cycle, a cycle with its sessions and who is
enrolled, and the attendance register of a session (one large box per trainee, for a phone)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.errors import DomainError
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, Prefixed, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.trainees import AttendanceIn, CycleIn, DropOutIn, EnrolIn, SessionIn
from logistics.trainees import attendance, cycles, people
from logistics.trainees.eligibility import eligibilities

FORM = "cycles/form.html"
DETAIL = "cycles/detail.html"
REGISTER = "cycles/register.html"
PRESENT = {"present": Prefixed("present_")}
"""One box per trainee on the register, ``present_12`` ticked for trainee 12."""


async def _detail(user: Any, org_scope: OrgScope, cycle_id: int, **extra: Any) -> dict[str, Any]:
    cycle = await cycles.get_cycle(org_scope, cycle_id)
    enrolled = await people.list_trainees(org_scope, cycle_id=cycle_id)
    enrolled_ids = {row["id"] for row in enrolled}
    return {
        "user": user,
        "cycle": cycle,
        "sessions": await cycles.sessions_of(org_scope, cycle_id),
        "present": await attendance.present_counts(org_scope, cycle_id),
        "enrolments": await cycles.enrolments_of(org_scope, cycle_id),
        "eligibility": await eligibilities(org_scope, enrolled),
        "candidates": [
            row for row in await people.list_trainees(org_scope) if row["id"] not in enrolled_ids
        ],
        "values": {},
        "finished": cycle["ends_on"] < clock.today(),
        **extra,
    }


class CyclePages(Controller):
    path = "/cycles"
    include_in_schema = False

    @get("/", guards=[allow("residents:read")])
    async def list_cycles(self, current_user: Me, org_scope: OrgScope) -> Template:
        rows = await cycles.list_cycles(org_scope)
        context = {"user": current_user, "cycles": rows, "today": clock.today()}
        return Template("cycles/list.html", context=context)

    @get("/nouveau", guards=[allow("residents:manage")])
    async def new(self, current_user: Me) -> Template:
        values = {"modules": "11", "places": "10", "weekly_sessions": "1"}
        values |= {"session_starts_at": "14:00", "session_ends_at": "16:00"}
        return Template(FORM, context={"user": current_user, "values": values})

    @post("/", guards=[allow("residents:manage")])
    async def create(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            given = read_form(data, CycleIn)
            cycle = await cycles.create_cycle(org_scope, given.to_data(), circumstances)
            if given.weekly_sessions:
                await cycles.plan_weekly_sessions(
                    org_scope,
                    cycle["id"],
                    given.session_starts_at,
                    given.session_ends_at,
                    circumstances,
                )
        except DomainError as error:
            return form_with_error(FORM, {"user": current_user, "values": data}, error)
        return saved(f"/cycles/{cycle['id']}", "cycle")

    @get("/{cycle_id:int}/modifier", guards=[allow("residents:manage")])
    async def edit(
        self, current_user: Me, org_scope: OrgScope, cycle_id: FromPath[int]
    ) -> Template:
        cycle = await cycles.get_cycle(org_scope, cycle_id)
        context = {"user": current_user, "values": cycle, "cycle": cycle}
        return Template(FORM, context=context)

    @post("/{cycle_id:int}/modifier", guards=[allow("residents:manage")])
    async def update(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Rename, move or resize a cycle; its sessions stay inside its dates."""
        try:
            given = read_form(data, CycleIn).to_data()
            await cycles.update_cycle(org_scope, cycle_id, given, circumstances)
        except DomainError as error:
            cycle = await cycles.get_cycle(org_scope, cycle_id)
            context = {"user": current_user, "values": data, "cycle": cycle}
            return form_with_error(FORM, context, error)
        return saved(f"/cycles/{cycle_id}", "cycle")

    @get("/{cycle_id:int}", guards=[allow("residents:read")])
    async def show(
        self, current_user: Me, org_scope: OrgScope, cycle_id: FromPath[int]
    ) -> Template:
        """The cycle, its sessions (each with its register), who is enrolled and who left."""
        return Template(DETAIL, context=await _detail(current_user, org_scope, cycle_id))

    async def _refused(
        self, user: Any, org_scope: OrgScope, cycle_id: int, data: FormData, error: DomainError
    ) -> Template:
        context = await _detail(user, org_scope, cycle_id, values=data)
        return form_with_error(DETAIL, context, error)

    @post("/{cycle_id:int}/seances", guards=[allow("residents:manage")])
    async def add_session(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            session = read_form(data, SessionIn).to_data()
            await cycles.add_session(org_scope, cycle_id, session, circumstances)
        except DomainError as error:
            return await self._refused(current_user, org_scope, cycle_id, data, error)
        return saved(f"/cycles/{cycle_id}", "seance")

    @post("/{cycle_id:int}/inscriptions", guards=[allow("residents:manage")])
    async def enrol(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            trainee_id = read_form(data, EnrolIn).trainee_id
            await cycles.enrol(org_scope, cycle_id, trainee_id, circumstances)
        except DomainError as error:
            return await self._refused(current_user, org_scope, cycle_id, data, error)
        return saved(f"/cycles/{cycle_id}", "inscription")

    @post(
        "/{cycle_id:int}/inscriptions/{trainee_id:int}/abandon", guards=[allow("residents:manage")]
    )
    async def drop_out(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        trainee_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            given = read_form(data, DropOutIn)
            await cycles.drop_out(
                org_scope, cycle_id, trainee_id, given.reason, circumstances, given.on
            )
        except DomainError as error:
            return await self._refused(current_user, org_scope, cycle_id, data, error)
        return saved(f"/cycles/{cycle_id}", "abandon")

    @get("/{cycle_id:int}/seances/{session_id:int}", guards=[allow("residents:read")])
    async def register(
        self,
        current_user: Me,
        org_scope: OrgScope,
        cycle_id: FromPath[int],
        session_id: FromPath[int],
    ) -> Template:
        """The session's register: one large box per enrolled trainee, ticked when present."""
        sheet = await attendance.register(org_scope, session_id, cycle_id)
        return Template(REGISTER, context={"user": current_user, "register": sheet})

    @post("/{cycle_id:int}/seances/{session_id:int}", guards=[allow("residents:manage")])
    async def tick(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        session_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Everyone on the register is marked: ticked present, unticked absent."""
        sheet = await attendance.register(org_scope, session_id, cycle_id)
        try:
            present = set(read_form(data, AttendanceIn, names=PRESENT).present)
            marks = {m.trainee_id: m.trainee_id in present for m in sheet.marks}
            await attendance.tick(org_scope, session_id, marks, circumstances)
        except DomainError as error:
            return form_with_error(REGISTER, {"user": current_user, "register": sheet}, error)
        return saved(f"/cycles/{cycle_id}/seances/{session_id}", "emargement")

    @post("/{cycle_id:int}/seances/{session_id:int}/deplacer", guards=[allow("residents:manage")])
    async def move_session(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        cycle_id: FromPath[int],
        session_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Another day, time or place for the session; its register goes with it."""
        try:
            moved = read_form(data, SessionIn).to_data()
            await cycles.move_session(org_scope, cycle_id, session_id, moved, circumstances)
        except DomainError as error:
            sheet = await attendance.register(org_scope, session_id, cycle_id)
            context = {"user": current_user, "register": sheet, "values": data}
            return form_with_error(REGISTER, context, error)
        return saved(f"/cycles/{cycle_id}/seances/{session_id}", "seance-deplacee")

"""BLÉ staff's page « Appels de la veille »: tomorrow's visits per staff member, ticked as the
calls are made, with the reminders sent and the answers received by text."""

from __future__ import annotations

from datetime import date, timedelta

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, read_form
from logistics.http.notices import saved
from logistics.http.schemas.reminders import CallIn
from logistics.sms.phones import international
from logistics.visits.calls import call_list, record_call, reply_label, tomorrow
from logistics.visits.replies import VisitReply
from logistics.visits.tables import CallOutcome


class CallPages(Controller):
    path = "/appels"
    include_in_schema = False
    guards = [allow("residents:read")]

    @get("/")
    async def show(
        self, current_user: Me, org_scope: OrgScope, jour: FromQuery[date | None] = None
    ) -> Template:
        day = jour or tomorrow(clock.now())
        lists = await call_list(org_scope, day)
        # One's own calls first: the others' are there for the day someone is away.
        lists.sort(key=lambda calls: calls.installer_id != current_user.id)
        return Template(
            "reminders/calls.html",
            context={
                "user": current_user,
                "day": day,
                "previous": day - timedelta(days=1),
                "next": day + timedelta(days=1),
                "lists": lists,
                "Outcome": CallOutcome,
                "Reply": VisitReply,
                "reply_label": reply_label,
                "international": international,
            },
        )

    @post("/{visit_id:int}", guards=[allow("residents:manage")])
    async def tick(
        self, org_scope: OrgScope, circumstances: Context, visit_id: FromPath[int], data: FormData
    ) -> Redirect:
        call = read_form(data, CallIn)
        await record_call(org_scope, visit_id, call.outcome, circumstances)
        return saved(f"/appels?jour={call.day.isoformat()}#visite-{visit_id}", "appel")

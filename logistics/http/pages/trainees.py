"""Pages for trainees (bénéficiaires): the list with its filters, the file, the form, and the
waiting list. Every opening of a trainee's file is logged and the log is shown on it."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.errors import DomainError
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.identity import CurrentUser
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.downloads import download
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.assignments import ReserveIn
from logistics.http.schemas.trainees import TraineeIn
from logistics.privacy.export import personal_data
from logistics.privacy.export_pdf import render_export
from logistics.trainees import cycles, people
from logistics.trainees.access_log import access_log, record_access
from logistics.trainees.eligibility import Outcome, eligibility_of, trainees_with_eligibility
from logistics.trainees.neighbourhoods import NEIGHBOURHOODS, OUTSIDE, label_of
from logistics.trainees.tables import InternetAccess, Prescriber
from logistics.trainees.waiting_list import waiting_list
from logistics.visits import assignments, tickets
from logistics.visits.contract import device_specs

FORM = "trainees/form.html"
DETAIL = "trainees/detail.html"
DEVICES_WANTED = (Category.LAPTOP, Category.DESKTOP, Category.TABLET)
"""What a trainee may ask for; the form offers these."""

LABELS: dict[str, Any] = {
    "neighbourhood_label": label_of,
    "Prescriber": Prescriber,
    "InternetAccess": InternetAccess,
    "Category": Category,
    "Outcome": Outcome,
}


def _choices() -> dict[str, Any]:
    neighbourhoods = [(n.code, n.label) for n in NEIGHBOURHOODS] + [(OUTSIDE, label_of(OUTSIDE))]
    return {
        **LABELS,
        "neighbourhoods": neighbourhoods,
        "prescribers": list(Prescriber),
        "internet_choices": list(InternetAccess),
        "devices": DEVICES_WANTED,
    }


def form_values(row: dict[str, Any]) -> dict[str, str]:
    """A stored trainee as the strings its edit form shows."""
    values = {key: str(row[key]) for key in people.TEXT_FIELDS}
    for key in ("neighbourhood", "prescriber", "internet_at_home", "device_wanted"):
        values[key] = str(row[key])
    for key in ("has_computer", "consent_sms", "consent_email"):
        values[key] = "1" if row[key] else ""
    values["consent_on"] = str(row["consent_on"] or "")
    return values


def _form(user: Any, values: dict[str, Any], trainee_id: int | None = None) -> dict[str, Any]:
    return {**_choices(), "user": user, "values": values, "trainee_id": trainee_id}


class TraineePages(Controller):
    path = "/beneficiaires"
    include_in_schema = False

    @get("/", guards=[allow("residents:read")])
    async def list_trainees(
        self,
        current_user: Me,
        org_scope: OrgScope,
        cycle: FromQuery[int | None] = None,
        quartier: FromQuery[str] = "",
        eligibilite: FromQuery[Outcome | None] = None,
        nom: FromQuery[str] = "",
    ) -> Template:
        """Every trainee of the association, filtered by cycle, neighbourhood, eligibility."""
        rows = await trainees_with_eligibility(
            org_scope,
            cycle_id=cycle,
            neighbourhood=quartier or None,
            outcome=eligibilite,
            name=nom,
        )
        context = {
            **_choices(),
            "user": current_user,
            "trainees": rows,
            "cycles": await cycles.list_cycles(org_scope),
            "filters": {
                "cycle": cycle,
                "quartier": quartier,
                "eligibilite": eligibilite,
                "nom": nom,
            },
            "outcomes": list(Outcome),
        }
        return Template("trainees/list.html", context=context)

    @get("/liste-attente", guards=[allow("residents:read")])
    async def waiting(self, current_user: Me, org_scope: OrgScope) -> Template:
        """Eligible trainees without a computer yet, in the programme's order of priority."""
        places = await waiting_list(org_scope)
        context = {"user": current_user, "places": places, "today": clock.today()}
        return Template("trainees/waiting.html", context=context)

    @get("/nouveau", guards=[allow("residents:manage")])
    async def new(self, current_user: Me) -> Template:
        return Template(FORM, context=_form(current_user, {"neighbourhood": OUTSIDE}))

    @post("/", guards=[allow("residents:manage")])
    async def create(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            trainee = read_form(data, TraineeIn).to_data()
            row = await people.create_trainee(org_scope, trainee, circumstances)
        except DomainError as error:
            return form_with_error(FORM, _form(current_user, data), error)
        return saved(f"/beneficiaires/{row['id']}", "beneficiaire")

    async def _file(
        self,
        user: CurrentUser,
        scope: Scope,
        trainee_id: int,
        show_others: bool = False,
        values: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The file's context; each showing of it is logged."""
        trainee = await people.get_trainee(scope, trainee_id)
        await record_access(scope, trainee_id, "view")
        enrolled = await cycles.cycles_of_trainee(scope, trainee_id)
        taken = {row["cycle"] for row in enrolled}
        today = clock.today()
        open_cycles = [
            c
            for c in await cycles.list_cycles(scope)
            if c["id"] not in taken and c["ends_on"] >= today and c["enrolled"] < c["places"]
        ]
        eligibility = await eligibility_of(scope, trainee_id)
        given = await assignments.list_assignments(scope, trainee_id=trainee_id)
        current = next((a for a in given if a.is_active), None)
        offer = None
        if current is None and eligibility.outcome is Outcome.ELIGIBLE:
            offer = await assignments.devices_for(scope, trainee_id)
        return {
            **LABELS,
            "user": user,
            "trainee": trainee,
            "eligibility": eligibility,
            "enrolments": enrolled,
            "open_cycles": open_cycles,
            "accesses": await access_log(scope, trainee_id),
            "tickets": await tickets.list_tickets(scope, trainee_id=trainee_id),
            "current": current,
            "past": [a for a in given if not a.is_active],
            "offer": None if trainee["anonymised_at"] else offer,
            "show_others": show_others,
            "specs": device_specs,
            "values": values or {},
        }

    @get("/{trainee_id:int}", guards=[allow("residents:read")])
    async def show(
        self,
        current_user: Me,
        org_scope: OrgScope,
        trainee_id: FromPath[int],
        autres: FromQuery[bool] = False,
    ) -> Template:
        """The trainee's file: who they are, their cycles, eligibility, their computer (or the
        devices to reserve for them), and who opened it. ``autres`` also offers the devices of
        another type than the one they asked for."""
        context = await self._file(current_user, org_scope, trainee_id, autres)
        return Template(DETAIL, context=context)

    @post("/{trainee_id:int}/reserver", guards=[allow("residents:manage")])
    async def reserve(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        trainee_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Reserve the chosen device; refused (not eligible, taken meanwhile, another type not
        confirmed), the file says why."""
        try:
            wanted = read_form(data, ReserveIn, given={"trainee_id": trainee_id})
            reserved = await assignments.reserve(
                org_scope,
                trainee_id,
                wanted.device_id,
                circumstances,
                other_category=wanted.other_category,
            )
        except DomainError as error:
            others = bool(data.get("other_category") or data.get("autres"))
            context = await self._file(current_user, org_scope, trainee_id, others, data)
            return form_with_error(DETAIL, context, error)
        return saved(f"/attributions/{reserved.id}", "reserve")

    @get("/{trainee_id:int}/export.pdf", guards=[allow("residents:read")])
    async def export_pdf(self, org_scope: OrgScope, trainee_id: FromPath[int]) -> Response[bytes]:
        """« Exporter ses données »: the right-of-access PDF (logged as an export)."""
        pdf = render_export(await personal_data(org_scope, trainee_id))
        return download(pdf, f"donnees-{trainee_id}.pdf")

    @get("/{trainee_id:int}/export.json", guards=[allow("residents:read")])
    async def export_json(self, org_scope: OrgScope, trainee_id: FromPath[int]) -> Response[bytes]:
        """The same data as a JSON file (logged as an export)."""
        data = (await personal_data(org_scope, trainee_id)).as_json()
        return download(msgspec.json.encode(data), f"donnees-{trainee_id}.json")

    @get("/{trainee_id:int}/modifier", guards=[allow("residents:manage")])
    async def edit(
        self, current_user: Me, org_scope: OrgScope, trainee_id: FromPath[int]
    ) -> Template:
        row = await people.get_trainee(org_scope, trainee_id)
        people.refuse_anonymised(row)
        values = form_values(row)
        return Template(FORM, context=_form(current_user, values, trainee_id))

    @post("/{trainee_id:int}", guards=[allow("residents:manage")])
    async def update(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        trainee_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            trainee = read_form(data, TraineeIn).to_data()
            await people.update_trainee(org_scope, trainee_id, trainee, circumstances)
        except DomainError as error:
            return form_with_error(FORM, _form(current_user, data, trainee_id), error)
        return saved(f"/beneficiaires/{trainee_id}", "beneficiaire")

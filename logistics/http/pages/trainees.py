"""Pages for trainees (bénéficiaires): the list with its filters, the file, the form, and the
waiting list. Every opening of a trainee's file is logged and the log is shown on it."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.errors import DomainError
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.trainees import TraineeIn
from logistics.trainees import cycles, people
from logistics.trainees.access_log import access_log, record_access
from logistics.trainees.eligibility import Outcome, eligibility_of, trainees_with_eligibility
from logistics.trainees.neighbourhoods import NEIGHBOURHOODS, OUTSIDE, label_of
from logistics.trainees.tables import InternetAccess, Prescriber
from logistics.trainees.waiting_list import waiting_list
from logistics.visits import tickets

FORM = "trainees/form.html"
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

    @get("/{trainee_id:int}", guards=[allow("residents:read")])
    async def show(
        self, current_user: Me, org_scope: OrgScope, trainee_id: FromPath[int]
    ) -> Template:
        """The trainee's file: who they are, their cycles, eligibility, and who opened it."""
        trainee = await people.get_trainee(org_scope, trainee_id)
        await record_access(org_scope, trainee_id, "view")
        enrolled = await cycles.cycles_of_trainee(org_scope, trainee_id)
        taken = {row["cycle"] for row in enrolled}
        today = clock.today()
        open_cycles = [
            c
            for c in await cycles.list_cycles(org_scope)
            if c["id"] not in taken and c["ends_on"] >= today and c["enrolled"] < c["places"]
        ]
        context = {
            **LABELS,
            "user": current_user,
            "trainee": trainee,
            "eligibility": await eligibility_of(org_scope, trainee_id),
            "enrolments": enrolled,
            "open_cycles": open_cycles,
            "accesses": await access_log(org_scope, trainee_id),
            "tickets": await tickets.list_tickets(org_scope, trainee_id=trainee_id),
        }
        return Template("trainees/detail.html", context=context)

    @get("/{trainee_id:int}/modifier", guards=[allow("residents:manage")])
    async def edit(
        self, current_user: Me, org_scope: OrgScope, trainee_id: FromPath[int]
    ) -> Template:
        values = form_values(await people.get_trainee(org_scope, trainee_id))
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

"""Pages for donors (donateurs) and their pickup requests (demandes d'enlèvement)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inventory.categories import Category
from inventory.donor_rules import WEEKDAY_LABELS, WEEKDAYS, day_text, parse_day_text
from inventory.errors import DomainError
from inventory.parties import DonorKind
from inventory.services import collections, donors, pickups
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, Prefixed, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.pages.journey import ENUMS, page
from logistics.http.schemas.donors import ActiveIn, CancelIn, DonorIn, NewPickupIn, PickupIn

FORM = "donors/form.html"
PICKUP_FORM = "pickups/form.html"
DONOR_INPUTS = {"opening_hours": Prefixed("hours_", parse_day_text)}
"""Each weekday's hours are typed as one text ("08:30-12:00, 13:30-16:30") named ``hours_mon``."""
PICKUP_INPUTS = {"allowed_weekdays": Prefixed("weekday_"), "estimated_quantities": Prefixed("qty_")}
"""One box per weekday (``weekday_3``) and one quantity input per category (``qty_laptop``)."""


_TEXT_FIELDS = (
    "name",
    "siret",
    "contact_name",
    "contact_phone",
    "contact_email",
    "address",
    "postcode",
    "city",
    "access_notes",
    "convention_reference",
)


def form_values(row: dict[str, Any]) -> dict[str, Any]:
    """A stored donor as the strings its edit form shows."""
    values = {key: row[key] for key in (*_TEXT_FIELDS, "kind")}
    for key in ("latitude", "longitude", "convention_starts_on", "convention_ends_on"):
        values[key] = "" if row[key] is None else str(row[key])
    for weekday in WEEKDAYS:
        values[f"hours_{weekday}"] = day_text(row["opening_hours"].get(weekday, []))
    return values


def _form_context(user: Any, values: dict[str, Any], donor_id: int | None = None) -> dict[str, Any]:
    return {
        **ENUMS,
        "user": user,
        "values": values,
        "donor_id": donor_id,
        "kinds": list(DonorKind),
        "weekdays": [(d, WEEKDAY_LABELS[d]) for d in WEEKDAYS],
    }


class DonorPages(Controller):
    path = "/donateurs"
    include_in_schema = False

    @get("/", guards=[allow("journey:read")])
    async def list_donors(
        self, current_user: Me, org_scope: OrgScope, nom: FromQuery[str] = ""
    ) -> Template:
        rows = await donors.list_donors(org_scope, include_inactive=True, name=nom)
        context = {"user": current_user, "donors": rows, "nom": nom}
        return page("donors/list.html", **context)

    @get("/nouveau", guards=[allow("donors:manage")])
    async def new_donor(self, current_user: Me) -> Template:
        return page(FORM, **_form_context(current_user, {"kind": "entreprise"}))

    @post("/", guards=[allow("donors:manage")])
    async def create_donor(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            donor = read_form(data, DonorIn, names=DONOR_INPUTS).to_data()
            row = await donors.create_donor(org_scope, donor, circumstances)
        except DomainError as error:
            return form_with_error(FORM, _form_context(current_user, data), error)
        return saved(f"/donateurs/{row['id']}", "donateur")

    @get("/{donor_id:int}", guards=[allow("journey:read")])
    async def show_donor(
        self, current_user: Me, org_scope: OrgScope, donor_id: FromPath[int]
    ) -> Template:
        donor = await donors.get_donor(org_scope, donor_id)
        context = {
            "user": current_user,
            "donor": donor,
            "kind": DonorKind(donor["kind"]),
            "hours": [(WEEKDAY_LABELS[d], donor["opening_hours"].get(d, [])) for d in WEEKDAYS],
            "pickups": await pickups.list_pickups(org_scope, donor_id=donor_id),
            "collections": await collections.list_collections(org_scope, donor_id=donor_id),
        }
        return page("donors/detail.html", **context)

    @get("/{donor_id:int}/modifier", guards=[allow("donors:manage")])
    async def edit_donor(
        self, current_user: Me, org_scope: OrgScope, donor_id: FromPath[int]
    ) -> Template:
        values = form_values(await donors.get_donor(org_scope, donor_id))
        return page(FORM, **_form_context(current_user, values, donor_id))

    @post("/{donor_id:int}", guards=[allow("donors:manage")])
    async def update_donor(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        donor_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            donor = read_form(data, DonorIn, names=DONOR_INPUTS).to_data()
            await donors.update_donor(org_scope, donor_id, donor, circumstances)
        except DomainError as error:
            return form_with_error(FORM, _form_context(current_user, data, donor_id), error)
        return saved(f"/donateurs/{donor_id}", "donateur")

    @post("/{donor_id:int}/activation", guards=[allow("donors:manage")])
    async def set_active(
        self, org_scope: OrgScope, circumstances: Context, donor_id: FromPath[int], data: FormData
    ) -> Redirect:
        active = read_form(data, ActiveIn).active
        await donors.set_active(org_scope, donor_id, active, circumstances)
        return saved(
            f"/donateurs/{donor_id}", "donateur-reactive" if active else "donateur-desactive"
        )


def pickup_form_values(row: dict[str, Any]) -> dict[str, str]:
    """A stored request as the strings its edit form shows, named as ``PICKUP_INPUTS`` reads."""
    values = {
        key: str(row[key])
        for key in (
            "wished_from",
            "wished_until",
            "estimated_weight_kg",
            "estimated_volume_m3",
            "priority",
            "requested_by",
            "notes",
        )
    }
    values["mandatory"] = "1" if row["mandatory"] else ""
    values.update({f"weekday_{d}": str(d) for d in row["allowed_weekdays"]})
    values.update({f"qty_{code}": str(n) for code, n in row["estimated_quantities"].items()})
    return values


class PickupPages(Controller):
    path = "/enlevements"
    include_in_schema = False

    async def _context(
        self, user: Any, org_scope: OrgScope, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            **ENUMS,
            "user": user,
            "values": values,
            "donors": await donors.list_donors(org_scope),
            "categories": list(Category),
            "weekdays": list(enumerate(WEEKDAY_LABELS.values(), start=1)),
        }

    @get("/", guards=[allow("journey:read")])
    async def list_pickups(self, current_user: Me, org_scope: OrgScope) -> Template:
        rows = await pickups.list_pickups(org_scope)
        return page("pickups/list.html", user=current_user, pickups=rows)

    @get("/nouveau", guards=[allow("donors:manage")])
    async def new_pickup(
        self, current_user: Me, org_scope: OrgScope, donateur: FromQuery[int | None] = None
    ) -> Template:
        context = await self._context(current_user, org_scope, {"donor_id": str(donateur or "")})
        return page(PICKUP_FORM, **context)

    @post("/", guards=[allow("donors:manage")])
    async def create_pickup(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            pickup = read_form(data, NewPickupIn, names=PICKUP_INPUTS)
            await pickups.create_pickup(org_scope, pickup.donor_id, pickup.to_data(), circumstances)
        except DomainError as error:
            context = await self._context(current_user, org_scope, data)
            return form_with_error(PICKUP_FORM, context, error)
        return saved("/enlevements", "enlevement")

    @get("/{pickup_id:int}/modifier", guards=[allow("donors:manage")])
    async def edit_pickup(
        self, current_user: Me, org_scope: OrgScope, pickup_id: FromPath[int]
    ) -> Template:
        pickup = await pickups.get_pickup(org_scope, pickup_id)
        pickups.check_open(pickup)
        context = await self._context(current_user, org_scope, pickup_form_values(pickup))
        return page(PICKUP_FORM, **context, pickup=pickup)

    @post("/{pickup_id:int}", guards=[allow("donors:manage")])
    async def update_pickup(
        self,
        current_user: Me,
        org_scope: OrgScope,
        circumstances: Context,
        pickup_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """Change a request still to be collected: dates, weekdays, what is announced, notes."""
        try:
            changed = read_form(data, PickupIn, names=PICKUP_INPUTS).to_data()
            await pickups.update_pickup(org_scope, pickup_id, changed, circumstances)
        except DomainError as error:
            pickup = await pickups.get_pickup(org_scope, pickup_id)
            context = await self._context(current_user, org_scope, data)
            return form_with_error(PICKUP_FORM, {**context, "pickup": pickup}, error)
        return saved("/enlevements", "enlevement")

    @post("/{pickup_id:int}/annulation", guards=[allow("donors:manage")])
    async def cancel_pickup(
        self, org_scope: OrgScope, circumstances: Context, pickup_id: FromPath[int], data: FormData
    ) -> Redirect:
        reason = read_form(data, CancelIn).reason
        await pickups.cancel_pickup(org_scope, pickup_id, reason, circumstances)
        return saved("/enlevements", "annulee")

"""Pages that prepare planning: the vehicles (/vehicules), donors' locations
(/tournees/localisation: geocode, or place by hand by typing or clicking on the map) and the
association's depot (/tournees/depot, the same way)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inventory.errors import DomainError, Invalid
from inventory.parties import GeocodingStatus
from inventory.scope import Scope
from logistics.auth.guards import allow
from logistics.http.dependencies import Context, Me, OrgScope
from logistics.http.forms import FormData, Prefixed, form_with_error, read_form
from logistics.http.notices import saved
from logistics.http.schemas.rounds import DepotIn, LocationIn, VehicleActiveIn, VehicleIn
from logistics.rounds import depot, locating, vehicles
from logistics.rounds.mapview import Waypoint, draw
from logistics.rounds.tables import VehicleKind
from logistics.settings import get_settings
from routes.model import WEEKDAY_NAMES, Point


class VehiclePages(Controller):
    path = "/vehicules"
    include_in_schema = False

    async def _context(self, user: Any, scope: Scope) -> dict[str, Any]:
        return {
            "user": user,
            "vehicles": await vehicles.list_vehicles(scope),
            "kinds": list(VehicleKind),
            "weekday_names": WEEKDAY_NAMES,
            "values": {},
        }

    @get("/", guards=[allow("vehicles:read")])
    async def list_vehicles(self, current_user: Me, org_scope: OrgScope) -> Template:
        return Template(
            "rounds/vehicles.html", context=await self._context(current_user, org_scope)
        )

    @post("/", guards=[allow("rounds:plan")])
    async def create_vehicle(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            wanted = read_form(data, VehicleIn, names={"weekdays": Prefixed("day_")})
            new = vehicles.NewVehicle(
                wanted.name,
                wanted.kind,
                wanted.capacity_kg,
                wanted.capacity_m3,
                tuple(wanted.weekdays),
                wanted.unload_minutes,
                wanted.multiple_trips,
                wanted.max_trips,
            )
            await vehicles.create_vehicle(org_scope, new, circumstances)
        except DomainError as error:
            context = {**await self._context(current_user, org_scope), "values": data}
            return form_with_error("rounds/vehicles.html", context, error)
        return saved("/vehicules", "vehicule")

    @post("/{vehicle_id:int}/activation", guards=[allow("rounds:plan")])
    async def set_active(
        self, org_scope: OrgScope, vehicle_id: FromPath[int], data: FormData
    ) -> Redirect:
        active = read_form(data, VehicleActiveIn).active
        await vehicles.set_vehicle_active(org_scope, vehicle_id, active)
        return saved("/vehicules", "en-service" if active else "hors-service")


class LocatingPages(Controller):
    path = "/tournees/localisation"
    include_in_schema = False
    guards = [allow("rounds:plan")]

    @get("/")
    async def donors(self, current_user: Me, org_scope: OrgScope) -> Template:
        donors = await locating.donors_to_place(org_scope)
        located = [
            Waypoint(Point(d["latitude"], d["longitude"]), d["name"])
            for d in donors
            if d["latitude"] is not None
        ]
        settings = get_settings().rounds
        depot = await locating.depot_point(org_scope)
        return Template(
            "rounds/locate.html",
            context={
                "user": current_user,
                "donors": donors,
                "drawing": draw(
                    depot, [located], settings.map_tile_url, ["Donateur localisé"], connect=False
                ),
                "attribution": settings.map_attribution,
            },
        )

    @post("/{donor_id:int}")
    async def place(
        self, org_scope: OrgScope, circumstances: Context, donor_id: FromPath[int], data: FormData
    ) -> Redirect:
        point = read_form(data, LocationIn)
        await locating.place_donor(
            org_scope, donor_id, point.latitude, point.longitude, circumstances
        )
        return saved("/tournees/localisation", "place")

    @post("/{donor_id:int}/geocodage")
    async def geocode(
        self, org_scope: OrgScope, circumstances: Context, donor_id: FromPath[int]
    ) -> Redirect:
        status = await locating.geocode_donor(org_scope, donor_id, circumstances)
        found = status is not GeocodingStatus.NOT_LOCATED
        return saved("/tournees/localisation", "localise" if found else "non-localise")

    @post("/toutes")
    async def geocode_pending(self, org_scope: OrgScope, circumstances: Context) -> Redirect:
        await locating.geocode_pending(org_scope, circumstances)
        return saved("/tournees/localisation", "localisations")


class DepotPages(Controller):
    """The association's depot: geocode its address, or type or click its point."""

    path = "/tournees/depot"
    include_in_schema = False
    guards = [allow("rounds:plan")]

    async def _page(
        self, user: Any, scope: Scope, notice: str = "", values: dict[str, str] | None = None
    ) -> dict[str, Any]:
        found = await depot.get_depot(scope)
        settings = get_settings().rounds
        point = (
            Point(found.latitude, found.longitude)
            if found.latitude is not None and found.longitude is not None
            else None
        )
        return {
            "user": user,
            "depot": found,
            "notice": notice,
            "values": values or {},
            "drawing": draw(point or await locating.depot_point(scope), [], settings.map_tile_url),
            "attribution": settings.map_attribution,
        }

    @get("/")
    async def show(self, current_user: Me, org_scope: OrgScope) -> Template:
        return Template("rounds/depot.html", context=await self._page(current_user, org_scope))

    @post("/")
    async def change(
        self, current_user: Me, org_scope: OrgScope, circumstances: Context, data: FormData
    ) -> Template | Redirect:
        try:
            wanted = read_form(data, DepotIn)
            if data.get("action") == "locate":
                _, found = await depot.locate_depot(org_scope, wanted.address, circumstances)
                if not found:
                    notice = (
                        "Adresse non localisée (pas de réseau ou pas de correspondance) : "
                        "saisissez les coordonnées ou cliquez sur la carte."
                    )
                    context = await self._page(current_user, org_scope, notice)
                    return Template("rounds/depot.html", context=context)
            elif wanted.latitude is None or wanted.longitude is None:
                raise Invalid("Saisissez la latitude et la longitude, ou cliquez sur la carte.")
            else:
                await depot.set_depot(
                    org_scope, wanted.address, wanted.latitude, wanted.longitude, circumstances
                )
        except DomainError as error:
            context = await self._page(current_user, org_scope, values=data)
            return form_with_error("rounds/depot.html", context, error)
        return saved("/tournees/depot", "depot")

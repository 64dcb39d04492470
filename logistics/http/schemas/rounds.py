"""API shapes of the rounds: vehicles, plans, rounds and their stops, moves, donor locations."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any

import msgspec

from inventory.parties import GeocodingStatus
from logistics.rounds.depot import Depot
from logistics.rounds.editing import Target, target_of
from logistics.rounds.jobs import JobView
from logistics.rounds.pickup_stops import PICKUP_REQUEST
from logistics.rounds.planning import PlanRequest
from logistics.rounds.reading import PlanView, RoundView
from logistics.rounds.subjects import SubjectRef
from logistics.rounds.tables import JobStatus, PlanStatus, VehicleKind

Weekday = Annotated[int, msgspec.Meta(ge=1, le=7)]


class VehicleIn(msgspec.Struct, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100, title="Nom")]
    kind: Annotated[VehicleKind, msgspec.Meta(title="Type")]
    capacity_kg: Annotated[float, msgspec.Meta(gt=0, title="Charge utile")]
    capacity_m3: Annotated[float, msgspec.Meta(gt=0, title="Volume")]
    weekdays: Annotated[list[Weekday], msgspec.Meta(title="Jours de service")] = msgspec.field(
        default_factory=lambda: [1, 2, 3, 4, 5]
    )
    unload_minutes: Annotated[
        int, msgspec.Meta(ge=0, le=240, title="Déchargement au dépôt (min)")
    ] = 0
    multiple_trips: Annotated[bool, msgspec.Meta(title="Plusieurs tournées par jour")] = False
    max_trips: (
        Annotated[int, msgspec.Meta(ge=1, le=10, title="Tournées par jour au plus")] | None
    ) = None


class VehicleActiveIn(msgspec.Struct, forbid_unknown_fields=True):
    active: bool


class VehicleOut(msgspec.Struct):
    id: int
    name: str
    kind: VehicleKind
    capacity_kg: float
    capacity_m3: float
    weekdays: list[int]
    unload_minutes: int
    multiple_trips: bool
    max_trips: int | None
    active: bool


class PlanIn(msgspec.Struct, forbid_unknown_fields=True):
    week_start: Annotated[date, msgspec.Meta(title="Semaine du")]
    vehicle_ids: Annotated[list[int], msgspec.Meta(title="Véhicules")]
    pickup_request_ids: Annotated[list[int], msgspec.Meta(title="Demandes")]
    seed: Annotated[int, msgspec.Meta(title="Graine")] | None = None

    def request(self) -> PlanRequest:
        return PlanRequest(
            self.week_start,
            tuple(self.vehicle_ids),
            {PICKUP_REQUEST: tuple(self.pickup_request_ids)},
            self.seed,
        )


class RoundTargetIn(msgspec.Struct, forbid_unknown_fields=True):
    """Where a stop goes: ``round_id``, or ``vehicle_id`` and ``day`` to open a round there."""

    position: Annotated[int, msgspec.Meta(ge=1, title="Position")]
    round_id: Annotated[int, msgspec.Meta(title="Tournée")] | None = None
    vehicle_id: Annotated[int, msgspec.Meta(title="Véhicule")] | None = None
    day: Annotated[date, msgspec.Meta(title="Jour")] | None = None

    def target(self) -> Target:
        return target_of(self.round_id, self.vehicle_id, self.day)


class MoveIn(RoundTargetIn, kw_only=True):
    stop_id: Annotated[int, msgspec.Meta(title="Arrêt")]


class InsertIn(RoundTargetIn, kw_only=True):
    """A request the plan left out, put into a round by hand."""

    pickup_request_id: Annotated[int, msgspec.Meta(title="Demande d'enlèvement")]

    def subject(self) -> SubjectRef:
        return SubjectRef(PICKUP_REQUEST, self.pickup_request_id)


class WithdrawalIn(msgspec.Struct, forbid_unknown_fields=True):
    """Why a published plan is taken back (kept in its history; agents lose their rounds)."""

    reason: Annotated[str, msgspec.Meta(title="Motif")]


class MoveOut(msgspec.Struct):
    warnings: list[str]


class StopOut(msgspec.Struct):
    """A line of a round; a visit names its subject (``subject_kind``, ``subject_id``), and a
    pickup also its request and donor."""

    id: int
    position: int
    kind: str
    subject_kind: str | None
    subject_id: int | None
    pickup_request_id: int | None
    donor_id: int | None
    name: str
    latitude: float
    longitude: float
    arrival: time
    start: time
    departure: Annotated[time, msgspec.Meta(title="Heure de départ")]
    load_kg: float
    load_m3: float
    address: str
    contact_name: str
    contact_phone: str
    access_notes: str
    opening_hours: dict[str, Any]
    geo_uri: str

    @classmethod
    def from_row(cls, s: dict[str, Any]) -> StopOut:
        address = " ".join(p for p in (s["address"], s["postcode"], s["city"]) if p)
        return cls(
            id=s["id"],
            position=s["position"],
            kind=s["kind"],
            subject_kind=s["subject_kind"],
            subject_id=s["subject_id"],
            pickup_request_id=s.get("pickup_request"),
            donor_id=s.get("donor"),
            name=s["name"] or s["label"],
            latitude=s["latitude"],
            longitude=s["longitude"],
            arrival=s["arrival"],
            start=s["start"],
            departure=s["departure"],
            load_kg=s["load_kg"],
            load_m3=s["load_m3"],
            address=address,
            contact_name=s["contact_name"] or "",
            contact_phone=s["contact_phone"] or "",
            access_notes=s["access_notes"] or "",
            opening_hours=s["opening_hours"] or {},
            geo_uri=f"geo:{s['latitude']:.6f},{s['longitude']:.6f}",
        )


class DepartureIn(msgspec.Struct, forbid_unknown_fields=True):
    """When the round leaves the depot ("09:30:00"); every time of the round follows."""

    departure: Annotated[time, msgspec.Meta(title="Heure de départ")]


class CrewMemberOut(msgspec.Struct):
    user_id: int
    full_name: str
    driver: bool


class CrewIn(msgspec.Struct, forbid_unknown_fields=True):
    """Who goes on a round: the driver (with a licence on their staff profile) and the others."""

    driver_id: Annotated[int, msgspec.Meta(title="Chauffeur")]
    member_ids: Annotated[list[int], msgspec.Meta(title="Équipiers")] = msgspec.field(
        default_factory=list
    )


class RoundOut(msgspec.Struct):
    id: int
    plan_id: int
    vehicle_id: int
    vehicle_name: str
    day: date
    departure: Annotated[time, msgspec.Meta(title="Heure de départ")]
    return_at: time
    distance_m: int
    duration_s: int
    warnings: list[str]
    stops: list[StopOut]
    crew: list[CrewMemberOut]
    crew_warnings: list[str]

    @classmethod
    def from_view(cls, view: RoundView) -> RoundOut:
        row = view.row
        return cls(
            id=row["id"],
            plan_id=row["plan"],
            vehicle_id=row["vehicle"],
            vehicle_name=row["vehicle_name"],
            day=row["day"],
            departure=row["departure"],
            return_at=row["return_at"],
            distance_m=row["distance_m"],
            duration_s=row["duration_s"],
            warnings=row["warnings"],
            stops=[StopOut.from_row(s) for s in view.stops],
            crew=[CrewMemberOut(m["member"], m["full_name"], m["driver"]) for m in view.crew],
            crew_warnings=view.crew_warnings,
        )


class LeftOutOut(msgspec.Struct):
    """A subject the plan could not place; ``pickup_request_id`` when it is a pickup."""

    subject_kind: str
    subject_id: int
    pickup_request_id: int | None
    donor_name: str
    mandatory: bool
    reason: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> LeftOutOut:
        return cls(
            subject_kind=r["subject_kind"],
            subject_id=r["subject_id"],
            pickup_request_id=r.get("pickup_request"),
            donor_name=r["name"] or "",
            mandatory=bool(r.get("mandatory")),
            reason=r["reason"],
        )


class PlanSummaryOut(msgspec.Struct):
    id: int
    week_start: date
    status: PlanStatus
    seed: int
    created_by_name: str
    created_at: datetime
    published_at: datetime | None
    rounds: int


class PlanOut(msgspec.Struct):
    id: int
    week_start: date
    status: PlanStatus
    seed: int
    distance_m: int
    notices: list[str]
    rounds: list[RoundOut]
    left_out: list[LeftOutOut]

    @classmethod
    def from_view(cls, view: PlanView) -> PlanOut:
        plan = view.plan
        return cls(
            id=plan["id"],
            week_start=plan["week_start"],
            status=PlanStatus(plan["status"]),
            seed=plan["seed"],
            distance_m=view.distance_m,
            notices=plan["notices"],
            rounds=[RoundOut.from_view(r) for r in view.rounds],
            left_out=[LeftOutOut.from_row(r) for r in view.left_out],
        )


class LocationIn(msgspec.Struct, forbid_unknown_fields=True):
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90, title="Latitude")]
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180, title="Longitude")]


class DonorLocationOut(msgspec.Struct):
    id: int
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    geocoding_status: GeocodingStatus

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DonorLocationOut:
        address = " ".join(p for p in (row["address"], row["postcode"], row["city"]) if p)
        return cls(
            id=row["id"],
            name=row["name"],
            address=address,
            latitude=row["latitude"],
            longitude=row["longitude"],
            geocoding_status=GeocodingStatus(row["geocoding_status"]),
        )


class DepotIn(msgspec.Struct, forbid_unknown_fields=True):
    """With both coordinates the point is taken as given; without, the address is geocoded."""

    address: Annotated[str, msgspec.Meta(max_length=300, title="Adresse")] = ""
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90, title="Latitude")] | None = None
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180, title="Longitude")] | None = None


class DepotOut(msgspec.Struct):
    organisation_id: int
    organisation_name: str
    address: str
    latitude: float | None
    longitude: float | None
    located: bool
    address_found: bool | None = None  # after a geocoding: was the address found?

    @classmethod
    def from_depot(cls, depot: Depot, address_found: bool | None = None) -> DepotOut:
        return cls(
            organisation_id=depot.organisation_id,
            organisation_name=depot.organisation_name,
            address=depot.address,
            latitude=depot.latitude,
            longitude=depot.longitude,
            located=depot.located,
            address_found=address_found,
        )


class PlanningJobOut(msgspec.Struct):
    """A background planning job: poll ``status_url`` until ``status`` is ``done`` (then the
    draft is ``plan_url``), ``failed`` or ``interrupted`` (``message`` says why, in French)."""

    id: int
    week_start: date
    status: JobStatus
    message: str
    started_by_name: str
    started_at: datetime
    seconds: float
    iterations: int
    best_cost: int | None
    placed: int | None
    to_place: int
    stop_requested: bool
    plan_id: int | None
    status_url: str
    stop_url: str
    plan_url: str | None

    @classmethod
    def from_view(cls, job: JobView) -> PlanningJobOut:
        row = job.row
        plan_id = row["plan"]
        return cls(
            id=job.id,
            week_start=row["week_start"],
            status=job.status,
            message=job.message,
            started_by_name=row["started_by_name"],
            started_at=row["started_at"],
            seconds=round(row["seconds"], 1),
            iterations=row["iterations"],
            best_cost=row["best_cost"],
            placed=row["placed"],
            to_place=row["to_place"],
            stop_requested=row["stop_requested"],
            plan_id=plan_id,
            status_url=f"/api/v1/planning-jobs/{job.id}",
            stop_url=f"/api/v1/planning-jobs/{job.id}/stop",
            plan_url=None if plan_id is None else f"/api/v1/round-plans/{plan_id}",
        )

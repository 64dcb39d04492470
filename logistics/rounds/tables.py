"""Tables of the rounds: the vehicles, and each week's plan with its rounds, stops and leftovers.

A plan keeps a snapshot of the settings it was made with (depot, working day, lunch, solver), so
a manual move months later re-times the round under the same rules. A stop names what it visits
by kind and id (``subject_kind``, ``subject_id``: a pickup request today, a home visit next), not
by a foreign key to one table; ``logistics.rounds.subjects`` says what each kind means.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    JSON,
    BigInt,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.tables import Organisation
from logistics.accounts.tables import UserAccount
from routes.model import VisitKind


class VehicleKind(StrEnum):
    CAR = "car"
    VAN = "van"

    @property
    def label(self) -> str:
        return {VehicleKind.CAR: "voiture", VehicleKind.VAN: "camionnette"}[self]


class PlanStatus(StrEnum):
    DRAFT = "draft"  # the manager may still move stops
    PUBLISHED = "published"  # agents see the rounds; pickup requests are planned

    @property
    def label(self) -> str:
        return {PlanStatus.DRAFT: "brouillon", PlanStatus.PUBLISHED: "publié"}[self]


class Vehicle(Table, tablename="vehicle"):
    """A car or a van of a collecting association (véhicule)."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    name = Varchar(length=100)
    kind = Varchar(length=10, choices=VehicleKind, default=VehicleKind.VAN)
    capacity_kg = Float()
    capacity_m3 = Float()
    # ISO weekdays (1 = Monday) the vehicle is out, like PickupRequest.allowed_weekdays.
    weekdays = JSON(default="[1, 2, 3, 4, 5]")
    # Minutes to empty it at the depot at the end of each trip; whether it may come back to
    # unload and leave again the same day, and how many trips at most (None: no limit).
    unload_minutes = Integer(default=0)
    multiple_trips = Boolean(default=True)
    max_trips = Integer(null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz()


class RoundPlan(Table, tablename="round_plan"):
    """The rounds of one week (planning de la semaine), draft then published."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    week_start = Date(index=True)
    status = Varchar(length=20, choices=PlanStatus, default=PlanStatus.DRAFT)
    seed = Integer(default=1)
    settings = JSON(default="{}")
    notices = JSON(default="[]")
    created_by = Integer(null=True, default=None)
    created_by_name = Varchar(length=200, default="")
    created_at = Timestamptz()
    published_at = Timestamptz(null=True, default=None)
    published_by_name = Varchar(length=200, default="")


class PlannedRound(Table, tablename="planned_round"):
    """What one vehicle does on one day of the plan (tournée)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    plan = ForeignKey(references=RoundPlan, null=False, index=True)
    vehicle = ForeignKey(references=Vehicle, null=False)
    day = Date(index=True)
    departure = Time()
    return_at = Time()
    distance_m = Integer(default=0)
    duration_s = Integer(default=0)
    warnings = JSON(default="[]")


class RoundStop(Table, tablename="round_stop"):
    """One line of a round sheet: a visit (a pickup, say), the lunch break, or an unloading at
    the depot; only a visit has a subject."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    planned_round = ForeignKey(references=PlannedRound, null=False, index=True)
    position = Integer()
    kind = Varchar(length=10, choices=VisitKind)
    subject_kind = Varchar(length=30, null=True, default=None)
    subject_id = Integer(null=True, default=None)
    label = Varchar(length=200, default="")
    latitude = Float()
    longitude = Float()
    arrival = Time()
    start = Time()
    departure = Time()
    load_kg = Float(default=0.0)
    load_m3 = Float(default=0.0)
    weight_kg = Float(default=0.0)
    volume_m3 = Float(default=0.0)
    service_s = Integer(default=0)
    windows = JSON(default="[]")  # [["08:30", "12:00"], ...] of that day


class LeftOutRequest(Table, tablename="left_out_request"):
    """A stop the plan could not place (a pickup request, say), with the reason in French."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    plan = ForeignKey(references=RoundPlan, null=False, index=True)
    subject_kind = Varchar(length=30)
    subject_id = Integer()
    reason = Text()


class RoundCrew(Table, tablename="round_crew"):
    """Who goes on a round (équipage): one driver and the other agents.

    A round with nobody on it yet is shown to every agent of the association, as before crews
    existed; once it has a crew, only its members find it on their phone.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    planned_round = ForeignKey(references=PlannedRound, null=False, index=True)
    member = ForeignKey(references=UserAccount, null=False, index=True)
    driver = Boolean(default=False)


class JobStatus(StrEnum):
    QUEUED = "queued"  # written, its solver process starting
    RUNNING = "running"  # searching; heartbeat_at moves every second
    DONE = "done"  # the draft is stored (``plan``), stopped early or not
    FAILED = "failed"  # nothing stored; ``error`` says why in French
    INTERRUPTED = "interrupted"  # its process went away (read from a stale heartbeat)


class PlanningJob(Table, tablename="planning_job"):
    """One search for a week's plan, run in the background (calcul de tournées).

    The web process that started it writes its progress and ``heartbeat_at`` every second; a
    job still marked running whose heartbeat has stopped lost its process (a restart, a crash)
    and is read as interrupted. The draft itself is written only at the end, with ``plan`` and
    the status in the same transaction, so an interrupted job leaves the plans as they were.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    week_start = Date(index=True)
    status = Varchar(length=20, choices=JobStatus, default=JobStatus.QUEUED, index=True)
    request = JSON(default="{}")  # vehicle ids, subjects by kind, seed
    to_place = Integer(default=0)
    started_by = Integer(null=True, default=None)
    started_by_name = Varchar(length=200, default="")
    started_at = Timestamptz()
    heartbeat_at = Timestamptz()
    finished_at = Timestamptz(null=True, default=None)
    process_id = Integer(null=True, default=None)
    seconds = Float(default=0.0)  # searched so far (the process's own clock)
    iterations = Integer(default=0)
    best_cost = BigInt(null=True, default=None)
    placed = Integer(null=True, default=None)
    stop_requested = Boolean(default=False)
    plan = ForeignKey(references=RoundPlan, null=True, default=None)
    error = Text(default="")


ROUND_TABLES = [
    Vehicle,
    RoundPlan,
    PlannedRound,
    RoundStop,
    LeftOutRequest,
    RoundCrew,
    PlanningJob,
]

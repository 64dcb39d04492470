"""Tables of the hardware's journey.

Every record that belongs to an organisation carries it (``organisation``), so one deployment can
serve several collecting associations and ``inventory.scope.Scope`` can filter in one place.
People are referred to by id and name (``*_by``, ``*_by_name``) rather than by a foreign key:
accounts live in the application, and history must keep the name even if an account changes.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from inventory.categories import Category
from inventory.ledger import QuotaBasis
from inventory.parties import DonorKind, GeocodingStatus, OrganisationKind
from inventory.states import (
    CollectionStatus,
    DeviceOrigin,
    DeviceState,
    ItemState,
    LotStatus,
    PickupStatus,
)


class Organisation(Table, tablename="organisation"):
    """A collecting association, the installing association, the reconditioner or the coordinator.

    ``code`` is the short prefix printed on labels (RP-26-000123-K), so it is unique and stable.
    A collecting association has a depot: the start and end of its rounds.
    """

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    name = Varchar(length=200, unique=True)
    code = Varchar(length=8, unique=True)
    kind = Varchar(length=20, choices=OrganisationKind)
    depot_address = Text(default="")
    depot_latitude = Float(null=True, default=None)
    depot_longitude = Float(null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz()


class Agreement(Table, tablename="agreement"):
    """A standing agreement (convention) between a collecting association and the reconditioner.

    It fixes the return quota (rate and basis), the weight tolerance between both sides' scales,
    the legal reference quoted on certificates, and when the dashboard must worry about arrears.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False)
    reconditioner = ForeignKey(references=Organisation, null=False)
    reference = Varchar(length=100)
    signed_on = Date(null=True, default=None)
    starts_on = Date()
    ends_on = Date(null=True, default=None)
    rate_percent = Float(default=10.0)
    basis = Varchar(length=20, choices=QuotaBasis, default=QuotaBasis.COMPUTERS)
    kg_per_device = Float(null=True, default=None)
    too_old_in_basis = Boolean(default=False)
    weight_tolerance_percent = Float(default=5.0)
    legal_reference = Text(default="décret n°2005-829 du 20 juillet 2005")
    alert_threshold = Integer(default=5)
    alert_weeks = Integer(default=4)
    # Set by the weekly check when arrears start, cleared when they end: one event per episode.
    overdue_since = Date(null=True, default=None)
    created_at = Timestamptz()


class Donor(Table, tablename="donor"):
    """A company, public body, association or person that gives hardware (donateur)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    kind = Varchar(length=20, choices=DonorKind)
    name = Varchar(length=200, index=True)
    siret = Varchar(length=14, default="")
    contact_name = Varchar(length=200, default="")
    contact_phone = Varchar(length=40, default="")
    contact_email = Varchar(length=254, default="")
    address = Text(default="")
    postcode = Varchar(length=10, default="")
    city = Varchar(length=100, default="")
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    geocoding_status = Varchar(length=20, choices=GeocodingStatus, default=GeocodingStatus.PENDING)
    # {"mon": [["08:30", "12:00"], ["13:30", "17:00"]], ...}: the time windows of pickups.
    opening_hours = JSON(default="{}")
    access_notes = Text(default="")
    convention_reference = Varchar(length=100, default="")
    convention_starts_on = Date(null=True, default=None)
    convention_ends_on = Date(null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz()


class PickupRequest(Table, tablename="pickup_request"):
    """A donor's offer that Régie Plus agreed to collect (demande d'enlèvement)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    donor = ForeignKey(references=Donor, null=False, index=True)
    wished_from = Date()
    wished_until = Date()
    # ISO weekdays (1 = Monday) on which the donor can be visited; empty means any working day.
    allowed_weekdays = JSON(default="[]")
    # {"desktop": 10, "screen": 8}: quantities announced by the donor, per category code.
    estimated_quantities = JSON(default="{}")
    estimated_weight_kg = Float(default=0.0)
    estimated_volume_m3 = Float(default=0.0)
    mandatory = Boolean(default=False)
    priority = Integer(default=1)
    status = Varchar(length=20, choices=PickupStatus, default=PickupStatus.REQUESTED)
    requested_by = Varchar(length=200, default="")
    notes = Text(default="")
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)


class Collection(Table, tablename="collection"):
    """What was really taken at one donor on one visit (collecte)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    donor = ForeignKey(references=Donor, null=False, index=True)
    pickup_request = ForeignKey(references=PickupRequest, null=True, default=None)
    collected_on = Date(index=True)
    status = Varchar(length=20, choices=CollectionStatus, default=CollectionStatus.OPEN)
    agent_ids = JSON(default="[]")
    agent_names = Text(default="")
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    gps_accuracy_m = Float(null=True, default=None)
    signatory_name = Varchar(length=200, default="")
    signature_svg = Text(default="")
    # Made on the phone: a replayed sync finds the collection instead of creating a second one.
    client_uuid = Varchar(length=36, null=True, default=None, unique=True)
    notes = Text(default="")
    started_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)


class Lot(Table, tablename="lot"):
    """A hand-over of stored items to the reconditioner, signed by both sides (lot TRIRA)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    reconditioner = ForeignKey(references=Organisation, null=False, index=True)
    agreement = ForeignKey(references=Agreement, null=True, default=None, index=True)
    number = Varchar(length=30, unique=True)
    status = Varchar(length=20, choices=LotStatus, default=LotStatus.DRAFT)
    slip_number = Varchar(length=60, default="")
    declared_weight_kg = Float(default=0.0)
    measured_weight_kg = Float(null=True, default=None)
    weight_flagged = Boolean(default=False)
    too_old = Boolean(default=False)
    handed_over_on = Date(null=True, default=None)
    handed_over_by = Integer(null=True, default=None)
    handed_over_by_name = Varchar(length=200, default="")
    received_at = Timestamptz(null=True, default=None)
    received_by = Integer(null=True, default=None)
    received_by_name = Varchar(length=200, default="")
    notes = Text(default="")
    created_at = Timestamptz()


class Item(Table, tablename="item"):
    """One piece of hardware, or one line of small accessories with a quantity (objet collecté)."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    collection = ForeignKey(references=Collection, null=False, index=True)
    lot = ForeignKey(references=Lot, null=True, default=None, index=True)
    tag = Varchar(length=20, null=True, default=None, unique=True)
    category = Varchar(length=20, choices=Category, index=True)
    brand = Varchar(length=100, default="")
    model = Varchar(length=100, default="")
    serial_number = Varchar(length=100, default="", index=True)
    quantity = Integer(default=1)
    weight_kg = Float(default=0.0)
    condition = Varchar(length=30, default="")
    has_storage_media = Boolean(default=False)
    too_old = Boolean(default=False)
    state = Varchar(length=20, choices=ItemState, default=ItemState.COLLECTED, index=True)
    state_changed_at = Timestamptz()
    notes = Text(default="")
    client_uuid = Varchar(length=36, null=True, default=None, unique=True)
    created_at = Timestamptz(index=True)
    created_by = Integer(null=True, default=None)


class Device(Table, tablename="device"):
    """A working computer to give: returned by the reconditioner, or purchased (appareil à donner).

    A purchased device is in the stock like any other but never pays off the return quota.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    origin = Varchar(length=20, choices=DeviceOrigin)
    agreement = ForeignKey(references=Agreement, null=True, default=None, index=True)
    # The reconditioner that returned it (None when purchased): it may read what it recorded.
    reconditioner = ForeignKey(references=Organisation, null=True, default=None, index=True)
    reference = Varchar(length=60, default="")
    category = Varchar(length=20, choices=Category)
    processor = Varchar(length=100, default="")
    memory_gb = Float(null=True, default=None)
    storage_gb = Float(null=True, default=None)
    operating_system = Varchar(length=100, default="")
    grade = Varchar(length=20, default="")
    received_on = Date()
    state = Varchar(length=20, choices=DeviceState, default=DeviceState.RECEIVED, index=True)
    state_changed_at = Timestamptz()
    # The installing association that reserved it for a trainee (None while in stock): it reads
    # the device and moves it towards the trainee's home, or back to the stock.
    holder = ForeignKey(references=Organisation, null=True, default=None, index=True)
    notes = Text(default="")
    created_at = Timestamptz()
    created_by = Integer(null=True, default=None)


class TagSequence(Table, tablename="tag_sequence"):
    """The next label number of an organisation for a year; taken under a row lock."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False)
    year = Integer()
    next_value = Integer(default=1)


class TagBlock(Table, tablename="tag_block"):
    """A block of pre-numbered blank labels printed for the field, so scanned tags are known."""

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    year = Integer()
    first_value = Integer()
    count = Integer()  # type: ignore[assignment]  # shadows Table.count(), never called on it
    printed_at = Timestamptz()
    printed_by = Integer(null=True, default=None)


class Event(Table, tablename="event"):
    """Append-only chain of custody: every change of state of an item, device, lot or collection.

    Nothing in the code or the API updates or deletes these rows.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    subject_kind = Varchar(length=20)
    subject_id = Integer(index=True)
    action = Varchar(length=40)
    from_state = Varchar(length=20, null=True, default=None)
    to_state = Varchar(length=20, null=True, default=None)
    at = Timestamptz()
    actor_id = Integer(null=True, default=None)
    actor_name = Varchar(length=200, default="")
    place = Varchar(length=200, default="")
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    app = Varchar(length=100, default="")
    comment = Text(default="")
    details = JSON(default="{}")

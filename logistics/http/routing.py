"""Every controller of the app, in one short list."""

from __future__ import annotations

from logistics.http.api.accounts import (
    MeController,
    OrganisationController,
    TokenController,
    UserController,
)
from logistics.http.api.assignments import AssignmentController
from logistics.http.api.certificates import (
    CertificateController,
    DonorLinkController,
    ErasureReportController,
    OutboxController,
    VerificationController,
)
from logistics.http.api.collections import CollectionController
from logistics.http.api.devices import DeviceController, StockController
from logistics.http.api.donors import DonorController, PickupController
from logistics.http.api.field import FieldController, SyncController
from logistics.http.api.field_visits import FieldVisitController
from logistics.http.api.items import ItemController, LabelController, SearchController
from logistics.http.api.lots import AgreementController, LedgerController, LotController
from logistics.http.api.rounds import (
    AgentRoundController,
    DepotController,
    DonorLocationController,
    PlanningJobController,
    RoundPlanController,
    VehicleController,
)
from logistics.http.api.sms import SmsWebhookController
from logistics.http.api.staff import StaffController
from logistics.http.api.tickets import TicketController
from logistics.http.api.trainees import CycleController, TraineeController
from logistics.http.api.visits import VisitController
from logistics.http.health import HealthController
from logistics.http.pages.accounts import AccountPages
from logistics.http.pages.assignments import AssignmentPages
from logistics.http.pages.auth import AuthPages
from logistics.http.pages.calendar import CalendarFeed, CalendarPages
from logistics.http.pages.calls import CallPages
from logistics.http.pages.collections import CollectionPages
from logistics.http.pages.cycles import CyclePages
from logistics.http.pages.devices import DevicePages, StockPage
from logistics.http.pages.donor_documents import DonorDocumentPages
from logistics.http.pages.donor_mail import ErasureReportPages, OutboxPages
from logistics.http.pages.donors import DonorPages, PickupPages
from logistics.http.pages.field import FieldPages
from logistics.http.pages.field_visits import FieldVisitPages
from logistics.http.pages.figures import FiguresPage
from logistics.http.pages.fleet import DepotPages, LocatingPages, VehiclePages
from logistics.http.pages.home import HomePage
from logistics.http.pages.items import ItemPages, LabelPages, SearchPage
from logistics.http.pages.lots import LotPages
from logistics.http.pages.my_account import MyAccountPages
from logistics.http.pages.quota import QuotaPages
from logistics.http.pages.rounds import RoundPages
from logistics.http.pages.staff import StaffPages, StaffWeekPage
from logistics.http.pages.tickets import TicketPages
from logistics.http.pages.trainees import TraineePages
from logistics.http.pages.verification import DonorAccessPages, VerificationPages
from logistics.http.pages.visits import VisitPages

ROUTE_HANDLERS = [
    TraineePages,
    AssignmentPages,
    CyclePages,
    TraineeController,
    CycleController,
    FiguresPage,
    StaffWeekPage,
    StaffController,
    StaffPages,
    DonorPages,
    PickupPages,
    CollectionPages,
    ItemPages,
    SearchPage,
    LabelPages,
    DonorController,
    PickupController,
    CollectionController,
    ItemController,
    LabelController,
    SearchController,
    FieldPages,
    FieldController,
    SyncController,
    FieldVisitPages,
    FieldVisitController,
    HealthController,
    AuthPages,
    HomePage,
    MyAccountPages,
    AccountPages,
    TokenController,
    MeController,
    UserController,
    OrganisationController,
    AgreementController,
    LotController,
    LedgerController,
    DeviceController,
    StockController,
    LotPages,
    QuotaPages,
    DevicePages,
    StockPage,
    RoundPages,
    LocatingPages,
    DepotPages,
    VehiclePages,
    VehicleController,
    RoundPlanController,
    PlanningJobController,
    AgentRoundController,
    DonorLocationController,
    DepotController,
    VerificationPages,
    DonorAccessPages,
    DonorDocumentPages,
    ErasureReportPages,
    OutboxPages,
    CertificateController,
    VerificationController,
    DonorLinkController,
    ErasureReportController,
    OutboxController,
    VisitPages,
    VisitController,
    AssignmentController,
    TicketPages,
    TicketController,
    CallPages,
    SmsWebhookController,
    CalendarPages,
    CalendarFeed,
]

"""Every controller of the app, in one short list."""

from __future__ import annotations

from logistics.http.api.accounts import (
    MeController,
    OrganisationController,
    TokenController,
    UserController,
)
from logistics.http.api.devices import DeviceController, StockController
from logistics.http.api.field import FieldController, SyncController
from logistics.http.api.lots import AgreementController, LedgerController, LotController
from logistics.http.api.rounds import (
    AgentRoundController,
    DonorLocationController,
    RoundPlanController,
    VehicleController,
)
from logistics.http.health import HealthController
from logistics.http.pages.accounts import AccountPages
from logistics.http.pages.auth import AuthPages
from logistics.http.pages.field import FieldPages
from logistics.http.pages.fleet import LocatingPages, VehiclePages
from logistics.http.pages.home import HomePage
from logistics.http.pages.rounds import RoundPages

ROUTE_HANDLERS = [
    FieldPages,
    FieldController,
    SyncController,
    HealthController,
    AuthPages,
    HomePage,
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
    RoundPages,
    LocatingPages,
    VehiclePages,
    VehicleController,
    RoundPlanController,
    AgentRoundController,
    DonorLocationController,
]

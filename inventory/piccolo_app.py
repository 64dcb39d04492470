"""Piccolo app of the hardware's journey."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from inventory.certificates.tables import Certificate, DonorLink, YearlySummaryDocument
from inventory.tables import (
    Agreement,
    Collection,
    Device,
    Donor,
    Event,
    Item,
    Lot,
    Organisation,
    PickupRequest,
    TagBlock,
    TagSequence,
)

APP_CONFIG = AppConfig(
    app_name="inventory",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        Organisation,
        Agreement,
        Donor,
        PickupRequest,
        Collection,
        Lot,
        Item,
        Device,
        TagSequence,
        TagBlock,
        Event,
        Certificate,
        YearlySummaryDocument,
        DonorLink,
    ],
    migration_dependencies=[],
    commands=[],
)

"""API shapes for agreements, lots, devices, the depot stock and the quota ledger."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import msgspec

from inventory.ledger import QuotaBasis, QuotaStatement, VolumeLine
from inventory.services.agreements import NewAgreement
from inventory.services.devices import DeviceSpecs
from inventory.services.stock import DepotStock
from logistics.http.schemas import from_row

Text = Annotated[str, msgspec.Meta(max_length=200)]
Percent = Annotated[float, msgspec.Meta(ge=0, le=100)]
Kilos = Annotated[float, msgspec.Meta(ge=0)]


class AgreementIn(msgspec.Struct, forbid_unknown_fields=True):
    organisation_id: Annotated[int, msgspec.Meta(title="Association de collecte")]
    reconditioner_id: Annotated[int, msgspec.Meta(title="Reconditionneur")]
    reference: Annotated[str, msgspec.Meta(min_length=1, max_length=100, title="Référence")]
    starts_on: Annotated[date, msgspec.Meta(title="Début")]
    ends_on: Annotated[date, msgspec.Meta(title="Fin")] | None = None
    signed_on: Annotated[date, msgspec.Meta(title="Signée le")] | None = None
    rate_percent: Annotated[Percent, msgspec.Meta(title="Taux de retour")] = 10.0
    basis: Annotated[QuotaBasis, msgspec.Meta(title="Base du taux")] = QuotaBasis.COMPUTERS
    kg_per_device: (
        Annotated[float, msgspec.Meta(gt=0, title="Poids compté par appareil")] | None
    ) = None
    too_old_in_basis: bool = False
    weight_tolerance_percent: Annotated[Percent, msgspec.Meta(title="Tolérance")] = 5.0
    legal_reference: Annotated[Text, msgspec.Meta(title="Référence légale")] = (
        "décret n°2005-829 du 20 juillet 2005"
    )
    alert_threshold: Annotated[int, msgspec.Meta(ge=0, title="Seuil d'alerte")] = 5
    alert_weeks: Annotated[int, msgspec.Meta(ge=1, le=52, title="Durée avant alerte")] = 4

    def to_data(self) -> NewAgreement:
        return NewAgreement(**{f: getattr(self, f) for f in self.__struct_fields__})


class AgreementOut(msgspec.Struct):
    id: int
    organisation: int
    organisation_name: str
    reconditioner: int
    reconditioner_name: str
    reference: str
    starts_on: date
    ends_on: date | None
    signed_on: date | None
    rate_percent: float
    basis: QuotaBasis
    kg_per_device: float | None
    too_old_in_basis: bool
    weight_tolerance_percent: float
    legal_reference: str
    alert_threshold: int
    alert_weeks: int
    overdue_since: date | None


class LotIn(msgspec.Struct, forbid_unknown_fields=True):
    agreement_id: Annotated[int, msgspec.Meta(title="Convention")]
    notes: Annotated[str, msgspec.Meta(max_length=2000, title="Notes")] = ""


class LotItemOut(msgspec.Struct):
    id: int
    tag: str | None
    category: str
    brand: str
    model: str
    serial_number: str
    quantity: int
    weight_kg: float
    too_old: bool
    state: str


class LotOut(msgspec.Struct):
    id: int
    number: str
    status: str
    organisation: int
    organisation_name: str
    reconditioner: int
    reconditioner_name: str
    agreement: int | None
    slip_number: str
    declared_weight_kg: float
    measured_weight_kg: float | None
    weight_flagged: bool
    too_old: bool
    handed_over_on: date | None
    handed_over_by_name: str
    received_at: datetime | None
    received_by_name: str
    notes: str
    items: list[LotItemOut] | None = None


class LotItemsIn(msgspec.Struct, forbid_unknown_fields=True):
    """Items to put in a lot, by id or by the tag on their label (both may be mixed)."""

    item_ids: list[int] = []
    tags: Annotated[
        list[Annotated[str, msgspec.Meta(max_length=30)]], msgspec.Meta(title="Étiquettes")
    ] = []


class HandOverIn(msgspec.Struct, forbid_unknown_fields=True):
    slip_number: Annotated[str, msgspec.Meta(min_length=1, max_length=60, title="Bordereau")]
    handed_over_on: Annotated[date, msgspec.Meta(title="Date de remise")] | None = None


class ReceiptIn(msgspec.Struct, forbid_unknown_fields=True):
    measured_weight_kg: Annotated[Kilos, msgspec.Meta(title="Poids mesuré")]
    comment: Annotated[str, msgspec.Meta(max_length=2000, title="Remarque")] = ""


class TooOldIn(msgspec.Struct, forbid_unknown_fields=True):
    too_old: bool


class DeviceIn(msgspec.Struct, forbid_unknown_fields=True):
    """A returned device (``agreement_id`` given) or a purchased one (``organisation_id``)."""

    origin: Annotated[str, msgspec.Meta(pattern=r"^(returned_by_trira|purchased)$")]
    category: Annotated[str, msgspec.Meta(max_length=20, title="Type")]
    received_on: Annotated[date, msgspec.Meta(title="Date de réception")]
    agreement_id: Annotated[int, msgspec.Meta(title="Convention")] | None = None
    organisation_id: int | None = None
    reference: Annotated[str, msgspec.Meta(max_length=60, title="Référence")] = ""
    processor: Annotated[str, msgspec.Meta(max_length=100, title="Processeur")] = ""
    memory_gb: Annotated[Kilos, msgspec.Meta(title="Mémoire")] | None = None
    storage_gb: Annotated[Kilos, msgspec.Meta(title="Stockage")] | None = None
    operating_system: Annotated[str, msgspec.Meta(max_length=100, title="Système")] = ""
    grade: Annotated[str, msgspec.Meta(max_length=20, title="Grade")] = ""
    notes: Annotated[str, msgspec.Meta(max_length=2000, title="Remarques")] = ""

    def to_specs(self) -> DeviceSpecs:
        return DeviceSpecs(**{f: getattr(self, f) for f in DeviceSpecs.__dataclass_fields__})


class DeviceOut(msgspec.Struct):
    id: int
    organisation: int
    organisation_name: str
    origin: str
    agreement: int | None
    reference: str
    category: str
    processor: str
    memory_gb: float | None
    storage_gb: float | None
    operating_system: str
    grade: str
    received_on: date
    state: str
    notes: str


class MoveIn(msgspec.Struct, forbid_unknown_fields=True):
    to_state: Annotated[str, msgspec.Meta(max_length=20, title="Nouvel état")]
    reason: Annotated[str, msgspec.Meta(max_length=2000, title="Motif")] = ""


class VolumeOut(msgspec.Struct):
    category: str
    units: int
    weight_kg: Decimal

    @classmethod
    def of(cls, line: VolumeLine) -> VolumeOut:
        return cls(line.category.value, line.units, line.weight_kg)


class LedgerOut(msgspec.Struct):
    agreement_id: int
    reference: str
    reconditioner_name: str
    start: date
    end: date
    basis: QuotaBasis
    rate_percent: float
    basis_amount: Decimal
    collected: list[VolumeOut]
    too_old: list[VolumeOut]
    owed: int
    received: int
    purchased: int
    balance: int
    surplus: int
    overdue_since: date | None

    @classmethod
    def of(cls, agreement: dict[str, Any], statement: QuotaStatement) -> LedgerOut:
        return cls(
            agreement_id=agreement["id"],
            reference=agreement["reference"],
            reconditioner_name=agreement["reconditioner_name"],
            start=statement.period.start,
            end=statement.period.end,
            basis=statement.agreement.basis,
            rate_percent=agreement["rate_percent"],
            basis_amount=statement.basis_amount,
            collected=[VolumeOut.of(line) for line in statement.collected],
            too_old=[VolumeOut.of(line) for line in statement.too_old],
            owed=statement.owed,
            received=statement.received,
            purchased=statement.purchased,
            balance=statement.balance,
            surplus=statement.surplus,
            overdue_since=agreement["overdue_since"],
        )


class StockLineOut(msgspec.Struct):
    category: str
    items: int
    units: int
    weight_kg: float
    oldest: datetime | None


class StockOut(msgspec.Struct):
    waiting_items: int
    waiting_units: int
    waiting_kg: float
    oldest: datetime | None
    waiting: list[StockLineOut]
    devices_ready: list[DeviceOut]

    @classmethod
    def of(cls, stock: DepotStock) -> StockOut:
        return cls(
            waiting_items=stock.waiting_items,
            waiting_units=stock.waiting_units,
            waiting_kg=stock.waiting_kg,
            oldest=stock.oldest,
            waiting=[
                StockLineOut(
                    line.category.value, line.items, line.units, line.weight_kg, line.oldest
                )
                for line in stock.waiting
            ],
            devices_ready=[from_row(DeviceOut, row) for row in stock.devices],
        )

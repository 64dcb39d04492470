"""The return-quota ledger: what TRIRA owes back under its agreement, and when to worry.

By agreement (convention), TRIRA gives back a share of the collected volume (10 % by default) as
reconditioned equipment in working order. The share applies to a basis the agreement states: a
count of computers, or the weight collected. Hardware judged too old to recondition yields
nothing in practice (the first tonne collected in 2016 gave no return), so each agreement says
whether it still counts in the basis; the ledger always shows it on its own line.

Only devices TRIRA returned pay off the quota: a device bought when returns fell short is in the
stock to give, but never reduces what TRIRA owes. Pure functions: services feed them rows already
filtered to the period (or aggregated by the database), so the same rules serve the page, the
dashboard alert and the benchmark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from inventory.categories import Category
from inventory.errors import Invalid
from inventory.states import DeviceOrigin


class QuotaBasis(StrEnum):
    """What the agreement's rate applies to."""

    COMPUTERS = "computers"
    WEIGHT = "weight"

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    QuotaBasis.COMPUTERS: "nombre d'ordinateurs",
    QuotaBasis.WEIGHT: "poids collecté (kg)",
}


@dataclass(frozen=True)
class Agreement:
    """The quota terms of one TRIRA agreement.

    ``kg_per_device`` turns a weight basis into whole devices (the weight the agreement counts for
    one returned device); ``too_old_in_basis`` says whether hardware too old to recondition still
    counts in the basis.
    """

    rate: Decimal = Decimal("0.10")
    basis: QuotaBasis = QuotaBasis.COMPUTERS
    kg_per_device: Decimal | None = None
    too_old_in_basis: bool = False

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.rate <= Decimal(1):
            raise Invalid("Le taux de retour doit être compris entre 0 et 100 %.", rate=self.rate)
        if self.basis is QuotaBasis.WEIGHT and not (self.kg_per_device and self.kg_per_device > 0):
            raise Invalid(
                "Une convention au poids doit indiquer le poids compté pour un appareil rendu.",
                kg_per_device=self.kg_per_device,
            )


@dataclass(frozen=True)
class Period:
    """The dates covered by a statement, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise Invalid(
                "Période inversée : la date de fin précède la date de début.",
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )


@dataclass(frozen=True)
class CollectedVolume:
    """Hardware collected in the period: one item, a quantity line, or a row summed by the
    database per category; ``too_old`` when marked too old to recondition."""

    category: Category
    units: int
    weight_kg: Decimal
    too_old: bool = False

    def __post_init__(self) -> None:
        if self.units < 0 or self.weight_kg < 0:
            raise Invalid(
                "Quantité et poids ne peuvent pas être négatifs.",
                units=self.units,
                weight_kg=self.weight_kg,
            )


@dataclass(frozen=True)
class VolumeLine:
    """A line of the statement: one category's total in units and kg."""

    category: Category
    units: int
    weight_kg: Decimal


@dataclass(frozen=True)
class QuotaStatement:
    """The ledger for one agreement and period, as the page shows it.

    ``basis_amount`` is a number of computers or of kg; ``owed`` and ``received`` are whole
    devices; ``balance`` is what TRIRA still owes (never negative) and ``surplus`` what it
    returned beyond that. ``purchased`` is shown for information only.
    """

    agreement: Agreement
    period: Period
    collected: tuple[VolumeLine, ...]
    too_old: tuple[VolumeLine, ...]
    basis_amount: Decimal
    owed: int
    received: int
    purchased: int

    @property
    def balance(self) -> int:
        return max(self.owed - self.received, 0)

    @property
    def surplus(self) -> int:
        return max(self.received - self.owed, 0)


def _by_category(volumes: Iterable[CollectedVolume]) -> tuple[VolumeLine, ...]:
    units: dict[Category, int] = defaultdict(int)
    kilos: dict[Category, Decimal] = defaultdict(Decimal)
    for volume in volumes:
        units[volume.category] += volume.units
        kilos[volume.category] += volume.weight_kg
    return tuple(VolumeLine(c, units[c], kilos[c]) for c in Category if c in units)


def _basis_amount(agreement: Agreement, lines: Iterable[VolumeLine]) -> Decimal:
    if agreement.basis is QuotaBasis.COMPUTERS:
        return Decimal(sum(line.units for line in lines if line.category.is_computer))
    return sum((line.weight_kg for line in lines), Decimal(0))


def _devices_owed(agreement: Agreement, basis_amount: Decimal) -> int:
    """The rate applied to the basis, rounded down: TRIRA returns whole devices."""
    share = agreement.rate * basis_amount
    if agreement.basis is QuotaBasis.WEIGHT:
        assert agreement.kg_per_device  # checked when the agreement was built
        share /= agreement.kg_per_device
    return int(share.to_integral_value(rounding=ROUND_FLOOR))


def quota_statement(
    agreement: Agreement,
    period: Period,
    collected: Iterable[CollectedVolume],
    devices: Iterable[DeviceOrigin],
) -> QuotaStatement:
    """The ledger of one agreement over a period, from what was collected and the devices that
    entered the stock to give during it (their origin only)."""
    volumes = list(collected)
    usable = _by_category(v for v in volumes if not v.too_old)
    too_old = _by_category(v for v in volumes if v.too_old)
    basis_amount = _basis_amount(
        agreement, usable + too_old if agreement.too_old_in_basis else usable
    )
    origins = list(devices)
    return QuotaStatement(
        agreement=agreement,
        period=period,
        collected=usable,
        too_old=too_old,
        basis_amount=basis_amount,
        owed=_devices_owed(agreement, basis_amount),
        received=origins.count(DeviceOrigin.RETURNED_BY_TRIRA),
        purchased=origins.count(DeviceOrigin.PURCHASED),
    )


@dataclass(frozen=True)
class WeeklyBalance:
    """The balance TRIRA still owed at the end of the week starting on ``week``."""

    week: date
    balance: int


@dataclass(frozen=True)
class OverdueAlert:
    """The balance owed has stayed above the threshold since ``since``, for ``weeks`` weeks."""

    since: date
    weeks: int
    balance: int
    threshold: int

    @property
    def message(self) -> str:
        return (
            f"TRIRA doit encore {self.balance} appareil(s) : le solde dépasse le seuil de "
            f"{self.threshold} depuis {self.weeks} semaines (semaine du "
            f"{self.since.strftime('%d/%m/%Y')})."
        )


def overdue_alert(
    weekly_balances: Sequence[WeeklyBalance], threshold: int, weeks: int
) -> OverdueAlert | None:
    """An alert when the latest ``weeks`` balances (one per week) all exceed ``threshold``.

    ``since`` is the first week of the current run above the threshold, which may be longer
    than ``weeks``; None as soon as one recent week was at or under the threshold.
    """
    if weeks < 1 or threshold < 0:
        raise Invalid(
            "Le seuil doit être positif et la durée d'au moins une semaine.",
            threshold=threshold,
            weeks=weeks,
        )
    ordered = sorted(weekly_balances, key=lambda entry: entry.week)
    run: list[WeeklyBalance] = []
    for entry in reversed(ordered):
        if entry.balance <= threshold:
            break
        run.append(entry)
    if len(run) < weeks:
        return None
    return OverdueAlert(
        since=run[-1].week, weeks=len(run), balance=run[0].balance, threshold=threshold
    )

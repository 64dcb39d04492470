"""The return-quota ledger: what TRIRA owes, what it returned, and when to raise the alarm."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory.categories import Category
from inventory.errors import Invalid
from inventory.ledger import (
    Agreement,
    CollectedVolume,
    OverdueAlert,
    Period,
    QuotaBasis,
    VolumeLine,
    WeeklyBalance,
    overdue_alert,
    quota_statement,
)
from inventory.states import DeviceOrigin

YEAR_2019 = Period(date(2019, 1, 1), date(2019, 12, 31))
BY_WEIGHT = Agreement(basis=QuotaBasis.WEIGHT, kg_per_device=Decimal(10))


def computers(units: int, *, too_old: bool = False) -> CollectedVolume:
    return CollectedVolume(Category.DESKTOP, units, Decimal(8) * units, too_old=too_old)


agreements = st.builds(
    Agreement,
    rate=st.decimals(0, 1, places=2),
    basis=st.sampled_from(QuotaBasis),
    kg_per_device=st.decimals(Decimal("0.5"), 50, places=1),
    too_old_in_basis=st.booleans(),
)
volumes = st.builds(
    CollectedVolume,
    category=st.sampled_from(Category),
    units=st.integers(0, 500),
    weight_kg=st.decimals(0, 5000, places=1),
    too_old=st.booleans(),
)
origins = st.lists(st.sampled_from(DeviceOrigin), max_size=60)


@given(agreements, st.lists(volumes, max_size=20), origins)
def test_owed_is_never_negative_and_received_counts_only_trira_returns(
    agreement: Agreement, collected: list[CollectedVolume], devices: list[DeviceOrigin]
) -> None:
    statement = quota_statement(agreement, YEAR_2019, collected, devices)
    assert statement.owed >= 0
    assert statement.balance >= 0
    assert statement.received == devices.count(DeviceOrigin.RETURNED_BY_TRIRA)
    assert statement.balance - statement.surplus == statement.owed - statement.received


@given(agreements, st.lists(volumes, max_size=20), origins, st.integers(1, 50))
def test_purchased_devices_never_reduce_what_trira_owes(
    agreement: Agreement, collected: list[CollectedVolume], devices: list[DeviceOrigin], bought: int
) -> None:
    without = quota_statement(agreement, YEAR_2019, collected, devices)
    with_purchases = quota_statement(
        agreement, YEAR_2019, collected, devices + [DeviceOrigin.PURCHASED] * bought
    )
    assert (with_purchases.owed, with_purchases.received, with_purchases.balance) == (
        without.owed,
        without.received,
        without.balance,
    )
    assert with_purchases.purchased == without.purchased + bought


def test_370_computers_collected_in_2019_owe_37_and_two_returns_leave_35() -> None:
    devices = [DeviceOrigin.RETURNED_BY_TRIRA] * 2 + [DeviceOrigin.PURCHASED] * 10
    statement = quota_statement(Agreement(), YEAR_2019, [computers(370)], devices)
    assert (statement.owed, statement.received, statement.balance) == (37, 2, 35)
    assert statement.purchased == 10


def test_owed_is_rounded_down_to_whole_devices() -> None:
    statement = quota_statement(Agreement(), YEAR_2019, [computers(29)], [])
    assert statement.owed == 2


def test_screens_and_keyboards_do_not_count_when_the_basis_is_computers() -> None:
    collected = [
        computers(20),
        CollectedVolume(Category.SCREEN, 40, Decimal(200)),
        CollectedVolume(Category.KEYBOARD_MOUSE, 12, Decimal(6)),
    ]
    statement = quota_statement(Agreement(), YEAR_2019, collected, [])
    assert (statement.basis_amount, statement.owed) == (20, 2)
    assert statement.collected == (
        VolumeLine(Category.DESKTOP, 20, Decimal(160)),
        VolumeLine(Category.SCREEN, 40, Decimal(200)),
        VolumeLine(Category.KEYBOARD_MOUSE, 12, Decimal(6)),
    )


def test_the_first_tonne_too_old_to_recondition_owes_nothing_and_is_shown_apart() -> None:
    tonne = [CollectedVolume(Category.DESKTOP, 125, Decimal(1000), too_old=True)]
    statement = quota_statement(BY_WEIGHT, YEAR_2019, tonne, [])
    assert statement.owed == 0
    assert statement.collected == ()
    assert statement.too_old == (VolumeLine(Category.DESKTOP, 125, Decimal(1000)),)


def test_an_agreement_may_keep_too_old_hardware_in_its_basis() -> None:
    agreement = Agreement(basis=QuotaBasis.WEIGHT, kg_per_device=Decimal(10), too_old_in_basis=True)
    statement = quota_statement(agreement, YEAR_2019, [computers(50, too_old=True)], [])
    assert (statement.basis_amount, statement.owed) == (400, 4)


def test_returns_beyond_what_is_owed_are_a_surplus_not_a_negative_balance() -> None:
    statement = quota_statement(
        Agreement(), YEAR_2019, [computers(10)], [DeviceOrigin.RETURNED_BY_TRIRA] * 3
    )
    assert (statement.owed, statement.balance, statement.surplus) == (1, 0, 2)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Agreement(rate=Decimal("1.5")),
        lambda: Agreement(basis=QuotaBasis.WEIGHT),
        lambda: Period(date(2019, 12, 31), date(2019, 1, 1)),
        lambda: CollectedVolume(Category.LAPTOP, 1, Decimal(-2)),
    ],
    ids=["rate-over-100", "weight-without-kg-per-device", "inverted-period", "negative-weight"],
)
def test_impossible_terms_are_refused(build: Callable[[], object]) -> None:
    with pytest.raises(Invalid):
        build()


def _weeks(*balances: int) -> list[WeeklyBalance]:
    monday = date(2026, 1, 5)
    return [WeeklyBalance(monday + timedelta(weeks=i), b) for i, b in enumerate(balances)]


def test_the_alarm_rings_after_the_balance_stayed_above_the_threshold_for_the_set_weeks() -> None:
    alert = overdue_alert(_weeks(2, 6, 7, 8, 9), threshold=5, weeks=4)
    assert alert == OverdueAlert(since=date(2026, 1, 12), weeks=4, balance=9, threshold=5)
    assert alert.message == (
        "TRIRA doit encore 9 appareil(s) : le solde dépasse le seuil de 5 depuis 4 semaines "
        "(semaine du 12/01/2026)."
    )


def test_one_week_at_the_threshold_resets_the_count() -> None:
    assert overdue_alert(_weeks(9, 9, 9, 5, 9, 9), threshold=5, weeks=3) is None


@given(st.lists(st.integers(0, 20), max_size=30), st.integers(0, 20), st.integers(1, 8))
def test_the_alarm_rings_exactly_when_the_last_weeks_are_all_above(
    balances: list[int], threshold: int, weeks: int
) -> None:
    alert = overdue_alert(_weeks(*balances), threshold, weeks)
    recent = balances[-weeks:]
    expected = len(recent) == weeks and all(b > threshold for b in recent)
    assert (alert is not None) == expected

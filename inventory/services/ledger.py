"""The return-quota ledger read from the database, and the weekly check for arrears.

The collected volume of an agreement is what its association handed over to its reconditioner:
the items of the agreement's lots signed over (handed over or received) during the period, by
hand-over date. Items recycled or discarded by the association never reach TRIRA and owe nothing;
items or lots judged too old are summed apart. The database aggregates (per day, category and
age), so the page, the weekly alert and the benchmark read a few hundred rows whatever the
number of items; ``inventory.ledger`` applies the agreement's terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from inventory.categories import Category
from inventory.engine import write_transaction
from inventory.history import Circumstances, record
from inventory.ledger import (
    CollectedVolume,
    Period,
    QuotaStatement,
    WeeklyBalance,
    overdue_alert,
    quota_statement,
)
from inventory.partners import readable_with_reconditioner
from inventory.scope import Scope
from inventory.services.agreements import get_agreement, quota_terms
from inventory.states import DeviceOrigin, LotStatus
from inventory.tables import Agreement

# The weekly check acts for nobody in particular; its events say so.
CHECKER = Scope(
    actor_id=0, actor_name="contrôle hebdomadaire", organisation_id=0, readable=None, writable=None
)

_VOLUMES_SQL = """
SELECT l.handed_over_on AS day, i.category AS category,
       CASE WHEN i.too_old OR l.too_old THEN 1 ELSE 0 END AS old,
       SUM(i.quantity) AS units, SUM(i.weight_kg) AS kg
FROM item i JOIN lot l ON l.id = i.lot
WHERE l.agreement = {} AND l.status IN ({}, {})
  AND l.handed_over_on >= {} AND l.handed_over_on <= {}
GROUP BY l.handed_over_on, i.category, CASE WHEN i.too_old OR l.too_old THEN 1 ELSE 0 END
"""

# Returns count for the agreement; purchases count for its association (shown, never credited).
_DEVICES_SQL = """
SELECT d.received_on AS day, d.origin AS origin, COUNT(*) AS n
FROM device d
WHERE d.received_on >= {} AND d.received_on <= {}
  AND ((d.origin = {} AND d.agreement = {}) OR (d.origin = {} AND d.organisation = {}))
GROUP BY d.received_on, d.origin
"""


@dataclass(frozen=True)
class Ledger:
    """A statement with the agreement it applies (its row, for names and references)."""

    agreement: dict[str, Any]
    statement: QuotaStatement


def calendar_year(day: date) -> Period:
    return Period(date(day.year, 1, 1), date(day.year, 12, 31))


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class _Facts:
    """What the database says happened, per day, before the agreement's terms are applied."""

    volumes: list[tuple[date, CollectedVolume]]
    devices: list[tuple[date, DeviceOrigin, int]]

    def statement(self, agreement: dict[str, Any], period: Period) -> QuotaStatement:
        def within(day: date) -> bool:
            return period.start <= day <= period.end

        origins = [o for day, o, n in self.devices if within(day) for _ in range(n)]
        volumes = [volume for day, volume in self.volumes if within(day)]
        return quota_statement(quota_terms(agreement), period, volumes, origins)


async def _facts(agreement: dict[str, Any], period: Period) -> _Facts:
    handed = (LotStatus.HANDED_OVER.value, LotStatus.RECEIVED.value)
    volume_rows = await Agreement.raw(
        _VOLUMES_SQL, agreement["id"], *handed, period.start, period.end
    )
    device_rows = await Agreement.raw(
        _DEVICES_SQL,
        period.start,
        period.end,
        DeviceOrigin.RETURNED_BY_TRIRA.value,
        agreement["id"],
        DeviceOrigin.PURCHASED.value,
        agreement["organisation"],
    )
    volumes = [
        (
            _day(row["day"]),
            CollectedVolume(
                Category(row["category"]),
                int(row["units"]),
                Decimal(str(round(float(row["kg"]), 3))),
                bool(row["old"]),
            ),
        )
        for row in volume_rows
    ]
    devices = [(_day(r["day"]), DeviceOrigin(r["origin"]), int(r["n"])) for r in device_rows]
    return _Facts(volumes, devices)


async def ledger(scope: Scope, agreement_id: int, period: Period | None, today: date) -> Ledger:
    """The statement of one agreement over a period (the calendar year of ``today`` by default)."""
    agreement = await get_agreement(scope, agreement_id)
    period = period or calendar_year(today)
    facts = await _facts(agreement, period)
    return Ledger(agreement, facts.statement(agreement, period))


def _mondays(period: Period, today: date) -> list[date]:
    first = period.start - timedelta(days=period.start.weekday())
    last = min(period.end, today)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


async def weekly_balances(agreement: dict[str, Any], today: date) -> list[WeeklyBalance]:
    """What was still owed at the end of each week of the year so far (today for this week)."""
    period = calendar_year(today)
    facts = await _facts(agreement, period)
    balances = []
    for monday in _mondays(period, today):
        end = min(monday + timedelta(days=6), today, period.end)
        balances.append(
            WeeklyBalance(monday, facts.statement(agreement, Period(period.start, end)).balance)
        )
    return balances


async def check_overdue_agreements(circumstances: Circumstances) -> int:
    """The weekly job: record one event when an agreement's arrears start (and one when they
    end), never again while they last. Returns how many alerts started."""
    today = circumstances.at.date()
    started = 0
    agreements = await Agreement.select().where(
        Agreement.starts_on <= today, Agreement.ends_on.is_null() | (Agreement.ends_on >= today)
    )
    for agreement in agreements:
        alert = overdue_alert(
            await weekly_balances(agreement, today),
            agreement["alert_threshold"],
            agreement["alert_weeks"],
        )
        if (alert is None) == (agreement["overdue_since"] is None):
            continue
        async with write_transaction(Agreement):
            await Agreement.update({Agreement.overdue_since: alert.since if alert else None}).where(
                Agreement.id == agreement["id"]
            )
            await record(
                CHECKER,
                agreement["organisation"],
                "agreement",
                agreement["id"],
                "quota_overdue" if alert else "quota_overdue_ended",
                circumstances,
                comment=alert.message if alert else "Le solde dû est revenu sous le seuil.",
                details={"balance": alert.balance, "since": alert.since.isoformat()}
                if alert
                else {},
            )
        started += alert is not None
    return started


async def overdue_agreements(scope: Scope) -> list[dict[str, Any]]:
    """Agreements in arrears, for the dashboard flag (both parties and coordinators)."""
    return await Agreement.select(
        Agreement.id,
        Agreement.reference,
        Agreement.overdue_since,
        Agreement.reconditioner.name.as_alias("reconditioner_name"),
    ).where(
        Agreement.overdue_since.is_not_null(),
        readable_with_reconditioner(scope, Agreement.organisation, Agreement.reconditioner),
    )

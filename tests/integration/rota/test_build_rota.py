"""A manager builds the week's rota from the fiches, the unavailabilities and the published
rounds; a sick day then re-plans only that day; a week without a driver is explained. Real
database, both engines; the solver runs as in production, only with one worker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from inventory.history import Circumstances
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.roles import Role
from logistics.rota.checker import check
from logistics.rota.model import Status
from logistics.rota.services import build_rota, load_week, rota_assignments
from logistics.rota.solver import SolveOptions
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundPlan, RoundStop
from logistics.settings import get_settings
from logistics.staff.availability import Unavailability
from logistics.staff.profiles import Profile, add_unavailability, set_profile
from logistics.staff.tables import AbsenceReason
from tests.factories import make_organisation, make_user, run
from tests.factories_rounds import make_vehicle

AT = Circumstances(at=datetime(2026, 12, 1, 9, tzinfo=UTC))
MONDAY = date(2026, 12, 7)
TUESDAY, THURSDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)
ONE_WORKER = SolveOptions(time_limit_s=10, workers=1)


def _published_rounds(organisation: int, loads: dict[date, float]) -> list[int]:
    """A published plan with one round a day of ``loads`` (kg loaded at its one stop)."""
    van = make_vehicle(organisation, "Trafic")
    (plan,) = run(
        RoundPlan.insert(
            RoundPlan(organisation=organisation, week_start=MONDAY, status=PlanStatus.PUBLISHED)
        ).returning(RoundPlan.id)
    )
    ids = []
    for day, kg in loads.items():
        (row,) = run(
            PlannedRound.insert(
                PlannedRound(
                    organisation=organisation,
                    plan=plan["id"],
                    vehicle=van,
                    day=day,
                    departure=time(8, 30),
                    return_at=time(15, 30),
                )
            ).returning(PlannedRound.id)
        )
        stops = [("stop", time(10, 0), time(10, 30), kg), ("lunch", time(12, 0), time(12, 45), 0)]
        for position, (kind, start, end, weight) in enumerate(stops, start=1):
            run(
                RoundStop.insert(
                    RoundStop(
                        organisation=organisation,
                        planned_round=row["id"],
                        position=position,
                        kind=kind,
                        latitude=45.57,
                        longitude=5.92,
                        arrival=start,
                        start=start,
                        departure=end,
                        weight_kg=weight,
                    )
                )
            )
        ids.append(row["id"])
    return ids


def _team(organisation: int) -> dict[str, int]:
    fiches = {
        "samir.haddad": Profile(True, 26, experienced=True),
        "paul.favre": Profile(True, 26),
        "julie.rossi": Profile(False, 26, usual_days=[1, 2, 3]),
        "lea.morel": Profile(False, 20, experienced=True, load_restriction=True),
        "karim.benali": Profile(False, 26, [5], experienced=True),
    }
    ids = {}
    for name, fiche in fiches.items():
        ids[name] = make_user(name, Role.AGENT, organisation)
        run(set_profile(OPERATOR_SCOPE, ids[name], fiche, AT))
    return ids


@pytest.fixture
def small_depot(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One person at most at the depot, none required: contracts keep spare hours, so a sick
    day can be covered on that day alone."""
    monkeypatch.setenv("ROTA_DEPOT_MIN", "0")
    monkeypatch.setenv("ROTA_DEPOT_MAX", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _build(organisation: int) -> tuple[object, list[dict]]:
    stored = run(build_rota(OPERATOR_SCOPE, organisation, MONDAY, AT, ONE_WORKER))
    return stored, run(rota_assignments(OPERATOR_SCOPE, stored.id))


def test_the_rota_staffs_each_round_safely_and_a_sick_day_moves_only_that_day(
    small_depot: None,
) -> None:
    organisation = make_organisation("RP")
    _team(organisation)
    heavy, light = _published_rounds(organisation, {TUESDAY: 400.0, THURSDAY: 50.0})

    first, rows = _build(organisation)

    assert first.rota.status == Status.OPTIMAL
    problem, _ = run(load_week(OPERATOR_SCOPE, organisation, MONDAY))
    assert check(problem, first.rota.assignments) == []
    on_heavy = {r["full_name"] for r in rows if r["planned_round"] == heavy}
    assert len(on_heavy) == 3 and "Lea Morel" not in on_heavy  # 400 kg: three, no restriction
    drivers = {r["full_name"] for r in rows if r["driver"]}
    assert drivers <= {"Samir Haddad", "Paul Favre"}
    assert any(r["planned_round"] == light for r in rows)
    tuesday_driver = next(r["member"] for r in rows if r["planned_round"] == heavy and r["driver"])
    sick = Unavailability(AbsenceReason.SICKNESS, TUESDAY)
    run(add_unavailability(OPERATOR_SCOPE, tuesday_driver, sick, AT))

    second, again = _build(organisation)

    assert second.rota.found and second.rota.repaired_days == (TUESDAY,)
    before = {(r["member"], r["slot_id"], r["driver"]) for r in rows}
    after = {(r["member"], r["slot_id"], r["driver"]) for r in again}
    changed_days = {
        r["day"]
        for r in [*rows, *again]
        if (r["member"], r["slot_id"], r["driver"]) in before ^ after
    }
    assert changed_days == {TUESDAY}
    assert all(r["member"] != tuesday_driver for r in again if r["day"] == TUESDAY)


def test_a_thursday_without_any_driver_is_explained_and_stored_as_such() -> None:
    organisation = make_organisation("RP")
    team = _team(organisation)
    _published_rounds(organisation, {THURSDAY: 50.0})
    leave = Unavailability(AbsenceReason.LEAVE, THURSDAY - timedelta(days=1), THURSDAY)
    counsellor = Unavailability(
        AbsenceReason.COUNSELLOR, MONDAY, weekday=4, start_time=time(9), end_time=time(10)
    )
    run(add_unavailability(OPERATOR_SCOPE, team["samir.haddad"], leave, AT))
    run(add_unavailability(OPERATOR_SCOPE, team["paul.favre"], counsellor, AT))

    stored, rows = _build(organisation)

    assert stored.rota.status == Status.INFEASIBLE and rows == []
    assert stored.rota.explanations[0] == (
        "jeudi, tournée 1 (Trafic) : aucun chauffeur disponible — Paul Favre est chez sa "
        "conseillère, Samir Haddad est en congé"
    )

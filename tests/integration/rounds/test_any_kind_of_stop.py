"""A BLÉ home visit is planned as a round stop with no copy of the rounds code.

A second kind of stop, registered here with its homes kept in memory (what issue 13 will
store), goes through the very functions pickup requests go through, in the same plan as a
pickup, on the real database: planning, storage, reading, a move to another day, an insertion
by hand, publishing and taking the plan back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, time, timedelta, tzinfo
from typing import Any

import pytest

from inventory.errors import Conflict, IllegalTransition, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.states import PickupStatus
from inventory.tables import PickupRequest
from logistics import clock
from logistics.rounds import changes, insertion, planning, reading
from logistics.rounds.editing import NewRound
from logistics.rounds.kinds import KINDS
from logistics.rounds.pickup_stops import PICKUP_REQUEST
from logistics.rounds.subjects import TODO, StopProgress, SubjectRef
from logistics.settings import get_settings
from routes.model import WEEKDAY_NAMES, Point, Stop, TimeWindow, WorkRules
from tests.factories import make_organisation, run
from tests.factories_journey import now, scope_of
from tests.factories_rounds import MONDAY, NOW, make_donor, make_request, make_vehicle, set_depot

HOME_VISIT = "home_visit"
WEEKDAYS = frozenset(range(5))
MORNINGS = {d: (TimeWindow(time(9), time(12)),) for d in WEEKDAYS}


@dataclass
class Home:
    """A trainee's home to install a computer in; ``status`` is what the visit's kind owns."""

    trainee: str
    point: tuple[float, float]
    opening: Mapping[int, tuple[TimeWindow, ...]] | None = None
    status: str = "to_visit"  # → booked when published → installing when begun


class HomeVisits:
    """Installation visits as stops: 45 minutes on site, a computer and a screen to carry."""

    name = HOME_VISIT
    noun = "une visite d'installation"
    unlocated = "le domicile n'a pas de coordonnées"

    def __init__(self, homes: dict[int, Home]) -> None:
        self.homes = homes

    def _stop(self, home_id: int) -> Stop:
        home = self.homes[home_id]
        return Stop(
            ref=str(home_id),
            point=Point(*home.point),
            service=timedelta(minutes=45),
            weight_kg=14.0,
            volume_m3=0.09,
            opening=home.opening,
            weekdays=WEEKDAYS,
            label=f"Installation chez {home.trainee}",
        )

    async def candidates(self, scope: Scope, week: Sequence[date]) -> list[dict[str, Any]]:
        return [
            {"id": i, "trainee": h.trainee} for i, h in self.homes.items() if h.status == "to_visit"
        ]

    async def stops(
        self, organisation_id: int, ids: Sequence[int], week: Sequence[date], *, fresh: bool
    ) -> dict[int, Stop]:
        if missing := set(ids) - set(self.homes):
            raise NotFound(f"Visite n° {min(missing)} introuvable.")
        if fresh and (taken := [i for i in ids if self.homes[i].status != "to_visit"]):
            raise Conflict(f"Visite n° {taken[0]} : déjà prévue.")
        return {i: self._stop(i) for i in ids}

    async def on_day(
        self, subject_id: int, label: str, day: date, rules: WorkRules
    ) -> tuple[tuple[TimeWindow, ...], tuple[str, ...]]:
        windows = self._stop(subject_id).windows_on(day.weekday(), rules)
        if day.weekday() in WEEKDAYS:
            return windows, ()
        return windows, (f"{label} : pas d'installation le {WEEKDAY_NAMES[day.weekday()]}",)

    async def details(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return {
            i: {"name": self.homes[i].trainee, "city": "Chambéry", "home_visit": i} for i in ids
        }

    async def publish(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        for home_id, label in visited.items():
            if self.homes[home_id].status != "to_visit":
                raise IllegalTransition(f"{label} : visite déjà prévue.")
            self.homes[home_id].status = "booked"

    async def started(self, visited: Mapping[int, str]) -> str | None:
        begun = [label for i, label in visited.items() if self.homes[i].status == "installing"]
        return f"{begun[0]} : l'installation a commencé" if begun else None

    async def withdraw(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        for home_id in visited:
            self.homes[home_id].status = "to_visit"

    async def progress(
        self, scope: Scope, ids: Sequence[int], zone: tzinfo
    ) -> dict[int, StopProgress]:
        return {
            i: StopProgress("started", "Sami (installateur)")
            for i in ids
            if self.homes[i].status == "installing"
        }


@pytest.fixture(autouse=True)
def before_the_week() -> Iterator[None]:
    """The week of ``MONDAY`` is planned on the Wednesday before it: no day of it is past."""
    with clock.frozen(NOW):
        yield


@pytest.fixture
def home_visits(monkeypatch: pytest.MonkeyPatch) -> Iterator[HomeVisits]:
    """Three homes around Chambéry and one whose window closes before it opens (left out),
    registered as a kind of stop for the test only; a quick solver."""
    monkeypatch.setenv("SOLVER_MAX_ITERATIONS", "300")
    get_settings.cache_clear()
    kind = HomeVisits(
        {
            1: Home("Mme Durand", (45.5667, 5.9333), MORNINGS),
            2: Home("M. Petit", (45.5708, 5.9827)),
            3: Home("Mme Leroy", (45.5598, 5.9687), MORNINGS),
            4: Home("M. Morel", (45.5638, 5.8944), {0: (TimeWindow(time(17), time(9)),)}),
        }
    )
    KINDS.register(kind)
    yield kind
    KINDS.unregister(HOME_VISIT)
    get_settings.cache_clear()


def _week_with_visits_and_a_pickup() -> tuple[Scope, int, int, int]:
    organisation = make_organisation("BLE", name="BLÉ")
    set_depot(organisation)
    van = make_vehicle(organisation, "Kangoo")
    request = make_request(organisation, make_donor(organisation, "Mairie de Cognin"))
    scope = scope_of(organisation)
    wanted = planning.PlanRequest(
        MONDAY, (van,), {HOME_VISIT: (1, 2, 3, 4), PICKUP_REQUEST: (request,)}
    )
    return scope, van, request, run(planning.create_plan(scope, wanted, now()))


def _stops(view: reading.PlanView, kind: str) -> list[dict[str, Any]]:
    return [s for r in view.rounds for s in r.stops if s["subject_kind"] == kind]


def _status(request_id: int) -> str:
    row = run(PickupRequest.select(PickupRequest.status).where(PickupRequest.id == request_id))
    return row[0]["status"]


def test_home_visits_share_a_plan_with_a_pickup_and_move_publish_and_come_back(
    home_visits: HomeVisits,
) -> None:
    scope, van, request, plan_id = _week_with_visits_and_a_pickup()

    view = run(reading.get_plan(scope, plan_id))
    visits = _stops(view, HOME_VISIT)
    assert sorted(s["subject_id"] for s in visits) == [1, 2, 3]
    assert {s["name"] for s in visits} == {"Mme Durand", "M. Petit", "Mme Leroy"}
    assert [s["subject_id"] for s in _stops(view, PICKUP_REQUEST)] == [request]
    (left_out,) = view.left_out
    assert (left_out["subject_kind"], left_out["subject_id"], left_out["name"]) == (
        HOME_VISIT,
        4,
        "M. Morel",
    )

    durand = next(s for s in visits if s["subject_id"] == 1)
    saturday = MONDAY + timedelta(days=5)
    warnings = run(
        changes.move_stop(scope, plan_id, durand["id"], NewRound(van, saturday), 1, now())
    )
    assert "Installation chez Mme Durand : pas d'installation le samedi" in warnings
    moved = run(reading.get_plan(scope, plan_id))
    (weekend,) = [r for r in moved.rounds if r.row["day"] == saturday]
    assert [s["subject_id"] for s in weekend.pickups] == [1]

    run(changes.publish_plan(scope, plan_id, now()))
    assert [h.status for h in home_visits.homes.values()] == ["booked"] * 3 + ["to_visit"]
    assert _status(request) == PickupStatus.PLANNED

    home_visits.homes[2].status = "installing"
    with pytest.raises(IllegalTransition, match=r"M\. Petit : l.installation a commencé"):
        run(changes.withdraw_plan(scope, plan_id, "Kangoo en panne", now()))
    assert _status(request) == PickupStatus.PLANNED

    home_visits.homes[2].status = "booked"
    run(changes.withdraw_plan(scope, plan_id, "Kangoo en panne", now()))
    assert {h.status for h in home_visits.homes.values()} == {"to_visit"}
    assert _status(request) == PickupStatus.REQUESTED


def test_a_home_visit_left_out_is_put_into_a_round_by_hand(home_visits: HomeVisits) -> None:
    scope, _, _, plan_id = _week_with_visits_and_a_pickup()
    (first, *_) = run(reading.get_plan(scope, plan_id)).rounds

    warnings = run(
        insertion.insert_left_out(
            scope, plan_id, SubjectRef(HOME_VISIT, 4), first.row["id"], 1, now()
        )
    )

    after = run(reading.get_plan(scope, plan_id))
    assert after.left_out == []
    inserted = [s for s in _stops(after, HOME_VISIT) if s["subject_id"] == 4]
    assert [s["name"] for s in inserted] == ["M. Morel"]
    assert any("Installation chez M. Morel" in w for w in warnings)


def test_a_visit_no_longer_waiting_is_refused_by_its_kind(home_visits: HomeVisits) -> None:
    home_visits.homes[3].status = "booked"
    with pytest.raises(Conflict, match="Visite n° 3 : déjà prévue"):
        _week_with_visits_and_a_pickup()


def test_the_crew_s_phones_read_where_a_home_visit_stands_from_its_own_kind(
    home_visits: HomeVisits,
) -> None:
    scope, _, request, plan_id = _week_with_visits_and_a_pickup()
    run(changes.publish_plan(scope, plan_id, now()))
    home_visits.homes[2].status = "installing"
    stops = [s for r in run(reading.get_plan(scope, plan_id)).rounds for s in r.stops]

    progress = run(KINDS.progress(scope, stops, UTC))

    by_subject = {(s["subject_kind"], s["subject_id"]): progress.get(s["id"]) for s in stops}
    assert by_subject[(HOME_VISIT, 2)] == StopProgress("started", "Sami (installateur)")
    assert by_subject[(HOME_VISIT, 1)] == by_subject[(HOME_VISIT, 3)] == TODO
    assert by_subject[(PICKUP_REQUEST, request)] == TODO  # no collection opened
    assert all(s["id"] not in progress for s in stops if s["subject_kind"] is None)  # breaks

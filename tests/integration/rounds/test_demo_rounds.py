"""The demo lets a manager plan next week at once, and loading it twice changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from click.testing import CliRunner

from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.tables import Donor, Event, PickupRequest
from logistics.accounts.organisations import organisation_id_by_code
from logistics.accounts.tables import UserAccount
from logistics.cli import main
from logistics.demo.rounds import PARIS
from logistics.rounds import planning, reading
from logistics.rounds.pickup_stops import PICKUP_REQUEST, plannable_requests
from logistics.rounds.tables import Vehicle
from tests.factories import run


def _counts() -> tuple[int, ...]:
    return tuple(run(t.count()) for t in (Vehicle, Donor, PickupRequest, Event))


def _manager() -> Scope:
    organisation_id = run(organisation_id_by_code("RP"))
    assert organisation_id is not None
    user = run(
        UserAccount.select(UserAccount.id, UserAccount.full_name)
        .where(UserAccount.username == "claire.martin")
        .first()
    )
    own = frozenset({organisation_id})
    return Scope(user["id"], user["full_name"], organisation_id, own, own)


def test_manager_loads_the_demo_twice_and_plans_next_week_at_once() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["demo"]).exit_code == 0
    counts = _counts()
    second = runner.invoke(main, ["demo"])
    assert second.exit_code == 0, second.output
    assert _counts() == counts

    scope = _manager()
    fleet = run(Vehicle.select().where(Vehicle.organisation == scope.organisation_id))
    assert {(v["kind"], v["capacity_kg"], v["capacity_m3"]) for v in fleet} == {
        ("car", 300.0, 1.5),
        ("van", 900.0, 8.0),
    }
    monday = planning.next_monday(datetime.now(PARIS).date())
    waiting = run(plannable_requests(scope))
    in_week = [r["id"] for r in waiting if r["wished_from"] <= monday + timedelta(days=4)]
    assert len(in_week) >= 10
    located = run(Donor.select(Donor.latitude).where(Donor.organisation == scope.organisation_id))
    assert all(row["latitude"] is not None for row in located)

    wanted = planning.PlanRequest(
        monday, tuple(v["id"] for v in fleet), {PICKUP_REQUEST: tuple(in_week)}
    )
    plan_id = run(
        planning.create_plan(scope, wanted, Circumstances(at=datetime.now(PARIS), app="test"))
    )
    view = run(reading.get_plan(scope, plan_id))
    assert view.rounds and all(round_.pickups for round_ in view.rounds)
    assert not [left for left in view.left_out if left["mandatory"]]
    assert all(isinstance(r.row["day"], date) for r in view.rounds)

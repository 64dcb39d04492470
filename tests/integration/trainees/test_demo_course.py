"""The demo's course: a finished cycle of ten at the médiathèque, and BLÉ's two installers."""

from __future__ import annotations

from logistics.accounts.tables import UserAccount
from logistics.demo import load_demo
from logistics.demo.accounts import scope_of
from logistics.trainees.eligibility import Outcome, trainees_with_eligibility
from logistics.trainees.tables import Attendance, Trainee
from logistics.trainees.waiting_list import waiting_list
from tests.factories import run


def test_the_demo_course_has_each_outcome_and_loads_once() -> None:
    run(load_demo())
    counts = (run(Trainee.count()), run(Attendance.count()))
    again = run(load_demo())

    ble = run(Trainee.select(Trainee.organisation).first())["organisation"]  # type: ignore[index]
    scope = run(scope_of("nadia.blanc", ble))
    outcomes = {
        row["last_name"]: decided.outcome for row, decided in run(trainees_with_eligibility(scope))
    }
    places = [place.last_name for place in run(waiting_list(scope))]

    assert again["trainees"] == 0 and again["cycles"] == 0
    assert (run(Trainee.count()), run(Attendance.count())) == counts
    assert outcomes["Benhamou"] is Outcome.NO_INTERNET
    assert outcomes["Perrier"] is Outcome.NOT_ELIGIBLE
    assert outcomes["Sow"] is Outcome.NOT_ELIGIBLE
    assert sum(o is Outcome.ELIGIBLE for o in outcomes.values()) == 7
    assert places[-2:] == ["Morel", "Bernard"]  # they have a computer at home already
    installers = run(UserAccount.count().where(UserAccount.role == "installer"))
    assert installers == 2

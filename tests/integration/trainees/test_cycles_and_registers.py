"""Training cycles: sessions, enrolment within the places, dropping out, the attendance register."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from inventory.errors import Conflict, Forbidden, Invalid, NotFound
from inventory.history import Circumstances
from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.trainees import attendance, cycles
from logistics.trainees.cycles import CycleData, SessionData
from logistics.trainees.eligibility import Outcome, eligibility_of
from tests.factories import make_organisation, run
from tests.factories_trainees import make_ble, make_trainee
from tests.integration.trainees.conftest import staff_scope

AT = Circumstances(at=datetime(2026, 9, 1, 10, 0, tzinfo=UTC))
AUTUMN = CycleData(
    "Automne 2026", date(2026, 9, 7), date(2026, 11, 16), "Médiathèque Jean-Jacques Rousseau", 11, 3
)


def a_cycle() -> tuple[object, int, list[int]]:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])
    cycle = run(cycles.create_cycle(scope, AUTUMN, AT))
    trainees = [
        make_trainee(ble.organisation, name) for name in ("Durand", "Martin", "Petit", "Roux")
    ]
    return scope, cycle["id"], trainees


def test_enrolment_stops_at_the_places_and_a_departure_frees_one() -> None:
    scope, cycle, (durand, martin, petit, roux) = a_cycle()
    for trainee in (durand, martin, petit):
        run(cycles.enrol(scope, cycle, trainee, AT))

    with pytest.raises(Conflict, match="« Automne 2026 » est complet \\(3 places\\)"):
        run(cycles.enrol(scope, cycle, roux, AT))
    with pytest.raises(Conflict, match="déjà inscrit"):
        run(cycles.enrol(scope, cycle, durand, AT))
    with pytest.raises(Invalid, match="pourquoi"):
        run(cycles.drop_out(scope, cycle, martin, "  ", AT))
    run(cycles.drop_out(scope, cycle, martin, "a trouvé un emploi", AT, on=date(2026, 9, 20)))
    run(cycles.enrol(scope, cycle, roux, AT))

    assert run(cycles.get_cycle(scope, cycle))["enrolled"] == 3
    left = {r["last_name"]: r["left_reason"] for r in run(cycles.enrolments_of(scope, cycle))}
    assert left == {"Durand": "", "Martin": "a trouvé un emploi", "Petit": "", "Roux": ""}
    outcome = run(eligibility_of(scope, martin, today=date(2026, 12, 1)))
    assert outcome.outcome is Outcome.NOT_ELIGIBLE
    assert outcome.reason == "A quitté la formation le 20 septembre 2026 : a trouvé un emploi."


def test_weekly_sessions_fill_the_cycle_and_a_session_outside_it_is_refused() -> None:
    scope, cycle, _ = a_cycle()

    planned = run(cycles.plan_weekly_sessions(scope, cycle, time(14), time(16), AT))

    assert [s["module"] for s in planned] == list(range(1, 12))
    assert planned[-1]["day"] == date(2026, 11, 16)
    assert planned[0]["place"] == "Médiathèque Jean-Jacques Rousseau"
    with pytest.raises(Invalid, match="pendant le cycle, du 7 septembre 2026 au 16 novembre 2026"):
        run(
            cycles.add_session(
                scope, cycle, SessionData(3, date(2026, 12, 1), time(14), time(16)), AT
            )
        )
    with pytest.raises(Invalid, match="finir après"):
        run(
            cycles.add_session(
                scope, cycle, SessionData(3, date(2026, 9, 8), time(16), time(14)), AT
            )
        )
    with pytest.raises(Invalid, match="de 1 à 11"):
        run(
            cycles.add_session(
                scope, cycle, SessionData(12, date(2026, 9, 8), time(14), time(16)), AT
            )
        )


def test_the_register_lists_who_is_expected_and_keeps_each_tick() -> None:
    scope, cycle, (durand, martin, petit, _) = a_cycle()
    for trainee in (durand, martin, petit):
        run(cycles.enrol(scope, cycle, trainee, AT))
    first, second = run(cycles.plan_weekly_sessions(scope, cycle, time(14), time(16), AT))[:2]
    run(cycles.drop_out(scope, cycle, petit, "déménagement", AT, on=date(2026, 9, 10)))

    before = run(attendance.register(scope, first["id"]))
    ticked = run(
        attendance.tick(scope, first["id"], {durand: True, martin: False, petit: True}, AT)
    )
    again = run(attendance.tick(scope, first["id"], {durand: True}, AT))

    assert [(m.name, m.present) for m in before.marks] == [
        ("Fatima Durand", None),
        ("Fatima Martin", None),
        ("Fatima Petit", None),
    ]
    assert [(m.last_name, m.present) for m in ticked.marks] == [
        ("Durand", True),
        ("Martin", False),
        ("Petit", True),
    ]
    assert again.present == 2
    # Petit left on 10 September: not on the register of the 14th.
    assert [m.last_name for m in run(attendance.register(scope, second["id"])).marks] == [
        "Durand",
        "Martin",
    ]
    with pytest.raises(Invalid, match="pas inscrites à cette séance"):
        run(attendance.tick(scope, second["id"], {petit: True}, AT))


def test_ticks_feed_eligibility_once_the_cycle_is_over() -> None:
    scope, cycle, (durand, martin, _, _) = a_cycle()
    for trainee in (durand, martin):
        run(cycles.enrol(scope, cycle, trainee, AT))
    sessions = run(cycles.plan_weekly_sessions(scope, cycle, time(14), time(16), AT))
    for number, session in enumerate(sessions):
        run(attendance.tick(scope, session["id"], {durand: number < 8, martin: number < 6}, AT))

    during = run(eligibility_of(scope, durand, today=date(2026, 11, 16)))
    after = run(eligibility_of(scope, durand, today=date(2026, 11, 17)))
    martin_after = run(eligibility_of(scope, martin, today=date(2026, 11, 17)))

    assert during.outcome is Outcome.NOT_YET
    assert after.outcome is Outcome.ELIGIBLE
    assert martin_after.reason == "6 séances suivies sur 11, il en faut 8."


def test_cycles_of_another_association_are_unknown_and_collecting_staff_are_refused() -> None:
    scope, cycle, (durand, *_) = a_cycle()
    other = make_organisation("ALI", OrganisationKind.INSTALLING)
    outsider = staff_scope(other, 99)
    session = run(
        cycles.add_session(scope, cycle, SessionData(1, date(2026, 9, 7), time(14), time(16)), AT)
    )

    with pytest.raises(NotFound):
        run(cycles.get_cycle(outsider, cycle))
    with pytest.raises(NotFound):
        run(attendance.register(outsider, session["id"]))
    with pytest.raises(NotFound):
        run(cycles.enrol(outsider, cycle, durand, AT))
    assert run(cycles.list_cycles(outsider)) == []
    agent = staff_scope(make_organisation("RP"), 98, Role.AGENT)
    with pytest.raises(Forbidden):
        run(cycles.list_cycles(agent))
    with pytest.raises(Forbidden):
        run(attendance.tick(agent, session["id"], {durand: True}, AT))

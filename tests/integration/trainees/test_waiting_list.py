"""The waiting list: eligible trainees without a computer, no computer at home first, then the
end of their cycle, then the order of registration; each place with its reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from inventory.parties import OrganisationKind
from logistics.trainees.eligibility import Outcome, trainees_with_eligibility
from logistics.trainees.tables import Attendance, CycleSession, Enrolment, InternetAccess
from logistics.trainees.waiting_list import waiting_list
from logistics.visits.tables import Assignment, AssignmentState
from tests.factories import make_organisation, run
from tests.factories_trainees import make_ble, make_cycle, make_device, make_trainee
from tests.integration.trainees.conftest import staff_scope

TODAY = date(2026, 12, 4)


def registered(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


def give(organisation: int, trainee: int, device: int, state: AssignmentState) -> None:
    run(
        Assignment.insert(
            Assignment(
                organisation=organisation,
                trainee=trainee,
                device=device,
                state=state,
                reserved_at=registered(12, 1),
            )
        )
    )


def test_the_list_follows_the_programme_priorities_and_says_why() -> None:
    ble = make_ble()
    org = ble.organisation
    t = {
        name: make_trainee(org, name, registered_at=registered(*when), **extra)
        for name, when, extra in [
            ("Arnaud", (9, 1), {}),
            ("Benali", (6, 1), {"has_computer": True}),
            ("Carpentier", (5, 1), {}),
            ("Dupont", (5, 2), {}),
            ("Exbrayat", (4, 1), {"internet_at_home": InternetAccess.NONE}),
            ("Faure", (4, 1), {}),
            ("Girard", (4, 1), {}),
            ("Henry", (4, 1), {}),
            ("Ibrahim", (4, 1), {}),
            ("Joly", (4, 1), {}),
        ]
    }
    make_cycle(org, {t["Benali"]: 8, t["Arnaud"]: 11}, ends_on=date(2026, 10, 2), name="Été")
    make_cycle(
        org,
        {
            t["Carpentier"]: 8,
            t["Dupont"]: 10,
            t["Exbrayat"]: 11,
            t["Faure"]: 7,
            t["Girard"]: 9,
            t["Henry"]: 9,
        },
        ends_on=date(2026, 11, 20),
        name="Automne",
    )
    make_cycle(org, {t["Ibrahim"]: 11}, ends_on=date(2026, 12, 18), name="Hiver")
    make_cycle(org, {t["Joly"]: 9}, ends_on=date(2026, 11, 20), name="Automne bis")
    run(
        Enrolment.update(left_on=date(2026, 11, 1), left_reason="déménagement").where(
            Enrolment.trainee == t["Joly"]
        )
    )
    collecting = make_organisation("RP")
    give(org, t["Girard"], make_device(collecting, reference="PC-1"), AssignmentState.RESERVED)
    give(org, t["Henry"], make_device(collecting, reference="PC-2"), AssignmentState.RELEASED)
    other = make_organisation("ALI", OrganisationKind.INSTALLING)
    make_cycle(other, {make_trainee(other, "Ailleurs"): 11}, ends_on=date(2026, 9, 1))
    scope = staff_scope(org, ble.installers[0])

    places = run(waiting_list(scope, TODAY))

    assert [(p.rank, p.last_name) for p in places] == [
        (1, "Arnaud"),  # no computer, the earliest cycle
        (2, "Henry"),  # same cycle as the next two, registered first; his reservation was released
        (3, "Carpentier"),
        (4, "Dupont"),
        (5, "Benali"),  # already has a computer: after everyone who has none
    ]
    assert places[0].reason == (
        "Pas d'ordinateur à la maison (prioritaire) ; cycle « Été » terminé le 2 octobre 2026 ; "
        "inscription du 1er septembre 2026."
    )
    assert places[-1].reason.startswith("A déjà un ordinateur à la maison")
    # The SQL and the written rules agree: every place is eligible, and every eligible trainee
    # with internet and without a device has a place.
    decided = dict((row["id"], e) for row, e in run(trainees_with_eligibility(scope, today=TODAY)))
    eligible = {i for i, e in decided.items() if e.outcome is Outcome.ELIGIBLE}
    assert {p.trainee_id for p in places} == eligible - {t["Girard"]}
    assert decided[t["Exbrayat"]].outcome is Outcome.NO_INTERNET
    assert decided[t["Faure"]].outcome is Outcome.NOT_ELIGIBLE
    assert decided[t["Ibrahim"]].outcome is Outcome.NOT_YET
    assert decided[t["Joly"]].outcome is Outcome.NOT_ELIGIBLE


def test_another_association_sees_only_its_own_list() -> None:
    ble = make_ble()
    other = make_organisation("ALI", OrganisationKind.INSTALLING)
    make_cycle(ble.organisation, {make_trainee(ble.organisation): 11})

    assert run(waiting_list(staff_scope(other, 99), TODAY)) == []
    assert len(run(waiting_list(staff_scope(ble.organisation, 1), TODAY))) == 1


def test_a_trainee_eligible_twice_waits_from_the_first_cycle_and_a_module_counts_once() -> None:
    ble = make_ble()
    org = ble.organisation
    twice = make_trainee(org, "Deuxfois")
    repeated = make_trainee(org, "Rattrapage")
    make_cycle(org, {twice: 11}, ends_on=date(2026, 11, 20), name="Automne")
    make_cycle(org, {twice: 11}, ends_on=date(2026, 6, 5), name="Printemps")
    # Seven modules and a make-up session of module 7: seven modules of 11, not eight.
    short = make_cycle(org, {repeated: 7}, ends_on=date(2026, 9, 4), name="Été")
    session = run(
        CycleSession.insert(
            CycleSession(
                cycle=short, module=7, day=date(2026, 9, 3), starts_at=time(14), ends_at=time(16)
            )
        ).returning(CycleSession.id)
    )[0]["id"]
    run(
        Attendance.insert(
            Attendance(session=session, trainee=repeated, present=True, ticked_at=registered(9, 3))
        )
    )

    places = run(waiting_list(staff_scope(org, ble.installers[0]), TODAY))

    assert [(p.last_name, p.cycle_name, p.cycle_ended_on) for p in places] == [
        ("Deuxfois", "Printemps", date(2026, 6, 5))
    ]

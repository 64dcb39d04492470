"""BLÉ's part of the year's figures, on a hand-made year: trainees enrolled, trained, eligible
(with and without internet), computers given, installed and installed with the internet; by
installing association for its staff, by the device's owner for the collecting association."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from inventory.categories import Category
from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.trainees.figures import HomeFigures, given_by, trainee_figures, year_report
from logistics.trainees.tables import Enrolment, InternetAccess, Trainee
from logistics.visits import assignments
from tests.factories import make_organisation, make_user, run
from tests.factories_assignments import SIGNATURE, scope_of_user, when
from tests.factories_certificates import operator_scope
from tests.factories_trainees import make_ble, make_cycle, make_device, make_trainee

TODAY = date(2026, 12, 4)
NEW_YEARS_EVE = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # already 2027 in Paris


@dataclass
class Year:
    regie: int
    other_collecting: int
    ble: int
    installer: int
    manager: int


def _counts(figures: HomeFigures) -> tuple[int, ...]:
    return (
        figures.enrolled,
        figures.trained,
        figures.eligible,
        figures.no_internet,
        figures.given,
        figures.installed,
        figures.with_internet,
    )


def _install(installer: int, trainee: int, device: int, internet: bool, at: datetime) -> None:
    scope = scope_of_user(installer)
    reserved = run(assignments.reserve(scope, trainee, device, when(at)))
    run(assignments.sign_contract(scope, reserved.id, "Signataire", SIGNATURE, when(at)))
    run(assignments.install(scope, reserved.id, internet, when(at)))


@pytest.fixture
def year() -> Year:
    regie = make_organisation("RP", name="Régie Plus")
    other_collecting = make_organisation("CP", name="Régie CP")
    manager = make_user("claire.martin", Role.MANAGER, regie)
    ble = make_ble()
    org = ble.organisation
    fatima = make_trainee(org, "Durand")
    samir = make_trainee(org, "Haddad", internet_at_home=InternetAccess.NONE)
    lucie = make_trainee(org, "Morel")
    marc = make_trainee(org, "Petit")
    autumn = make_cycle(org, {fatima: 11, samir: 8, lucie: 6, marc: 3})
    run(
        Enrolment.update({Enrolment.left_on: date(2026, 10, 1), Enrolment.left_reason: "Emploi"})
        .where(Enrolment.cycle == autumn)
        .where(Enrolment.trainee == marc)
    )
    # A cycle of last year (its trainee counts in 2025) and one still running (counts nowhere yet).
    paul = make_trainee(org, "Roux")
    make_cycle(org, {paul: 10}, ends_on=date(2025, 6, 20), name="Cycle de printemps 2025")
    ines = make_trainee(org, "Blanc")
    make_cycle(org, {ines: 9}, ends_on=date(2026, 12, 20), name="Cycle d'hiver")

    installer = ble.installers[0]
    # Signed, then refused at the visit: the device is back in the stock, nothing was given
    # (Fatima then takes another one).
    first = make_device(other_collecting, reference="CP-1")
    refused = run(assignments.reserve(scope_of_user(installer), fatima, first, when()))
    run(assignments.sign_contract(scope_of_user(installer), refused.id, "F. D.", SIGNATURE, when()))
    run(assignments.give_back_to_stock(scope_of_user(installer), refused.id, "Refusé", when()))
    _install(installer, fatima, make_device(regie, reference="PC-001"), True, when().at)
    _install(installer, paul, make_device(regie, reference="PC-002"), False, when().at)
    # Installed on New Year's Eve after midnight in Paris: a figure of 2027.
    _install(installer, ines, make_device(other_collecting, reference="CP-2"), True, NEW_YEARS_EVE)
    return Year(regie, other_collecting, org, installer, manager)


def test_blés_year_counts_its_trainees_and_installations(year: Year) -> None:
    (ble,) = run(trainee_figures(scope_of_user(year.installer), 2026, TODAY))

    assert ble.organisation == "BLÉ"
    # Four places in the autumn cycle, three followed to the end (Marc left), two eligible of
    # whom Samir has no internet; Fatima's and Paul's computers given and installed, Fatima's
    # with the internet (her first one refused), Inès's installed in 2027 by Paris time.
    assert _counts(ble) == (4, 3, 2, 1, 2, 2, 1)


def test_a_year_counts_the_cycles_that_ended_in_it(year: Year) -> None:
    (last_year,) = run(trainee_figures(scope_of_user(year.installer), 2025, TODAY))
    (next_year,) = run(trainee_figures(scope_of_user(year.installer), 2027, date(2027, 1, 10)))

    assert _counts(last_year) == (1, 1, 1, 0, 0, 0, 0)
    assert _counts(next_year) == (0, 0, 0, 0, 1, 1, 1)


def test_the_collecting_association_counts_the_devices_it_gave(year: Year) -> None:
    given = run(given_by([year.regie, year.other_collecting], 2026))

    assert _counts(given[year.regie])[4:] == (2, 2, 1)
    assert _counts(given[year.other_collecting])[4:] == (0, 0, 0)


def test_a_manager_reads_the_devices_given_and_no_trainee_count(year: Year) -> None:
    report = run(year_report(scope_of_user(year.manager), 2026, TODAY))

    assert report.installing == []
    assert [(line.stock.organisation, line.homes.given) for line in report.collecting] == [
        ("Régie Plus", 2)
    ]


def test_an_admin_reads_every_association_with_totals(year: Year) -> None:
    other = make_organisation("AUT", OrganisationKind.INSTALLING, "Autre atelier")
    make_cycle(other, {make_trainee(other, "Martin"): 11})

    report = run(year_report(operator_scope(), 2026, TODAY))

    assert [line.organisation for line in report.installing_lines] == [
        "Autre atelier",
        "BLÉ",
        "Total",
    ]
    assert _counts(report.installing_lines[-1]) == (5, 4, 3, 1, 2, 2, 1)
    collecting = {line.stock.organisation: line.homes for line in report.collecting_lines}
    assert collecting["Total"].given == 2 and collecting["Total"].with_internet == 1


def test_an_installer_reads_only_their_association(year: Year) -> None:
    other = make_organisation("AUT", OrganisationKind.INSTALLING, "Autre atelier")
    make_cycle(other, {make_trainee(other, "Martin"): 11})

    report = run(year_report(scope_of_user(year.installer), 2026, TODAY))

    assert [line.organisation for line in report.installing_lines] == ["BLÉ"]
    assert report.collecting == []


def test_anonymising_trainees_keeps_the_counts(year: Year) -> None:
    before = _counts(run(trainee_figures(operator_scope(), 2026, TODAY))[0])
    run(
        Trainee.update(
            {
                Trainee.first_name: "",
                Trainee.last_name: "",
                Trainee.phone: "",
                Trainee.anonymised_at: NEW_YEARS_EVE,
            },
            force=True,
        )
    )

    assert _counts(run(trainee_figures(operator_scope(), 2026, TODAY))[0]) == before


def test_a_laptop_and_a_desktop_are_both_computers_given(year: Year) -> None:
    lea = make_trainee(year.ble, "Garnier", device_wanted=Category.DESKTOP)
    make_cycle(year.ble, {lea: 11}, name="Cycle court")
    _install(
        year.installer, lea, make_device(year.regie, Category.DESKTOP, "UC-1"), True, when().at
    )

    (ble,) = run(trainee_figures(scope_of_user(year.installer), 2026, TODAY))

    assert (ble.eligible, ble.given, ble.with_internet) == (3, 3, 2)

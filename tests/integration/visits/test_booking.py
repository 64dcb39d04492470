"""BLÉ staff book, move and cancel installation visits; nobody is booked twice at once."""

from __future__ import annotations

from datetime import date, time

import pytest

from inventory.errors import Conflict, Forbidden, IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Event
from logistics.accounts.permissions import permissions_of
from logistics.accounts.roles import Role
from logistics.visits import booking
from logistics.visits.booking import Booking, Change, Place
from logistics.visits.tables import VisitStatus
from tests.factories import make_organisation, make_user, run
from tests.factories_trainees import NOW, Ble, make_ble, make_trainee, make_visit

THURSDAY = date(2026, 12, 10)
AT = Circumstances(at=NOW, app="tests")


def staff_scope(ble: Ble, role: Role = Role.INSTALLER, actor: int | None = None) -> Scope:
    own = frozenset({ble.organisation})
    return Scope(
        actor or ble.installers[0],
        "Nadia Blanc",
        ble.organisation,
        own,
        own,
        permissions_of(role),
        role.label,
    )


def book(
    ble: Ble,
    trainee: int,
    start: time = time(9),
    installer: int | None = None,
    day: date = THURSDAY,
    place: Place | None = None,
) -> dict:
    wanted = Booking(trainee, installer or ble.installers[0], day, start, place)
    return run(booking.book(staff_scope(ble), wanted, AT))


def test_a_visit_copies_the_trainee_s_address_and_writes_its_event() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = book(ble, durand)
    assert visit["window_end"] == time(11)
    assert (visit["address"], visit["city"], visit["latitude"]) == (
        "12 rue du Pré de l'Âne",
        "Chambéry",
        45.5770,
    )
    assert visit["status"] == VisitStatus.BOOKED
    assert visit["installer_name"] == "Nadia Blanc"
    assert visit["trainee_name"] == "F. Durand"
    events = run(Event.select().where(Event.subject_kind == "installation_visit"))
    assert [(e["action"], e["subject_id"]) for e in events] == [("book", visit["id"])]


def test_an_edited_address_is_kept_and_not_located_until_placed() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = book(ble, durand, place=Place("3 place du Palais de Justice", "73000", "Chambéry"))
    assert visit["address"] == "3 place du Palais de Justice"
    assert visit["latitude"] is None


def test_the_same_staff_member_cannot_be_booked_twice_at_once() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    book(ble, durand, time(9))
    with pytest.raises(Conflict) as refused:
        book(ble, martin, time(9))
    assert refused.value.message == (
        "Nadia Blanc a déjà une visite le jeudi 10 décembre de 9 h à 11 h chez F. Durand."
    )
    # Another staff member, or half an hour later for the same one (an hour there, a quarter of
    # an hour to drive), is fine; a third visit that morning is not.
    assert book(ble, martin, time(9), installer=ble.installers[1])["installer_name"] == (
        "Yanis Roux"
    )
    assert book(ble, martin, time(9, 30))["window_start"] == time(9, 30)
    with pytest.raises(Conflict, match=r"chez F\. Durand"):
        book(ble, make_trainee(ble.organisation, "Petit"), time(9, 15))


def test_a_cancelled_visit_frees_its_window_and_cannot_change_again() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    visit = book(ble, durand)
    cancelled = run(booking.cancel(staff_scope(ble), visit["id"], "Malade", AT))
    assert (cancelled["status"], cancelled["outcome_notes"]) == (VisitStatus.CANCELLED, "Malade")
    assert book(ble, durand)["status"] == VisitStatus.BOOKED
    with pytest.raises(IllegalTransition, match="annulée"):
        run(booking.move(staff_scope(ble), visit["id"], Change(window_start=time(14)), AT))


def test_moving_a_visit_checks_the_new_window_but_not_against_itself() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    first = book(ble, durand, time(9))
    second = book(ble, martin, time(14))
    moved = run(booking.move(staff_scope(ble), first["id"], Change(window_start=time(9, 30)), AT))
    assert (moved["window_start"], moved["window_end"]) == (time(9, 30), time(11, 30))
    with pytest.raises(Conflict, match=r"de 14 h à 16 h chez J\. Martin"):
        run(booking.move(staff_scope(ble), first["id"], Change(window_start=time(14)), AT))
    other = run(
        booking.move(staff_scope(ble), second["id"], Change(installer_id=ble.installers[1]), AT)
    )
    assert other["installer_name"] == "Yanis Roux"
    events = run(Event.select().where(Event.action == "move").output(load_json=True))
    assert events[0]["details"]["to"]["window_start"] == "09:30"


def test_days_gone_and_windows_out_of_hours_are_refused() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    with pytest.raises(Invalid, match="est passé"):
        book(ble, durand, day=date(2026, 11, 30))
    with pytest.raises(Invalid, match="entre 7 h et 19 h"):
        book(ble, durand, time(20))
    assert book(ble, durand, day=NOW.date())["day"] == NOW.date()  # today is still possible


def test_only_installers_of_the_trainee_s_association_can_be_booked() -> None:
    ble = make_ble()
    elsewhere = make_organisation("AUT", OrganisationKind.INSTALLING, "Autre association")
    other = Ble(elsewhere, [make_user("paul.autre", Role.INSTALLER, elsewhere)])
    durand = make_trainee(ble.organisation)
    with pytest.raises(Invalid, match="compte « Installateur »"):
        book(ble, durand, installer=other.installers[0])
    with pytest.raises(NotFound):
        run(
            booking.book(
                staff_scope(other), Booking(durand, other.installers[0], THURSDAY, time(9)), AT
            )
        )


def test_collecting_staff_neither_read_nor_book_visits() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    make_visit(ble, durand, THURSDAY)
    for role in (Role.MANAGER, Role.AGENT, Role.RECONDITIONER, Role.COORDINATOR):
        with pytest.raises(Forbidden):
            run(booking.list_visits(staff_scope(ble, role)))
        with pytest.raises(Forbidden):
            run(
                booking.book(
                    staff_scope(ble, role),
                    Booking(durand, ble.installers[0], THURSDAY, time(9)),
                    AT,
                )
            )


def test_the_list_filters_by_day_staff_member_and_status() -> None:
    ble = make_ble()
    durand = make_trainee(ble.organisation)
    martin = make_trainee(ble.organisation, "Martin", first_name="Jean")
    a = make_visit(ble, durand, THURSDAY, time(14))
    b = make_visit(ble, martin, THURSDAY, time(9), installer=ble.installers[1])
    c = make_visit(ble, martin, date(2026, 12, 11), status=VisitStatus.CANCELLED)
    scope = staff_scope(ble)
    ids = lambda **f: [v["id"] for v in run(booking.list_visits(scope, **f))]  # noqa: E731
    assert ids() == [b, a, c]
    assert ids(day=THURSDAY) == [b, a]
    assert ids(installer_id=ble.installers[0]) == [a, c]
    assert ids(status=VisitStatus.CANCELLED) == [c]
    assert ids(trainee_id=martin) == [b, c]

"""After-sales tickets (dépannages): open for a trainee's device, note what was done, close;
the device comes back from the home and re-enters the stock or goes to recycling through the
inventory's device machine, each move with its event; only BLÉ's staff see any of it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from inventory.categories import Category
from inventory.errors import Conflict, Forbidden, IllegalTransition, Invalid, NotFound
from inventory.states import DeviceState
from inventory.tables import Device, Event
from logistics.accounts.roles import Role
from logistics.visits import assignments, tickets
from logistics.visits.tables import AssignmentState, TicketMode
from logistics.visits.tickets import Destination, DeviceOutcome, NewTicket, TicketChange
from tests.factories import make_organisation, make_user, run
from tests.factories_assignments import install_device, scope_of_user, when
from tests.factories_trainees import make_ble, make_device, make_eligible, make_trainee


@pytest.fixture
def home() -> dict[str, Any]:
    """Fatima Durand has a laptop of Régie Plus installed at home by BLÉ."""
    collecting = make_organisation("RP", name="Régie Plus")
    manager = make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    other = make_ble("AIDE", ("autre.installatrice",), "Autre association")
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(trainee)
    laptop = make_device(collecting, Category.LAPTOP, "PC-2026-0042")
    installer = scope_of_user(ble.installers[0])
    assignment = install_device(installer, trainee, laptop)
    return {
        "installer": installer,
        "manager": scope_of_user(manager),
        "other": scope_of_user(other.installers[0]),
        "trainee": trainee,
        "laptop": laptop,
        "assignment": assignment,
    }


def _device_moves(device_id: int) -> list[tuple[str | None, str | None, str]]:
    rows = run(
        Event.select(Event.from_state, Event.to_state, Event.comment)
        .where(Event.subject_kind == "device", Event.subject_id == device_id)
        .order_by(Event.id)
    )
    return [(r["from_state"], r["to_state"], r["comment"]) for r in rows]


def _device(device_id: int) -> dict[str, Any]:
    row = run(Device.select().where(Device.id == device_id).first())
    assert row is not None
    return row


def _open(home: dict[str, Any], **values: Any) -> dict[str, Any]:
    new = NewTicket(home["trainee"], values.pop("problem", "L'écran reste noir"), **values)
    return run(tickets.open_ticket(home["installer"], new, when()))


def test_a_ticket_is_opened_for_the_device_at_home_noted_then_closed_once(
    home: dict[str, Any],
) -> None:
    ticket = _open(home, mode=TicketMode.HOME_VISIT)
    assert ticket["device"] == home["laptop"]  # the device the person holds, by default
    assert (ticket["status"], ticket["mode_label"]) == ("open", "à domicile")
    assert ticket["trainee_name"] == "Fatima Durand"

    with pytest.raises(Invalid, match="Notez ce qui a été fait"):
        run(
            tickets.update_ticket(home["installer"], ticket["id"], TicketChange(close=True), when())
        )
    done = TicketChange(work_done="Câble d'alimentation remplacé", close=True)
    closed = run(tickets.update_ticket(home["installer"], ticket["id"], done, when()))
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    again = run(tickets.update_ticket(home["installer"], ticket["id"], done, when()))
    assert again["closed_at"] == closed["closed_at"]  # a replay changes nothing
    with pytest.raises(Conflict, match="clos"):
        change = TicketChange(work_done="Autre chose")
        run(tickets.update_ticket(home["installer"], ticket["id"], change, when()))

    history = run(tickets.ticket_history(home["installer"], ticket["id"]))
    assert [e["action"] for e in history] == ["opened", "updated", "closed"]
    assert json.loads(history[1]["details"]) == {"fields": ["work_done"]}

    scope = home["installer"]
    assert [
        t["id"] for t in run(tickets.list_tickets(scope, status=tickets.TicketStatus.CLOSED))
    ] == [ticket["id"]]
    assert run(tickets.list_tickets(scope, status=tickets.TicketStatus.OPEN)) == []
    assert len(run(tickets.list_tickets(scope, device_id=home["laptop"]))) == 1
    assert run(tickets.list_tickets(scope, trainee_id=home["trainee"] + 99)) == []


def test_a_returned_device_goes_back_to_the_stock_with_its_events(home: dict[str, Any]) -> None:
    ticket = _open(home)
    run(
        tickets.device_return(
            home["installer"], ticket["id"], DeviceOutcome.RETURNED, Destination.STOCK, when()
        )
    )
    device = _device(home["laptop"])
    assert (device["state"], device["holder"]) == (DeviceState.IN_STOCK, None)
    moves = _device_moves(home["laptop"])
    assert [(f, t) for f, t, _ in moves[-2:]] == [
        ("installed", "returned"),
        ("returned", "in_stock"),
    ]
    assert all(f"Dépannage n° {ticket['id']}" in comment for _, _, comment in moves[-2:])
    assert "Durand" not in " ".join(comment for _, _, comment in moves)
    record = run(assignments.get_assignment(home["installer"], home["assignment"]))
    assert record.state is AssignmentState.RETURNED
    # The same return told again (a second tap, a replay) moves nothing a second time.
    run(
        tickets.device_return(
            home["installer"], ticket["id"], DeviceOutcome.RETURNED, Destination.STOCK, when()
        )
    )
    assert len(_device_moves(home["laptop"])) == len(moves)
    history = run(tickets.ticket_history(home["installer"], ticket["id"]))
    returned = [e for e in history if e["action"] == "device_returned"]
    assert [json.loads(e["details"]) for e in returned] == [
        {"device": home["laptop"], "outcome": "returned", "destination": "stock"}
    ]
    # Back in the stock, the device can be offered to someone else.
    karim = make_trainee(record.organisation, "Benali", first_name="Karim")
    make_eligible(karim)
    again = run(assignments.reserve(home["installer"], karim, home["laptop"], when()))
    assert again.state is AssignmentState.RESERVED


def test_a_broken_device_goes_to_recycling_and_nobody_holds_it_any_more(
    home: dict[str, Any],
) -> None:
    ticket = _open(home, problem="Carte mère grillée")
    run(
        tickets.device_return(
            home["installer"],
            ticket["id"],
            DeviceOutcome.BROKEN,
            Destination.RECYCLING,
            when(),
            "irréparable",
        )
    )
    device = _device(home["laptop"])
    assert (device["state"], device["holder"]) == (DeviceState.RECYCLED, None)
    moves = _device_moves(home["laptop"])
    assert moves[-2:] == [
        ("installed", "broken", f"Dépannage n° {ticket['id']} : irréparable"),
        ("broken", "recycled", f"Dépannage n° {ticket['id']} : irréparable"),
    ]
    # The collecting association still reads its device and sees it recycled.
    manager = home["manager"]
    from inventory.services import devices

    assert run(devices.get_device(manager, home["laptop"])).state is DeviceState.RECYCLED


def test_a_device_not_at_home_cannot_come_back(home: dict[str, Any]) -> None:
    run(assignments.give_back_to_stock(home["installer"], home["assignment"], "déménage", when()))
    ticket = _open(home, device_id=home["laptop"])
    with pytest.raises(Conflict, match="n'est plus chez la personne"):
        run(
            tickets.device_return(
                home["installer"], ticket["id"], DeviceOutcome.BROKEN, Destination.STOCK, when()
            )
        )
    without = _open(home)  # nothing at home now: a ticket about nothing in particular
    assert without["device"] is None
    with pytest.raises(Invalid, match="aucun appareil"):
        run(
            tickets.device_return(
                home["installer"], without["id"], DeviceOutcome.BROKEN, Destination.STOCK, when()
            )
        )


def test_a_device_only_reserved_is_not_taken_back_by_a_ticket(home: dict[str, Any]) -> None:
    collecting = _device(home["laptop"])["organisation"]
    desktop = make_device(collecting, Category.DESKTOP, "UC-7")
    karim = make_trainee(
        run(assignments.get_assignment(home["installer"], home["assignment"])).organisation,
        "Benali",
    )
    make_eligible(karim)
    run(assignments.reserve(home["installer"], karim, desktop, when(), other_category=True))
    ticket = run(tickets.open_ticket(home["installer"], NewTicket(karim, "Question"), when()))
    with pytest.raises(IllegalTransition):
        run(
            tickets.device_return(
                home["installer"], ticket["id"], DeviceOutcome.RETURNED, Destination.STOCK, when()
            )
        )
    with pytest.raises(Invalid, match="jamais été attribué"):
        run(
            tickets.open_ticket(
                home["installer"], NewTicket(karim, "x", device_id=home["laptop"]), when()
            )
        )


def test_only_the_installing_associations_staff_see_tickets(home: dict[str, Any]) -> None:
    ticket = _open(home)
    with pytest.raises(Forbidden):
        run(tickets.get_ticket(home["manager"], ticket["id"]))
    with pytest.raises(Forbidden):
        run(tickets.list_tickets(home["manager"]))
    with pytest.raises(NotFound):
        run(tickets.get_ticket(home["other"], ticket["id"]))
    assert run(tickets.list_tickets(home["other"])) == []
    with pytest.raises(NotFound):
        run(tickets.open_ticket(home["other"], NewTicket(home["trainee"], "x"), when()))

"""A device's way from BLÉ's reservation to the trainee's home, and back to the stock: each step
moves the device through the inventory's machine with its event, in step with the attribution;
one active attribution per trainee and per device; the collecting association sees its device's
state and never the person."""

from __future__ import annotations

from typing import Any

import pytest

from inventory.categories import Category
from inventory.errors import Conflict, Forbidden, IllegalTransition, Invalid, NotFound
from inventory.parties import OrganisationKind
from inventory.services import devices
from inventory.tables import Device, Event
from logistics.accounts.roles import Role
from logistics.trainees.tables import Trainee
from logistics.visits import assignments
from logistics.visits.tables import AssignmentState
from tests.factories import make_organisation, make_user, run
from tests.factories_assignments import AT, SIGNATURE, scope_of_user, when
from tests.factories_trainees import make_ble, make_device, make_eligible, make_trainee


def _device_events(device_id: int) -> list[dict[str, Any]]:
    return run(
        Event.select()
        .where(Event.subject_kind == "device", Event.subject_id == device_id)
        .order_by(Event.id)
        .output(load_json=True)
    )


def _device(device_id: int) -> dict[str, Any]:
    row = run(Device.select().where(Device.id == device_id).first())
    assert row is not None
    return row


@pytest.fixture
def world() -> dict[str, Any]:
    collecting = make_organisation("RP")
    manager = make_user("claire.martin", Role.MANAGER, collecting)
    ble = make_ble()
    trainee = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    make_eligible(trainee)
    laptop = make_device(collecting, Category.LAPTOP, "PC-001")
    return {
        "collecting": collecting,
        "manager": scope_of_user(manager),
        "ble": ble,
        "installer": scope_of_user(ble.installers[0]),
        "trainee": trainee,
        "laptop": laptop,
    }


def test_a_laptop_goes_from_the_stock_to_fatimas_home_with_an_event_at_each_step(
    world: dict[str, Any],
) -> None:
    installer, laptop = world["installer"], world["laptop"]
    reserved = run(assignments.reserve(installer, world["trainee"], laptop, when()))
    assert reserved.state is AssignmentState.RESERVED
    assert reserved.trainee_name == "Fatima Durand"
    assert reserved.contract_number == f"CMD-BLE-2026-{reserved.id:05d}"
    assert _device(laptop)["state"] == "reserved"
    assert _device(laptop)["holder"] == world["ble"].organisation

    signed = run(
        assignments.sign_contract(installer, reserved.id, "Fatima Durand", SIGNATURE, when())
    )
    assert signed.state is AssignmentState.ASSIGNED
    assert signed.contract_signer == "Fatima Durand"
    assert signed.contract_signature == SIGNATURE
    assert _device(laptop)["state"] == "assigned"

    installed = run(assignments.install(installer, reserved.id, True, when()))
    assert installed.state is AssignmentState.INSTALLED
    assert installed.with_internet is True
    assert _device(laptop)["state"] == "installed"

    events = _device_events(laptop)
    moves = [(e["from_state"], e["to_state"]) for e in events]
    assert moves == [("in_stock", "reserved"), ("reserved", "assigned"), ("assigned", "installed")]
    assert all(e["organisation"] == world["collecting"] for e in events)
    assert all(e["details"]["assignment"] == reserved.id for e in events)
    assert events[-1]["details"]["with_internet"] is True
    assert events[0]["actor_name"] == "Nadia Blanc"
    # The owner's history names the attribution, never the person.
    assert not any("Durand" in str(e) for e in events)


def test_the_same_outcome_sent_twice_by_a_phone_changes_nothing(world: dict[str, Any]) -> None:
    installer = world["installer"]
    reserved = run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    run(assignments.sign_contract(installer, reserved.id, "Fatima Durand", SIGNATURE, when()))
    run(assignments.sign_contract(installer, reserved.id, "Fatima Durand", SIGNATURE, when()))
    run(assignments.install(installer, reserved.id, False, when()))
    again = run(assignments.install(installer, reserved.id, False, when()))
    assert again.with_internet is False
    assert len(_device_events(world["laptop"])) == 3


def test_no_assignment_nor_installation_without_the_signed_contract(world: dict[str, Any]) -> None:
    installer = world["installer"]
    reserved = run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    with pytest.raises(Conflict, match="contrat de mise à disposition n'est pas signé"):
        run(assignments.assign(installer, reserved.id, when()))
    with pytest.raises(Conflict, match="n'est pas signé"):
        run(assignments.install(installer, reserved.id, True, when()))
    with pytest.raises(Invalid, match="signature est vide"):
        run(assignments.sign_contract(installer, reserved.id, "Fatima", "", when()))
    with pytest.raises(Invalid, match="signature est vide"):
        run(assignments.sign_contract(installer, reserved.id, "Fatima", "<script>", when()))
    assert _device(world["laptop"])["state"] == "reserved"


def test_a_released_reservation_puts_the_device_back_in_stock_with_its_reason(
    world: dict[str, Any],
) -> None:
    installer, laptop = world["installer"], world["laptop"]
    reserved = run(assignments.reserve(installer, world["trainee"], laptop, when()))
    with pytest.raises(Invalid, match="Indiquez pourquoi"):
        run(assignments.release(installer, reserved.id, "  ", when()))
    released = run(assignments.release(installer, reserved.id, "a quitté la formation", when()))
    assert released.state is AssignmentState.RELEASED
    assert released.release_reason == "a quitté la formation"
    assert _device(laptop)["state"] == "in_stock"
    assert _device(laptop)["holder"] is None
    last = _device_events(laptop)[-1]
    assert (last["from_state"], last["to_state"], last["comment"]) == (
        "reserved",
        "in_stock",
        "a quitté la formation",
    )
    with pytest.raises(IllegalTransition, match="« libéré »"):
        run(assignments.release(installer, reserved.id, "encore", when()))
    # The device can be promised again, to the same person.
    again = run(assignments.reserve(installer, world["trainee"], laptop, when()))
    assert again.state is AssignmentState.RESERVED


def test_a_refused_visit_and_a_device_given_back_after_installation_return_to_stock(
    world: dict[str, Any],
) -> None:
    installer, laptop = world["installer"], world["laptop"]
    first = run(assignments.reserve(installer, world["trainee"], laptop, when()))
    run(assignments.sign_contract(installer, first.id, "Fatima Durand", SIGNATURE, when()))
    refused = run(assignments.give_back_to_stock(installer, first.id, "visite refusée", when()))
    assert refused.state is AssignmentState.RELEASED
    assert _device(laptop)["state"] == "in_stock"

    second = run(assignments.reserve(installer, world["trainee"], laptop, when()))
    run(assignments.sign_contract(installer, second.id, "Fatima Durand", SIGNATURE, when()))
    run(assignments.install(installer, second.id, True, when()))
    with pytest.raises(IllegalTransition, match="« installé »"):
        run(assignments.release(installer, second.id, "déménage", when()))
    back = run(assignments.give_back_to_stock(installer, second.id, "déménage", when()))
    assert back.state is AssignmentState.RETURNED
    assert _device(laptop)["state"] == "in_stock"
    tail = [(e["from_state"], e["to_state"]) for e in _device_events(laptop)[-2:]]
    assert tail == [("installed", "returned"), ("returned", "in_stock")]
    # A replay of the same outcome changes nothing.
    run(assignments.give_back_to_stock(installer, second.id, "déménage", when()))
    assert len(_device_events(laptop)) == 8


def test_one_active_assignment_per_trainee_and_per_device(world: dict[str, Any]) -> None:
    installer, ble = world["installer"], world["ble"]
    other_laptop = make_device(world["collecting"], Category.LAPTOP, "PC-002")
    karim = make_trainee(ble.organisation, "Benali", first_name="Karim")
    make_eligible(karim)
    first = run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))

    with pytest.raises(Conflict, match=r"Fatima Durand a déjà un appareil : portable PC-001"):
        run(assignments.reserve(installer, world["trainee"], other_laptop, when()))
    with pytest.raises(Conflict, match=r"déjà réservé pour Fatima Durand") as refused:
        run(assignments.reserve(installer, karim, world["laptop"], when()))
    assert refused.value.details["assignment"] == first.id
    assert _device(other_laptop)["state"] == "in_stock"
    assert run(assignments.reserve(installer, karim, other_laptop, when())).trainee_name == (
        "Karim Benali"
    )


def test_a_device_of_another_type_is_reserved_only_on_purpose(world: dict[str, Any]) -> None:
    installer = world["installer"]
    desktop = make_device(world["collecting"], Category.DESKTOP, "UC-010")
    choice = run(assignments.devices_for(installer, world["trainee"]))
    assert choice.wanted is Category.LAPTOP
    assert [d.reference for d in choice.matching] == ["PC-001"]
    assert [d.reference for d in choice.others] == ["UC-010"]

    wrong_type = "de type « portable » ; celui-ci est de type « unité centrale »"
    with pytest.raises(Invalid, match=wrong_type):
        run(assignments.reserve(installer, world["trainee"], desktop, when()))
    assert _device(desktop)["state"] == "in_stock"
    reserved = run(
        assignments.reserve(installer, world["trainee"], desktop, when(), other_category=True)
    )
    assert reserved.device_category is Category.DESKTOP
    left = run(assignments.devices_for(installer, world["trainee"]))
    assert left.others == []


def test_another_installing_association_neither_sees_nor_takes_the_reserved_device(
    world: dict[str, Any],
) -> None:
    installer = world["installer"]
    reserved = run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    other = make_organisation("ALPH", OrganisationKind.INSTALLING, "Alpha Numérique")
    other_scope = scope_of_user(make_user("lea.martin", Role.INSTALLER, other))
    their_trainee = make_trainee(other, "Morel")

    with pytest.raises(NotFound):
        run(devices.get_device(other_scope, world["laptop"]))
    with pytest.raises(NotFound):
        run(assignments.reserve(other_scope, their_trainee, world["laptop"], when()))
    with pytest.raises(NotFound):
        run(assignments.get_assignment(other_scope, reserved.id))
    with pytest.raises(NotFound):
        run(assignments.release(other_scope, reserved.id, "pris", when()))
    with pytest.raises(NotFound):
        run(assignments.reserve(other_scope, world["trainee"], world["laptop"], when()))
    assert run(assignments.list_assignments(other_scope)) == []
    with pytest.raises(NotFound):
        run(devices.move_held_device(other_scope, world["laptop"], "in_stock", when()))
    # BLÉ itself reads the device it holds, although it is no longer in stock.
    assert run(devices.get_device(installer, world["laptop"])).holder_name == "BLÉ"


def test_the_collecting_manager_sees_the_state_and_who_holds_it_but_not_the_person(
    world: dict[str, Any],
) -> None:
    installer, manager = world["installer"], world["manager"]
    reserved = run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    run(assignments.sign_contract(installer, reserved.id, "Fatima Durand", SIGNATURE, when()))

    seen = run(devices.get_device(manager, world["laptop"]))
    assert (seen.state.value, seen.holder_name) == ("assigned", "BLÉ")
    assert [d.state.value for d in run(devices.list_devices(manager))] == ["assigned"]
    with pytest.raises(Forbidden):
        run(assignments.list_assignments(manager))
    with pytest.raises(Forbidden):
        run(assignments.get_assignment(manager, reserved.id))
    with pytest.raises(Forbidden):
        run(assignments.devices_for(manager, world["trainee"]))
    # The owner's own moves would leave BLÉ's record behind: BLÉ moves what it holds.
    with pytest.raises(Conflict, match="confié à BLÉ"):
        run(devices.move_device(manager, world["laptop"], "in_stock", when()))
    assert _device(world["laptop"])["state"] == "assigned"


def test_only_a_device_in_stock_is_reserved_and_not_for_an_anonymised_file(
    world: dict[str, Any],
) -> None:
    installer = world["installer"]
    run(Device.update({Device.state: "broken"}).where(Device.id == world["laptop"]))
    with pytest.raises(NotFound):
        run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    run(Device.update({Device.state: "in_stock"}).where(Device.id == world["laptop"]))
    run(Trainee.update({Trainee.anonymised_at: AT}).where(Trainee.id == world["trainee"]))
    with pytest.raises(Conflict, match="anonymisé"):
        run(assignments.reserve(installer, world["trainee"], world["laptop"], when()))
    assert _device(world["laptop"])["state"] == "in_stock"

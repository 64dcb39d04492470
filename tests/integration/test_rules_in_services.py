"""Role rules and organisation scopes hold in the use cases themselves, whoever calls them: a
controller, the command line, a job or the phones' sync, which all pass the caller's scope."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import pytest

from inventory.certificates import dossier, links, register, service, yearly
from inventory.errors import Forbidden, NotFound
from inventory.scope import Scope
from inventory.services import devices, lots, moves
from inventory.states import ItemState
from logistics.accounts.permissions import permissions_of
from logistics.accounts.roles import Role
from logistics.rounds import reading
from logistics.rounds.tables import PlanStatus, RoundPlan
from tests.factories import run
from tests.factories_certificates import (
    World,
    circumstances,
    make_collection,
    make_donor,
    make_world,
    now,
)
from tests.factories_lots import at, make_agreement, make_items, make_parties

BASE = "https://suivi.example"


def _as(role: Role, organisation_id: int) -> Scope:
    """A member of ``organisation_id`` with ``role``, as ``scope_for`` builds it."""
    own = frozenset({organisation_id})
    return Scope(7, "Karim Benali", organisation_id, own, own, permissions_of(role), role.label)


def test_an_agent_stores_an_item_but_may_not_send_it_to_recycling() -> None:
    association, _ = make_parties()
    item = make_items(association, 1, state=ItemState.COLLECTED)[0]
    agent = _as(Role.AGENT, association)

    with pytest.raises(Forbidden, match="ne permet pas de passer un objet à « recyclé »"):
        run(moves.move_item(agent, item, ItemState.RECYCLED, at(), "écran cassé"))
    assert run(moves.move_item(agent, item, ItemState.STORED, at()))["state"] == "stored"
    manager = _as(Role.MANAGER, association)
    assert run(moves.move_item(manager, item, ItemState.RECYCLED, at(), "hors d'usage"))


def test_a_lots_items_are_not_found_for_another_association() -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    manager = _as(Role.MANAGER, association)
    lot = run(lots.create_lot(manager, agreement["id"], at()))

    assert run(lots.lot_items(manager, lot["id"])) == []
    with pytest.raises(NotFound):
        run(lots.lot_items(_as(Role.MANAGER, association + 100), lot["id"]))


def test_only_a_manager_records_a_purchased_device() -> None:
    association, trira = make_parties()
    specs = devices.DeviceSpecs("desktop", date(2026, 3, 2))
    reconditioner = Scope(
        7, "TRIRA", trira, None, frozenset({association}), permissions_of(Role.RECONDITIONER)
    )
    with pytest.raises(Forbidden, match="d'enregistrer un appareil acheté"):
        run(devices.record_purchased(reconditioner, association, specs, at()))
    bought = run(devices.record_purchased(_as(Role.MANAGER, association), association, specs, at()))
    assert bought.origin == "purchased"


def test_an_agent_reads_published_plans_only_and_a_coordinator_drafts_too() -> None:
    association, _ = make_parties()
    draft = run(
        RoundPlan.insert(
            RoundPlan(
                organisation=association,
                week_start=date(2026, 3, 2),
                status=PlanStatus.DRAFT,
                created_at=now(),
            )
        ).returning(RoundPlan.id)
    )[0]["id"]

    with pytest.raises(NotFound):
        run(reading.get_plan(_as(Role.AGENT, association), draft))
    assert run(reading.list_plans(_as(Role.AGENT, association))) == []
    coordinator = Scope(2, "Sophie", 0, None, frozenset(), permissions_of(Role.COORDINATOR))
    assert run(reading.get_plan(coordinator, draft)).plan["id"] == draft


def _issue(world: World, collection: int) -> dict[str, Any]:
    return run(service.issue_certificate(world.scope, collection, circumstances(), base_url=BASE))


def test_a_donors_documents_are_not_found_for_another_association() -> None:
    world = make_world()
    make_collection(world, on=date(2025, 3, 1))
    issued = _issue(world, make_collection(world))
    stranger = _as(Role.MANAGER, world.association + 100)

    for read in (
        service.certificates_of_donor(stranger, world.donor),
        service.certificate_pdf(stranger, issued["number"]),
        dossier.donor_dossier(stranger, world.donor),
        register.register_extract(stranger, world.donor, date(2025, 1, 1), date(2026, 12, 31)),
        yearly.issue_yearly_summary(stranger, world.donor, 2025, circumstances(), BASE),
    ):
        with pytest.raises(NotFound):
            run(read)


def test_a_donor_link_opens_that_donors_documents_and_no_others() -> None:
    world = make_world()
    mine = _issue(world, make_collection(world))
    other_donor = make_world("CP").donor  # another association's donor, for a stray number
    token, _ = run(links.create_link(world.scope, world.donor, circumstances()))
    access = run(links.open_link(token, now()))

    assert access.donor_id == world.donor and access.scope.writable == frozenset()
    pdf = run(service.certificate_pdf(access.scope, mine["number"], donor_id=access.donor_id))
    assert pdf.startswith(b"%PDF")
    neighbour = make_donor(world.association, "Autre donateur", "autre@donateur.example")
    sibling = make_collection(world, donor=neighbour)
    theirs = _issue(world, sibling)
    with pytest.raises(NotFound):  # same association, another donor
        run(service.certificate_pdf(access.scope, theirs["number"], donor_id=access.donor_id))
    with pytest.raises(NotFound):
        run(service.certificates_of_donor(access.scope, other_donor))


def test_a_phone_batch_keeps_its_senders_permissions_for_the_inbox_worker() -> None:
    """The inbox stores the sender's scope with the batch; the worker applies it with the same
    role, so a phone cannot do through the sync what its role does not allow."""
    agent = _as(Role.AGENT, 3)
    stored = msgspec.json.decode(msgspec.json.encode(agent), type=Scope)
    assert stored == agent and not stored.may("items:dispose")

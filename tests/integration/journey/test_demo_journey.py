"""The demo's donors, pickup requests and signed collection load once and only once."""

from __future__ import annotations

from inventory.tables import Collection, Donor, Event, Item, PickupRequest
from logistics.accounts.roles import Role
from logistics.demo.journey import load_journey_demo
from tests.factories import make_organisation, make_user, run


def _counts() -> tuple[int, ...]:
    return tuple(run(t.count()) for t in (Donor, PickupRequest, Collection, Item, Event))


def test_the_demo_journey_is_loaded_once_with_a_signed_collection_of_twenty_lines() -> None:
    regie_plus, coup_de_pouce = make_organisation("RP"), make_organisation("CP")
    make_user("claire.martin", Role.MANAGER, regie_plus)
    make_user("karim.benali", Role.AGENT, regie_plus)
    make_user("paul.favre", Role.MANAGER, coup_de_pouce)
    run(load_journey_demo())
    first = _counts()
    run(load_journey_demo())
    assert _counts() == first
    donors, pickups, collections, lines, _ = first
    assert donors == 9 and pickups == 4 and collections == 1 and lines == 20
    court = run(Collection.select().first())
    assert court["status"] == "closed" and court["signatory_name"].startswith("Mme Perrier")
    tagged = run(Item.select(Item.tag, Item.state).where(Item.tag.is_not_null()))
    assert len(tagged) == 18 and {row["state"] for row in tagged} == {"stored"}
    done = run(PickupRequest.select(PickupRequest.status).where(PickupRequest.status == "done"))
    assert len(done) == 1

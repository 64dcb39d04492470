"""The two state machines, checked against the business's own table of moves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory.errors import IllegalTransition, Invalid
from inventory.model import DEVICE_MACHINE, ITEM_MACHINE, StateMachine, replay, start, transition
from inventory.states import (
    AWAITING_TRIRA,
    ITEM_CLOSED,
    DeviceState,
    ItemState,
    can_install,
    can_join_lot,
    can_reserve,
)

IS, DS = ItemState, DeviceState

# Written out by hand from the issue, so the machine is checked against the spec, not itself.
ITEM_MOVES = {
    (IS.COLLECTED, IS.STORED),
    (IS.COLLECTED, IS.RECYCLED),
    (IS.COLLECTED, IS.DISCARDED),
    (IS.STORED, IS.IN_LOT),
    (IS.STORED, IS.RECYCLED),
    (IS.STORED, IS.DISCARDED),
    (IS.IN_LOT, IS.STORED),
    (IS.IN_LOT, IS.HANDED_TO_TRIRA),
}
DEVICE_MOVES = {
    (DS.RECEIVED, DS.IN_STOCK),
    (DS.RECEIVED, DS.BROKEN),
    (DS.IN_STOCK, DS.RESERVED),
    (DS.RESERVED, DS.ASSIGNED),
    (DS.RESERVED, DS.IN_STOCK),
    (DS.ASSIGNED, DS.INSTALLED),
    (DS.ASSIGNED, DS.IN_STOCK),
    (DS.INSTALLED, DS.RETURNED),
    (DS.RETURNED, DS.IN_STOCK),
    (DS.RETURNED, DS.BROKEN),
    (DS.RETURNED, DS.RECYCLED),
    (DS.BROKEN, DS.IN_STOCK),
    (DS.BROKEN, DS.RECYCLED),
    (DS.LOST, DS.IN_STOCK),
} | {
    (s, t)
    for s in (DS.IN_STOCK, DS.RESERVED, DS.ASSIGNED, DS.INSTALLED)
    for t in (DS.BROKEN, DS.LOST)
}
NEEDS_REASON = {IS.RECYCLED, IS.DISCARDED, DS.RETURNED, DS.BROKEN, DS.LOST, DS.RECYCLED}

CASES = [(ITEM_MACHINE, ItemState, ITEM_MOVES), (DEVICE_MACHINE, DeviceState, DEVICE_MOVES)]
reasons = st.sampled_from([None, "", "   ", "écran fêlé, irréparable"])


@pytest.mark.parametrize(("machine", "states", "spec"), CASES, ids=["item", "device"])
@given(data=st.data())
def test_no_sequence_of_calls_reaches_a_forbidden_state(
    machine: StateMachine, states: type, spec: set, data: st.DataObject
) -> None:
    attempts = data.draw(st.lists(st.tuples(st.sampled_from(list(states)), reasons), max_size=40))
    current = machine.initial
    history = [start(machine)]
    for target, reason in attempts:
        allowed = (current, target) in spec
        reason_ok = target not in NEEDS_REASON or bool(reason and reason.strip())
        if allowed and reason_ok:
            history.append(transition(machine, current, target, reason))
            current = target
        else:
            before = current
            with pytest.raises(IllegalTransition if not allowed else Invalid):
                transition(machine, current, target, reason)
            assert current is before
        assert replay(history) is current


@pytest.mark.parametrize(("machine", "states", "spec"), CASES, ids=["item", "device"])
@given(data=st.data())
def test_replaying_any_prefix_of_a_history_rebuilds_the_state_at_that_point(
    machine: StateMachine, states: type, spec: set, data: st.DataObject
) -> None:
    history, seen = [start(machine)], [machine.initial]
    for _ in range(data.draw(st.integers(0, 30))):
        targets = sorted(machine.targets(seen[-1]))
        if not targets:
            break
        target = data.draw(st.sampled_from(targets))
        history.append(transition(machine, seen[-1], target, "motif"))
        seen.append(target)
    for length, expected in enumerate(seen, start=1):
        assert replay(history[:length]) is expected


def test_the_refusal_names_the_current_state_in_french() -> None:
    with pytest.raises(IllegalTransition) as refused:
        transition(ITEM_MACHINE, IS.STORED, IS.HANDED_TO_TRIRA)
    assert refused.value.message == (
        "Impossible de passer de « stocké » à « remis à TRIRA » : "
        "l'objet est actuellement « stocké »."
    )
    assert refused.value.details == {"current": "stored", "target": "handed_to_trira"}


def test_discarding_an_item_without_a_reason_is_refused() -> None:
    with pytest.raises(Invalid, match="motif est obligatoire"):
        transition(ITEM_MACHINE, IS.STORED, IS.DISCARDED, "  ")


def test_a_state_of_the_other_machine_is_refused_as_unknown() -> None:
    with pytest.raises(Invalid, match="inconnu pour l'objet"):
        transition(ITEM_MACHINE, IS.STORED, DS.INSTALLED)


def test_the_event_records_who_where_how_and_why() -> None:
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    event = transition(
        DEVICE_MACHINE,
        "installed",
        "returned",
        " déménagement ",
        at=at,
        by="u42",
        where="45.5646,5.9178",
        app="phone",
    )
    assert (event.subject_kind, event.from_state, event.to_state) == (
        "device",
        "installed",
        "returned",
    )
    assert (event.at, event.by, event.where, event.app, event.comment) == (
        at,
        "u42",
        "45.5646,5.9178",
        "phone",
        "déménagement",
    )


def test_a_history_with_a_missing_event_is_refused() -> None:
    history = [
        start(ITEM_MACHINE),
        transition(ITEM_MACHINE, IS.COLLECTED, IS.STORED),
        transition(ITEM_MACHINE, IS.STORED, IS.IN_LOT),
    ]
    with pytest.raises(Invalid, match="ne part pas de l'état précédent"):
        replay([history[0], history[2]])
    with pytest.raises(Invalid, match="ne commence pas par une création"):
        replay(history[1:])
    with pytest.raises(Invalid, match="vide"):
        replay([])


def test_predicates_agree_with_the_machines() -> None:
    assert {s for s in IS if can_join_lot(s)} == {s for s, t in ITEM_MOVES if t is IS.IN_LOT}
    assert {s for s in DS if can_reserve(s)} == {s for s, t in DEVICE_MOVES if t is DS.RESERVED}
    assert {s for s in DS if can_install(s)} == {s for s, t in DEVICE_MOVES if t is DS.INSTALLED}
    assert all(not ITEM_MACHINE.targets(s) for s in ITEM_CLOSED)
    assert AWAITING_TRIRA.isdisjoint(ITEM_CLOSED)


@pytest.mark.parametrize("state", [*ItemState, *DeviceState])
def test_every_state_has_a_french_label(state: ItemState | DeviceState) -> None:
    assert state.label and state.label != state.value

"""The two state machines of the journey, the moves they allow, and the events that record them.

Every change of state is a move checked here and recorded as an ``Event``; the history is the
truth and ``replay`` rebuilds the current state from it, so a stored state that disagrees with its
history can be detected. Plain Python: services persist the events in the same transaction as the
state they change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from inventory.errors import IllegalTransition, Invalid
from inventory.states import DeviceState, ItemState, LabelledState

S = TypeVar("S", bound=LabelledState)


@dataclass(frozen=True)
class StateMachine(Generic[S]):
    """The allowed moves of one kind of subject.

    ``subject_kind`` is the stable code stored on events; ``subject_noun`` names the subject in
    French messages ("l'objet"); ``needs_reason`` lists the states one may only enter with a
    written reason, because a person will later ask why the hardware left the normal path.
    """

    subject_kind: str
    subject_noun: str
    states: type[S]
    initial: S
    moves: Mapping[S, frozenset[S]]
    needs_reason: frozenset[S] = field(default_factory=frozenset)

    def targets(self, current: S) -> frozenset[S]:
        """The states reachable in one move from ``current`` (the buttons a screen may offer)."""
        return self.moves.get(current, frozenset())

    def coerce(self, state: str) -> S:
        """The state for a stored or submitted code; refuses codes of another machine."""
        try:
            return self.states(state)
        except ValueError:
            raise Invalid(
                f"État « {state} » inconnu pour {self.subject_noun}.", state=state
            ) from None


ITEM_MACHINE: StateMachine[ItemState] = StateMachine(
    subject_kind="item",
    subject_noun="l'objet",
    states=ItemState,
    initial=ItemState.COLLECTED,
    moves={
        ItemState.COLLECTED: frozenset({ItemState.STORED, ItemState.RECYCLED, ItemState.DISCARDED}),
        ItemState.STORED: frozenset({ItemState.IN_LOT, ItemState.RECYCLED, ItemState.DISCARDED}),
        # A lot is assembled before TRIRA's van comes: an item can still be taken out of it.
        ItemState.IN_LOT: frozenset({ItemState.HANDED_TO_TRIRA, ItemState.STORED}),
    },
    needs_reason=frozenset({ItemState.RECYCLED, ItemState.DISCARDED}),
)

_OUT_OF_SERVICE = frozenset({DeviceState.BROKEN, DeviceState.LOST})

DEVICE_MACHINE: StateMachine[DeviceState] = StateMachine(
    subject_kind="device",
    subject_noun="l'appareil",
    states=DeviceState,
    initial=DeviceState.RECEIVED,
    moves={
        DeviceState.RECEIVED: frozenset({DeviceState.IN_STOCK, DeviceState.BROKEN}),
        DeviceState.IN_STOCK: frozenset({DeviceState.RESERVED}) | _OUT_OF_SERVICE,
        # A trainee may drop out before the end of the cycle: the reservation is released.
        DeviceState.RESERVED: frozenset({DeviceState.ASSIGNED, DeviceState.IN_STOCK})
        | _OUT_OF_SERVICE,
        # No internet connection at home means no installation: the device goes back to stock.
        DeviceState.ASSIGNED: frozenset({DeviceState.INSTALLED, DeviceState.IN_STOCK})
        | _OUT_OF_SERVICE,
        DeviceState.INSTALLED: frozenset({DeviceState.RETURNED}) | _OUT_OF_SERVICE,
        # Back from a home (after-sales): into the stock again, or to recycling when it is
        # beyond repair or too old to give again.
        DeviceState.RETURNED: frozenset(
            {DeviceState.IN_STOCK, DeviceState.BROKEN, DeviceState.RECYCLED}
        ),
        # Repaired, or found again; a broken device may also go to recycling (final).
        DeviceState.BROKEN: frozenset({DeviceState.IN_STOCK, DeviceState.RECYCLED}),
        DeviceState.LOST: frozenset({DeviceState.IN_STOCK}),
    },
    needs_reason=frozenset(
        {DeviceState.RETURNED, DeviceState.BROKEN, DeviceState.LOST, DeviceState.RECYCLED}
    ),
)

MACHINES: Mapping[str, StateMachine[Any]] = {
    m.subject_kind: m for m in (ITEM_MACHINE, DEVICE_MACHINE)
}


@dataclass(frozen=True)
class Event:
    """One change of state, as written to the append-only history (chain of custody).

    ``from_state`` is None for the event that creates the subject. ``by`` is the account that
    acted, ``where`` a GPS fix ("45.5646,5.9178") or a place name, ``app`` the device or app used
    (the phone app offline, the web), ``comment`` the reason when one was given.
    """

    subject_kind: str
    from_state: str | None
    to_state: str
    at: datetime
    by: str | None = None
    where: str | None = None
    app: str | None = None
    comment: str | None = None


def _check_move(machine: StateMachine[S], current: S, target: S, reason: str | None) -> None:
    if target not in machine.targets(current):
        raise IllegalTransition(
            f"Impossible de passer de « {current.label} » à « {target.label} » : "
            f"{machine.subject_noun} est actuellement « {current.label} ».",
            current=current.value,
            target=target.value,
        )
    if target in machine.needs_reason and not (reason and reason.strip()):
        raise Invalid(
            f"Un motif est obligatoire pour passer à « {target.label} ».", target=target.value
        )


def _event(
    machine: StateMachine[S],
    from_state: S | None,
    to_state: S,
    at: datetime | None,
    by: str | None,
    where: str | None,
    app: str | None,
    comment: str | None,
) -> Event:
    return Event(
        subject_kind=machine.subject_kind,
        from_state=from_state.value if from_state is not None else None,
        to_state=to_state.value,
        at=at or datetime.now(UTC),
        by=by,
        where=where,
        app=app,
        comment=comment.strip() if comment else None,
    )


def start(
    machine: StateMachine[S],
    *,
    at: datetime | None = None,
    by: str | None = None,
    where: str | None = None,
    app: str | None = None,
    comment: str | None = None,
) -> Event:
    """The first event of a subject's history: it enters the machine's initial state."""
    return _event(machine, None, machine.initial, at, by, where, app, comment)


def transition(
    machine: StateMachine[S],
    current: S | str,
    target: S | str,
    reason: str | None = None,
    *,
    at: datetime | None = None,
    by: str | None = None,
    where: str | None = None,
    app: str | None = None,
) -> Event:
    """Check one move and return the event that records it; the caller saves both together.

    Raises ``IllegalTransition`` naming the current state when the move is not allowed, and
    ``Invalid`` when the target needs a reason and none was given. Nothing changes on refusal.
    """
    current_state, target_state = machine.coerce(current), machine.coerce(target)
    _check_move(machine, current_state, target_state, reason)
    return _event(machine, current_state, target_state, at, by, where, app, reason)


def replay(events: Iterable[Event]) -> StrEnum:
    """The current state rebuilt from a subject's ordered history.

    Every event is checked again as a move, so a history that was tampered with or saved out of
    order is refused with the same errors as a live move.
    """
    history = iter(events)
    first = next(history, None)
    if first is None:
        raise Invalid("Historique vide : aucun événement à rejouer.")
    machine = MACHINES.get(first.subject_kind)
    if machine is None or first.from_state is not None or first.to_state != machine.initial:
        raise Invalid(
            "Historique incohérent : il ne commence pas par une création.",
            subject_kind=first.subject_kind,
            to_state=first.to_state,
        )
    current = machine.initial
    for event in history:
        if event.subject_kind != machine.subject_kind or event.from_state != current:
            raise Invalid(
                "Historique incohérent : un événement ne part pas de l'état précédent.",
                from_state=event.from_state,
                expected=current.value,
            )
        target = machine.coerce(event.to_state)
        _check_move(machine, current, target, event.comment)
        current = target
    return current

"""Writing and reading the append-only history (chain of custody).

Services call ``record`` inside their transaction for every change of state; nothing here (nor
anywhere) updates or deletes an event row. ``Circumstances`` carries where and how an action was
taken (GPS fix or place, the app or device), which the HTTP layer fills from the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec

from inventory import model
from inventory.scope import Scope
from inventory.tables import Event

P = ParamSpec("P")


@dataclass(frozen=True)
class Circumstances:
    """When, where and through what an action happened (defaults: now, unknown place, web)."""

    at: datetime
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    app: str = "web"

    @property
    def where(self) -> str:
        if self.latitude is not None and self.longitude is not None:
            return f"{self.latitude:.5f},{self.longitude:.5f}"
        return self.place


def event_row(
    scope: Scope,
    organisation_id: int,
    subject_kind: str,
    subject_id: int,
    action: str,
    circumstances: Circumstances,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str = "",
    details: dict[str, Any] | None = None,
) -> Event:
    """The event ``record`` appends, for a use case that inserts several in one statement."""
    return Event(
        organisation=organisation_id,
        subject_kind=subject_kind,
        subject_id=subject_id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        at=circumstances.at,
        actor_id=scope.actor_id or None,
        actor_name=scope.actor_name,
        place=circumstances.place,
        latitude=circumstances.latitude,
        longitude=circumstances.longitude,
        app=circumstances.app,
        comment=comment,
        details=details or {},
    )


def move_row(
    scope: Scope,
    organisation_id: int,
    subject_id: int,
    move: model.Event,
    circumstances: Circumstances,
    action: str = "state",
    details: dict[str, Any] | None = None,
) -> Event:
    """The event of a state-machine move checked by ``inventory.model.transition``."""
    return event_row(
        scope,
        organisation_id,
        move.subject_kind,
        subject_id,
        action,
        circumstances,
        from_state=move.from_state,
        to_state=move.to_state,
        comment=move.comment or "",
        details=details,
    )


def _appending(build: Callable[P, Event]) -> Callable[P, Awaitable[None]]:
    """A use case's way to append the event ``build`` makes, with the same arguments."""

    async def append(*args: P.args, **kwargs: P.kwargs) -> None:
        await Event.insert(build(*args, **kwargs))

    return append


record = _appending(event_row)
"""Append one event; call it inside the transaction that makes the change."""
record_move = _appending(move_row)
"""Append the event of a state-machine move checked by ``inventory.model.transition``."""


async def history_of(scope: Scope, subject_kind: str, subject_id: int) -> list[dict[str, Any]]:
    """Every event of one subject that the caller may read, oldest first (ties broken by
    insertion order)."""
    return (
        await Event.select()
        .where(
            Event.subject_kind == subject_kind,
            Event.subject_id == subject_id,
            scope.readable_where(Event.organisation),
        )
        .order_by(Event.at)
        .order_by(Event.id)
    )


def as_model_events(rows: list[dict[str, Any]]) -> list[model.Event]:
    """State-changing rows as domain events, for ``inventory.model.replay``."""
    return [
        model.Event(
            subject_kind=row["subject_kind"],
            from_state=row["from_state"],
            to_state=row["to_state"],
            at=row["at"],
            by=row["actor_name"],
            comment=row["comment"] or None,
        )
        for row in rows
        if row["to_state"] is not None
    ]

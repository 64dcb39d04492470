"""Where each stop of a round stands on the server: to do, started or done, by whom and when.

A crew shares a round but each phone keeps only its own entries: without the server's word, a
teammate's phone shows a stop already signed as "à faire", and starting it again can only be
refused. The day's round the phones load carries this state, read from the collections opened
for the stops' pickup requests (the record of what really happened, whichever phone made it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Literal

from inventory.scope import Scope
from inventory.states import CollectionStatus
from inventory.tables import Collection

StopState = Literal["todo", "started", "done"]


@dataclass(frozen=True)
class StopProgress:
    """``by``: the agents named on the collection; ``at``: when it was signed (done) or opened
    (started), in the association's time zone."""

    state: StopState
    by: str = ""
    at: datetime | None = None


TODO = StopProgress("todo")


def _progress(row: dict[str, Any], zone: tzinfo) -> StopProgress:
    done = row["status"] == CollectionStatus.CLOSED
    at = row["finished_at"] if done else row["started_at"]
    return StopProgress(
        "done" if done else "started", row["agent_names"], at.astimezone(zone) if at else None
    )


async def progress_of_pickups(
    scope: Scope, pickup_request_ids: Iterable[int], zone: tzinfo
) -> dict[int, StopProgress]:
    """Each pickup request's progress (absent: nothing started). A signed collection wins over
    one still open (two phones may have started the same stop); otherwise the latest opened."""
    wanted = sorted(set(pickup_request_ids))
    if not wanted:
        return {}
    rows = (
        await Collection.select(
            Collection.pickup_request,
            Collection.status,
            Collection.agent_names,
            Collection.started_at,
            Collection.finished_at,
        )
        .where(
            Collection.pickup_request.is_in(wanted), scope.readable_where(Collection.organisation)
        )
        .order_by(Collection.id)
    )
    found: dict[int, StopProgress] = {}
    for row in rows:
        progress = _progress(row, zone)
        if found.get(row["pickup_request"], TODO).state != "done":
            found[row["pickup_request"]] = progress
    return found

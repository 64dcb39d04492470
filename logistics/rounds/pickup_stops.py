"""Pickup requests as stops of a round: the ``StopKind`` of ``"pickup_request"``.

The only rounds module that reads pickup requests and donors: a request's stop is at its
donor's, open when the donor is, for as long as the announced hardware takes to carry (see
``stops``). Statuses move through ``inventory.services.pickups``: publishing a plan marks its
requests planned, taking it back opens them again, and a collection opened at one of its stops
means the visit has begun (signed: done), whichever phone of the crew opened it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta, tzinfo
from typing import Any

from inventory.errors import Conflict, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.services import pickups
from inventory.states import CollectionStatus, PickupStatus
from inventory.tables import Collection, PickupRequest
from logistics.rounds.stops import opening, stop_for
from logistics.rounds.subjects import StopProgress
from routes.model import WEEKDAY_NAMES, Stop, TimeWindow, WorkRules

PICKUP_REQUEST = "pickup_request"


async def plannable_requests(scope: Scope) -> list[dict[str, Any]]:
    """The association's pickup requests still waiting for a round, with their donor."""
    return (
        await PickupRequest.select(
            *PickupRequest.all_columns(),
            PickupRequest.donor.name.as_alias("donor_name"),
            PickupRequest.donor.city.as_alias("donor_city"),
            PickupRequest.donor.geocoding_status.as_alias("donor_geocoding_status"),
        )
        .where(
            scope.readable_where(PickupRequest.organisation),
            PickupRequest.organisation == scope.organisation_id,
            PickupRequest.status == PickupStatus.REQUESTED,
        )
        .order_by(PickupRequest.mandatory, ascending=False)
        .order_by(PickupRequest.wished_until)
        .output(load_json=True)
    )


def _with_donor(*where: Any) -> Any:
    return (
        PickupRequest.select(
            *PickupRequest.all_columns(exclude=[PickupRequest.donor]),
            *PickupRequest.donor.all_columns(),
        )
        .where(*where)
        .order_by(PickupRequest.id)
        .output(load_json=True, nested=True)
    )


class PickupRequests:
    """A pickup request (demande d'enlèvement) as a stop."""

    name = PICKUP_REQUEST
    noun = "une demande d'enlèvement"
    unlocated = (
        "le donateur n'a pas de coordonnées ; localisez-le d'abord "
        "(Tournées › Localiser les donateurs)"
    )

    async def candidates(self, scope: Scope, week: Sequence[date]) -> list[dict[str, Any]]:
        """Every request still waiting, whatever its wished dates: the manager may plan one
        early (the form ticks those wished in the week)."""
        return await plannable_requests(scope)

    async def stops(
        self, organisation_id: int, ids: Sequence[int], week: Sequence[date], *, fresh: bool
    ) -> dict[int, Stop]:
        rows = await _with_donor(
            PickupRequest.organisation == organisation_id, PickupRequest.id.is_in(list(ids))
        )
        missing = set(ids) - {row["id"] for row in rows}
        if missing:
            raise NotFound(f"Demande d'enlèvement n° {min(missing)} introuvable.")
        for row in rows if fresh else ():
            if not pickups.can_plan(PickupStatus(row["status"])):
                raise Conflict(
                    f"Demande n° {row['id']} ({row['donor']['name']}) : déjà "
                    f"{PickupStatus(row['status']).label}, elle ne peut plus être planifiée."
                )
        return {row["id"]: stop_for(row, row["donor"], list(week)) for row in rows}

    async def on_day(
        self, subject_id: int, label: str, day: date, rules: WorkRules
    ) -> tuple[tuple[TimeWindow, ...], tuple[str, ...]]:
        """The donor's opening windows that day (the whole working day when not stated), and a
        warning when the request does not accept that weekday."""
        request = (
            await PickupRequest.select(
                PickupRequest.allowed_weekdays,
                PickupRequest.donor.opening_hours.as_alias("opening_hours"),
            )
            .where(PickupRequest.id == subject_id)
            .first()
            .output(load_json=True)
        )
        hours = opening(request["opening_hours"] if request else None)
        probe = Stop(ref="", point=None, service=timedelta(0), opening=hours)
        allowed = request["allowed_weekdays"] if request else []
        warnings: tuple[str, ...] = ()
        if allowed and day.isoweekday() not in allowed:
            weekday = WEEKDAY_NAMES[day.weekday()]
            warnings = (f"{label} : le donateur n'accepte pas de visite le {weekday}",)
        return probe.windows_on(day.weekday(), rules), warnings

    async def details(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        donor = PickupRequest.donor
        rows = await (
            PickupRequest.select(
                PickupRequest.id.as_alias("pickup_request"),
                PickupRequest.donor,
                PickupRequest.mandatory,
                donor.name.as_alias("name"),
                donor.address.as_alias("address"),
                donor.postcode.as_alias("postcode"),
                donor.city.as_alias("city"),
                donor.contact_name.as_alias("contact_name"),
                donor.contact_phone.as_alias("contact_phone"),
                donor.opening_hours.as_alias("opening_hours"),
                donor.access_notes.as_alias("access_notes"),
            )
            .where(PickupRequest.id.is_in(list(ids) or [-1]))
            .output(load_json=True)
        )
        return {row["pickup_request"]: row for row in rows}

    async def publish(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        await pickups.plan_in_round(scope, visited, plan["id"], circumstances)

    async def started(self, visited: Mapping[int, str]) -> str | None:
        started = await Collection.select(Collection.pickup_request).where(
            Collection.pickup_request.is_in(list(visited) or [-1])
        )
        if not started:
            return None
        return f"{visited[started[0]['pickup_request']]} : une collecte a déjà commencé"

    async def withdraw(
        self,
        scope: Scope,
        plan: Mapping[str, Any],
        visited: Mapping[int, str],
        circumstances: Circumstances,
    ) -> None:
        await pickups.unplan_from_round(scope, list(visited), plan["id"], circumstances)

    async def progress(
        self, scope: Scope, ids: Sequence[int], zone: tzinfo
    ) -> dict[int, StopProgress]:
        """From the collections opened for the requests: a signed one wins over one still open
        (two phones may have started the same stop); otherwise the latest opened."""
        if not ids:
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
                Collection.pickup_request.is_in(list(ids)),
                scope.readable_where(Collection.organisation),
            )
            .order_by(Collection.id)
        )
        found: dict[int, StopProgress] = {}
        for row in rows:
            if (seen := found.get(row["pickup_request"])) and seen.state == "done":
                continue
            done = row["status"] == CollectionStatus.CLOSED
            at = row["finished_at"] if done else row["started_at"]
            found[row["pickup_request"]] = StopProgress(
                "done" if done else "started",
                row["agent_names"],
                at.astimezone(zone) if at else None,
            )
        return found

"""Who goes on a round (équipage): a driver with a licence, and agents free that day.

Hard rules refuse: a round without a driver holding a licence (the van does not leave), a
person on two rounds the same day, someone outside the association or no longer active.
Contract limits only warn, as broken windows do on a moved stop: the manager may know that an
agent swapped a day off. The warnings are worked out when a plan is read, so a changed profile
shows at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.rounds.tables import PlannedRound, PlanStatus, RoundCrew
from logistics.staff.profiles import Profile, profiles_of
from routes.model import WEEKDAY_NAMES

CREW_ROLES = frozenset({Role.AGENT, Role.MANAGER})
"""Agents on integration contracts and their encadrant technique go on rounds."""


def monday_of(day: date) -> date:
    """The first day of ``day``'s week: contracts count hours per week, Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def crew_label(member: dict[str, Any]) -> str:
    """A crew member as rounds show them: "Karim Benali (chauffeur)", or just the name."""
    return member["full_name"] + (" (chauffeur)" if member["driver"] else "")


def round_hours(departure: time, return_at: time) -> float:
    """Hours from leaving the depot to coming back, lunch break included: "hours of rounds",
    which the contract bounds from above (a break may not count as work)."""
    start, end = (datetime.combine(date.min, t) for t in (departure, return_at))
    return max(0.0, (end - start).total_seconds() / 3600)


async def crew_candidates(scope: Scope, organisation_id: int) -> list[dict[str, Any]]:
    """Active agents and managers of the association, each with their staff ``profile`` and
    whether they may drive."""
    scope.check_read(organisation_id, "Association")
    people = await (
        UserAccount.select(UserAccount.id, UserAccount.full_name, UserAccount.role)
        .where(
            UserAccount.organisation == organisation_id,
            UserAccount.active.eq(True),
            UserAccount.role.is_in([r.value for r in CREW_ROLES]),
        )
        .order_by(UserAccount.full_name)
    )
    profiles = await profiles_of([p["id"] for p in people])
    return [
        {**p, "profile": profile, "driving_licence": profile.driving_licence}
        for p in people
        for profile in [profiles.get(p["id"], Profile())]
    ]


async def assign_crew(
    scope: Scope,
    plan_id: int,
    round_id: int,
    driver_id: int,
    member_ids: Iterable[int],
    circumstances: Circumstances,
) -> None:
    """Put ``driver_id`` and ``member_ids`` on the round, in place of whoever was on it."""
    async with write_transaction(RoundCrew):
        round_row = (
            await PlannedRound.select(
                PlannedRound.id,
                PlannedRound.organisation,
                PlannedRound.plan,
                PlannedRound.day,
            )
            .where(PlannedRound.id == round_id)
            .first()
        )
        if (
            round_row is None
            or round_row["plan"] != plan_id
            or not scope.can_read(round_row["organisation"])
        ):
            raise NotFound("Tournée introuvable dans ce planning.")
        scope.check_write(round_row["organisation"], "Tournée")
        people = {p["id"]: p for p in await crew_candidates(scope, round_row["organisation"])}
        chosen = [driver_id, *(m for m in dict.fromkeys(member_ids) if m != driver_id)]
        unknown = [m for m in chosen if m not in people]
        if unknown:
            raise Invalid(
                "Seuls les agents et encadrants actifs de l'association partent en tournée.",
                users=unknown,
            )
        if not people[driver_id]["driving_licence"]:
            raise Invalid(
                f"« {people[driver_id]['full_name']} » n'a pas de permis de conduire enregistré "
                "sur sa fiche : choisissez un autre chauffeur."
            )
        await _refuse_double_booking(round_row, chosen, people)
        await RoundCrew.delete().where(RoundCrew.planned_round == round_id)
        await RoundCrew.insert(
            *(
                RoundCrew(
                    organisation=round_row["organisation"],
                    planned_round=round_id,
                    member=member,
                    driver=member == driver_id,
                )
                for member in chosen
            )
        )
        await record(
            scope,
            round_row["organisation"],
            "round_plan",
            round_row["plan"],
            "crew",
            circumstances,
            comment=", ".join(people[m]["full_name"] for m in chosen),
            details={"round": round_id, "driver": driver_id, "members": chosen},
        )


def _counted(plan_id: int) -> Any:
    """Rounds that take a person's day: those of the same plan, and of published plans."""
    return (RoundCrew.planned_round.plan == plan_id) | (
        RoundCrew.planned_round._.plan._.status == PlanStatus.PUBLISHED
    )


async def _refuse_double_booking(
    round_row: dict[str, Any], chosen: list[int], people: dict[int, dict[str, Any]]
) -> None:
    taken = await RoundCrew.select(
        RoundCrew.member, RoundCrew.planned_round._.vehicle._.name.as_alias("vehicle_name")
    ).where(
        RoundCrew.member.is_in(chosen),
        RoundCrew.planned_round.day == round_row["day"],
        RoundCrew.planned_round != round_row["id"],
        _counted(round_row["plan"]),
    )
    if taken:
        name = people[taken[0]["member"]]["full_name"]
        raise Conflict(
            f"« {name} » part déjà ce jour-là avec {taken[0]['vehicle_name']} : "
            "une personne ne fait qu'une tournée par jour."
        )


async def crews_of(round_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each round's crew, driver first: ``{round: [{member, full_name, driver}]}``."""
    rows = await (
        RoundCrew.select(
            RoundCrew.planned_round,
            RoundCrew.member,
            RoundCrew.member.full_name.as_alias("full_name"),
            RoundCrew.driver,
        )
        .where(RoundCrew.planned_round.is_in(round_ids or [-1]))
        .order_by(RoundCrew.driver, ascending=False)
        .order_by(RoundCrew.member.full_name)
    )
    crews: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        crews[row["planned_round"]].append(row)
    return crews


async def crew_warnings(
    plan_id: int, rounds: list[dict[str, Any]], crews: dict[int, list[dict[str, Any]]]
) -> dict[int, list[str]]:
    """Per round, the contract limits its crew goes beyond: a day off, the week's hours."""
    members = sorted({m["member"] for crew in crews.values() for m in crew})
    if not members:
        return {}
    profiles = await profiles_of(members)
    weeks = {monday_of(r["day"]) for r in rounds}
    worked = await RoundCrew.select(
        RoundCrew.member,
        RoundCrew.planned_round.day.as_alias("day"),
        RoundCrew.planned_round.departure.as_alias("departure"),
        RoundCrew.planned_round.return_at.as_alias("return_at"),
    ).where(
        RoundCrew.member.is_in(members),
        RoundCrew.planned_round.day >= min(weeks),
        RoundCrew.planned_round.day < max(weeks) + timedelta(days=7),
        _counted(plan_id),
    )
    hours: dict[tuple[int, date], float] = defaultdict(float)
    for row in worked:
        worked_hours = round_hours(row["departure"], row["return_at"])
        hours[(row["member"], monday_of(row["day"]))] += worked_hours
    warnings: dict[int, list[str]] = {}
    for round_row in rounds:
        day = round_row["day"]
        found = []
        for member in crews.get(round_row["id"], []):
            profile = profiles.get(member["member"])
            if profile is None:
                continue
            name = member["full_name"]
            if day.isoweekday() in profile.days_off:
                found.append(f"{name} ne travaille pas le {WEEKDAY_NAMES[day.weekday()]}")
            done = hours[(member["member"], monday_of(day))]
            if profile.weekly_hours is not None and done > profile.weekly_hours:
                found.append(
                    f"{name} : {done:.1f} h de tournées cette semaine pour un contrat de "
                    f"{profile.weekly_hours} h"
                )
        if found:
            warnings[round_row["id"]] = found
    return warnings

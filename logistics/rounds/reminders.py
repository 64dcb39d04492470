"""The evening before a round, each member of its crew gets their day by e-mail (rappel la veille).

Agents on integration contracts come from the neighbourhood and do not all read the planning
board: the programme's own experience is that a reminder the day before is what keeps people
coming. The message says which van, who drives, when to be at the depot and the stops in
order. One message per person and round, whatever the number of runs (the outbox reference
names both); people without an e-mail address are left out (the phone page still shows them
their round).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from logistics.mail.outbox import enqueue
from logistics.mail.tables import OutboxMessage
from logistics.rounds.crew import crew_label
from logistics.rounds.kinds import KINDS
from logistics.rounds.tables import PlanStatus, RoundCrew, RoundStop
from routes.model import WEEKDAY_NAMES


def reference(round_id: int, member_id: int) -> str:
    """The outbox reference of one person's reminder of one round."""
    return f"tournee-{round_id}-{member_id}"


async def _already_queued(references: list[str]) -> set[str]:
    rows = await OutboxMessage.select(OutboxMessage.reference).where(
        OutboxMessage.reference.is_in(references or [""])
    )
    return {row["reference"] for row in rows}


def _body(member: dict[str, Any], crew: list[dict[str, Any]], stops: list[dict[str, Any]]) -> str:
    day: date = member["day"]
    driving = " (vous conduisez)" if member["driver"] else ""
    others = ", ".join(crew_label(m) for m in crew if m["member"] != member["member"])
    lines = [
        f"Bonjour {member['full_name']},",
        "",
        f"Demain, {WEEKDAY_NAMES[day.weekday()]} {day:%d/%m}, vous partez en tournée avec "
        f"{member['vehicle_name']}{driving}. Départ du dépôt à {member['departure']:%H:%M}.",
    ]
    if others:
        lines.append(f"Avec : {others}.")
    lines += ["", "Arrêts prévus :"]
    lines += [
        f"{n}. {stop['arrival']:%H:%M} {stop['label']} — "
        + " ".join(p for p in (stop["address"], stop["postcode"], stop["city"]) if p)
        for n, stop in enumerate(stops, start=1)
    ]
    lines += ["", "La tournée est aussi sur votre téléphone : « Ma tournée du jour »."]
    return "\n".join(lines)


async def remind_crews(now: datetime) -> int:
    """Queue tomorrow's reminders not queued yet; returns how many were queued."""
    tomorrow = now.date() + timedelta(days=1)
    members = await RoundCrew.select(
        RoundCrew.planned_round,
        RoundCrew.member,
        RoundCrew.driver,
        RoundCrew.organisation,
        RoundCrew.member.full_name.as_alias("full_name"),
        RoundCrew.member.email.as_alias("email"),
        RoundCrew.member.active.as_alias("active"),
        RoundCrew.planned_round.day.as_alias("day"),
        RoundCrew.planned_round.departure.as_alias("departure"),
        RoundCrew.planned_round._.vehicle._.name.as_alias("vehicle_name"),
    ).where(
        RoundCrew.planned_round.day == tomorrow,
        RoundCrew.planned_round._.plan._.status == PlanStatus.PUBLISHED,
    )
    round_ids = sorted({m["planned_round"] for m in members})
    stops = await KINDS.with_details(
        await RoundStop.select(
            RoundStop.planned_round,
            RoundStop.label,
            RoundStop.arrival,
            RoundStop.subject_kind,
            RoundStop.subject_id,
        )
        .where(RoundStop.planned_round.is_in(round_ids or [-1]), RoundStop.kind == "stop")
        .order_by(RoundStop.position)
    )
    sent = await _already_queued([reference(m["planned_round"], m["member"]) for m in members])
    queued = 0
    for member in members:
        ref = reference(member["planned_round"], member["member"])
        if not member["email"] or not member["active"] or ref in sent:
            continue
        crew = [m for m in members if m["planned_round"] == member["planned_round"]]
        own_stops = [s for s in stops if s["planned_round"] == member["planned_round"]]
        await enqueue(
            member["organisation"],
            member["email"],
            f"Tournée de demain : départ {member['departure']:%H:%M} avec {member['vehicle_name']}",
            _body(member, crew, own_stops),
            now,
            reference=ref,
        )
        queued += 1
    return queued

"""Use cases on training cycles: the cycle, its sessions, who is enrolled, who left.

A cycle is (usually) 11 modules for about ten people, at the médiathèque or at BLÉ. Enrolment
never goes beyond the cycle's places (a place is freed when someone leaves); a trainee who
leaves keeps the date and the reason, which eligibility reads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from typing import Any

from inventory.engine import lock_row, write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics import clock
from logistics.french import french_date, plural
from logistics.trainees.people import (
    MANAGE,
    READ,
    check_resident,
    get_trainee,
    installing_organisation,
    residents_where,
)
from logistics.trainees.tables import Cycle, CycleSession, Enrolment

WHAT = "Cycle"
MAX_MODULES = 30
MAX_PLACES = 40


@dataclass(frozen=True)
class CycleData:
    name: str
    starts_on: date
    ends_on: date
    place: str = ""
    modules: int = 11
    places: int = 10


@dataclass(frozen=True)
class SessionData:
    module: int
    day: date
    starts_at: time
    ends_at: time
    place: str = ""


def _cycle_columns(data: CycleData) -> dict[str, Any]:
    values = asdict(data)
    values.update(name=data.name.strip(), place=data.place.strip())
    if not values["name"]:
        raise Invalid("Le nom du cycle est obligatoire.")
    if not 1 <= data.modules <= MAX_MODULES:
        raise Invalid(f"Un cycle compte de 1 à {MAX_MODULES} modules.")
    if not 1 <= data.places <= MAX_PLACES:
        raise Invalid(f"Un cycle compte de 1 à {MAX_PLACES} places.")
    if data.ends_on < data.starts_on:
        raise Invalid("La fin du cycle ne peut pas précéder son début.")
    return values


async def create_cycle(
    scope: Scope,
    data: CycleData,
    circumstances: Circumstances,
    organisation_id: int | None = None,
) -> dict[str, Any]:
    scope.require("residents:manage", MANAGE)
    values = _cycle_columns(data)
    owner = await installing_organisation(scope, organisation_id)
    async with write_transaction(Cycle):
        rows = await Cycle.insert(
            Cycle(
                organisation=owner,
                created_at=circumstances.at,
                created_by=scope.actor_id or None,
                **values,
            )
        ).returning(Cycle.id)
        cycle_id = rows[0]["id"]
        await record(
            scope, owner, "cycle", cycle_id, "created", circumstances, details=values_json(values)
        )
    return await get_cycle(scope, cycle_id)


def values_json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | time) else v for k, v in values.items()}


async def update_cycle(
    scope: Scope, cycle_id: int, data: CycleData, circumstances: Circumstances
) -> dict[str, Any]:
    scope.require("residents:manage", MANAGE)
    values = _cycle_columns(data)
    async with write_transaction(Cycle):
        await lock_row(Cycle, cycle_id)
        cycle = await get_cycle(scope, cycle_id)
        enrolled = await _enrolled_count(cycle_id)
        if data.places < enrolled:
            raise Conflict(
                f"{enrolled} personnes sont inscrites : le cycle ne peut pas avoir moins de "
                f"{enrolled} places."
            )
        outside = await CycleSession.count().where(
            CycleSession.cycle == cycle_id,
            (CycleSession.day < data.starts_on) | (CycleSession.day > data.ends_on),
        )
        if outside:
            raise Conflict("Des séances tombent hors de ces dates : déplacez-les d'abord.")
        await Cycle.update(**values).where(Cycle.id == cycle_id)
        await record(
            scope,
            cycle["organisation"],
            "cycle",
            cycle_id,
            "updated",
            circumstances,
            details=values_json(values),
        )
    return await get_cycle(scope, cycle_id)


async def get_cycle(scope: Scope, cycle_id: int) -> dict[str, Any]:
    scope.require("residents:read", READ)
    row = await Cycle.select().where(Cycle.id == cycle_id).first()
    if row is None:
        raise NotFound(f"{WHAT} introuvable.")
    check_resident(scope, row["organisation"])
    row["enrolled"] = await _enrolled_count(cycle_id)
    return row


async def list_cycles(scope: Scope) -> list[dict[str, Any]]:
    """The association's cycles, the latest first, with how many people are enrolled."""
    scope.require("residents:read", READ)
    rows = (
        await Cycle.select()
        .where(residents_where(scope, Cycle.organisation))
        .order_by(Cycle.starts_on, ascending=False)
    )
    active = await Enrolment.select(Enrolment.cycle).where(
        Enrolment.cycle.is_in([row["id"] for row in rows] or [-1]), Enrolment.left_on.is_null()
    )
    counts: dict[int, int] = {}
    for row in active:
        counts[row["cycle"]] = counts.get(row["cycle"], 0) + 1
    for row in rows:
        row["enrolled"] = counts.get(row["id"], 0)
    return rows


def _check_session(cycle: dict[str, Any], data: SessionData) -> dict[str, Any]:
    if not 1 <= data.module <= cycle["modules"]:
        raise Invalid(f"Le module va de 1 à {cycle['modules']} pour ce cycle.")
    if data.ends_at <= data.starts_at:
        raise Invalid("La séance doit finir après son heure de début.")
    if not cycle["starts_on"] <= data.day <= cycle["ends_on"]:
        raise Invalid(
            f"La séance doit avoir lieu pendant le cycle, du {french_date(cycle['starts_on'])} "
            f"au {french_date(cycle['ends_on'])}."
        )
    values = asdict(data)
    values["place"] = data.place.strip() or cycle["place"]
    return values


async def add_session(
    scope: Scope, cycle_id: int, data: SessionData, circumstances: Circumstances
) -> dict[str, Any]:
    """Plan one session (séance) of a cycle; its place defaults to the cycle's."""
    scope.require("residents:manage", MANAGE)
    async with write_transaction(CycleSession):
        cycle = await get_cycle(scope, cycle_id)
        values = _check_session(cycle, data)
        rows = await CycleSession.insert(CycleSession(cycle=cycle_id, **values)).returning(
            CycleSession.id
        )
        await record(
            scope,
            cycle["organisation"],
            "cycle",
            cycle_id,
            "session_added",
            circumstances,
            details=values_json(values),
        )
    return await get_session(scope, rows[0]["id"])


async def move_session(
    scope: Scope, cycle_id: int, session_id: int, data: SessionData, circumstances: Circumstances
) -> dict[str, Any]:
    """Move a session to another day, time or place (or fix its module): its register, already
    ticked or not, stays with it, since it is the same séance held at another time."""
    scope.require("residents:manage", MANAGE)
    async with write_transaction(CycleSession):
        await lock_row(CycleSession, session_id)
        session = await get_session(scope, session_id)
        if session["cycle"] != cycle_id:
            raise NotFound("Séance introuvable.")
        cycle = await get_cycle(scope, cycle_id)
        values = _check_session(cycle, data)
        await CycleSession.update(**values).where(CycleSession.id == session_id)
        await record(
            scope,
            cycle["organisation"],
            "cycle",
            cycle_id,
            "session_moved",
            circumstances,
            details={"session": session_id, **values_json(values)},
        )
    return await get_session(scope, session_id)


async def plan_weekly_sessions(
    scope: Scope,
    cycle_id: int,
    starts_at: time,
    ends_at: time,
    circumstances: Circumstances,
) -> list[dict[str, Any]]:
    """One session per module, a week apart from the cycle's first day (as long as the cycle
    lasts): what a new cycle usually is, each session then moved by hand if needed."""
    cycle = await get_cycle(scope, cycle_id)
    added = []
    for module in range(1, cycle["modules"] + 1):
        day = cycle["starts_on"] + timedelta(weeks=module - 1)
        if day > cycle["ends_on"]:
            break
        session = SessionData(module, day, starts_at, ends_at)
        added.append(await add_session(scope, cycle_id, session, circumstances))
    return added


async def get_session(scope: Scope, session_id: int) -> dict[str, Any]:
    """One session, with its cycle's id and organisation checked."""
    scope.require("residents:read", READ)
    row = await CycleSession.select().where(CycleSession.id == session_id).first()
    if row is None:
        raise NotFound("Séance introuvable.")
    try:
        cycle = await get_cycle(scope, row["cycle"])
    except NotFound:
        raise NotFound("Séance introuvable.") from None
    row["cycle_name"] = cycle["name"]
    row["organisation"] = cycle["organisation"]
    return row


async def sessions_of(scope: Scope, cycle_id: int) -> list[dict[str, Any]]:
    await get_cycle(scope, cycle_id)
    return (
        await CycleSession.select()
        .where(CycleSession.cycle == cycle_id)
        .order_by(CycleSession.day)
        .order_by(CycleSession.starts_at)
    )


async def _enrolled_count(cycle_id: int) -> int:
    return await Enrolment.count().where(Enrolment.cycle == cycle_id, Enrolment.left_on.is_null())


async def enrol(
    scope: Scope, cycle_id: int, trainee_id: int, circumstances: Circumstances
) -> dict[str, Any]:
    """Give a trainee a place in a cycle: refused when every place is taken, or twice."""
    scope.require("residents:manage", MANAGE)
    async with write_transaction(Enrolment):
        await lock_row(Cycle, cycle_id)  # two enrolments at once must not both take the last place
        cycle = await get_cycle(scope, cycle_id)
        trainee = await get_trainee(scope, trainee_id)
        if trainee["organisation"] != cycle["organisation"]:
            raise NotFound("Bénéficiaire introuvable.")
        if await Enrolment.exists().where(
            Enrolment.cycle == cycle_id, Enrolment.trainee == trainee_id
        ):
            raise Conflict(
                f"{trainee['first_name']} {trainee['last_name']} est déjà inscrit(e) à ce cycle."
            )
        if cycle["enrolled"] >= cycle["places"]:
            places = plural(cycle["places"], "place")
            raise Conflict(f"Le cycle « {cycle['name']} » est complet ({places}).")
        rows = await Enrolment.insert(
            Enrolment(cycle=cycle_id, trainee=trainee_id, enrolled_at=circumstances.at)
        ).returning(Enrolment.id)
        await record(
            scope,
            cycle["organisation"],
            "cycle",
            cycle_id,
            "enrolled",
            circumstances,
            details={"trainee": trainee_id},
        )
    return await _enrolment(rows[0]["id"])


async def drop_out(
    scope: Scope,
    cycle_id: int,
    trainee_id: int,
    reason: str,
    circumstances: Circumstances,
    on: date | None = None,
) -> dict[str, Any]:
    """Record that a trainee left the course (abandon), the day and why; frees the place."""
    scope.require("residents:manage", MANAGE)
    reason = reason.strip()
    if not reason:
        raise Invalid("Dites pourquoi la personne quitte la formation.")
    on = on or clock.today(circumstances.at)
    async with write_transaction(Enrolment):
        cycle = await get_cycle(scope, cycle_id)
        row = await (
            Enrolment.select()
            .where(Enrolment.cycle == cycle_id, Enrolment.trainee == trainee_id)
            .first()
        )
        if row is None:
            raise NotFound("Cette personne n'est pas inscrite à ce cycle.")
        if row["left_on"] is not None:
            raise Conflict(
                f"Cette personne a déjà quitté la formation le {french_date(row['left_on'])}."
            )
        await Enrolment.update(left_on=on, left_reason=reason).where(Enrolment.id == row["id"])
        await record(
            scope,
            cycle["organisation"],
            "cycle",
            cycle_id,
            "dropped_out",
            circumstances,
            details={"trainee": trainee_id, "on": on.isoformat()},
        )
    return await _enrolment(row["id"])


async def _enrolment(enrolment_id: int) -> dict[str, Any]:
    row = await Enrolment.select().where(Enrolment.id == enrolment_id).first()
    assert row is not None
    return row


async def enrolments_of(scope: Scope, cycle_id: int) -> list[dict[str, Any]]:
    """Who is enrolled in a cycle (those who left included), by name."""
    await get_cycle(scope, cycle_id)
    return (
        await Enrolment.select(
            *Enrolment.all_columns(),
            Enrolment.trainee.first_name.as_alias("first_name"),
            Enrolment.trainee.last_name.as_alias("last_name"),
        )
        .where(Enrolment.cycle == cycle_id)
        .order_by(Enrolment.trainee.last_name)
        .order_by(Enrolment.trainee.first_name)
    )


async def cycles_of_trainee(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    """The cycles a trainee enrolled in, with their enrolment (left or not)."""
    await get_trainee(scope, trainee_id)
    return (
        await Enrolment.select(
            *Enrolment.all_columns(),
            Enrolment.cycle.name.as_alias("cycle_name"),
            Enrolment.cycle.starts_on.as_alias("starts_on"),
            Enrolment.cycle.ends_on.as_alias("ends_on"),
        )
        .where(Enrolment.trainee == trainee_id)
        .order_by(Enrolment.cycle.starts_on)
    )

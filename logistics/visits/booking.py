"""Book, move and cancel installation visits (BLÉ staff, for the trainees they follow).

A visit is a two-hour window on a day to come, at the person's home, with one staff member of
the same association (an account with the installer role). The address is copied from the
trainee when booking (it may be edited: a relative's home, a new flat) so that a later move of
the trainee does not rewrite where a visit took place. A staff member is never booked twice at
once (``logistics.visits.windows``): the refusal names the visit in the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from inventory.engine import lock_rows, write_transaction
from inventory.errors import Conflict, IllegalTransition, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.settings import get_settings
from logistics.trainees.people import ANONYMISED, display_name
from logistics.trainees.tables import Trainee
from logistics.visits.tables import Visit, VisitStatus
from logistics.visits.windows import (
    Booked,
    clash_message,
    clashes,
    window_end,
    window_problem,
)

SUBJECT = "installation_visit"


@dataclass(frozen=True)
class Place:
    """Where the visit takes place; coordinates are None when the address is not located."""

    address: str
    postcode: str
    city: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Booking:
    """A new visit; ``place`` None takes the trainee's address (and its coordinates)."""

    trainee_id: int
    installer_id: int
    day: date
    window_start: time
    place: Place | None = None


@dataclass(frozen=True)
class Change:
    """A move: any field left None keeps the visit's current value."""

    day: date | None = None
    window_start: time | None = None
    installer_id: int | None = None
    place: Place | None = None


def short_name(first_name: str, last_name: str) -> str:
    """ "F. Durand": how a staff member names a visit aloud without the whole file."""
    initial = f"{first_name.strip()[:1].upper()}. " if first_name.strip() else ""
    return f"{initial}{last_name.strip()}" or ANONYMISED


def _select() -> Any:
    return Visit.select(
        *Visit.all_columns(),
        Visit.trainee.first_name.as_alias("trainee_first_name"),
        Visit.trainee.last_name.as_alias("trainee_last_name"),
        Visit.trainee.phone.as_alias("trainee_phone"),
        Visit.installer.full_name.as_alias("installer_name"),
    )


STAFF_MARKS = ("called_by", "outcome_by")
"""Columns holding the account of whoever ticked the call or recorded the outcome."""


async def _with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The visits with the trainee's short and full name, and the names of the staff who
    ticked the call (``called_by_name``) and recorded the outcome (``outcome_by_name``)."""
    ids = sorted({row[mark] for row in rows for mark in STAFF_MARKS if row[mark]})
    staff = await UserAccount.select(UserAccount.id, UserAccount.full_name).where(
        UserAccount.id.is_in(ids or [-1])
    )
    names = {account["id"]: account["full_name"] for account in staff}
    for row in rows:
        row["trainee_name"] = short_name(row["trainee_first_name"], row["trainee_last_name"])
        row["trainee_full_name"] = display_name(row["trainee_first_name"], row["trainee_last_name"])
        for mark in STAFF_MARKS:
            row[f"{mark}_name"] = names.get(row[mark], "")
    return rows


async def list_visits(
    scope: Scope,
    *,
    day: date | None = None,
    since: date | None = None,
    installer_id: int | None = None,
    status: VisitStatus | None = None,
    trainee_id: int | None = None,
) -> list[dict[str, Any]]:
    """The visits the caller may read (on ``day``, or from ``since`` on), by day and window."""
    scope.require("residents:read", "de voir les visites à domicile")
    query = _select().where(scope.readable_where(Visit.organisation))
    if day is not None:
        query = query.where(Visit.day == day)
    if since is not None:
        query = query.where(Visit.day >= since)
    if installer_id is not None:
        query = query.where(Visit.installer == installer_id)
    if status is not None:
        query = query.where(Visit.status == status)
    if trainee_id is not None:
        query = query.where(Visit.trainee == trainee_id)
    rows = await query.order_by(Visit.day).order_by(Visit.window_start).order_by(Visit.id)
    return await _with_names(rows)


async def get_visit(scope: Scope, visit_id: int) -> dict[str, Any]:
    scope.require("residents:read", "de voir les visites à domicile")
    row = await _select().where(Visit.id == visit_id).first()
    if row is None or not scope.can_read(row["organisation"]):
        raise NotFound("Visite introuvable.")
    return (await _with_names([row]))[0]


async def proposed_day_of(scope: Scope, trainee_id: int, today: date) -> date | None:
    """The day the trainee proposed when their last visit was put off, if it is still to come
    (what booking the next visit offers)."""
    row = await (
        Visit.select(Visit.proposed_day)
        .where(
            scope.readable_where(Visit.organisation),
            Visit.trainee == trainee_id,
            Visit.status == VisitStatus.RESCHEDULED,
        )
        .order_by(Visit.outcome_at, ascending=False)
        .first()
    )
    day: date | None = row["proposed_day"] if row else None
    return day if day is not None and day >= today else None


async def installers(scope: Scope) -> list[dict[str, Any]]:
    """The staff members who can be booked: active installer accounts the caller may read."""
    scope.require("residents:read", "de voir les visites à domicile")
    rows: list[dict[str, Any]] = (
        await UserAccount.select(UserAccount.id, UserAccount.full_name)
        .where(
            scope.readable_where(UserAccount.organisation),
            UserAccount.role == Role.INSTALLER,
            UserAccount.active.eq(True),
        )
        .order_by(UserAccount.full_name)
    )
    return rows


async def trainees(scope: Scope) -> list[dict[str, Any]]:
    """The trainees a visit can be booked for (the form's list), by name."""
    scope.require("residents:read", "de voir les bénéficiaires")
    rows: list[dict[str, Any]] = (
        await Trainee.select(
            Trainee.id, Trainee.first_name, Trainee.last_name, Trainee.address, Trainee.city
        )
        .where(scope.readable_where(Trainee.organisation), Trainee.anonymised_at.is_null())
        .order_by(Trainee.last_name)
        .order_by(Trainee.first_name)
    )
    return rows


async def _installer(organisation_id: int, installer_id: int) -> dict[str, Any]:
    row = await UserAccount.select().where(UserAccount.id == installer_id).first()
    if row is None or row["organisation"] != organisation_id or row["role"] != Role.INSTALLER:
        raise Invalid(
            "Choisissez un membre de l'équipe de l'association (compte « Installateur »)."
        )
    if not row["active"]:
        raise Invalid(
            f"Le compte de {row['full_name']} est désactivé : choisissez quelqu'un d'autre."
        )
    return row


async def _trainee(scope: Scope, trainee_id: int) -> dict[str, Any]:
    row = await Trainee.select().where(Trainee.id == trainee_id).first()
    if row is None or not scope.can_write(row["organisation"]) or row["anonymised_at"]:
        raise NotFound("Bénéficiaire introuvable.")
    return row


def _check_day(day: date, start: time, circumstances: Circumstances) -> None:
    today = clock.today(circumstances.at)
    if day < today:
        raise Invalid(
            f"Le {day:%d/%m/%Y} est passé : une visite se réserve pour aujourd'hui ou plus tard."
        )
    if problem := window_problem(start):
        raise Invalid(problem)


async def _check_free(
    installer: dict[str, Any], day: date, start: time, moving: int | None = None
) -> None:
    """Refuse (``Conflict``) a window the staff member cannot also take that day."""
    others = await (
        _select()
        .where(
            Visit.installer == installer["id"],
            Visit.day == day,
            Visit.status == VisitStatus.BOOKED,
            Visit.id != (moving or -1),
        )
        .order_by(Visit.window_start)
    )
    booked = [
        Booked(
            row["window_start"],
            row["window_end"],
            short_name(row["trainee_first_name"], row["trainee_last_name"]),
        )
        for row in others
    ]
    settings = get_settings()
    clashing = clashes(
        Booked(start, window_end(start)),
        booked,
        settings.visit_minutes,
        settings.visit_travel_minutes,
    )
    if clashing:
        raise Conflict(clash_message(installer["full_name"], day, clashing))


def _kept(current: Place, wanted: Place | None) -> Place:
    """Where the visit takes place: ``wanted`` if given; the current coordinates stay when the
    address did not change (an edited address is not located until someone places it)."""
    if wanted is None:
        return current
    wanted = Place(
        wanted.address,
        wanted.postcode.strip() or current.postcode,
        wanted.city.strip() or current.city,
        wanted.latitude,
        wanted.longitude,
    )
    same = (wanted.address, wanted.postcode, wanted.city) == (
        current.address,
        current.postcode,
        current.city,
    )
    return current if same and wanted.latitude is None else wanted


def _place_values(place: Place) -> dict[str, Any]:
    if not place.address.strip():
        raise Invalid("Indiquez l'adresse de la visite.")
    return {
        "address": place.address.strip(),
        "postcode": place.postcode.strip(),
        "city": place.city.strip(),
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _place(row: dict[str, Any]) -> Place:
    return Place(row["address"], row["postcode"], row["city"], row["latitude"], row["longitude"])


async def book(scope: Scope, booking: Booking, circumstances: Circumstances) -> dict[str, Any]:
    """Book a visit; ``Conflict`` naming the clash when the staff member is already busy."""
    scope.require("residents:manage", "de réserver une visite")
    _check_day(booking.day, booking.window_start, circumstances)
    async with write_transaction(Visit):
        trainee = await _trainee(scope, booking.trainee_id)
        organisation = trainee["organisation"]
        installer = await _installer(organisation, booking.installer_id)
        await lock_rows(UserAccount.select(UserAccount.id).where(UserAccount.id == installer["id"]))
        await _check_free(installer, booking.day, booking.window_start)
        place = _place_values(_kept(_place(trainee), booking.place))
        rows = await Visit.insert(
            Visit(
                organisation=organisation,
                trainee=trainee["id"],
                installer=installer["id"],
                day=booking.day,
                window_start=booking.window_start,
                window_end=window_end(booking.window_start),
                status=VisitStatus.BOOKED,
                created_at=circumstances.at,
                created_by=scope.actor_id or None,
                **place,
            )
        ).returning(Visit.id)
        visit_id = rows[0]["id"]
        await record(
            scope,
            organisation,
            SUBJECT,
            visit_id,
            "book",
            circumstances,
            to_state=VisitStatus.BOOKED,
            details=_when(booking.day, booking.window_start, installer),
        )
    return await get_visit(scope, visit_id)


def _when(day: date, start: time, installer: dict[str, Any]) -> dict[str, Any]:
    return {"day": day.isoformat(), "window_start": f"{start:%H:%M}", "installer": installer["id"]}


async def _booked_visit(scope: Scope, visit_id: int) -> dict[str, Any]:
    row = await lock_rows(Visit.select().where(Visit.id == visit_id)).first()
    if row is None or not scope.can_write(row["organisation"]):
        raise NotFound("Visite introuvable.")
    if row["status"] != VisitStatus.BOOKED:
        status = VisitStatus(row["status"]).label
        raise IllegalTransition(f"Cette visite est déjà « {status} » : elle ne peut plus changer.")
    return row


async def move(
    scope: Scope, visit_id: int, change: Change, circumstances: Circumstances
) -> dict[str, Any]:
    """Move a booked visit to another day, window, staff member or address."""
    scope.require("residents:manage", "de déplacer une visite")
    async with write_transaction(Visit):
        visit = await _booked_visit(scope, visit_id)
        day = visit["day"] if change.day is None else change.day
        start = visit["window_start"] if change.window_start is None else change.window_start
        wanted = visit["installer"] if change.installer_id is None else change.installer_id
        installer = await _installer(visit["organisation"], wanted)
        if (day, start, installer["id"]) != (
            visit["day"],
            visit["window_start"],
            visit["installer"],
        ):
            _check_day(day, start, circumstances)
            await _check_free(installer, day, start, moving=visit_id)
        values: dict[str | Any, Any] = {
            "day": day,
            "window_start": start,
            "window_end": window_end(start),
            "installer": installer["id"],
            **_place_values(_kept(_place(visit), change.place)),
        }
        if (day, start) != (visit["day"], visit["window_start"]):
            # The day-before call and reminder were for the old date: the new one gets its own
            # (logistics.visits.reminders), and an answer « REPORT » has been dealt with.
            values |= dict.fromkeys(
                ("called_at", "called_by", "call_outcome", "reminded_at", "reply", "reply_at"), None
            )
        await Visit.update(values).where(Visit.id == visit_id)
        await record(
            scope,
            visit["organisation"],
            SUBJECT,
            visit_id,
            "move",
            circumstances,
            from_state=VisitStatus.BOOKED,
            to_state=VisitStatus.BOOKED,
            details={
                "from": _when(visit["day"], visit["window_start"], {"id": visit["installer"]}),
                "to": _when(day, start, installer),
            },
        )
    return await get_visit(scope, visit_id)


async def cancel(
    scope: Scope, visit_id: int, reason: str, circumstances: Circumstances
) -> dict[str, Any]:
    """Cancel a booked visit (the staff member's window is free again)."""
    scope.require("residents:manage", "d'annuler une visite")
    async with write_transaction(Visit):
        visit = await _booked_visit(scope, visit_id)
        await set_outcome(
            scope, visit, VisitStatus.CANCELLED, reason.strip(), "cancel", circumstances
        )
    return await get_visit(scope, visit_id)


async def set_outcome(
    scope: Scope,
    visit: dict[str, Any],
    status: VisitStatus,
    notes: str,
    action: str,
    circumstances: Circumstances,
    proposed_day: date | None = None,
) -> None:
    """Write a visit's outcome (cancelled, or what the installer found) with its event, inside
    the caller's transaction: one place writes how a visit turned out, whoever says so.
    ``proposed_day`` is the day the person proposed for a visit put off."""
    await Visit.update(
        {
            Visit.status: status,
            Visit.outcome_at: circumstances.at,
            Visit.outcome_by: scope.actor_id or None,
            Visit.outcome_notes: notes,
            Visit.proposed_day: proposed_day,
        }
    ).where(Visit.id == visit["id"])
    await record(
        scope,
        visit["organisation"],
        SUBJECT,
        visit["id"],
        action,
        circumstances,
        from_state=visit["status"],
        to_state=status.value,
        comment=notes,
    )

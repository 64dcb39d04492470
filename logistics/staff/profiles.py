"""Reading and recording staff profiles (fiches salarié); the checks of what is typed.

A profile holds what planning must respect about a person (licence, contract dates and hours,
usual days and hours, load restriction, experience) and their unavailabilities; each change is
kept in the person's history. Contracts ending within ``CONTRACT_END_NOTICE`` are listed for
the managers (``contracts_ending``): a CDDI ends on a date, and the follow-up must be prepared.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, time, timedelta
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.accounts.tables import UserAccount
from logistics.staff.availability import Unavailability, checked
from logistics.staff.tables import AbsenceReason, StaffProfile, StaffUnavailability, TeamRole

MAX_WEEKLY_HOURS = 48
"""The legal weekly maximum in France; a contract above it is a typing mistake."""

CONTRACT_END_NOTICE = timedelta(weeks=4)
"""How long before a contract's end the managers are warned (renewal, exit interview)."""


@dataclass(frozen=True)
class Profile:
    """A person's fiche; the defaults (no licence, hours not recorded, no day off, a new agent
    with no restriction) are what a person without one is taken to have: never a driver, never
    warned about."""

    driving_licence: bool = False
    weekly_hours: int | None = None
    days_off: list[int] = field(default_factory=list)
    team_role: TeamRole = TeamRole.AGENT
    contract_start: date | None = None
    contract_end: date | None = None
    usual_days: list[int] = field(default_factory=list)
    usual_start: time | None = None
    usual_end: time | None = None
    load_restriction: bool = False
    experienced: bool = False
    notes: str = ""

    @property
    def supervisor(self) -> bool:
        return self.team_role == TeamRole.SUPERVISOR

    def under_contract(self, day: date) -> bool:
        """Whether ``day`` falls within the contract's dates (unknown dates do not limit)."""
        if self.contract_start is not None and day < self.contract_start:
            return False
        return self.contract_end is None or day <= self.contract_end


def _weekdays(days: list[int], what: str) -> list[int]:
    if any(day not in range(1, 8) for day in days):
        raise Invalid(f"Les {what} vont de 1 (lundi) à 7 (dimanche).")
    return sorted(set(days))


def _checked(profile: Profile) -> Profile:
    if profile.weekly_hours is not None and not 1 <= profile.weekly_hours <= MAX_WEEKLY_HOURS:
        raise Invalid(f"Les heures du contrat vont de 1 à {MAX_WEEKLY_HOURS} par semaine.")
    if (
        profile.contract_start is not None
        and profile.contract_end is not None
        and profile.contract_end < profile.contract_start
    ):
        raise Invalid("La fin du contrat est avant son début.")
    if (profile.usual_start is None) != (profile.usual_end is None):
        raise Invalid("Donnez l'heure habituelle d'arrivée et celle de départ, ou aucune.")
    if (
        profile.usual_start is not None
        and profile.usual_end is not None
        and profile.usual_end <= profile.usual_start
    ):
        raise Invalid("L'heure habituelle de départ doit suivre celle d'arrivée.")
    days_off = _weekdays(profile.days_off, "jours de repos")
    usual = _weekdays(profile.usual_days, "jours habituels")
    if set(days_off) & set(usual):
        raise Invalid("Un jour ne peut pas être à la fois un jour de repos et un jour habituel.")
    return Profile(**{**asdict(profile), "days_off": days_off, "usual_days": usual})


async def _member(scope: Scope, user_id: int, write: bool) -> dict[str, Any]:
    user = (
        await UserAccount.select(UserAccount.id, UserAccount.full_name, UserAccount.organisation)
        .where(UserAccount.id == user_id)
        .first()
    )
    if user is None or not scope.can_read(user["organisation"]):
        raise NotFound("Compte introuvable.")
    if write:
        scope.check_write(user["organisation"], "Compte")
    return user


_PROFILE_FIELDS = [name for name in Profile.__dataclass_fields__]


def _profile_of(row: dict[str, Any]) -> Profile:
    values = {name: row[name] for name in _PROFILE_FIELDS}
    return Profile(**{**values, "team_role": TeamRole(row["team_role"])})


async def profiles_of(user_ids: list[int]) -> dict[int, Profile]:
    """Every recorded profile among ``user_ids``; a person without one has the defaults."""
    rows = await (
        StaffProfile.select()
        .where(StaffProfile.user.is_in(user_ids or [-1]))
        .output(load_json=True)
    )
    return {row["user"]: _profile_of(row) for row in rows}


async def get_profile(scope: Scope, user_id: int) -> Profile:
    await _member(scope, user_id, write=False)
    return (await profiles_of([user_id])).get(user_id, Profile())


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text: the history keeps its details as JSON."""
    return {k: v.isoformat() if isinstance(v, date | time) else v for k, v in values.items()}


async def set_profile(
    scope: Scope, user_id: int, profile: Profile, circumstances: Circumstances
) -> Profile:
    """Record a person's fiche (kept in their history)."""
    profile = _checked(profile)
    async with write_transaction(StaffProfile):
        user = await _member(scope, user_id, write=True)
        fields: dict[str, Any] = asdict(profile)
        updated = (
            await StaffProfile.update(**fields)
            .where(StaffProfile.user == user_id)
            .returning(StaffProfile.id)
        )
        if not updated:
            await StaffProfile.insert(StaffProfile(user=user_id, **fields))
        await record(
            scope,
            user["organisation"],
            "user",
            user_id,
            "staff_profile",
            circumstances,
            details=_jsonable(fields),
        )
    return profile


_AWAY_FIELDS = [name for name in Unavailability.__dataclass_fields__ if name != "id"]


async def unavailabilities_of(
    scope: Scope, user_ids: list[int], first_day: date, last_day: date
) -> dict[int, list[Unavailability]]:
    """Each person's unavailabilities that may touch ``first_day``..``last_day`` (those of the
    organisations ``scope`` may read)."""
    rows = await StaffUnavailability.select().where(
        scope.readable_where(StaffUnavailability.organisation),
        StaffUnavailability.user.is_in(user_ids or [-1]),
        StaffUnavailability.first_day <= last_day,
        StaffUnavailability.last_day.is_null() | (StaffUnavailability.last_day >= first_day),
    )
    found: dict[int, list[Unavailability]] = {}
    for row in sorted(rows, key=lambda r: (r["first_day"], r["id"])):
        values = {name: row[name] for name in _AWAY_FIELDS}
        away = Unavailability(**{**values, "reason": AbsenceReason(row["reason"])}, id=row["id"])
        if away.weekday is None and away.last_day is None and away.first_day < first_day:
            continue  # a single past day: last_day null means "that day only", not "no end"
        found.setdefault(row["user"], []).append(away)
    return found


async def list_unavailabilities(scope: Scope, user_id: int) -> list[Unavailability]:
    """A person's unavailabilities, all of them, oldest first (the fiche shows them)."""
    await _member(scope, user_id, write=False)
    found = await unavailabilities_of(scope, [user_id], date.min, date.max)
    return found.get(user_id, [])


async def add_unavailability(
    scope: Scope, user_id: int, away: Unavailability, circumstances: Circumstances
) -> Unavailability:
    """Record that a person is away (leave, sick, training, at the counsellor's)."""
    away = checked(away)
    async with write_transaction(StaffUnavailability):
        user = await _member(scope, user_id, write=True)
        values = {name: getattr(away, name) for name in _AWAY_FIELDS}
        (row,) = await StaffUnavailability.insert(
            StaffUnavailability(
                organisation=user["organisation"],
                user=user_id,
                created_at=circumstances.at,
                **values,
            )
        ).returning(StaffUnavailability.id)
        await record(
            scope,
            user["organisation"],
            "user",
            user_id,
            "unavailability",
            circumstances,
            comment=away.describe(),
            details=_jsonable({**values, "id": row["id"]}),
        )
    return Unavailability(**values, id=row["id"])


async def remove_unavailability(
    scope: Scope, user_id: int, away_id: int, circumstances: Circumstances
) -> None:
    """Take back an unavailability typed by mistake or cancelled (the history keeps it)."""
    async with write_transaction(StaffUnavailability):
        user = await _member(scope, user_id, write=True)
        gone = (
            await StaffUnavailability.delete()
            .where(StaffUnavailability.id == away_id, StaffUnavailability.user == user_id)
            .returning(StaffUnavailability.id, StaffUnavailability.reason)
        )
        if not gone:
            raise NotFound("Indisponibilité introuvable.")
        await record(
            scope,
            user["organisation"],
            "user",
            user_id,
            "unavailability_removed",
            circumstances,
            details={"id": away_id},
        )


@dataclass(frozen=True)
class EndingContract:
    """A contract that ends soon: who, when, in how many days."""

    user_id: int
    full_name: str
    contract_end: date
    days_left: int


async def contracts_ending(scope: Scope, organisation_id: int, today: date) -> list[EndingContract]:
    """Active people of the association whose contract ends within four weeks (or ended
    today), soonest first: the managers' reminder to prepare a renewal or the exit."""
    scope.check_read(organisation_id, "Association")
    rows = await StaffProfile.select(
        StaffProfile.user,
        StaffProfile.user.full_name.as_alias("full_name"),
        StaffProfile.contract_end,
    ).where(
        StaffProfile.user.organisation == organisation_id,
        StaffProfile.user._.active == True,  # noqa: E712 (a query, not a comparison)
        StaffProfile.contract_end >= today,
        StaffProfile.contract_end <= today + CONTRACT_END_NOTICE,
    )
    return sorted(
        (
            EndingContract(
                row["user"],
                row["full_name"],
                row["contract_end"],
                (row["contract_end"] - today).days,
            )
            for row in rows
        ),
        key=lambda ending: (ending.contract_end, ending.full_name),
    )

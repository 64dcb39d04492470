"""Reading and recording staff profiles (fiches salarié); the checks of what is typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.scope import Scope
from logistics.accounts.tables import UserAccount
from logistics.staff.tables import StaffProfile

MAX_WEEKLY_HOURS = 48
"""The legal weekly maximum in France; a contract above it is a typing mistake."""


@dataclass(frozen=True)
class Profile:
    """A person's fiche; the defaults (no licence, hours not recorded, no day off) are what a
    person without one is taken to have: never a driver, never warned about."""

    driving_licence: bool = False
    weekly_hours: int | None = None
    days_off: list[int] = field(default_factory=list)


def _checked(profile: Profile) -> Profile:
    if profile.weekly_hours is not None and not 1 <= profile.weekly_hours <= MAX_WEEKLY_HOURS:
        raise Invalid(f"Les heures du contrat vont de 1 à {MAX_WEEKLY_HOURS} par semaine.")
    if any(day not in range(1, 8) for day in profile.days_off):
        raise Invalid("Les jours de repos vont de 1 (lundi) à 7 (dimanche).")
    return Profile(profile.driving_licence, profile.weekly_hours, sorted(set(profile.days_off)))


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


async def profiles_of(user_ids: list[int]) -> dict[int, Profile]:
    """Every recorded profile among ``user_ids``; a person without one has the defaults."""
    rows = await (
        StaffProfile.select()
        .where(StaffProfile.user.is_in(user_ids or [-1]))
        .output(load_json=True)
    )
    return {
        row["user"]: Profile(row["driving_licence"], row["weekly_hours"], row["days_off"])
        for row in rows
    }


async def get_profile(scope: Scope, user_id: int) -> Profile:
    await _member(scope, user_id, write=False)
    return (await profiles_of([user_id])).get(user_id, Profile())


async def set_profile(
    scope: Scope, user_id: int, profile: Profile, circumstances: Circumstances
) -> Profile:
    """Record a person's licence, contract hours and days off (kept in their history)."""
    profile = _checked(profile)
    async with write_transaction(StaffProfile):
        user = await _member(scope, user_id, write=True)
        fields: dict[str, Any] = {
            "driving_licence": profile.driving_licence,
            "weekly_hours": profile.weekly_hours,
            "days_off": profile.days_off,
        }
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
            details=fields,
        )
    return profile

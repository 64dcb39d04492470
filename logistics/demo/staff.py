"""Demo data of the staff: the fiches salarié of those who go on rounds.

Karim and Mamadou drive, Julie does not; 20 to 26 h contracts with a day off, so the crews and
the staff's week have something to warn about. Claire is the encadrante; Mamadou may not carry
heavy loads; Julie's contract ends three weeks from the day the demo is loaded (the managers'
warning shows) and she sees her job counsellor every Tuesday afternoon. Idempotent: a person
gets the demo profile only while they have none, so a profile changed in the app is kept.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from inventory.history import Circumstances
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.tables import UserAccount
from logistics.settings import get_settings
from logistics.staff.availability import Unavailability
from logistics.staff.profiles import Profile, add_unavailability, profiles_of, set_profile
from logistics.staff.tables import AbsenceReason, TeamRole


def demo_profiles(today: date) -> dict[str, Profile]:
    """The demo team's fiches; contract dates are relative to ``today``."""
    return {
        "claire.martin": Profile(True, 35, team_role=TeamRole.SUPERVISOR, experienced=True),
        "karim.benali": Profile(True, 26, [3], experienced=True, usual_days=[1, 2, 4, 5]),
        "julie.rossi": Profile(
            False, 26, [1], contract_end=today + timedelta(weeks=3), usual_days=[2, 3, 4, 5]
        ),
        "mamadou.diallo": Profile(True, 20, [5], load_restriction=True),
        "paul.favre": Profile(True, 35, experienced=True),
        "lea.morel": Profile(True, 24, notes="Nouvelle dans l'équipe : la former au tri."),
    }


COUNSELLOR = "julie.rossi"
"""Who sees their job counsellor every Tuesday 14:00–15:30 in the demo."""


async def load_staff_demo() -> dict[str, int]:
    """Record the profile of each demo person who has none; returns how many it recorded."""
    now = datetime.now(get_settings().timezone)
    profiles = demo_profiles(now.date())
    people = await UserAccount.select(UserAccount.id, UserAccount.username).where(
        UserAccount.username.is_in(list(profiles))
    )
    recorded = await profiles_of([person["id"] for person in people])
    at = Circumstances(at=now, app="démo")
    missing = [person for person in people if person["id"] not in recorded]
    for person in missing:
        await set_profile(OPERATOR_SCOPE, person["id"], profiles[person["username"]], at)
        if person["username"] == COUNSELLOR:
            weekly = Unavailability(
                AbsenceReason.COUNSELLOR,
                now.date(),
                weekday=2,
                start_time=time(14),
                end_time=time(15, 30),
            )
            await add_unavailability(OPERATOR_SCOPE, person["id"], weekly, at)
    return {"staff_profiles": len(missing)}

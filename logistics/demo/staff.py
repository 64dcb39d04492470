"""Demo data of the staff: the fiches salarié of those who go on rounds.

Karim and Mamadou drive, Julie does not; 20 to 26 h contracts with a day off, so the crews and
the staff's week have something to warn about. Idempotent: a person gets the demo profile only
while they have none, so a profile changed in the app is kept.
"""

from __future__ import annotations

from datetime import datetime

from inventory.history import Circumstances
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.tables import UserAccount
from logistics.settings import get_settings
from logistics.staff.profiles import Profile, profiles_of, set_profile

PROFILES = {
    "claire.martin": Profile(True, 35),
    "karim.benali": Profile(True, 26, [3]),
    "julie.rossi": Profile(False, 26, [1]),
    "mamadou.diallo": Profile(True, 20, [5]),
    "paul.favre": Profile(True, 35),
    "lea.morel": Profile(True, 24),
}


async def load_staff_demo() -> dict[str, int]:
    """Record the profile of each demo person who has none; returns how many it recorded."""
    people = await UserAccount.select(UserAccount.id, UserAccount.username).where(
        UserAccount.username.is_in(list(PROFILES))
    )
    recorded = await profiles_of([person["id"] for person in people])
    at = Circumstances(at=datetime.now(get_settings().timezone), app="démo")
    missing = [person for person in people if person["id"] not in recorded]
    for person in missing:
        await set_profile(OPERATOR_SCOPE, person["id"], PROFILES[person["username"]], at)
    return {"staff_profiles": len(missing)}

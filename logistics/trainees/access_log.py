"""Who opened a trainee's file, and when: every view and export is logged for the residents'
sake (they are vulnerable people) and shown on the trainee's page."""

from __future__ import annotations

from typing import Any

from inventory.scope import Scope
from logistics import clock
from logistics.accounts.tables import UserAccount
from logistics.trainees.people import get_trainee
from logistics.trainees.tables import PersonalDataAccess

ACTION_LABELS = {
    "view": "Consultation de la fiche",
    "api": "Lecture par l'API",
    "export": "Export des données",
    "anonymise": "Anonymisation",
}


async def record_access(scope: Scope, trainee_id: int, action: str = "view") -> None:
    """Log that the caller read (or exported…) a trainee's data; ``NotFound`` outside their
    association, so that nobody logs, or learns, anything about another association's people."""
    await get_trainee(scope, trainee_id)
    await PersonalDataAccess.insert(
        PersonalDataAccess(
            trainee=trainee_id, user=scope.actor_id or None, action=action, at=clock.now()
        )
    )


async def access_log(scope: Scope, trainee_id: int, limit: int | None = 50) -> list[dict[str, Any]]:
    """The latest accesses to a trainee's data, newest first, with who made them (every one
    with ``limit=None``, as the export gives them)."""
    await get_trainee(scope, trainee_id)
    query = (
        PersonalDataAccess.select()
        .where(PersonalDataAccess.trainee == trainee_id)
        .order_by(PersonalDataAccess.at, ascending=False)
        .order_by(PersonalDataAccess.id, ascending=False)
    )
    rows = await (query if limit is None else query.limit(limit))
    users = {
        row["id"]: row["full_name"]
        for row in await UserAccount.select(UserAccount.id, UserAccount.full_name).where(
            UserAccount.id.is_in([r["user"] for r in rows if r["user"]] or [-1])
        )
    }
    for row in rows:
        row["who"] = users.get(row["user"], "exploitation (ligne de commande)")
        row["label"] = ACTION_LABELS.get(row["action"], row["action"])
    return rows

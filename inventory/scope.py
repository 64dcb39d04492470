"""Who is acting and which organisations' records they may read or change.

Built once per request by the application from the logged-in user, then handed to every use
case: the only place where "a manager sees only their association" is decided. A record out of
scope is reported as not found, so that its existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inventory.errors import Forbidden, NotFound


@dataclass(frozen=True)
class Scope:
    """``readable``/``writable`` are organisation ids; ``None`` means every organisation.

    ``permissions`` are the actions the caller's role allows (``"items:dispose"``), filled by the
    application from its one table of roles; ``None`` (the operator's command line, the
    scheduler's jobs) allows every action. Use cases check them, so that a job, the CLI or the
    phones' sync cannot skip a rule that a controller would have checked.
    """

    actor_id: int
    actor_name: str
    organisation_id: int
    readable: frozenset[int] | None
    writable: frozenset[int] | None
    permissions: frozenset[str] | None = None
    role_label: str = ""

    def may(self, permission: str) -> bool:
        return self.permissions is None or permission in self.permissions

    def require(self, permission: str, action: str = "cette action") -> None:
        """Refuse (``Forbidden``) an action the caller's role does not allow; ``action`` says
        which in French ("de passer un objet à « Recyclé »")."""
        if not self.may(permission):
            role = f"« {self.role_label} » " if self.role_label else ""
            raise Forbidden(f"Votre rôle {role}ne permet pas {action}.")

    def can_read(self, organisation_id: int) -> bool:
        return self.readable is None or organisation_id in self.readable

    def can_write(self, organisation_id: int) -> bool:
        return self.writable is None or organisation_id in self.writable

    def readable_where(self, column: Any) -> Any:
        """A Piccolo where-clause keeping ``column`` (an organisation FK) to what we may read."""
        if self.readable is None:
            return column.is_not_null()
        return column.is_in(list(self.readable) or [-1])

    def check_read(self, organisation_id: int, what: str) -> None:
        if not self.can_read(organisation_id):
            raise NotFound(f"{what} introuvable.")

    def check_write(self, organisation_id: int, what: str) -> None:
        """Out-of-scope writes look exactly like unknown records."""
        if not self.can_write(organisation_id):
            raise NotFound(f"{what} introuvable.")

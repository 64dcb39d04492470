"""Who is acting and which organisations' records they may read or change.

Built once per request by the application from the logged-in user, then handed to every use
case: the only place where "a manager sees only their association" is decided. A record out of
scope is reported as not found, so that its existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inventory.errors import NotFound


@dataclass(frozen=True)
class Scope:
    """``readable``/``writable`` are organisation ids; ``None`` means every organisation."""

    actor_id: int
    actor_name: str
    organisation_id: int
    readable: frozenset[int] | None
    writable: frozenset[int] | None

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

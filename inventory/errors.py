"""Domain errors: what a use case refuses, with a French message a person understands.

They know nothing of HTTP; ``logistics.http.problems`` maps each class to a problem-details
response in one table. ``logistics`` raises these same classes for its own rules.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every refusal; ``message`` is shown to the user as is (French)."""

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DomainError):
    """The record does not exist, or is outside the caller's organisation (same answer)."""


class Conflict(DomainError):
    """The request clashes with the current state (a duplicate, a stale version)."""


class IllegalTransition(Conflict):
    """A state machine refused a move; the message names the current state."""


class Invalid(DomainError):
    """The input breaks a business rule (a wrong check character, an inverted window)."""


class Forbidden(DomainError):
    """The caller's role may not do this."""


class TooManyAttempts(DomainError):
    """Repeated failures: the caller must wait before trying again."""

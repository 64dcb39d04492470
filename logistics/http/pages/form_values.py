"""Reading typed values out of a submitted form, with a French refusal naming the field.

A phone keyboard sends "2,5" for 2.5 and an empty field for "not given": both are accepted here
so every form of the TRIRA pages reads numbers and dates the same way.
"""

from __future__ import annotations

from datetime import date, time

from inventory.errors import Invalid


def number(data: dict[str, str], key: str, what: str, *, optional: bool = False) -> float | None:
    """A non-negative number (comma or dot); None for an empty optional field."""
    text = data.get(key, "").strip().replace(",", ".")
    if not text and optional:
        return None
    try:
        value = float(text)
    except ValueError:
        raise Invalid(f"« {what} » doit être un nombre.") from None
    if value < 0:
        raise Invalid(f"« {what} » ne peut pas être négatif.")
    return value


def whole(data: dict[str, str], key: str, what: str) -> int:
    value = number(data, key, what)
    assert value is not None
    if value != int(value):
        raise Invalid(f"« {what} » doit être un nombre entier.")
    return int(value)


def day(data: dict[str, str], key: str, what: str, default: date | None = None) -> date:
    """An ISO date as sent by ``<input type="date">``; ``default`` for an empty field."""
    text = data.get(key, "").strip()
    if not text and default is not None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"« {what} » doit être une date (jj/mm/aaaa).") from None


def optional_day(data: dict[str, str], key: str, what: str) -> date | None:
    return day(data, key, what) if data.get(key, "").strip() else None


def clock_time(data: dict[str, str], key: str, what: str) -> time:
    """A time of day as sent by ``<input type="time">`` ("09:30")."""
    try:
        return time.fromisoformat(data.get(key, "").strip())
    except ValueError:
        raise Invalid(f"« {what} » doit être une heure (hh:mm).") from None

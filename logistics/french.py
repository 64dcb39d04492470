"""French words and numbers as people read them: "1 204,5 kg", "10 %", "3 décembre 2026",
"8 unités centrales". Pages (through the Jinja filters of ``logistics.http.templating``) and
e-mails use these, so no one reads Python's "120.0" or an ISO date.
"""

from __future__ import annotations

from datetime import date, datetime, time

from logistics.settings import get_settings
from routes.model import WEEKDAY_NAMES

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
THIN = "\u202f"
"""Narrow no-break space: French thousands separator and space before a unit or %."""


def french_date(value: date | datetime | str | None, weekday: bool = False) -> str:
    """ "3 décembre 2026" (or "jeudi 3 décembre 2026"): never an ISO date in front of people
    (a stored summary's "2026-12-03" included)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(get_settings().timezone).date()
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{WEEKDAY_NAMES[value.weekday()]} {text}" if weekday else text


def number(value: float | int | None, digits: int = 0) -> str:
    """1204.5 → "1 204,5" with ``digits`` decimals; nothing for a missing figure."""
    if value is None:
        return ""
    return f"{value:,.{digits}f}".replace(",", THIN).replace(".", ",")


def unit(value: float | int | None, symbol: str, digits: int = 0) -> str:
    """A figure and its unit, kept together on one line ("8 Go", "12,5 m³")."""
    return "" if value is None else f"{number(value, digits)}{THIN}{symbol}"


def coordinates(latitude: float | None, longitude: float | None) -> str:
    """A point as "45,58530 ; 5,93290": French decimals, so a semicolon between the two."""
    if latitude is None or longitude is None:
        return ""
    return f"{number(latitude, 5)} ; {number(longitude, 5)}"


def minutes_between(start: time, end: time) -> str:
    """How long a line of a round sheet lasts, "15 min" (the times are of one day)."""
    seconds = (end.hour - start.hour) * 3600 + (end.minute - start.minute) * 60
    return unit(round((seconds + end.second - start.second) / 60), "min")


def kg(value: float | int | None, digits: int = 1) -> str:
    return unit(value, "kg", digits)


def percent(value: float | int | None, digits: int = 0) -> str:
    """A value already in percent (10 → "10 %")."""
    return unit(value, "%", digits)


def plural(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """ "1 unité centrale", "8 unités centrales": the count and the agreed noun phrase.

    Without ``plural_form``, each word of ``singular`` takes an "s" (what most labels need);
    irregular ones ("1 lot", "3 bureaux") pass theirs.
    """
    if abs(count) < 2:
        return f"{number(count)} {singular}"
    words = plural_form or " ".join(
        w if w.endswith(("s", "x")) else w + "s" for w in singular.split()
    )
    return f"{number(count)} {words}"

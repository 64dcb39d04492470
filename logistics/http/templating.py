"""Jinja2 set-up: French dates and numbers, plurals and role/kind labels in every template.

The number filters are the one place pages format figures: a decimal comma, a narrow no-break
space between thousands and before the unit ("1 204,5 kg", "10 %", "8 Go"), so no template
prints Python's "120.0" or an ISO date.
"""

from __future__ import annotations

from datetime import date, datetime

from litestar.plugins.jinja import JinjaTemplateEngine

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
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


def local_datetime(value: datetime | None) -> str:
    """Render a timestamp in the deployment's time zone, the French way (25/11/2026 14:05)."""
    if value is None:
        return ""
    return value.astimezone(get_settings().timezone).strftime("%d/%m/%Y %H:%M")


def french_date(value: date | datetime | None, weekday: bool = False) -> str:
    """ "3 décembre 2026" (or "jeudi 3 décembre 2026"): never an ISO date in front of people."""
    if value is None:
        return ""
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


FILTERS = {
    "datetime_fr": local_datetime,
    "date_fr": french_date,
    "number": number,
    "unit": unit,
    "kg": kg,
    "percent": percent,
    "plural": plural,
    "role_label": lambda value: Role(value).label,
    "kind_label": lambda value: OrganisationKind(value).label,
}


def configure_templates(engine: JinjaTemplateEngine) -> None:
    environment = engine.engine
    environment.filters.update(FILTERS)
    environment.globals["Role"] = Role

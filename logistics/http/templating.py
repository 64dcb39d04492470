"""Jinja2 set-up: French dates and numbers, plurals and role/kind labels in every template.

The filters below are the one place pages format figures (see ``logistics.french``): a decimal
comma, a narrow no-break space between thousands and before the unit ("1 204,5 kg", "10 %",
"8 Go"), so no template prints Python's "120.0" or an ISO date.
"""

from __future__ import annotations

from datetime import datetime

from litestar.plugins.jinja import JinjaTemplateEngine

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.french import (
    coordinates,
    french_date,
    kg,
    minutes_between,
    number,
    percent,
    plural,
    unit,
)
from logistics.http.notices import notice_for
from logistics.settings import get_settings


def local_datetime(value: datetime | None) -> str:
    """Render a timestamp in the deployment's time zone, the French way (25/11/2026 14:05)."""
    if value is None:
        return ""
    return value.astimezone(get_settings().timezone).strftime("%d/%m/%Y %H:%M")


FILTERS = {
    "datetime_fr": local_datetime,
    "date_fr": french_date,
    "number": number,
    "unit": unit,
    "kg": kg,
    "minutes_between": minutes_between,
    "coordinates": lambda point: coordinates(*point),
    "percent": percent,
    "plural": plural,
    "role_label": lambda value: Role(value).label,
    "kind_label": lambda value: OrganisationKind(value).label,
}


def configure_templates(engine: JinjaTemplateEngine) -> None:
    environment = engine.engine
    environment.filters.update(FILTERS)
    environment.globals["Role"] = Role
    environment.globals["notice_for"] = notice_for

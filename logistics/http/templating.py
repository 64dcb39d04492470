"""Jinja2 set-up: French date formatting and role/kind labels available in every template."""

from __future__ import annotations

from datetime import datetime

from litestar.plugins.jinja import JinjaTemplateEngine

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.settings import get_settings


def local_datetime(value: datetime | None) -> str:
    """Render a timestamp in the deployment's time zone, the French way (25/11/2026 14:05)."""
    if value is None:
        return ""
    return value.astimezone(get_settings().timezone).strftime("%d/%m/%Y %H:%M")


def configure_templates(engine: JinjaTemplateEngine) -> None:
    environment = engine.engine
    environment.filters["datetime_fr"] = local_datetime
    environment.filters["role_label"] = lambda value: Role(value).label
    environment.filters["kind_label"] = lambda value: OrganisationKind(value).label
    environment.globals["Role"] = Role

"""Use cases on organisations: the associations, the reconditioner and the coordinator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory.engine import write_transaction
from inventory.errors import Conflict, Invalid
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.settings import get_settings

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}$")


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    code: str
    kind: OrganisationKind
    depot_address: str = ""
    depot_latitude: float | None = None
    depot_longitude: float | None = None


async def list_organisations(scope: Scope, writable_only: bool = False) -> list[dict[str, Any]]:
    rows = await Organisation.select(
        Organisation.id,
        Organisation.name,
        Organisation.code,
        Organisation.kind,
        Organisation.depot_address,
        Organisation.active,
    ).order_by(Organisation.name)
    check = scope.can_write if writable_only else scope.can_read
    return [row for row in rows if check(row["id"])]


async def create_organisation(new: NewOrganisation) -> int:
    """Register an organisation; its code prefixes its labels, so it must be short and unique."""
    code = new.code.strip().upper()
    if not CODE_PATTERN.match(code):
        raise Invalid("Le code d'une organisation compte 2 à 4 lettres majuscules (ex. RP).")
    async with write_transaction(Organisation):
        clash = await Organisation.exists().where(
            (Organisation.code == code) | (Organisation.name == new.name.strip())
        )
        if clash:
            raise Conflict(f"Une organisation porte déjà ce nom ou le code « {code} ».")
        rows = await Organisation.insert(
            Organisation(
                name=new.name.strip(),
                code=code,
                kind=new.kind.value,
                depot_address=new.depot_address,
                depot_latitude=new.depot_latitude,
                depot_longitude=new.depot_longitude,
                created_at=datetime.now(tz=get_settings().timezone),
            )
        )
    return rows[0]["id"]


async def organisation_id_by_code(code: str) -> int | None:
    row = (
        await Organisation.select(Organisation.id).where(Organisation.code == code.upper()).first()
    )
    return row["id"] if row else None

"""Importing the reconditioner's erasure report: link each line to one item, or say why not.

A line is linked only when exactly one item handed to *that* reconditioner carries its serial
number: no serial, no match or several matches are reported, never guessed. Linking appends an
"erased" event to the item (and "reused"/"recycled" when the report says so); importing the same
report twice adds nothing.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from inventory.certificates.erasure_file import ReportLine, normalise_serial, parse_report
from inventory.engine import lock_rows, write_transaction
from inventory.errors import NotFound
from inventory.history import Circumstances, record
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.states import ItemState
from inventory.tables import Event, Item, Organisation


@dataclass(frozen=True)
class LineOutcome:
    line: int
    serial: str
    message: str
    tag: str = ""


@dataclass
class ImportResult:
    filename: str
    sha256: str
    linked: list[LineOutcome] = field(default_factory=list)
    already: list[LineOutcome] = field(default_factory=list)
    unlinked: list[LineOutcome] = field(default_factory=list)
    ambiguous: list[LineOutcome] = field(default_factory=list)


async def _candidates(scope: Scope, reconditioner_id: int) -> dict[str, list[dict[str, Any]]]:
    """Items handed to this reconditioner that the caller may change, by normalised serial."""
    rows = await Item.select(Item.id, Item.organisation, Item.tag, Item.serial_number).where(
        Item.state == ItemState.HANDED_TO_TRIRA,
        Item.lot.reconditioner == reconditioner_id,
        Item.serial_number != "",
        scope.readable_where(Item.organisation),
    )
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if scope.can_write(row["organisation"]):
            found[normalise_serial(row["serial_number"])].append(row)
    return found


async def _already_erased(item_ids: list[int]) -> set[int]:
    if not item_ids:
        return set()
    rows = await Event.select(Event.subject_id).where(
        Event.subject_kind == "item", Event.action == "erased", Event.subject_id.is_in(item_ids)
    )
    return {row["subject_id"] for row in rows}


async def import_erasure_report(
    scope: Scope,
    reconditioner_id: int,
    filename: str,
    content: bytes,
    circumstances: Circumstances,
) -> ImportResult:
    lines = parse_report(filename, content)
    result = ImportResult(filename, hashlib.sha256(content).hexdigest())
    async with write_transaction(Event):
        # The reconditioner's row, held, lets its reports in one at a time: two imports of one
        # report would otherwise both find its items not yet erased.
        reconditioner = await lock_rows(
            Organisation.select(Organisation.kind).where(Organisation.id == reconditioner_id)
        ).first()
        if reconditioner is None or reconditioner["kind"] != OrganisationKind.RECONDITIONER:
            raise NotFound("Reconditionneur introuvable.")
        candidates = await _candidates(scope, reconditioner_id)
        erased = await _already_erased([i["id"] for rows in candidates.values() for i in rows])
        seen: set[str] = set()
        for line in lines:
            key = normalise_serial(line.serial)
            matches = candidates.get(key, [])
            if not key:
                result.unlinked.append(LineOutcome(line.line, "", "numéro de série vide"))
            elif key in seen:
                result.unlinked.append(
                    LineOutcome(line.line, line.serial, "numéro déjà présent plus haut")
                )
            elif len(matches) > 1:
                tags = ", ".join(m["tag"] or "sans étiquette" for m in matches)
                result.ambiguous.append(
                    LineOutcome(line.line, line.serial, f"{len(matches)} objets possibles ({tags})")
                )
            elif not matches:
                result.unlinked.append(
                    LineOutcome(line.line, line.serial, "aucun objet remis à ce reconditionneur")
                )
            elif matches[0]["id"] in erased:
                result.already.append(
                    LineOutcome(line.line, line.serial, "déjà enregistré", matches[0]["tag"] or "")
                )
            else:
                await _link(scope, matches[0], line, result, circumstances)
            seen.add(key)
    return result


async def _link(
    scope: Scope,
    item: dict[str, Any],
    line: ReportLine,
    result: ImportResult,
    circumstances: Circumstances,
) -> None:
    details = {
        "report": result.filename,
        "report_sha256": result.sha256,
        "line": line.line,
        "serial": line.serial,
        "erased_on": line.erased_on.isoformat() if line.erased_on else None,
        "method": line.method,
    }
    await record(
        scope, item["organisation"], "item", item["id"], "erased", circumstances, details=details
    )
    if line.outcome:
        await record(
            scope,
            item["organisation"],
            "item",
            item["id"],
            line.outcome,
            circumstances,
            details=details,
        )
    result.linked.append(LineOutcome(line.line, line.serial, "lié", item["tag"] or ""))

"""Right of access: everything the tracker holds about one trainee, as JSON or a French PDF.

The person's file, their cycles with each session's attendance, the devices attributed to them,
the visits to their home, the after-sales tickets and who read or exported their data. Each
export is itself logged (action ``export``) before the data are read, so the export shows its
own line in the access log. Only the installing association's staff export (``residents:read``,
out of scope is 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory.categories import Category
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics import clock
from logistics.trainees.access_log import access_log, record_access
from logistics.trainees.cycles import cycles_of_trainee
from logistics.trainees.neighbourhoods import label_of
from logistics.trainees.people import ANONYMISED, get_trainee
from logistics.trainees.tables import Attendance, InternetAccess, Prescriber
from logistics.visits import assignments, booking, tickets
from logistics.visits.tables import VisitStatus


@dataclass(frozen=True)
class PersonalData:
    """One trainee's data, in sections of plain JSON-ready values (dates stay dates)."""

    exported_at: datetime
    association: str
    person: dict[str, Any]
    enrolments: list[dict[str, Any]]
    assignments: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    tickets: list[dict[str, Any]]
    accesses: list[dict[str, Any]]

    @property
    def name(self) -> str:
        if self.person["anonymised_at"] is not None:
            return ANONYMISED
        return f"{self.person['first_name']} {self.person['last_name']}".strip()

    def as_json(self) -> dict[str, Any]:
        return {
            "exported_at": self.exported_at,
            "association": self.association,
            "person": self.person,
            "enrolments": self.enrolments,
            "assignments": self.assignments,
            "visits": self.visits,
            "tickets": self.tickets,
            "access_log": self.accesses,
        }


def _person(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "phone": row["phone"],
        "email": row["email"],
        "address": row["address"],
        "postcode": row["postcode"],
        "city": row["city"],
        "neighbourhood": label_of(row["neighbourhood"]),
        "prescriber": Prescriber(row["prescriber"]).label,
        "internet_at_home": InternetAccess(row["internet_at_home"]).label,
        "has_computer": row["has_computer"],
        "device_wanted": Category(row["device_wanted"]).label,
        "consent_sms": row["consent_sms"],
        "consent_email": row["consent_email"],
        "consent_on": row["consent_on"],
        "notes": row["notes"],
        "registered_at": row["registered_at"],
        "anonymised_at": row["anonymised_at"],
    }


async def _enrolments(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    marks = await Attendance.select(
        Attendance.present,
        Attendance.session.cycle.as_alias("cycle"),
        Attendance.session.module.as_alias("module"),
        Attendance.session.day.as_alias("day"),
        Attendance.session.place.as_alias("place"),
    ).where(Attendance.trainee == trainee_id)
    return [
        {
            "cycle": row["cycle_name"],
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "enrolled_at": row["enrolled_at"],
            "left_on": row["left_on"],
            "left_reason": row["left_reason"],
            "sessions": [
                {
                    "module": m["module"],
                    "day": m["day"],
                    "place": m["place"],
                    "present": m["present"],
                }
                for m in sorted(marks, key=lambda m: (m["day"], m["module"]))
                if m["cycle"] == row["cycle"]
            ],
        }
        for row in await cycles_of_trainee(scope, trainee_id)
    ]


async def _assignments(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "device": a.device_label,
            "state": a.state_label,
            "reserved_at": a.reserved_at,
            "assigned_at": a.assigned_at,
            "installed_at": a.installed_at,
            "with_internet": a.with_internet,
            "ended_at": a.released_at,
            "end_reason": a.release_reason,
            "contract_number": a.contract_number,
            "contract_signed_at": a.contract_signed_at,
            "contract_signer": a.contract_signer,
        }
        for a in await assignments.list_assignments(scope, None, trainee_id)
    ]


async def _visits(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": v["id"],
            "day": v["day"],
            "window_start": v["window_start"],
            "window_end": v["window_end"],
            "staff_member": v["installer_name"],
            "address": " ".join(p for p in (v["address"], v["postcode"], v["city"]) if p),
            "status": VisitStatus(v["status"]).label,
            "outcome_notes": v["outcome_notes"],
        }
        for v in await booking.list_visits(scope, trainee_id=trainee_id)
    ]


async def _tickets(scope: Scope, trainee_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": t["id"],
            "opened_on": t["opened_on"],
            "mode": t["mode_label"],
            "device": t["device_reference"],
            "problem": t["problem"],
            "work_done": t["work_done"],
            "status": t["status"].label,
            "closed_at": t["closed_at"],
        }
        for t in await tickets.list_tickets(scope, trainee_id=trainee_id)
    ]


async def personal_data(scope: Scope, trainee_id: int) -> PersonalData:
    """Log the export, then gather everything held about the trainee (``NotFound`` outside the
    caller's association)."""
    await record_access(scope, trainee_id, "export")
    trainee = await get_trainee(scope, trainee_id)
    association = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == trainee["organisation"])
        .first()
    )
    assert association is not None  # kept by the trainee's foreign key
    accesses = await access_log(scope, trainee_id, limit=None)
    return PersonalData(
        exported_at=clock.now(),
        association=association["name"],
        person=_person(trainee),
        enrolments=await _enrolments(scope, trainee_id),
        assignments=await _assignments(scope, trainee_id),
        visits=await _visits(scope, trainee_id),
        tickets=await _tickets(scope, trainee_id),
        accesses=[{"at": a["at"], "who": a["who"], "action": a["label"]} for a in accesses],
    )

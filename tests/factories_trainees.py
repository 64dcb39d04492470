"""BLÉ's world for tests: an installing association, its staff, trainees, a cycle, visits.

Rows are written straight into the real tables, so tests of one part (visits, reminders,
privacy) do not depend on the forms of another; each part's own tests go through its use cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from inventory.categories import Category
from inventory.parties import OrganisationKind
from inventory.states import DeviceOrigin, DeviceState
from inventory.tables import Device
from logistics.accounts.roles import Role
from logistics.trainees.tables import (
    Attendance,
    Cycle,
    CycleSession,
    Enrolment,
    InternetAccess,
    Trainee,
)
from logistics.visits.tables import Ticket, Visit
from tests.factories import make_organisation, make_user, run

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _insert(table: Any, **values: Any) -> int:
    return run(table.insert(table(**values)).returning(table.id))[0]["id"]


@dataclass
class Ble:
    """An installing association with two installers (user ids)."""

    organisation: int
    installers: list[int] = field(default_factory=list)


def make_ble(
    code: str = "BLE",
    installers: tuple[str, ...] = ("nadia.blanc", "yanis.roux"),
    name: str = "BLÉ",
) -> Ble:
    organisation = make_organisation(code, OrganisationKind.INSTALLING, name)
    return Ble(organisation, [make_user(name, Role.INSTALLER, organisation) for name in installers])


def make_trainee(organisation: int, last_name: str = "Durand", **values: Any) -> int:
    defaults: dict[str, Any] = {
        "first_name": "Fatima",
        "phone": "06 12 34 56 78",
        "address": "12 rue du Pré de l'Âne",
        "postcode": "73000",
        "city": "Chambéry",
        "latitude": 45.5770,
        "longitude": 5.9270,
        "neighbourhood": "hauts_de_chambery",
        "internet_at_home": InternetAccess.BOX,
        "has_computer": False,
        "device_wanted": Category.LAPTOP,
        "registered_at": NOW,
    }
    return _insert(Trainee, organisation=organisation, last_name=last_name, **(defaults | values))


def make_cycle(
    organisation: int,
    attended: dict[int, int],
    ends_on: date = date(2026, 11, 20),
    modules: int = 11,
    name: str = "Cycle d'automne",
) -> int:
    """A finished cycle of ``modules`` weekly sessions; ``attended`` maps each enrolled trainee
    to the number of sessions they came to (the first ones)."""
    starts_on = ends_on - timedelta(weeks=modules - 1)
    cycle = _insert(
        Cycle,
        organisation=organisation,
        name=name,
        place="Médiathèque Jean-Jacques Rousseau",
        modules=modules,
        starts_on=starts_on,
        ends_on=ends_on,
        created_at=NOW,
    )
    sessions = [
        _insert(
            CycleSession,
            cycle=cycle,
            module=module,
            day=starts_on + timedelta(weeks=module - 1),
            starts_at=time(14),
            ends_at=time(16),
        )
        for module in range(1, modules + 1)
    ]
    for trainee, count in attended.items():
        _insert(Enrolment, cycle=cycle, trainee=trainee, enrolled_at=NOW)
        for number, session in enumerate(sessions):
            _insert(
                Attendance, session=session, trainee=trainee, present=number < count, ticked_at=NOW
            )
    return cycle


def make_eligible(*trainees: int) -> int:
    """A finished cycle of the trainees' association that they attended in full: the course
    made them eligible for a computer (reserving one checks it)."""
    row = run(Trainee.select(Trainee.organisation).where(Trainee.id == trainees[0]).first())
    assert row is not None
    return make_cycle(row["organisation"], {trainee: 11 for trainee in trainees})


def make_device(owner: int, category: Category = Category.LAPTOP, reference: str = "PC-001") -> int:
    """A device in the stock to give of the collecting association ``owner``."""
    return _insert(
        Device,
        organisation=owner,
        origin=DeviceOrigin.PURCHASED,
        reference=reference,
        category=category,
        received_on=date(2026, 11, 2),
        state=DeviceState.IN_STOCK,
        state_changed_at=NOW,
        created_at=NOW,
    )


def make_visit(
    ble: Ble,
    trainee: int,
    day: date,
    start: time = time(9),
    installer: int | None = None,
    **values: Any,
) -> int:
    row = run(Trainee.select().where(Trainee.id == trainee).first())
    assert row is not None
    return _insert(
        Visit,
        organisation=ble.organisation,
        trainee=trainee,
        installer=installer or ble.installers[0],
        day=day,
        window_start=start,
        window_end=time(start.hour + 2, start.minute),
        address=row["address"],
        postcode=row["postcode"],
        city=row["city"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        created_at=NOW,
        **values,
    )


def make_ticket(organisation: int, trainee: int, problem: str = "L'écran reste noir") -> int:
    """An open after-sales ticket (dépannage) for a trainee, about no device in particular."""
    return _insert(
        Ticket, organisation=organisation, trainee=trainee, opened_on=NOW.date(), problem=problem
    )

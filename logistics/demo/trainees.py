"""Demo data of BLÉ's course: a finished cycle of ten trainees at the médiathèque, ticked.

Seven attended enough and wait for a computer (two already have one at home, so they come
after the others), one attended all of it but has no internet at home (eligible, not
installed), one came to 6 sessions of 11 (not eligible), one left the course after three
sessions. Idempotent: keyed by the cycle's name; nothing is added once it exists.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from inventory.categories import Category
from inventory.history import Circumstances
from logistics.accounts.organisations import organisation_id_by_code
from logistics.demo.accounts import scope_of
from logistics.settings import get_settings
from logistics.trainees import attendance, cycles, people
from logistics.trainees.cycles import CycleData
from logistics.trainees.people import TraineeData
from logistics.trainees.tables import Cycle, InternetAccess, Prescriber

CYCLE = "Premier cycle — médiathèque"
PLACE = "Médiathèque Jean-Jacques Rousseau, Chambéry"
BOX, SHARING, NONE = InternetAccess.BOX, InternetAccess.PHONE_SHARING, InternetAccess.NONE

# (first name, last name, address, neighbourhood, point, internet, computer at home,
#  prescriber, sessions attended); the last one left after three sessions.
TRAINEES: list[tuple[Any, ...]] = [
    (
        "Amina",
        "Haddad",
        "5 rue Pierre Lanfrey",
        "hauts_de_chambery",
        (45.5822, 5.9323),
        BOX,
        False,
        Prescriber.CCAS,
        11,
    ),
    (
        "Karine",
        "Morel",
        "14 avenue de Bellevue",
        "bellevue",
        (45.5748, 5.9101),
        BOX,
        True,
        Prescriber.SOCIAL_CENTRE,
        10,
    ),
    (
        "Jean-Pierre",
        "Vial",
        "3 rue du Biollay",
        "biollay",
        (45.5611, 5.9208),
        SHARING,
        False,
        Prescriber.FRANCE_TRAVAIL,
        9,
    ),
    (
        "Fatou",
        "Ndiaye",
        "8 place du Forum",
        "hauts_de_chambery",
        (45.5851, 5.9298),
        BOX,
        False,
        Prescriber.SOCIAL_WORKER,
        8,
    ),
    (
        "Rachid",
        "Benhamou",
        "21 rue de Chantemerle",
        "chantemerle",
        (45.5903, 5.9052),
        NONE,
        False,
        Prescriber.CCAS,
        11,
    ),
    (
        "Sylvie",
        "Perrier",
        "2 allée des Épinettes",
        "epinettes",
        (45.5572, 5.9465),
        BOX,
        False,
        Prescriber.SELF,
        6,
    ),
    (
        "Mehmet",
        "Yilmaz",
        "11 rue de la Forgerie",
        "forgerie",
        (45.5634, 5.8931),
        BOX,
        False,
        Prescriber.MISSION_LOCALE,
        9,
    ),
    (
        "Lucie",
        "Bernard",
        "6 chemin du Corbelet",
        "corbelet",
        (45.5547, 5.9152),
        BOX,
        True,
        Prescriber.ASSOCIATION,
        8,
    ),
    (
        "Ousmane",
        "Sow",
        "17 rue du Piochet",
        "piochet",
        (45.5719, 5.9362),
        BOX,
        False,
        Prescriber.FRANCE_TRAVAIL,
        3,
    ),
    (
        "Nathalie",
        "Girard",
        "9 rue du Val Fleuri",
        "val_fleuri",
        (45.5560, 5.9641),
        SHARING,
        False,
        Prescriber.SOCIAL_CENTRE,
        10,
    ),
]
LEFT = ("Sow", "a trouvé un emploi à temps plein")


async def load_trainees_demo() -> dict[str, int]:
    ble = await organisation_id_by_code("BLE")
    assert ble is not None, "the demo accounts are loaded first"
    if await Cycle.exists().where(Cycle.organisation == ble, Cycle.name == CYCLE):
        return {"trainees": 0, "cycles": 0}
    scope = await scope_of("nadia.blanc", ble)
    now = datetime.now(get_settings().timezone).replace(microsecond=0)
    ends_on = now.date() - timedelta(days=12)
    starts_on = ends_on - timedelta(weeks=10)

    def at(day_offset: int) -> Circumstances:
        return Circumstances(at=now - timedelta(days=day_offset), app="démo")

    cycle = await cycles.create_cycle(scope, CycleData(CYCLE, starts_on, ends_on, PLACE), at(90))
    sessions = await cycles.plan_weekly_sessions(scope, cycle["id"], time(14), time(16), at(90))
    attended: dict[int, int] = {}
    leaving = 0
    for rank, (first, last, address, where, point, internet, has, prescriber, count) in enumerate(
        TRAINEES
    ):
        data = TraineeData(
            first_name=first,
            last_name=last,
            phone=f"06 12 34 {rank:02d} {rank * 7 % 100:02d}",
            address=address,
            postcode="73000",
            city="Chambéry",
            neighbourhood=where,
            prescriber=prescriber,
            internet_at_home=internet,
            has_computer=has,
            device_wanted=Category.DESKTOP if rank % 4 == 1 else Category.LAPTOP,
            consent_sms=rank % 3 != 2,
        )
        registered = at(120 - rank)
        trainee = await people.create_trainee(scope, data, registered, point=point)
        await cycles.enrol(scope, cycle["id"], trainee["id"], registered)
        attended[trainee["id"]] = count
        if last == LEFT[0]:
            leaving = trainee["id"]
    for number, session in enumerate(sessions):
        ticked = Circumstances(at=datetime.combine(session["day"], time(16), now.tzinfo))
        if number == attended.get(leaving):  # leaves before the session after their last
            await cycles.drop_out(scope, cycle["id"], leaving, LEFT[1], ticked, on=session["day"])
            del attended[leaving]
        marks = {trainee: number < count for trainee, count in attended.items()}
        await attendance.tick(scope, session["id"], marks, ticked)
    return {"trainees": len(TRAINEES), "cycles": 1}

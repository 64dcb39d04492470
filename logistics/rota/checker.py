"""An independent verdict on a rota: its own reading of the rules, not the solver's model.

Every rota the solver returns goes through ``check`` (the tests and the benchmark rely on it),
and so does a rota changed by hand. It reads the problem's raw facts — days off, contract dates,
times away, licences, experience, load restrictions, hours — and works in continuous minutes
where the solver uses quarter-hour steps, so a mistake in the model shows as a violation here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from logistics.rota.model import Assignment, Problem, Slot


@dataclass(frozen=True)
class Violation:
    """A broken rule; ``day`` is None for a rule of the week (a contract's hours)."""

    day: date | None
    message: str
    person_id: int | None = None
    slot_id: str | None = None


def _free_stretch(busy: list[tuple[int, int]], start: int, end: int) -> int:
    """The longest stretch of ``start``..``end`` that no busy interval covers."""
    longest, cursor = 0, start
    for b_start, b_end in sorted(busy):
        if b_end <= cursor:
            continue
        if b_start >= end:
            break
        longest = max(longest, min(b_start, end) - cursor)
        cursor = max(cursor, b_end)
    return max(longest, end - cursor)


def check(problem: Problem, assignments: Sequence[Assignment]) -> list[Violation]:
    """Every rule ``assignments`` break in ``problem``; empty when the rota is valid."""
    people = {p.id: p for p in problem.people}
    slots = {s.id: s for s in problem.slots}
    rules = problem.rules
    found: list[Violation] = []
    seen: set[tuple[int, str]] = set()
    mine: dict[int, list[Slot]] = defaultdict(list)
    crews: dict[str, list[Assignment]] = defaultdict(list)

    for a in assignments:
        slot, person = slots.get(a.slot_id), people.get(a.person_id)
        if slot is None or person is None:
            day = slot.day if slot else None
            found.append(Violation(day, "affectation inconnue", a.person_id, a.slot_id))
            continue
        if (a.person_id, a.slot_id) in seen:
            found.append(Violation(slot.day, "affectée deux fois", a.person_id, a.slot_id))
            continue
        seen.add((a.person_id, a.slot_id))
        mine[a.person_id].append(slot)
        crews[a.slot_id].append(a)
        day = slot.day

        def broken(
            message: str, day: date = day, a: Assignment = a, name: str = person.name
        ) -> None:
            found.append(Violation(day, f"{name} : {message}", a.person_id, a.slot_id))

        if day.isoweekday() in person.days_off:
            broken("placé(e) un jour de repos")
        if (person.contract_start and day < person.contract_start) or (
            person.contract_end and day > person.contract_end
        ):
            broken("placé(e) hors des dates du contrat")
        for away in person.away:
            if away.day == day and away.start < slot.end and slot.start < away.end:
                broken(f"placé(e) alors qu'il/elle {away.why}")
        if slot.heavy and person.load_restriction:
            broken("restriction de port de charges, placé(e) sur une tournée lourde")
        if a.driver and not slot.needs_driver:
            broken("chauffeur d'un créneau sans véhicule")
        if a.driver and not person.licence:
            broken("chauffeur sans permis")

    for person_id, taken in mine.items():
        person = people[person_id]
        total = sum(s.work_minutes for s in taken)
        if total > person.weekly_minutes:
            found.append(
                Violation(
                    None,
                    f"{person.name} : {total / 60:.2f} h pour un contrat de "
                    f"{person.weekly_minutes / 60:.2f} h",
                    person_id,
                )
            )
        by_day: dict[date, list[Slot]] = defaultdict(list)
        for slot in taken:
            by_day[slot.day].append(slot)
        for day, of_day in by_day.items():
            of_day.sort(key=lambda s: s.start)
            for first, second in pairwise(of_day):
                if second.start < first.end:
                    found.append(
                        Violation(day, f"{person.name} : à deux endroits à la fois", person_id)
                    )
            if sum(s.work_minutes for s in of_day) > rules.max_day_minutes:
                found.append(Violation(day, f"{person.name} : journée trop longue", person_id))
            if rules.lunch_minutes > 0 and not any(s.includes_lunch for s in of_day):
                busy = [(s.start, s.end) for s in of_day]
                stretch = _free_stretch(busy, rules.lunch_earliest, rules.lunch_latest_end)
                if stretch < rules.lunch_minutes:
                    found.append(
                        Violation(day, f"{person.name} : pas de pause déjeuner", person_id)
                    )
            following = by_day.get(date.fromordinal(day.toordinal() + 1))
            if following:
                rest = 24 * 60 - max(s.end for s in of_day) + min(s.start for s in following)
                if rest < rules.min_rest_minutes:
                    found.append(
                        Violation(
                            date.fromordinal(day.toordinal() + 1),
                            f"{person.name} : repos de {rest / 60:.1f} h entre deux jours",
                            person_id,
                        )
                    )

    for slot in problem.slots:
        crew = crews.get(slot.id, [])
        where = f"{slot.label} du {slot.day:%d/%m}"
        if not slot.min_people <= len(crew) <= slot.max_people:
            found.append(
                Violation(
                    slot.day,
                    f"{where} : {len(crew)} personne(s) pour {slot.min_people} à {slot.max_people}",
                    slot_id=slot.id,
                )
            )
        if slot.needs_driver:
            drivers = [a for a in crew if a.driver]
            if len(drivers) != 1:
                found.append(
                    Violation(slot.day, f"{where} : {len(drivers)} chauffeur(s)", slot_id=slot.id)
                )
        if slot.needs_lead and crew and not any(people[a.person_id].can_lead for a in crew):
            found.append(
                Violation(
                    slot.day, f"{where} : ni personne expérimentée ni encadrant", slot_id=slot.id
                )
            )
    return found

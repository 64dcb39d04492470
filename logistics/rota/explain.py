"""Why no rota exists, in plain French, naming the missing resource and the people involved:
« mardi, tournée 2 : aucun chauffeur disponible — Samir est en congé, Paul est chez sa
conseillère ».

The checks run on the week's demand against who may come and why not, slot by slot, then day by
day (rounds at the same time need as many drivers), then over the week (hours of the contracts).
When none of them finds the cause, the solver's verdict is narrowed to the days that cannot be
staffed alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from logistics.rota.eligibility import why_not
from logistics.rota.model import Person, Problem, Slot, Status, overlaps
from routes.model import WEEKDAY_NAMES


def day_name(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def _reasons(people: list[tuple[Person, str]]) -> str:
    return ", ".join(f"{person.name} {why}" for person, why in people)


def _with_reasons(sentence: str, refused: list[tuple[Person, str]]) -> str:
    return f"{sentence} — {_reasons(refused)}" if refused else sentence


def slot_shortages(problem: Problem, slot: Slot) -> list[str]:
    """What one slot lacks whoever else is planned: a driver, a lead, enough people."""
    where = f"{day_name(slot.day)}, {slot.label}"
    free = [p for p in problem.people if why_not(p, slot) is None]
    refused = [(p, why) for p in problem.people if (why := why_not(p, slot)) is not None]
    found = []
    if slot.needs_driver and not any(p.licence for p in free):
        licensed = [(p, why) for p, why in refused if p.licence]
        if not any(p.licence for p in problem.people):
            found.append(f"{where} : aucun chauffeur — personne dans l'équipe n'a le permis")
        else:
            found.append(_with_reasons(f"{where} : aucun chauffeur disponible", licensed))
    if slot.needs_lead and not any(p.can_lead for p in free):
        leads = [(p, why) for p, why in refused if p.can_lead]
        found.append(
            _with_reasons(f"{where} : aucune personne expérimentée ni encadrant disponible", leads)
        )
    if len(free) < slot.min_people:
        found.append(
            _with_reasons(
                f"{where} : il faut {slot.min_people} personnes, "
                f"{len(free)} seulement sont disponibles",
                refused,
            )
        )
    return found


def day_shortages(problem: Problem, day: date, slots: list[Slot]) -> list[str]:
    """Slots of one day that overlap all need their drivers and people at the same time."""
    found = []
    rounds = [s for s in slots if s.needs_driver]
    for slot in rounds:
        together = [r for r in rounds if overlaps(r.start, r.end, slot.start, slot.end)]
        drivers = {
            p.id: p for r in together for p in problem.people if p.licence and why_not(p, r) is None
        }
        if len(together) > len(drivers):
            names = ", ".join(sorted(p.name for p in drivers.values())) or "personne"
            found.append(
                f"{day_name(day)} : {len(together)} tournées en même temps pour "
                f"{len(drivers)} chauffeur(s) disponible(s) ({names})"
            )
            break
    for slot in slots:
        together = [
            s for s in slots if s.min_people and overlaps(s.start, s.end, slot.start, slot.end)
        ]
        people = {p.id for s in together for p in problem.people if why_not(p, s) is None}
        needed = sum(s.min_people for s in together)
        if needed > len(people):
            found.append(
                f"{day_name(day)} : il faut {needed} personnes en même temps "
                f"({', '.join(s.label for s in together)}), {len(people)} sont disponibles"
            )
            break
    return found


def week_shortage(problem: Problem) -> list[str]:
    needed = sum(s.min_people * s.work_minutes for s in problem.slots)
    offered = sum(p.weekly_minutes for p in problem.people)
    if needed > offered:
        return [
            f"la semaine demande au moins {needed / 60:.1f} h de travail, les contrats de "
            f"l'équipe en offrent {offered / 60:.1f} h"
        ]
    return []


DaySolver = Callable[[Problem], Status]
"""Solves a problem (one day's) and says whether a rota exists: the solver passes its own."""


def explain(
    problem: Problem, status: Status = Status.INFEASIBLE, solve_day: DaySolver | None = None
) -> list[str]:
    """Every cause found, most local first; at least one sentence."""
    found = [line for slot in problem.slots for line in slot_shortages(problem, slot)]
    by_day: dict[date, list[Slot]] = defaultdict(list)
    for slot in problem.slots:
        by_day[slot.day].append(slot)
    if not found:
        for day in sorted(by_day):
            found += day_shortages(problem, day, by_day[day])
    if not found:
        found += week_shortage(problem)
    if not found and status == Status.UNKNOWN:
        found.append(
            "le temps de calcul est écoulé avant qu'un planning valable soit trouvé : "
            "relancez avec plus de temps"
        )
    if not found and solve_day is not None:
        found += _days_alone(problem, by_day, solve_day)
    return found or [
        "aucune répartition ne respecte à la fois les heures des contrats, les repos, la pause "
        "déjeuner et les équipages"
    ]


def _days_alone(
    problem: Problem, by_day: dict[date, list[Slot]], solve_day: DaySolver
) -> list[str]:
    """The days that cannot be staffed even on their own (the rules of the day are the cause),
    found by solving each day alone."""
    found = []
    for day in sorted(by_day):
        alone = replace(problem, slots=tuple(by_day[day]), previous=())
        if solve_day(alone) == Status.INFEASIBLE:
            found.append(
                f"{day_name(day)} : aucune répartition du jour ne respecte à la fois les "
                "équipages, les heures des contrats, la pause déjeuner et le repos"
            )
    return found

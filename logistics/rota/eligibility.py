"""Who may take a slot at all, and in French why not: the one place the solver and the
explanations learn it (the checker has its own reading, on purpose)."""

from __future__ import annotations

from logistics.rota.model import Person, Slot, overlaps
from routes.model import WEEKDAY_NAMES


def why_not(person: Person, slot: Slot) -> str | None:
    """None when ``person`` may be on ``slot``; otherwise the end of a French sentence
    about them: « Samir » + « est en congé »."""
    if slot.day.isoweekday() in person.days_off:
        return f"ne travaille pas le {WEEKDAY_NAMES[slot.day.weekday()]}"
    if person.contract_start is not None and slot.day < person.contract_start:
        return "n'a pas encore commencé son contrat"
    if person.contract_end is not None and slot.day > person.contract_end:
        return "a terminé son contrat"
    for away in person.away:
        if away.day == slot.day and overlaps(away.start, away.end, slot.start, slot.end):
            return away.why
    if slot.heavy and person.load_restriction:
        return "ne porte pas de charges lourdes"
    if person.weekly_minutes <= 0:
        return "n'a pas d'heures de contrat sur sa fiche"
    if slot.work_minutes > person.weekly_minutes:
        return "a un contrat trop court pour ce créneau"
    return None

"""Small hand-made weeks for the rota's tests: a few people, a round or two, depot half-days."""

from __future__ import annotations

from datetime import date, timedelta

from logistics.rota.model import Person, Slot, SlotKind

MONDAY = date(2026, 12, 7)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def day(n: int) -> date:
    """``n`` = 1 for Monday."""
    return MONDAY + timedelta(days=n - 1)


def person(person_id: int, name: str, hours: float = 26, **facts: object) -> Person:
    return Person(person_id, name, int(hours * 60), **facts)  # type: ignore[arg-type]


def round_slot(
    slot_id: str, weekday: int, people: int = 2, heavy: bool = False, label: str = ""
) -> Slot:
    """A round 08:30–15:30 with its 45 min lunch inside: 6 h 15 of work."""
    return Slot(
        slot_id,
        SlotKind.ROUND,
        label or f"tournée {slot_id}",
        day(weekday),
        hm("08:30"),
        hm("15:30"),
        375,
        people,
        people + 1,
        needs_driver=True,
        needs_lead=True,
        heavy=heavy,
        includes_lunch=True,
    )


def depot_slot(slot_id: str, weekday: int, afternoon: bool, least: int = 0, most: int = 4) -> Slot:
    start, end = ("13:00", "16:30") if afternoon else ("08:30", "12:00")
    label = "dépôt après-midi" if afternoon else "dépôt matin"
    return Slot(slot_id, SlotKind.DEPOT, label, day(weekday), hm(start), hm(end), 210, least, most)

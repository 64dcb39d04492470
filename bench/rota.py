"""Time the week's rota (CP-SAT) on a team the size of Régie Plus' busiest year, no database.

30 staff on integration contracts (20 to 35 h, a third licensed, some experienced, an
encadrant, a few with a load restriction, days off, usual days, weekly counsellor
appointments), 4 weeks of 12 rounds (100–500 kg each) plus the depot's half-days, solved week
after week so that fairness is counted over the four weeks. Then one sick day (the driver of
Tuesday's first round, last week) and a re-plan from the previous rota. Every rota goes through
the independent checker. Prints the time, the largest deviation from contracted hours, the
fairness spread (max − min heavy rounds per full-time week among those allowed to do them) and
how many assignments the sick day changed; the target is a valid rota in under 5 s.

    .venv/bin/python bench/rota.py [--seconds-per-week 1.0] [--workers 2] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from logistics.rota.checker import check
from logistics.rota.model import Away, Person, Problem, Rota, Slot
from logistics.rota.needs import RoundNeed, depot_slots, round_slot
from logistics.rota.settings import RotaSettings
from logistics.rota.solver import FULL_TIME_MINUTES, SolveOptions, solve

FIRST_MONDAY = date(2027, 1, 4)
SETTINGS = RotaSettings(depot_min_people=2, depot_max_people=20)


def team(rng: random.Random) -> tuple[list[Person], dict[int, tuple[int, int]]]:
    """The 30 people, and who sees their counsellor when: ``{person: (weekday, start)}``."""
    people, counsellor = [], {}
    for n in range(30):
        hours = rng.choice([20, 24, 26, 26, 35])
        people.append(
            Person(
                n + 1,
                f"Salarié {n + 1:02d}",
                hours * 60,
                licence=n % 3 == 0,
                experienced=n % 4 == 1 or n % 3 == 0,
                supervisor=n == 0,
                load_restriction=n % 7 == 6,
                # a full-time contract fills five days: only part-time ones have a day off
                days_off=frozenset({rng.randint(1, 5)}) if n % 2 and hours < 35 else frozenset(),
                usual_days=frozenset(rng.sample(range(1, 6), 4)) if n % 3 == 2 else frozenset(),
            )
        )
        if n % 6 == 5:
            counsellor[n + 1] = (rng.randint(1, 5), rng.choice([9 * 60, 14 * 60]))
    return people, counsellor


def week_people(
    people: list[Person],
    counsellor: dict[int, tuple[int, int]],
    monday: date,
    short: dict[int, int],
    heavy: dict[int, int],
) -> tuple[Person, ...]:
    """The team for one week: that week's appointments, and the weeks before for fairness."""
    out = []
    for p in people:
        away: tuple[Away, ...] = ()
        if p.id in counsellor:
            weekday, start = counsellor[p.id]
            day = monday + timedelta(days=weekday - 1)
            away = (Away(day, start, start + 90, "est chez sa conseillère"),)
        out.append(replace(p, away=away, past_short_minutes=short[p.id], past_heavy=heavy[p.id]))
    return tuple(out)


def week_rounds(rng: random.Random, monday: date, week: int) -> list[Slot]:
    slots = []
    for n in range(12):
        day = monday + timedelta(days=n % 5)
        number = n // 5 + 1
        departure = clock(8, 0) if number == 1 else clock(8, 30) if number == 2 else clock(9, 0)
        need = RoundNeed(
            1000 * week + n,
            number,
            f"Camion {number}",
            "van",
            day,
            departure,
            clock(departure.hour + 7, departure.minute),
            rng.uniform(100, 500),
            rng.uniform(0.5, 3.5),
            45,
        )
        slots.append(round_slot(need, SETTINGS))
    return slots


def worked(problem: Problem, rota: Rota) -> dict[int, int]:
    slots = {s.id: s for s in problem.slots}
    minutes = {p.id: 0 for p in problem.people}
    for a in rota.assignments:
        minutes[a.person_id] += slots[a.slot_id].work_minutes
    return minutes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds-per-week", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    options = SolveOptions(args.seconds_per_week, args.workers, args.seed)
    people, counsellor = team(rng)
    short = {p.id: 0 for p in people}
    heavy = {p.id: 0 for p in people}
    valid, max_deviation, total_seconds = True, 0, 0.0
    last: tuple[Problem, Rota] | None = None
    for week in range(4):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        slots = week_rounds(rng, monday, week) + depot_slots(monday, SETTINGS)
        problem = Problem(week_people(people, counsellor, monday, short, heavy), tuple(slots))
        started = time.perf_counter()
        rota = solve(problem, options)
        seconds = time.perf_counter() - started
        total_seconds += seconds
        broken = check(problem, rota.assignments) if rota.found else ["no rota"]
        valid = valid and not broken
        minutes = worked(problem, rota)
        deviation, worst = max((p.weekly_minutes - minutes[p.id], p.name) for p in problem.people)
        max_deviation = max(max_deviation, deviation)
        slot_of = {s.id: s for s in problem.slots}
        for a in rota.assignments:
            heavy[a.person_id] += int(slot_of[a.slot_id].heavy)
        for p in problem.people:
            short[p.id] += p.weekly_minutes - minutes[p.id]
        heavies = sum(s.heavy for s in problem.slots if s.kind == "round")
        print(
            f"week {week + 1}: {rota.status.value} in {seconds:.2f} s, {len(rota.assignments)} "
            f"assignments, {heavies} heavy rounds, largest deviation {deviation / 60:.2f} h "
            f"({worst}), "
            f"checker: {'ok' if not broken else broken[:3]}"
        )
        last = (problem, rota)
    shares = [
        heavy[p.id] * FULL_TIME_MINUTES / p.weekly_minutes / 4
        for p in people
        if not p.load_restriction
    ]
    spread = max(shares) - min(shares)
    assert last is not None
    problem, rota = last
    tuesday = FIRST_MONDAY + timedelta(weeks=3, days=1)
    first_round = min(
        (s for s in problem.slots if s.day == tuesday and s.needs_driver), key=lambda s: s.start
    )
    driver = next(a.person_id for a in rota.assignments if a.slot_id == first_round.id and a.driver)
    ill = problem.person(driver)
    ill = replace(ill, away=(*ill.away, Away(tuesday, 0, 24 * 60, "est en arrêt maladie")))
    again = replace(
        problem,
        people=tuple(ill if p.id == driver else p for p in problem.people),
        previous=rota.assignments,
    )
    started = time.perf_counter()
    replanned = solve(again, options)
    replan_seconds = time.perf_counter() - started
    broken = check(again, replanned.assignments) if replanned.found else ["no rota"]
    valid = valid and not broken
    changed = len(set(rota.assignments) ^ set(replanned.assignments))
    where = (
        "the whole week"
        if replanned.repaired_days is None
        else ", ".join(d.isoformat() for d in replanned.repaired_days)
    )
    print(
        f"sick day: {ill.name} on {tuesday}: re-planned {where} in {replan_seconds:.2f} s, "
        f"{changed} assignments changed, checker: {'ok' if not broken else broken[:3]}"
    )
    print(f"four weeks solved in {total_seconds:.2f} s (target < 5 s)")
    print(
        f"rota: valid={'yes' if valid else 'no'} seconds={total_seconds:.2f} "
        f"max_deviation_h={max_deviation / 60:.2f} spread={spread:.2f} "
        f"changed_after_sick_day={changed}"
    )


if __name__ == "__main__":
    main()

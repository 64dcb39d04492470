"""The week's rota by OR-Tools CP-SAT: a pure function of a ``Problem`` (no database inside).

One boolean per (person, slot) a person may take at all (``eligibility.why_not``), one more per
(licensed person, round) for who drives. Hard rules are constraints: contracted hours as a
maximum, availability, never two places at once, the day's maximum, the daily rest between two
days, the lunch break, and the crews (one licensed driver, enough people, someone experienced
or the encadrant, nobody with a load restriction on a heavy round); depot half-days keep their
minimum and maximum. The soft rules are one weighted objective whose weights follow their order
(``WEIGHTS``): close to contracted hours first, then fairness over four weeks, usual days and
hours, and last stability against the previous rota.

Re-planning (``previous`` given) first keeps every day the change does not touch exactly as it
was, and re-plans only the touched days; if that cannot work, it re-plans the week, still
keeping as many assignments as it can. The search is time-limited and returns the best rota
found; when none exists, ``explain`` says why in French.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ortools.sat.python import cp_model

from logistics.rota.checker import check
from logistics.rota.eligibility import why_not
from logistics.rota.explain import explain
from logistics.rota.model import Assignment, Person, Problem, Rota, Slot, Status, overlaps
from logistics.rota.progress import RotaWatch

LUNCH_STEP_MINUTES = 15
"""The lunch break may start every quarter of an hour inside its window."""

FULL_TIME_MINUTES = 35 * 60
"""Fair shares are counted per full-time week: 20 h contracts carry 20/35 of a 35 h one."""


@dataclass(frozen=True)
class Weights:
    """One objective, the soft rules in order: a minute short of a contract outweighs any
    fairness gain, which outweighs usual days, which outweigh a kept assignment."""

    short_minute: int = 1000
    max_short_minute: int = 1000
    unfair_hours: int = 3  # per point (1/10 000) of the worst four-week shortfall ratio
    unfair_heavy: int = 40  # per 1/100 of heavy round per full-time week, max − min
    unusual: int = 60  # per assignment on an unusual day or outside the usual hours
    changed: int = 30  # per assignment added or removed against the previous rota


WEIGHTS = Weights()


@dataclass(frozen=True)
class SolveOptions:
    time_limit_s: float = 10.0
    workers: int = 2  # the server's cores are shared with the web process
    seed: int = 1


def solve(
    problem: Problem, options: SolveOptions | None = None, watch: RotaWatch | None = None
) -> Rota:
    """The best rota found for ``problem`` within the time limit, or why there is none;
    ``watch`` follows the search from another thread and may stop it early."""
    options = options or SolveOptions()
    started = time.monotonic()
    if problem.previous:
        touched = touched_days(problem)
        if touched is not None:
            repaired = _solve(problem, options, frozen_except=touched, watch=watch)
            if repaired.found:
                return replace(
                    repaired, seconds=time.monotonic() - started, repaired_days=tuple(touched)
                )
    rota = _solve(problem, options, frozen_except=None, watch=watch)
    if not rota.found:
        quick = SolveOptions(time_limit_s=min(2.0, options.time_limit_s), workers=1)

        def solve_day(day: Problem) -> Status:
            return _solve(day, quick, frozen_except=None).status

        rota = replace(rota, explanations=tuple(explain(problem, rota.status, solve_day)))
    return replace(rota, seconds=time.monotonic() - started)


def touched_days(problem: Problem) -> list[date] | None:
    """The days where the previous rota no longer holds (someone away, a round added, a crew
    broken), found by the independent checker; None when a broken rule is not of one
    day (a contract's weekly hours) and the whole week must be re-planned."""
    slot_days = {s.id: s.day for s in problem.slots}
    days: set[date] = set()
    kept = tuple(a for a in problem.previous if a.slot_id in slot_days)  # a round dropped: gone
    for violation in check(problem, kept):
        if violation.day is None:
            return None
        days.add(violation.day)
    return sorted(days)


class _Model:
    """The CP-SAT variables of one problem and the constraints between them."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, str], cp_model.IntVar] = {}
        self.drive: dict[tuple[int, str], cp_model.IntVar] = {}
        self.by_person: dict[int, list[Slot]] = defaultdict(list)
        for person in problem.people:
            for slot in problem.slots:
                if why_not(person, slot) is None:
                    self.x[(person.id, slot.id)] = self.model.new_bool_var(
                        f"x_{person.id}_{slot.id}"
                    )
                    self.by_person[person.id].append(slot)
                    if slot.needs_driver and person.licence:
                        self.drive[(person.id, slot.id)] = self.model.new_bool_var(
                            f"d_{person.id}_{slot.id}"
                        )

    def on(self, person: Person, slots: Iterable[Slot]) -> list[cp_model.IntVar]:
        return [self.x[(person.id, s.id)] for s in slots if (person.id, s.id) in self.x]

    def hard_rules(self) -> None:
        rules = self.problem.rules
        for person in self.problem.people:
            mine = self.by_person[person.id]
            worked = sum(s.work_minutes * self.x[(person.id, s.id)] for s in mine)
            self.model.add(worked <= person.weekly_minutes)
            by_day: dict[date, list[Slot]] = defaultdict(list)
            for slot in mine:
                by_day[slot.day].append(slot)
            for slots in by_day.values():
                day_work = sum(s.work_minutes * self.x[(person.id, s.id)] for s in slots)
                self.model.add(day_work <= rules.max_day_minutes)
                self._lunch(person, slots)
            for a in mine:
                for b in mine:
                    if a.id < b.id and _clash(a, b, rules.min_rest_minutes):
                        self.model.add(self.x[(person.id, a.id)] + self.x[(person.id, b.id)] <= 1)
        for slot in self.problem.slots:
            crew = [
                self.x[(p.id, slot.id)] for p in self.problem.people if (p.id, slot.id) in self.x
            ]
            self.model.add(sum(crew) >= slot.min_people)
            self.model.add(sum(crew) <= slot.max_people)
            if slot.needs_driver:
                drivers = [v for (p, s), v in self.drive.items() if s == slot.id]
                self.model.add(sum(drivers) == 1)
                for (p, s), v in self.drive.items():
                    if s == slot.id:
                        self.model.add_implication(v, self.x[(p, s)])
            if slot.needs_lead:
                leads = [
                    self.x[(p.id, slot.id)]
                    for p in self.problem.people
                    if p.can_lead and (p.id, slot.id) in self.x
                ]
                self.model.add(sum(leads) >= 1)

    def _lunch(self, person: Person, slots: list[Slot]) -> None:
        """A break of ``lunch_minutes`` inside the lunch window, free of every slot, unless a
        slot of the day has it inside (a round's crew eats on the way)."""
        rules = self.problem.rules
        if rules.lunch_minutes <= 0:
            return
        window = (rules.lunch_earliest, rules.lunch_latest_end)
        plain = [s for s in slots if not s.includes_lunch and overlaps(s.start, s.end, *window)]
        if not plain:
            return
        starts = range(
            rules.lunch_earliest,
            rules.lunch_latest_end - rules.lunch_minutes + 1,
            LUNCH_STEP_MINUTES,
        )
        options = [self.x[(person.id, s.id)] for s in slots if s.includes_lunch]
        for start in starts:
            free = self.model.new_bool_var(f"lunch_{person.id}_{slots[0].day}_{start}")
            for slot in plain:
                if overlaps(slot.start, slot.end, start, start + rules.lunch_minutes):
                    self.model.add_implication(free, self.x[(person.id, slot.id)].Not())
            options.append(free)
        self.model.add_bool_or(options)

    def freeze(self, days: set[date]) -> None:
        """Keep every assignment of the other days as the previous rota had it."""
        before = {(a.person_id, a.slot_id): a.driver for a in self.problem.previous}
        for (person_id, slot_id), var in self.x.items():
            slot = self.problem.slot(slot_id)
            if slot.day in days:
                continue
            kept = (person_id, slot_id) in before
            self.model.add(var == int(kept))
            if (person_id, slot_id) in self.drive:
                self.model.add(
                    self.drive[(person_id, slot_id)] == int(before.get((person_id, slot_id), False))
                )

    def objective(self, weights: Weights) -> None:
        terms = []
        max_short = self.model.new_int_var(0, 7 * 24 * 60, "max_short")
        worst_ratio = self.model.new_int_var(0, 10_000 * 8, "worst_ratio")
        heavy_shares = []
        for person in self.problem.people:
            mine = self.by_person[person.id]
            worked = sum(s.work_minutes * self.x[(person.id, s.id)] for s in mine)
            short = person.weekly_minutes - worked
            terms.append(weights.short_minute * short)
            self.model.add(max_short >= short)
            if person.weekly_minutes > 0:  # the share of four weeks' contract not worked
                four_weeks = 4 * person.weekly_minutes
                self.model.add(
                    worst_ratio * four_weeks >= 10_000 * (person.past_short_minutes + short)
                )
            if not person.load_restriction and person.weekly_minutes > 0:
                heavy = person.past_heavy + sum(self.on(person, (s for s in mine if s.heavy)))
                per_full_time = round(100 * FULL_TIME_MINUTES / person.weekly_minutes)
                heavy_shares.append(per_full_time * heavy)
            for slot in mine:
                if _unusual(person, slot):
                    terms.append(weights.unusual * self.x[(person.id, slot.id)])
        terms.append(weights.max_short_minute * max_short)
        terms.append(weights.unfair_hours * worst_ratio)
        if len(heavy_shares) > 1:
            top = self.model.new_int_var(0, 10**7, "heavy_top")
            bottom = self.model.new_int_var(0, 10**7, "heavy_bottom")
            self.model.add_max_equality(top, heavy_shares)
            self.model.add_min_equality(bottom, heavy_shares)
            terms.append(weights.unfair_heavy * (top - bottom))
        before = {(a.person_id, a.slot_id) for a in self.problem.previous}
        for key, var in self.x.items():
            terms.append(weights.changed * (1 - var if key in before else var))
        self.model.minimize(sum(terms))

    def rota(self, solver: cp_model.CpSolver) -> tuple[Assignment, ...]:
        return tuple(
            Assignment(
                person_id,
                slot_id,
                bool(solver.value(self.drive[(person_id, slot_id)]))
                if (person_id, slot_id) in self.drive
                else False,
            )
            for (person_id, slot_id), var in self.x.items()
            if solver.value(var)
        )


def _clash(a: Slot, b: Slot, min_rest: int) -> bool:
    """Two slots one person cannot both take: at the same time, or too close across a night."""
    if a.day == b.day:
        return overlaps(a.start, a.end, b.start, b.end)
    first, second = (a, b) if a.day < b.day else (b, a)
    if (second.day - first.day).days != 1:
        return False
    return (24 * 60 - first.end) + second.start < min_rest


def _unusual(person: Person, slot: Slot) -> bool:
    if person.usual_days and slot.day.isoweekday() not in person.usual_days:
        return True
    if person.usual_hours is not None:
        start, end = person.usual_hours
        return slot.start < start or slot.end > end
    return False


def _solve(
    problem: Problem,
    options: SolveOptions,
    frozen_except: list[date] | None,
    watch: RotaWatch | None = None,
) -> Rota:
    built = _Model(problem)
    built.hard_rules()
    if frozen_except is not None:
        built.freeze(set(frozen_except))
    built.objective(WEIGHTS)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit_s
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    if watch is not None and watch.stop_requested:
        return Rota(Status.UNKNOWN)
    status = solver.solve(built.model, watch.callback(solver) if watch else None)
    if status == cp_model.OPTIMAL:
        return Rota(Status.OPTIMAL, built.rota(solver))
    if status == cp_model.FEASIBLE:
        return Rota(Status.FEASIBLE, built.rota(solver))
    if status == cp_model.INFEASIBLE:
        return Rota(Status.INFEASIBLE)
    return Rota(Status.UNKNOWN)

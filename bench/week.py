"""The planner against a solver used bare, on generated weeks of 60, 150 and 300 requests.

Weeks come from ``weeks.generate_week`` (a van with up to three trips and a car with one, five
days, donors' opening hours and allowed weekdays, a 45-minute lunch between 12:00 and 13:30,
15-minute unloads, a third of the requests mandatory, the others optional with priorities).
Each week is solved by:

- ``planner``: the app's ``routes.optimiser.plan_week``;
- ``pyvrp``: a plain PyVRP model of the same week written here, the obvious way (one client
  per request, day and opening window; mandatory requests required; a lunch candidate at the
  depot and at every stop open that day; the unload added to the travel time of every leg
  into the depot), one solve;
- ``vroom``: VROOM through pyvroom when it is installed (``pip install pyvroom``), which has no
  reloads: its van does one trip a day; mandatory requests have priority 100, optional ones
  their priority.

Every plan is re-checked by ``week_check.violations`` (its own code) and scored in km of
detour: ``prize`` is 15 per priority point of the optional requests served, ``objective`` is
prize − km. A plan serving fewer mandatory requests loses to one serving more; a plan the
checker refuses loses to any. Last line: ``week: instances=N planner_wins_or_ties=K
worst_ratio=R``, R the lowest over instances of the planner's objective over the best other
solver's (a tie within 0.5 % counts as a tie).

    .venv/bin/python bench/week.py            # 60/150/300 × seeds 1-3 × 5 s and 30 s
    .venv/bin/python bench/week.py --quick    # 60 and 150, seed 1, 5 s
"""

from __future__ import annotations

import argparse
import math
import time as timer
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time, timedelta

import numpy as np
from pyvrp import Client, ClientGroup, Depot, Location, ProblemData, Route, VehicleType, solve
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxRuntime
from week_check import violations
from weeks import generate_week

from routes.matrix import TravelMatrix, estimate_matrix
from routes.model import (
    LeftOut,
    LunchPlace,
    Plan,
    PlanningProblem,
    Point,
    Round,
    SolverSettings,
    Stop,
    Vehicle,
    Visit,
    VisitKind,
    seconds,
)
from routes.optimiser import plan_week

DAY_S = 86_400
KM_PER_PRIORITY = 15
TIE = 0.005


def clock(total: int) -> time:
    total = max(0, min(total, DAY_S - 1))
    return time(total // 3600, total % 3600 // 60, total % 60)


@dataclass(frozen=True)
class Meaning:
    """What a client of the plain model stands for: a stop, or a lunch (stop is None)."""

    stop: Stop | None
    location: int


def week_matrix(problem: PlanningProblem) -> TravelMatrix:
    """The depot, then every stop in order: the same travel for every solver."""
    return estimate_matrix([problem.depot, *(s.point for s in problem.stops if s.point)])


def slots(problem: PlanningProblem, stop: Stop) -> list[tuple[int, int, int]]:
    """(day, earliest start, latest start) of service, seconds since Monday 0:00."""
    rules = problem.rules
    found = []
    for day, when in enumerate(problem.days):
        weekday = when.weekday()
        if stop.weekdays is not None and weekday not in stop.weekdays:
            continue
        for window in stop.windows_on(weekday, rules):
            early = max(seconds(window.start), seconds(rules.day_start))
            late = min(seconds(window.end), seconds(rules.day_end))
            late -= int(stop.service.total_seconds())
            if late >= early:
                found.append((day, day * DAY_S + early, day * DAY_S + late))
    return found


def plain_pyvrp(problem: PlanningProblem, matrix: TravelMatrix, limit_s: float, seed: int) -> Plan:
    """The week as a PyVRP user would write it without the planner (see the module's doc)."""
    rules, lunch = problem.rules, problem.rules.lunch
    vehicle_days = [
        (v, d)
        for v in problem.vehicles
        for d, when in enumerate(problem.days)
        if when.weekday() in v.weekdays
    ]
    n = len(problem.stops)
    lunch_at_depot = n + 1  # a copy of the depot: a leg to it is no unload
    size = n + 2
    distance = np.zeros((size, size), dtype=np.int64)
    distance[: n + 1, : n + 1] = matrix.distance_m
    distance[lunch_at_depot], distance[:, lunch_at_depot] = distance[0], distance[:, 0]
    base = np.zeros((size, size), dtype=np.int64)
    base[: n + 1, : n + 1] = matrix.duration_s
    base[lunch_at_depot], base[:, lunch_at_depot] = base[0], base[:, 0]
    unloads = sorted({v.unload_s for v in problem.vehicles})
    durations = []
    for unload_s in unloads:
        into_depot = base.copy()
        into_depot[:, 0] += unload_s  # every leg into the depot ends with the unload
        into_depot[0, 0] = 0
        durations.append(into_depot)
    points = [problem.depot, *(s.point for s in problem.stops if s.point), problem.depot]
    locations = [Location(p.lon, p.lat) for p in points]
    tokens = len(problem.vehicles)
    clients: list[Client] = []
    meanings: list[Meaning] = []
    groups: list[ClientGroup] = []

    def add(
        options: list[dict[str, int | list[int]]], meaning: list[Meaning], required: bool
    ) -> None:
        group = None
        if len(options) > 1:
            group = len(groups)
            groups.append(ClientGroup(required=required))
        for fields in options:
            if group is not None:
                groups[group].add_client(len(clients))
            clients.append(Client(**fields, required=required and group is None, group=group))  # type: ignore[arg-type]
        meanings.extend(meaning)

    open_on: dict[int, set[int]] = {}
    for location, stop in enumerate(problem.stops, start=1):
        found = slots(problem, stop)
        if not found:
            continue
        common = {
            "location": location,
            "pickup": [math.ceil(stop.weight_kg), math.ceil(stop.volume_m3 * 1000), *[0] * tokens],
            "service_duration": int(stop.service.total_seconds()),
            "prize": 0 if stop.mandatory else stop.priority * KM_PER_PRIORITY * 1000,
        }
        add(
            [{**common, "tw_early": e, "tw_late": late} for _, e, late in found],
            [Meaning(stop, location)] * len(found),
            stop.mandatory,
        )
        for day, _, _ in found:
            open_on.setdefault(day, set()).add(location)
    if lunch:
        length = lunch.minutes * 60
        for vehicle, day in vehicle_days:
            token = [0, 0, *[0] * tokens]
            token[2 + problem.vehicles.index(vehicle)] = 1
            places = [lunch_at_depot]
            if lunch.place is LunchPlace.CREW:
                places += sorted(open_on.get(day, ()))
            add(
                [
                    {
                        "location": place,
                        "pickup": token,
                        "service_duration": length,
                        "tw_early": day * DAY_S + seconds(lunch.earliest),
                        "tw_late": day * DAY_S + seconds(lunch.latest_end) - length,
                    }
                    for place in places
                ],
                [Meaning(None, place) for place in places],
                True,
            )
    types = []
    for vehicle, day in vehicle_days:
        mine = [int(i == problem.vehicles.index(vehicle)) for i in range(tokens)]
        reloads = vehicle.max_reloads
        types.append(
            VehicleType(
                capacity=[int(vehicle.capacity_kg), int(vehicle.capacity_m3 * 1000), *mine],
                tw_early=day * DAY_S + seconds(rules.day_start),
                tw_late=day * DAY_S + seconds(rules.day_end),
                shift_duration=rules.max_day_minutes * 60,
                reload_depots=[0] if vehicle.multiple_trips else [],
                max_reloads=int(np.iinfo(np.uint64).max) if reloads is None else reloads,
                profile=unloads.index(vehicle.unload_s),
            )
        )
    data = ProblemData(
        locations=locations,
        clients=clients,
        depots=[Depot(location=0)],
        vehicle_types=types,
        distance_matrices=[distance] * len(unloads),  # type: ignore[list-item]
        duration_matrices=durations,  # type: ignore[arg-type]
        groups=groups,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        best = solve(data, stop=MaxRuntime(limit_s), seed=seed, display=False).best
    if not best.is_feasible():
        return Plan((), (), ("infeasible",))
    rounds = tuple(
        _plain_round(problem, vehicle_days, meanings, points, route) for route in best.routes()
    )
    return _with_left_out(problem, rounds)


def _plain_round(
    problem: PlanningProblem,
    vehicle_days: list[tuple[Vehicle, int]],
    meanings: list[Meaning],
    points: list[Point],
    route: Route,
) -> Round:
    vehicle, day = vehicle_days[route.vehicle_type()]
    offset, unload = day * DAY_S, vehicle.unload_s
    visits = []
    for activity in route.schedule()[1:-1]:
        arrived = activity.start_time - activity.wait_duration - offset
        if activity.is_depot():  # the leg in carried the unload: the crew came in earlier
            visits.append(_unload_visit(problem, arrived - unload, activity.end_time - offset))
            continue
        meaning = meanings[activity.idx]
        start, end = clock(activity.start_time - offset), clock(activity.end_time - offset)
        stop = meaning.stop
        kind = VisitKind.LUNCH if stop is None else VisitKind.STOP
        visits.append(
            Visit(
                kind, stop and stop.ref, points[meaning.location], clock(arrived), start, end, 0, 0
            )
        )
    back = route.end_time() - offset
    if unload:
        visits.append(_unload_visit(problem, back - unload, back))
    return Round(
        vehicle,
        problem.days[day],
        problem.depot,
        clock(route.start_time() - offset),
        clock(back),
        tuple(visits),
        route.distance(),
        route.duration(),
    )


def _visit(
    kind: VisitKind, ref: str | None, point: Point, arrival: int, start: int, end: int
) -> Visit:
    """A line of a round sheet from seconds of its day (the checker reads no loads)."""
    return Visit(kind, ref, point, clock(arrival), clock(start), clock(end), 0.0, 0.0)


def _unload_visit(problem: PlanningProblem, arrived: int, leaves: int) -> Visit:
    return _visit(VisitKind.UNLOAD, None, problem.depot, arrived, arrived, leaves)


def _with_left_out(problem: PlanningProblem, rounds: tuple[Round, ...]) -> Plan:
    served = {ref for r in rounds for ref in r.stop_refs}
    return Plan(
        rounds, tuple(LeftOut(s.ref, "non servi") for s in problem.stops if s.ref not in served)
    )


def vroom_plan(problem: PlanningProblem, matrix: TravelMatrix, limit_s: float, seed: int) -> Plan:
    """VROOM on the week: one vehicle per vehicle-day, one trip each (VROOM has no reloads)."""
    import vroom

    rules, lunch = problem.rules, problem.rules.lunch
    vehicle_days = [
        (v, d)
        for v in problem.vehicles
        for d, when in enumerate(problem.days)
        if when.weekday() in v.weekdays
    ]
    solver = vroom.Input()
    solver.set_durations_matrix("car", matrix.duration_s)
    solver.set_distances_matrix("car", matrix.distance_m)
    solver.set_costs_matrix("car", matrix.distance_m)
    for number, (vehicle, day) in enumerate(vehicle_days):
        offset = day * DAY_S
        breaks = []
        if lunch:
            length = lunch.minutes * 60
            window = vroom.TimeWindow(
                offset + seconds(lunch.earliest), offset + seconds(lunch.latest_end) - length
            )
            breaks.append(vroom.Break(number, [window], service=length))
        solver.add_vehicle(
            vroom.Vehicle(
                number,
                start=0,
                end=0,
                capacity=[int(vehicle.capacity_kg), int(vehicle.capacity_m3 * 1000)],
                time_window=vroom.TimeWindow(
                    offset + seconds(rules.day_start),
                    offset + seconds(rules.day_end) - vehicle.unload_s,
                ),
                breaks=breaks,
            )
        )
    for location, stop in enumerate(problem.stops, start=1):
        found = slots(problem, stop)
        if found:
            solver.add_job(
                vroom.Job(
                    location,
                    location,
                    default_service=int(stop.service.total_seconds()),
                    pickup=vroom.Amount(
                        [math.ceil(stop.weight_kg), math.ceil(stop.volume_m3 * 1000)]
                    ),
                    priority=100 if stop.mandatory else stop.priority,
                    time_windows=[vroom.TimeWindow(e, late) for _, e, late in found],
                )
            )
    solution = solver.solve(exploration_level=5, nb_threads=1, timeout=timedelta(seconds=limit_s))
    steps = solution.routes
    rounds = []
    for number, (vehicle, day) in enumerate(vehicle_days):
        mine = steps[steps["vehicle_id"] == number]
        if not (mine["type"] == "job").any():
            continue
        offset = day * DAY_S
        visits: list[Visit] = []
        steps_of = list(mine.itertuples())
        place, where, free = problem.depot, 0, 0
        for number_in_route, step in enumerate(steps_of):
            arrival = int(step.arrival) - offset
            start = arrival + int(step.waiting_time)
            end = start + int(step.service)
            if step.type == "start":
                free = arrival
            elif step.type == "job":
                stop = problem.stops[int(step.id) - 1]
                assert stop.point is not None
                place, where, free = stop.point, int(step.id), end
                visits.append(_visit(VisitKind.STOP, stop.ref, place, arrival, start, end))
            elif step.type == "break":
                # VROOM does not say where the break is: at the next task when the crew had
                # the time to drive there first, else where it was.
                after = next(s for s in steps_of[number_in_route + 1 :] if s.type != "break")
                going = 0 if after.type == "end" else int(after.id)
                if start >= free + int(matrix.duration_s[where, going]):
                    where = going
                    place = problem.depot if going == 0 else problem.stops[going - 1].point  # type: ignore[assignment]
                    free = start
                visits.append(_visit(VisitKind.LUNCH, None, place, arrival, start, end))
                free = end
        first, last = mine.iloc[0], mine.iloc[-1]
        leaves = int(first["arrival"]) - offset
        back = int(last["arrival"]) - offset
        if vehicle.unload_s:
            visits.append(_unload_visit(problem, back, back + vehicle.unload_s))
            back += vehicle.unload_s
        day_of = problem.days[day]
        distance_m = int(last["distance"])
        rounds.append(
            Round(
                vehicle,
                day_of,
                problem.depot,
                clock(leaves),
                clock(back),
                tuple(visits),
                distance_m,
                back - leaves,
            )
        )
    return _with_left_out(problem, tuple(rounds))


def planner(problem: PlanningProblem, matrix: TravelMatrix, limit_s: float, seed: int) -> Plan:
    """The app's planner; it asks the same travel estimate for the stops it keeps."""
    return plan_week(problem, estimate_matrix, SolverSettings(seed=seed, time_limit_s=limit_s))


@dataclass(frozen=True)
class Score:
    mandatory: int
    optional: int
    prize: float
    km: float
    refused: int
    seconds: float

    @property
    def objective(self) -> float:
        return self.prize - self.km

    def key(self) -> tuple[float, float, float]:
        """Feasible first, then mandatory requests served, then the objective."""
        return (0 if self.refused else 1, self.mandatory, self.objective)


def score(problem: PlanningProblem, plan: Plan, elapsed: float) -> Score:
    served = {ref for r in plan.rounds for ref in r.stop_refs}
    optional = [s for s in problem.stops if not s.mandatory and s.ref in served]
    refused = len(violations(problem, plan)) + (1 if plan.notices == ("infeasible",) else 0)
    return Score(
        mandatory=sum(1 for s in problem.stops if s.mandatory and s.ref in served),
        optional=len(optional),
        prize=KM_PER_PRIORITY * sum(s.priority for s in optional),
        km=plan.distance_m / 1000,
        refused=refused,
        seconds=elapsed,
    )


Solver = Callable[[PlanningProblem, TravelMatrix, float, int], Plan]


def solvers() -> dict[str, Solver]:
    found: dict[str, Solver] = {"planner": planner, "pyvrp": plain_pyvrp}
    try:
        import vroom  # noqa: F401
    except ImportError:
        print("pyvroom not installed: VROOM left out (pip install pyvroom)")
    else:
        found["vroom"] = vroom_plan
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description="The planner against bare solvers on weeks.")
    parser.add_argument("--quick", action="store_true", help="60 and 150 requests, seed 1, 5 s")
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 150, 300])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--seconds", type=float, nargs="+", default=[5.0, 30.0])
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.seeds, args.seconds = [60, 150], [1], [5.0]
    contenders = solvers()
    print(
        f"{'week':<12} {'s':>3} {'solver':<8} {'mand.':>7} {'opt.':>7} {'prize':>6} "
        f"{'km':>6} {'obj.':>7} {'time':>5}  check"
    )
    instances = wins = 0
    worst = math.inf
    for size in args.sizes:
        for seed in args.seeds:
            problem = generate_week(size, seed)
            matrix = week_matrix(problem)
            mandatory = sum(1 for s in problem.stops if s.mandatory)
            for limit in args.seconds:
                scores = {}
                for name, run in contenders.items():
                    started = timer.perf_counter()
                    plan = run(problem, matrix, limit, seed)
                    scores[name] = s = score(problem, plan, timer.perf_counter() - started)
                    verdict = "ok" if not s.refused else f"REFUSED ({s.refused})"
                    print(
                        f"{size:>3} seed {seed:<3} {limit:>3g} {name:<8} "
                        f"{s.mandatory:>3}/{mandatory:<3} {s.optional:>3}/{size - mandatory:<3} "
                        f"{s.prize:>6.0f} {s.km:>6.1f} {s.objective:>7.1f} {s.seconds:>5.1f}  "
                        f"{verdict}"
                    )
                mine = scores["planner"]
                others = [s for name, s in scores.items() if name != "planner" and not s.refused]
                instances += 1
                if not others:
                    wins += 1
                    continue
                best = max(others, key=Score.key)
                tied = (
                    mine.mandatory == best.mandatory
                    and mine.objective >= best.objective - TIE * abs(best.objective)
                )
                if not mine.refused and (mine.key() >= best.key() or tied):
                    wins += 1
                if best.objective > 0:
                    ratio = mine.objective / best.objective if not mine.refused else 0.0
                    worst = min(worst, ratio)
    print(f"week: instances={instances} planner_wins_or_ties={wins} worst_ratio={worst:.3f}")


if __name__ == "__main__":
    main()

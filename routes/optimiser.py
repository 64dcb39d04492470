"""Plan a week of collection rounds: screen the input, solve with PyVRP, read the rounds back."""

from __future__ import annotations

import math
import time as timer
import warnings
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from pyvrp import Activity, PenaltyParams, Route, Solution, SolveParams, solve
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.IteratedLocalSearch import IteratedLocalSearchParams
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, StoppingCriterion

from routes.formulation import (
    PENALTY_BOUND_FACTOR,
    BreakClient,
    Formulation,
    StopClient,
    formulate,
)
from routes.matrix import MatrixProvider, estimate_matrix
from routes.model import (
    LeftOut,
    Plan,
    PlanningProblem,
    Point,
    Round,
    SolverSettings,
    Visit,
    VisitKind,
    clock,
)
from routes.progress import SolveWatch
from routes.screening import DAY_S, screen
from routes.warmstart import as_solution, first_plan

# Of the time limit, what VROOM's first plan may take (routes.warmstart; it stops sooner when
# its search is done); PyVRP has the rest. At 150 requests VROOM still improves after 2.5 s.
VROOM_SHARE = 0.8

if TYPE_CHECKING:
    from datetime import time


def plan_week(
    problem: PlanningProblem,
    travel: MatrixProvider = estimate_matrix,
    solver: SolverSettings | None = None,
    watch: SolveWatch | None = None,
) -> Plan:
    """The rounds of the week and the stops left out, each with its reason in French.

    The mandatory stops are planned first, alone, then every stop from that plan, optional
    ones at their prize; the two phases share ``solver.time_limit_s`` (and
    ``max_iterations``). Measured on a 150-request week (bench/week.py, 5 s), a single solve
    with every prize at once placed 37 of 47 mandatory stops where the two phases placed 46:
    PyVRP's search rarely swaps an optional stop out for a mandatory one. Mandatory stops are
    worth a prize rather than required (``routes.formulation``), so a feasible plan always
    exists and the manager gets the best one found, never "no plan": required, they left
    the same week infeasible at half the time. A week with only mandatory stops (a Solomon
    instance) has them required, PyVRP's own way, as good as PyVRP alone; if no plan
    visits them all by half the time, the other half goes to the prize version.
    A week with optional stops first asks VROOM for a plan (``routes.warmstart``, at most
    ``VROOM_SHARE`` of the time) and PyVRP goes on from it for the rest, in one phase: on
    150-request weeks that start placed every mandatory stop where the two phases from a
    random plan placed 42 of 47. Without pyvroom, or when its plan does not read back as a
    feasible PyVRP plan, the two phases above run instead.
    A ``watch`` sees the search's progress from another thread and may end it early: the
    best plan so far is kept, and no further phase starts.
    """
    solver = solver or SolverSettings()
    screened = screen(problem)
    if not screened.stops:
        return Plan((), screened.left_out, screened.notices)
    points: list[Point] = [problem.depot]
    points += [stop.point for stop, _ in screened.stops if stop.point is not None]
    matrix = travel(points)

    phases = [0] if any(s.mandatory for s, _ in screened.stops) else []
    if not all(s.mandatory for s, _ in screened.stops):
        phases.append(solver.prize_per_priority_m)
    started = timer.perf_counter()
    solution: Solution | None = None
    if len(phases) == 2 or phases == [solver.prize_per_priority_m]:
        # A repeatable run (an iteration count) lets VROOM finish rather than time out.
        vroom_s = None if solver.max_iterations else solver.time_limit_s * VROOM_SHARE
        first = first_plan(problem, screened, matrix, vroom_s)
        if first is not None:
            formulation = formulate(
                problem,
                screened,
                matrix,
                solver.prize_per_priority_m,
                lunch_places=first.lunch_places,
            )
            start = as_solution(formulation, first)
            if start.is_feasible():
                left = solver.time_limit_s - (timer.perf_counter() - started)
                share = replace(solver, time_limit_s=max(left, 0.05))
                solution = _solve(formulation, share, start, watch=watch)
                phases = []
    for number, prize_per_priority_m in enumerate(phases):
        if solution is not None and watch is not None and watch.progress().stop_requested:
            break
        # Each phase has its share of what is left: PyVRP's first descent is not timed.
        left = solver.time_limit_s - (timer.perf_counter() - started)
        share = replace(
            solver,
            time_limit_s=max(left / (len(phases) - number), 0.05),
            max_iterations=None
            if solver.max_iterations is None
            else max(solver.max_iterations // len(phases), 1),
        )
        if len(phases) == 1 and prize_per_priority_m == 0:
            formulation = formulate(problem, screened, matrix, 0, mandatory_required=True)
            budget = _Budget(share, give_up_infeasible=True)
            solution = _solve(formulation, share, stop=budget, watch=watch)
            if solution.is_feasible():
                break
            left = solver.time_limit_s - (timer.perf_counter() - started)
            share = replace(share, time_limit_s=max(left, 0.05))
            solution = None
        formulation = formulate(problem, screened, matrix, prize_per_priority_m)
        solution = _solve(formulation, share, solution, watch=watch)
    assert solution is not None
    notices = screened.notices
    if not solution.is_feasible():
        notices += ("Aucune tournée réalisable trouvée : vérifier les horaires et la flotte.",)
        return Plan((), screened.left_out + _all_left_out(formulation), notices)

    rounds = tuple(
        _round(problem, formulation, route)
        for route in sorted(solution.routes(), key=lambda r: r.vehicle_type())
        if _stops_visited(formulation, route)
    )
    visited = {ref for round_ in rounds for ref in round_.stop_refs}
    unvisited = tuple(
        LeftOut(stop.ref, _unvisited_reason(stop.name, stop.mandatory))
        for stop, _ in screened.stops
        if stop.ref not in visited
    )
    return Plan(rounds, screened.left_out + unvisited, notices)


def stopping_criterion(solver: SolverSettings) -> StoppingCriterion:
    """Stop on the time limit, or earlier on the iteration count (which makes runs repeatable)."""
    if solver.max_iterations is None:
        return MaxRuntime(solver.time_limit_s)
    return MultipleCriteria([MaxIterations(solver.max_iterations), MaxRuntime(solver.time_limit_s)])


class _Budget:
    """``stopping_criterion``, and with ``give_up_infeasible`` a stop at half the time limit
    while the best solution is still infeasible (PyVRP then reports the largest cost)."""

    def __init__(self, solver: SolverSettings, give_up_infeasible: bool = False) -> None:
        self._inner = stopping_criterion(solver)
        self._give_up_after = solver.time_limit_s / 2 if give_up_infeasible else math.inf
        self._started = timer.perf_counter()

    def __call__(self, best_cost: int) -> bool:
        if self._inner(best_cost):
            return True
        stuck = best_cost >= _INFEASIBLE_COST
        return stuck and timer.perf_counter() - self._started > self._give_up_after


_INFEASIBLE_COST = int(np.iinfo(np.int64).max)


def _solve(
    formulation: Formulation,
    solver: SolverSettings,
    start: Solution | None = None,
    stop: StoppingCriterion | None = None,
    watch: SolveWatch | None = None,
) -> Solution:
    """The best plan PyVRP finds, from ``start`` (a plan of the same clients) when given.

    PyVRP's penalties may grow to ``PENALTY_BOUND_FACTOR`` times a mandatory stop's prize:
    with its default bound a prize this large outweighs any excess load or lateness.
    """
    stop = stop or stopping_criterion(solver)
    penalty = PenaltyParams(max_penalty=PENALTY_BOUND_FACTOR * formulation.mandatory_prize)
    params = SolveParams(penalty=penalty)
    if watch is not None:
        stop, callbacks = watch.criterion(
            stop, lambda s: sum(_stops_visited(formulation, r) for r in s.routes())
        )
        params = SolveParams(penalty=penalty, ils=IteratedLocalSearchParams(callbacks=callbacks))
    initial = None
    if start is not None and start.is_feasible():
        initial = Solution(
            formulation.data,
            [
                Route(
                    formulation.data,
                    [Activity(a.type, a.idx) for a in route.schedule()[1:-1]],
                    route.vehicle_type(),
                )
                for route in start.routes()
            ],
        )
    # PyVRP warns when it struggles to find a feasible plan; plan_week reports that case
    # itself (a notice), so the warning would only be noise in the logs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = solve(
            formulation.data,
            stop=stop,
            seed=solver.seed,
            collect_stats=False,
            display=False,
            params=params,
            initial_solution=initial,
        )
    return result.best


def _stops_visited(formulation: Formulation, route: Route) -> int:
    """How many of the route's visits are stops (not lunch breaks)."""
    return sum(
        a.is_client() and isinstance(formulation.clients[a.idx], StopClient)
        for a in route.schedule()
    )


def _round(problem: PlanningProblem, formulation: Formulation, route: Route) -> Round:
    """Read one PyVRP route back as a round sheet, with real (unrounded) loads.

    The service at the route's start depot is the unload that ends the day (see
    ``routes.formulation``): the crew leaves ``unload`` later than PyVRP's start and is done
    ``unload`` after PyVRP's end, after a last unload visit.
    """
    vehicle, day = formulation.vehicle_days[route.vehicle_type()]
    offset = day * DAY_S
    unload_s = vehicle.unload_s
    schedule = route.schedule()
    visits: list[Visit] = []
    load_kg = load_m3 = 0.0
    for activity in schedule[1:-1]:
        arrival = clock(activity.start_time - activity.wait_duration - offset)
        start, departure = clock(activity.start_time - offset), clock(activity.end_time - offset)
        if activity.is_depot():
            load_kg = load_m3 = 0.0
            visits.append(_unload(problem, arrival, start, departure))
            continue
        meaning = formulation.clients[activity.idx]
        if isinstance(meaning, BreakClient):
            point = _location_point(formulation, meaning.location, problem.depot)
            visits.append(
                Visit(VisitKind.LUNCH, None, point, arrival, start, departure, load_kg, load_m3)
            )
            continue
        stop = meaning.stop
        load_kg += stop.weight_kg
        load_m3 += stop.volume_m3
        assert stop.point is not None  # screened
        visits.append(
            Visit(
                VisitKind.STOP,
                stop.ref,
                stop.point,
                arrival,
                start,
                departure,
                load_kg,
                load_m3,
                windows=stop.windows_on(problem.days[day].weekday(), problem.rules),
                service=stop.service,
                label=stop.name,
                weight_kg=stop.weight_kg,
                volume_m3=stop.volume_m3,
            )
        )
    back = route.end_time() - offset
    if unload_s:
        visits.append(_unload(problem, clock(back), clock(back), clock(back + unload_s)))
    return Round(
        vehicle=vehicle,
        day=problem.days[day],
        depot=problem.depot,
        departure=clock(route.start_time() + unload_s - offset),
        return_=clock(back + unload_s),
        visits=tuple(visits),
        distance_m=route.distance(),
        duration_s=route.duration(),
    )


def _unload(problem: PlanningProblem, arrival: time, start: time, departure: time) -> Visit:
    return Visit(VisitKind.UNLOAD, None, problem.depot, arrival, start, departure, 0.0, 0.0)


def _location_point(formulation: Formulation, location: int, depot: Point) -> Point:
    if location == 0:
        return depot
    place = formulation.data.location(location)
    return Point(lat=place.y, lon=place.x)


def _unvisited_reason(name: str, mandatory: bool) -> str:
    if mandatory:
        return (
            f"{name} : impossible à placer cette semaine "
            "(horaires, capacité ou durée de journée insuffisants)"
        )
    return f"{name} : facultatif, pas de place dans les tournées de la semaine"


def _all_left_out(formulation: Formulation) -> tuple[LeftOut, ...]:
    stops = {c.stop.ref: c.stop for c in formulation.clients if isinstance(c, StopClient)}
    return tuple(LeftOut(ref, _unvisited_reason(s.name, s.mandatory)) for ref, s in stops.items())

"""Plan a week of collection rounds: screen the input, solve with PyVRP, read the rounds back."""

from __future__ import annotations

import warnings

from pyvrp import Route, Solution, SolveParams, solve
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.IteratedLocalSearch import IteratedLocalSearchParams
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, StoppingCriterion

from routes.formulation import BreakClient, Formulation, StopClient, formulate
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


def plan_week(
    problem: PlanningProblem,
    travel: MatrixProvider = estimate_matrix,
    solver: SolverSettings | None = None,
    watch: SolveWatch | None = None,
) -> Plan:
    """The rounds of the week and the stops left out, each with its reason in French.

    Mandatory stops are required in the first solve; only when the solver finds no plan
    visiting them all is the week solved again with them as very valuable optional stops,
    so the manager still gets rounds and the list of what did not fit. A ``watch`` sees the
    search's progress from another thread and may end it early (the best plan is kept).
    """
    solver = solver or SolverSettings()
    screened = screen(problem)
    if not screened.stops:
        return Plan((), screened.left_out, screened.notices)
    points: list[Point] = [problem.depot]
    points += [stop.point for stop, _ in screened.stops if stop.point is not None]
    matrix = travel(points)

    formulation = formulate(problem, screened, matrix, solver.prize_per_priority_m)
    solution = _solve(formulation, solver, watch)
    notices = screened.notices
    if not solution.is_feasible():
        formulation = formulate(
            problem, screened, matrix, solver.prize_per_priority_m, mandatory_as_prize=True
        )
        solution = _solve(formulation, solver, watch)
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


def _solve(
    formulation: Formulation, solver: SolverSettings, watch: SolveWatch | None = None
) -> Solution:
    stop = stopping_criterion(solver)
    params = SolveParams()
    if watch is not None:
        stop, callbacks = watch.criterion(
            stop, lambda s: sum(_stops_visited(formulation, r) for r in s.routes())
        )
        params = SolveParams(ils=IteratedLocalSearchParams(callbacks=callbacks))
    # PyVRP warns when it struggles to find a feasible plan; plan_week handles that case
    # itself (fallback, then a notice), so the warning would only be noise in the logs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = solve(
            formulation.data,
            stop=stop,
            seed=solver.seed,
            collect_stats=False,
            display=False,
            params=params,
        )
    return result.best


def _stops_visited(formulation: Formulation, route: Route) -> int:
    """How many of the route's visits are stops (not lunch breaks)."""
    return sum(
        a.is_client() and isinstance(formulation.clients[a.idx], StopClient)
        for a in route.schedule()
    )


def _round(problem: PlanningProblem, formulation: Formulation, route: Route) -> Round:
    """Read one PyVRP route back as a round sheet, with real (unrounded) loads."""
    vehicle, day = formulation.vehicle_days[route.vehicle_type()]
    offset = day * DAY_S
    schedule = route.schedule()
    visits: list[Visit] = []
    load_kg = load_m3 = 0.0
    for activity in schedule[1:-1]:
        arrival = clock(activity.start_time - activity.wait_duration - offset)
        start, departure = clock(activity.start_time - offset), clock(activity.end_time - offset)
        if activity.is_depot():
            load_kg = load_m3 = 0.0
            visits.append(
                Visit(VisitKind.UNLOAD, None, problem.depot, arrival, start, departure, 0.0, 0.0)
            )
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
    return Round(
        vehicle=vehicle,
        day=problem.days[day],
        depot=problem.depot,
        departure=clock(route.start_time() - offset),
        return_=clock(route.end_time() - offset),
        visits=tuple(visits),
        distance_m=route.distance(),
        duration_s=route.duration(),
    )


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

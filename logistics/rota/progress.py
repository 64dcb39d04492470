"""Watch a rota's search from another thread, and stop it early keeping the best rota found.

The rota is built in the background (never inside a request): whoever runs ``solve`` hands it a
``RotaWatch`` and reads ``progress()`` from its own thread — the page's progress line — while
CP-SAT works. CP-SAT reports each better rota through a solution callback, where the watch
records it; ``request_stop`` ends the search at once through the solver it is attached to.
Stopping early is not a failure: the best rota so far is returned, checked like any other.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class RotaProgress:
    """``searches`` counts the searches begun (the touched days first, then perhaps the week);
    ``solutions`` and ``best_objective`` are those of the current search."""

    searches: int
    solutions: int
    best_objective: float | None
    seconds: float
    stop_requested: bool


class RotaWatch:
    """Shared by the solver's thread (which reports) and its watcher (which reads and stops)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._solver: cp_model.CpSolver | None = None
        self._searches = 0
        self._solutions = 0
        self._best: float | None = None
        self._seconds = 0.0

    def request_stop(self) -> None:
        """End the search now; the best rota found so far is kept."""
        self._stop.set()
        with self._lock:
            if self._solver is not None:
                self._solver.stop_search()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def progress(self) -> RotaProgress:
        with self._lock:
            return RotaProgress(
                self._searches, self._solutions, self._best, self._seconds, self._stop.is_set()
            )

    def callback(self, solver: cp_model.CpSolver) -> cp_model.CpSolverSolutionCallback:
        """The callback of one search by ``solver``, which ``request_stop`` will stop."""
        with self._lock:
            self._solver = solver
            self._searches += 1
            self._solutions, self._best = 0, None
        return _Callback(self)

    def _found(self, objective: float, seconds: float) -> bool:
        with self._lock:
            self._solutions += 1
            self._best = objective
            self._seconds = seconds
        return self._stop.is_set()


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, watch: RotaWatch) -> None:
        super().__init__()
        self._watch = watch

    def on_solution_callback(self) -> None:
        if self._watch._found(self.objective_value, self.wall_time):
            self.stop_search()

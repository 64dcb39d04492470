"""Watch a solve from another thread, and stop it early keeping the best plan found.

A week of 150 requests searches for tens of seconds: whoever runs ``plan_week`` in the
background hands it a ``SolveWatch`` and reads ``progress()`` from its own thread while the
solver works. PyVRP calls its stopping criterion with the best cost once per iteration, which
is where the watch records that cost and answers "stop" when asked to; a new best plan is seen
through the search's ``on_best`` callback, where the stops it places are counted. Stopping
early is not a failure: the search returns its best solution, read back like any other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from pyvrp import Result, Solution
from pyvrp.IteratedLocalSearch import IteratedLocalSearch, IteratedLocalSearchCallbacks
from pyvrp.stop import StoppingCriterion

# PyVRP's cost of an infeasible solution: the largest 64-bit integer.
_INFEASIBLE = 2**62


@dataclass(frozen=True)
class Progress:
    """Where the search stands: ``best_cost`` and ``placed`` are those of the best feasible
    plan so far (None before there is one); ``solves`` counts the searches begun (a second one
    is the fallback that makes mandatory stops optional)."""

    iterations: int
    best_cost: int | None
    placed: int | None
    solves: int
    stop_requested: bool


class SolveWatch:
    """Shared by the solver's thread (which reports) and its watcher (which reads and stops)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._iterations = 0
        self._best_cost: int | None = None
        self._placed: int | None = None
        self._solves = 0

    def request_stop(self) -> None:
        """End the search at its next iteration; the best plan found so far is kept."""
        self._stop.set()

    def progress(self) -> Progress:
        with self._lock:
            return Progress(
                self._iterations,
                self._best_cost,
                self._placed,
                self._solves,
                self._stop.is_set(),
            )

    def criterion(
        self, inner: StoppingCriterion, placed: Callable[[Solution], int]
    ) -> tuple[StoppingCriterion, IteratedLocalSearchCallbacks]:
        """The stopping criterion and callbacks of one solve: ``inner`` (time or iteration
        limit) still applies; ``placed`` counts the stops a solution visits."""
        with self._lock:
            self._solves += 1
            # A fallback solve has other costs: its best starts afresh.
            self._best_cost = self._placed = None
        return _Criterion(self, inner), _Callbacks(self, placed)

    def _seen(self, best_cost: int) -> bool:
        with self._lock:
            self._iterations += 1
            if best_cost < _INFEASIBLE:
                self._best_cost = int(best_cost)
        return self._stop.is_set()

    def _best(self, placed: int) -> None:
        with self._lock:
            self._placed = placed


class _Criterion:
    def __init__(self, watch: SolveWatch, inner: StoppingCriterion) -> None:
        self._watch = watch
        self._inner = inner

    def __call__(self, best_cost: int) -> bool:
        # The inner criterion is asked every time: MaxRuntime starts its clock on its first call.
        return self._inner(best_cost) | self._watch._seen(best_cost)


class _Callbacks(IteratedLocalSearchCallbacks):
    def __init__(self, watch: SolveWatch, placed: Callable[[Solution], int]) -> None:
        self._watch = watch
        self._placed = placed

    def on_start(self, ils: IteratedLocalSearch) -> None:
        self.on_best(ils.initial_solution)

    def on_best(self, best: Solution) -> None:
        if best.is_feasible():
            self._watch._best(self._placed(best))

    def on_end(self, result: Result) -> None:
        self.on_best(result.best)

"""A rota's search is followed from another thread and stopped early keeping its best rota,
as the background job will do for the page's progress line."""

from __future__ import annotations

import threading
import time

from logistics.rota.checker import check
from logistics.rota.model import Problem, Status
from logistics.rota.progress import RotaWatch
from logistics.rota.solver import SolveOptions, solve
from tests.unit.rota.factories import depot_slot, person, round_slot

TEAM = tuple(
    person(n, f"Agent {n}", 20 + n % 4 * 5, licence=n % 3 == 0, experienced=n % 2 == 0)
    for n in range(1, 21)
)
WEEK = Problem(
    TEAM,
    (
        *(round_slot(f"r{n}", n % 5 + 1, people=2 + n % 2, heavy=n % 3 == 0) for n in range(8)),
        *(depot_slot(f"d{n}{h}", n, h == "pm", 1, 8) for n in range(1, 6) for h in ("am", "pm")),
    ),
)


def test_a_watched_search_reports_its_rotas_and_stops_when_asked_keeping_the_best() -> None:
    watch = RotaWatch()
    answers = []
    worker = threading.Thread(
        target=lambda: answers.append(solve(WEEK, SolveOptions(60, workers=1), watch))
    )
    started = time.monotonic()
    worker.start()
    while watch.progress().solutions == 0 and worker.is_alive():
        time.sleep(0.05)
    watch.request_stop()
    worker.join(timeout=30)

    (rota,) = answers
    assert rota.found and check(WEEK, rota.assignments) == []
    assert time.monotonic() - started < 30
    seen = watch.progress()
    assert seen.searches == 1 and seen.solutions >= 1 and seen.stop_requested


def test_a_search_stopped_before_it_starts_finds_nothing_and_says_so() -> None:
    watch = RotaWatch()
    watch.request_stop()

    rota = solve(WEEK, SolveOptions(60, workers=1), watch)

    assert rota.status == Status.UNKNOWN and "temps de calcul" in rota.explanations[0]

"""The search of one planning job, in a process of its own.

PyVRP's search is CPU-bound and holds Python's global lock for up to a few hundred
milliseconds at a time (measured: 310 ms on a Solomon instance): in a thread of the web
process it would stall every page while it runs. In a child process the web server keeps
answering. The child knows no database: it gets the problem, answers with its progress every
half second and the plan at the end, and stops early when its parent says so or goes away.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any

from logistics.rounds.storage import travel_of
from routes.model import PlanningProblem, SolverSettings
from routes.optimiser import plan_week
from routes.progress import SolveWatch

REPORT_S = 0.5


def context() -> BaseContext:
    """Fork server children: a fork of a clean process that already imported the planner,
    so a job starts in milliseconds, never a fork of the web process and its threads."""
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(["logistics.rounds.solver_process"])
    return forkserver


def solve(
    conn: Connection, problem: PlanningProblem, snap: dict[str, Any], solver: SolverSettings
) -> None:
    """The child's work: ``("progress", Progress)`` messages, then ``("plan", Plan)`` or
    ``("error", text)``. Any message from the parent, or its end, asks to stop."""
    watch = SolveWatch()
    finished = threading.Event()

    def report() -> None:
        while not finished.wait(REPORT_S):
            try:
                conn.send(("progress", watch.progress()))
                if conn.poll():
                    conn.recv()
                    watch.request_stop()
            except (EOFError, OSError):
                # The parent is gone: nobody would store the plan, stop searching.
                watch.request_stop()
                return

    reporter = threading.Thread(target=report, daemon=True)
    reporter.start()
    message: tuple[str, object]
    try:
        message = ("plan", plan_week(problem, travel_of(snap), solver, watch))
    except Exception as error:  # reported to the parent, which marks the job failed
        message = ("error", f"{type(error).__name__}: {error}")
    finished.set()
    reporter.join()
    with contextlib.suppress(OSError):  # the parent is gone
        conn.send(message)
    conn.close()

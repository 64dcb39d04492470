"""Plan a week in the background: start, follow, stop early, and the week's one job at a time.

Where the job runs: in the web process that started it, as an asyncio task driving a child
process (``solver_process``) that does the search. Not in the scheduler process: a manager
waiting for a plan would then depend on a second process polling a queue (``logistics
scheduler`` down, or slow to notice, and nothing moves), and its jobs run one after another.
Not in a thread of the web process either: PyVRP holds Python's global lock for hundreds of
milliseconds at a time, which would stall every page while a week is searched. The child
process keeps the server responsive; the state lives in the ``planning_job`` table, so any
web worker (``logistics serve --workers N``) shows a job's progress and passes on a stop.

The task writes the job's progress and heartbeat every second and reads its stop flag. The
draft is written at the end only, with the job's status, in one transaction: a job killed with
its process (a restart, a crash) leaves every plan as it was, and its row, marked running with
a heartbeat that no longer moves, is read as interrupted and no longer blocks the week.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

from inventory.engine import lock_row, write_transaction
from inventory.errors import Conflict, NotFound
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics import clock
from logistics.rounds import solver_process
from logistics.rounds.planning import PlanRequest, Prepared, prepare_plan, store_plan
from logistics.rounds.tables import JobStatus, PlanningJob
from routes.model import Plan
from routes.progress import Progress

logger = logging.getLogger(__name__)

HEARTBEAT_S = 1.0
STALE_AFTER = timedelta(seconds=20)
"""A running job whose heartbeat is older than this lost its process."""

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
INTERRUPTED_TEXT = (
    "Le calcul a été interrompu (le serveur a redémarré ou s'est arrêté) : "
    "les plannings déjà enregistrés sont inchangés. Relancez le calcul."
)

_tasks: dict[int, asyncio.Task[None]] = {}  # this process's running jobs, kept referenced


@dataclass(frozen=True)
class JobView:
    """A job as the pages and the API show it."""

    row: Mapping[str, Any]
    status: JobStatus

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def message(self) -> str:
        if self.status is JobStatus.INTERRUPTED:
            return INTERRUPTED_TEXT
        if self.status is JobStatus.FAILED:
            return str(self.row["error"])
        if self.status is JobStatus.DONE:
            return "Calcul terminé : le planning est enregistré en brouillon."
        if self.row["stop_requested"]:
            return "Arrêt demandé : le meilleur planning trouvé va être enregistré."
        if self.status is JobStatus.QUEUED:
            return "Démarrage du calcul…"
        return "Calcul en cours."


def status_of(row: Mapping[str, Any], now: datetime) -> JobStatus:
    """The stored status, except a running job whose heartbeat stopped: interrupted."""
    status = JobStatus(row["status"])
    if status in ACTIVE and now - row["heartbeat_at"] > STALE_AFTER:
        return JobStatus.INTERRUPTED
    return status


def busy_message(row: Mapping[str, Any]) -> str:
    at = row["started_at"].astimezone(clock.now().tzinfo)
    return (
        "Un calcul est déjà en cours pour cette semaine, lancé par "
        f"{row['started_by_name'] or 'un autre compte'} à {at:%H:%M}."
    )


async def start_plan(scope: Scope, wanted: PlanRequest, circumstances: Circumstances) -> int:
    """Check the choice, record the job and start its search; returns the job's id at once.

    Refused (``Conflict``) while another job of the association plans the same week: two
    managers would otherwise each get a draft and not know which one to publish.
    """
    prepared = await prepare_plan(scope, wanted, circumstances.at)
    organisation_id = scope.organisation_id
    now = clock.now()
    async with write_transaction(PlanningJob):
        # Two starts of one association's plans are taken one after the other.
        await lock_row(Organisation, organisation_id)
        running = await PlanningJob.select().where(
            PlanningJob.organisation == organisation_id,
            PlanningJob.week_start == wanted.week_start,
            PlanningJob.status.is_in(list(ACTIVE)),
        )
        for row in running:
            if status_of(row, now) in ACTIVE:
                raise Conflict(busy_message(row))
        if running:
            await PlanningJob.update(
                {PlanningJob.status: JobStatus.INTERRUPTED, PlanningJob.error: INTERRUPTED_TEXT}
            ).where(PlanningJob.id.is_in([row["id"] for row in running]))
        rows = await PlanningJob.insert(
            PlanningJob(
                organisation=organisation_id,
                week_start=wanted.week_start,
                status=JobStatus.QUEUED,
                request={
                    "vehicle_ids": list(wanted.vehicle_ids),
                    "subjects": {kind: list(ids) for kind, ids in wanted.subjects.items()},
                    "seed": prepared.solver.seed,
                },
                to_place=len(prepared.problem.stops),
                started_by=scope.actor_id or None,
                started_by_name=scope.actor_name,
                started_at=now,
                heartbeat_at=now,
                process_id=os.getpid(),
            )
        )
    job_id: int = rows[0]["id"]
    task = asyncio.create_task(_run(job_id, scope, wanted.week_start, prepared, circumstances))
    _tasks[job_id] = task
    task.add_done_callback(lambda _: _tasks.pop(job_id, None))
    return job_id


async def get_job(scope: Scope, job_id: int) -> JobView:
    row = await PlanningJob.select().where(PlanningJob.id == job_id).first()
    if row is None or not scope.can_read(row["organisation"]):
        raise NotFound("Calcul de tournées introuvable.")
    return JobView(row, status_of(row, clock.now()))


async def week_job(scope: Scope, week_start: date) -> JobView | None:
    """The association's job planning this week now, if any (shown on the new plan form)."""
    rows = await PlanningJob.select().where(
        PlanningJob.organisation == scope.organisation_id,
        PlanningJob.week_start == week_start,
        PlanningJob.status.is_in(list(ACTIVE)),
    )
    views = [JobView(row, status_of(row, clock.now())) for row in rows]
    return next((view for view in views if view.active), None)


async def stop_job(scope: Scope, job_id: int) -> JobView:
    """Ask the search to end now; the best plan found so far is stored as the draft.

    Asking again, or once the job is over, changes nothing.
    """
    job = await get_job(scope, job_id)
    scope.check_write(job.row["organisation"], "Calcul de tournées")
    if job.active and not job.row["stop_requested"]:
        await PlanningJob.update({PlanningJob.stop_requested: True}).where(PlanningJob.id == job_id)
    return await get_job(scope, job_id)


async def interrupt_all() -> None:
    """The server stops: this process's jobs end now, stored as interrupted (no draft)."""
    running = dict(_tasks)
    for task in running.values():
        task.cancel()
    await asyncio.gather(*running.values(), return_exceptions=True)
    if running:
        await PlanningJob.update(
            {
                PlanningJob.status: JobStatus.INTERRUPTED,
                PlanningJob.error: INTERRUPTED_TEXT,
                PlanningJob.finished_at: clock.now(),
            }
        ).where(PlanningJob.id.is_in(list(running)), PlanningJob.status.is_in(list(ACTIVE)))


async def _run(
    job_id: int,
    scope: Scope,
    week_start: date,
    prepared: Prepared,
    circumstances: Circumstances,
) -> None:
    """Drive the child's search, beat every second, store the draft at the end."""
    context = solver_process.context()
    ours, theirs = context.Pipe()
    child = context.Process(  # type: ignore[attr-defined]
        target=solver_process.solve,
        args=(theirs, prepared.problem, prepared.snapshot, prepared.solver),
        daemon=True,
        name=f"planning-job-{job_id}",
    )
    began = time.monotonic()
    try:
        child.start()
        theirs.close()
        await _beat(job_id, began, {PlanningJob.status: JobStatus.RUNNING})
        outcome = await _follow(job_id, began, ours)
        if isinstance(outcome, Plan):
            await _store(job_id, scope, week_start, prepared, outcome, circumstances, began)
        else:
            await _finish(job_id, began, JobStatus.FAILED, outcome)
    except Exception:
        logger.exception("planning job %s failed", job_id)
        await _finish(job_id, began, JobStatus.FAILED, "Le calcul a échoué (erreur interne).")
    finally:
        ours.close()
        # Without its pipe the child stops within a report's interval; the loop is not held.
        await asyncio.to_thread(child.join, 5)
        if child.is_alive():
            child.kill()


async def _follow(job_id: int, began: float, ours: Connection) -> Plan | str:
    """The child's plan, or the French reason it has none; progress and stop on the way."""
    stop_sent = False
    while True:
        messages = await asyncio.to_thread(_receive, ours, HEARTBEAT_S)
        latest: Progress | None = None
        for kind, body in messages:
            if kind == "plan":
                return body
            if kind == "error":
                logger.error("planning job %s: %s", job_id, body)
                return "Le calcul a échoué (erreur interne)."
            if kind == "gone":
                return "Le calcul s'est arrêté sans résultat (processus du calcul disparu)."
            latest = body
        stop = await _beat(job_id, began, _progress_columns(latest))
        if stop and not stop_sent:
            ours.send("stop")
            stop_sent = True


def _receive(conn: Connection, timeout: float) -> list[tuple[str, Any]]:
    """What the child sent within ``timeout`` (in a thread: the wait would block the loop)."""
    messages: list[tuple[str, Any]] = []
    if not conn.poll(timeout):
        return messages
    while conn.poll():
        try:
            messages.append(conn.recv())
        except (EOFError, OSError):
            return [*messages, ("gone", None)]
        if messages[-1][0] != "progress":
            break
    return messages


def _progress_columns(progress: Progress | None) -> dict[Any, Any]:
    if progress is None:
        return {}
    return {
        PlanningJob.iterations: progress.iterations,
        PlanningJob.best_cost: progress.best_cost,
        PlanningJob.placed: progress.placed,
    }


async def _beat(job_id: int, began: float, values: dict[Any, Any]) -> bool:
    """Write the heartbeat (and progress); whether a stop was asked."""
    rows = (
        await PlanningJob.update(
            {
                **values,
                PlanningJob.heartbeat_at: clock.now(),
                PlanningJob.seconds: time.monotonic() - began,
            }
        )
        .where(PlanningJob.id == job_id)
        .returning(PlanningJob.stop_requested)
    )
    return bool(rows and rows[0]["stop_requested"])


async def _store(
    job_id: int,
    scope: Scope,
    week_start: date,
    prepared: Prepared,
    plan: Plan,
    circumstances: Circumstances,
    began: float,
) -> None:
    """The draft and the job's end in one transaction: both or neither."""
    job = (
        await PlanningJob.select(PlanningJob.stop_requested).where(PlanningJob.id == job_id).first()
    )
    if job and job["stop_requested"]:
        notice = f"Calcul arrêté avant la fin après {time.monotonic() - began:.0f} s : "
        plan = replace(plan, notices=(*plan.notices, notice + "meilleur planning trouvé."))
    at = replace(circumstances, at=clock.now())
    async with write_transaction(PlanningJob):
        plan_id = await store_plan(scope, week_start, prepared, plan, at)
        await _finish(job_id, began, JobStatus.DONE, "", plan_id, len(_placed(plan)))


def _placed(plan: Plan) -> set[str]:
    return {ref for round_ in plan.rounds for ref in round_.stop_refs}


async def _finish(
    job_id: int,
    began: float,
    status: JobStatus,
    error: str,
    plan_id: int | None = None,
    placed: int | None = None,
) -> None:
    values: dict[Any, Any] = {
        PlanningJob.status: status,
        PlanningJob.error: error,
        PlanningJob.plan: plan_id,
        PlanningJob.finished_at: clock.now(),
        PlanningJob.heartbeat_at: clock.now(),
        PlanningJob.seconds: time.monotonic() - began,
    }
    if placed is not None:
        values[PlanningJob.placed] = placed
    await PlanningJob.update(values).where(PlanningJob.id == job_id)

"""Time the waiting list over 5,000 trainees on PostgreSQL (target: under 100 ms).

A throwaway database is created, migrated with the real migrations and filled in bulk: BLÉ
with 500 finished cycles of 10 trainees, 11 sessions each and every attendance ticked
(55,000 marks; about two thirds of the trainees eligible). The list runs through the real
service, median of several runs.

    .venv/bin/python bench/waiting_list.py [--trainees 5000] [--runs 9]
        [--postgres postgresql://postgres@127.0.0.1:5432] [--explain]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 4)


async def _admin(base_url: str, sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{base_url}/postgres")
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def child(trainees: int, runs: int, explain: bool) -> None:
    import asyncpg

    from inventory.parties import OrganisationKind
    from inventory.scope import Scope
    from logistics.accounts.permissions import permissions_of
    from logistics.accounts.roles import Role
    from logistics.database import migrate
    from logistics.trainees.tables import Trainee
    from logistics.trainees.waiting_list import waiting_list, waiting_query

    await migrate(quiet=True)
    connection = await asyncpg.connect(os.environ["DATABASE_URL"])
    rng = random.Random(1)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    started = time.perf_counter()
    ble = await connection.fetchval(
        "INSERT INTO organisation (name, code, kind, created_at)"
        " VALUES ('BLÉ', 'BLE', $1, $2) RETURNING id",
        OrganisationKind.INSTALLING.value,
        now,
    )
    await connection.copy_records_to_table(
        "trainee",
        columns=["id", "organisation", "first_name", "last_name", "neighbourhood", "prescriber",
                 "internet_at_home", "has_computer", "device_wanted", "registered_at"],
        records=[
            (i, ble, "Prénom", f"Nom{i}", "biollay", "ccas",
             "none" if rng.random() < 0.15 else "box", rng.random() < 0.3, "laptop",
             now - timedelta(days=rng.randint(0, 1500)))
            for i in range(1, trainees + 1)
        ],
    )  # fmt: skip
    cycles = trainees // 10
    cycle_rows, session_rows, enrolment_rows, marks = [], [], [], []
    for c in range(1, cycles + 1):
        ends = TODAY - timedelta(days=7 + c)
        cycle_rows.append((c, ble, f"Cycle {c}", 11, 10, ends - timedelta(weeks=10), ends, now))
        for m in range(1, 12):
            session_rows.append((c * 11 + m, c, m, ends - timedelta(weeks=11 - m)))
        for t in range((c - 1) * 10 + 1, c * 10 + 1):
            enrolment_rows.append((c, t, now))
            attended = rng.choice([5, 6, 7, 8, 9, 10, 11, 11])
            marks += [(c * 11 + m, t, m <= attended, now) for m in range(1, 12)]
    await connection.copy_records_to_table(
        "training_cycle",
        columns=["id", "organisation", "name", "modules", "places", "starts_on", "ends_on",
                 "created_at"],
        records=cycle_rows,
    )  # fmt: skip
    await connection.copy_records_to_table(
        "cycle_session", columns=["id", "cycle", "module", "day"], records=session_rows
    )
    await connection.copy_records_to_table(
        "enrolment", columns=["cycle", "trainee", "enrolled_at"], records=enrolment_rows
    )
    await connection.copy_records_to_table(
        "attendance", columns=["session", "trainee", "present", "ticked_at"], records=marks
    )
    await connection.execute("ANALYZE")
    await connection.close()
    generated = time.perf_counter() - started
    own = frozenset({ble})
    scope = Scope(1, "bench", ble, own, own, permissions_of(Role.INSTALLER))
    timings, places = [], []
    for _ in range(runs):
        begun = time.perf_counter()
        places = await waiting_list(scope, TODAY)
        timings.append(1000 * (time.perf_counter() - begun))
    print(f"trainees {trainees:,}  attendance marks {len(marks):,}  generated in {generated:.1f} s")
    print(f"waiting list: {len(places):,} places  median {statistics.median(timings):.1f} ms"
          f"  best {min(timings):.1f} ms  (target < 100 ms)")  # fmt: skip
    if explain:
        sql, arguments = waiting_query(scope, TODAY)
        plan = await Trainee.raw(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *arguments)
        print("\n".join(row["QUERY PLAN"] for row in plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--explain", action="store_true", help="print the query's plan")
    args = parser.parse_args()
    name = f"bench_waiting_{os.getpid()}"
    asyncio.run(_admin(args.postgres, f'CREATE DATABASE "{name}"'))
    try:
        os.environ["DATABASE_URL"] = f"{args.postgres}/{name}"
        os.environ.setdefault("DATA_DIR", "/tmp/bench-waiting")
        os.environ["DATABASE_POOL"] = "0"
        sys.path.insert(0, str(ROOT))
        asyncio.run(child(args.trainees, args.runs, args.explain))
    finally:
        asyncio.run(_admin(args.postgres, f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()

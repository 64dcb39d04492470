"""Time the ledger, the depot stock and an item's history on 1,000,000 items with their events.

Each engine gets a throwaway database (PostgreSQL: a database created then dropped; SQLite: a
temporary file), migrated with the real migrations, then filled in bulk (COPY through asyncpg,
``executemany`` on SQLite): seven years of collections of 50 items, 98 % of them handed to
TRIRA in lots of 500 with their full chain of custody (collected, stored, in a lot, handed
over: about 3.9 events per item), the rest still at the depot, and a few thousand devices.
The three queries then run through the real services, median of several runs. Target: each
under 200 ms on PostgreSQL.

    .venv/bin/python bench/inventory_queries.py [--items 1000000] [--engines sqlite,postgres]
        [--runs 7] [--postgres postgresql://postgres@127.0.0.1:5432]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ITEMS_PER_COLLECTION = 50
ITEMS_PER_LOT = 500
WAITING_SHARE = 0.02  # still at the depot: collected, stored or in a draft lot
CHUNK = 50_000
FIRST_DAY = date(2020, 1, 6)
LAST_DAY = date(2026, 11, 20)
TODAY = date(2026, 11, 25)
CATEGORIES = [  # (code, share, kg, labelled)
    ("desktop", 30, 8.0, True),
    ("laptop", 20, 2.5, True),
    ("screen", 25, 5.0, True),
    ("printer", 5, 9.0, True),
    ("smartphone", 5, 0.2, True),
    ("network", 5, 1.5, True),
    ("keyboard_mouse", 6, 0.6, False),
    ("cables_misc", 4, 1.0, False),
]
ITEM_COLUMNS = [
    "id", "organisation", "collection", "lot", "tag", "category", "brand", "model",
    "serial_number", "quantity", "weight_kg", "condition", "has_storage_media", "too_old",
    "state", "state_changed_at", "notes", "client_uuid", "created_at", "created_by",
]  # fmt: skip
EVENT_COLUMNS = [
    "organisation", "subject_kind", "subject_id", "action", "from_state", "to_state", "at",
    "actor_id", "actor_name", "place", "latitude", "longitude", "app", "comment", "details",
]  # fmt: skip
PATH = ["collected", "stored", "in_lot", "handed_to_trira"]


# ---- the parent: one child process per engine, then the table ---------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args.items, args.runs))))
        return
    results = {engine: run_engine(engine, args) for engine in args.engines.split(",")}
    print_table(args.items, results)


def run_engine(engine: str, args: argparse.Namespace) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-inventory-") as folder:
        name = f"bench_inventory_{os.getpid()}"
        url = f"sqlite:///{folder}/bench.sqlite"
        if engine == "postgres":
            url = f"{args.postgres}/{name}"
            asyncio.run(_admin(args.postgres, f'CREATE DATABASE "{name}"'))
        try:
            env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": folder}
            command = [sys.executable, __file__, "--child", engine, "--items", str(args.items)]
            command += ["--runs", str(args.runs)]
            print(f"{engine}: generating {args.items:,} items…", file=sys.stderr, flush=True)
            out = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(out.stderr)
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{engine}: {figures}", file=sys.stderr, flush=True)
            return figures
        finally:
            if engine == "postgres":
                asyncio.run(_admin(args.postgres, f'DROP DATABASE "{name}" WITH (FORCE)'))


async def _admin(base_url: str, sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(f"{base_url}/postgres")
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def print_table(items: int, results: dict[str, dict[str, float]]) -> None:
    rows = [
        ("generation (s)", "generate_s", "{:.0f}"),
        ("events", "events", "{:,.0f}"),
        ("ledger (ms)", "ledger_ms", "{:.1f}"),
        ("depot stock (ms)", "stock_ms", "{:.1f}"),
        ("item history (ms)", "history_ms", "{:.1f}"),
    ]
    engines = list(results)
    print(f"\n{items:,} items — median of the runs\n")
    print(f"| {'':<18} | " + " | ".join(f"{e:>10}" for e in engines) + " |")
    print(f"|{'-' * 20}|" + "|".join("-" * 12 for _ in engines) + "|")
    for label, key, fmt in rows:
        cells = " | ".join(f"{fmt.format(results[e][key]):>10}" for e in engines)
        print(f"| {label:<18} | {cells} |")


# ---- the child: migrate, fill, time ------------------------------------------------------------


async def child(count: int, runs: int) -> dict[str, float]:
    from piccolo.engine import engine_finder
    from piccolo.engine.postgres import PostgresEngine

    from logistics.database import migrate

    await migrate(quiet=True)
    engine = engine_finder()
    started = time.perf_counter()
    parties = await _parties()
    if isinstance(engine, PostgresEngine):
        events = await _fill_postgres(engine, parties, count)
        await engine.start_connection_pool()
    else:
        events = _fill_sqlite(engine.path, parties, count)
    generated = time.perf_counter() - started
    timings = await _time_queries(parties, count, runs)
    return {"generate_s": generated, "events": events, **timings}


async def _parties() -> dict[str, int]:
    from inventory.parties import OrganisationKind
    from inventory.tables import Agreement, Organisation

    now = datetime.now(UTC)
    ids = {}
    for code, kind in (
        ("RP", OrganisationKind.COLLECTING),
        ("TRI", OrganisationKind.RECONDITIONER),
    ):
        rows = await Organisation.insert(
            Organisation(name=code, code=code, kind=kind.value, created_at=now)
        )
        ids[code] = rows[0]["id"]
    rows = await Agreement.insert(
        Agreement(
            organisation=ids["RP"],
            reconditioner=ids["TRI"],
            reference="CONV-BENCH",
            starts_on=FIRST_DAY,
            created_at=now,
        )
    )
    return {**ids, "agreement": rows[0]["id"]}


def _days(count: int) -> Callable[[int], date]:
    """The collection day of item number ``n`` (0-based): spread evenly, oldest first."""
    span = (LAST_DAY - FIRST_DAY).days
    return lambda n: FIRST_DAY + timedelta(days=span * n // count)


def _moment(day: date, second: int) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(seconds=second)


def plan(parties: dict[str, int], count: int) -> dict[str, list[tuple[Any, ...]]]:
    """Donors, collections and lots (small tables), as rows; items and events come in chunks."""
    day_of = _days(count)
    handed = int(count * (1 - WAITING_SHARE)) // ITEMS_PER_LOT * ITEMS_PER_LOT
    rp, tri = parties["RP"], parties["TRI"]
    collections = [
        (k + 1, rp, k % 200 + 1, day_of(k * ITEMS_PER_COLLECTION))
        for k in range(-(-count // ITEMS_PER_COLLECTION))
    ]
    rng = random.Random(7)
    lots = []
    for k in range(handed // ITEMS_PER_LOT + 1):
        last = min((k + 1) * ITEMS_PER_LOT, count) - 1
        draft = (k + 1) * ITEMS_PER_LOT > handed
        on = None if draft else min(day_of(last) + timedelta(days=7), TODAY)
        lots.append((k + 1, rp, tri, parties["agreement"], f"LOT-RP-{k + 1:06d}", on, draft,
                     rng.random() < 0.05))  # fmt: skip
    return {"collections": collections, "lots": lots, "handed": [handed]}


def item_chunks(parties: dict[str, int], count: int) -> Iterator[tuple[list[Any], list[Any]]]:
    """(items, events) rows, CHUNK items at a time, with each item's whole chain of custody."""
    rng = random.Random(1)
    day_of = _days(count)
    handed = plan(parties, count)["handed"][0]
    codes = [c for c, *_ in CATEGORIES]
    shares = [s for _, s, *_ in CATEGORIES]
    traits = {c: (kg, labelled) for c, _, kg, labelled in CATEGORIES}
    rp = parties["RP"]
    for start in range(0, count, CHUNK):
        items: list[Any] = []
        events: list[Any] = []
        for n in range(start, min(start + CHUNK, count)):
            category = rng.choices(codes, shares)[0]
            kg, labelled = traits[category]
            quantity = 1 if labelled else rng.randint(2, 20)
            state_index = 3 if n < handed else (n % 3 if n < count - 10 else 1)
            # Handed items fill the lots in order; waiting ones "in a lot" share the draft lot.
            lot = min(n, handed) // ITEMS_PER_LOT + 1 if state_index >= 2 else None
            created = _moment(day_of(n), n % 30_000)
            moved = created + timedelta(days=state_index * 2)
            tag = f"RP-{day_of(n).year % 100:02d}-{n + 1:06d}-X" if labelled else None
            weight = round(kg * quantity, 2)
            items.append((n + 1, rp, n // ITEMS_PER_COLLECTION + 1, lot, tag, category, "Dell",
                           "OptiPlex", f"SN{n:08d}", quantity, weight, "used", labelled, False,
                           PATH[state_index], moved, "", None, created, None))  # fmt: skip
            for step in range(state_index + 1):
                events.append((rp, "item", n + 1, "created" if step == 0 else "state",
                               PATH[step - 1] if step else None, PATH[step],
                               created + timedelta(days=step * 2), None, "bench", "", None, None,
                               "bench", "", "{}"))  # fmt: skip
        yield items, events


def device_rows(parties: dict[str, int]) -> list[tuple[Any, ...]]:
    rng = random.Random(3)
    rows = []
    for n in range(6_000):
        returned = n % 20 != 0
        day = FIRST_DAY + timedelta(days=rng.randrange((TODAY - FIRST_DAY).days))
        rows.append((parties["RP"], "returned_by_trira" if returned else "purchased",
                     parties["agreement"] if returned else None,
                     parties["TRI"] if returned else None, f"TRI-{n}", "laptop", day,
                     "in_stock" if n % 100 == 0 else rng.choice(["installed", "reserved"]),
                     _moment(day, 0), _moment(day, 0)))  # fmt: skip
    return rows


DEVICE_COLUMNS = ["organisation", "origin", "agreement", "reconditioner", "reference",
                  "category", "received_on", "state", "state_changed_at", "created_at"]  # fmt: skip
LOT_COLUMNS = ["id", "organisation", "reconditioner", "agreement", "number", "handed_over_on",
               "status", "too_old", "created_at"]  # fmt: skip


def _lot_rows(planned: dict[str, list[Any]]) -> list[tuple[Any, ...]]:
    rows = []
    for lot_id, rp, tri, agreement, number, on, draft, too_old in planned["lots"]:
        status = "draft" if draft else "received"
        created = _moment(on or TODAY, 0)
        rows.append((lot_id, rp, tri, agreement, number, on, status, too_old, created))
    return rows


async def _fill_postgres(engine: Any, parties: dict[str, int], count: int) -> int:
    import asyncpg

    config = engine.config
    connection = await asyncpg.connect(**config)
    planned = plan(parties, count)
    now = datetime.now(UTC)
    try:
        await connection.copy_records_to_table(
            "donor",
            records=[
                (k + 1, parties["RP"], "entreprise", f"Donateur {k}", now) for k in range(200)
            ],
            columns=["id", "organisation", "kind", "name", "created_at"],
        )
        await connection.copy_records_to_table(
            "collection",
            records=[(*row, now) for row in planned["collections"]],
            columns=["id", "organisation", "donor", "collected_on", "created_at"],
        )
        await connection.copy_records_to_table(
            "lot", records=_lot_rows(planned), columns=LOT_COLUMNS
        )
        # Building the secondary indexes once after the load is how bulk loads are done: keeping
        # them during 5 million inserts would multiply the generation time.
        indexes = await connection.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('item', 'event') "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
        for index in indexes:
            await connection.execute(f'DROP INDEX "{index["indexname"]}"')
        events = 0
        for items, chain in item_chunks(parties, count):
            await connection.copy_records_to_table("item", records=items, columns=ITEM_COLUMNS)
            await connection.copy_records_to_table("event", records=chain, columns=EVENT_COLUMNS)
            events += len(chain)
        await connection.copy_records_to_table(
            "device", records=device_rows(parties), columns=DEVICE_COLUMNS
        )
        for index in indexes:
            await connection.execute(index["indexdef"])
        for table in ("donor", "collection", "lot", "item"):
            top = f"(SELECT max(id) FROM {table})"
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {top})"
            )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return events


def _fill_sqlite(path: str, parties: dict[str, int], count: int) -> int:
    import sqlite3

    import piccolo.engine.sqlite  # noqa: F401  (registers the adapters the app reads back)

    def insert(table: str, columns: list[str], rows: list[Any]) -> None:
        marks = ", ".join("?" for _ in columns)
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    planned = plan(parties, count)
    now = datetime.now(UTC)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    donors = [(k + 1, parties["RP"], "entreprise", f"Donateur {k}", now) for k in range(200)]
    insert("donor", ["id", "organisation", "kind", "name", "created_at"], donors)
    insert("collection", ["id", "organisation", "donor", "collected_on", "created_at"],
           [(*row, now) for row in planned["collections"]])  # fmt: skip
    insert("lot", LOT_COLUMNS, _lot_rows(planned))
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name IN ('item', 'event') AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    events = 0
    for items, chain in item_chunks(parties, count):
        insert("item", ITEM_COLUMNS, items)
        insert("event", EVENT_COLUMNS, chain)
        events += len(chain)
    insert("device", DEVICE_COLUMNS, device_rows(parties))
    for _, sql in indexes:
        db.execute(sql)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return events


async def _time_queries(parties: dict[str, int], count: int, runs: int) -> dict[str, float]:
    from inventory.history import history_of
    from inventory.scope import Scope
    from inventory.services.ledger import ledger
    from inventory.services.stock import depot_stock

    own = frozenset({parties["RP"], parties["TRI"]})
    manager = Scope(1, "bench", parties["RP"], own, own)
    rng = random.Random(5)

    async def median_ms(query: Callable[[], Any]) -> float:
        await query()  # warm the caches and the pool
        spent = []
        for _ in range(runs):
            started = time.perf_counter()
            await query()
            spent.append((time.perf_counter() - started) * 1000)
        return statistics.median(spent)

    return {
        "ledger_ms": await median_ms(lambda: ledger(manager, parties["agreement"], None, TODAY)),
        "stock_ms": await median_ms(lambda: depot_stock(manager)),
        "history_ms": await median_ms(lambda: history_of("item", rng.randint(1, count))),
    }


if __name__ == "__main__":
    main()

"""Time item logging when many agents take label numbers at once, and check none is shared.

N agents each open a collection and log M labelled items with new tags, all agents at the same
time, through the use case (``inventory.services.items.add_item``) on a throwaway database.
Every item takes its number from the one ``TagSequence`` row of the association, so this is the
worst contention the tag allocator meets. Prints items per second, p50/p99 latency per item and
the count of distinct tags against items logged.

    .venv/bin/python bench/tagging.py [--engine sqlite|postgres|both] [--agents 20] [--items 25]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgresql://postgres@127.0.0.1:5432"


async def _measure(agents: int, per_agent: int) -> dict[str, float]:
    from datetime import date, datetime

    from piccolo.engine import engine_finder
    from piccolo.engine.postgres import PostgresEngine

    from inventory.history import Circumstances
    from inventory.parties import DonorKind, OrganisationKind
    from inventory.scope import Scope
    from inventory.services import collections, donors, items
    from inventory.tables import Item
    from logistics.accounts.organisations import NewOrganisation, create_organisation
    from logistics.database import migrate
    from logistics.settings import get_settings

    await migrate(quiet=True)
    engine = engine_finder()
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool()  # as the served app does
    now = Circumstances(at=datetime.now(get_settings().timezone), app="bench")
    org = await create_organisation(
        NewOrganisation("Régie Plus", "RP", OrganisationKind.COLLECTING)
    )
    scope = Scope(1, "bench", org, frozenset({org}), frozenset({org}))
    donor = await donors.create_donor(
        scope, donors.DonorData(DonorKind.ENTREPRISE, "Donateur du banc d'essai"), now
    )
    latencies: list[float] = []

    async def agent() -> None:
        opening = collections.CollectionData(collected_on=date.today())
        collection = await collections.open_collection(scope, donor["id"], opening, now)
        for _ in range(per_agent):
            started = time.perf_counter()
            await items.add_item(scope, collection["id"], items.ItemData("desktop"), now)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(agent() for _ in range(agents)))
    elapsed = time.perf_counter() - started
    tags = {row["tag"] for row in await Item.select(Item.tag)}
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
    latencies.sort()
    return {
        "items": len(latencies),
        "distinct_tags": len(tags),
        "items_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def _run_engine(engine: str, agents: int, per_agent: int) -> dict[str, float]:
    """One measurement in a fresh process, so settings read this engine's environment."""
    data_dir = tempfile.mkdtemp(prefix="bench-tagging-")
    env = {**os.environ, "DATA_DIR": data_dir, "DATABASE_POOL": "1"}
    database = f"bench_tagging_{uuid.uuid4().hex[:8]}"
    if engine == "postgres":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
        env["DATABASE_URL"] = f"{PG}/{database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite"
    try:
        output = subprocess.run(
            [sys.executable, __file__, "--measure", str(agents), str(per_agent)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        if engine == "postgres":
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", database], check=True
            )
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--items", type=int, default=25)
    parser.add_argument("--measure", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(asyncio.run(_measure(*args.measure))))
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    print(f"{args.agents} agents × {args.items} labelled items, all at once")
    for engine in engines:
        r = _run_engine(engine, args.agents, args.items)
        print(
            f"{engine:8s} {r['items']:.0f} items, {r['distinct_tags']:.0f} distinct tags, "
            f"{r['items_per_s']:.0f} items/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()

"""Time the phone sync under load: 50 agents send batches of 20 entries at the same moment.

Each agent opens a collection, logs 12 labelled items (pre-printed tags) and 6 accessory lines,
and closes it with a signature: 20 entries per batch. Every batch is sent twice (the second time
as a phone that never got the answer would), all agents at once, against a live server (uvicorn
subprocess on 127.0.0.1) on a throwaway database. Prints the p50/p99 latency of the answer per
batch (the server answers once the batch is stored), how long batches waited to be applied
(from the sync table), and the records on the server against the records sent once every batch
is applied. Target: p99 < 100 ms on PostgreSQL, zero lost, zero doubled.

The client is aiohttp: httpx's async client spent more CPU per request than the server under 50
concurrent connections on a 2-core machine, so the figures measured the client.

    .venv/bin/python bench/sync.py [--engine sqlite|postgres|both] [--agents 50] [--rounds 3]
                                   [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import httpx

ROOT = Path(__file__).resolve().parents[1]
PG = "postgresql://postgres@127.0.0.1:5432"
TAGGED, LINES = 12, 6  # + the opening and the closing = 20 entries


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and all its children, live or ended
    (Linux /proc): on a busy machine the server's CPU per batch says more than its latency, and
    with ``--workers`` the work is done in uvicorn's child processes."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK") + sum(
        _cpu_seconds(int(child)) for child in children
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _seed(agents: int, rounds: int) -> tuple[list[str], list[int], list[str]]:
    """Agents' API tokens, the donors, and enough blank labels for every batch."""
    from datetime import datetime

    from inventory.history import Circumstances
    from inventory.parties import DonorKind, OrganisationKind
    from inventory.scope import Scope
    from inventory.services import donors, tagging
    from logistics.accounts import service
    from logistics.accounts.organisations import NewOrganisation, create_organisation
    from logistics.accounts.roles import Role
    from logistics.accounts.tables import TokenKind
    from logistics.accounts.tokens import issue_token
    from logistics.settings import get_settings

    now = Circumstances(at=datetime.now(get_settings().timezone), app="bench")
    org = await create_organisation(
        NewOrganisation("Régie Plus", "RP", OrganisationKind.COLLECTING)
    )
    scope = Scope(0, "bench", org, frozenset({org}), frozenset({org}))
    donor_ids = [
        (
            await donors.create_donor(
                scope, donors.DonorData(DonorKind.ENTREPRISE, f"Donateur {n}"), now
            )
        )["id"]
        for n in range(agents)
    ]
    tags: list[str] = []
    for _ in range(agents):  # one sheet per agent, as the depot hands them out
        block, _ = await tagging.print_blank_block(scope, rounds * TAGGED, now)
        tags.extend(str(tag) for tag in block)
    tokens = []
    for n in range(agents):
        new = service.NewUser(f"agent{n}", f"Agent {n}", "mot-de-passe-bench", Role.AGENT, org)
        user = await service.create_user(frozenset(Role), None, scope, new)
        tokens.append(await issue_token(user["id"], TokenKind.API, "bench"))
    return tokens, donor_ids, tags


def _batch(donor_id: int, tags: list[str]) -> list[dict[str, object]]:
    opening = str(uuid.uuid4())
    entries: list[dict[str, object]] = [
        {"id": opening, "kind": "open_collection", "donor_id": donor_id}
    ]
    for tag in tags:
        entries.append(
            {
                "id": str(uuid.uuid4()),
                "kind": "add_item",
                "collection": opening,
                "category": "laptop",
                "tag": tag,
                "weight_kg": 2.4,
            }
        )
    for _ in range(LINES):
        entries.append(
            {
                "id": str(uuid.uuid4()),
                "kind": "add_item",
                "collection": opening,
                "category": "keyboard_mouse",
                "quantity": 3,
                "weight_kg": 1.5,
            }
        )
    entries.append(
        {
            "id": str(uuid.uuid4()),
            "kind": "close_collection",
            "collection": opening,
            "signatory_name": "Mme Perret",
            "signature_path": "M10 10L50 40L90 20",
        }
    )
    return entries


async def _agent(
    session: aiohttp.ClientSession, token: str, batches: list, latencies: tuple[list, list]
) -> None:
    for batch in batches:
        for send in range(2):  # sent, then replayed as after a lost answer
            started = time.perf_counter()
            async with session.post(
                "/api/v1/sync",
                json={"entries": batch},
                headers={"Authorization": f"Bearer {token}"},
            ) as response:
                await response.read()
                latencies[send].append((time.perf_counter() - started) * 1000)
                assert response.status == 202, response.status


async def _open_the_page(session: aiohttp.ClientSession, token: str) -> None:
    """What the phone page asks first, before any entry is sent: the agent's day."""
    headers = {"Authorization": f"Bearer {token}"}
    async with session.get("/api/v1/terrain/jour", headers=headers) as response:
        await response.read()
        assert response.status == 200, response.status


def _spread(latencies: list[float]) -> str:
    p50, p99 = (
        statistics.median(latencies),
        statistics.quantiles(latencies, n=100, method="inclusive")[98],
    )
    return f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {max(latencies):.0f} ms"


async def _all_applied(batches: int) -> list[dict]:
    """Wait until the server's workers applied every batch; the batches' rows."""
    from logistics.field.inbox import APPLIED
    from logistics.field.tables import SyncBatch

    for _ in range(1200):
        rows = await SyncBatch.select(
            SyncBatch.state, SyncBatch.received_at, SyncBatch.applied_at, SyncBatch.results
        )
        if len(rows) == batches and all(row["state"] == APPLIED for row in rows):
            return rows
        await asyncio.sleep(0.1)
    raise RuntimeError("the batches were not all applied within two minutes")


async def _load(base_url: str, agents: int, rounds: int, server_pid: int) -> None:
    from inventory.tables import Collection, Item

    tokens, donor_ids, tags = await _seed(agents, rounds)
    per_agent = [
        [
            _batch(donor_ids[a], tags[(a * rounds + r) * TAGGED : (a * rounds + r + 1) * TAGGED])
            for r in range(rounds)
        ]
        for a in range(agents)
    ]
    latencies: tuple[list[float], list[float]] = ([], [])  # first sends, replays
    connector = aiohttp.TCPConnector(limit=agents)
    async with aiohttp.ClientSession(base_url=base_url, connector=connector) as session:
        await asyncio.gather(*(_open_the_page(session, token) for token in tokens))
        started, cpu = time.perf_counter(), _cpu_seconds(server_pid)
        client_cpu = time.process_time()
        await asyncio.gather(
            *(_agent(session, tokens[a], per_agent[a], latencies) for a in range(agents))
        )
        answered = time.perf_counter() - started
        answer_cpu = _cpu_seconds(server_pid) - cpu
        client_cpu = time.process_time() - client_cpu
        rows = await _all_applied(agents * rounds * 2)
        applied = time.perf_counter() - started
        cpu = _cpu_seconds(server_pid) - cpu
    waits = [(row["applied_at"] - row["received_at"]).total_seconds() * 1000 for row in rows]
    refused = sum(
        result["status"] != "accepted" for row in rows for result in json.loads(row["results"])
    )
    sent_collections = agents * rounds
    sent_items = sent_collections * (TAGGED + LINES)
    on_server = (await Collection.count(), await Item.count())
    every = latencies[0] + latencies[1]
    print(
        f"  {len(every)} batches of 20 entries ({agents} agents at once, each batch sent "
        f"twice): all answered in {answered:.1f} s, all applied in {applied:.1f} s\n"
        f'  answer per batch (stored, "received"): {_spread(every)}\n'
        f"    first sends: {_spread(latencies[0])}; replays: {_spread(latencies[1])}\n"
        f"  received → applied by the inbox worker: {_spread(waits)}\n"
        f"  server CPU per batch sent: {cpu / len(every) * 1000:.1f} ms in all, "
        f"{answer_cpu / len(every) * 1000:.1f} ms until all were answered; load generator "
        f"{client_cpu / len(every) * 1000:.1f} ms\n"
        f"  collections on server {on_server[0]} / sent {sent_collections}; items on server "
        f"{on_server[1]} / sent {sent_items}; refused entries {refused}\n"
        f"  lost {max(0, sent_items - on_server[1]) + max(0, sent_collections - on_server[0])}, "
        f"doubled {max(0, on_server[1] - sent_items) + max(0, on_server[0] - sent_collections)}"
    )


def _one_engine(agents: int, rounds: int, workers: int) -> None:
    """In a process whose environment names the database: migrate, serve, seed, load, count."""
    from logistics.database import migrate

    asyncio.run(migrate(quiet=True))
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "logistics"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base_url}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        asyncio.run(_load(base_url, agents, rounds, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=10)


def _run(engine: str, agents: int, rounds: int, workers: int) -> None:
    data_dir = tempfile.mkdtemp(prefix="bench-sync-")
    env = {**os.environ, "DATA_DIR": data_dir}
    database = f"bench_sync_{os.getpid()}"
    if engine == "postgres":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
        env["DATABASE_URL"] = f"{PG}/{database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite"
    print(f"{engine} ({workers} server process(es)):", flush=True)
    try:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "--agents",
                str(agents),
                "--rounds",
                str(rounds),
                "--workers",
                str(workers),
            ],
            env=env,
            cwd=ROOT,
            check=True,
        )
    finally:
        if engine == "postgres":
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", database],
                check=False,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="batches per agent")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one_engine(args.agents, args.rounds, args.workers)
        return
    for engine in ("sqlite", "postgres") if args.engine == "both" else (args.engine,):
        _run(engine, args.agents, args.rounds, args.workers)


if __name__ == "__main__":
    main()

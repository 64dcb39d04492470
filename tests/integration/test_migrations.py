"""On an empty database: the app says it is not ready and refuses to serve until ``migrate``.

Each step runs in its own process, as an operator would run it, because the engine is chosen
once per process from ``DATABASE_URL``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fresh_database import fresh_database_url

READYZ = """
from litestar.testing import TestClient
from logistics.http.app import create_app
with TestClient(app=create_app(require_migrations=False)) as client:
    response = client.get("/readyz")
    print(response.status_code, response.text)
"""


def _run(args: list[str], database_url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir)}
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def test_migrate_turns_readyz_green_and_serve_refuses_before(tmp_path: Path) -> None:
    logistics = str(Path(sys.executable).parent / "logistics")
    with fresh_database_url(tmp_path) as url:
        before = _run([sys.executable, "-c", READYZ], url, tmp_path)
        assert before.stdout.startswith("503"), before.stderr
        assert "logistics migrate" in before.stdout

        refused = _run([logistics, "serve", "--port", "0"], url, tmp_path)
        assert refused.returncode == 2
        assert "Run: logistics migrate" in refused.stderr

        migrated = _run([logistics, "migrate"], url, tmp_path)
        assert migrated.returncode == 0, migrated.stderr
        assert "migration(s) applied" in migrated.stdout

        after = _run([sys.executable, "-c", READYZ], url, tmp_path)
        assert after.stdout.startswith("200"), after.stderr

        again = _run([logistics, "migrate"], url, tmp_path)
        assert "up to date" in again.stdout


OLD_HEAD = "2026-12-02T15:43:37:796663"
"""The last logistics migration before stops named their subject by kind and id."""

OLD_PLAN = """
import asyncio, sys
from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.engine import engine_finder

ROWS = [
    "INSERT INTO organisation (id, code, name) VALUES (1, 'RP', 'Régie Plus')",
    "INSERT INTO donor (id, organisation, name, created_at) VALUES (7, 1, 'CPAM', '{at}')",
    *(
        "INSERT INTO pickup_request (id, organisation, donor, wished_from, wished_until, "
        f"created_at) VALUES ({n}, 1, 7, '2026-11-30', '2026-12-04', '{{at}}')"
        for n in (12, 13)
    ),
    "INSERT INTO vehicle (id, organisation, name, capacity_kg, capacity_m3, created_at) "
    "VALUES (3, 1, 'Van', 800, 8, '{at}')",
    "INSERT INTO round_plan (id, organisation, week_start, created_at) "
    "VALUES (5, 1, '2026-11-30', '{at}')",
    "INSERT INTO planned_round (id, organisation, plan, vehicle, day, departure, return_at) "
    "VALUES (9, 1, 5, 3, '2026-11-30', '08:00:00', '12:00:00')",
    "INSERT INTO round_stop (id, organisation, planned_round, position, kind, pickup_request, "
    "donor, arrival, start, departure) VALUES (1, 1, 9, 1, 'stop', 12, 7, '09:00:00', "
    "'09:00:00', '09:30:00')",
    "INSERT INTO round_stop (id, organisation, planned_round, position, kind, arrival, start, "
    "departure) VALUES (2, 1, 9, 2, 'lunch', '12:00:00', '12:00:00', '12:45:00')",
    "INSERT INTO left_out_request (id, organisation, plan, pickup_request, reason) "
    "VALUES (1, 1, 5, 13, 'trop lourd')",
]


async def main() -> None:
    for app in ("inventory", "routes"):
        assert (await run_forwards(app_name=app)).success
    assert (await run_forwards(app_name="logistics", migration_id=sys.argv[1])).success
    for row in ROWS:
        await engine_finder().run_ddl(row.format(at="2026-11-25T09:00:00+00:00"))

asyncio.run(main())
"""

READ_SUBJECTS = """
import asyncio
from logistics.rounds.tables import LeftOutRequest, RoundStop

async def main() -> None:
    stops = await RoundStop.select(
        RoundStop.kind, RoundStop.subject_kind, RoundStop.subject_id
    ).order_by(RoundStop.id)
    left_out = await LeftOutRequest.select(LeftOutRequest.subject_kind, LeftOutRequest.subject_id)
    print([tuple(row.values()) for row in stops + left_out])

asyncio.run(main())
"""


def test_a_stored_plan_keeps_its_pickup_requests_through_the_subject_migration(
    tmp_path: Path,
) -> None:
    logistics = str(Path(sys.executable).parent / "logistics")
    with fresh_database_url(tmp_path) as url:
        old = _run([sys.executable, "-c", OLD_PLAN, OLD_HEAD], url, tmp_path)
        assert old.returncode == 0, old.stderr

        migrated = _run([logistics, "migrate"], url, tmp_path)
        assert migrated.returncode == 0, migrated.stderr

        read = _run([sys.executable, "-c", READ_SUBJECTS], url, tmp_path)
        assert read.returncode == 0, read.stderr
        assert read.stdout.strip() == str(
            [
                ("stop", "pickup_request", 12),
                ("lunch", None, None),
                ("pickup_request", 13),
            ]
        )

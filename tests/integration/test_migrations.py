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

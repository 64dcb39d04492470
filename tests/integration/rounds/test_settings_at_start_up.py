"""An operator with a wrong setting gets one clear line from ``logistics serve``, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_serve_refuses_to_start_with_a_wrong_lunch_place_and_says_which_variable(
    tmp_path: Path,
) -> None:
    logistics = str(Path(sys.executable).parent / "logistics")
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LUNCH_PLACE": "boat", "DAY_START": "08:00"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [logistics, "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "Configuration error: LUNCH_PLACE='boat' is not valid: expected crew or depot."
    )
    assert "Traceback" not in done.stderr + done.stdout

"""The planner's command solves a Solomon file through the app's optimiser."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from logistics.cli import main

C101 = Path(__file__).resolve().parents[2] / "data" / "vrptw" / "C101.txt"


def test_solve_vrptw_prints_cost_vehicles_and_time() -> None:
    result = CliRunner().invoke(main, ["solve-vrptw", str(C101), "--seconds", "0.5"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("C101: cost ")
    assert "vehicles" in result.output and "unplanned 0" in result.output

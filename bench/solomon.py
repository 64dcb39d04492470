"""Gap to the best-known distances on the Solomon instances, through the app's planner.

.venv/bin/python bench/solomon.py --seconds 5      # or 30
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from routes.solomon import solve_file

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "vrptw"


def main() -> None:
    parser = argparse.ArgumentParser(description="Solomon VRPTW gaps to the BKS.")
    parser.add_argument("--seconds", type=float, choices=(5.0, 30.0), default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    bks = json.loads((BENCH / "bks.json").read_text())["instances"]
    print(f"Solomon instances, {args.seconds:g} s each, seed {args.seed}")
    columns = f"{'BKS':>8} {'cost':>8} {'gap %':>6} {'veh.':>4} {'BKS veh.':>8} {'time s':>6}"
    print(f"{'instance':<9} {columns}")
    gaps = []
    for name, best in bks.items():
        result = solve_file(BENCH / f"{name}.txt", args.seconds, args.seed)
        gap = 100 * (result.cost - best["bks"]) / best["bks"]
        gaps.append(gap)
        missing = f"  {result.unplanned} unplanned!" if result.unplanned else ""
        print(
            f"{name:<9} {best['bks']:>8.1f} {result.cost:>8.1f} {gap:>6.2f} "
            f"{result.vehicles:>4} {best['bks_vehicles']:>8} {result.seconds:>6.1f}{missing}"
        )
    print(f"mean gap {sum(gaps) / len(gaps):.2f} %, worst {max(gaps):.2f} %")


if __name__ == "__main__":
    main()

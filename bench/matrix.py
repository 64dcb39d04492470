"""Time a 1,000 × 1,000 travel matrix estimated from coordinates (target: under 0.1 s).

.venv/bin/python bench/matrix.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from routes.matrix import estimate_matrix
from routes.model import Point


def main() -> None:
    rng = np.random.default_rng(1)
    print(f"{'points':>6} {'median ms':>9} {'best ms':>8}")
    for size in (100, 500, 1000, 2000):
        # Random points over Savoie, around Chambéry.
        points = [Point(45.4 + rng.random() * 0.4, 5.7 + rng.random() * 0.5) for _ in range(size)]
        timings = []
        for _ in range(7):
            started = time.perf_counter()
            estimate_matrix(points)
            timings.append(1000 * (time.perf_counter() - started))
        print(f"{size:>6} {statistics.median(timings):>9.1f} {min(timings):>8.1f}")


if __name__ == "__main__":
    main()

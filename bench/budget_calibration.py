"""Measure what one fit of each ladder rung costs, to calibrate the budget's cost model.

Usage::

    nice -n 19 .venv/bin/python bench/budget_calibration.py [--quick]

For each rung and each table shape of :data:`GRID` (synthetic: numeric columns plus two
categories, a binary target), it builds the rung's pipeline exactly as a study does
(``diveml.study._ladder.build_pipeline``), fits it on 80% of the rows and scores the other
20% and the training rows (what one fold of cross-validation plus its learning-curve twin
costs), and records the **CPU seconds of the process** (``time.process_time``, one thread:
a loaded machine stretches wall time, far less CPU time). It then fits, per rung,

    seconds = fixed + rows * per_row + cells * per_cell + width * per_column

(rows = training rows, cells = rows x encoded width) by non-negative least squares on
relative error, and prints the constants to paste into ``src/diveml/study/_budget.py``
(``RUNG_COSTS``). The per-row term is what a forest's sorting costs whatever the width;
the per-column term what the preprocessing costs per column whatever the rows (scikit-learn
looks each named column up, and every pipeline step loops over the columns). Raw
measurements go to ``bench/results/budget_calibration.csv``; ``--refit`` fits that file
again without measuring.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import pandas as pd

# (rows, numeric columns): narrow and long, square-ish, and wide and short.
GRID = [
    (500, 10),
    (2000, 10),
    (8000, 10),
    (500, 100),
    (2000, 100),
    (8000, 100),
    (100, 1000),
    (500, 1000),
    (2000, 1000),
    (50, 3000),
    (200, 3000),
]
QUICK = [(500, 10), (4000, 10), (500, 200), (2000, 200), (100, 2000)]


def _table(rows: int, cols: int, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(rows, cols)), columns=[f"x{i}" for i in range(cols)])
    X["c1"] = rng.choice(list("abcde"), size=rows)
    X["c2"] = rng.choice(list("uvw"), size=rows)
    y = pd.Series(np.where(X["x0"] + rng.normal(size=rows) > 0, "yes", "no"))
    return X, y


def measure(rung_name: str, rows: int, cols: int) -> tuple[float, int, int]:
    """Return (CPU seconds, training cells, encoded width) of one fold of ``rung_name``."""
    from threadpoolctl import threadpool_limits

    from diveml.study._ladder import RUNGS, build_pipeline

    rung = next(r for r in RUNGS if r.name == rung_name)
    X, y = _table(rows, cols)
    numeric = [c for c in X.columns if c.startswith("x")]
    model = build_pipeline(rung, "binary", numeric, ["c1", "c2"], 0)
    cut = int(rows * 0.8)
    width = cols + 5 + 3
    with threadpool_limits(1):
        start = time.process_time()
        model.fit(X.iloc[:cut], y.iloc[:cut])
        model.predict(X.iloc[cut:])
        model.predict(X.iloc[:cut])
        seconds = time.process_time() - start
    return seconds, cut * width, width


def fit_costs(samples: list[tuple[float, int, int]]) -> tuple[float, float, float, float]:
    """Return (fixed, per_row, per_cell, per_column) fitted by NNLS on relative error."""
    from scipy.optimize import nnls

    A = np.array([[1.0, cells / width, cells, width] for _, cells, width in samples])
    t = np.array([s for s, _, _ in samples])
    weights = 1.0 / np.maximum(t, 1e-3)
    coef, _ = nnls(A * weights[:, None], t * weights)
    return tuple(float(c) for c in coef)  # type: ignore[return-value]


def report(name: str, samples: list[tuple[float, int, int]]) -> None:
    """Print the fitted constants of one rung and the worst relative error of the fit."""
    fixed, per_row, per_cell, per_column = fit_costs(samples)

    def model(cells: int, width: int) -> float:
        return fixed + cells / width * per_row + cells * per_cell + width * per_column

    worst = max(abs(model(c, w) - s) / s for s, c, w in samples if s > 0.05)
    print(
        f'    "{name}": Cost({fixed:.3g}, {per_row:.3g}, {per_cell:.3g}, {per_column:.3g}),'
        f"  # worst relative error {worst:.0%}",
        flush=True,
    )


def refit(path: Path) -> None:
    """Fit the constants again from a CSV this script wrote."""
    by_rung: dict[str, list[tuple[float, int, int]]] = {}
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            sample = (float(row["cpu_seconds"]), int(row["cells"]), int(row["width"]))
            by_rung.setdefault(row["rung"], []).append(sample)
    for name, samples in by_rung.items():
        report(name, samples)


def main() -> None:
    from diveml.study._ladder import RUNGS

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a smaller grid")
    parser.add_argument("--rungs", nargs="*", default=[r.name for r in RUNGS])
    parser.add_argument("--refit", action="store_true", help="fit the last CSV again")
    args = parser.parse_args()
    grid = QUICK if args.quick else GRID
    out = Path(__file__).parent / "results" / "budget_calibration.csv"
    if args.refit:
        refit(out)
        return
    rows_out = []
    for name in args.rungs:
        samples = []
        for rows, cols in grid:
            seconds, cells, width = measure(name, rows, cols)
            samples.append((seconds, cells, width))
            rows_out.append(
                {
                    "rung": name,
                    "rows": rows,
                    "columns": cols,
                    "width": width,
                    "cells": cells,
                    "cpu_seconds": round(seconds, 4),
                }
            )
            print(f"{name:18} {rows:>6} x {cols:<5} {seconds:8.3f} s", flush=True)
        report(name, samples)
    with out.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows_out[0]))
        writer.writeheader()
        writer.writerows(rows_out)


if __name__ == "__main__":
    main()

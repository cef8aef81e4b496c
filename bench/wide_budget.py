"""How long a study takes on wide tables against its budget, stage by stage.

Usage::

    nice -n 19 .venv/bin/python bench/wide_budget.py [ROWSxCOLS ...] [--budget 15]

Each table is synthetic (numeric columns plus two categories, a binary target that
depends on a few of them, seed 0). Per table it prints the wall time, the process CPU
time (the stages are timed in CPU seconds too), the plan's own estimate (``budget_plan.estimated_seconds``), what the plan decided,
and the stage times, and appends one JSON line to ``bench/results/wide_budget.jsonl``.
The numbers in bench/BUDGET.md come from this script.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

FITS = ("ladder", "learning curve", "final fit")


def table(rows: int, cols: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, cols - 2)).astype("float64")
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(cols - 2)])
    frame["c1"] = rng.choice(list("abcde"), size=rows)
    frame["c2"] = rng.choice(list("uvw"), size=rows)
    logit = X[:, : min(5, cols - 2)].sum(axis=1) + (frame["c1"] == "a") * 1.0
    frame["y"] = np.where(logit + rng.normal(size=rows) > 0, "yes", "no")
    return frame


def measure(rows: int, cols: int, budget: float) -> dict[str, object]:
    import diveml
    from diveml.config import resolve_settings

    frame = table(rows, cols)
    with tempfile.TemporaryDirectory() as home:
        settings = resolve_settings(home=Path(home))
        wall, cpu = time.perf_counter(), time.process_time()
        # The stages are timed in CPU seconds of this process (the study's injectable
        # clock): on a shared, loaded machine wall time says more about the neighbours.
        s = diveml.study(
            frame,
            "y",
            budget=budget,
            out=Path(home) / "s",
            settings=settings,
            clock=time.process_time,
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    r = s.result_.to_dict()
    plan = r["budget_plan"]
    stages = r["timings"]["stages"]
    return {
        "rows": rows,
        "columns": cols,
        "budget": budget,
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "planned_seconds": plan["estimated_seconds"],
        "encoded_width": plan["encoded_width"],
        "ladder_rows": plan["ladder_rows"],
        "skipped_rungs": plan["skipped_rungs"],
        "feature_columns": plan.get("feature_columns"),
        "reserved_seconds": plan.get("reserved_seconds"),
        "curve_drawn": plan.get("curve_drawn"),
        "curve_estimate_seconds": plan.get("curve_estimate_seconds"),
        "curve_room_seconds": plan.get("curve_room_seconds"),
        # what the reserve (and importance's share) must cover: all but the fits
        "not_fit_seconds": round(cpu - sum(stages.get(k, 0.0) for k in FITS), 1),
        "stages": {k: round(v, 1) for k, v in stages.items()},
        "importance_rows": r["diagnostics"].get("importance_rows"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shapes", nargs="*", default=["3000x50", "50x3000"])
    parser.add_argument("--budget", type=float, default=15.0)
    args = parser.parse_args()
    out = Path(__file__).parent / "results" / "wide_budget.jsonl"
    for shape in args.shapes:
        rows, cols = (int(v) for v in shape.split("x"))
        line = measure(rows, cols, args.budget)
        print(json.dumps(line))
        with out.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()

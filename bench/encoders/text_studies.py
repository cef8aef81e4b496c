"""Whole studies on the text tables, as a user runs them: time, chosen model, holdout score.

Usage (one table per process, so each pays its own imports, as ``diveml study`` does)::

    DIVEML_DATA_DIRS=../shared/data nice -n 10 .venv/bin/python bench/encoders/text_studies.py \
        dga_domains [--label before]

Runs ``diveml.study(NAME)`` with the catalog's defaults (target, budget 120 s) under the
process-time clock, and appends one JSON line to ``bench/results/text_studies.jsonl``: the
process CPU seconds and wall seconds of the study, the stage times (CPU seconds), each
rung's cross-validated score, the chosen rung, and the holdout score with its 95% interval.
The numbers in bench/encoders/README.md ("Whole studies") come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path


def measure(name: str, label: str) -> dict[str, object]:
    import diveml
    from diveml.config import resolve_settings
    from diveml.data._catalog import get_dataset

    with tempfile.TemporaryDirectory() as home:
        settings = resolve_settings(home=Path(home))
        wall, cpu = time.perf_counter(), time.process_time()
        target = get_dataset(name).target
        s = diveml.study(
            name, target, out=Path(home) / "s", settings=settings, clock=time.process_time
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    r = s.result_.to_dict()
    h = r["holdout"]
    return {
        "table": name,
        "label": label,
        "commit": _commit(),
        "load_average": round(os.getloadavg()[0], 1),
        "cpu_seconds": round(cpu, 1),
        "wall_seconds": round(wall, 1),
        "metric": r["metric"],
        "holdout": h["score"],
        "ci": [h["ci_low"], h["ci_high"]],
        "holdout_rows": h["rows"],
        "chosen": r["selection"]["chosen"],
        "ladder": {
            rung["name"]: (None if rung["cv_mean"] is None else round(rung["cv_mean"], 4))
            for rung in r["ladder"]
        },
        "skipped": r["budget_plan"]["skipped_rungs"],
        "ladder_rows": r["sampling"]["ladder_rows"],
        "curve_rows": r["sampling"]["learning_curve_rows"],
        "stages": {k: round(v, 1) for k, v in r["timings"]["stages"].items()},
        "text": r["features"]["text"],
    }


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    line = measure(args.table, args.label)
    print(json.dumps(line))
    out = Path(__file__).resolve().parents[1] / "results" / "text_studies.jsonl"
    with out.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()

"""Scale runs: `diveml study` (default settings) on the largest tables, timed and measured.

    python bench/scale.py flights synthetic_5m

For each named dataset it runs `diveml study` on the whole table as prepared (both parts of
the benchmark split joined back together, so the largest offline table is studied at its full
327,346 rows; the synthetic table at 6,666,667 rows), in a child process measured like every
contender (wall, CPU, peak RSS of the process tree), and appends a row to
bench/results/scale.csv with how the study says it sampled.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import datasets as bench_datasets
import pandas as pd
import run as bench_run
import scale_common as common

FIELDS = [
    "finished_at",
    "dataset",
    "rows",
    "columns",
    "status",
    "wall_s",
    "cpu_s",
    "load_avg",
    "peak_rss_mb",
    "chosen",
    "cv_mean",
    "holdout_score",
    "ci_low",
    "ci_high",
    "ladder_rows",
    "learning_curve_rows",
    "final_fit_rows",
    "sampling_note",
    "stages",
]


def whole_table(name: str) -> tuple[Path, dict]:
    folder = bench_datasets.prepare(name)
    meta = json.loads((folder / "meta.json").read_text())
    path = folder / "whole.parquet"
    if not path.exists():
        train = pd.read_parquet(folder / "train.parquet")
        test = pd.read_parquet(folder / "test_X.parquet")
        test[meta["target"]] = pd.read_parquet(folder / "test_y.parquet")[meta["target"]]
        pd.concat([train, test], ignore_index=True).to_parquet(path)
    return path, meta


def main() -> None:
    timeout = float(os.environ.get("SCALE_TIMEOUT", "3000"))
    for name in sys.argv[1:]:
        path, meta = whole_table(name)
        out = bench_run.OUT / ("scale-" + dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")) / name
        command = [str(bench_run.venv_python("diveml")), "-m", "diveml", "study", str(path),
                   "--target", meta["target"], "--out", str(out / "study")]  # fmt: skip
        common.say(f"scale: {name} ({meta['rows']:,} rows)")
        measured, result = common.study_run(command, out, timeout)
        row: dict = {"dataset": name, "rows": meta["rows"], "columns": meta["columns"], **measured}
        if result is not None:
            sampling = result.get("sampling") or {}
            holdout = result.get("holdout") or {}
            row.update(
                chosen=(result.get("chosen") or {}).get("name"),
                cv_mean=(result.get("chosen") or {}).get("cv_mean"),
                holdout_score=holdout.get("score"),
                ci_low=holdout.get("ci_low"),
                ci_high=holdout.get("ci_high"),
                ladder_rows=sampling.get("ladder_rows"),
                learning_curve_rows=sampling.get("learning_curve_rows"),
                final_fit_rows=sampling.get("final_fit_rows"),
                sampling_note=sampling.get("note"),
                stages=json.dumps((result.get("timings") or {}).get("stages")),
            )
        else:
            row["sampling_note"] = measured.get("note")
        row["finished_at"] = common.now()
        common.append_row("scale.csv", FIELDS, row)
        print(f"    {row['status']}: {row['wall_s']} s, {row['peak_rss_mb']} MiB", flush=True)
        common.write_report()


if __name__ == "__main__":
    main()

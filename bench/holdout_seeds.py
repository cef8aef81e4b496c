"""diveml's holdout interval against the kept-back score under other seeds of the study.

    python bench/holdout_seeds.py --datasets slid digits tv16 --seeds 0 1 2 3 4 5

With another seed the study draws another holdout (and other folds, so perhaps another
model); the benchmark's kept-back part stays the same. Over seeds, holdout − kept-back
tells a shift between diveml's holdout and the kept-back part (a mean away from 0) from
chance (one seed's difference far from the others'), and the share of seeds whose interval
contains the kept-back score is the table's coverage, to compare with the coverage to expect
(bench/ci_coverage.py). Each (dataset, seed) runs bench/contenders/diveml_study.py in its own
process, scored as bench/run.py scores it; one row each is appended to
bench/results/holdout_seeds.csv.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import ci_coverage
import datasets as bench_datasets
import run

BENCH = Path(__file__).resolve().parent
OUT_CSV = BENCH / "results" / "holdout_seeds.csv"
FIELDS = [
    "finished_at",
    "dataset",
    "metric",
    "seed",
    "status",
    "model",
    "cv_mean",
    "holdout_rows",
    "holdout_score",
    "ci_low",
    "ci_high",
    "kept_back",
    "kept_back_se",
    "ci_covers",
    "outside_widths",
    "z",
    "expected_cover",
    "interval_cover",
    "cpu_s",
]


def one(dataset: str, seed: int, work: Path) -> dict:
    """Run diveml's contender script with ``seed``; return its row of holdout_seeds.csv."""
    folder = bench_datasets.prepare(dataset)
    meta = json.loads((folder / "meta.json").read_text())
    out = work / dataset / str(seed)
    out.mkdir(parents=True, exist_ok=True)
    script = BENCH / "contenders" / "diveml_study.py"
    command = [sys.executable, str(script), "--data", str(folder), "--out", str(out)]
    env = dict(os.environ, OMP_NUM_THREADS="1", MPLBACKEND="Agg", DIVEML_HOME=str(out / "home"))
    measured = run.measure([*command, "--seed", str(seed)], out / "log.txt", 1200, 16_384, env)
    row: dict = {"dataset": dataset, "metric": meta["metric"], "seed": seed, **measured}
    if measured["status"] != "ok":
        return row
    info = json.loads((out / "reported.json").read_text())
    fields, _ = run.kept_back_fields(meta, folder, out, info)
    low, high, value = fields["ci_low"], fields["ci_high"], fields["kept_back"]
    se_h = (high - low) / (2 * ci_coverage.Z95)
    row.update(
        model=info["model"],
        cv_mean=round(info["reported"], 5),
        holdout_score=round(info["holdout_score"], 5),
        outside_widths=round(ci_coverage.outside_widths(value, low, high), 4),
        z=round((value - info["holdout_score"]) / math.hypot(se_h, fields["kept_back_se"]), 3),
        **{k: fields[k] for k in FIELDS if k in fields},
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", required=True)
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(6)))
    args = parser.parse_args()
    new = not OUT_CSV.exists()
    with tempfile.TemporaryDirectory(prefix="diveml-seeds-") as work:
        for dataset in args.datasets:
            for seed in args.seeds:
                row = one(dataset, seed, Path(work))
                row["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                with OUT_CSV.open("a", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
                    if new:
                        writer.writeheader()
                        new = False
                    writer.writerow(row)
                print(
                    f"{dataset} seed {seed}: {row['status']}, holdout {row.get('holdout_score')} "
                    f"[{row.get('ci_low')}, {row.get('ci_high')}], kept-back "
                    f"{row.get('kept_back')}, z {row.get('z')}",
                    flush=True,
                )
    subprocess.run([sys.executable, str(BENCH / "report.py")], check=False)


if __name__ == "__main__":
    main()

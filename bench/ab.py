"""Side-by-side timing of diveml variants: each `diveml study` + `diveml predict`, interleaved.

    bench/.venvs/diveml/bin/python bench/ab.py --datasets penguins titanic --repeat 3 \\
        --variant before=/path/to/other/checkout/src --variant after=src \\
        --variant jobs2=src:--jobs=2

A variant is ``LABEL=SRC[:STUDY_OPTION,...]``: the diveml source folder put first on
PYTHONPATH (so two checkouts compare in the same venv) and extra options for `diveml study`.
The runs alternate (A B C A B C ...) so that a change in the machine's load hits every
variant alike; the summary gives medians and each variant's ratio to the first, which is
what to read on a shared machine (the load average is recorded with every row). Rows go to
bench/results/ab.csv.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
AB_CSV = BENCH / "results" / "ab.csv"
FIELDS = [
    "finished_at",
    "run_id",
    "dataset",
    "variant",
    "repeat",
    "study_wall_s",
    "study_cpu_s",
    "predict_wall_s",
    "predict_cpu_s",
    "total_wall_s",
    "chosen",
    "cv_mean",
    "holdout_score",
    "load_avg",
]


def _run(command: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command} failed:\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", required=True)
    parser.add_argument("--variant", action="append", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    import datasets as bench_datasets

    variants = []
    for text in args.variant:
        label, _, rest = text.partition("=")
        src, _, options = rest.partition(":")
        variants.append((label, str(Path(src).resolve()), [o for o in options.split(",") if o]))
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    scratch = BENCH / "out" / f"ab-{run_id}"
    rows: list[dict] = []
    for name in args.datasets:
        folder = bench_datasets.prepare(name)
        meta = json.loads((folder / "meta.json").read_text())
        for repeat in range(args.repeat):
            for label, src, options in variants:
                out = scratch / name / f"{label}-{repeat}"
                env = dict(
                    os.environ,
                    PYTHONPATH=src,
                    MPLBACKEND="Agg",
                    PYTHONWARNINGS="ignore",
                    OMP_NUM_THREADS="1",
                    OPENBLAS_NUM_THREADS="1",
                    MKL_NUM_THREADS="1",
                    DIVEML_HOME=str(out / "home"),
                )
                cli = [sys.executable, "-m", "diveml"]
                study = [*cli, "study", str(folder / "train.parquet"), "--target", meta["target"]]
                s_wall, s_cpu = _run([*study, "--out", str(out / "study"), *options], env)
                predict = [*cli, "predict", str(out / "study" / "model.skops")]
                predict += [str(folder / "test_X.parquet"), "--out", str(out / "p.csv")]
                p_wall, p_cpu = _run(predict, env)
                result = json.loads((out / "study" / "study.json").read_text())
                row = {
                    "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "run_id": run_id,
                    "dataset": name,
                    "variant": label,
                    "repeat": repeat,
                    "study_wall_s": round(s_wall, 2),
                    "study_cpu_s": round(s_cpu, 2),
                    "predict_wall_s": round(p_wall, 2),
                    "predict_cpu_s": round(p_cpu, 2),
                    "total_wall_s": round(s_wall + p_wall, 2),
                    "chosen": result["chosen"]["name"],
                    "cv_mean": result["chosen"]["cv_mean"],
                    "holdout_score": result["holdout"]["score"],
                    "load_avg": round(os.getloadavg()[1], 2),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
                shutil.rmtree(out, ignore_errors=True)
    AB_CSV.parent.mkdir(parents=True, exist_ok=True)
    new = not AB_CSV.exists()
    with AB_CSV.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)
    print(summary(rows, [v[0] for v in variants]))


def summary(rows: list[dict], labels: list[str]) -> str:
    """Medians per dataset and variant, and each variant's ratio to the first."""
    keys = ["study_wall_s", "study_cpu_s", "predict_wall_s", "predict_cpu_s", "total_wall_s"]
    lines = [
        "| dataset | variant | "
        + " | ".join(f"median {k}" for k in keys)
        + " | total wall ÷ first | chosen | cv_mean | holdout | load avg |",
        "|" + " --- |" * (len(keys) + 7),
    ]
    for name in dict.fromkeys(r["dataset"] for r in rows):
        base = None
        for label in labels:
            mine = [r for r in rows if r["dataset"] == name and r["variant"] == label]
            medians = {k: statistics.median(float(r[k]) for r in mine) for k in keys}
            base = base or medians["total_wall_s"]
            last = mine[-1]
            lines.append(
                f"| {name} | {label} | "
                + " | ".join(f"{medians[k]:.2f}" for k in keys)
                + f" | {medians['total_wall_s'] / base:.2f} | {last['chosen']} | "
                f"{float(last['cv_mean']):.4f} | {float(last['holdout_score']):.4f} | "
                f"{statistics.median(float(r['load_avg']) for r in mine):.1f} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

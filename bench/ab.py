"""Side-by-side timing of diveml variants: each `diveml study` + `diveml predict`, interleaved.

    bench/.venvs/diveml/bin/python bench/ab.py --datasets penguins titanic --repeat 3 \\
        --variant before=/path/to/other/checkout/src --variant after=src \\
        --variant jobs2=src:--jobs=2

A variant is ``LABEL=SRC[:STUDY_OPTION,...]``: the diveml source folder put first on
PYTHONPATH (so two checkouts compare in the same venv) and extra options for `diveml study`.
Each row also has the kept-back score (the predictions scored against the benchmark's
test_y, with the benchmark's metric), the ladder stage's seconds and one rung's CV mean and
fit seconds (``--rung``, random_forest by default), so a change to a rung's settings shows
both what it saves and what it costs in score. The summary ends with the paired differences
of each variant against the first, table by table, with their mean and spread.
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
    "kept_back",
    "ladder_s",
    "rung",
    "rung_cv_mean",
    "rung_fit_s",
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


def kept_back(meta: dict, folder: Path, predictions: Path) -> float:
    """The predictions scored against the benchmark's kept-back target, as bench/run.py does."""
    import pandas as pd
    from sklearn.metrics import balanced_accuracy_score, r2_score, roc_auc_score

    truth = pd.read_parquet(folder / "test_y.parquet")[meta["target"]]
    predicted = pd.read_csv(predictions)
    if meta["task"] == "regression":
        return float(r2_score(truth.astype(float), predicted["prediction"].astype(float)))
    truth = truth.astype(str)
    if meta["task"] == "multiclass":
        return float(balanced_accuracy_score(truth, predicted["prediction"].astype(str)))
    return float(roc_auc_score(truth == meta["positive"], predicted[f"proba_{meta['positive']}"]))


def _rung(result: dict, name: str) -> tuple[float | None, float | None]:
    """One rung's CV mean and its total fit seconds over the folds (None when it did not run)."""
    for rung in result["ladder"]:
        if rung["name"] == name and rung["status"] == "ok":
            folds = len(rung["cv_scores"])
            return rung["cv_mean"], round(rung["fit_seconds"] * folds, 3)
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", required=True)
    parser.add_argument("--variant", action="append", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rung", default="random_forest", help="the rung whose CV is recorded")
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
                rung_cv, rung_fit = _rung(result, args.rung)
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
                    "kept_back": round(kept_back(meta, folder, out / "p.csv"), 5),
                    "ladder_s": round(result["timings"]["stages"].get("ladder", 0.0), 2),
                    "rung": args.rung,
                    "rung_cv_mean": rung_cv,
                    "rung_fit_s": rung_fit,
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
                shutil.rmtree(out, ignore_errors=True)
    append(rows)
    print(summary(rows, [v[0] for v in variants]))
    print(paired(rows, [v[0] for v in variants]))


def append(rows: list[dict]) -> None:
    """Add rows to ab.csv; rows of an older header are rewritten under today's (blanks)."""
    AB_CSV.parent.mkdir(parents=True, exist_ok=True)
    earlier: list[dict] = []
    if AB_CSV.exists():
        with AB_CSV.open(newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != FIELDS:
                earlier = list(reader)
    if earlier or not AB_CSV.exists():
        with AB_CSV.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, restval="", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(earlier)
    with AB_CSV.open("a", newline="") as handle:
        csv.DictWriter(handle, fieldnames=FIELDS, restval="").writerows(rows)


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
            if not mine:  # a run stopped before this variant's turn on this table
                continue
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


def paired(rows: list[dict], labels: list[str]) -> str:
    """Each variant minus the first, table by table (first repeat: the scores do not vary
    between repeats, the seconds are medians), with the mean and spread over the tables."""

    def value(name: str, label: str, key: str) -> float | None:
        mine = [r[key] for r in rows if r["dataset"] == name and r["variant"] == label]
        mine = [float(v) for v in mine if v not in (None, "")]
        return statistics.median(mine) if mine else None

    names = list(dict.fromkeys(r["dataset"] for r in rows))
    lines = []
    for label in labels[1:]:
        lines += [
            f"\n{label} minus {labels[0]}:",
            "| dataset | kept-back diff | rung CV diff | rung fit s | ladder s | study CPU s | chosen |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        diffs: dict[str, list[float]] = {"kept": [], "cv": []}
        for name in names:
            cells = []
            for key, short in (("kept_back", "kept"), ("rung_cv_mean", "cv")):
                a, b = value(name, labels[0], key), value(name, label, key)
                if a is None or b is None:
                    cells.append("—")
                    continue
                diffs[short].append(b - a)
                cells.append(f"{b - a:+.4f}")
            for key in ("rung_fit_s", "ladder_s", "study_cpu_s"):
                a, b = value(name, labels[0], key), value(name, label, key)
                cells.append("—" if a is None or b is None else f"{a:.1f} → {b:.1f}")
            chosen = [
                next(r["chosen"] for r in rows if r["dataset"] == name and r["variant"] == v)
                for v in (labels[0], label)
            ]
            cells.append(" → ".join(dict.fromkeys(chosen)))
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        for short, what in (("kept", "kept-back"), ("cv", "rung CV")):
            d = diffs[short]
            if len(d) > 1:
                lines.append(
                    f"{what} differences over {len(d)} tables: mean {statistics.mean(d):+.4f}, "
                    f"sd {statistics.stdev(d):.4f}, min {min(d):+.4f}, max {max(d):+.4f}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    main()

"""Run the benchmark: each contender on each dataset's fixed split, in its own process and venv.

    python bench/run.py --contenders diveml sklearn_hgb --datasets penguins titanic

(``bash bench/run.sh`` builds the virtual environments first and then calls this.) Every
(dataset, contender) run appends one row to bench/results/runs.csv; bench/report.py turns the
latest row of each pair into bench/RESULTS.md, and is called after every row.

Wall time is the contender process's elapsed time from start to exit, including imports and
its own data loading; cpu_s is the user+system CPU time of the process and the children it
waited for (robust to other load on a shared machine, unlike wall time); load_avg is the
machine's 5-minute load average when the run ended. Peak memory is the largest of (a) the summed RSS of the contender's
process tree, polled every 0.5 s, and (b) the maxrss the kernel reports for it at exit.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
VENVS = BENCH / ".venvs"
RESULTS = BENCH / "results"
RUNS_CSV = RESULTS / "runs.csv"
OUT = BENCH / "out"

sys.path.insert(0, str(BENCH))
import ci_coverage as coverage  # noqa: E402
import datasets as bench_datasets  # noqa: E402

# name -> (venv, script, options)
CONTENDERS: dict[str, tuple[str, str, dict[str, str]]] = {
    "diveml": ("diveml", "diveml_study.py", {}),
    "sklearn_hgb": ("diveml", "sklearn_default.py", {"--variant": "hgb"}),
    "sklearn_linear": ("diveml", "sklearn_default.py", {"--variant": "linear"}),
    "skrub": ("skrub", "skrub_tabular.py", {}),
    "lazypredict": ("lazypredict", "lazypredict_all.py", {}),
    "flaml_30": ("flaml", "flaml_automl.py", {"--budget": "30"}),
    "flaml_120": ("flaml", "flaml_automl.py", {"--budget": "120"}),
    "autogluon_120": ("autogluon", "autogluon_tabular.py", {"--budget": "120"}),
    "pycaret": ("pycaret", "pycaret_compare.py", {"--budget": "120"}),
}
PACKAGE_OF = {
    "diveml": "diveml",
    "skrub": "skrub",
    "lazypredict": "lazypredict",
    "flaml": "flaml",
    "autogluon": "autogluon.tabular",
    "pycaret": "pycaret",
}

FIELDS = [
    "run_id",
    "finished_at",
    "dataset",
    "task",
    "metric",
    "rows",
    "train_rows",
    "test_rows",
    "contender",
    "status",
    "kept_back",
    "reported",
    "gap",
    "holdout_score",
    "ci_low",
    "ci_high",
    "ci_covers",
    "wall_s",
    "cpu_s",
    "load_avg",
    "peak_rss_mb",
    "model",
    "tool_version",
    "sklearn_version",
    "note",
    # Added later (older rows lack them; bench/ci_coverage.py says how each is computed):
    "holdout_rows",  # rows of diveml's own holdout
    "new_rows",  # kept-back rows with no exact copy (every column) in the training part
    "kept_back_new",  # the score on those rows only
    "ci_covers_new",  # diveml's interval contains kept_back_new
    "kept_back_se",  # bootstrap standard error of kept_back
    "expected_cover",  # coverage of kept_back to expect even of a right interval (simulated)
    "expected_cover_new",  # the same for kept_back_new
    "interval_cover",  # how often that simulated interval holds the true score (ideal: 0.95)
]


def venv_python(venv: str) -> Path:
    return VENVS / venv / "bin" / "python"


_versions: dict[str, tuple[str, str]] = {}


def versions(venv: str) -> tuple[str, str]:
    if venv not in _versions:
        code = (
            "import importlib.metadata as m\n"
            f"print(m.version({PACKAGE_OF[venv]!r}))\n"
            "print(m.version('scikit-learn'))"
        )
        try:
            out = subprocess.run(
                [str(venv_python(venv)), "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()
            _versions[venv] = (out[0], out[1])
        except (subprocess.CalledProcessError, FileNotFoundError, IndexError):
            _versions[venv] = ("?", "?")
    return _versions[venv]


def measure(command: list[str], log: Path, timeout: float, memory_cap_mb: float, env: dict) -> dict:
    """Run ``command``; return status, wall seconds and peak RSS (MiB) of its process tree."""
    import psutil

    with log.open("w") as handle:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=log.parent
        )
        root = psutil.Process(proc.pid)
        peak = 0.0
        cpu = 0.0
        status = None
        while True:
            pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(code)
                peak = max(peak, usage.ru_maxrss / 1024)
                cpu = usage.ru_utime + usage.ru_stime
                break
            try:
                tree = [root, *root.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in tree if p.is_running()) / 2**20
                peak = max(peak, rss)
            except psutil.Error:
                pass
            elapsed = time.perf_counter() - started
            if elapsed > timeout or peak > memory_cap_mb:
                status = "timeout" if elapsed > timeout else "memory_cap"
                for p in reversed([root, *root.children(recursive=True)]):
                    with contextlib.suppress(psutil.Error):
                        p.kill()
            time.sleep(0.5)
        wall = time.perf_counter() - started
    if status is None:
        status = "ok" if proc.returncode == 0 else f"failed (exit {proc.returncode})"
    return {
        "status": status,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "load_avg": round(os.getloadavg()[1], 2),
        "peak_rss_mb": round(peak, 1),
    }


def outputs(meta: dict, folder: Path, out: Path) -> tuple[np.ndarray, np.ndarray, str]:
    """Return (truth, prediction) of the kept-back rows as the metric reads them, and a note.

    roc_auc: truth is True for the positive class, the prediction its probability (the hard
    label when the tool gave no probabilities); balanced_accuracy: class labels as text;
    r2: numbers.
    """
    truth = pd.read_parquet(folder / "test_y.parquet")[meta["target"]]
    predicted = pd.read_parquet(out / "predictions.parquet")
    if meta["task"] == "regression":
        return truth.to_numpy(float), predicted["prediction"].to_numpy(float), ""
    truth = truth.astype(str)
    if meta["task"] == "multiclass":
        return truth.to_numpy(), predicted["prediction"].astype(str).to_numpy(), ""
    positive = meta["positive"]
    column = f"proba_{positive}"
    if column in predicted:
        return (truth == positive).to_numpy(), predicted[column].to_numpy(float), ""
    hard = (predicted["prediction"].astype(str) == positive).to_numpy(float)
    return (truth == positive).to_numpy(), hard, "no probabilities: AUC of hard labels"


def score(metric: str, truth: np.ndarray, predicted: np.ndarray) -> float:
    """The kept-back score by scikit-learn's own metric (NaN when undefined)."""
    from sklearn.metrics import balanced_accuracy_score, r2_score, roc_auc_score

    functions = {"roc_auc": roc_auc_score, "balanced_accuracy": balanced_accuracy_score}
    try:
        return float(functions.get(metric, r2_score)(truth, predicted))
    except ValueError:  # e.g. ROC AUC of rows of one class
        return float("nan")


def copy_free(folder: Path) -> np.ndarray:
    """Per kept-back row: True when the training part holds no exact copy of it."""
    train = pd.read_parquet(folder / "train.parquet")
    test = pd.concat(
        [pd.read_parquet(folder / "test_X.parquet"), pd.read_parquet(folder / "test_y.parquet")],
        axis=1,
    )
    return coverage.new_rows(train, test[list(train.columns)])


def kept_back_fields(meta: dict, folder: Path, out: Path, info: dict) -> tuple[dict, str]:
    """The kept-back score, the copy-free one, and (with an interval) what coverage to expect."""
    metric = meta["metric"]
    truth, predicted, note = outputs(meta, folder, out)
    new = copy_free(folder)
    kept_back = score(metric, truth, predicted)
    fields: dict = {"kept_back": round(kept_back, 5), "new_rows": int(new.sum())}
    if new.any():
        fields["kept_back_new"] = round(score(metric, truth[new], predicted[new]), 5)
    low, high, n_holdout = info.get("ci_low"), info.get("ci_high"), info.get("holdout_rows")
    if low is None or high is None:
        return fields, note
    fields["ci_low"], fields["ci_high"] = round(low, 5), round(high, 5)
    fields["ci_covers"] = bool(low <= kept_back <= high)
    if "kept_back_new" in fields:
        fields["ci_covers_new"] = bool(low <= fields["kept_back_new"] <= high)
    fields["kept_back_se"] = round(coverage.bootstrap_se(metric, truth, predicted), 6)
    if n_holdout:
        fields["holdout_rows"] = int(n_holdout)
        expect = coverage.simulate(metric, truth, predicted, n_holdout, len(truth))
        fields["expected_cover"] = round(expect.kept_back, 4)
        fields["interval_cover"] = round(expect.true_score, 4)
        if new.all():  # no copies: the copy-free rows are the kept-back rows
            fields["expected_cover_new"] = fields["expected_cover"]
        elif new.sum() >= coverage.MIN_NEW_ROWS:
            t, p = truth[new], predicted[new]
            fields["expected_cover_new"] = round(
                coverage.simulated_expected(metric, t, p, n_holdout, len(t)), 4
            )
    return fields, note


def last_log_line(log: Path) -> str:
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def run_one(dataset: str, contender: str, args: argparse.Namespace, run_id: str) -> dict:
    folder = bench_datasets.prepare(dataset)
    meta = json.loads((folder / "meta.json").read_text())
    venv, script, options = CONTENDERS[contender]
    out = OUT / run_id / dataset / contender
    out.mkdir(parents=True, exist_ok=True)
    command = [
        str(venv_python(venv)),
        str(BENCH / "contenders" / script),
        "--data",
        str(folder),
        "--out",
        str(out),
        "--n-jobs",
        str(args.n_jobs),
    ]
    for key, value in options.items():
        command += [key, value]
    env = dict(os.environ)
    threads = str(args.n_jobs)
    env.update(
        OMP_NUM_THREADS=threads,
        OPENBLAS_NUM_THREADS=threads,
        MKL_NUM_THREADS=threads,
        MPLBACKEND="Agg",
        PYTHONWARNINGS="ignore",
        DIVEML_HOME=str(out / "home"),
    )
    env.pop("PYTHONPATH", None)
    tool_version, sklearn_version = versions(venv)
    row: dict = {
        "run_id": run_id,
        "dataset": dataset,
        "task": meta["task"],
        "metric": meta["metric"],
        "rows": meta["rows"],
        "train_rows": meta["train_rows"],
        "test_rows": meta["test_rows"],
        "contender": contender,
        "tool_version": tool_version,
        "sklearn_version": sklearn_version,
    }
    if not venv_python(venv).exists():
        row.update(status="not installed", note=f"no venv bench/.venvs/{venv}")
        return row
    print(f"[{dt.datetime.now():%H:%M:%S}] {dataset} / {contender} ...", flush=True)
    measured = measure(command, out / "log.txt", args.timeout, args.memory_cap_gb * 1024, env)
    row.update(measured)
    reported_file = out / "reported.json"
    if measured["status"] == "ok" and reported_file.exists():
        info = json.loads(reported_file.read_text())
        fields, note = kept_back_fields(meta, folder, out, info)
        row.update(fields)
        row["model"] = info.get("model")
        notes = [note] if note else []
        if info.get("reported") is not None:
            row["reported"] = round(info["reported"], 5)
            row["gap"] = round(info["reported"] - fields["kept_back"], 5)
        if info.get("holdout_score") is not None:
            row["holdout_score"] = round(info["holdout_score"], 5)
        if info.get("sampling"):
            notes.append("sampling: " + json.dumps(info["sampling"]))
        if info.get("metric_used") and info["metric_used"] != meta["metric"]:
            notes.append(f"tool used metric {info['metric_used']}")
        row["note"] = "; ".join(notes)
    elif measured["status"] == "ok":
        row["status"] = "failed (no output)"
        row["note"] = last_log_line(out / "log.txt")
    else:
        row["note"] = last_log_line(out / "log.txt")
    return row


def upgrade_header(path: Path) -> None:
    """Give runs.csv the current FIELDS as its header when it has an older, shorter one.

    Fields are only ever added at the end, so an older row is a prefix of a current one:
    only the header line changes (the rows stay byte for byte, and their missing fields
    read as empty).
    """
    with path.open(newline="") as handle:
        header = next(csv.reader(handle), [])
    if header == FIELDS:
        return
    if header != FIELDS[: len(header)]:
        raise SystemExit(f"{path}: its header is not a prefix of run.py's FIELDS: {header}")
    lines = path.read_text().splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    path.write_text(",".join(FIELDS) + ending + "".join(lines[1:]))


def append(row: dict, path: Path = RUNS_CSV) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    if not new:
        upgrade_header(path)
    row["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
        if new:
            writer.writeheader()
        writer.writerow(row)


def machine() -> dict:
    import psutil

    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contenders", nargs="+", default=list(CONTENDERS), choices=CONTENDERS)
    parser.add_argument("--datasets", nargs="+", default=[d.name for d in bench_datasets.DATASETS])
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds per run")
    parser.add_argument("--memory-cap-gb", type=float, default=16.0)
    parser.add_argument(
        "--max-rows",
        default="",
        help="contender=ROWS,...: skip a contender on larger datasets (e.g. lazypredict=20000)",
    )
    parser.add_argument(
        "--order",
        choices=["contender", "dataset"],
        default="contender",
        help="run every dataset for one contender before the next (default), or the reverse",
    )
    parser.add_argument(
        "--skip-done", action="store_true", help="leave out pairs runs.csv already has as ok"
    )
    args = parser.parse_args()
    limits = {k: int(v) for k, v in (p.split("=") for p in args.max_rows.split(",") if p)}
    run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = {
        "run_id": run_id,
        "command": "python bench/run.py " + shlex.join(sys.argv[1:]),
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    with (RESULTS / "runs.jsonl").open("a") as handle:
        handle.write(json.dumps(info) + "\n")
    pairs = [(c, d) for c in args.contenders for d in args.datasets]
    if args.order == "dataset":
        pairs = [(c, d) for d in args.datasets for c in args.contenders]
    if args.skip_done and RUNS_CSV.exists():
        done = pd.read_csv(RUNS_CSV)
        done = done[done["status"] == "ok"]
        done = set(zip(done["contender"], done["dataset"], strict=True))
        pairs = [p for p in pairs if p not in done]
    for contender, dataset in pairs:
        meta = json.loads((bench_datasets.prepare(dataset) / "meta.json").read_text())
        if contender in limits and meta["train_rows"] > limits[contender]:
            row = {
                "run_id": run_id,
                "dataset": dataset,
                "task": meta["task"],
                "metric": meta["metric"],
                "rows": meta["rows"],
                "train_rows": meta["train_rows"],
                "test_rows": meta["test_rows"],
                "contender": contender,
                "status": "skipped",
                "note": f"more than {limits[contender]:,} training rows (--max-rows)",
            }
        else:
            row = run_one(dataset, contender, args, run_id)
        append(row)
        print(
            f"    {row['status']}: kept-back {row.get('kept_back')}, reported "
            f"{row.get('reported')}, {row.get('wall_s')} s, {row.get('peak_rss_mb')} MiB",
            flush=True,
        )
        subprocess.run([sys.executable, str(BENCH / "report.py")], check=False)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()

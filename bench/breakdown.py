"""Where a study's time goes: start-up and imports, each stage, and the parts inside them.

    bench/.venvs/diveml/bin/python bench/breakdown.py penguins default diamonds

For each dataset (the benchmark's training part, as the diveml contender gets it) a fresh
child process imports diveml, runs ``diveml.study`` with default settings and records, as
wall and CPU seconds (CPU is what a shared machine does not inflate):

- ``python start-up`` (the interpreter alone, measured as ``python -c pass``) and
  ``imports`` (everything ``diveml study`` imports before the first stage; later imports
  land in the stage that makes them);
- every stage of the protocol, from the study's own progress calls;
- inside them: each rung's cross-validation, each learning curve, the permutation
  importance, the bootstrap interval, the model file, the HTML report, the Markdown
  report and the notebook (timers wrapped around those functions, no profiler overhead);
- then ``diveml predict`` on the kept-back rows, as its own process (wall and CPU), and
  ``diveml --help``.

Rows go to bench/results/breakdown.csv (with the load average: on a shared machine compare
shares within one run, not seconds across runs); ``--markdown`` prints the table for
bench/results_notes.md.

Before and after a change, side by side (``LABEL=SRC``: the diveml source folder put first
on PYTHONPATH, as in bench/ab.py), the variants alternated ``--repeat`` times:

    bench/.venvs/diveml/bin/python bench/breakdown.py penguins --repeat 3 \\
        --variant before=/path/to/old/src --variant after=src

Those rows go to bench/results/breakdown_ab.csv, and the summary gives each part's median
CPU seconds per variant and the difference to the first.

``diveml predict`` and ``diveml --help`` alone, many times (a study costs twenty predicts):

    .venv/bin/python bench/breakdown.py penguins titanic --predict-only --repeat 15 \\
        --variant before=/path/to/old/src --variant after=src

makes one study per dataset (with the last variant), then times, each variant in turn
``--repeat`` times: ``diveml predict`` of that model on the kept-back rows as Parquet (as
above) and as CSV, and ``diveml --help``. Rows go to bench/results/breakdown_ab.csv too;
the summary gives median CPU and median wall seconds. ``--bytecode`` runs diveml from its
compiled modules, as an installed copy does (a checkout run with PYTHONDONTWRITEBYTECODE=1
compiles diveml's own modules in every process).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROFILE_CSV = BENCH / "results" / "breakdown.csv"
FIELDS = ["finished_at", "dataset", "train_rows", "part", "inside", "wall_s", "cpu_s", "load_avg"]
AB_CSV = BENCH / "results" / "breakdown_ab.csv"
AB_FIELDS = [*FIELDS, "variant", "repeat"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(dataset_dir: Path, out: Path) -> None:
    """Run one study in this (fresh) process and print the measured parts as JSON."""
    began, began_cpu = time.perf_counter(), _cpu()
    parts: list[dict] = []

    def record(part: str, inside: str, wall: float, cpu: float) -> None:
        parts.append({"part": part, "inside": inside, "wall_s": wall, "cpu_s": cpu})

    try:
        from diveml.cli._startup import skip_scipy_doc_tables
    except ImportError:  # a checkout from before it
        pass
    else:
        skip_scipy_doc_tables()  # as `diveml study` does before its imports
    import diveml.study._study as study_module
    from diveml.report import _notebook, _report
    from diveml.study import _engine, _holdout, _importance

    record("imports", "", time.perf_counter() - began, _cpu() - began_cpu)

    def timed(owner: object, name: str, stage: str, label: object) -> None:
        function = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            t, c = time.perf_counter(), _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                text = label(args) if callable(label) else str(label)
                record(stage, text, time.perf_counter() - t, _cpu() - c)

        setattr(owner, name, wrapper)

    timed(_engine.LocalEngine, "cross_validate", "ladder", lambda a: f"rung {a[1].name}")
    timed(_engine.LocalEngine, "learning_curve", "learning curve", lambda a: f"curve of {a[1]}")
    timed(_importance, "permutation_importance_section", "diagnostics", "permutation importance")
    timed(_holdout, "bootstrap_ci", "holdout", "bootstrap interval")
    timed(study_module, "save_model", "artifacts", "model file (skops)")
    timed(_report.Report, "html", "report", "report.html (with plots)")
    timed(_report.Report, "markdown", "report", "report.md")
    timed(_notebook, "build_notebook", "report", "study.ipynb")

    meta = json.loads((dataset_dir / "meta.json").read_text())
    marks: list[tuple[str, float, float]] = []

    def progress(stage: str, detail: str) -> None:
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter(), _cpu()))

    study_module.study(
        dataset_dir / "train.parquet", target=meta["target"], out=out, progress=progress
    )
    end, end_cpu = time.perf_counter(), _cpu()
    for (stage, t, c), nxt in zip(marks, [*marks[1:], ("end", end, end_cpu)], strict=True):
        if stage != "done":
            record(stage, "", nxt[1] - t, nxt[2] - c)
    print("PROFILE " + json.dumps(parts))


def _timed_process(command: list[str], env: dict) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return wall, cpu, done.stdout


def profile(name: str, env: dict) -> list[dict]:
    sys.path.insert(0, str(BENCH))
    import datasets as bench_datasets

    folder = bench_datasets.prepare(name)
    meta = json.loads((folder / "meta.json").read_text())
    out = BENCH / "out" / ("profile-" + dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")) / name
    out.parent.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    rows: list[dict] = []
    wall, cpu, _ = _timed_process([python, "-c", "pass"], env)
    rows.append({"part": "python start-up", "inside": "", "wall_s": wall, "cpu_s": cpu})
    wall, cpu, stdout = _timed_process(
        [python, __file__, "--child", str(folder), str(out / "study")], env
    )
    line = next(x for x in stdout.splitlines() if x.startswith("PROFILE "))
    inner = json.loads(line.removeprefix("PROFILE "))
    rows += inner
    rows.append({"part": "study process (total)", "inside": "", "wall_s": wall, "cpu_s": cpu})
    predict = [
        python,
        "-m",
        "diveml",
        "predict",
        str(out / "study" / "model.skops"),
        str(folder / "test_X.parquet"),
        "--out",
        str(out / "predictions.csv"),
    ]
    wall, cpu, _ = _timed_process(predict, env)
    rows.append({"part": "diveml predict (process)", "inside": "", "wall_s": wall, "cpu_s": cpu})
    wall, cpu, _ = _timed_process([python, "-m", "diveml", "--help"], env)
    rows.append({"part": "diveml --help (process)", "inside": "", "wall_s": wall, "cpu_s": cpu})
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    load = round(os.getloadavg()[1], 2)
    for row in rows:
        row.update(
            finished_at=stamp,
            dataset=name,
            train_rows=meta["train_rows"],
            load_avg=load,
            wall_s=round(row["wall_s"], 3),
            cpu_s=round(row["cpu_s"], 3),
        )
    return rows


def markdown(rows: list[dict]) -> str:
    """The latest run of each dataset as one table: parts as rows, datasets as columns."""
    latest: dict[str, str] = {}
    for row in rows:
        latest[row["dataset"]] = max(latest.get(row["dataset"], ""), row["finished_at"])
    chosen = [r for r in rows if r["finished_at"] == latest[r["dataset"]]]
    names = list(dict.fromkeys(r["dataset"] for r in chosen))
    keys = list(dict.fromkeys((r["part"], r["inside"]) for r in chosen))
    cells: dict[tuple[str, str, str], list[float]] = {}
    for r in chosen:
        cells.setdefault((r["dataset"], r["part"], r["inside"]), [0.0, 0.0])
        cells[(r["dataset"], r["part"], r["inside"])][0] += float(r["wall_s"])
        cells[(r["dataset"], r["part"], r["inside"])][1] += float(r["cpu_s"])
    header = [
        "part",
        *(f"{n} ({_first(chosen, n, 'train_rows')} rows) wall / CPU s" for n in names),
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for part, inside in keys:
        label = f"{part}: {inside}" if inside else f"**{part}**"
        values = []
        for n in names:
            cell = cells.get((n, part, inside))
            values.append(f"{cell[0]:.2f} / {cell[1]:.2f}" if cell else "")
        lines.append("| " + " | ".join([label, *values]) + " |")
    loads = ", ".join(f"{n} {_first(chosen, n, 'load_avg')}" for n in names)
    return "\n".join(lines) + f"\n\n5-minute load average at the end of each: {loads}.\n"


def _first(rows: list[dict], name: str, key: str) -> str:
    return next(str(r[key]) for r in rows if r["dataset"] == name)


def side_by_side(names: list[str], variants: list[str], repeat: int) -> None:
    """Profile each variant ``repeat`` times, alternated; print the median CPU of each part."""
    pairs = [(v.partition("=")[0], str(Path(v.partition("=")[2]).resolve())) for v in variants]
    rows: list[dict] = []
    for name in names:
        for turn in range(repeat):
            for label, src in pairs:
                mine = profile(name, _variant_env(label, src))
                for row in mine:
                    row.update(variant=label, repeat=turn)
                rows += mine
                print(f"{name} {label} {turn}: {len(mine)} parts", flush=True)
    new = not AB_CSV.exists()
    with AB_CSV.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=AB_FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)
    print(ab_markdown(rows, [label for label, _ in pairs]))


def _variant_env(label: str, src: str, bytecode: bool = False) -> dict:
    env = dict(
        os.environ,
        MPLBACKEND="Agg",
        PYTHONWARNINGS="ignore",
        OMP_NUM_THREADS="1",
        PYTHONPATH=src,
        DIVEML_HOME=str(BENCH / "out" / f"profile-home-{label}"),
    )
    if bytecode:
        # as an installed diveml runs: its modules compiled once, not at every start (a
        # source checkout under PYTHONDONTWRITEBYTECODE=1 compiles diveml's ~40 modules in
        # every process); the cache lives under bench/out, per variant
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(BENCH / "out" / f"pycache-{label}")
    return env


def predict_side_by_side(
    names: list[str], variants: list[str], repeat: int, bytecode: bool = False
) -> None:
    """Time ``diveml predict`` (Parquet and CSV) and ``--help`` of each variant, alternated.

    With ``bytecode``, each variant runs once untimed first, and from its compiled modules
    after (:func:`_variant_env`).
    """
    sys.path.insert(0, str(BENCH))
    import datasets as bench_datasets
    import pandas as pd

    pairs = [(v.partition("=")[0], str(Path(v.partition("=")[2]).resolve())) for v in variants]
    python = sys.executable
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    rows: list[dict] = []
    for name in names:
        folder = bench_datasets.prepare(name)
        meta = json.loads((folder / "meta.json").read_text())
        out = BENCH / "out" / f"predict-{stamp}" / name
        out.mkdir(parents=True, exist_ok=True)
        # one model for every variant: the same diveml version and file format load it
        _timed_process(
            [python, __file__, "--child", str(folder), str(out / "study")],
            _variant_env(*pairs[-1]),
        )
        csv_rows = out / "test_X.csv"
        pd.read_parquet(folder / "test_X.parquet").to_csv(csv_rows, index=False)
        inputs = {
            "diveml predict (process)": folder / "test_X.parquet",
            "diveml predict, CSV (process)": csv_rows,
        }
        for turn in range(-1 if bytecode else 0, repeat):
            for label, src in pairs:
                env = _variant_env(label, src, bytecode)
                timed: list[tuple[str, float, float]] = []
                for part, rows_file in inputs.items():
                    target = out / f"predictions-{label}-{turn}-{rows_file.suffix[1:]}.csv"
                    command = [
                        python,
                        "-m",
                        "diveml",
                        "predict",
                        str(out / "study" / "model.skops"),
                    ]
                    wall, cpu, _ = _timed_process(
                        [*command, str(rows_file), "--out", str(target)], env
                    )
                    timed.append((part, wall, cpu))
                wall, cpu, _ = _timed_process([python, "-m", "diveml", "--help"], env)
                timed.append(("diveml --help (process)", wall, cpu))
                finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                load = round(os.getloadavg()[1], 2)
                for part, wall, cpu in timed if turn >= 0 else []:  # -1: the warm-up
                    rows.append(
                        {
                            "finished_at": finished,
                            "dataset": name,
                            "train_rows": meta["train_rows"],
                            "part": part,
                            "inside": "",
                            "wall_s": round(wall, 3),
                            "cpu_s": round(cpu, 3),
                            "load_avg": load,
                            "variant": label + (" (compiled)" if bytecode else ""),
                            "repeat": turn,
                        }
                    )
            print(f"{name} round {turn}: load {os.getloadavg()[1]:.1f}", flush=True)
    new = not AB_CSV.exists()
    with AB_CSV.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=AB_FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)
    labels = [label + (" (compiled)" if bytecode else "") for label, _ in pairs]
    print(ab_markdown(rows, labels))
    print(ab_markdown(rows, labels, measure="wall_s"))


def ab_markdown(rows: list[dict], labels: list[str], measure: str = "cpu_s") -> str:
    """Median seconds (CPU, or ``measure``) of each part per variant, and each minus the first."""
    unit = "CPU s" if measure == "cpu_s" else "wall s"
    lines = []
    for name in dict.fromkeys(r["dataset"] for r in rows):
        mine = [r for r in rows if r["dataset"] == name]
        keys = list(dict.fromkeys((r["part"], r["inside"]) for r in mine))
        header = [
            "part",
            *(f"{v} {unit}" for v in labels),
            *(f"{v} − {labels[0]}" for v in labels[1:]),
        ]
        lines += [f"\n{name} (median of the repeats):", "| " + " | ".join(header) + " |"]
        lines.append("|" + " --- |" * len(header))
        for part, inside in keys:
            medians = []
            for v in labels:
                # a part that runs more than once in a study (rungs, curves) is summed per run
                totals: dict[int, float] = {}
                for r in mine:
                    if r["variant"] == v and (r["part"], r["inside"]) == (part, inside):
                        totals[r["repeat"]] = totals.get(r["repeat"], 0.0) + float(r[measure])
                medians.append(statistics.median(totals.values()) if totals else None)
            cells = ["" if m is None else f"{m:.2f}" for m in medians]
            cells += [
                "" if m is None or medians[0] is None else f"{m - medians[0]:+.2f}"
                for m in medians[1:]
            ]
            label = f"{part}: {inside}" if inside else f"**{part}**"
            lines.append("| " + " | ".join([label, *cells]) + " |")
        loads = sorted(float(r["load_avg"]) for r in mine)
        lines.append(f"\n5-minute load average {loads[0]:.1f} to {loads[-1]:.1f}.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="*")
    parser.add_argument("--child", nargs=2, metavar=("DATASET_DIR", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--markdown", action="store_true", help="print the latest table")
    parser.add_argument("--variant", action="append", help="LABEL=SRC, compared side by side")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each variant")
    parser.add_argument(
        "--predict-only",
        action="store_true",
        help="with --variant: time only diveml predict and --help, on one study per dataset",
    )
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="with --predict-only: run diveml from compiled modules, as an installed copy",
    )
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    if args.datasets and args.variant and args.predict_only:
        predict_side_by_side(args.datasets, args.variant, args.repeat, args.bytecode)
        return
    if args.datasets and args.variant:
        side_by_side(args.datasets, args.variant, args.repeat)
        return
    if args.datasets:
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="ignore", OMP_NUM_THREADS="1")
        env.setdefault("DIVEML_HOME", str(BENCH / "out" / "profile-home"))
        for name in args.datasets:
            rows = profile(name, env)
            new = not PROFILE_CSV.exists()
            with PROFILE_CSV.open("a", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=FIELDS)
                if new:
                    writer.writeheader()
                writer.writerows(rows)
            print(f"{name}: {len(rows)} parts", flush=True)
    if args.markdown or args.datasets:
        with PROFILE_CSV.open() as handle:
            print(markdown(list(csv.DictReader(handle))))


if __name__ == "__main__":
    main()

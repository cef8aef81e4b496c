"""What bench/scale.py and bench/scale_dask.py share: one measured study run, one CSV row.

A study runs in a child process measured like every contender (bench/run.py's ``measure``:
wall, CPU and peak RSS of the whole process tree, Dask's workers included), with its own
DIVEML_HOME, and its study.json is read back; each run appends one row to a CSV under
bench/results/, and RESULTS.md is written again after it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run as bench_run  # noqa: E402

# A run is stopped past this much memory: the machine has 24 GiB, shared.
MEMORY_CAP_MB = 22 * 1024


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def say(text: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {text}", flush=True)


def study_run(
    command: list[str], out: Path, timeout: float
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Run ``diveml study`` (``command``, writing under ``out/study``); its measures and result."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MPLBACKEND="Agg", DIVEML_HOME=str(out / "home"))
    env.pop("PYTHONPATH", None)
    load_start = round(os.getloadavg()[0], 2)
    measured = bench_run.measure(command, out / "log.txt", timeout, MEMORY_CAP_MB, env)
    measured["load_start"] = load_start
    study_json = out / "study" / "study.json"
    if not study_json.exists():
        measured["note"] = bench_run.last_log_line(out / "log.txt")
        return measured, None
    return measured, json.loads(study_json.read_text())


def append_row(name: str, fields: list[str], row: dict[str, Any]) -> None:
    """Append ``row`` to bench/results/``name`` (its header first if the file is new)."""
    target = bench_run.RESULTS / name
    new = not target.exists()
    with target.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        if new:
            writer.writeheader()
        writer.writerow(row)


def write_report() -> None:
    subprocess.run([sys.executable, str(BENCH / "report.py")], check=False)

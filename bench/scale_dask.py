"""Big tables, local against Dask: rows x wall x peak memory, and the parity of the numbers.

    python bench/scale_dask.py 4000000 16000000          # sizes in rows
    SCALE_DIR=/tmp/big SCALE_BUDGET=30 python bench/scale_dask.py 48000000 --dask-only

For each size it writes a synthetic Parquet table (20 features: 16 numeric, 4 categorical;
a binary target; row groups of 1,000,000 rows, written one at a time so the generator never
holds the table) under SCALE_DIR, then runs ``diveml study`` on it with ``--engine local``
and ``--engine dask --jobs 2`` (same options and seed), each in a child process measured
like every contender (wall, peak RSS of the process tree, workers included). A table of
more than 2,000,000 rows is read in parts (in parallel on Dask) and studied on a hash-drawn
sample, every row counted (src/diveml/study/_bigtable.py). Each run appends a row to
bench/results/scale_dask.csv, with whether its numbers (chosen model, every fold score,
holdout score and interval) equal the other engine's on the same table. The table is
deleted afterwards unless SCALE_KEEP=1.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run as bench_run  # noqa: E402

FIELDS = [
    "finished_at",
    "rows",
    "engine",
    "status",
    "wall_s",
    "cpu_s",
    "load_avg",
    "peak_rss_mb",
    "file_mb",
    "drawn_rows",
    "how_read",
    "chosen",
    "holdout_score",
    "ci_low",
    "ci_high",
    "same_numbers_as_other_engine",
    "stages",
]
CHUNK = 1_000_000


def write_table(path: Path, rows: int) -> None:
    """Write the synthetic table a row group at a time (each seeded by its number).

    The 16 numbers are normal draws rounded to 0.05 and the 4 categories take 5 values, so
    that Parquet's dictionary encoding keeps the file small (about 17 MB per million rows)
    while pandas holds every value as a float64 or a string (about 175 bytes a row): a
    table far bigger in memory than on disk, written in minutes, never held whole.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    letters, labels = pa.array(list("abcde")), pa.array(["no", "yes"])

    def strings(codes: np.ndarray, values: pa.Array) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(codes), values).cast(pa.string())

    writer = None
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        rng = np.random.default_rng(start // CHUNK)
        numbers = np.round(rng.normal(size=(n, 16)) * 20) / 20
        codes = rng.integers(0, 5, size=(n, 4)).astype(np.int8)
        columns = {f"x{i}": pa.array(numbers[:, i]) for i in range(16)}
        columns |= {f"c{i}": strings(codes[:, i], letters) for i in range(4)}
        signal = numbers[:, :4] @ np.array([1.0, -0.8, 0.5, 0.3]) + (codes[:, 0] == 0) * 0.7
        noisy = signal + rng.normal(scale=1.2, size=n) > 0
        columns["y"] = strings(noisy.astype(np.int8), labels)
        table = pa.table(columns)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=CHUNK)
    assert writer is not None
    writer.close()


def numbers(result: dict) -> dict:
    return {
        "chosen": result["chosen"],
        "folds": [r["cv_scores"] for r in result["ladder"]],
        "holdout": [result["holdout"][k] for k in ("score", "ci_low", "ci_high")],
        "split": result["split"]["holdout_fingerprint"],
    }


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    engines = ["dask"] if "--dask-only" in sys.argv else ["local", "dask"]
    folder = Path(os.environ.get("SCALE_DIR", "/tmp/diveml-scale"))
    folder.mkdir(parents=True, exist_ok=True)
    budget = os.environ.get("SCALE_BUDGET", "30")
    timeout = float(os.environ.get("SCALE_TIMEOUT", "1800"))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    for size in (int(a) for a in args):
        path = folder / f"synthetic_{size}.parquet"
        if not path.exists():
            print(f"[{dt.datetime.now():%H:%M:%S}] writing {size:,} rows to {path}", flush=True)
            write_table(path, size)
        seen: dict[str, dict] = {}
        for engine in engines:
            out = bench_run.OUT / f"scale-dask-{stamp}" / f"{size}-{engine}"
            out.mkdir(parents=True, exist_ok=True)
            env = dict(os.environ, MPLBACKEND="Agg", DIVEML_HOME=str(out / "home"))
            command = [sys.executable, "-m", "diveml", "study", str(path), "--target", "y",
                       "--budget", budget, "--engine", engine, "--out", str(out / "study")]  # fmt: skip
            if engine == "dask":
                command += ["--jobs", "2"]
            print(f"[{dt.datetime.now():%H:%M:%S}] {size:,} rows, {engine}", flush=True)
            measured = bench_run.measure(command, out / "log.txt", timeout, 22 * 1024, env)
            row: dict = {"rows": size, "engine": engine, **measured}
            row["file_mb"] = round(path.stat().st_size / 2**20, 1)
            study_json = out / "study" / "study.json"
            if study_json.exists():
                result = json.loads(study_json.read_text())
                table = result.get("table") or {}
                row.update(
                    drawn_rows=table.get("drawn_rows", result["data"]["rows"]),
                    how_read=table.get("how_read", "read whole"),
                    chosen=result["chosen"]["name"],
                    holdout_score=result["holdout"]["score"],
                    ci_low=result["holdout"]["ci_low"],
                    ci_high=result["holdout"]["ci_high"],
                    stages=json.dumps(result["timings"]["stages"]),
                )
                seen[engine] = numbers(result)
                other = [e for e in seen if e != engine]
                if other:
                    row["same_numbers_as_other_engine"] = seen[other[0]] == seen[engine]
            row["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            target = bench_run.RESULTS / "scale_dask.csv"
            new = not target.exists()
            with target.open("a", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
                if new:
                    writer.writeheader()
                writer.writerow(row)
            print(f"    {row['status']}: {row['wall_s']} s, {row['peak_rss_mb']} MiB", flush=True)
        if os.environ.get("SCALE_KEEP") != "1":
            path.unlink()


if __name__ == "__main__":
    main()

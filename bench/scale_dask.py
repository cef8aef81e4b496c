"""Big tables, local against Dask: rows x wall x CPU x peak memory, and the parity of the numbers.

    python bench/scale_dask.py 4000000 16000000              # sizes in rows, both engines
    SCALE_DIR=/tmp/big python bench/scale_dask.py 160000000 --dask-only
    python bench/scale_dask.py 4000000 --csv                 # also its CSV copy

For each size it writes a synthetic Parquet table (20 features: 16 numbers on a grid of
0.05, 4 categories of 5 values; a binary target; row groups of 1,000,000 rows, written one
at a time so the generator never holds the table) under SCALE_DIR, and runs ``diveml
study --budget $SCALE_BUDGET`` on it with ``--engine local`` and ``--engine dask --jobs 2``
(same options and seed), one after the other, each in a child process measured like every
contender (bench/scale_common.py: wall, CPU, peak RSS of the process tree, Dask's workers
included; the load before and after). A table of more than 2,000,000 rows is read in parts
(in parallel on Dask) and studied on a hash-drawn sample, every row counted
(src/diveml/study/_bigtable.py). Each run appends a row to bench/results/scale_dask.csv:
the table's size on disk and as pandas would hold it (bytes a row of its first row group,
measured with ``memory_usage(deep=True)``, times its rows), what the study drew and fitted
on, and whether its numbers (chosen model, every fold score, holdout score and interval,
the holdout's fingerprint) equal the other engine's on the same table. The table is deleted
afterwards unless SCALE_KEEP=1. With ``--csv`` each size is also written as CSV (from the
Parquet file, a row group at a time) and studied the same way; its rows say whether its
numbers equal the Parquet file's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np
import run as bench_run
import scale_common as common

FIELDS = [
    "run",
    "finished_at",
    "rows",
    "format",
    "engine",
    "status",
    "wall_s",
    "cpu_s",
    "load_start",
    "load_avg",
    "peak_rss_mb",
    "file_mb",
    "pandas_gib",
    "drawn_rows",
    "duplicate_rows",
    "ladder_rows",
    "final_fit_rows",
    "how_read",
    "chosen",
    "holdout_score",
    "ci_low",
    "ci_high",
    "same_numbers_as_other_engine",
    "same_numbers_as_parquet",
    "stages",
    "note",
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


def pandas_gib(path: Path) -> float:
    """GiB the whole table would take as pandas: its first row group's bytes a row, times rows."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    first = parquet.read_row_group(0).to_pandas()
    per_row = first.memory_usage(deep=True).sum() / len(first)
    return round(per_row * parquet.metadata.num_rows / 2**30, 2)


def write_csv(parquet: Path, path: Path) -> None:
    """Write the CSV copy of ``parquet``, a row group at a time (floats as repr: exact)."""
    import pyarrow.parquet as pq

    source = pq.ParquetFile(parquet)
    with path.open("w", newline="") as handle:
        for i in range(source.num_row_groups):
            source.read_row_group(i).to_pandas().to_csv(handle, index=False, header=i == 0)


def study_file(
    path: Path, size: int, kind: str, engine: str, stamp: str
) -> tuple[dict, dict | None]:
    """Study ``path`` on ``engine``: the measured row for scale_dask.csv, and study.json."""
    budget = os.environ.get("SCALE_BUDGET", "30")
    timeout = float(os.environ.get("SCALE_TIMEOUT", "3000"))
    out = bench_run.OUT / f"scale-dask-{stamp}" / f"{size}-{kind}-{engine}"
    if out.exists():  # a size run again within the same run: a folder of its own
        out = out.with_name(f"{out.name}-{dt.datetime.now(dt.UTC):%H%M%S}")
    command = [sys.executable, "-m", "diveml", "study", str(path), "--target", "y",
               "--budget", budget, "--engine", engine, "--out", str(out / "study")]  # fmt: skip
    if engine == "dask":
        command += ["--jobs", "2"]
    common.say(f"{size:,} rows as {kind}, {engine}")
    measured, result = common.study_run(command, out, timeout)
    row: dict = {"run": stamp, "rows": size, "format": kind, "engine": engine, **measured}
    row["file_mb"] = round(path.stat().st_size / 2**20, 1)
    if result is not None:
        table = result.get("table") or {}
        sampling = result.get("sampling") or {}
        row.update(
            drawn_rows=table.get("drawn_rows", result["data"]["rows"]),
            duplicate_rows=(table.get("whole_table") or {}).get("duplicate_rows"),
            ladder_rows=sampling.get("ladder_rows"),
            final_fit_rows=sampling.get("final_fit_rows"),
            how_read=table.get("how_read", "read whole"),
            chosen=result["chosen"]["name"],
            holdout_score=result["holdout"]["score"],
            ci_low=result["holdout"]["ci_low"],
            ci_high=result["holdout"]["ci_high"],
            stages=json.dumps(result["timings"]["stages"]),
        )
    return row, result


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    engines = ["local", "dask"]
    engines = ["dask"] if "--dask-only" in sys.argv else engines
    engines = ["local"] if "--local-only" in sys.argv else engines
    folder = Path(os.environ.get("SCALE_DIR", "/tmp/diveml-scale"))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = os.environ.get("SCALE_RUN") or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    for size in (int(a) for a in args):
        path = folder / f"synthetic_{size}.parquet"
        if not path.exists():
            common.say(f"writing {size:,} rows to {path}")
            write_table(path, size)
        in_memory = pandas_gib(path)
        common.say(f"{size:,} rows: {in_memory} GiB as pandas")
        files = [("parquet", path)]
        if "--csv" in sys.argv:
            files.append(("csv", path.with_suffix(".csv")))
            if not files[-1][1].exists():
                write_csv(path, files[-1][1])
        seen: dict[tuple[str, str], dict] = {}
        for kind, file in files:
            for engine in engines:
                row, result = study_file(file, size, kind, engine, stamp)
                row["pandas_gib"] = in_memory
                if result is not None:
                    seen[kind, engine] = numbers(result)
                    other = [e for k, e in seen if k == kind and e != engine]
                    if other:
                        row["same_numbers_as_other_engine"] = (
                            seen[kind, other[0]] == seen[kind, engine]
                        )
                    if kind != "parquet" and ("parquet", engine) in seen:
                        row["same_numbers_as_parquet"] = (
                            seen["parquet", engine] == seen[kind, engine]
                        )
                row["finished_at"] = common.now()
                common.append_row("scale_dask.csv", FIELDS, row)
                print(f"    {row['status']}: {row['wall_s']} s, {row['cpu_s']} CPU-s, "
                      f"{row['peak_rss_mb']} MiB", flush=True)  # fmt: skip
            if os.environ.get("SCALE_KEEP") != "1":
                file.unlink()
    common.write_report()


if __name__ == "__main__":
    main()

"""Tables too big to study whole: a hash-drawn sample, and whole-table counts, read in parts.

A Parquet table of more than :data:`STUDY_ROWS` rows is never loaded whole. It is read in
parts (its row groups: in parallel as a Dask DataFrame on the Dask engine, one after the
other on the local engine), and each part keeps the rows whose draw (:mod:`._draws`, a hash
of the row's values and the seed) falls under ``STUDY_ROWS / rows``: a sample of about
``STUDY_ROWS`` rows that is the same however the table is partitioned, and the same on both
engines. The study (audit, holdout, ladder, curves, final fit) runs on that sample; what
could honestly be counted on the whole table in the same pass (rows, missing values per
column, the target's classes or range) is counted on every row, and study.json's ``table``
section and the sampling note say which is which.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml.study._draws import draws, row_hashes

__all__ = ["STUDY_ROWS", "Drawn", "draw_table", "parquet_rows", "read_study_table"]

# Rows a study loads at most: about 2 GB of memory for a table of 20 numeric columns, more
# than the default budget fits on (the budget plan samples again from these).
STUDY_ROWS = 2_000_000
# The local engine reads a big table this many rows at a time.
BATCH_ROWS = 1 << 20
_TOP = float(2**64)


@dataclasses.dataclass(frozen=True)
class Drawn:
    """The hash-drawn sample of a big table, and what was counted on every row."""

    frame: pd.DataFrame
    info: dict[str, Any]


def parquet_rows(data: Any) -> int | None:
    """Rows of a Parquet file (from its footer, nothing else read); None for anything else."""
    if not isinstance(data, str | Path):
        return None
    path = Path(data)
    if path.suffix.lower() not in (".parquet", ".pq") or not path.is_file():
        return None
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # not readable as Parquet: the ordinary reader says why
        return None


def _keep(part: pd.DataFrame, share: float, seed: int) -> pd.DataFrame:
    """The rows of one part whose draw falls under ``share`` (of all 64-bit draws)."""
    if part.empty:
        return part
    draw = draws(row_hashes(part), seed, "table")
    return part[draw.astype(np.float64) < share * _TOP]


def _counts(part: pd.DataFrame, target: str, regression: bool) -> dict[str, Any]:
    """What is counted on every row of one part (added up over the parts)."""
    y = part[target]
    counts: dict[str, Any] = {"rows": len(part), "missing": part.isna().sum().to_dict()}
    if regression:
        values = pd.to_numeric(y, errors="coerce")
        counts["target"] = {
            "min": values.min(),
            "max": values.max(),
            "sum": float(values.sum()),
            "n": int(values.notna().sum()),
        }
    else:
        counts["target"] = y.astype(str).where(y.notna()).value_counts().to_dict()
    return counts


def _add(total: dict[str, Any] | None, part: dict[str, Any], regression: bool) -> dict[str, Any]:
    if total is None:
        return part
    total["rows"] += part["rows"]
    for column, n in part["missing"].items():
        total["missing"][column] = total["missing"].get(column, 0) + n
    if regression:
        t, p = total["target"], part["target"]
        t["min"] = np.nanmin([t["min"], p["min"]])
        t["max"] = np.nanmax([t["max"], p["max"]])
        t["sum"] += p["sum"]
        t["n"] += p["n"]
    else:
        for label, n in part["target"].items():
            total["target"][label] = total["target"].get(label, 0) + n
    return total


def draw_table(
    path: Path, rows: int, target: str, regression: bool, seed: int, parallel: bool
) -> Drawn:
    """Draw the study's sample of the Parquet table at ``path`` (``rows`` rows) in parts."""
    share = min(1.0, STUDY_ROWS / rows)
    if parallel:
        import dask
        import dask.dataframe as dd

        # Strings as pandas reads them (not Dask's own string type), so that every part
        # has the very dtypes (and row hashes) the local engine's parts have.
        with dask.config.set({"dataframe.convert-string": False}):
            parts = dd.read_parquet(path, split_row_groups=True).to_delayed()
        kept = [dask.delayed(_keep)(p, share, seed) for p in parts]
        counted = [dask.delayed(_counts)(p, target, regression) for p in parts]
        # One pass over the file: every part is read once, sampled and counted.
        samples, tallies = dask.compute(kept, counted)
        how = f"read as a Dask DataFrame of {len(parts)} partitions, in parallel on the cluster"
    else:
        import pyarrow.parquet as pq

        samples, tallies = [], []
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS):
            part = batch.to_pandas()
            samples.append(_keep(part, share, seed))
            tallies.append(_counts(part, target, regression))
        how = f"read in {len(samples)} parts of up to {BATCH_ROWS:,} rows, one after the other"
    total: dict[str, Any] | None = None
    for tally in tallies:
        total = _add(total, tally, regression)
    assert total is not None
    frame = pd.concat(samples, ignore_index=True) if samples else pd.DataFrame()
    target_counts: dict[str, Any]
    if regression:
        t = total["target"]
        target_counts = {
            "min": float(t["min"]),
            "max": float(t["max"]),
            "mean": t["sum"] / t["n"] if t["n"] else None,
        }
    else:
        target_counts = {str(k): int(v) for k, v in sorted(total["target"].items())}
    info = {
        "rows": int(total["rows"]),
        "drawn_rows": len(frame),
        "study_rows": STUDY_ROWS,
        "how_read": how,
        "how_drawn": (
            f"rows whose hash draw (the row's values and seed {seed}) fell under "
            f"{share:.6g} of all draws: about {STUDY_ROWS:,} rows, the same however the "
            "file is partitioned and on either engine"
        ),
        "whole_table": {
            "missing": {str(k): int(v) for k, v in total["missing"].items()},
            "target": target_counts,
        },
        "on_the_sample": "the audit, the holdout, the ladder, the learning curves and the "
        "final fit",
    }
    return Drawn(frame, info)


def read_study_table(
    data: Any,
    target: str,
    seed: int,
    source: tuple[str | None, str | None],
    options: dict[str, Any],
    settings: Any,
    engine: Any,
) -> tuple[pd.DataFrame, str, dict[str, Any] | None]:
    """Read the table a study runs on: the whole table, or a big Parquet table's sample.

    Returns the frame, its name and, for a big table, the ``table`` section of study.json.
    """
    from diveml.data import read_table

    rows = parquet_rows(data)
    if rows is None or rows <= STUDY_ROWS:
        table, sql = source
        frame, name = read_table(data, table=table, sql=sql, settings=settings, **options)
        return frame, name, None
    import pyarrow as pa
    import pyarrow.parquet as pq

    from diveml.exceptions import ColumnNotFoundError, option

    path = Path(data)
    schema = pq.read_schema(path)
    if target not in schema.names:
        raise ColumnNotFoundError(target, list(schema.names), option=option("target", bare=True))
    regression = pa.types.is_floating(schema.field(target).type)
    parallel = bool(getattr(engine, "reads_in_parallel", False))
    if parallel:
        engine.start()  # the reading runs on the engine's cluster
    drawn = draw_table(path, rows, target, regression, seed, parallel)
    frame, _ = read_table(drawn.frame, settings=settings)
    return frame, path.name, drawn.info

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

A CSV/TSV file of more than :data:`CSV_PARTS_BYTES` is read in parts of :data:`BATCH_ROWS`
rows too, on either engine, in two passes: the first counts the rows and settles each
column's type over the whole file (a part's own guess could read whole numbers where a
later part has decimals, and a row's hash depends on the type); the second reads the parts
with those types and keeps the same draws as above. So a big CSV gives the very sample its
Parquet copy gives. A file that turns out to have no more than STUDY_ROWS rows is read
whole, as a small one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml.study._draws import draws, row_hashes

__all__ = [
    "CSV_PARTS_BYTES",
    "STUDY_ROWS",
    "Drawn",
    "csv_types",
    "draw_csv",
    "draw_table",
    "parquet_rows",
    "read_study_table",
]

# Rows a study loads at most: about 2 GB of memory for a table of 20 numeric columns, more
# than the default budget fits on (the budget plan samples again from these).
STUDY_ROWS = 2_000_000
# The local engine reads a big table this many rows at a time.
BATCH_ROWS = 1 << 20
# A text table bigger than this is read in parts: 2,000,000 rows of 20 numbers take about
# 400 MB as CSV, and reading a file whole holds its bytes, its text and the frame at once.
CSV_PARTS_BYTES = 256 << 20
_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
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


def big_csv(data: Any) -> Path | None:
    """The path of a text table of more than CSV_PARTS_BYTES; None for anything else."""
    if not isinstance(data, str | Path):
        return None
    path = Path(data)
    if path.suffix.lower() not in _CSV_SUFFIXES or not path.is_file():
        return None
    return path if path.stat().st_size > CSV_PARTS_BYTES else None


def _csv_parts(path: Path, options: dict[str, Any], dtype: dict[str, Any] | None = None) -> Any:
    """pandas' reader of ``path`` in parts of BATCH_ROWS rows, with the study's text options."""
    from diveml.data._read import _sniff_delimiter

    sep = options.get("sep")
    encoding = options.get("encoding") or "utf-8"
    if sep is None:
        with path.open(encoding=encoding, errors="replace") as handle:
            sep = _sniff_delimiter(handle.read(64 * 1024), path.suffix.lower()) or ","
    return pd.read_csv(
        path,
        sep=sep,
        chunksize=BATCH_ROWS,
        dtype=dtype,
        skip_blank_lines=True,
        encoding="utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding,
        decimal=options.get("decimal") or ".",
        thousands=options.get("thousands"),
    )


def _read_parts(
    path: Path, options: dict[str, Any], dtype: dict[str, Any] | None = None
) -> Iterator[pd.DataFrame]:
    """Yield the parts of a big CSV; a file pandas cannot read gives a DataReadError."""
    from diveml.exceptions import DataReadError, option

    try:
        with _csv_parts(path, options, dtype) as parts:
            yield from parts
    except UnicodeDecodeError as exc:
        raise DataReadError(
            f"The file {str(path)!r} is too big to read whole, and its parts are read as "
            f"{options.get('encoding') or 'UTF-8'}, which it is not ({exc.reason} at byte "
            f"{exc.start} of a part). Pass its encoding ({option('encoding', 'cp1252')}, for "
            "example)."
        ) from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataReadError(
            f"The file {str(path)!r} could not be read in parts: "
            f"{' '.join(str(exc).split())}. Rows must all have the same number of fields; "
            "quote fields that contain the delimiter."
        ) from None


def _common_type(types: set[str]) -> str:
    """The type a column takes when its parts were read as ``types`` (pandas' dtype names)."""
    if len(types) == 1:
        return next(iter(types))
    if types <= {"int64", "float64"}:
        return "float64"  # whole numbers in some parts, decimals or gaps in others
    # text in some part: the whole column is read as text (pandas' own text type where it
    # has one, as a whole read gives it)
    return "str" if "str" in types else "object"


def csv_types(path: Path, options: dict[str, Any]) -> tuple[int, dict[str, str]]:
    """First pass over a big CSV: its rows, and each column's type over the whole file."""
    rows, seen = 0, dict[str, set[str]]()
    for part in _read_parts(path, options):
        rows += len(part)
        for column, kind in part.dtypes.items():
            seen.setdefault(str(column), set()).add(str(kind))
    return rows, {column: _common_type(kinds) for column, kinds in seen.items()}


def draw_csv(
    path: Path, rows: int, types: dict[str, str], target: str, seed: int, options: dict[str, Any]
) -> Drawn:
    """Second pass: the study's sample of a big CSV and its whole-table counts, in parts."""
    regression = types.get(target) == "float64"
    share = min(1.0, STUDY_ROWS / rows)
    samples, tallies = [], []
    for part in _read_parts(path, options, dtype=dict(types)):
        samples.append(_keep(part, share, seed))
        tallies.append(_counts(part, target, regression))
    how = (
        f"read as CSV in {len(samples)} parts of up to {BATCH_ROWS:,} rows, one after the "
        "other (a first pass counted the rows and settled each column's type)"
    )
    return _drawn(samples, tallies, regression, share, seed, how)


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
    return _drawn(samples, tallies, regression, share, seed, how)


def _drawn(
    samples: list[pd.DataFrame],
    tallies: list[dict[str, Any]],
    regression: bool,
    share: float,
    seed: int,
    how: str,
) -> Drawn:
    """Put the parts' samples and counts together, with the words study.json keeps."""
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
    csv = big_csv(data) if rows is None else None
    if csv is not None:
        rows, types = csv_types(csv, options)
        if rows > STUDY_ROWS:
            _check_target(target, list(types))
            drawn = draw_csv(csv, rows, types, target, seed, options)
            frame, _ = read_table(drawn.frame, settings=settings)
            return frame, csv.name, drawn.info
    if rows is None or rows <= STUDY_ROWS:
        table, sql = source
        frame, name = read_table(data, table=table, sql=sql, settings=settings, **options)
        return frame, name, None
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(data)
    schema = pq.read_schema(path)
    _check_target(target, list(schema.names))
    regression = pa.types.is_floating(schema.field(target).type)
    parallel = bool(getattr(engine, "reads_in_parallel", False))
    if parallel:
        engine.start()  # the reading runs on the engine's cluster
    drawn = draw_table(path, rows, target, regression, seed, parallel)
    frame, _ = read_table(drawn.frame, settings=settings)
    return frame, path.name, drawn.info


def _check_target(target: str, columns: list[str]) -> None:
    """A big table's target must be one of its columns (checked before the long read)."""
    from diveml.exceptions import ColumnNotFoundError, option

    if target not in columns:
        raise ColumnNotFoundError(target, columns, option=option("target", bare=True))

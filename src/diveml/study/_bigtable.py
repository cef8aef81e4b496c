"""Tables too big to study whole: a hash-drawn sample, and whole-table counts, read in parts.

A Parquet table of more than :data:`STUDY_ROWS` rows is never loaded whole. It is read in
parts (its row groups: in parallel as a Dask DataFrame on the Dask engine, one after the
other on the local engine), and each part keeps the rows whose draw (:mod:`._draws`, a hash
of the row's values and the seed) falls under ``STUDY_ROWS / rows``: a sample of about
``STUDY_ROWS`` rows that is the same however the table is partitioned, and the same on both
engines. The study (audit, holdout, ladder, curves, final fit) runs on that sample; what
can be counted on the whole table in the same pass (``_wholetable.py``: rows, duplicate
rows, each column's missing and distinct values, range and most frequent value, the
target's classes or range) is counted on every row, and study.json's ``table`` section and
the sampling note say which is which.

A CSV/TSV file of more than :data:`CSV_PARTS_BYTES` is read in parts too, in two passes:
the first counts the rows and settles each column's type over the whole file (a part's
own guess could read whole numbers where a later part has decimals, and a row's hash
depends on the type); the second reads the parts with those types and keeps the same
draws as above. On the local engine the parts are :data:`BATCH_ROWS` rows read one after
the other; on Dask they are blocks of :data:`CSV_BLOCK_BYTES` bytes read in parallel on the
cluster (the first pass by ``dask.bytes.read_bytes`` and pandas, the second by
``dask.dataframe.read_csv`` with the settled types). So a big CSV gives the very sample
and counts its Parquet copy gives, on either engine. A file that turns out to have no more
than STUDY_ROWS rows is read whole, as a small one. Blocks are cut at line ends, so on
Dask a quoted value may not hold a line break (the local engine's reader allows it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml.study._draws import draws, row_hashes
from diveml.study._wholetable import HASH_BUCKETS, add_tallies, distinct_hashes, summary, tally

__all__ = [
    "CSV_BLOCK_BYTES",
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
# On Dask a big text table is read in blocks of this many bytes (dask.dataframe's default).
CSV_BLOCK_BYTES = 64 << 20
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


def _scan(
    part: pd.DataFrame, share: float, seed: int, target: str, regression: bool
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """One part: the rows whose draw falls under ``share`` (of all 64-bit draws), its tally."""
    if part.empty:
        hashes = np.empty(0, dtype=np.uint64)
        return part, tally(part, hashes, target, regression)
    hashes = row_hashes(part)
    draw = draws(hashes, seed, "table")
    return part[draw.astype(np.float64) < share * _TOP], tally(part, hashes, target, regression)


def big_csv(data: Any) -> Path | None:
    """The path of a text table of more than CSV_PARTS_BYTES; None for anything else."""
    if not isinstance(data, str | Path):
        return None
    path = Path(data)
    if path.suffix.lower() not in _CSV_SUFFIXES or not path.is_file():
        return None
    return path if path.stat().st_size > CSV_PARTS_BYTES else None


def _pandas_options(path: Path, options: dict[str, Any]) -> dict[str, Any]:
    """pandas.read_csv's options for ``path``, from the study's text options."""
    from diveml.data._read import _sniff_delimiter

    sep = options.get("sep")
    encoding = options.get("encoding") or "utf-8"
    if sep is None:
        with path.open(encoding=encoding, errors="replace") as handle:
            sep = _sniff_delimiter(handle.read(64 * 1024), path.suffix.lower()) or ","
    return {
        "sep": sep,
        "skip_blank_lines": True,
        "encoding": "utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding,
        "decimal": options.get("decimal") or ".",
        "thousands": options.get("thousands"),
    }


@contextlib.contextmanager
def _reading(path: Path, options: dict[str, Any]) -> Iterator[None]:
    """Turn pandas' errors on a part of a big CSV into a DataReadError that says what to do.

    On Dask the error is raised on a worker and raised again here, with its own type.
    """
    from diveml.exceptions import DataReadError, option

    try:
        yield
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


def _read_parts(
    path: Path, options: dict[str, Any], dtype: dict[str, Any] | None = None
) -> Iterator[pd.DataFrame]:
    """Yield the parts of a big CSV (BATCH_ROWS rows each), one after the other."""
    with (
        _reading(path, options),
        pd.read_csv(
            path, chunksize=BATCH_ROWS, dtype=dtype, **_pandas_options(path, options)
        ) as parts,
    ):
        yield from parts


def _common_type(types: set[str]) -> str:
    """The type a column takes when its parts were read as ``types`` (pandas' dtype names)."""
    if len(types) == 1:
        return next(iter(types))
    if types <= {"int64", "float64"}:
        return "float64"  # whole numbers in some parts, decimals or gaps in others
    # text in some part: the whole column is read as text (pandas' own text type where it
    # has one, as a whole read gives it)
    return "str" if "str" in types else "object"


def _settle(found: list[tuple[int, dict[str, str]]]) -> tuple[int, dict[str, str]]:
    rows, seen = 0, dict[str, set[str]]()
    for n, kinds in found:
        rows += n
        for column, kind in kinds.items():
            seen.setdefault(column, set()).add(kind)
    return rows, {column: _common_type(kinds) for column, kinds in seen.items()}


def _block_types(header: bytes, block: bytes, pandas: dict[str, Any]) -> tuple[int, dict[str, str]]:
    """One block of a big CSV (its header line put before it): its rows and pandas' types."""
    part = pd.read_csv(io.BytesIO(header + block), **pandas)
    return len(part), {str(c): str(k) for c, k in part.dtypes.items()}


def csv_types(
    path: Path, options: dict[str, Any], parallel: bool = False
) -> tuple[int, dict[str, str]]:
    """First pass over a big CSV: its rows, and each column's type over the whole file."""
    if not parallel:
        return _settle(
            [
                (len(p), {str(c): str(k) for c, k in p.dtypes.items()})
                for p in _read_parts(path, options)
            ]
        )
    import dask
    from dask.bytes import read_bytes

    pandas = _pandas_options(path, options)
    with path.open("rb") as handle:
        header = handle.readline()
    _, [blocks] = read_bytes(str(path), delimiter=b"\n", blocksize=CSV_BLOCK_BYTES, sample=False)
    # the first block starts with the header itself
    jobs = [
        dask.delayed(_block_types)(header if i else b"", b, pandas) for i, b in enumerate(blocks)
    ]
    with _reading(path, options):
        return _settle(list(dask.compute(*jobs)))


def draw_csv(
    path: Path,
    rows: int,
    types: dict[str, str],
    target: str,
    seed: int,
    options: dict[str, Any],
    parallel: bool = False,
) -> Drawn:
    """Second pass: the study's sample of a big CSV and its whole-table counts, in parts."""
    regression = types.get(target) == "float64"
    share = min(1.0, STUDY_ROWS / rows)
    if parallel:
        import dask
        import dask.dataframe as dd

        with dask.config.set({"dataframe.convert-string": False}), _reading(path, options):
            frame = dd.read_csv(
                str(path),
                blocksize=CSV_BLOCK_BYTES,
                dtype=dict(types),
                **_pandas_options(path, options),
            )
            parts = frame.to_delayed()
            samples, tallies, distinct = _spread(parts, share, seed, target, regression)
        how = (
            f"read as CSV by a Dask DataFrame of {len(parts)} blocks of up to "
            f"{CSV_BLOCK_BYTES / 2**20:g} MiB, in parallel on the cluster (a first pass, "
            "also in parallel, counted the rows and settled each column's type)"
        )
        return _drawn(samples, tallies, distinct, regression, share, seed, how)
    samples, tallies, buckets = [], [], []
    with _reading(path, options):
        for part in _read_parts(path, options, dtype=dict(types)):
            kept, counts = _scan(part, share, seed, target, regression)
            samples.append(kept)
            buckets.append(counts.pop("buckets"))
            tallies.append(counts)
    how = (
        f"read as CSV in {len(samples)} parts of up to {BATCH_ROWS:,} rows, one after the "
        "other (a first pass counted the rows and settled each column's type)"
    )
    return _drawn(samples, tallies, _distinct(buckets), regression, share, seed, how)


def _distinct(buckets: list[list[np.ndarray]]) -> int:
    """Distinct row hashes over all parts, from each part's hash buckets."""
    return sum(distinct_hashes([part[b] for part in buckets]) for b in range(HASH_BUCKETS))


def _spread(
    parts: list[Any], share: float, seed: int, target: str, regression: bool
) -> tuple[list[pd.DataFrame], list[dict[str, Any]], int]:
    """Scan a Dask DataFrame's parts on the cluster: samples, tallies and distinct hashes."""
    import dask

    scanned = [dask.delayed(_scan, nout=2)(p, share, seed, target, regression) for p in parts]
    # Each part is read once; its hash buckets stay on the workers, each bucket counted
    # over all parts by one job, and only the counts travel back.
    counted = [dask.delayed(_without_buckets)(t) for _, t in scanned]
    buckets = [
        dask.delayed(distinct_hashes)([t["buckets"][b] for _, t in scanned])
        for b in range(HASH_BUCKETS)
    ]
    samples, tallies, distinct = dask.compute([s for s, _ in scanned], counted, buckets)
    return list(samples), list(tallies), int(sum(distinct))


def _without_buckets(counts: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in counts.items() if k != "buckets"}


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
        samples, tallies, distinct = _spread(parts, share, seed, target, regression)
        how = f"read as a Dask DataFrame of {len(parts)} partitions, in parallel on the cluster"
        return _drawn(samples, tallies, distinct, regression, share, seed, how)
    import pyarrow.parquet as pq

    samples, tallies, buckets = [], [], []
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS):
        kept, counts = _scan(batch.to_pandas(), share, seed, target, regression)
        samples.append(kept)
        buckets.append(counts.pop("buckets"))
        tallies.append(counts)
    how = f"read in {len(samples)} parts of up to {BATCH_ROWS:,} rows, one after the other"
    return _drawn(samples, tallies, _distinct(buckets), regression, share, seed, how)


def _drawn(
    samples: list[pd.DataFrame],
    tallies: list[dict[str, Any]],
    distinct_rows: int,
    regression: bool,
    share: float,
    seed: int,
    how: str,
) -> Drawn:
    """Put the parts' samples and counts together, with the words study.json keeps."""
    total = add_tallies(tallies, regression)
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
            **summary(total, distinct_rows),
        },
        "on_the_sample": ON_THE_SAMPLE,
    }
    return Drawn(frame, info)


# What a big table's study computed on the drawn rows, not on every row.
ON_THE_SAMPLE = (
    "the audit's findings (column types, the missing and distinct shares it words, ID-like "
    "and constant columns, duplicate rows, the leakage checks), the holdout, the ladder, "
    "the learning curves and the final fit"
)


def read_study_table(
    data: Any,
    target: str,
    seed: int,
    source: tuple[str | None, str | None],
    options: dict[str, Any],
    settings: Any,
    engine: Any,
) -> tuple[pd.DataFrame, str, dict[str, Any] | None]:
    """Read the table a study runs on: the whole table, or a big table's hash-drawn sample.

    Returns the frame, its name and, for a big table, the ``table`` section of study.json.
    """
    from diveml.data import read_table

    rows = parquet_rows(data)
    csv = big_csv(data) if rows is None else None
    parallel = bool(getattr(engine, "reads_in_parallel", False))
    if csv is not None:
        with _reading(csv, options):
            header = pd.read_csv(csv, nrows=0, **_pandas_options(csv, options))
        _check_target(target, [str(c) for c in header.columns])  # before the long read
        if parallel:
            engine.start()  # the reading runs on the engine's cluster
        rows, types = csv_types(csv, options, parallel)
        if rows > STUDY_ROWS:
            drawn = draw_csv(csv, rows, types, target, seed, options, parallel)
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

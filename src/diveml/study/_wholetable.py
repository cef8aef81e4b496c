"""What a big table's audit counts on every row: per-part tallies, added up over the parts.

A table too big to load is read in parts (``_bigtable.py``); each part is tallied here on
its own (in parallel on a Dask cluster), and the tallies are added up, so every number is
exact for the whole table whatever the partitioning:

- the rows, and for each column its missing values, its distinct values (exactly, up to
  :data:`DISTINCT_CAP`; past it only "more than"), its most frequent value, and for number
  columns the smallest and largest value and the infinite ones;
- the target's classes, or its min, max and mean;
- the duplicate rows, by row hash (``_draws.row_hashes``): each part keeps its distinct
  hashes cut into :data:`HASH_BUCKETS` buckets by their top bits, and each bucket is
  counted over all parts (8 bytes a row, spread over the workers on Dask).

Everything else the audit says (types, leakage, ID-like columns, missing shares as it
words them) is computed on the hash-drawn rows, and study.json says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DISTINCT_CAP", "HASH_BUCKETS", "add_tallies", "distinct_hashes", "summary", "tally"]

# Distinct values are counted exactly up to this many per column; past it, "more than".
DISTINCT_CAP = 1000
# Distinct row hashes are counted in this many buckets (by their top 4 bits).
HASH_BUCKETS = 16
_SHIFT = np.uint64(64 - 4)


def tally(part: pd.DataFrame, hashes: np.ndarray, target: str, regression: bool) -> dict[str, Any]:
    """Count one part: its rows, each column's values, its target; ``hashes`` its row hashes."""
    y = part[target]
    counts: dict[str, Any] = {
        "rows": len(part),
        "missing": {str(c): int(n) for c, n in part.isna().sum().items()},
        "columns": {str(c): _column(part[c]) for c in part.columns},
        "buckets": _buckets(hashes),
    }
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


def _is_number(values: pd.Series) -> bool:
    from pandas.api import types

    return bool(types.is_numeric_dtype(values.dtype) and not types.is_bool_dtype(values.dtype))


def _column(values: pd.Series) -> dict[str, Any]:
    """One column of one part: its values with their rows (None past DISTINCT_CAP), range."""
    out: dict[str, Any] = {"values": None, "min": None, "max": None, "infinite": None}
    try:
        counted = values.value_counts(dropna=True, sort=False)
    except TypeError:  # unhashable cells (lists): not counted
        counted = None
    if counted is not None and len(counted) <= DISTINCT_CAP:
        out["values"] = {k: int(v) for k, v in counted.items()}
    if _is_number(values):
        numbers = values.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = numbers[np.isfinite(numbers)]
        out["infinite"] = int(np.isinf(numbers).sum())
        if len(finite):
            out["min"], out["max"] = float(finite.min()), float(finite.max())
    return out


def _buckets(hashes: np.ndarray) -> list[np.ndarray]:
    """The part's distinct row hashes, cut by their top bits into HASH_BUCKETS arrays."""
    distinct = np.unique(np.asarray(hashes, dtype=np.uint64))  # sorted: buckets are runs
    edges = np.searchsorted(distinct >> _SHIFT, np.arange(HASH_BUCKETS + 1))
    return [distinct[edges[b] : edges[b + 1]] for b in range(HASH_BUCKETS)]


def distinct_hashes(bucket: Sequence[np.ndarray]) -> int:
    """Distinct hashes of one bucket over all parts."""
    return len(np.unique(np.concatenate(list(bucket)))) if len(bucket) else 0


def _add_column(total: dict[str, Any], part: dict[str, Any]) -> None:
    if total["values"] is not None:
        if part["values"] is None:
            total["values"] = None
        else:
            merged: dict[Hashable, int] = total["values"]
            for value, n in part["values"].items():
                merged[value] = merged.get(value, 0) + n
            if len(merged) > DISTINCT_CAP:
                total["values"] = None
    for key, pick in (("min", min), ("max", max)):
        if part[key] is not None:
            total[key] = part[key] if total[key] is None else pick(total[key], part[key])
    if part["infinite"] is not None:
        total["infinite"] = (total["infinite"] or 0) + part["infinite"]


def add_tallies(tallies: Sequence[dict[str, Any]], regression: bool) -> dict[str, Any]:
    """Add up the parts' tallies (the parts' hash buckets are left to distinct_hashes)."""
    total: dict[str, Any] | None = None
    for part in tallies:
        if total is None:
            total = {**part, "columns": {c: dict(v) for c, v in part["columns"].items()}}
            total["missing"] = dict(part["missing"])
            total["target"] = dict(part["target"])
            for column in total["columns"].values():
                if column["values"] is not None:
                    column["values"] = dict(column["values"])
            continue
        total["rows"] += part["rows"]
        for column, n in part["missing"].items():
            total["missing"][column] = total["missing"].get(column, 0) + n
        for column, counts in part["columns"].items():
            _add_column(total["columns"][column], counts)
        t, p = total["target"], part["target"]
        if regression:
            t["min"] = np.nanmin([t["min"], p["min"]])
            t["max"] = np.nanmax([t["max"], p["max"]])
            t["sum"] += p["sum"]
            t["n"] += p["n"]
        else:
            for label, n in p.items():
                t[label] = t.get(label, 0) + n
    assert total is not None
    total.pop("buckets", None)
    return total


def _word(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def summary(total: dict[str, Any], distinct_rows: int) -> dict[str, Any]:
    """The whole-table counts as study.json keeps them (``table.whole_table``)."""
    columns: dict[str, dict[str, Any]] = {}
    for name, c in total["columns"].items():
        values = c["values"]
        # the most rows; a tie goes to the first value in text order (the same on any parts)
        top = min(values.items(), key=lambda kv: (-kv[1], _word(kv[0]))) if values else None
        columns[name] = {
            "missing": int(total["missing"].get(name, 0)),
            "distinct": None if values is None else len(values),
            "most_common": None if top is None else {"value": _word(top[0]), "rows": int(top[1])},
            "min": c["min"],
            "max": c["max"],
            "infinite": c["infinite"],
        }
    constant = [n for n, c in columns.items() if c["distinct"] is not None and c["distinct"] <= 1]
    return {
        "duplicate_rows": int(total["rows"]) - distinct_rows,
        "distinct_cap": DISTINCT_CAP,
        "constant_columns": constant,
        "columns": columns,
    }

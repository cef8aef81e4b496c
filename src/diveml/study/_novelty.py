"""What a model did not see in training: unseen categories and numbers far outside the range.

A one-hot encoder maps a category it never saw to all zeros and a tree happily extrapolates
a number ten times the largest it was trained on: both give a prediction without a word.
The study records, in the model file, the categories and the numeric range of the training
rows (:func:`training_profile`); ``diveml predict`` compares new rows with them
(:func:`find_novelties`) and says what it finds, in the terminal and beside the predictions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "MAX_KNOWN_VALUES",
    "RANGE_MARGIN",
    "Novelty",
    "find_novelties",
    "novelty_column",
    "training_profile",
]

# A column with more distinct training values than this is not checked for unseen values:
# storing them all would bloat the model file, and with so many values, new ones are normal.
MAX_KNOWN_VALUES = 2000
# A number is "far outside" the training range when it lies beyond it by more than this
# share of the range's width (0 width: any other value).
RANGE_MARGIN = 0.1
_SHOWN = 5


@dataclasses.dataclass(frozen=True)
class Novelty:
    """One column's values the model never saw in training."""

    column: str
    kind: str  # unseen_category | out_of_range
    rows: int
    values: list[Any]
    detail: str

    def message(self) -> str:
        shown = ", ".join(repr(v) for v in self.values[:_SHOWN])
        more = f" and {len(self.values) - _SHOWN} more" if len(self.values) > _SHOWN else ""
        if self.kind == "unseen_category":
            return (
                f"Column {self.column!r}: {self.rows:,} row(s) hold values never seen in "
                f"training ({shown}{more}); the model treats them as none of the known "
                "categories, so their predictions rest on the other columns only."
            )
        return (
            f"Column {self.column!r}: {self.rows:,} row(s) are far outside the training range "
            f"{self.detail} (e.g. {shown}{more}); the model was never shown such values, so "
            "their predictions are extrapolations."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "kind": self.kind,
            "rows": self.rows,
            "values": [_plain(v) for v in self.values],
            "message": self.message(),
        }


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def training_profile(
    X: pd.DataFrame, numeric: Sequence[str], categorical: Sequence[str]
) -> dict[str, Any]:
    """Return the known categories and numeric ranges of the training rows, as JSON data."""
    categories: dict[str, list[str]] = {}
    for column in categorical:
        known = X[column].dropna().astype(str).unique().tolist()
        if len(known) <= MAX_KNOWN_VALUES:
            categories[column] = sorted(known)
    return {"categories": categories, "ranges": _ranges(X, list(numeric))}


def _ranges(X: pd.DataFrame, numeric: list[str]) -> dict[str, list[float]]:
    """Each numeric column's [min, max] over its present values (left out when none is).

    One array for all the columns: column by column, a 3,000-column table's profile took
    a second (bench/BUDGET.md).
    """
    if not numeric:
        return {}
    block = X[numeric]
    if not all(pd.api.types.is_numeric_dtype(t) for t in block.dtypes):
        block = block.apply(pd.to_numeric, errors="coerce")
    values = block.to_numpy(dtype=float, na_value=np.nan)
    present = ~np.isnan(values).all(axis=0)
    lows = np.full(len(numeric), np.nan)
    highs = np.full(len(numeric), np.nan)
    lows[present] = np.nanmin(values[:, present], axis=0)
    highs[present] = np.nanmax(values[:, present], axis=0)
    return {
        column: [float(lows[i]), float(highs[i])] for i, column in enumerate(numeric) if present[i]
    }


def find_novelties(X: pd.DataFrame, meta: dict[str, Any]) -> list[Novelty]:
    """Return what in ``X`` (converted as for the model) the training rows never held."""
    profile = meta.get("profile") or {}
    found: list[Novelty] = []
    for column, known in (profile.get("categories") or {}).items():
        if column not in X.columns:
            continue
        values = X[column]
        unseen = values.notna() & ~values.astype(str).isin(set(known))
        if unseen.any():
            counts = values[unseen].astype(str).value_counts()
            found.append(
                Novelty(column, "unseen_category", int(unseen.sum()), counts.index.tolist(), "")
            )
    for column, (low, high) in (profile.get("ranges") or {}).items():
        if column not in X.columns:
            continue
        values = pd.to_numeric(X[column], errors="coerce")
        margin = RANGE_MARGIN * (high - low)
        far = (values < low - margin) | (values > high + margin)
        if far.any():
            shown = values[far]
            order = (shown - (low + high) / 2).abs().sort_values(ascending=False).index
            found.append(
                Novelty(
                    column,
                    "out_of_range",
                    int(far.sum()),
                    [float(v) for v in shown.loc[order].unique()],
                    f"[{low:g}, {high:g}]",
                )
            )
    return found


def novelty_column(X: pd.DataFrame, novelties: Sequence[Novelty]) -> pd.Series | None:
    """Return, per row, which columns held something unseen (empty when nothing), or None."""
    if not novelties:
        return None
    notes: list[str] = [""] * len(X)
    for novelty in novelties:
        values = X[novelty.column]
        if novelty.kind == "unseen_category":
            hit = values.notna() & values.astype(str).isin({str(v) for v in novelty.values})
            label = f"{novelty.column}: unseen category"
        else:
            hit = pd.to_numeric(values, errors="coerce").isin(novelty.values)
            label = f"{novelty.column}: outside the training range"
        for position in np.flatnonzero(hit.to_numpy()):
            notes[position] = f"{notes[position]}; {label}" if notes[position] else label
    return pd.Series(notes, index=X.index, dtype=object)

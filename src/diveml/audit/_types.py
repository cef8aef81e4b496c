"""Decide what kind of values each column holds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from diveml.audit._findings import ColumnType

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "column_type",
    "is_id_name",
    "looks_like_dates",
    "parse_dates",
    "plain",
    "sample_values",
    "value_kinds",
]

_SAMPLE = 1000
# A date written as text: 2024-01-31, 31/01/2024, 1/31/24, 2024.01.31, with an optional time,
# or a month name. Checked before asking pandas, so "2007" or "12" never pass as dates.
_DATE_PATTERN = re.compile(
    r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
    r"|^\s*\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\s*$"
    r"|^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{2,4}\s*$",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s")
_ID_NAME = re.compile(
    r"(^|[_\s.-])(id|uuid|guid|key|idx|index)$|^(id|uuid|guid)([_\s.-]|$)|[a-z]Id$|ID$"
)


def plain(value: object) -> object:
    """Return ``value`` as a plain Python value, so messages show 3, not np.int64(3)."""
    item = getattr(value, "item", None)
    if isinstance(value, np.generic) and callable(item):
        return item()
    return value


def sample_values(series: pd.Series, size: int = _SAMPLE) -> pd.Series:
    """Return up to ``size`` non-missing values, spread evenly over the column (deterministic)."""
    values = series.dropna()
    if len(values) <= size:
        return values
    positions = np.linspace(0, len(values) - 1, size).astype(int)
    return values.iloc[positions]


def value_kinds(values: pd.Series) -> dict[str, int]:
    """Count the kinds of Python values in an object column: number, text, boolean, date, ..."""
    import datetime
    import numbers

    kinds: dict[str, int] = {}
    for value in values:
        if isinstance(value, (bool, np.bool_)):
            kind = "boolean"
        elif isinstance(value, numbers.Number):
            kind = "number"
        elif isinstance(value, str):
            kind = "text"
        elif isinstance(value, (datetime.date, np.datetime64)):
            kind = "date"
        else:
            kind = type(value).__name__
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def parse_dates(values: pd.Series) -> pd.Series:
    """Return ``values`` read as dates (missing where a value is not one), in UTC when any has a zone.

    Times with differing UTC offsets, as ISO times across a daylight-saving change are
    (``+01:00`` in winter, ``+02:00`` in summer), are read as instants in UTC: pandas
    refuses to put differing offsets in one column without ``utc=True``, and read as UTC
    they still sort in true time order. Naive times are kept naive when no value has a zone.
    """
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        # "Could not infer format" and similar: the guess is checked by the callers' counts.
        warnings.simplefilter("ignore")
        try:
            parsed = pd.to_datetime(values, errors="coerce", format="mixed")
        except (ValueError, TypeError, OverflowError):
            parsed = None
        if parsed is None or not pd.api.types.is_datetime64_any_dtype(parsed.dtype):
            parsed = pd.to_datetime(values, errors="coerce", format="mixed", utc=True)
    return parsed


def looks_like_dates(values: pd.Series) -> bool:
    """Return True when at least 90% of the (text) values read as dates."""

    texts = values.astype(str)
    if len(texts) > 200:
        texts = texts.iloc[np.linspace(0, len(texts) - 1, 200).astype(int)]
    if len(texts) == 0:
        return False
    # A plain loop: pandas' str.match re-parses a compiled pattern on every call.
    shaped = np.array([_DATE_PATTERN.match(t) is not None for t in texts], dtype=bool)
    if shaped.mean() < 0.9:
        return False
    parsed = parse_dates(texts[shaped])
    return bool(parsed.notna().sum() >= 0.9 * len(texts))


def is_id_name(name: str) -> bool:
    """Return True for names such as ``id``, ``PassengerId``, ``user_id``, ``uuid``."""
    return bool(_ID_NAME.search(name.strip())) or name.strip().lower() in {"id", "#", "no", "n°"}


def column_type(series: pd.Series) -> ColumnType:
    """Return the column's type: numeric, categorical, text, datetime or boolean."""
    import pandas as pd
    from pandas.api import types

    dtype = series.dtype
    if types.is_bool_dtype(dtype):
        return "boolean"
    if types.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return "datetime"
    if types.is_timedelta64_dtype(dtype):
        return "numeric"
    if types.is_numeric_dtype(dtype):
        return "numeric"
    if isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    values = sample_values(series)
    if len(values) == 0:
        return "categorical"
    kinds = value_kinds(values) if types.is_object_dtype(dtype) else {"text": len(values)}
    if set(kinds) == {"boolean"}:
        return "boolean"
    if set(kinds) == {"date"}:
        return "datetime"
    if set(kinds) == {"number"}:
        return "numeric"
    texts = values.astype(str)
    if kinds.get("text", 0) == len(values) and looks_like_dates(texts):
        return "datetime"
    plain_texts = texts.tolist()
    mean_length = sum(map(len, plain_texts)) / len(plain_texts)
    spaced = sum(_SPACE.search(t) is not None for t in plain_texts) / len(plain_texts)
    unique_share = len(set(plain_texts)) / len(plain_texts)
    if mean_length >= 30 or (spaced >= 0.5 and unique_share >= 0.5) or unique_share >= 0.9:
        return "text"
    return "categorical"

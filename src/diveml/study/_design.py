"""What every fitting step shares: the prepared table, the locked split and the encoding.

Built once after the holdout is locked, so the ladder, the learning curves and the final
fit cannot disagree on the rows, the columns or the seed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from diveml.study._features import (
    date_width,
    has_time_of_day,
    text_chars,
    text_components,
    text_styles,
    text_width,
)
from diveml.study._ladder import (
    Encoding,
    Rung,
    build_pipeline,
    encoded_width,
    many_valued_columns,
)
from diveml.study._split import Prepared, Split, cv_splitter, sample_rows

__all__ = ["Design", "design"]


@dataclasses.dataclass(frozen=True)
class Design:
    """The table, split, metric and encoding the protocol fits with."""

    prepared: Prepared
    split: Split
    task: str
    metric: str
    folds: int
    seed: int
    many: list[str]
    """Categorical columns target encoded (too many values for one-hot)."""
    few: list[str]
    """Categorical columns one-hot encoded."""
    width: int
    """Columns the preprocessing makes of the table (what the cost model counts)."""
    cv: Any
    text: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Each free-text column's style (character or word n-grams), decided on training rows."""
    hours: list[str] = dataclasses.field(default_factory=list)
    """Date columns with times of day (they get an hour feature)."""
    components: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """SVD columns of each text column (fewer than 30 for a tiny vocabulary)."""

    @property
    def dates(self) -> list[str]:
        """The date columns (calendar features)."""
        return list(self.prepared.dates)

    def make(self, rung: Rung) -> Any:
        """Return ``rung``'s unfitted pipeline."""
        return build_pipeline(
            rung, self.task, self.prepared.numeric, self.few, self.seed, self.encoding
        )

    @property
    def encoding(self) -> Encoding:
        """The encoders beyond scaling and one-hot, for :func:`._ladder.build_pipeline`."""
        return Encoding(self.many, self.text, self.dates, self.hours, self.components)

    def sample(self, rows: np.ndarray, n: int) -> np.ndarray:
        """Return at most ``n`` of ``rows``, drawn the way the holdout was drawn."""
        return sample_rows(self.prepared, rows, self.split.strategy, self.task, n, self.seed)

    def rows(self, rows: np.ndarray) -> tuple[pd.DataFrame, pd.Series, pd.Series | None]:
        """Return the features, target and groups of ``rows``."""
        groups = self.prepared.groups
        return (
            self.prepared.X.iloc[rows],
            self.prepared.y.iloc[rows],
            groups.iloc[rows] if groups is not None else None,
        )


def design(
    prepared: Prepared, split: Split, task: str, metric: str, folds: int, seed: int
) -> Design:
    """Return the :class:`Design`; categories are counted on the training rows only."""
    X_train = prepared.X.iloc[split.train]
    many = many_valued_columns(X_train, prepared.categorical)
    classes = int(prepared.y.nunique()) if task != "regression" else 1
    width = encoded_width(X_train, prepared.numeric, prepared.categorical, many, classes)
    # Text styles and which date columns have times of day: decided on the training rows.
    text = text_styles(X_train, prepared.text)
    hours = [c for c in prepared.dates if has_time_of_day(X_train[c])]
    width += text_width(text, text_chars(X_train, list(text))) + date_width(prepared.dates, hours)
    components = text_components(X_train, text)
    return Design(
        prepared=prepared,
        split=split,
        task=task,
        metric=metric,
        folds=folds,
        seed=seed,
        many=many,
        few=[c for c in prepared.categorical if c not in many],
        width=width,
        cv=cv_splitter(split.strategy, task, folds, seed, prepared),
        text=text,
        hours=hours,
        components=components,
    )

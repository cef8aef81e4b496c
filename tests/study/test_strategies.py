"""Each split strategy draws exactly the rows it drew before the strategies became a registry.

``strategies_golden.json`` was recorded from the code as it stood before the refactor (commit
d48d2fb): for every strategy, on a few catalog tables, a digest of the holdout positions, of
each row's fold and of a budget sample, plus the reproducing code and the words that describe
the split. A refactor that moves one row from one side to the other, or reorders a fold, fails
here; the benchmark compares studies run before and after, so those numbers must not move.

To re-record after a *deliberate* change of the draws (and only then), run
``python -m tests.study.test_strategies`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.data import load_dataset
from diveml.study._budget import sampling_note
from diveml.study._reproduce import HoldoutSpec, split_code
from diveml.study._split import (
    Columns,
    cv_splitter,
    lock_holdout,
    prepare,
    rows_drawn,
    sample_rows,
)

GOLDEN = Path(__file__).with_name("strategies_golden.json")

# (table, target, task, group, time, folds): each strategy on two tables of the catalog.
CASES: dict[str, tuple[str, str, str, str | None, str | None, int]] = {
    "stratified-penguins": ("penguins", "species", "multiclass", None, None, 3),
    "stratified-titanic": ("titanic", "survived", "binary", None, None, 5),
    "random-diabetes": ("diabetes", "progression", "regression", None, None, 5),
    "random-wine": ("wine", "alcohol", "regression", None, None, 4),
    "grouped-titanic": ("titanic", "survived", "binary", "age", None, 5),
    "grouped-diabetes": ("diabetes", "progression", "regression", "age", None, 3),
    "time-penguins": ("penguins", "species", "multiclass", None, "year", 3),
    "time-diabetes": ("diabetes", "progression", "regression", None, "bmi", 4),
}


def _digest(values: Any) -> str:
    return hashlib.sha256(np.asarray(values, dtype=np.int64).tobytes()).hexdigest()[:24]


def _text(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:24]


def record(case: str) -> dict[str, Any]:
    """Lock the holdout, deal the folds and draw a sample for ``case``; digest each."""
    name, target, task, group, time, folds = CASES[case]
    frame = load_dataset(name)
    features = [c for c in frame.columns if c not in {target, group, time}]
    numeric = [c for c in features if pd.api.types.is_numeric_dtype(frame[c])]
    categorical = [c for c in features if c not in numeric]
    seed = 42
    prepared = prepare(frame, Columns(target, task, numeric, categorical), group, time)
    split = lock_holdout(prepared, task, 0.2, folds, seed)
    rows = max(2 * folds * 4, len(split.train) // 2)
    sample = sample_rows(prepared, split.train, split.strategy, task, rows, seed)
    cv = cv_splitter(split.strategy, task, folds, seed, prepared)
    X, y = prepared.X.iloc[split.train], prepared.y.iloc[split.train]
    groups = prepared.groups.iloc[split.train] if prepared.groups is not None else None
    fold_of = np.full(len(split.train), -1)
    for k, (_, test) in enumerate(cv.split(X, y, groups)):
        fold_of[test] = k
    code = split_code(
        Columns(target, task, prepared.numeric, prepared.categorical),
        HoldoutSpec(split.strategy, 0.2, seed, group, time, False),
    )
    return {
        "strategy": split.strategy,
        "train": len(split.train),
        "holdout": len(split.test),
        "holdout_digest": _digest(split.test),
        "train_digest": _digest(split.train),
        "cv": type(cv).__name__,
        "folds_digest": _digest(fold_of),
        "sample": len(sample),
        "sample_digest": _digest(sample),
        "split_code": _text(code),
        "rows_drawn": rows_drawn(split.strategy),
        "sampling_note": sampling_note(
            len(split.train), len(sample), len(sample) // 2, len(sample), split.strategy
        ),
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_strategy_draws_the_rows_it_drew_before(case: str) -> None:
    expected = json.loads(GOLDEN.read_text("utf-8"))[case]
    assert record(case) == expected


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps({c: record(c) for c in sorted(CASES)}, indent=1) + "\n")


def test_the_format_names_every_registered_strategy() -> None:
    # study.json's split.strategy is a Literal of the format (_result.Strategy), kept apart
    # so that reading a result does not import pandas; it must list the registry's names.
    from typing import get_args

    from diveml.study._result import Strategy
    from diveml.study._strategies import STRATEGIES

    assert sorted(get_args(Strategy)) == sorted(STRATEGIES)

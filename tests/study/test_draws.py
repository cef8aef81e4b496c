"""Rows drawn by hash: the holdout, the folds and the samples follow the rows, not their order.

Shuffling a table (or cutting it into other partitions) must not change which rows are held
out, which fold a row is in, or which rows a sample keeps; and the notebook's split code,
plain pandas, must draw exactly the study's holdout.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.study._draws import draws, fold_ids, row_hashes
from diveml.study._reproduce import HoldoutSpec, split_code
from diveml.study._split import Columns, cv_splitter, lock_holdout, prepare, sample_rows


def _frame(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n).round(6),
            "z": rng.integers(0, 1000, size=n),
            "kind": rng.choice(["a", "b", "c"], size=n),
            "who": [f"p{i % 37}" for i in range(n)],
            "label": rng.choice(["yes", "no", "maybe"], size=n, p=[0.5, 0.35, 0.15]),
            "amount": rng.normal(size=n),
        }
    )


SETUPS: dict[str, dict[str, Any]] = {
    "stratified": {"target": "label", "task": "multiclass", "group": None},
    "random": {"target": "amount", "task": "regression", "group": None},
    "grouped": {"target": "label", "task": "multiclass", "group": "who"},
}


def _split(frame: pd.DataFrame, setup: dict[str, Any], seed: int = 4) -> Any:
    columns = Columns(setup["target"], setup["task"], ["x", "z"], ["kind"])
    prepared = prepare(frame, columns, setup["group"])
    return prepared, lock_holdout(prepared, setup["task"], 0.25, 5, seed)


def _keys(frame: pd.DataFrame, positions: np.ndarray) -> set[int]:
    """The rows named by their values (every row of _frame is distinct)."""
    return set(row_hashes(frame.iloc[positions]).tolist())


@pytest.mark.parametrize("strategy", sorted(SETUPS))
def test_a_shuffled_table_gives_the_same_holdout_folds_and_sample(strategy: str) -> None:
    frame = _frame()
    shuffled = frame.sample(frac=1.0, random_state=1).reset_index(drop=True)
    setup = SETUPS[strategy]
    results = []
    for table in (frame, shuffled):
        prepared, split = _split(table, setup)
        assert split.strategy == strategy
        sample = sample_rows(prepared, split.train, split.strategy, setup["task"], 150, 4)
        X, y = prepared.X.iloc[sample], prepared.y.iloc[sample]
        groups = prepared.groups.iloc[sample] if prepared.groups is not None else None
        cv = cv_splitter(split.strategy, setup["task"], 5, 4, prepared)
        folds = [_keys(table, sample[test]) for _, test in cv.split(X, y, groups)]
        results.append((_keys(table, split.test), _keys(table, sample), folds))
    assert results[0][0] == results[1][0]  # the same rows held out
    assert results[0][1] == results[1][1]  # the same rows sampled
    assert sorted(map(sorted, results[0][2])) == sorted(map(sorted, results[1][2]))


def test_another_seed_draws_another_holdout() -> None:
    frame = _frame()
    _, one = _split(frame, SETUPS["random"], seed=1)
    _, two = _split(frame, SETUPS["random"], seed=2)
    assert len(one.test) == len(two.test) == 100
    assert set(one.test) != set(two.test)


def test_the_stratified_holdout_keeps_each_class_share() -> None:
    frame = _frame()
    prepared, split = _split(frame, SETUPS["stratified"])
    whole = prepared.y.value_counts(normalize=True)
    held = prepared.y.iloc[split.test].value_counts(normalize=True)
    assert (abs(whole - held) < 0.01).all()
    assert set(split.train).isdisjoint(split.test)
    assert len(split.train) + len(split.test) == len(frame)


def test_a_grouped_holdout_never_splits_a_group() -> None:
    prepared, split = _split(_frame(), SETUPS["grouped"])
    assert prepared.groups is not None
    train_groups = set(prepared.groups.iloc[split.train])
    assert train_groups.isdisjoint(set(prepared.groups.iloc[split.test]))
    assert len(set(prepared.groups.iloc[split.test])) == 10  # ceil(0.25 x 37 groups)


def test_a_smaller_sample_is_part_of_a_larger_one() -> None:
    prepared, split = _split(_frame(), SETUPS["stratified"])
    small = sample_rows(prepared, split.train, "stratified", "multiclass", 80, 4)
    large = sample_rows(prepared, split.train, "stratified", "multiclass", 200, 4)
    assert set(small) < set(large) <= set(split.train)


def test_folds_are_balanced_within_each_class() -> None:
    labels = pd.Series(["a"] * 23 + ["b"] * 11 + ["c"] * 6)
    draw = draws(np.arange(40, dtype=np.uint64), 0, "folds")
    fold = fold_ids(draw, labels, 5)
    assert sorted(np.bincount(fold)) == [8, 8, 8, 8, 8]
    for label in "abc":
        counts = np.bincount(fold[labels.to_numpy() == label], minlength=5)
        assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("strategy", sorted(SETUPS))
def test_the_notebook_split_code_draws_the_study_holdout(strategy: str) -> None:
    frame = _frame()
    setup = SETUPS[strategy]
    prepared, split = _split(frame, setup)
    code = split_code(
        Columns(setup["target"], setup["task"], prepared.numeric, prepared.categorical),
        HoldoutSpec(split.strategy, holdout=0.25, seed=4, group=setup["group"]),
    )
    namespace: dict[str, Any] = {"df": frame}
    exec(code, namespace)
    assert sorted(namespace["X_test"].index) == sorted(split.test)
    assert sorted(namespace["X_train"].index) == sorted(split.train)

"""Prepare the table, lock the holdout, and sample rows for the ladder on big tables.

Every random choice of rows is a hash draw (:mod:`._draws`): the holdout, the folds and the
samples depend on the rows' values and the seed, not on their order in memory or how a Dask
DataFrame is partitioned. The split has a plain-pandas twin in :mod:`._reproduce`, so the
notebook a study writes makes exactly the same split; a test runs both and compares.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from typing import Any, Literal

import numpy as np
import pandas as pd

from diveml.audit import parse_dates
from diveml.exceptions import InvalidOptionError, StudyError
from diveml.study._draws import DRAWN, draws, fold_ids, lowest, lowest_by_class, row_hashes

__all__ = [
    "HashFolds",
    "Prepared",
    "Split",
    "cv_splitter",
    "fingerprint_frame",
    "holdout_fingerprint",
    "lock_holdout",
    "prepare",
    "rows_drawn",
    "sample_rows",
]

Strategy = Literal["stratified", "random", "grouped", "time"]


@dataclasses.dataclass
class Prepared:
    """The modelling table: features converted, rows without a target dropped."""

    X: pd.DataFrame
    y: pd.Series
    positions: np.ndarray  # row number in the table as read, for each row of X
    numeric: list[str]
    categorical: list[str]
    groups: pd.Series | None
    times: pd.Series | None
    dropped_missing_target: int
    text: list[str] = dataclasses.field(default_factory=list)
    dates: list[str] = dataclasses.field(default_factory=list)
    hashes: np.ndarray | None = None
    """Each row's hash of its values in the table as read (:func:`._draws.row_hashes`)."""

    def row_hashes(self) -> np.ndarray:
        """The rows' hashes (of the modelling table, when none were given)."""
        if self.hashes is None:
            self.hashes = row_hashes(self.X)
        return self.hashes


@dataclasses.dataclass
class Split:
    """Positions (into :class:`Prepared`) of the training rows and the locked holdout."""

    strategy: Strategy
    train: np.ndarray
    test: np.ndarray


def as_text(column: pd.Series) -> pd.Series:
    """Return a column as Python strings, with every kind of missing value as ``np.nan``."""
    return column.astype(str).astype(object).where(column.notna(), np.nan)


def as_number(column: pd.Series) -> pd.Series:
    """Return a column as floats, infinities turned into missing values."""
    # numpy, not Series.replace: replace costs about a millisecond a column, which was
    # most of a 3,000-column table's preparation (2.8 of 3.6 CPU-s, bench/BUDGET.md).
    values = column.astype(float).to_numpy(copy=True)
    values[np.isinf(values)] = np.nan
    return pd.Series(values, index=column.index, name=column.name)


def classification_target(y: pd.Series) -> pd.Series:
    """Keep numbers and booleans; turn anything else (text, mixed types) into strings."""
    if pd.api.types.is_bool_dtype(y) or pd.api.types.is_numeric_dtype(y):
        return y
    return as_text(y)


def prepare(
    frame: pd.DataFrame,
    target: str,
    task: str,
    numeric: list[str],
    categorical: list[str],
    group: str | None,
    time: str | None,
    text: list[str] | tuple[str, ...] = (),
    dates: list[str] | tuple[str, ...] = (),
) -> Prepared:
    """Build the modelling table from ``frame`` (which is left untouched).

    ``text`` columns become strings (missing as empty, cut to a maximum length) and
    ``dates`` datetimes, for the text and calendar encoders of :mod:`._features`.
    """
    from diveml.study._features import as_dates, as_text_feature

    present = frame[target].notna().to_numpy()
    positions = np.flatnonzero(present)
    df = frame.iloc[positions].reset_index(drop=True)
    # Built from a dict in one go: inserting thousands of columns one by one makes pandas
    # copy the frame again and again and print a PerformanceWarning for each (3,000 on a
    # table of 3,000 columns).
    convert = {
        **{c: as_number for c in numeric},
        **{c: as_text for c in categorical},
        **{c: as_text_feature for c in text},
        **{c: as_dates for c in dates},
    }
    built = {column: convert[column](df[column]) for column in df.columns if column in convert}
    X = pd.DataFrame(built, index=df.index)
    y = df[target]
    y = classification_target(y) if task != "regression" else as_number(y)
    if task == "regression" and y.isna().any():
        raise InvalidOptionError(
            f"The target {target!r} has infinite values, which a regression cannot learn. "
            "Fix or drop those rows."
        )
    groups = None
    if group is not None:
        groups = as_text(df[group]).fillna("missing")
    times = None
    if time is not None:
        times = df[time]
        if not (
            pd.api.types.is_numeric_dtype(times) or pd.api.types.is_datetime64_any_dtype(times)
        ):
            parsed = parse_dates(times)
            bad = times[parsed.isna() & times.notna()]
            if len(bad):
                raise InvalidOptionError(
                    f"«time={time!r}» has values that are neither numbers nor dates, such as "
                    f"{bad.iloc[0]!r}. Name a column of dates or numbers."
                )
            times = parsed
        if times.isna().any():
            raise InvalidOptionError(
                f"«time={time!r}» is missing on {int(times.isna().sum())} rows that have a "
                "target, so they cannot be put in time order. Fill or drop those rows."
            )
    return Prepared(
        X=X,
        y=y.reset_index(drop=True),
        positions=positions,
        numeric=[c for c in X.columns if c in numeric],
        categorical=[c for c in X.columns if c in categorical],
        groups=groups,
        times=times,
        dropped_missing_target=int(len(frame) - len(df)),
        text=[c for c in X.columns if c in text],
        dates=[c for c in X.columns if c in dates],
        hashes=row_hashes(df),
    )


def lock_holdout(prepared: Prepared, task: str, holdout: float, folds: int, seed: int) -> Split:
    """Choose the holdout rows, once, before anything is fitted.

    By time: the most recent rows (ties by draw). Grouped: the groups with the lowest
    draws, ``ceil(holdout x groups)`` of them. Stratified: in each class, its share of the
    rows with the lowest draws. Random: the ``ceil(holdout x rows)`` lowest draws.
    """
    n = len(prepared.y)
    n_test = math.ceil(holdout * n)
    classes = prepared.y.nunique() if task != "regression" else 1
    minimum = 2 * folds + max(2, classes)
    if n < minimum or n - n_test < 2 * folds or n_test < max(2, classes):
        raise StudyError(
            f"The table has {n} rows with a target; a holdout of {holdout} and {folds} folds "
            f"need at least {minimum} rows, with {max(2, classes)} or more in the holdout and "
            f"{2 * folds} or more left for cross-validation. Add rows, lower «folds», or "
            "change «holdout»."
        )
    draw = draws(prepared.row_hashes(), seed, "holdout")
    if prepared.times is not None:
        # by time, equal times by draw; rank() orders dates with a time zone too
        when = prepared.times.rank(method="dense").to_numpy()
        order = np.lexsort((np.arange(n), draw, when))
        _every_class_trained(prepared, task, order[:-n_test], order[-n_test:], "time")
        return Split("time", order[:-n_test], order[-n_test:])
    if prepared.groups is not None:
        in_test = _groups_drawn(prepared.groups, seed, "holdout", holdout, math.ceil)
        test, train = np.flatnonzero(in_test), np.flatnonzero(~in_test)
        train_groups = prepared.groups.iloc[train].nunique()
        if len(test) == 0 or train_groups < folds:
            raise InvalidOptionError(
                f"«group» leaves {train_groups} groups for training and {len(test)} rows for "
                f"the holdout; grouped cross-validation needs at least «folds={folds}» groups "
                "in training and a non-empty holdout. Name a column with more groups, or lower "
                "«folds»."
            )
        _every_class_trained(prepared, task, train, test, "group")
        return Split("grouped", train, test)
    if task != "regression":
        test = lowest_by_class(draw, prepared.y, holdout)
        strategy: Strategy = "stratified"
    else:
        test = lowest(draw, n_test)
        strategy = "random"
    return Split(strategy, np.setdiff1d(np.arange(n), test), test)


def _every_class_trained(
    prepared: Prepared, task: str, train: np.ndarray, test: np.ndarray, option: str
) -> None:
    """Refuse a holdout that holds a class no training row has.

    A grouped or time holdout can take a whole class with it (penguins grouped by island:
    only Dream has Chinstraps). No model can predict a class it never saw, so the holdout
    score would not measure the model; and the diagnostics cannot be computed for it.
    """
    if task == "regression":
        return
    missing = sorted(set(prepared.y.iloc[test]) - set(prepared.y.iloc[train]), key=str)
    if not missing:
        return
    column = prepared.groups if option == "group" else None
    where = (
        f"the holdout groups ({', '.join(map(repr, sorted(set(column.iloc[test]), key=str)[:3]))})"
        if column is not None
        else "the most recent rows, which the holdout takes"
    )
    raise InvalidOptionError(
        f"With «{option}» set, {where} hold rows of class "
        f"{', '.join(map(repr, missing[:3]))}, which no training row has: a model cannot "
        "learn a class it never sees, so the holdout could not score it. Name a column whose "
        f"groups each mix the classes, or study without «{option}»."
    )


def _groups_drawn(
    groups: pd.Series, seed: int, purpose: str, share: float, rounding: Any
) -> np.ndarray:
    """Mark the rows of the groups with the lowest draws, ``rounding(share x groups)``."""
    names = pd.Series(pd.unique(groups))
    draw = draws(row_hashes(names.to_frame("group")), seed, purpose)
    chosen = names.iloc[lowest(draw, int(rounding(share * len(names))))]
    return groups.isin(set(chosen)).to_numpy()


class HashFolds:
    """K folds dealt by each row's draw (within each class for classification).

    A scikit-learn splitter (``split`` and ``get_n_splits``). The rows it is given are
    named by their index (positions in the prepared table), so the same rows get the same
    folds in any order and on any engine.
    """

    def __init__(self, draw: np.ndarray, folds: int, stratified: bool) -> None:
        self.draw = draw
        self.n_splits = folds
        self.stratified = stratified

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        return self.n_splits

    def split(self, X: Any, y: Any = None, groups: Any = None) -> Any:
        draw = self.draw[np.asarray(X.index)]
        labels = pd.Series(np.asarray(y)) if self.stratified and y is not None else None
        fold = fold_ids(draw, labels, self.n_splits)
        for k in range(self.n_splits):
            yield np.flatnonzero(fold != k), np.flatnonzero(fold == k)

    def __repr__(self) -> str:
        return f"HashFolds(n_splits={self.n_splits}, stratified={self.stratified})"


def cv_splitter(
    strategy: Strategy, task: str, folds: int, seed: int, prepared: Prepared | None = None
) -> Any:
    """Return the cross-validation splitter that matches how the holdout was drawn.

    Time: scikit-learn's ``TimeSeriesSplit`` (the rows are in time order); grouped:
    ``GroupKFold`` (groups dealt by size, whatever their order); otherwise folds dealt by
    hash draw (:class:`HashFolds`), stratified for classification. Without ``prepared``
    (no draws to deal by) scikit-learn's shuffled ``StratifiedKFold``/``KFold``.
    """
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, TimeSeriesSplit

    if strategy == "time":
        return TimeSeriesSplit(n_splits=folds)
    if strategy == "grouped":
        return GroupKFold(n_splits=folds)
    if prepared is not None:
        draw = draws(prepared.row_hashes(), seed, "folds")
        return HashFolds(draw, folds, stratified=task != "regression")
    if task != "regression":
        return StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return KFold(n_splits=folds, shuffle=True, random_state=seed)


def sample_rows(
    prepared: Prepared, train: np.ndarray, strategy: Strategy, task: str, rows: int, seed: int
) -> np.ndarray:
    """Return at most ``rows`` training positions, drawn the way the holdout was drawn.

    Stratified by class for classification, whole groups when grouped, the most recent rows
    when split by time: a sample keeps the structure the cross-validation relies on. Drawn
    by the rows' ``sample`` draws, so a smaller sample is part of a larger one (the
    learning curve's rows are among the ladder's), and returned in table order.
    """
    if len(train) <= rows:
        return train
    if strategy == "time":
        return train[-rows:]
    share = rows / len(train)
    if strategy == "grouped":
        assert prepared.groups is not None
        at_least_one = lambda v: max(1, math.floor(v))  # noqa: E731
        keep = _groups_drawn(prepared.groups.iloc[train], seed, "sample", share, at_least_one)
        return np.sort(train[keep])
    draw = draws(prepared.row_hashes()[train], seed, "sample")
    if task != "regression":
        kept = lowest_by_class(draw, prepared.y.iloc[train], share)
    else:
        kept = lowest(draw, rows)
    return np.sort(train[kept])


def rows_drawn(strategy: Strategy) -> str:
    """Say how the study's rows were drawn, for study.json (``split.rows_drawn``)."""
    how = {
        "time": "The holdout is the most recent rows (equal times ordered by a hash draw), "
        "the folds are scikit-learn's TimeSeriesSplit and every sample is the most recent "
        "training rows",
        "grouped": "Whole groups are drawn by a hash of the group's name mixed with the seed "
        "(for the holdout and every sample); the folds are scikit-learn's GroupKFold",
        "stratified": f"Within each class, {DRAWN}",
        "random": DRAWN[0].upper() + DRAWN[1:],
    }[strategy]
    return how + "; fits see their rows in the order of the table as read."


def fingerprint_frame(frame: pd.DataFrame) -> str:
    """Return a sha256 of a table's column names, types and values (not its index)."""
    digest = hashlib.sha256()
    digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
    try:
        hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        digest.update(hashed.tobytes())
    except TypeError:  # unhashable cells (lists, dicts): fall back to their text
        digest.update(frame.to_csv(index=False).encode())
    return digest.hexdigest()


def holdout_fingerprint(data_fingerprint: str, prepared: Prepared, split: Split) -> str:
    """Return a sha256 naming the holdout rows: the data and which of its rows were held out."""
    rows = np.sort(prepared.positions[split.test]).astype(np.int64)
    digest = hashlib.sha256(data_fingerprint.encode())
    digest.update(rows.tobytes())
    return digest.hexdigest()

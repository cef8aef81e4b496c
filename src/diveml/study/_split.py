"""Prepare the table, lock the holdout, and sample rows for the ladder on big tables.

Every random choice of rows is a hash draw (:mod:`._draws`): the holdout, the folds and the
samples depend on the rows' values and the seed, not on their order in memory or how a Dask
DataFrame is partitioned. How each split strategy draws them is in :mod:`._strategies`;
the functions here choose the strategy and hand over to it. The split has a plain-pandas twin in :mod:`._reproduce`, so the
notebook a study writes makes exactly the same split; a test runs both and compares.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from typing import Any

import numpy as np
import pandas as pd

from diveml.audit import parse_dates
from diveml.exceptions import InvalidOptionError, StudyError
from diveml.study._draws import row_hashes
from diveml.study._features import as_number, as_text  # predict converts with these too
from diveml.study._strategies import STRATEGIES, HashFolds, Strategy, choose

__all__ = [
    "Columns",
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


def classification_target(y: pd.Series) -> pd.Series:
    """Keep numbers and booleans; turn anything else (text, mixed types) into strings."""
    if pd.api.types.is_bool_dtype(y) or pd.api.types.is_numeric_dtype(y):
        return y
    return as_text(y)


@dataclasses.dataclass(frozen=True)
class Columns:
    """The columns the study builds ``X`` and ``y`` from, by kind (and its task).

    What :func:`prepare` converts, and what the notebook's code (:mod:`._reproduce`)
    converts the same way.
    """

    target: str
    task: str
    numeric: list[str]
    categorical: list[str]
    text: list[str] | tuple[str, ...] = ()
    dates: list[str] | tuple[str, ...] = ()


def prepare(
    frame: pd.DataFrame, columns: Columns, group: str | None = None, time: str | None = None
) -> Prepared:
    """Build the modelling table from ``frame`` (which is left untouched).

    ``columns.text`` become strings (missing as empty, cut to a maximum length) and
    ``columns.dates`` datetimes, for the text and calendar encoders of :mod:`._features`.
    ``group`` and ``time`` name the columns a grouped or time split is drawn by.
    """
    from diveml.study._features import as_dates, as_text_feature

    target, task = columns.target, columns.task
    present = frame[target].notna().to_numpy()
    positions = np.flatnonzero(present)
    df = frame.iloc[positions].reset_index(drop=True)
    # Built from a dict in one go: inserting thousands of columns one by one makes pandas
    # copy the frame again and again and print a PerformanceWarning for each (3,000 on a
    # table of 3,000 columns).
    convert = {
        **{c: as_number for c in columns.numeric},
        **{c: as_text for c in columns.categorical},
        **{c: as_text_feature for c in columns.text},
        **{c: as_dates for c in columns.dates},
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
    return Prepared(
        X=X,
        y=y.reset_index(drop=True),
        positions=positions,
        numeric=[c for c in X.columns if c in columns.numeric],
        categorical=[c for c in X.columns if c in columns.categorical],
        groups=None if group is None else as_text(df[group]).fillna("missing"),
        times=None if time is None else _times(df[time], time),
        dropped_missing_target=int(len(frame) - len(df)),
        text=[c for c in X.columns if c in columns.text],
        dates=[c for c in X.columns if c in columns.dates],
        hashes=row_hashes(df),
    )


def _times(times: pd.Series, time: str) -> pd.Series:
    """Return the ``time`` column as numbers or datetimes; refuse values that are neither."""
    if not (pd.api.types.is_numeric_dtype(times) or pd.api.types.is_datetime64_any_dtype(times)):
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
    return times


def lock_holdout(prepared: Prepared, task: str, holdout: float, folds: int, seed: int) -> Split:
    """Choose the holdout rows, once, before anything is fitted.

    The strategy (:func:`._strategies.choose`) decides which rows: by time the most recent,
    grouped whole groups, stratified each class's share, random any rows; each by draw.
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
    strategy = choose(prepared, task)
    train, test = strategy.lock(prepared, task, holdout, folds, seed)
    return Split(strategy.name, train, test)


def cv_splitter(
    strategy: Strategy, task: str, folds: int, seed: int, prepared: Prepared | None = None
) -> Any:
    """Return the cross-validation splitter that matches how the holdout was drawn.

    Time: scikit-learn's ``TimeSeriesSplit`` (the rows are in time order); grouped:
    ``GroupKFold`` (groups dealt by size, whatever their order); otherwise folds dealt by
    hash draw (:class:`HashFolds`), stratified for classification. Without ``prepared``
    (no draws to deal by) scikit-learn's shuffled ``StratifiedKFold``/``KFold``.
    """
    return STRATEGIES[strategy].cv(task, folds, seed, prepared)


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
    return STRATEGIES[strategy].sample(prepared, train, task, rows, seed)


def rows_drawn(strategy: Strategy) -> str:
    """Say how the study's rows were drawn, for study.json (``split.rows_drawn``)."""
    return STRATEGIES[strategy].rows_drawn()


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

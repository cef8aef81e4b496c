"""The split strategies, one class each: how the holdout, the folds and the samples are drawn.

A study holds out rows in one of four ways, chosen from the options and the task
(:func:`choose`): by **time** (the most recent rows, when ``time`` names a column), by
**group** (whole groups, when ``group`` does), **stratified** (each class keeps its share,
for a classification) or **random** (a regression). Each :class:`SplitStrategy` knows, for
its way:

- ``lock``: which rows the holdout takes, once, before anything is fitted;
- ``cv``: the cross-validation splitter that matches it;
- ``sample``: which training rows a budget sample keeps (the structure the folds rely on);
- ``code``: the plain-pandas lines the notebook runs to draw the very same holdout;
- and its words: for study.json (``rows_drawn``), the report (``short``, ``words``), the
  sampling note, the notebook and the holdout's gap message.

Like scikit-learn's splitters (``_BaseKFold`` and its subclasses), the strategies share what
they can and override the rest. Every row choice is a hash draw (:mod:`._draws`), so it
depends on the rows' values and the seed, not on their order. **Adding a strategy means
adding a class here, to** :data:`STRATEGIES` **and to its tests** (and its name to
``_result.Strategy``, the format's list of names).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import pandas as pd

from diveml.exceptions import InvalidOptionError
from diveml.study._draws import DRAWN, draws, fold_ids, lowest, lowest_by_class, row_hashes

if TYPE_CHECKING:
    from diveml.study._reproduce import HoldoutSpec
    from diveml.study._split import Prepared

__all__ = ["STRATEGIES", "HashFolds", "SplitStrategy", "Strategy", "choose"]

Strategy = Literal["stratified", "random", "grouped", "time"]

Rows = np.ndarray
"""Positions into the prepared table."""


class SplitStrategy:
    """One way of drawing the holdout, the folds and the samples (see the module docstring)."""

    name: ClassVar[Strategy]
    short: ClassVar[str]
    """The report's short words ('a grouped split')."""
    words: ClassVar[str]
    """The report's words, with what the split keeps."""
    sample_words: ClassVar[str]
    """How a budget sample is drawn, for the sampling note ('a sample of whole groups')."""
    how_drawn: ClassVar[str]
    """How the rows are drawn, for study.json's ``split.rows_drawn``."""
    plain_cv: ClassVar[bool] = True
    """Plain k-fold cross-validation keeps the split's structure (the notebook shows it)."""
    drift: ClassVar[str] = ""
    """What a holdout worse than expected may also mean with this split."""
    holdout_is_later: ClassVar[bool] = False
    """The holdout is rows later than every training row, so its score says how the model
    does on later data (what the review's staleness and reproblem checks read)."""

    @classmethod
    def applies(cls, prepared: Prepared, task: str) -> bool:
        """Say whether this strategy is the one for ``prepared`` and ``task``."""
        raise NotImplementedError

    def lock(
        self, prepared: Prepared, task: str, holdout: float, folds: int, seed: int
    ) -> tuple[Rows, Rows]:
        """Return the (training, holdout) positions."""
        raise NotImplementedError

    def cv(self, task: str, folds: int, seed: int, prepared: Prepared | None) -> Any:
        """Return the cross-validation splitter that matches the holdout."""
        raise NotImplementedError

    def sample(self, prepared: Prepared, train: Rows, task: str, rows: int, seed: int) -> Rows:
        """Return ``rows`` of the training positions (fewer than ``len(train)``), in order."""
        raise NotImplementedError

    def code(self, spec: HoldoutSpec) -> list[str]:
        """Return the lines that set ``train`` and ``test`` from ``df``, ``y`` and ``draw``."""
        raise NotImplementedError

    def rows_drawn(self) -> str:
        """Say how the study's rows were drawn, for study.json (``split.rows_drawn``)."""
        return self.how_drawn + "; fits see their rows in the order of the table as read."

    def together(self, prepared: Prepared, rows: Rows) -> tuple[np.ndarray, str] | None:
        """Say which of ``rows`` were drawn together: a key per row and what a key is.

        The holdout's interval resamples whole keys (:class:`._evaluate.Clusters`), since
        rows drawn together are not independent draws. None: each row was drawn alone.
        """
        return None


class _HashDrawn(SplitStrategy):
    """Rows drawn one by one by their hash draws; within each class for a classification."""

    def lock(
        self, prepared: Prepared, task: str, holdout: float, folds: int, seed: int
    ) -> tuple[Rows, Rows]:
        draw = draws(prepared.row_hashes(), seed, "holdout")
        if task != "regression":
            test = lowest_by_class(draw, prepared.y, holdout)
        else:
            test = lowest(draw, math.ceil(holdout * len(prepared.y)))
        return np.setdiff1d(np.arange(len(prepared.y)), test), test

    def cv(self, task: str, folds: int, seed: int, prepared: Prepared | None) -> Any:
        from sklearn.model_selection import KFold, StratifiedKFold

        if prepared is not None:
            draw = draws(prepared.row_hashes(), seed, "folds")
            return HashFolds(draw, folds, stratified=task != "regression")
        # Without a prepared table (no draws to deal by): scikit-learn's shuffled folds.
        if task != "regression":
            return StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        return KFold(n_splits=folds, shuffle=True, random_state=seed)

    def together(self, prepared: Prepared, rows: Rows) -> tuple[np.ndarray, str] | None:
        # Copies of a row share its hash, hence its draw: they land on one side together.
        return prepared.row_hashes()[rows], "distinct rows"

    def sample(self, prepared: Prepared, train: Rows, task: str, rows: int, seed: int) -> Rows:
        draw = draws(prepared.row_hashes()[train], seed, "sample")
        if task != "regression":
            kept = lowest_by_class(draw, prepared.y.iloc[train], rows / len(train))
        else:
            kept = lowest(draw, rows)
        return np.sort(train[kept])


class Stratified(_HashDrawn):
    """A classification: in each class, its share of the rows with the lowest draws."""

    name = "stratified"
    short = "a stratified random split"
    words = "a stratified random split (each class keeps its share in both parts)"
    sample_words = "a stratified random sample"
    how_drawn = f"Within each class, {DRAWN}"

    @classmethod
    def applies(cls, prepared: Prepared, task: str) -> bool:
        return task != "regression"

    def code(self, spec: HoldoutSpec) -> list[str]:
        return [
            "# Stratified: in each class, its share of the rows (rounded; all but one at most)",
            "# with the lowest draws, so the holdout keeps the class proportions.",
            'rank = pd.Series(draw).groupby(y.to_numpy()).rank(method="first").to_numpy()',
            "size = y.map(y.value_counts()).to_numpy()",
            "take = np.minimum(np.floor(holdout * size + 0.5), size - 1)",
            "in_test = rank <= take",
            "train, test = np.flatnonzero(~in_test), np.flatnonzero(in_test)",
        ]


class Random(_HashDrawn):
    """A regression: the ``ceil(holdout x rows)`` lowest draws."""

    name = "random"
    short = "a random split"
    words = "a random split"
    sample_words = "a random sample"
    how_drawn = DRAWN[0].upper() + DRAWN[1:]

    @classmethod
    def applies(cls, prepared: Prepared, task: str) -> bool:
        return True

    def code(self, spec: HoldoutSpec) -> list[str]:
        return [
            "n_test = math.ceil(holdout * len(df))",
            'test = np.sort(np.argsort(draw, kind="stable")[:n_test])',
            "train = np.setdiff1d(np.arange(len(df)), test)",
        ]


class Grouped(SplitStrategy):
    """Whole groups: the ``ceil(holdout x groups)`` groups with the lowest draws."""

    name = "grouped"
    short = "a grouped split"
    words = "a grouped split (all rows of a group fall on the same side)"
    sample_words = "a sample of whole groups"
    how_drawn = (
        "Whole groups are drawn by a hash of the group's name mixed with the seed "
        "(for the holdout and every sample); the folds are scikit-learn's GroupKFold"
    )
    plain_cv = False

    @classmethod
    def applies(cls, prepared: Prepared, task: str) -> bool:
        return prepared.groups is not None

    def together(self, prepared: Prepared, rows: Rows) -> tuple[np.ndarray, str] | None:
        assert prepared.groups is not None  # a grouped split has groups
        return prepared.groups.to_numpy()[rows], "groups"

    def lock(
        self, prepared: Prepared, task: str, holdout: float, folds: int, seed: int
    ) -> tuple[Rows, Rows]:
        assert prepared.groups is not None
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
        return train, test

    def cv(self, task: str, folds: int, seed: int, prepared: Prepared | None) -> Any:
        # GroupKFold deals the groups by size, whatever their order: no draw needed.
        from sklearn.model_selection import GroupKFold

        return GroupKFold(n_splits=folds)

    def sample(self, prepared: Prepared, train: Rows, task: str, rows: int, seed: int) -> Rows:
        assert prepared.groups is not None
        at_least_one = lambda v: max(1, math.floor(v))  # noqa: E731
        share = rows / len(train)
        keep = _groups_drawn(prepared.groups.iloc[train], seed, "sample", share, at_least_one)
        return np.sort(train[keep])

    def code(self, spec: HoldoutSpec) -> list[str]:
        group = spec.group
        return [
            "# Whole groups go to one side: no group has rows in both training and holdout.",
            "# Each group is drawn by a hash of its name; the lowest draws are held out.",
            f"groups = df[{group!r}].astype(str).astype(object).where(df[{group!r}].notna(), np.nan)",
            'groups = groups.fillna("missing")',
            "names = pd.Series(pd.unique(groups))",
            'name_hash = pd.util.hash_pandas_object(names.to_frame("group"), index=False)',
            "group_draw = pd.util.hash_array(name_hash.to_numpy(dtype=np.uint64) ^ key)",
            "n_groups = math.ceil(holdout * len(names))",
            'held = set(names.iloc[np.argsort(group_draw, kind="stable")[:n_groups]])',
            "in_test = groups.isin(held).to_numpy()",
            "train, test = np.flatnonzero(~in_test), np.flatnonzero(in_test)",
        ]


class Time(SplitStrategy):
    """By time: the most recent rows (equal times ordered by draw)."""

    name = "time"
    short = "a time split"
    words = "a time split (the most recent rows are held out)"
    sample_words = "the most recent rows"
    how_drawn = (
        "The holdout is the most recent rows (equal times ordered by a hash draw), "
        "the folds are scikit-learn's TimeSeriesSplit and every sample is the most recent "
        "training rows"
    )
    plain_cv = False
    drift = " (later in time: drift)"
    holdout_is_later = True

    @classmethod
    def applies(cls, prepared: Prepared, task: str) -> bool:
        return prepared.times is not None

    def lock(
        self, prepared: Prepared, task: str, holdout: float, folds: int, seed: int
    ) -> tuple[Rows, Rows]:
        assert prepared.times is not None
        n = len(prepared.y)
        n_test = math.ceil(holdout * n)
        draw = draws(prepared.row_hashes(), seed, "holdout")
        # by time, equal times by draw; rank() orders dates with a time zone too
        when = prepared.times.rank(method="dense").to_numpy()
        order = np.lexsort((np.arange(n), draw, when))
        _every_class_trained(prepared, task, order[:-n_test], order[-n_test:], "time")
        return order[:-n_test], order[-n_test:]

    def cv(self, task: str, folds: int, seed: int, prepared: Prepared | None) -> Any:
        # The rows are in time order, so each fold is validated on later rows than it learnt.
        from sklearn.model_selection import TimeSeriesSplit

        return TimeSeriesSplit(n_splits=folds)

    def sample(self, prepared: Prepared, train: Rows, task: str, rows: int, seed: int) -> Rows:
        return train[-rows:]

    def code(self, spec: HoldoutSpec) -> list[str]:
        # utc=True: times with differing offsets (across a daylight-saving change) are read
        # as instants, as diveml.audit.parse_dates reads them; the order is the same.
        parse = (
            f'pd.to_datetime(df[{spec.time!r}], errors="coerce", format="mixed", utc=True)'
            if spec.time_is_text
            else f"df[{spec.time!r}]"
        )
        return [
            "# The holdout is the most recent rows (equal times ordered by draw).",
            f'when = {parse}.rank(method="dense").to_numpy()',
            "order = np.lexsort((np.arange(len(df)), draw, when))",
            "n_test = math.ceil(holdout * len(df))",
            "train, test = order[:-n_test], order[-n_test:]",
        ]


# In the order they are considered: the first that applies is the study's.
STRATEGIES: dict[str, SplitStrategy] = {
    s.name: s for s in (Time(), Grouped(), Stratified(), Random())
}


def choose(prepared: Prepared, task: str) -> SplitStrategy:
    """Return the strategy for ``prepared`` and ``task``: the first in :data:`STRATEGIES`."""
    return next(s for s in STRATEGIES.values() if s.applies(prepared, task))


def _every_class_trained(
    prepared: Prepared, task: str, train: Rows, test: Rows, option: str
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
    groups: pd.Series, seed: int, purpose: str, share: float, rounding: Callable[[float], Any]
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

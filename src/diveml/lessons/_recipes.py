"""Check recipes: the mistake families every lesson meets, each diagnosed in plain words.

A recipe is a function that takes the exercise's :class:`~diveml.lessons.authoring.Check`
and ends the check with a specific message when it recognises a known mistake (fitting on
the test rows, scoring on the training rows, unpacking a split in the wrong order, the
median for the mean, ...). Each family also ships its known-wrong answers
(``*_wrongs(...)``), so an exercise that uses a recipe lists them in its ``wrong=`` with
one line and the test suite proves that the recipe still recognises them.

Recipes inspect what the learner actually made: the rows a model was fitted on (its
sample counts, its behaviour), the score they computed, the parts they unpacked; they
never refit a copy of the learner's model and trust that instead.
"""

from __future__ import annotations

import dataclasses
import numbers
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from diveml.lessons._model import Wrong
from diveml.lessons._table_recipes import (
    Condition,
    filled,
    filled_wrongs,
    filtered,
    filtered_wrongs,
    one_column,
    per_column,
    top_rows,
    top_rows_wrongs,
)

if TYPE_CHECKING:
    from diveml.lessons._check import Check

__all__ = [
    "TEST_ROWS_FIT",
    "Condition",
    "aggregate",
    "aggregate_wrongs",
    "filled",
    "filled_wrongs",
    "filtered",
    "filtered_wrongs",
    "fitted_on",
    "fitted_on_wrongs",
    "one_column",
    "per_column",
    "rows_seen",
    "scored_on_test",
    "scored_on_test_wrongs",
    "split",
    "split_order",
    "split_order_wrongs",
    "top_rows",
    "top_rows_wrongs",
]

TEST_ROWS_FIT = (
    "The test rows must stay unseen until the very end: a model that has learned from "
    "them scores better on them than it will on new rows, so its test score flatters it."
)
TRAIN_ROWS_SCORE = (
    "The model learned from the training rows, so its score on them says little about "
    "rows it has never seen. Score it on the test rows."
)


# --------------------------------------------------------------------------- fitting


def _last_first(model: Any) -> list[Any]:
    """The estimators inside ``model``, the last step first: pipelines and the fitted
    transformers of a column transformer are opened, however deeply nested."""
    steps = [step for _, step in getattr(model, "steps", [])]
    inner = [trans for _, trans, _ in getattr(model, "transformers_", [])]
    if not steps and not inner:
        return [model]
    found: list[Any] = [model] if inner else []
    for step in reversed(steps or inner):
        if isinstance(step, str):  # "drop" or "passthrough" in a column transformer
            continue
        found.extend(_last_first(step))
    return found


def rows_seen(model: Any) -> int | None:
    """How many rows ``model`` was fitted on, read from the fitted object itself.

    Looks at what scikit-learn records while fitting (``n_samples_fit_`` of neighbours,
    ``n_samples_seen_`` of scalers, the root of a tree), in a pipeline's steps too.
    ``None`` when the model records no count.
    """
    import numpy as np

    for step in _last_first(model):
        for attribute in ("n_samples_fit_", "n_samples_seen_"):
            value = getattr(step, attribute, None)
            if value is not None:
                return int(np.max(value))
        tree = getattr(step, "tree_", None)
        if tree is not None and getattr(step, "class_weight", None) is None:
            return int(tree.n_node_samples[0])
    return None


def _frequencies(y: Any) -> dict[Any, float]:
    import numpy as np

    values, counts = np.unique(np.asarray(y), return_counts=True)
    return {v: c / counts.sum() for v, c in zip(values.tolist(), counts, strict=True)}


def fitted_on(
    check: Check,
    name: str,
    X_train: Any,
    y_train: Any,
    *,
    test: tuple[Any, Any] | None = None,
    every: tuple[Any, Any] | None = None,
    kind: type | tuple[type, ...] | None = None,
    what: str | None = None,
    train_names: str = "`X_train`, `y_train`",
) -> Any:
    """Return the learner's fitted model ``name``, ending the check unless it was fitted
    on the training rows.

    It inspects the learner's own object: the number of rows it records, or for a
    ``DummyClassifier`` the class shares it learned. ``test`` and ``every`` are the test
    rows and all rows ``(X, y)``, to say which wrong rows were used.
    """
    model = check.fitted(name, kind, what=what)
    n_train = len(X_train)
    seen = rows_seen(model)
    if seen is not None and seen != n_train:
        if test is not None and seen == len(test[0]):
            check.fail(
                f"`{name}` was fitted on the test rows ({seen} rows, as many as the test set "
                f"has). Fit it on {train_names}.",
                reason=TEST_ROWS_FIT,
            )
        if every is not None and seen == len(every[0]):
            check.fail(
                f"`{name}` was fitted on every row ({seen}), test rows included. Fit it on "
                f"{train_names}.",
                reason=TEST_ROWS_FIT,
            )
        check.fail(
            f"`{name}` was fitted on {seen} rows, but the training rows are {n_train}. Fit "
            f"it on {train_names}, all of them."
        )
    prior = getattr(model, "class_prior_", None)
    if seen is None and prior is not None and check.close(len(prior), len(_frequencies(y_train))):
        learned = dict(zip(getattr(model, "classes_", []), prior, strict=False))
        if not _same_shares(learned, _frequencies(y_train)):
            if test is not None and _same_shares(learned, _frequencies(test[1])):
                check.fail(
                    f"`{name}` was fitted on the test rows: the class shares it learned are "
                    f"those of the test set. Fit it on {train_names}.",
                    reason=TEST_ROWS_FIT,
                )
            if every is not None and _same_shares(learned, _frequencies(every[1])):
                check.fail(
                    f"`{name}` was fitted on every row, test rows included. Fit it on "
                    f"{train_names}.",
                    reason=TEST_ROWS_FIT,
                )
            check.fail(f"`{name}` was not fitted on {train_names}.")
    return model


def _same_shares(a: Mapping[Any, float], b: Mapping[Any, float]) -> bool:
    import math

    return set(a) == set(b) and all(math.isclose(a[k], b[k], abs_tol=1e-9) for k in a)


def fitted_on_wrongs(
    name: str, make: str, *, X_test: str = "X_test, y_test", every: str | None = "X, y"
) -> list[Wrong]:
    """Known-wrong answers for :func:`fitted_on`: ``make`` is the model's constructor call."""
    wrongs = [
        Wrong(f"{name} = {make}.fit({X_test})", message="was fitted on the test rows"),
        Wrong(f"{name} = {make}", message="has not been fitted"),
    ]
    if every:
        wrongs.append(Wrong(f"{name} = {make}.fit({every})", message="test rows included"))
    return wrongs


# --------------------------------------------------------------------------- scoring


def scored_on_test(
    check: Check,
    name: str,
    model: Any,
    X_test: Any,
    y_test: Any,
    *,
    train: tuple[Any, Any] | None = None,
    every: tuple[Any, Any] | None = None,
    model_name: str = "model",
    test_names: str = "`X_test`, `y_test`",
) -> float:
    """Return the learner's score ``name``, ending the check unless it is ``model``'s
    score on the test rows.

    Recognises, in this order: an array of True/False instead of its mean, a value that
    is not a single number, the score on the training rows (``train``) or on every row
    (``every``), a percentage, the error rate (one minus the score) and the number of
    rows right instead of their share.
    """
    import numpy as np

    value = check.get(name)
    if isinstance(value, (np.ndarray, list)) or (hasattr(value, "dtype") and np.ndim(value)):
        array = np.asarray(value)
        if array.dtype == bool:
            check.fail(
                f"`{name}` is an array of True/False, one per test row. The accuracy is the "
                "share of True values: its mean (or use `.score`)."
            )
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating)):
        from diveml.lessons._check import describe_wrong_kind

        check.fail(describe_wrong_kind(name, value, "a single number, a score between 0 and 1"))
    value = float(value)
    on_test = float(check.call(model.score, X_test, y_test))
    if check.close(value, on_test):
        return value
    if train is not None and check.close(value, check.call(model.score, *train)):
        check.fail(
            f"`{name}` is the score of `{model_name}` on the training rows.",
            reason=TRAIN_ROWS_SCORE,
        )
    if every is not None and check.close(value, check.call(model.score, *every)):
        check.fail(
            f"`{name}` is the score of `{model_name}` on every row, training rows included. "
            f"Score it on the test rows only, {test_names}.",
            reason=TRAIN_ROWS_SCORE,
        )
    if check.close(value / 100, on_test):
        check.fail(
            f"`{name}` looks like a percentage: keep the share between 0 and 1 that `.score` "
            "returns."
        )
    if check.close(1 - value, on_test):
        check.fail(
            f"`{name}` is one minus the accuracy, the error rate (the share of rows wrong). "
            "Keep the share of rows right."
        )
    if check.close(value, on_test * len(y_test)):
        check.fail(
            f"`{name}` counts how many test rows were right; the accuracy is their share: "
            f"divide by the number of test rows, or use `.mean()` instead of `.sum()`."
        )
    check.fail(
        f"`{name}` is not the score of `{model_name}` on the test rows, {test_names}. Use "
        f"`{model_name}.score(X_test, y_test)`."
    )


def scored_on_test_wrongs(name: str, model: str = "model") -> list[Wrong]:
    """Known-wrong answers for :func:`scored_on_test` (the names are the lesson's own)."""
    return [
        Wrong(f"{name} = {model}.score(X_train, y_train)", message="on the training rows"),
        Wrong(f"{name} = {model}.score(X_test, y_test) * 100", message="looks like a percentage"),
        Wrong(f"{name} = 1 - {model}.score(X_test, y_test)", message="the error rate"),
        Wrong(f"{name} = {model}.score", message="the method `score` itself"),
        Wrong(
            f"{name} = ({model}.predict(X_test) == y_test).sum()",
            message="counts how many test rows were right",
        ),
    ]


# --------------------------------------------------------------------------- splits


def split_order(
    check: Check,
    parts: Mapping[str, Any],
    *,
    n_rows: int,
    test_size: float = 0.25,
    tolerance: float = 0.01,
    rows: str = "rows",
    names: Sequence[str] = ("X_train", "X_test", "y_train", "y_test"),
) -> None:
    """End the check when the four parts of a split are unpacked in the wrong order, or
    the test share is given wrongly (``train_size`` for ``test_size``, a count for a share).

    ``parts`` maps the four names to the learner's values; ``n_rows`` is how many rows
    were split; ``rows`` names them in the lesson's words (``"images"``).
    """
    x_train, x_test, y_train, y_test = names
    length = {n: len(parts[n]) for n in names}
    order = f"`train_test_split` returns {', '.join(names)}, in that order"
    if (
        length[x_train] != length[y_train]
        and length[x_train] == length[y_test]
        and length[x_test] == length[y_train]
    ):
        check.fail(
            f"`{y_train}` has as many labels as `{x_test}` has rows: `{y_train}` and "
            f"`{y_test}` are swapped. {order}."
        )
    if length[x_train] + length[x_test] != n_rows or not n_rows:
        return
    share = length[x_test] / n_rows
    if abs(share - (1 - test_size)) <= tolerance and abs(test_size - 0.5) > tolerance:
        check.fail(
            f"`{x_test}` holds {share:.0%} of the {rows} and `{x_train}` only "
            f"{1 - share:.0%}: the parts are swapped ({order}), or `train_size` was given "
            f"where `test_size={test_size}` was meant."
        )
    if abs(share - test_size) > tolerance and length[x_test] == round(100 * test_size):
        check.fail(
            f"`{x_test}` holds {length[x_test]} {rows}: a whole number as `test_size` counts "
            f"{rows}. Give the share as a fraction, `test_size={test_size}`."
        )


def split_order_wrongs(
    args: str = "X, y", *, test_size: float = 0.25, extra: str = ", random_state=0"
) -> list[Wrong]:
    """Known-wrong answers for :func:`split_order`; ``args`` and ``extra`` are the lesson's
    arguments to ``train_test_split`` before and after the share."""
    call = f"train_test_split({args}, test_size={test_size}{extra})"
    return [
        Wrong(f"X_train, X_test, y_test, y_train = {call}", message="are swapped"),
        Wrong(f"X_test, X_train, y_test, y_train = {call}", message="the parts are swapped"),
        Wrong(
            f"X_train, X_test, y_train, y_test = train_test_split({args}, "
            f"train_size={test_size}{extra})",
            message="`train_size` was given",
        ),
        Wrong(
            f"X_train, X_test, y_train, y_test = train_test_split({args}, "
            f"test_size={round(100 * test_size)}{extra})",
            message="a whole number as `test_size`",
        ),
    ]


_SHARE_WORDS = {0.5: "half", 0.25: "a quarter", 0.2: "a fifth", 0.1: "a tenth", 1 / 3: "a third"}


def _share_words(share: float) -> str:
    for value, words in _SHARE_WORDS.items():
        if abs(share - value) < 1e-9:
            return words
    return f"{share:.0%}"


def _row_keys(value: Any) -> list[Any]:
    """Row identities: the index of a table, the bytes of each row of an array."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (pd.DataFrame, pd.Series)):
        return list(value.index)
    return [row.tobytes() for row in np.ascontiguousarray(np.asarray(value, dtype=float))]


def split(
    check: Check,
    X: Any,
    y: Any,
    *,
    test_size: float = 0.25,
    random_state: int | None = None,
    stratify: bool = False,
    rows: str = "rows",
    labels: str = "labels",
    names: Sequence[str] = ("X_train", "X_test", "y_train", "y_test"),
) -> dict[str, Any]:
    """Return the learner's four parts of ``train_test_split(X, y, ...)``, ending the
    check at the first mistake of the split family, named in the lesson's words.

    ``X`` and ``y`` are what was split (the lesson's own, or the learner's checked ones).
    It names: the parts in the wrong order or of the wrong kind (a table where labels
    belong), a share given as ``train_size`` or as a count, the wrong share, rows lost or
    shared between the parts, features and labels that no longer line up (two separate
    calls), rows not shuffled, and, when asked, a missing or unwanted ``stratify=y`` and
    another ``random_state`` than the lesson's.
    """
    import pandas as pd

    parts = {name: check.get(name) for name in names}
    learner = _SplitParts(
        check, parts, X, y, tuple(names), rows, labels, isinstance(X, pd.DataFrame)
    )
    learner.check_kinds()
    split_order(check, parts, n_rows=len(X), test_size=test_size, rows=rows, names=names)
    learner.check_pairs()
    if learner.tables:
        learner.check_columns()
    learner.check_partition(test_size)
    learner.check_alignment()
    _check_strategy(check, parts, X, y, test_size, random_state, stratify, names, rows)
    return parts


@dataclasses.dataclass(frozen=True)
class _SplitParts:
    """The learner's four parts of a split and what was split, for :func:`split`'s steps."""

    check: Check
    parts: Mapping[str, Any]
    X: Any
    y: Any
    names: tuple[str, ...]
    rows: str
    labels: str
    tables: bool

    def is_features(self, value: Any) -> bool:
        import numpy as np
        import pandas as pd

        return isinstance(value, pd.DataFrame) if self.tables else np.ndim(value) == 2

    def is_labels(self, value: Any) -> bool:
        import numpy as np
        import pandas as pd

        return isinstance(value, pd.Series) if self.tables else np.ndim(value) == 1

    def check_kinds(self) -> None:
        """Features where features belong and labels where labels belong."""
        x_train, x_test, y_train, y_test = self.names
        parts, check = self.parts, self.check
        order = f"`train_test_split(X, y)` returns {', '.join(self.names)}, in that order"
        if any(self.is_labels(parts[n]) for n in (x_train, x_test)) and any(
            self.is_features(parts[n]) for n in (y_train, y_test)
        ):
            check.fail(
                f"Some `X_` names hold {self.labels} and some `y_` names hold features: {order}."
            )
        kind = "a DataFrame" if self.tables else "a 2-D array"
        for name in (x_train, x_test):
            check.expect(
                self.is_features(parts[name]),
                f"`{name}` should be {kind} of features; it is a {type(parts[name]).__name__}. "
                "Split `X` and `y` together with `train_test_split(X, y, ...)`.",
            )
        for name in (y_train, y_test):
            check.expect(
                self.is_labels(parts[name]),
                f"`{name}` should be {'a Series' if self.tables else 'a 1-D array'} of "
                f"{self.labels}; it is a {type(parts[name]).__name__}. Split `X` and `y` "
                "together.",
            )

    def check_pairs(self) -> None:
        """As many labels as rows, in the training part and in the test part."""
        x_train, x_test, y_train, y_test = self.names
        for features, target in ((x_train, y_train), (x_test, y_test)):
            self.check.expect(
                len(self.parts[features]) == len(self.parts[target]),
                f"`{features}` has {len(self.parts[features])} {self.rows} but `{target}` has "
                f"{len(self.parts[target])} {self.labels}; they must match one to one.",
            )

    def check_columns(self) -> None:
        """A table's parts have the columns of ``X``, and not the labels as one of them."""
        import numpy as np

        x_train, x_test = self.names[:2]
        X, y, check = self.X, self.y, self.check
        columns = list(X.columns)
        train_part = self.parts[x_train]
        for column in [c for c in train_part.columns if c not in columns]:
            known = bool(train_part.index.isin(y.index).all())
            if known and np.array_equal(
                train_part[column].to_numpy(), y.reindex(train_part.index).to_numpy()
            ):
                check.fail(
                    f"`{x_train}` contains `{column}`, the {self.labels} to predict: split "
                    "`X`, the table without that column, not the whole table.",
                    reason="A model that is given the answer as one of its inputs learns to "
                    "copy it, and has nothing to copy from on new rows.",
                )
        check.expect(
            all(list(self.parts[n].columns) == columns for n in (x_train, x_test)),
            f"`{x_train}` and `{x_test}` should have the {len(columns)} columns of `X`: split "
            "`X` itself.",
        )

    def check_partition(self, test_size: float) -> None:
        """Every row in exactly one part, and the test part the share the task asks for."""
        x_train, x_test = self.names[:2]
        X, rows, check = self.X, self.rows, self.check
        n_train, n_test = len(self.parts[x_train]), len(self.parts[x_test])
        train_keys, test_keys = _row_keys(self.parts[x_train]), _row_keys(self.parts[x_test])
        check.expect(
            sorted(map(str, [*train_keys, *test_keys])) == sorted(map(str, _row_keys(X))),
            f"`{x_train}` and `{x_test}` together are not the {rows} of `X`: every one must "
            f"land in exactly one of them (no {rows} lost, none in both).",
        )
        share = n_test / len(X)
        if share > 0.55 and test_size < 0.5:
            check.fail(
                f"`{x_test}` has more {rows} than `{x_train}` ({n_test} against {n_train}). "
                f"`test_size` is the share of {rows} for the *test* set: "
                f"{_share_words(test_size)} is {test_size}."
            )
        check.expect(
            abs(share - test_size) <= max(0.01, 1.5 / len(X)),
            f"`{x_test}` holds {share:.0%} of the {rows}; the task asks for "
            f"{_share_words(test_size)} of them (`test_size={test_size}`).",
        )

    def check_alignment(self) -> None:
        """Each row keeps its own label, and the rows were shuffled before the split."""
        import numpy as np

        x_train, x_test, y_train, y_test = self.names
        X, y, parts, rows, check = self.X, self.y, self.parts, self.rows, self.check
        if self.tables:
            lined_up = all(
                parts[a].index.equals(parts[b].index)
                for a, b in ((x_train, y_train), (x_test, y_test))
            )
        else:
            pairs = set(zip(_row_keys(X), np.asarray(y).tolist(), strict=True))
            lined_up = all(
                set(zip(_row_keys(parts[a]), np.asarray(parts[b]).tolist(), strict=True)) <= pairs
                for a, b in ((x_train, y_train), (x_test, y_test))
            )
        if not lined_up:
            check.fail(
                f"The {rows} of `{x_train}` and the {self.labels} in `{y_train}` (or of the "
                "test parts) no longer line up: some of them have another's label.",
                reason="Split `X` and `y` in the same call, `train_test_split(X, y, ...)`, so "
                "that both are shuffled the same way.",
            )
        n_test = len(parts[x_test])
        test_keys = _row_keys(parts[x_test])
        if [str(k) for k in test_keys] == [str(k) for k in _row_keys(X)[len(X) - n_test :]]:
            check.fail(
                f"`{x_test}` is the last {rows} of `X`, in their original order: the {rows} "
                "were not shuffled.",
                reason=f"Data often comes sorted (by date, by source, by class), so the last "
                f"{rows} can differ from the rest. `train_test_split` shuffles before it splits.",
            )


def _check_strategy(
    check: Check,
    parts: Mapping[str, Any],
    X: Any,
    y: Any,
    test_size: float,
    random_state: int | None,
    stratify: bool,
    names: Sequence[str],
    rows: str,
) -> None:
    """The seed and the stratification: the rows the lesson's own call would pick."""
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import train_test_split

    x_test, y_test = names[1], names[3]
    got = [str(k) for k in _row_keys(parts[x_test])]
    if random_state is None:
        if stratify:
            overall = pd.Series(np.asarray(y)).value_counts(normalize=True)
            in_test = pd.Series(np.asarray(parts[y_test])).value_counts()
            off = (in_test.reindex(overall.index, fill_value=0) - overall * len(got)).abs().max()
            check.expect(
                off <= 1,
                f"The test {rows} do not keep each class's share: pass `stratify=y` to "
                "`train_test_split`.",
                reason="With a small test set, chance alone can leave one class "
                "under-represented, and the score then says more about the draw than the model.",
            )
        return

    def test_rows(strata: Any) -> list[str]:
        part = train_test_split(
            X, y, test_size=test_size, random_state=random_state, stratify=strata
        )[1]
        return [str(k) for k in _row_keys(part)]

    if got == test_rows(y if stratify else None):
        return
    if not stratify and got == test_rows(y):
        check.fail(
            "Your split is stratified (`stratify=y`): a good habit, but this lesson's checks "
            "use the plain split. Remove `stratify=y` so that your numbers and the lesson's match."
        )
    if stratify and got == test_rows(None):
        check.fail(
            "Your split is not stratified: pass `stratify=y` so that the test rows keep each "
            "class's share, as the lesson's numbers assume."
        )
    check.fail(
        f"Your split has the right sizes, but not the {rows} that the lesson's call picks: "
        f"pass `random_state={random_state}` (and `test_size={test_size}`), so that your "
        "numbers and the lesson's match."
    )


# --------------------------------------------------------------------------- aggregation

_AGGREGATES: dict[str, str] = {
    "mean": "the mean (the average)",
    "median": "the median (the middle value)",
    "sum": "the total (the sum)",
    "max": "the largest value (`max`)",
    "min": "the smallest value (`min`)",
    "count": "how many values there are (a count)",
    "std": "the standard deviation (the spread)",
}


def aggregate(
    check: Check,
    name: str,
    values: Sequence[float] | Any,
    *,
    how: str = "mean",
    of: str = "the values",
) -> float:
    """Return the learner's number ``name``, ending the check unless it is the ``how``
    (mean, median, sum, max, min, count, std) of ``values``, and saying which other
    aggregate it is when it is one (the median for the mean, the total, a count...).
    """
    import numpy as np

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating)):
        check.fail(describe_wrong_kind(name, value, f"a single number: {_AGGREGATES[how]}"))
    data = np.asarray(values, dtype=float)
    data = data[~np.isnan(data)]
    results = {
        "mean": float(np.mean(data)),
        "median": float(np.median(data)),
        "sum": float(np.sum(data)),
        "max": float(np.max(data)),
        "min": float(np.min(data)),
        "count": float(len(data)),
        "std": float(np.std(data, ddof=1)),
    }
    if check.close(value, results[how]):
        return float(value)
    for other, result in results.items():
        if other != how and check.close(value, result):
            fix = " Divide by how many there are." if other == "sum" and how == "mean" else ""
            check.fail(
                f"`{name}` is {_AGGREGATES[other]} of {of}, not {_AGGREGATES[how]}.{fix}",
                reason="The mean adds up all values and divides by how many there are; the "
                "median is the middle value once they are sorted."
                if {how, other} == {"mean", "median"}
                else None,
            )
    check.fail(f"`{name}` is {value!r}, which is not {_AGGREGATES[how]} of {of}.")


def aggregate_wrongs(name: str, series: str, *, how: str = "mean") -> list[Wrong]:
    """Known-wrong answers for :func:`aggregate`: other aggregates of ``series``."""
    others = [m for m in ("median", "sum", "max", "count") if m != how]
    words = {"median": "the median", "sum": "the total", "max": "the largest value"}
    wrongs = [
        Wrong(f"{name} = {series}.{m}()", message=words.get(m, "how many values")) for m in others
    ]
    wrongs.append(Wrong(f"{name} = {series}.{how}", message=f"the method `{how}` itself"))
    return wrongs

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

import numbers
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from diveml.lessons._model import Wrong

if TYPE_CHECKING:
    from diveml.lessons._check import Check

__all__ = [
    "TEST_ROWS_FIT",
    "aggregate",
    "aggregate_wrongs",
    "fitted_on",
    "fitted_on_wrongs",
    "rows_seen",
    "scored_on_test",
    "scored_on_test_wrongs",
    "split_order",
    "split_order_wrongs",
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

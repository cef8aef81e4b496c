"""Shared checks for exercises whose answer is an array of cross-validation scores.

Lessons 16 and 17 ask for the fold scores that ``cross_val_score`` returns. The usual
slips are the same everywhere: keeping only their mean, scoring on the training rows,
scoring on other folds than the lesson's ``cv``. The helpers here name each of them;
``number_array`` (lessons 13 to 15) turns any list of numbers into an array or says what
else it holds.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from diveml.lessons._check import Check


def score_array(
    check: Check,
    name: str,
    expected: np.ndarray,
    *,
    train_score: Callable[[], float] | None = None,
) -> np.ndarray:
    """Return the learner's fold scores ``name`` as a float array shaped like ``expected``.

    Ends the check when the value is one number (the mean of ``expected``, or the
    training-row score that ``train_score()`` computes only then), not numbers at all, or
    of another length.
    """
    import numpy as np

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    n = len(expected)
    if isinstance(value, (numbers.Real, np.floating)) and not isinstance(value, bool):
        if check.close(value, float(np.mean(expected))):
            check.fail(
                f"`{name}` is one number, the mean of the fold scores. Keep all {n} scores "
                "that `cross_val_score` returns: the spread between them matters as much as "
                "their mean."
            )
        if train_score is not None and check.close(value, train_score()):
            check.fail(
                f"`{name}` is one number, the score of a model fitted and scored on the same "
                "rows, its training rows.",
                reason="A model scored on the rows it learned from looks better than it is. "
                f"Cross-validation scores each fold with a model that never saw it: use "
                f"`cross_val_score(..., cv=cv)`, which returns {n} scores.",
            )
        check.fail(
            f"`{name}` is one number, {float(value)!r}; it should hold the {n} fold scores "
            "that `cross_val_score(..., cv=cv)` returns."
        )
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(describe_wrong_kind(name, value, f"an array of {n} fold scores"))
    if np.isnan(array).any():
        check.fail(
            f"`{name}` holds `nan` for some folds: fitting or scoring raised an error, and "
            "`cross_val_score` put `nan` in its place (see the warning it printed). Fit the "
            "model once with `.fit(...)` to see the error, or drop the option that caused it."
        )
    check.expect(
        array.shape == np.shape(expected),
        f"`{name}` has shape {array.shape}, but it should hold {n} fold scores, one per fold "
        "of `cv`.",
    )
    return array


def number_array(check: Check, name: str, value: Any) -> np.ndarray:
    """``value`` as an array of floats; a specific message if it holds something else."""
    import numpy as np

    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(
            f"`{name}` should hold numbers only, but it holds something else: "
            f"{str(value)[:80]!r}. Keep one number per entry."
        )


def match_known(
    check: Check,
    name: str,
    value: Any,
    known: Sequence[tuple[Any, str, str | None]],
) -> None:
    """End the check with the message of the first known wrong result that ``value`` equals.

    ``known`` holds ``(result, message, reason)`` triples: what a usual mistake computes,
    and what to say when the learner's value is that.
    """
    for result, message, reason in known:
        if check.close(value, result):
            check.fail(message.replace("{name}", f"`{name}`"), reason=reason)


def expect_params(
    check: Check, name: str, model: Any, reference: Any, *, exempt: Sequence[str] = ()
) -> None:
    """End the check when ``model``'s own settings differ from ``reference``'s.

    Compares the top-level ``get_params(deep=False)`` of both (nested estimators are
    skipped: their own checks name them) and names the first setting that differs.
    """
    from sklearn.base import BaseEstimator

    mine = model.get_params(deep=False)
    wanted = reference.get_params(deep=False)
    for key, value in wanted.items():
        if key in exempt or isinstance(value, BaseEstimator) or key not in mine:
            continue
        got = mine[key]
        same = got == value
        if not isinstance(same, bool):
            same = bool(getattr(same, "all", lambda: False)())
        if not same:
            check.fail(
                f"`{name}` has `{key}={got!r}`, but the task's model has `{key}={value!r}`. "
                "Make it exactly as the task writes it (leave out what the task leaves out)."
            )

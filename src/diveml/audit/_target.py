"""Checks on the target column, and the inference of the task from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from diveml.audit._findings import Finding, Task
from diveml.audit._types import is_id_name, plain
from diveml.exceptions import InvalidOptionError, TargetError, option
from diveml.study._metrics import default_metric

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TASKS", "check_target", "class_counts", "infer_task"]

TASKS: tuple[Task, ...] = ("binary", "multiclass", "regression")
# A numeric target with at most this many distinct whole numbers is taken as classes
# (a rating 1-5, a digit 0-9); more is taken as an amount to predict.
MAX_INTEGER_CLASSES = 10
# The rarest class has fewer than 1 row for every 9 of the most common (10% of two classes).
IMBALANCE_RATIO = 1 / 9


def _shown(values: list[object], limit: int = 5) -> str:
    text = ", ".join(repr(v.item() if isinstance(v, np.generic) else v) for v in values[:limit])
    return text + (", ..." if len(values) > limit else "")


def infer_task(y: pd.Series) -> tuple[Task, str]:
    """Return the task for the non-missing target values ``y``, and why, in words."""
    from pandas.api import types

    distinct = y.nunique()
    if types.is_bool_dtype(y.dtype) or not types.is_numeric_dtype(y.dtype):
        kind: Task = "binary" if distinct == 2 else "multiclass"
        return kind, f"it holds {distinct} distinct labels"
    values = y.to_numpy(dtype=float)
    whole = bool(np.all(np.isfinite(values)) and np.all(values == np.round(values)))
    if distinct == 2:
        return "binary", "it holds 2 distinct values"
    if whole and distinct <= MAX_INTEGER_CLASSES:
        return (
            "multiclass",
            f"it holds only {distinct} distinct whole numbers, read as classes",
        )
    return "regression", f"it holds {distinct} distinct numbers"


def class_counts(y: pd.Series) -> pd.Series:
    """Return the row count of each class, most frequent first (ties by label)."""
    counts = y.value_counts()
    counts = counts[counts > 0]  # a categorical dtype also lists its unused categories
    order = sorted(counts.index, key=lambda label: (-counts[label], str(label)))
    return counts[order]


def check_target(
    frame: pd.DataFrame, target: str, task: str | None, folds: int
) -> tuple[Task, list[Finding], int]:
    """Check the target; return the task, the findings and the number of rows without target.

    Raises
    ------
    TargetError
        The target is all missing, has one value, has a class with fewer rows than
        ``folds``, has infinite values, or does not fit the task asked for.
    """
    from pandas.api import types

    series = frame[target]
    rows = len(series)
    findings: list[Finding] = []
    if types.is_float_dtype(series.dtype):
        infinite = int(np.isinf(series.to_numpy(dtype=float, na_value=np.nan)).sum())
        if infinite:
            raise TargetError(
                f"The target {target!r} has {infinite} infinite value(s) (inf or -inf); a "
                "model cannot learn or be scored on those. Remove those rows, or fix the "
                "computation that produced them.",
                column=target,
            )
    y = series.dropna()
    missing = rows - len(y)
    if len(y) == 0:
        raise TargetError(
            f"The target {target!r} is missing in all {rows} rows; there is nothing to learn "
            "from. Check the column name, or choose a target column that has values.",
            column=target,
        )
    distinct = y.nunique()
    if distinct < 2:
        raise TargetError(
            f"The target {target!r} has only one value ({_shown(list(y.unique()))}) in its "
            f"{len(y)} rows with a value; there is nothing to predict. Choose another target, "
            "or check that the rows were not filtered to a single outcome.",
            column=target,
        )
    if missing:
        findings.append(
            Finding(
                "target_missing",
                "warning",
                target,
                f"The target {target!r} is missing in {missing} of {rows} rows "
                f"({100 * missing / rows:.1f}%); those rows are left out of the study.",
                "Nothing to do if those rows have no outcome yet; otherwise find out why "
                "their target is missing, since leaving them out can bias the results.",
            )
        )
    id_warning = _target_is_id(y, target)
    if id_warning is not None:
        findings.append(id_warning)
    inferred, why = infer_task(y)
    if task is None:
        chosen = inferred
        note = f"The task is {_task_words(chosen)}, inferred from the target {target!r}: {why}."
        if chosen == "regression":
            fix = f"Pass {option('task', 'multiclass')} if the numbers are labels of classes."
        elif getattr(y, "dtype", None) is not None and y.dtype.kind in "biuf":
            fix = f"Pass {option('task', 'regression')} if the numbers are amounts, not classes."
        else:
            fix = "Nothing to do: text labels are classes."
        findings.append(Finding("task_inferred", "info", target, note, fix))
    else:
        if task not in TASKS:
            raise InvalidOptionError(
                f"{option('task', task)} is not a task diveml knows. Use one of: {', '.join(TASKS)}."
            )
        chosen = task
        _check_task_fits(y, target, chosen, distinct)
    if chosen == "regression":
        _check_magnitude(y, target)
        return chosen, findings, missing
    findings += _check_classes(y, target, folds)
    return chosen, findings, missing


# Squared errors of a regression target are summed; below this the sums stay finite with
# room to spare (a float overflows past 1.8e308), so every error metric can be computed.
MAX_SQUARED_SUM = 1e300


def _check_magnitude(y: pd.Series, target: str) -> None:
    """Refuse a regression target whose squared spread overflows a float: no model or
    metric (r2, RMSE) can be computed on it, and the study would fail with no clear cause."""
    values = y.to_numpy(dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        centred = values - values.mean()
        spread = float(np.sum(np.square(centred))) if np.all(np.isfinite(centred)) else np.inf
    if np.isfinite(spread) and spread < MAX_SQUARED_SUM:
        return
    largest = float(np.max(np.abs(values)))
    scale = 10.0 ** max(int(np.floor(np.log10(largest))) - 3, 1)
    raise TargetError(
        f"The regression target {target!r} has values as large as {largest:.3g} in magnitude; "
        "their squared errors overflow floating-point numbers, so no model can be fitted or "
        f"scored on them (r2, RMSE). Rescale the target first, e.g. divide it by {scale:.0e} "
        f"(df[{target!r}] / {scale:.0e}) or predict its logarithm, then run the study again.",
        column=target,
    )


def _task_words(task: Task) -> str:
    return {
        "binary": "binary classification",
        "multiclass": "multiclass classification",
        "regression": "regression",
    }[task]


def _check_task_fits(y: pd.Series, target: str, task: Task, distinct: int) -> None:
    from pandas.api import types

    if task == "regression" and (
        types.is_bool_dtype(y.dtype) or not types.is_numeric_dtype(y.dtype)
    ):
        example = _shown(list(y.unique()), 3)
        raise TargetError(
            f"{option('task', 'regression')} needs a numeric target, but {target!r} holds labels such as "
            f"{example}. Pass {option('task', 'binary' if distinct == 2 else 'multiclass')}, or choose "
            "a numeric target.",
            column=target,
        )
    if task == "binary" and distinct != 2:
        raise TargetError(
            f"{option('task', 'binary')} needs exactly 2 classes, but the target {target!r} has {distinct} "
            f"({_shown(list(class_counts(y).index))}). Pass {option('task', 'multiclass')}"
            f"{' or ' + option('task', 'regression') if types.is_numeric_dtype(y.dtype) else ''}.",
            column=target,
        )


def _check_classes(y: pd.Series, target: str, folds: int) -> list[Finding]:
    findings: list[Finding] = []
    counts = class_counts(y)
    rare = counts[counts < folds]
    if len(rare):
        raise TargetError(_rare_class_message(counts, rare, target, folds, len(y)), column=target)
    share = counts.iloc[-1] / len(y)
    # Relative to the most common class, so ten balanced classes of 10% each are fine.
    if counts.iloc[-1] / counts.iloc[0] < IMBALANCE_RATIO:
        label = plain(counts.index[-1])
        # The default metric, as the metrics registry names it: a metric made the default
        # there is the one this warning recommends.
        metric = default_metric("binary" if len(counts) == 2 else "multiclass")
        findings.append(
            Finding(
                "imbalance",
                "warning",
                target,
                f"The target {target!r} is imbalanced: the rarest class {label!r} is "
                f"{100 * share:.1f}% of rows ({int(counts.iloc[-1])} of {len(y)}). Accuracy "
                f"would mislead (always answering {plain(counts.index[0])!r} scores "
                f"{100 * counts.iloc[0] / len(y):.0f}%); the default metric, {metric}, does not.",
                "Keep the default metric, look at the confusion matrix and the per-class "
                "scores, and collect more rows of the rare class if you can.",
            )
        )
    return findings


def _rare_class_message(
    counts: pd.Series, rare: pd.Series, target: str, folds: int, rows: int
) -> str:
    """Say what a class this rare allows, and the one thing to do about it.

    Fewer folds are no way out: the holdout takes a row of the class first, and what is
    left is too little for any fold to score it reliably. Removing the rare class is only
    offered when at least two classes remain.
    """
    label, count = plain(rare.index[-1]), int(rare.iloc[-1])
    others = f" ({len(rare)} classes have fewer than {folds} rows)" if len(rare) > 1 else ""
    if len(counts) > 0.5 * rows:
        return (
            f"The target {target!r} has {len(counts)} distinct values in {rows} rows, so most "
            f"values are seen once (the class {label!r} has {count} row(s)){others}: it looks "
            "like an identifier or an amount, not classes. Choose the column you mean to "
            f"predict with {option('target', bare=True)}, or pass {option('task', 'regression')} for "
            "an amount."
        )
    what = (
        f"The class {label!r} of the target {target!r} has only {count} row(s){others}. The "
        f"holdout needs at least one of them and each of the {folds} cross-validation folds "
        "another, so no score of this class could be trusted: with a handful of rows, one "
        "row more or less right swings it across most of its range."
    )
    if len(counts) - len(rare) >= 2:
        fix = (
            f" Merge {label!r} into a related class, or drop its rows to study the other "
            f"{len(counts) - len(rare)} classes (df[df[{target!r}] != {label!r}])."
        )
    else:
        fix = (
            f" This little data cannot support a study of {target!r}: collect more rows of "
            f"{label!r} (a few dozen at least), then run the study again."
        )
    return what + fix


def _target_is_id(y: pd.Series, target: str) -> Finding | None:
    """Warn when the target looks like a row identifier: there is nothing in it to learn."""
    from pandas.api import types

    if len(y) < 20 or y.nunique() < 0.95 * len(y):
        return None
    named = is_id_name(target)
    whole = types.is_integer_dtype(y.dtype) and not types.is_bool_dtype(y.dtype)
    counting = whole and (y.is_monotonic_increasing or y.is_monotonic_decreasing)
    if not (named or counting):
        return None
    why = "its name says it is an identifier" if named else "it counts up row by row"
    return Finding(
        "target_is_id",
        "warning",
        target,
        f"The target {target!r} looks like a row identifier: {y.nunique()} distinct values "
        f"in {len(y)} rows, and {why}. An identifier is assigned, not caused by the other "
        "columns, so any score predicting it is luck or row order.",
        f"Choose the column you mean to predict with {option('target', bare=True)}; the "
        f"identifier itself is for joining predictions back ({option('ids', bare=True)}).",
    )

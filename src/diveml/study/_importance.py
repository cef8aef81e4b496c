"""Permutation importance that fits the budget: every column of a narrow table, a few of a wide one.

Permutation importance costs one prediction of the whole pipeline per column and repeat,
and on a wide table each prediction is slow (scikit-learn checks every column of a
DataFrame at every step: about 30 ms for 3,000 columns, whatever the rows). Measuring all
3,000 columns of a 50-row table twice made 6,000 predictions and ran for 415 s against a
15 s budget. So the number of predictions is planned before any is made, from a cost
model of one prediction (below) and the budget, never from the clock, so the same table
and budget always give the same plan:

- when every column fits (at most 150 predictions in all, 2 to 5 repeats each), every
  column is measured, by scikit-learn's ``permutation_importance``, as before;
- otherwise only the columns most associated with the model's own holdout predictions
  (absolute correlation for numbers, the correlation ratio for categories) are measured,
  2 repeats each, and a note says how many of how many and why.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from diveml.exceptions import option, spell

__all__ = ["MAX_PREDICTIONS", "importance_plan", "permutation_importance_section"]

MAX_PREDICTIONS = 150
MAX_ROWS = 1000
# Importance may use this share of the budget, and never less than MIN_SECONDS.
SHARE = 0.1
MIN_SECONDS = 1.0
# One scored prediction of a ladder pipeline, in seconds: fixed + per column + per cell,
# fitted (on the safe side) to process-time measurements on one core of the 2-core machine
# the study targets, every rung: 30 x 1,000: 4-16 ms; 300 x 1,000: 10-25 ms; 3,000 x 10:
# 25-60 ms; 3,000 x 1,000: 84-98 ms.
PREDICT_FIXED_SECONDS = 0.015
PREDICT_SECONDS_PER_COLUMN = 1.2e-5
PREDICT_SECONDS_PER_CELL = 3e-8


def prediction_seconds(rows: int, columns: int) -> float:
    """Return the estimated seconds of one prediction on ``rows`` x ``columns``."""
    return (
        PREDICT_FIXED_SECONDS
        + PREDICT_SECONDS_PER_COLUMN * columns
        + PREDICT_SECONDS_PER_CELL * rows * columns
    )


def importance_plan(rows: int, columns: int, budget: float) -> tuple[int, int, int]:
    """Return (columns to measure, repeats, predictions allowed) for this table and budget."""
    seconds = max(SHARE * budget, MIN_SECONDS)
    allowed = min(MAX_PREDICTIONS, int(seconds / prediction_seconds(rows, columns)))
    if columns and allowed >= 2 * columns:
        return columns, max(2, min(5, allowed // columns)), allowed
    return allowed // 2, 2, allowed


def _standardised(values: np.ndarray) -> np.ndarray:
    centred = values - values.mean(axis=0)
    scale = np.sqrt((centred**2).mean(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(scale > 0, centred / np.where(scale > 0, scale, 1.0), 0.0)


def association(X: pd.DataFrame, output: np.ndarray) -> np.ndarray:
    """Return, per column of ``X``, its strongest association with a column of ``output``.

    Numbers: absolute Pearson correlation (missing values at the column's mean).
    Anything else: the correlation ratio (eta) of the output over the column's values.
    Both lie in [0, 1]; a constant column scores 0.
    """
    output = np.asarray(output, dtype=float).reshape(len(X), -1)
    out_z = _standardised(output)
    scores = np.zeros(len(X.columns))
    numeric = [
        i
        for i, c in enumerate(X.columns)
        if pd.api.types.is_numeric_dtype(X[c]) and not pd.api.types.is_bool_dtype(X[c])
    ]
    if numeric:
        block = X.iloc[:, numeric].to_numpy(dtype=float, na_value=np.nan, copy=True)
        block[~np.isfinite(block)] = np.nan
        means = np.nanmean(np.where(np.isnan(block).all(axis=0), 0.0, block), axis=0)
        block = np.where(np.isnan(block), means, block)
        corr = np.abs(_standardised(block).T @ out_z) / len(X)
        scores[numeric] = np.clip(corr.max(axis=1), 0.0, 1.0)
    total = (out_z**2).sum(axis=0)
    for i in sorted(set(range(len(X.columns))) - set(numeric)):
        codes, _ = pd.factorize(X.iloc[:, i], use_na_sentinel=False)
        counts = np.bincount(codes)
        between = np.zeros(out_z.shape[1])
        for k in range(out_z.shape[1]):
            sums = np.bincount(codes, weights=out_z[:, k])
            between[k] = np.sum(sums**2 / np.maximum(counts, 1))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(total > 0, between / np.where(total > 0, total, 1.0), 0.0)
        scores[i] = math.sqrt(float(np.clip(ratio.max(), 0.0, 1.0)))
    return scores


def _ranked(columns: list[str], means: np.ndarray, stds: np.ndarray) -> list[dict[str, Any]]:
    rows = sorted(zip(columns, means, stds, strict=True), key=lambda item: (-item[1], item[0]))
    return [{"column": c, "mean": float(m), "std": float(s)} for c, m, s in rows[:25]]


def permutation_importance_section(
    pipeline: Any,
    X: pd.DataFrame,
    y: pd.Series,
    output: np.ndarray,
    scoring: str,
    seed: int,
    budget: float,
) -> tuple[list[dict[str, Any]], str | None]:
    """Return the top of the importance ranking and a note when not every column was measured.

    ``X`` and ``y`` are the holdout rows (a sample of at most MAX_ROWS is drawn here) and
    ``output`` the model's predictions on them (probabilities for a classifier), used to
    choose which columns to measure on a wide table.
    """
    from sklearn.inspection import permutation_importance
    from sklearn.metrics import check_scoring

    sample = np.arange(len(X))
    if len(sample) > MAX_ROWS:
        sample = np.random.default_rng(seed).choice(sample, MAX_ROWS, replace=False)
    X_s, y_s = X.iloc[sample], pd.Series(np.asarray(y)).iloc[sample]
    columns = [str(c) for c in X.columns]
    measured, repeats, allowed = importance_plan(len(sample), len(columns), budget)
    each = prediction_seconds(len(sample), len(columns))
    if measured == len(columns):
        result = permutation_importance(
            pipeline, X_s, y_s, scoring=scoring, n_repeats=repeats, random_state=seed, n_jobs=1
        )
        return _ranked(columns, result.importances_mean, result.importances_std), None
    if measured == 0:
        return [], spell(
            f"Permutation importance was not measured: one prediction on these "
            f"{len(columns):,} columns is estimated at {each:.2f} s, and its share of the "
            f"budget leaves room for fewer than 2 (raise {option('budget', bare=True)} to "
            "measure it)."
        )
    strength = association(X_s, np.asarray(output)[sample])
    order = sorted(range(len(columns)), key=lambda i: (-strength[i], i))[:measured]
    chosen = [columns[i] for i in order]
    # scikit-learn's permutation_importance shuffles every column of X; measuring only the
    # screened ones needs this short loop, scored by the same scikit-learn scorer.
    scorer = check_scoring(pipeline, scoring=scoring)
    baseline = scorer(pipeline, X_s, y_s)
    rng = np.random.RandomState(seed)
    means, stds = [], []
    for column in chosen:
        values = X_s[column].to_numpy()
        drops = []
        for _ in range(repeats):
            shuffled = X_s.copy(deep=False)
            shuffled[column] = values[rng.permutation(len(values))]
            drops.append(baseline - scorer(pipeline, shuffled, y_s))
        means.append(float(np.mean(drops)))
        stds.append(float(np.std(drops)))
    note = spell(
        f"Permutation importance was measured for {measured} of the {len(columns):,} columns, "
        f"{repeats} shuffles each: each shuffle costs one prediction (estimated at {each:.2f} s "
        f"on this table) and the budget allows about {allowed}. The {measured} measured are "
        "the columns most associated with the model's own holdout predictions; the others "
        f"were not measured (raise {option('budget', bare=True)} to measure more)."
    )
    return _ranked(chosen, np.array(means), np.array(stds)), note

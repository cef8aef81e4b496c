"""How often diveml's 95% holdout interval should contain the benchmark's kept-back score.

diveml scores its chosen model once on its own holdout (a share of the training part the
benchmark gave it) and states a 95% bootstrap interval; bench/run.py scores the *same* model
on the benchmark's kept-back part. The interval is for the model's true score, but the
kept-back score is itself a sample: it misses the interval more often than 5% of the time
even when the interval is exactly right. For a score that behaves like a mean (normal, with
variance σ²/n), holdout H ~ N(θ, σ²/n_h) and kept-back K ~ N(θ, σ²/n_k) independently, so
H − K ~ N(0, σ²(1/n_h + 1/n_k)) and

    P(K inside H ± 1.96·σ/√n_h) = P(|Z| < 1.96 / √(1 + n_h/n_k))          (normal_expected)

(0.879 at the benchmark's sizes: holdout 20% of 75%, kept-back 25%, so n_h/n_k = 0.6).
ROC AUC, balanced accuracy and r2 are not means, and a percentile bootstrap is not exact on a
few hundred rows, so :func:`simulated_expected` checks the figure on the actual predictions:
the kept-back rows (truth, prediction) stand for the population (the model's true score is
then their score), a "holdout" of n_h rows and a "kept-back part" of n_k rows are drawn from
them (by class, as both splits are stratified), the holdout gets diveml's interval (a
percentile bootstrap of its rows) and the share of draws whose kept-back score falls inside
is the coverage to expect on that table.

Over tables, :func:`chance_at_most` is the chance of so few covered tables if every table
covered with its expected probability (independent tables: a Poisson-binomial count).

Also here: which kept-back rows have an exact copy in the training part (:func:`new_rows`),
and how far a score lies outside an interval (:func:`outside_widths`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

Z95 = float(stats.norm.ppf(0.975))
REPS = 200
RESAMPLES = 400
# Above this many population x resample cells per repetition the simulation takes too long
# for bench/run.py (flights: 81,837 kept-back rows); on such tables the normal formula is
# what the simulation converges to anyway.
MAX_CELLS = 5_000_000
# Coverage against the copy-free kept-back score is reported where it rests on this many rows.
MIN_NEW_ROWS = 50


def new_rows(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """Return, per row of ``test``, whether no row of ``train`` equals it in every column.

    The columns compared are ``train``'s (every feature and the target), the notion of a
    copy diveml's own holdout uses (src/diveml/study/_draws.py hashes whole rows), so the
    rows kept are "new" in the sense diveml's interval speaks of.
    """
    test = test[list(train.columns)]
    test = test.astype(
        {c: train[c].dtype for c in train.columns if test[c].dtype != train[c].dtype}
    )
    seen = set(pd.util.hash_pandas_object(train, index=False).to_numpy())
    hashes = pd.util.hash_pandas_object(test, index=False).to_numpy()
    return np.fromiter((h not in seen for h in hashes), dtype=bool, count=len(hashes))


def normal_expected(n_holdout: float, n_keptback: float) -> float:
    """P(|Z| < 1.96/√(1 + n_h/n_k)): a mean-like score, an exact 95% interval."""
    if not (n_holdout > 0 and n_keptback > 0):
        return math.nan
    return float(2 * stats.norm.cdf(Z95 / math.sqrt(1 + n_holdout / n_keptback)) - 1)


def weighted_scores(
    metric: str, y: np.ndarray, pred: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Return the ``metric`` score for each row of ``weights`` (counts of each of the rows).

    ``y`` is the truth (for roc_auc: True for the positive class), ``pred`` the prediction
    (for roc_auc: the positive class's probability). A resample is a row of counts, so one
    matrix product scores all of them; a test checks each against scikit-learn on the rows
    repeated.
    """
    w = np.atleast_2d(np.asarray(weights, dtype=np.float32))
    if metric == "r2":
        y, pred = np.asarray(y, dtype=float), np.asarray(pred, dtype=float)
        total = w.sum(axis=1)
        mean = (w @ y) / total
        tot = w @ (y * y) - total * mean * mean
        res = w @ ((y - pred) ** 2)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(tot > 1e-12 * np.maximum(total, 1), 1 - res / tot, np.nan)
    if metric == "balanced_accuracy":
        y, pred = np.asarray(y), np.asarray(pred)
        recalls = []
        for label in np.unique(y):
            mine = y == label
            count = w @ mine
            with np.errstate(divide="ignore", invalid="ignore"):
                recalls.append(np.where(count > 0, (w @ (mine & (pred == label))) / count, np.nan))
        return np.nanmean(np.vstack(recalls), axis=0)
    if metric == "roc_auc":
        return _weighted_auc(np.asarray(y, dtype=bool), np.asarray(pred, dtype=float), w)
    raise ValueError(f"no weighted score for metric {metric!r}")


def _weighted_auc(positive: np.ndarray, p: np.ndarray, w: np.ndarray) -> np.ndarray:
    """ROC AUC per row of weights: Mann-Whitney over groups of tied scores, ties one half."""
    if np.any(p[1:] < p[:-1]):  # simulated_expected sorts once, not once per repetition
        order = np.argsort(p, kind="stable")
        p, positive, w = p[order], positive[order], w[:, order]
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
    pos = np.add.reduceat(w * positive, starts, axis=1)  # positives' weight per tie group
    neg = np.add.reduceat(w * ~positive, starts, axis=1)
    below = np.cumsum(neg, axis=1) - neg  # negatives' weight under each group
    n_pos, n_neg = pos.sum(axis=1), neg.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        auc = (pos * (below + 0.5 * neg)).sum(axis=1) / (n_pos * n_neg)
    return np.where((n_pos > 0) & (n_neg > 0), auc, np.nan)


def _draw(rng: np.random.Generator, n: int, classes: np.ndarray | None, size: int) -> np.ndarray:
    """Indices of ``size`` of ``n`` rows drawn with replacement, by class when ``classes``
    (one label per row) is given: each class keeps its share, as in a stratified split."""
    if classes is None:
        return rng.integers(0, n, size)
    labels, counts = np.unique(classes, return_counts=True)
    takes = np.maximum(1, np.round(size * counts / n).astype(int))
    parts = [
        np.flatnonzero(classes == label)[rng.integers(0, count, take)]
        for label, count, take in zip(labels, counts, takes, strict=True)
    ]
    return np.concatenate(parts)


def _counts(index: np.ndarray, n: int) -> np.ndarray:
    """Rows of counts (length ``n``) from rows of drawn indices."""
    index = np.atleast_2d(index)
    offset = (np.arange(len(index)) * n)[:, None]
    return np.bincount((index + offset).ravel(), minlength=len(index) * n).reshape(len(index), n)


class Simulation(NamedTuple):
    """Simulated coverage of one interval method on one table's predictions."""

    kept_back: float  # share of draws whose kept-back score lies inside the interval
    true_score: float  # share whose interval holds the true score: 95% if the method is right


def simulate(
    metric: str,
    y: np.ndarray,
    pred: np.ndarray,
    n_holdout: int,
    n_keptback: int,
    *,
    reps: int = REPS,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> Simulation:
    """Draw (holdout, kept-back) pairs from the rows (``y``, ``pred``); give each holdout
    diveml's 95% percentile bootstrap interval; count how often it holds the kept-back
    draw's score, and how often the true score (the score of all the rows).

    NaN when the table is too big for the simulation (:data:`MAX_CELLS`) or too small to
    draw from.
    """
    n = len(y)
    if n < 2 or n_holdout < 2 or n_keptback < 1 or n_holdout * resamples > MAX_CELLS:
        return Simulation(math.nan, math.nan)
    if metric == "roc_auc":
        order = np.argsort(np.asarray(pred, dtype=float), kind="stable")
        y, pred = np.asarray(y)[order], np.asarray(pred, dtype=float)[order]
    classes = None if metric == "r2" else np.asarray(y)
    truth = weighted_scores(metric, y, pred, np.ones(n))[0]
    rng = np.random.default_rng(seed)
    covered = held = tried = 0
    for _ in range(reps):
        # sorted, so a sorted population stays sorted (roc_auc sorts it once, above)
        holdout = np.sort(_draw(rng, n, classes, n_holdout))
        m = len(holdout)
        inner = _counts(rng.integers(0, m, (resamples, m)), m)  # diveml's resamples: rows
        values = weighted_scores(metric, y[holdout], pred[holdout], inner)
        values = values[np.isfinite(values)]
        kept = weighted_scores(metric, y, pred, _counts(_draw(rng, n, classes, n_keptback), n))[0]
        if len(values) < resamples / 2 or not math.isfinite(kept):
            continue
        low, high = np.percentile(values, [2.5, 97.5])
        tried += 1
        covered += bool(low <= kept <= high)
        held += bool(low <= truth <= high)
    if not tried:
        return Simulation(math.nan, math.nan)
    return Simulation(covered / tried, held / tried)


def simulated_expected(
    metric: str, y: np.ndarray, pred: np.ndarray, n_holdout: int, n_keptback: int, **how: int
) -> float:
    """The kept-back coverage of :func:`simulate`: what to expect on this table."""
    return simulate(metric, y, pred, n_holdout, n_keptback, **how).kept_back


def bootstrap_se(metric: str, y: np.ndarray, pred: np.ndarray, seed: int = 0) -> float:
    """The bootstrap standard error of the score of the rows (``y``, ``pred``)."""
    n = len(y)
    if n < 2:
        return math.nan
    resamples = int(max(50, min(RESAMPLES, MAX_CELLS // n)))
    rng = np.random.default_rng(seed)
    values = weighted_scores(metric, y, pred, _counts(rng.integers(0, n, (resamples, n)), n))
    values = values[np.isfinite(values)]
    return float(np.std(values, ddof=1)) if len(values) > 1 else math.nan


def outside_widths(value: float, low: float, high: float) -> float:
    """How far ``value`` lies outside [low, high], in interval widths (0 inside; signed:
    negative below the interval, positive above)."""
    width = high - low
    if not (math.isfinite(value) and math.isfinite(width)) or width <= 0:
        return math.nan
    if value < low:
        return (value - low) / width
    if value > high:
        return (value - high) / width
    return 0.0


def chance_at_most(covered: int, probabilities: Sequence[float]) -> float:
    """P(at most ``covered`` successes) of independent trials with these probabilities."""
    dist = np.zeros(len(probabilities) + 1)
    dist[0] = 1.0
    for p in probabilities:
        dist[1:] = dist[1:] * (1 - p) + dist[:-1] * p
        dist[0] *= 1 - p
    return float(dist[: covered + 1].sum())


# diveml's default holdout share of the training part (src/diveml/study/_options.py): the
# holdout's size for rows recorded before runs.csv had holdout_rows.
HOLDOUT_SHARE = 0.2


def table(rows: pd.DataFrame) -> pd.DataFrame:
    """Per diveml row of runs.csv: its interval against the kept-back scores, and the
    coverage to expect (simulated when the row has it, else :func:`normal_expected`).

    ``outside (widths)``: how far the kept-back score lies outside the interval, in interval
    widths; ``z``: (kept-back − holdout) / √(se_h² + se_k²), se_h = width / 3.92 and se_k the
    kept-back score's bootstrap standard error (se_h·√(n_h/n_k) where the row lacks it).
    """
    rows = rows.reindex(columns=[*rows.columns, *(c for c in _ADDED if c not in rows.columns)])
    n_h = rows["holdout_rows"].fillna((rows["train_rows"] * HOLDOUT_SHARE).round())
    n_k = rows["test_rows"].astype(float)
    se_h = (rows["ci_high"] - rows["ci_low"]) / (2 * Z95)
    se_k = rows["kept_back_se"].fillna(se_h * np.sqrt(n_h / n_k))
    normal = [normal_expected(h, k) for h, k in zip(n_h, n_k, strict=True)]
    normal_new = [normal_expected(h, k) for h, k in zip(n_h, rows["new_rows"], strict=True)]
    frame = pd.DataFrame(
        {
            "dataset": rows["dataset"],
            "metric": rows["metric"],
            "holdout rows": n_h,
            "kept-back rows": n_k,
            "ci_low": rows["ci_low"],
            "ci_high": rows["ci_high"],
            "kept_back": rows["kept_back"],
            "covers": rows["ci_covers"].map(truth),
            "outside (widths)": [
                outside_widths(v, lo, hi)
                for v, lo, hi in zip(
                    rows["kept_back"], rows["ci_low"], rows["ci_high"], strict=True
                )
            ],
            "z": (rows["kept_back"] - rows["holdout_score"]) / np.sqrt(se_h**2 + se_k**2),
            "expected (normal)": normal,
            "expected (simulated)": rows["expected_cover"],
            "interval holds true score (simulated)": rows["interval_cover"],
            "new rows": rows["new_rows"],
            "kept_back_new": rows["kept_back_new"],
            "covers new": rows["ci_covers_new"].map(truth),
            "expected new": rows["expected_cover_new"].fillna(pd.Series(normal_new, rows.index)),
        }
    )
    frame["expected"] = frame["expected (simulated)"].fillna(frame["expected (normal)"])
    enough = frame["new rows"] >= MIN_NEW_ROWS
    for column in ("covers new", "expected new"):
        frame[column] = frame[column].astype(object).where(enough, None)
    for column in ("holdout rows", "kept-back rows", "new rows"):
        frame[column] = frame[column].map(lambda v: "–" if pd.isna(v) else f"{int(v):,}")
    return frame.reset_index(drop=True)


_ADDED = ["holdout_rows", "new_rows", "kept_back_new", "ci_covers_new", "kept_back_se"]
_ADDED += ["expected_cover", "expected_cover_new", "interval_cover"]


def truth(value: object) -> object:
    """runs.csv's True / False (read as text or bool) as a bool; None when empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value).strip().lower() == "true"


def lines(frame: pd.DataFrame, target: float = 0.9) -> list[str]:
    """The coverage headline: observed against expected, plain and copy-free."""
    out = []
    for label, covers, expected in (
        ("the kept-back score", "covers", "expected"),
        (
            f"the copy-free kept-back score (tables with ≥ {MIN_NEW_ROWS} kept-back rows "
            "that have no exact copy in the training part)",
            "covers new",
            "expected new",
        ),
    ):
        rows = frame[frame[covers].notna() & frame[expected].notna()]
        if rows.empty:
            continue
        hit = int(rows[covers].astype(bool).sum())
        n, share = len(rows), rows[covers].astype(bool).mean()
        p = rows[expected].astype(float)
        chance = chance_at_most(hit, p.to_list())
        misses = rows.loc[~rows[covers].astype(bool), "dataset"].to_list()
        reach = 1 - chance_at_most(math.ceil(target * n) - 1, p.to_list())
        out.append(
            f"- CI coverage of {label}: diveml's 95% CI contains it on {hit} of {n} tables "
            f"({share:.0%}; target ≥ {target:.0%}: {'meets' if share >= target else 'misses'}). "
            f"Expected even of intervals that do their job, as both the holdout and the "
            f"kept-back part are samples (per table, from its sizes and predictions: the "
            f"section below): {p.sum():.1f} of {n} ({p.mean():.0%}); the chance of {hit} or "
            f"fewer covered by sampling alone is {chance:.2f}, and of reaching the target "
            f"{reach:.2f}" + (f". Missed: {', '.join(misses)}." if misses else ".")
        )
    z = frame["z"].dropna().astype(float)
    if len(z):
        inside = int((z.abs() <= Z95).sum())
        chance = chance_at_most(inside, [0.95] * len(z))
        far = ", ".join(
            f"{t} ({v:+.1f})"
            for t, v in zip(frame.loc[z.index, "dataset"], z, strict=True)
            if abs(v) > Z95
        )
        out.append(
            f"- The kept-back score within holdout ± 1.96·√(se_holdout² + se_kept-back²), an "
            f"interval for the kept-back score itself that holds it 95% of the time when "
            f"diveml's interval is right: {inside} of {len(z)} tables ({inside / len(z):.0%}); "
            f"the chance of {inside} or fewer is {chance:.2f}"
            + (f". Outside (z): {far}." if far else ".")
        )
    return out

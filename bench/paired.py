"""Paired comparisons over tables, for bench/report.py: diveml against each contender, and
diveml's rows of one run against its rows of the run before.

Every figure is computed here from bench/results/runs.csv (the rows report.py passes in);
nothing is typed by hand. A *paired difference* is diveml's kept-back score minus the other's
on the same table (same split, same kept-back rows). Over tables it is summarised by

- the mean, with a 95% percentile bootstrap interval over tables (10,000 resamples of the
  tables, seeded: the same rows give the same interval);
- the median;
- wins / ties / losses at ±0.005 (the tie band report.py's summary uses);
- an exact two-sided sign test on wins against losses (ties left out): the chance of a split
  at least this uneven if neither tool were better on a table.

The scores are of different metrics (ROC AUC, balanced accuracy, r2) on different tables, so
a mean difference is a rough summary; the per-table rows are the evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

TIE = 0.005
RESAMPLES = 10_000
SEED = 0
# Whom diveml is paired with, in the order the section lists them.
OTHERS = [
    "flaml_120",
    "autogluon_120",
    "sklearn_hgb",
    "flaml_30",
    "skrub",
    "sklearn_linear",
    "lazypredict",
    "pycaret",
]


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact binomial p-value of ``wins`` against ``losses`` under p = 1/2."""
    n = wins + losses
    if n == 0:
        return 1.0
    k = min(wins, losses)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def bootstrap_mean(values: Sequence[float]) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (resampling the values)."""
    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(SEED)
    means = data[rng.integers(0, len(data), (RESAMPLES, len(data)))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return float(low), float(high)


def describe(diff: pd.Series) -> dict[str, object]:
    """The summary of one series of paired differences (index: tables)."""
    wins, losses = int((diff > TIE).sum()), int((diff < -TIE).sum())
    ties = len(diff) - wins - losses
    low, high = bootstrap_mean(diff.to_list()) if len(diff) > 1 else (math.nan, math.nan)
    return {
        "tables": len(diff),
        "mean diff": float(diff.mean()),
        "95% CI of mean (bootstrap over tables)": f"{low:+.4f} to {high:+.4f}",
        "median diff": float(diff.median()),
        "wins / ties / losses (±0.005)": f"{wins} / {ties} / {losses}",
        "sign test p": sign_test(wins, losses),
    }


def _by_table(ok: pd.DataFrame, contender: str, tables: Sequence[str]) -> pd.DataFrame:
    rows = ok[(ok["contender"] == contender) & ok["dataset"].isin(tables)]
    return rows.set_index("dataset")


def differences(ok: pd.DataFrame, other: str, tables: Sequence[str]) -> pd.Series:
    """diveml's kept-back score minus ``other``'s, per table both completed."""
    mine, theirs = _by_table(ok, "diveml", tables), _by_table(ok, other, tables)
    both = [t for t in tables if t in mine.index and t in theirs.index]
    return (mine.loc[both, "kept_back"] - theirs.loc[both, "kept_back"]).astype(float)


def against_contenders(ok: pd.DataFrame, tables: Sequence[str]) -> pd.DataFrame:
    """One row per contender: the paired differences diveml − contender over ``tables``."""
    rows = []
    for other in OTHERS:
        diff = differences(ok, other, tables)
        if len(diff):
            rows.append({"diveml − …": other, **describe(diff)})
    return pd.DataFrame(rows)


def per_table(ok: pd.DataFrame, tables: Sequence[str], others: Sequence[str]) -> pd.DataFrame:
    """Per table: diveml's kept-back score, each other's, and diveml − other."""
    mine = _by_table(ok, "diveml", tables)
    frame = pd.DataFrame(index=[t for t in tables if t in mine.index])
    frame["metric"] = mine.loc[frame.index, "metric"]
    frame["diveml"] = mine.loc[frame.index, "kept_back"].astype(float)
    for other in others:
        theirs = _by_table(ok, other, tables)["kept_back"].astype(float)
        frame[other] = theirs.reindex(frame.index)
        frame[f"diveml − {other}"] = frame["diveml"] - frame[other]
    return frame.rename_axis("dataset").reset_index()


def before_after(before: pd.DataFrame, after: pd.DataFrame, tables: Sequence[str]) -> pd.DataFrame:
    """diveml's row of each table in ``after`` beside its row in ``before``.

    noise = half the width of the new row's own 95% holdout interval: the uncertainty the
    study itself states for its score. A table is *worse beyond noise* when its kept-back
    score fell by more than that.
    """
    b, a = before.set_index("dataset"), after.set_index("dataset")
    both = [t for t in tables if t in b.index and t in a.index]
    frame = pd.DataFrame(index=both)
    frame["metric"] = a.loc[both, "metric"]
    frame["kept-back before"] = b.loc[both, "kept_back"].astype(float)
    frame["kept-back after"] = a.loc[both, "kept_back"].astype(float)
    frame["after − before"] = frame["kept-back after"] - frame["kept-back before"]
    frame["noise (½ CI after)"] = (a.loc[both, "ci_high"] - a.loc[both, "ci_low"]).astype(float) / 2
    frame["worse beyond noise"] = frame["after − before"] < -frame["noise (½ CI after)"]
    frame["|gap| before"] = b.loc[both, "gap"].astype(float).abs()
    frame["|gap| after"] = a.loc[both, "gap"].astype(float).abs()
    frame["CI covers before"] = b.loc[both, "ci_covers"].map(_truth)
    frame["CI covers after"] = a.loc[both, "ci_covers"].map(_truth)
    frame["CPU s before"] = b.loc[both, "cpu_s"].astype(float)
    frame["CPU s after"] = a.loc[both, "cpu_s"].astype(float)
    frame["model before"] = b.loc[both, "model"]
    frame["model after"] = a.loc[both, "model"]
    return frame.rename_axis("dataset").reset_index()


def _truth(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value).strip().lower() == "true"


def before_after_lines(frame: pd.DataFrame) -> list[str]:
    """The headline of :func:`before_after`: score, honesty gap, CI coverage, time."""
    if frame.empty:
        return ["No table has a diveml row both before and after the cut yet."]
    s = describe(frame.set_index("dataset")["after − before"])
    worse = frame.loc[frame["worse beyond noise"], "dataset"].to_list()
    covered_b = frame["CI covers before"].dropna()
    covered_a = frame["CI covers after"].dropna()
    cpu = frame["CPU s after"] / frame["CPU s before"]
    changed = frame.loc[frame["model before"] != frame["model after"], "dataset"].to_list()
    return [
        f"- Kept-back score, after − before, over {s['tables']} tables: mean "
        f"{s['mean diff']:+.4f} (95% CI {s['95% CI of mean (bootstrap over tables)']}), "
        f"median {s['median diff']:+.4f}; higher / same / lower (±{TIE}): "
        f"{s['wins / ties / losses (±0.005)']}; sign test p = {s['sign test p']:.3f}.",
        f"- Worse by more than the noise (half the new 95% holdout interval): "
        f"{len(worse)} of {len(frame)}" + (f" ({', '.join(worse)})." if worse else "."),
        f"- Chosen model changed on {len(changed)} of {len(frame)} tables"
        + (f" ({', '.join(changed)})." if changed else "."),
        f"- Honesty gap |CV mean − kept-back|: median {frame['|gap| before'].median():.4f} "
        f"before, {frame['|gap| after'].median():.4f} after.",
        f"- 95% holdout interval contains the kept-back score: {int(covered_b.sum())} of "
        f"{len(covered_b)} before, {int(covered_a.sum())} of {len(covered_a)} after.",
        f"- CPU seconds, after ÷ before: median {cpu.median():.2f} (range {cpu.min():.2f} to "
        f"{cpu.max():.2f}); the machine's load differed between the runs (runs.csv load_avg), "
        "CPU seconds are the comparable figure.",
    ]

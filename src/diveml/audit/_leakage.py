"""Leakage suspects: columns that give the answer away.

All checks run on one sample of rows (at most :data:`MAX_ROWS`, fewer on wide tables) and
use only numpy, vectorised over the columns, so they stay fast on wide tables:

1. **copy or transform**: the column is a relabelling of the classes, or a monotone
   transform of a numeric target (rank correlation ~1);
2. **alone predicts**: one column on its own predicts the target almost perfectly, judged
   out of sample in two ways: leave-one-out nearest neighbours along the column's values
   (catches thresholds, monotone and non-monotone transforms, noisy copies), and a
   leave-one-out lookup of the typical target of each value among the other rows (catches
   codes and categories; by 3 folds of whole groups when ``group`` is given);
3. **formula** (regression): the target is an exact linear formula of 2 or 3 numeric
   columns (``margin_actual = cand1_actual - cand2_actual``). Which column of a formula is
   the leak cannot be told from the numbers, so the fewest columns that break every
   formula are left out, and the finding names the others.

Rejected alternative: a cross-validated decision tree per column (scikit-learn). It is the
obvious model, but fitting 3 trees per column cost about 20 ms a column on the reference
machine, too slow for the audit's budget on 50 columns and hopeless on 10,000.
Nor is there a time limit: the work is capped by rows, cells and column counts instead, so
the same table and seed always give the same findings, however busy the machine is.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from diveml.audit._context import AuditContext
from diveml.audit._types import parse_dates
from diveml.exceptions import option

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_leakage"]

MAX_ROWS = 20_000
MAX_CELLS = 2_000_000
MIN_ROWS = 500
FOLDS = 3
MAX_LOOKUP_COLUMNS = 300
# Out-of-sample score of one column alone above which it is a leakage suspect (error), and
# above which it is worth a note (info). Balanced accuracy for classes, R² for numbers.
LEAK_SCORE = {"classification": 0.99, "regression": 0.98}
STRONG_SCORE = {"classification": 0.95, "regression": 0.90}
COPY_CORRELATION = 0.999
FORMULA_R2 = 0.9999
MAX_FORMULA_COLUMNS = 30
MAX_FORMULAS = 5
# "Rows sharing a value share the target": agreement needed, share of rows whose value
# repeats, and how many distinct repeated values (a yes/no column is no grouping).
SHARED_AGREEMENT = 0.99
SHARED_ROWS = 0.3
MIN_SHARED_VALUES = 10
FORMULA_ROWS = 5000
NEIGHBOUR_ROWS = 5000


def _numeric_values(series: pd.Series, kind: str) -> np.ndarray | None:
    """Return the column as floats (dates as nanoseconds), or None for text and categories."""
    from pandas.api import types

    if kind in {"numeric", "boolean"} and (
        types.is_numeric_dtype(series.dtype) or types.is_bool_dtype(series.dtype)
    ):
        values = np.array(series.to_numpy(dtype=float, na_value=np.nan), dtype=float)
        values[~np.isfinite(values)] = np.nan
        return values
    if kind == "datetime":
        if not types.is_datetime64_any_dtype(series.dtype):
            series = parse_dates(series.astype(str))
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        stamps = series.to_numpy(dtype="datetime64[ns]")
        values = stamps.astype("int64").astype(float)
        values[np.isnat(stamps)] = np.nan
        return values
    return None


def _numeric_block(
    sample: pd.DataFrame, columns: list[str], ctx: AuditContext
) -> dict[str, np.ndarray]:
    """Every numeric, boolean and date column of ``sample`` as floats, plain ones in one go."""
    plain = [c for c in columns if c in ctx.plain_numeric]
    values: dict[str, np.ndarray] = {}
    if plain:
        block = np.array(sample[plain].to_numpy(dtype=float, na_value=np.nan), dtype=float)
        block[~np.isfinite(block)] = np.nan
        values = {name: block[:, j] for j, name in enumerate(plain)}
    for name in columns:
        if name not in values:
            column = _numeric_values(sample[name], ctx.types[name])
            if column is not None:
                values[name] = column
    return {name: values[name] for name in columns if name in values}


def _codes(series: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes of the values, missing as its own code; and the number of codes."""
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    return codes.astype(np.int64), len(uniques) + 1


class _Target:
    """The target on the sample, its folds, and vectorised scores of predictions."""

    def __init__(
        self, y: pd.Series, classification: bool, groups: pd.Series | None, seed: int
    ) -> None:
        self.classification = classification
        self.seed = seed
        self.grouped = groups is not None
        self.group_codes = _codes(groups)[0] if groups is not None else None
        rng = np.random.default_rng(seed)
        n = len(y)
        if classification:
            self.y, _ = _codes(y)
            self.classes = int(self.y.max()) + 1
            self.counts = np.bincount(self.y, minlength=self.classes)
        else:
            self.y = y.to_numpy(dtype=float)
        if groups is not None:
            # Rows of one group share a fold, as they will in the study's grouped split.
            group_codes, size = _codes(groups)
            self.folds = rng.permutation(size)[group_codes] % FOLDS
        elif classification:
            order = rng.permutation(n)
            self.folds = np.empty(n, dtype=np.int64)
            for label in range(self.classes):
                members = order[self.y[order] == label]
                self.folds[members] = np.arange(len(members)) % FOLDS
        else:
            self.folds = rng.permutation(n) % FOLDS

    def head(self, rows: int) -> _Target:
        """The same target restricted to its first ``rows`` rows (the sample is random)."""
        clone = object.__new__(_Target)
        clone.__dict__.update(self.__dict__)
        clone.y = self.y[:rows]
        clone.folds = self.folds[:rows]
        if self.group_codes is not None:
            clone.group_codes = self.group_codes[:rows]
        if self.classification:
            clone.counts = np.bincount(clone.y, minlength=self.classes)
        return clone

    def scores(self, predicted: np.ndarray) -> np.ndarray:
        """Score each column of ``predicted`` (rows x columns) against the target."""
        if self.classification:
            correct = (predicted == self.y[:, None]).astype(np.float32)
            onehot = np.zeros((len(self.y), self.classes), dtype=np.float32)
            onehot[np.arange(len(self.y)), self.y] = 1.0
            hits = onehot.T @ correct
            present = self.counts > 0
            return np.asarray((hits[present] / self.counts[present, None]).mean(axis=0))
        total = float(np.sum((self.y - self.y.mean()) ** 2))
        if total == 0:
            return np.zeros(predicted.shape[1])
        residual = ((self.y[:, None] - predicted) ** 2).sum(axis=0)
        return np.nan_to_num(1.0 - residual / total, nan=0.0, posinf=0.0, neginf=0.0)

    def neighbours(self, block: np.ndarray) -> np.ndarray:
        """Leave-one-out prediction from the 4 nearest rows along each column's values."""
        n, width = block.shape
        # Ties are broken in a random order: in file order, rows sorted by the target
        # would make tied neighbours agree by accident. Missing values sort last.
        shuffle = np.random.default_rng(self.seed).permutation(n)
        order = shuffle[np.argsort(block[shuffle], axis=0, kind="stable")]
        # Two rows of padding above and below stand for "no neighbour there".
        if self.classification:
            labels = self.y.astype(np.int32)
            padded = np.full((n + 4, width), -1, dtype=np.int32)
        else:
            labels = self.y
            padded = np.full((n + 4, width), np.nan)
        padded[2:-2] = labels[order]
        # Nearest first, so a tied vote goes to the closest neighbour.
        offsets = (-1, 1, -2, 2)
        shifted = [padded[2 + offset : 2 + offset + n] for offset in offsets]
        if self.group_codes is not None:
            # With a group column, a row's neighbours from its own group do not count: the study
            # never has a group on both sides of a split.
            groups = np.full((n + 4, width), -1, dtype=np.int64)
            groups[2:-2] = self.group_codes[order]
            own = groups[2:-2]
            blank = -1 if self.classification else np.nan
            shifted = [
                np.where(groups[2 + offset : 2 + offset + n] == own, blank, s)
                for offset, s in zip(offsets, shifted, strict=True)
            ]
        if self.classification:
            votes = [(s >= 0).astype(np.int8) for s in shifted]
            for i in range(4):
                for j in range(i + 1, 4):
                    same = (shifted[i] == shifted[j]) & (shifted[i] >= 0)
                    votes[i] += same
                    votes[j] += same
            best = np.argmax(np.stack(votes), axis=0)
            predicted_sorted = np.take_along_axis(np.stack(shifted), best[None], axis=0)[0]
        else:
            stacked = np.stack(shifted)
            counted = (~np.isnan(stacked)).sum(axis=0)
            total = np.nansum(stacked, axis=0)
            predicted_sorted = np.where(
                counted > 0, total / np.maximum(counted, 1), float(self.y.mean())
            )
        predicted = np.empty_like(predicted_sorted)
        np.put_along_axis(predicted, order, predicted_sorted, axis=0)
        return predicted

    def lookup(self, codes: np.ndarray, size: int) -> float:
        """Predict each row by the typical target of its value among the other rows.

        Leave-one-out, so a value shared by only a few rows still counts; with ``group``,
        by folds of whole groups instead, as the study will split.
        """
        if self.grouped:
            return self._lookup_folds(codes, size)
        counts = np.bincount(codes, minlength=size)
        others = counts[codes] - 1
        if self.classification:
            table = np.bincount(codes * self.classes + self.y, minlength=size * self.classes)
            votes = table.reshape(size, self.classes)[codes]
            votes[np.arange(len(codes)), self.y] -= 1
            fallback = int(np.argmax(self.counts))
            predicted = np.where(others > 0, np.argmax(votes, axis=1), fallback)
        else:
            sums = np.bincount(codes, weights=self.y, minlength=size)
            with np.errstate(invalid="ignore", divide="ignore"):
                predicted = np.where(
                    others > 0, (sums[codes] - self.y) / np.maximum(others, 1), self.y.mean()
                )
        return float(self.scores(predicted[:, None])[0])

    def shared(self, codes: np.ndarray, size: int) -> tuple[float, float, int]:
        """How much the target agrees within rows sharing a value: (agreement, share, values).

        Agreement is 1 - within-value variance / variance for numbers, and the share of rows
        in their value's majority class for classes; only values with 2+ rows count.
        """
        counts = np.bincount(codes, minlength=size)
        repeated = counts[codes] >= 2
        if repeated.sum() < 10:
            return 0.0, 0.0, 0
        c, y = codes[repeated], self.y[repeated]
        if self.classification:
            table = np.bincount(c * self.classes + y, minlength=size * self.classes)
            majority = table.reshape(size, self.classes).max(axis=1)
            agreement = float(majority[np.unique(c)].sum() / len(c))
        else:
            total = float(np.sum((y - y.mean()) ** 2))
            sums = np.bincount(c, weights=y, minlength=size)
            means = sums / np.maximum(counts, 1)
            within = float(np.sum((y - means[c]) ** 2))
            agreement = 1.0 - within / total if total > 0 else 0.0
        return agreement, float(repeated.mean()), int((counts >= 2).sum())

    def _lookup_folds(self, codes: np.ndarray, size: int) -> float:
        predicted = np.zeros(len(codes), dtype=self.y.dtype)
        for k in range(FOLDS):
            train, test = self.folds != k, self.folds == k
            if not test.any() or not train.any():
                continue
            seen = np.bincount(codes[train], minlength=size)
            if self.classification:
                table = np.bincount(
                    codes[train] * self.classes + self.y[train], minlength=size * self.classes
                ).reshape(size, self.classes)
                fallback: float = int(np.argmax(np.bincount(self.y[train], minlength=self.classes)))
                guess = np.argmax(table, axis=1)
            else:
                sums = np.bincount(codes[train], weights=self.y[train], minlength=size)
                fallback = float(self.y[train].mean())
                with np.errstate(invalid="ignore", divide="ignore"):
                    guess = sums / seen
            test_codes = codes[test]
            predicted[test] = np.where(seen[test_codes] > 0, guess[test_codes], fallback)
        return float(self.scores(predicted[:, None])[0])


def _ranks(values: np.ndarray) -> np.ndarray:
    """Average ranks of a 1-D array (ties share their mean rank), in numpy alone.

    scipy.stats.rankdata would do, but importing scipy.stats costs seconds on a cold start,
    more than the whole audit.
    """
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    return np.asarray(((ends - counts + 1 + ends) / 2.0)[inverse.ravel()])


def _spearman(block: np.ndarray, y: np.ndarray) -> np.ndarray:
    """|Rank correlation| of each column with ``y``, on the rows where the column has a value."""
    out = np.zeros(block.shape[1])
    y_ranks = _ranks(y)
    for j in range(block.shape[1]):
        present = ~np.isnan(block[:, j])
        if present.sum() < 10:
            continue
        a = _ranks(block[present, j])
        b = y_ranks if present.all() else _ranks(y[present])
        a -= a.mean()
        b = b - b.mean()
        denominator = np.sqrt((a**2).sum() * (b**2).sum())
        out[j] = abs(float(a @ b)) / denominator if denominator > 0 else 0.0
    return out


def _sample_rows(ctx: AuditContext, columns: int) -> np.ndarray:
    present = np.flatnonzero(ctx.frame[ctx.target].notna().to_numpy())
    cap = int(min(MAX_ROWS, max(MIN_ROWS, MAX_CELLS // max(columns, 1))))
    if len(present) <= cap:
        return present
    rng = np.random.default_rng(ctx.seed)
    return np.sort(rng.choice(present, cap, replace=False))


def check_leakage(ctx: AuditContext) -> None:
    """Flag columns that give the target away; they are excluded unless kept."""
    # Extreme values (1e308) overflow squares and products; such a column just scores
    # nothing, which is the right outcome, so the warnings would only be noise.
    with np.errstate(all="ignore"):
        _check_leakage(ctx)


def _check_leakage(ctx: AuditContext) -> None:
    classification = ctx.task != "regression"
    columns = [c for c in ctx.candidates() if c not in (ctx.group, ctx.time)]
    if not columns:
        return
    index = _sample_rows(ctx, len(columns))
    if len(index) < 4 * FOLDS:
        return
    sample = ctx.frame.iloc[index]
    groups = sample[ctx.group] if ctx.group is not None else None
    target = _Target(sample[ctx.target], classification, groups, ctx.seed)
    numeric = _numeric_block(sample, columns, ctx)
    numeric = {c: v for c, v in numeric.items() if np.isfinite(v).sum() >= 2 * FOLDS}

    # 1. copies and transforms.
    flagged = _flag_copies(ctx, sample, columns, numeric, target)
    # 2a. nearest neighbours along each numeric column, all columns at once.
    best = _neighbour_scores(numeric, flagged, sample, target)
    # 2b. per-value lookup for columns whose values repeat.
    shared, partial = _lookup_scores(ctx, sample, columns, flagged, target, best)
    _report_scores(ctx, columns, flagged, best, limit=len(sample) // 2)

    # 2c. rows that share a value share the target: repeated records of one case.
    _report_shared(ctx, {c: v for c, v in shared.items() if c not in flagged}, len(sample))

    # 3. columns derived from the target by a formula with other columns.
    if not classification:
        _check_formulas(
            ctx,
            {c: v for c, v in numeric.items() if c not in flagged},
            target.y,
            {c: v[0] for c, v in best.items()},
        )

    if partial:
        ctx.add(
            "leakage_check_partial",
            "info",
            None,
            f"The leakage check did not look at every column: {partial}.",
            "Drop columns you know are irrelevant, so every remaining one is checked.",
        )


def _flag_copies(
    ctx: AuditContext,
    sample: pd.DataFrame,
    columns: list[str],
    numeric: dict[str, np.ndarray],
    target: _Target,
) -> set[str]:
    """Report the columns that copy the target (or rank like it); return their names."""
    flagged: set[str] = set()
    if not target.classification and numeric:
        names = list(numeric)
        rows = NEIGHBOUR_ROWS
        correlation = _spearman(
            np.column_stack([numeric[c][:rows] for c in names]), target.y[:rows]
        )
        for name, value in zip(names, correlation, strict=True):
            if value >= COPY_CORRELATION:
                _report_copy(ctx, name, f"its rank correlation with the target is {value:.4f}")
                flagged.add(name)
    if target.classification:
        for name in columns:
            mostly_missing = ctx.missing.get(name, 0) > 0.5 * len(ctx.frame)
            if ctx.unique.get(name, 0) != target.classes or mostly_missing:
                continue
            pairs = sample[[name, ctx.target]].dropna().drop_duplicates()
            if len(pairs) == target.classes and pairs[name].nunique() == target.classes:
                shown = ", ".join(f"{a!s} → {b!s}" for a, b in pairs.to_numpy()[:4])
                _report_copy(ctx, name, f"its values map one-to-one onto the classes ({shown})")
                flagged.add(name)
    return flagged


def _neighbour_scores(
    numeric: dict[str, np.ndarray], flagged: set[str], sample: pd.DataFrame, target: _Target
) -> dict[str, tuple[float, str, int]]:
    """Per numeric column: the out-of-sample score of predicting from the nearest values."""
    best: dict[str, tuple[float, str, int]] = {}
    names = [c for c in numeric if c not in flagged]
    if names:
        # The neighbour check needs fewer rows than the lookup, and sorts every column.
        block = np.column_stack([numeric[c][:NEIGHBOUR_ROWS] for c in names])
        small = target if len(sample) <= NEIGHBOUR_ROWS else target.head(NEIGHBOUR_ROWS)
        scores = small.scores(small.neighbours(block))
        for name, score in zip(names, scores, strict=True):
            best[name] = (
                float(score),
                "the targets of the rows with the nearest values",
                len(small.y),
            )
    return best


def _lookup_scores(
    ctx: AuditContext,
    sample: pd.DataFrame,
    columns: list[str],
    flagged: set[str],
    target: _Target,
    best: dict[str, tuple[float, str, int]],
) -> tuple[dict[str, tuple[float, float, int]], str]:
    """Score each column whose values repeat by the typical target of each value, into
    ``best`` where that beats the neighbours; return how rows sharing a value share the
    target, and what was left out when there were too many such columns."""
    limit = len(sample) // 2
    lookups = [c for c in columns if c not in flagged and 1 < ctx.unique.get(c, 0) <= limit]
    partial = ""
    if len(lookups) > MAX_LOOKUP_COLUMNS:
        lookups.sort(key=lambda c: -best.get(c, (1.0, "", 0))[0])
        partial = (
            f"only {MAX_LOOKUP_COLUMNS} of {len(lookups)} columns with repeated values were "
            "checked value by value"
        )
        lookups = lookups[:MAX_LOOKUP_COLUMNS]
    shared: dict[str, tuple[float, float, int]] = {}
    for name in lookups:
        codes, size = _codes(sample[name])
        score = target.lookup(codes, size)
        if score > best.get(name, (-np.inf, "", 0))[0]:
            best[name] = (score, "the typical target of each of its values", len(sample))
        if ctx.group is None and ctx.unique.get(name, 0) >= MIN_SHARED_VALUES:
            shared[name] = target.shared(codes, size)
    return shared, partial


def _report_scores(
    ctx: AuditContext,
    columns: list[str],
    flagged: set[str],
    best: dict[str, tuple[float, str, int]],
    *,
    limit: int,
) -> None:
    """Report the columns that predict the target too well alone (adding them to
    ``flagged``), and note the strong ones."""
    classification = ctx.task != "regression"
    family = "classification" if classification else "regression"
    metric = "balanced accuracy" if classification else "R²"
    for name in columns:
        if name in flagged or name not in best:
            continue
        score, how, rows = best[name]
        if score >= LEAK_SCORE[family]:
            repeated = how.startswith("the typical") or ctx.unique.get(name, 0) <= limit
            _report_predictive(ctx, name, score, metric, how, rows, repeated)
            flagged.add(name)
        elif score >= STRONG_SCORE[family]:
            ctx.add(
                "strong_predictor",
                "info",
                name,
                f"Column {name!r} alone reaches {metric} {score:.3f} (out of sample, on "
                f"{rows} rows, predicting from {how}).",
                f"Make sure {name!r} is known at the time you will predict, not recorded "
                "after the outcome.",
            )


def _report_shared(
    ctx: AuditContext, shared: dict[str, tuple[float, float, int]], rows: int
) -> None:
    """Warn when rows sharing a value of a column (almost) always share the target."""
    for name, (agreement, share, values) in shared.items():
        if agreement < SHARED_AGREEMENT or share < SHARED_ROWS or values < MIN_SHARED_VALUES:
            continue
        ctx.add(
            "grouped_rows",
            "warning",
            name,
            f"Rows that share a value of {name!r} share the target {ctx.target!r} "
            f"({100 * agreement:.1f}% agreement over the {100 * share:.0f}% of {rows} rows "
            f"whose value repeats, {values} values). They look like repeated records of one "
            "case: with a random split, a case can be on both sides, and the holdout score "
            "then measures recall of known cases, not prediction of new ones.",
            f"Pass {option('group', name)} so that all rows of a case land on the same side of every split.",
        )


def _report_copy(ctx: AuditContext, column: str, evidence: str) -> None:
    ctx.add(
        "leakage_copy",
        "error",
        column,
        f"Column {column!r} is a copy or a transform of the target {ctx.target!r}: {evidence}. "
        "A model would be handed the answer, so it is left out.",
        f"If {column!r} is really known before the outcome, pass {option('keep', [column])}; otherwise "
        "remove it from the data you give to models.",
        exclude="copy or transform of the target (leakage)",
    )


def _report_predictive(
    ctx: AuditContext,
    column: str,
    score: float,
    metric: str,
    how: str,
    rows: int,
    repeated: bool,
) -> None:
    group = (
        f" If rows sharing a value of {column!r} are repeated records of one case, pass "
        f"{option('group', column)} so no case is on both sides of the split."
        if repeated and ctx.group is None
        else ""
    )
    ctx.add(
        "leakage_predictor",
        "error",
        column,
        f"Column {column!r} alone predicts the target {ctx.target!r} almost perfectly "
        f"({metric} {score:.3f} out of sample on {rows} rows, predicting from {how}). A "
        "column this good is usually recorded after, or computed from, the outcome "
        "(leakage), so it is left out.",
        f"If {column!r} is known before the outcome and really that predictive, pass "
        f"{option('keep', [column])}.{group}",
        exclude="predicts the target almost perfectly on its own (leakage suspect)",
    )


def _format_formula(target: str, names: list[str], x: np.ndarray, y: np.ndarray) -> str:
    design = np.column_stack([x, np.ones(len(x))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    terms = []
    for name, value in zip(names, coef[:-1], strict=True):
        sign = "-" if value < 0 else "+"
        terms.append(f"{sign} {abs(value):.3g}·{name}")
    if abs(coef[-1]) > 1e-6 * max(1.0, float(np.abs(y).max())):
        terms.append(f"{'-' if coef[-1] < 0 else '+'} {abs(coef[-1]):.3g}")
    text = " ".join(terms)
    return f"{target} = {text[2:] if text.startswith('+ ') else text}"


def _check_formulas(
    ctx: AuditContext,
    numeric: dict[str, np.ndarray],
    y: np.ndarray,
    strength: dict[str, float],
) -> None:
    """Leave out the fewest columns that break every exact formula for the target.

    Such a formula (``margin_actual = cand1_actual - cand2_actual``) means some column was
    recorded after, or computed from, the outcome. Which one cannot be told from the numbers
    (a formula is symmetric: ``a = margin + b`` too). Leaving them all out would throw away
    honest columns (a poll's own margin is in one such formula with its ``bias``), leaving
    them all in hands the model the answer; so the smallest set that breaks every formula
    found goes, and each finding names the formula and the columns that stay.
    """
    inputs = _formula_inputs(numeric, y)
    if inputs is None:
        return
    names, x, target, corr, n_rows = inputs
    with_target = corr[:-1, -1]
    found = _small_formulas(corr)
    # Leave out the fewest columns that break every formula (greedy: the column in most
    # formulas, ties to the one most predictive alone, the likelier outcome record).
    remaining, removed = list(found), []
    while remaining:
        counts = Counter(i for f in remaining for i in f)
        pick = max(counts, key=lambda i: (counts[i], strength.get(names[i], 0.0), names[i]))
        removed.append(pick)
        remaining = [f for f in remaining if pick not in f]
    formulas = {
        subset: _format_formula(ctx.target, [names[i] for i in subset], x[:, list(subset)], target)
        for subset in found
    }
    for pick in removed:
        column = names[pick]
        own = [formulas[f] for f in found if pick in f]
        others = sorted({names[i] for f in found if pick in f for i in f} - {column})
        ctx.add(
            "leakage_formula",
            "error",
            column,
            f"Column {column!r} completes an exact formula for the target: "
            f"{'; '.join(own)} (on {n_rows} rows). One column of such a formula was "
            "recorded after, or computed from, the outcome. Which one cannot be told from the "
            f"numbers; {column!r} is left out as the fewest columns whose removal breaks every "
            f"formula found, and {', '.join(repr(o) for o in others)} "
            f"{'stays' if len(others) == 1 else 'stay'}.",
            f"If {column!r} is known before the outcome, pass {option('keep', [column])} and {option('drop', bare=True)} the "
            f"column of the formula that is not. If {', '.join(repr(o) for o in others)} "
            f"{'is' if len(others) == 1 else 'are'} recorded after the outcome as well, "
            f"{option('drop', bare=True)} {'it' if len(others) == 1 else 'them'} too.",
            exclude="completes an exact formula for the target (leakage suspect)",
        )
    kept = [i for i in range(len(names)) if i not in set(removed)]
    inner = corr[np.ix_(kept, kept)]
    if (
        float(with_target[kept] @ np.linalg.lstsq(inner, with_target[kept], rcond=None)[0])
        >= FORMULA_R2
    ):
        ctx.add(
            "leakage_formula",
            "error",
            None,
            (
                f"Even without {', '.join(repr(names[i]) for i in removed)}, the"
                if removed
                else "The"
            )
            + f" target {ctx.target!r} is an exact formula of 4 or more of the remaining "
            "numeric columns; some of them were probably computed from the outcome. Which "
            "ones cannot be told from the numbers, so none was left out for this.",
            f"Find the columns recorded after the outcome and {option('drop', bare=True)} them.",
        )


def _formula_inputs(
    numeric: dict[str, np.ndarray], y: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, int] | None:
    """The columns, rows and correlations a formula search looks at: names, their values,
    the target, the correlation matrix of both (target last), and the rows with every
    value; None when no exact formula can be claimed (too few columns or rows, extreme
    values, or no formula of all the columns together)."""
    names = [c for c, v in numeric.items() if np.isfinite(v).mean() >= 0.8 and np.nanstd(v) > 0]
    if len(names) < 2:
        return None
    block = np.column_stack([numeric[c] for c in names])
    rows = np.isfinite(block).all(axis=1)
    if rows.sum() < 50 or np.std(y[rows]) == 0:
        return None
    x, target = block[rows][:FORMULA_ROWS], y[rows][:FORMULA_ROWS]
    keep = x.std(axis=0) > 0
    names, x = [n for n, k in zip(names, keep, strict=True) if k], x[:, keep]
    corr = np.corrcoef(np.column_stack([x, target]), rowvar=False)
    with_target = corr[:-1, -1]
    if len(names) > MAX_FORMULA_COLUMNS:
        strongest = np.argsort(-np.abs(with_target))[:MAX_FORMULA_COLUMNS]
        names = [names[i] for i in sorted(strongest)]
        x = x[:, sorted(strongest)]
        corr = np.corrcoef(np.column_stack([x, target]), rowvar=False)
        with_target = corr[:-1, -1]
    if not np.isfinite(corr).all():
        return None  # extreme values: correlations cannot be trusted, so claim nothing
    if len(x) < 5 * (len(names) + 2):
        return None  # with nearly as many columns as rows, any target is some exact formula
    # Gate: with no formula of all the columns together, there is none of 2 or 3 of them.
    if (
        float(with_target @ np.linalg.lstsq(corr[:-1, :-1], with_target, rcond=None)[0])
        < FORMULA_R2
    ):
        return None
    return names, x, target, corr, int(rows.sum())


def _small_formulas(corr: np.ndarray) -> list[tuple[int, ...]]:
    """The sets of 2 or 3 columns (their positions) of which the target, last in ``corr``,
    is an exact formula, smallest first; none that contains one found already."""
    from itertools import combinations

    with_target = corr[:-1, -1]
    found: list[tuple[int, ...]] = []
    for size in (2, 3):
        for subset in combinations(range(len(with_target)), size):
            if any(set(f) <= set(subset) for f in found):
                continue
            index = list(subset)
            inner = corr[np.ix_(index, index)]
            r = with_target[index]
            try:
                explained = float(r @ np.linalg.solve(inner + 1e-12 * np.eye(size), r))
            except np.linalg.LinAlgError:
                continue
            if explained >= FORMULA_R2:
                found.append(subset)
            if len(found) >= MAX_FORMULAS:
                break
    return found

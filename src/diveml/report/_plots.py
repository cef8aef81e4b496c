"""Draw the report's plots as inline SVG strings, from numbers the study already computed.

Nothing here fits or scores anything: each function takes records of the typed
:class:`~diveml.study.StudyResult` (a ladder's rungs, the learning curve, the holdout, the
diagnostics' curves) and draws their numbers. Figures are made with :class:`matplotlib.figure.Figure` directly, not
``pyplot``, so rendering a report never changes the user's backend or open figures.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import re
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from diveml.study._result import (
        Calibration,
        Holdout,
        Importance,
        LearningCurve,
        PrCurve,
        Residuals,
        RocCurve,
        RungScore,
    )

__all__ = [
    "calibration_svg",
    "holdout_svg",
    "importance_svg",
    "ladder_svg",
    "learning_curve_svg",
    "residuals_svg",
    "roc_pr_svg",
]

# One palette for every plot: the chosen model stands out, the baseline recedes.
CHOSEN = "#1b6ca8"
OTHER = "#7a8b99"
BASELINE = "#b8c2cc"
BEST = "#d97706"
BAD = "#b42318"
GRID = "#e5e9ee"

_RC: dict[str, Any] = {
    # Text stays text in the SVG (smaller files, selectable labels); the browser picks a
    # local font, so no font file is embedded or fetched.
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa5b1",
    "axes.grid": True,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    # Column names are data, not TeX: "$price" must not start mathtext.
    "text.parse_math": False,
}

_F = TypeVar("_F", bound=Callable[..., "str | None"])


def _memoized(function: _F) -> _F:
    """Reuse the SVG of a plot drawn from the same numbers before (drawing is the slow part).

    The arguments are records of the result (frozen dataclasses of plain numbers), so the
    JSON text of their fields is the cache key; a report rendered twice (HTML, then notebook
    display) draws once.
    """
    cache: dict[str, str | None] = {}

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> str | None:
        key = json.dumps([args, kwargs], sort_keys=True, default=_fields)
        if key not in cache:
            if len(cache) >= 32:
                cache.pop(next(iter(cache)))
            cache[key] = function(*args, **kwargs)
        return cache[key]

    return wrapper  # type: ignore[return-value]


def _fields(value: Any) -> Any:
    """A record as its fields, for the cache key (anything else as its repr)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"record": type(value).__name__, **dataclasses.asdict(value)}
    return repr(value)


_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


@contextmanager
def _figure(
    name: str,
    width: float,
    height: float,
    *,
    left: float = 0.75,
    bottom: float = 0.55,
    top: float = 0.15,
    right: float = 0.2,
    wspace: float | None = None,
) -> Iterator[Figure]:
    """Yield a figure with margins given in inches.

    Margins are set by hand rather than by constrained layout, which draws every figure
    twice and made a report take seconds to render.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    # A fixed salt per plot makes the SVG identical run to run and keeps the clip-path
    # ids of different plots apart.
    # Typed as Any: matplotlib's stubs want literal rc keys, and these are checked at run time.
    rc: Any = {**_RC, "svg.hashsalt": f"diveml-{name}"}
    with mpl.rc_context(rc):
        fig = Figure(figsize=(width, height))
        fig.subplots_adjust(
            left=left / width,
            right=1 - right / width,
            bottom=bottom / height,
            top=1 - top / height,
            wspace=wspace,
        )
        yield fig


def _label_inches(labels: Sequence[str]) -> float:
    """Return the left margin that fits the longest tick label (9 pt text)."""
    return 0.3 + 0.062 * max((len(label) for label in labels), default=4)


def _svg(fig: Figure, name: str) -> str:
    """Return the figure as an ``<svg>`` element fit to inline in HTML."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    # The XML prologue and DOCTYPE (which names a w3.org URL) are for standalone files;
    # the RDF metadata block only repeats a licence URL. Neither belongs inline.
    text = _PROLOGUE.sub("", text, count=1)
    text = _METADATA.sub("", text)
    # Several SVGs share one HTML document, so ids get a per-plot prefix.
    text = _ID.sub(lambda m: f'id="{name}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", text)
    # Let CSS size the plot to the page width while keeping its aspect ratio.
    text = re.sub(r'(<svg\b[^>]*?)\swidth="[^"]*"\s+height="[^"]*"', r"\1", text, count=1)
    return text.replace(
        "<svg ", f'<svg class="plot" role="img" aria-labelledby="{name}-title" ', 1
    ).replace(">", f'><title id="{name}-title">{_TITLES.get(name, name)}</title>', 1)


_TITLES = {
    "ladder": "Cross-validation score of each model, with spread",
    "learning-curve": "Learning curve: score against training rows",
    "holdout": "Holdout score and its interval next to the cross-validation expectation",
    "roc-pr": "ROC and precision-recall curves on the holdout",
    "calibration": "Calibration: predicted probability against observed frequency",
    "residuals": "Residuals against predicted values on the holdout",
    "importance": "Permutation importance on the holdout",
}


def _finite(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and value == value and abs(value) != float("inf")


def _pairs(xs: Any, ys: Any) -> tuple[list[float], list[float]]:
    """Return the (x, y) points where both are finite numbers, as two lists."""
    points = [
        (float(x), float(y))
        for x, y in zip(xs or [], ys or [], strict=False)
        if _finite(x) and _finite(y)
    ]
    return [p[0] for p in points], [p[1] for p in points]


def _style_axes(ax: Axes) -> None:
    ax.tick_params(colors="#3e4c59", labelsize=9)


@_memoized
def ladder_svg(
    rungs: Sequence[RungScore], *, chosen: str | None, best: str | None, metric: str
) -> str | None:
    """Plot each rung's mean CV score with a bar of one standard deviation either side.

    A baseline far below the other rungs would squash them into a corner, so it is then
    drawn as a marker at the left edge with its score written beside it.
    """
    shown = [r for r in rungs if _finite(r.cv_mean)]
    if not shown:
        return None
    labels = [textwrap.fill(r.label or r.name, 26) for r in shown]
    widest = [line for label in labels for line in label.splitlines()]
    extra_lines = sum(label.count("\n") for label in labels)
    height = 0.42 * len(shown) + 0.14 * extra_lines + 0.8
    with _figure("ladder", 7.0, height, left=min(_label_inches(widest), 2.6)) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        extents = {id(r): _extent(r) for r in shown}
        core = [v for r in shown if not _is_baseline(r) for v in extents[id(r)]]
        limits = None
        if core:
            low, high = min(core), max(core)
            pad = max(high - low, 1e-9) * 0.12
            limits = (low - pad, high + pad)
        off_scale = limits is not None and any(
            _is_baseline(r) and not _within(extents[id(r)], limits, 1.0) for r in shown
        )
        # Simplest rung at the top, as in the table.
        positions = list(range(len(shown)))[::-1]
        for y, rung in zip(positions, shown, strict=True):
            name, mean = rung.name, _number(rung.cv_mean)
            color = CHOSEN if name == chosen else BEST if name == best else OTHER
            if _is_baseline(rung) and name != chosen:
                color = BASELINE
            if (
                off_scale
                and limits is not None
                and _is_baseline(rung)
                and not _within(extents[id(rung)], limits, 0.0)
            ):
                _off_scale(ax, y, mean, limits, color)
                continue
            _rung_marker(ax, y, rung, color)
        if off_scale and limits is not None:
            ax.set_xlim(*limits)
        ax.set_yticks(positions, labels)
        ax.set_ylim(-0.6, len(shown) - 0.4)
        ax.set_xlabel(f"cross-validation {metric}")
        ax.grid(axis="y", visible=False)
        return _svg(fig, "ladder")


def _off_scale(ax: Axes, y: int, mean: float, limits: tuple[float, float], color: str) -> None:
    """Draw a rung far outside the others as an arrow at the edge, with its score beside."""
    edge = limits[0] if mean < limits[0] else limits[1]
    ax.plot(
        [edge],
        [y],
        "<" if edge == limits[0] else ">",
        color=color,
        markersize=9,
        clip_on=False,
    )
    ax.annotate(
        f"{mean:.3f} (off scale)",
        (edge, y),
        xytext=(8, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color="#52606d",
        ha="left" if edge == limits[0] else "right",
    )


def _rung_marker(ax: Axes, y: int, rung: RungScore, color: str) -> None:
    """Draw a rung's mean with a bar of one standard deviation, and a tick per fold."""
    std = rung.cv_std if _finite(rung.cv_std) else 0.0
    ax.errorbar(
        _number(rung.cv_mean),
        y,
        xerr=std,
        fmt="o",
        color=color,
        ecolor=color,
        elinewidth=2,
        capsize=4,
        markersize=7,
    )
    scores = _fold_scores(rung)
    if scores:
        ax.plot(scores, [y] * len(scores), "|", color=color, alpha=0.55, markersize=9)


def _number(value: float | None) -> float:
    """A value already checked by ``_finite``, as a float."""
    assert value is not None
    return float(value)


def _is_baseline(rung: RungScore) -> bool:
    return rung.complexity == 0 or rung.name.startswith("dummy")


def _extent(rung: RungScore) -> list[float]:
    """Return the x values a rung occupies: mean ± std and its fold scores."""
    mean = _number(rung.cv_mean)
    std = float(rung.cv_std) if _finite(rung.cv_std) else 0.0
    return [mean - std, mean + std, *_fold_scores(rung)]


def _fold_scores(rung: RungScore) -> list[float]:
    """Return a rung's finite fold scores."""
    return [float(s) for s in rung.cv_scores if _finite(s)]


def _within(values: Sequence[float], limits: tuple[float, float], slack: float) -> bool:
    """Whether all ``values`` lie inside ``limits`` widened by ``slack`` times their width."""
    width = limits[1] - limits[0]
    return all(limits[0] - slack * width <= v <= limits[1] + slack * width for v in values)


@_memoized
def learning_curve_svg(curve: LearningCurve, *, metric: str) -> str | None:
    """Plot the validation (and, when given, training) score against training-set size."""
    raw_sizes, raw_scores = list(curve.sizes), list(curve.scores)
    if not raw_sizes or len(raw_sizes) != len(raw_scores):
        return None
    sizes, scores = _pairs(raw_sizes, raw_scores)
    if not sizes:
        return None
    with _figure("learning-curve", 7.0, 3.4, left=0.8) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        stds = [float(s) for s in curve.scores_std if _finite(s)]
        if len(stds) == len(curve.scores_std) == len(raw_scores) and all(
            _finite(v) for v in raw_scores + raw_sizes
        ):
            ax.fill_between(
                sizes,
                [m - s for m, s in zip(scores, stds, strict=True)],
                [m + s for m, s in zip(scores, stds, strict=True)],
                color=CHOSEN,
                alpha=0.15,
                linewidth=0,
            )
        best = curve.best
        chosen_label = "validation score (cross-validation)"
        if best is not None:
            chosen_label = f"validation score, chosen model ({curve.model})"
        ax.plot(sizes, scores, "o-", color=CHOSEN, label=chosen_label)
        if best is not None:
            best_sizes, best_scores = list(best.sizes), list(best.scores)
            if best_sizes and len(best_sizes) == len(best_scores):
                bx, by = _pairs(best_sizes, best_scores)
                if bx:
                    ax.plot(
                        bx,
                        by,
                        "^-",
                        color=BEST,
                        markersize=5,
                        label=f"validation score, best model ({best.model})",
                    )
        train = list(curve.train_scores)
        if len(train) == len(raw_sizes):
            train_x, train_y = _pairs(raw_sizes, train)
            ax.plot(train_x, train_y, "s--", color=OTHER, label="training score", markersize=4)
        ax.set_xlabel("training rows")
        ax.set_ylabel(metric)
        ax.legend(loc="lower right", frameon=False, fontsize=9)
        return _svg(fig, "learning-curve")


@_memoized
def holdout_svg(
    holdout: Holdout, *, cv_mean: float | None, cv_std: float | None, metric: str
) -> str | None:
    """Draw the holdout score and its CI beside the range cross-validation led us to expect."""
    score = holdout.score
    if not _finite(score):
        return None
    with _figure("holdout", 7.0, 1.9, left=1.45) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        low, high = holdout.expected_low, holdout.expected_high
        if _finite(cv_mean):
            if _finite(low) and _finite(high):
                ax.plot(
                    [low, high], [1, 1], color=OTHER, linewidth=8, alpha=0.35, solid_capstyle="butt"
                )
            ax.plot([cv_mean], [1], "D", color=OTHER)
        flagged = holdout.gap_flag
        color = BAD if flagged else CHOSEN
        ci_low, ci_high = holdout.ci_low, holdout.ci_high
        if _finite(ci_low) and _finite(ci_high):
            ax.plot(
                [ci_low, ci_high],
                [0, 0],
                color=color,
                linewidth=8,
                alpha=0.35,
                solid_capstyle="butt",
            )
        ax.plot([score], [0], "o", color=color, markersize=8)
        baseline = holdout.baseline_score
        near = [v for v in (score, ci_low, ci_high, low, high, cv_mean) if _finite(v)]
        span = (max(near) - min(near)) or 1e-9
        # A baseline far away would squash the comparison that matters; the text gives it.
        if _finite(baseline) and min(near) - 3 * span <= baseline <= max(near) + 3 * span:
            ax.axvline(baseline, color=BASELINE, linestyle=":", linewidth=1.5)
            ax.annotate(
                "baseline",
                (baseline, 1.55),
                xytext=(4, 0),
                textcoords="offset points",
                color="#616e7c",
                fontsize=8,
                ha="left",
                va="bottom",
            )
        ax.set_yticks([0, 1], ["holdout (95% CI)", "cross-validation\n(expected range)"])
        ax.set_ylim(-0.6, 2.0)
        ax.set_xlabel(metric)
        ax.grid(axis="y", visible=False)
        return _svg(fig, "holdout")


@_memoized
def roc_pr_svg(roc: RocCurve | None, pr: PrCurve | None) -> str | None:
    """Plot the ROC curve and the precision-recall curve side by side."""
    panels = [p for p in (roc, pr) if p is not None]
    if not panels:
        return None
    with _figure("roc-pr", 7.0, 3.4, top=0.35, left=0.65, wspace=0.35) as fig:
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        index = 0
        if roc is not None:
            ax = axes[index]
            index += 1
            _style_axes(ax)
            ax.plot([0, 1], [0, 1], ":", color=BASELINE, label="chance")
            auc = roc.auc
            label = f"model (AUC {auc:.3f})" if _finite(auc) else "model"
            ax.plot(*_pairs(roc.fpr, roc.tpr), color=CHOSEN, label=label)
            ax.set_xlabel("false positive rate")
            ax.set_ylabel("true positive rate")
            ax.set_title("ROC curve", fontsize=10)
            ax.legend(loc="lower right", frameon=False, fontsize=8)
            ax.set_aspect("equal")
        if pr is not None:
            ax = axes[index]
            _style_axes(ax)
            ap = pr.average_precision
            label = f"model (AP {ap:.3f})" if _finite(ap) else "model"
            ax.plot(
                *_pairs(pr.recall, pr.precision),
                color=CHOSEN,
                label=label,
                drawstyle="steps-post",
            )
            ax.set_xlabel("recall")
            ax.set_ylabel("precision")
            ax.set_title("Precision-recall curve", fontsize=10)
            ax.set_xlim(0, 1.02)
            ax.set_ylim(0, 1.02)
            ax.legend(loc="lower left", frameon=False, fontsize=8)
            ax.set_aspect("equal")
        return _svg(fig, "roc-pr")


@_memoized
def calibration_svg(calibration: Calibration | None) -> str | None:
    """Plot observed frequency against mean predicted probability per bin."""
    if calibration is None:
        return None
    predicted, observed = _pairs(calibration.prob_pred, calibration.prob_true)
    if not predicted:
        return None
    with _figure("calibration", 3.8, 3.6, left=0.7) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        ax.plot([0, 1], [0, 1], ":", color=BASELINE, label="perfectly calibrated")
        ax.plot(predicted, observed, "o-", color=CHOSEN, label="model")
        ax.set_xlabel("mean predicted probability")
        ax.set_ylabel("observed frequency")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        return _svg(fig, "calibration")


@_memoized
def residuals_svg(residuals: Residuals | None) -> str | None:
    """Scatter residual (actual minus predicted) against the predicted value."""
    if residuals is None:
        return None
    raw = (list(residuals.predicted), list(residuals.residual))
    if len(raw[0]) != len(raw[1]):
        return None
    predicted, residual = _pairs(*raw)
    if not predicted:
        return None
    with _figure("residuals", 7.0, 3.2, left=0.8) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        ax.axhline(0, color=BASELINE, linewidth=1.2)
        ax.scatter(predicted, residual, s=12, color=CHOSEN, alpha=0.6, linewidths=0)
        ax.set_xlabel("predicted value")
        ax.set_ylabel("residual (actual − predicted)")
        return _svg(fig, "residuals")


@_memoized
def importance_svg(importances: Sequence[Importance], *, limit: int = 15) -> str | None:
    """Draw the largest permutation importances as horizontal bars with ± 1 std."""
    rows = [r for r in importances if _finite(r.mean)][:limit]
    if not rows:
        return None
    labels = [r.column for r in rows]
    with _figure("importance", 7.0, 0.3 * len(rows) + 0.8, left=_label_inches(labels)) as fig:
        ax = fig.add_subplot()
        _style_axes(ax)
        positions = list(range(len(rows)))[::-1]
        stds = [r.std if _finite(r.std) else 0.0 for r in rows]
        ax.barh(
            positions,
            [r.mean for r in rows],
            xerr=stds,
            color=CHOSEN,
            alpha=0.8,
            error_kw={"ecolor": "#3e4c59", "capsize": 3, "elinewidth": 1},
        )
        ax.set_yticks(positions, labels)
        ax.axvline(0, color="#9aa5b1", linewidth=1)
        ax.set_xlabel("drop in score when the column is shuffled")
        ax.grid(axis="y", visible=False)
        return _svg(fig, "importance")

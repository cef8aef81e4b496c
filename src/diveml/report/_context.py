"""Turn a typed study result into what the templates show: labels, order, flags and plots.

This module only reads and arranges numbers the study computed; it never fits or scores.
It reads the :class:`~diveml.study.StudyResult` by its fields (the templates too: they see
the result's own records), and hands the plots plain numbers.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any, TypeGuard

from diveml.study import _metrics as metrics
from diveml.study._result import FindingRecord, RungScore, StudyResult
from diveml.study._strategies import STRATEGIES

__all__ = ["build_context", "fmt_num", "fmt_p", "fmt_pct", "fmt_secs", "metric_name"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@cache
def glossary() -> dict[str, dict[str, str]]:
    """Return the terms, titles and verdict headlines kept in ``glossary.toml``."""
    text = resources.files("diveml.report").joinpath("glossary.toml").read_text("utf-8")
    return tomllib.loads(text)


def _finite(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def fmt_num(value: Any, digits: int = 3) -> str:
    """Format a score or count for people: fixed decimals, thousands separators, '—' for none."""
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not _finite(value):
        return "—" if value is None or value != value else str(value)
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.1f}"
    if value != 0 and abs(value) < 10 ** (-digits):
        return f"{value:.1e}"
    return f"{value:.{digits}f}"


def fmt_pct(value: Any) -> str:
    """Format a fraction as a percentage ('20%')."""
    return f"{value:.0%}" if _finite(value) else "—"


def fmt_secs(value: Any) -> str:
    """Format a duration in seconds ('0.12 s', '3.4 s', '2 min 05 s')."""
    if not _finite(value):
        return "—"
    if value < 1:
        return f"{value:.2f} s"
    if value < 60:
        return f"{value:.1f} s"
    minutes, seconds = divmod(round(value), 60)
    return f"{minutes} min {seconds:02d} s"


def fmt_p(value: Any) -> str:
    """Format a p-value ('< 0.001', '0.23')."""
    if not _finite(value):
        return "—"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def metric_name(metric: str) -> str:
    """Return a metric's display name ('roc_auc' -> 'ROC AUC'), from the metrics registry."""
    return metrics.label(metric)


def _plain(record: Any) -> Any:
    """A record of the result as plain data, for the plots (which draw plain numbers)."""
    return None if record is None else dataclasses.asdict(record)


def _findings(result: StudyResult) -> list[FindingRecord]:
    return sorted(result.audit.findings, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))


def _ladder(result: StudyResult) -> list[dict[str, Any]]:
    """The ladder's rows, each with whether it was chosen and whether it scored best."""
    return [
        _plain(rung)
        | {
            "is_chosen": rung.name == result.chosen.name,
            "is_best": rung.name == result.selection.best,
        }
        for rung in result.ladder
    ]


def _label_of(ladder: tuple[RungScore, ...], name: str) -> str:
    return next((rung.label or name for rung in ladder if rung.name == name), name)


def _banners(result: StudyResult) -> list[dict[str, str]]:
    """Return the warnings that belong at the top of the report, most serious first."""
    banners = []
    holdout = result.holdout
    if holdout.times_scored > 1:
        banners.append(
            {
                "level": "error",
                "id": "times-scored-warning",
                "title": f"This holdout has now been scored {holdout.times_scored} times.",
                "text": (
                    "The same data and holdout rows were scored by earlier studies. Each look at a "
                    "test set and each choice made after it lets the holdout leak into decisions, "
                    "so its score is now optimistic: a form of overfitting. Treat the holdout score "
                    "as a cross-validation-like estimate, and confirm on fresh data before "
                    "reporting it."
                ),
            }
        )
    if holdout.gap_flag:
        banners.append(
            {
                "level": "error",
                "id": "gap-warning",
                "title": "The holdout score is outside what cross-validation led us to expect.",
                "text": holdout.gap_message
                or "Look for a difference between the holdout and training rows (time, groups, leakage).",
            }
        )
    errors = [f for f in _findings(result) if f.severity == "error"]
    if errors:
        excluded = {e.column for e in result.exclusions}
        columns = ", ".join(
            f"{f.column} ({'left out' if f.column in excluded else 'kept'})"
            for f in errors
            if f.column is not None
        )
        banners.append(
            {
                "level": "warning",
                "id": "audit-errors",
                "title": f"The audit found {len(errors)} serious problem{'s' if len(errors) != 1 else ''}.",
                "text": (f"Columns involved: {columns}. " if columns else "")
                + "See the audit section for what was done about each.",
            }
        )
    return banners


def _question(result: StudyResult) -> str:
    used = result.data.columns - 1 - len(result.excluded_columns)
    return (
        f"How well can {result.target} be predicted from the other {used:,} "
        f"column{'s' if used != 1 else ''} of {result.data.name or 'this table'}, "
        "and what is the simplest model that does it?"
    )


def _confusion(result: StudyResult) -> dict[str, Any] | None:
    matrix = result.diagnostics.confusion_matrix
    if matrix is None or not matrix.matrix:
        return None
    peak = max((v for row in matrix.matrix for v in row), default=0) or 1
    cells = [
        [{"value": v, "shade": v / peak, "diagonal": i == j} for j, v in enumerate(row)]
        for i, row in enumerate(matrix.matrix)
    ]
    return {"labels": list(matrix.labels), "rows": cells}


def _plots(result: StudyResult) -> dict[str, str | None]:
    from diveml.report import _plots as plots

    metric = metric_name(result.metric)
    diagnostics = result.diagnostics
    return {
        "ladder": plots.ladder_svg(
            [rung for rung in result.ladder if rung.status == "ok"],
            chosen=result.chosen.name,
            best=result.selection.best,
            metric=metric,
        ),
        "learning_curve": plots.learning_curve_svg(result.learning_curve, metric=metric),
        "holdout": plots.holdout_svg(
            result.holdout,
            cv_mean=result.chosen.cv_mean,
            cv_std=result.chosen.cv_std,
            metric=metric,
        ),
        "roc_pr": plots.roc_pr_svg(diagnostics.roc_curve, diagnostics.pr_curve),
        "calibration": plots.calibration_svg(diagnostics.calibration),
        "residuals": plots.residuals_svg(diagnostics.residuals),
        "importance": plots.importance_svg(diagnostics.permutation_importance),
    }


def build_context(result: StudyResult, *, with_plots: bool = True) -> dict[str, Any]:
    """Return the variables the HTML and Markdown templates render."""
    ladder = _ladder(result)
    terms = glossary()
    metric = result.metric
    spec = metrics.METRICS.get(metric)
    strategy = STRATEGIES[result.split.strategy]
    times = result.holdout.times_scored
    name = result.data.name
    return {
        "r": result,
        "data": result.data,
        "settings": result.settings,
        "split": result.split,
        "selection": result.selection,
        "chosen": result.chosen,
        "curve": result.learning_curve,
        "curve_largest_fit": max(result.learning_curve.sizes, default=None),
        "holdout": result.holdout,
        "diagnostics": result.diagnostics,
        "timings": result.timings,
        "sampling": result.sampling,
        "artifacts": result.artifacts,
        "title": f"Study: predicting {result.target}" + (f" in {name}" if name else ""),
        "question": _question(result),
        "metric": metric,
        "metric_label": metric_name(metric),
        "metric_help": spec.help if spec is not None else None,
        "negated": spec is not None and spec.negated,
        "findings": _findings(result),
        "exclusions": list(result.exclusions),
        "ladder": ladder,
        "failed_rungs": [r for r in ladder if r["status"] != "ok"],
        "banners": _banners(result),
        "times_scored": times,
        "scored_repeatedly": times > 1,
        "strategy_short": strategy.short,
        "strategy_words": strategy.words,
        "confusion": _confusion(result),
        "other_metrics": [
            {
                "name": key,
                "label": metric_name(key),
                "value": value,
                "lower_is_better": metrics.lower_is_better(key),
            }
            for key, value in result.holdout.other_metrics.items()
        ],
        "terms": terms["terms"],
        "features": result.features,
        "verdict_headline": terms.get("verdicts", {}).get(result.learning_curve.verdict_code),
        "labels": {rung.name: rung.label for rung in result.ladder},
        "term_titles": {
            key: terms.get("titles", {}).get(key, key.replace("-", " ").capitalize())
            for key in terms["terms"]
        },
        "best_label": _label_of(result.ladder, result.selection.best),
        "artifact_links": {
            key: file
            for key, file in dataclasses.asdict(result.artifacts).items()
            # Only plain file names beside the report: never a URL or a path elsewhere.
            if isinstance(file, str) and re.fullmatch(r"[\w.-]+", file) and ".." not in file
        },
        "plots": _plots(result) if with_plots else {},
    }

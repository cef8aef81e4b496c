"""Turn a study result dict into what the templates show: labels, order, flags and plots.

This module only reads and arranges numbers the study computed; it never fits or scores.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeGuard

from diveml.exceptions import ReportError
from diveml.study import _metrics as metrics
from diveml.study._strategies import STRATEGIES

__all__ = ["TASKS", "build_context", "fmt_num", "fmt_p", "fmt_pct", "fmt_secs", "validate"]

TASKS = ("binary", "multiclass", "regression")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@cache
def glossary() -> dict[str, dict[str, str]]:
    """Return the terms and metric names kept in ``glossary.toml``."""
    text = resources.files("diveml.report").joinpath("glossary.toml").read_text("utf-8")
    return tomllib.loads(text)


# The shape a report relies on: each path is a dict or a list when present (None counts
# as absent), and the items of the lists of records are dicts. Scalars are not checked:
# a number that is missing or not a number shows as "—".
_SHAPE: dict[str, type] = {
    **dict.fromkeys(
        [
            "data",
            "settings",
            "split",
            "selection",
            "chosen",
            "learning_curve",
            "holdout",
            "diagnostics",
            "timings",
            "sampling",
            "artifacts",
            "audit",
            "reproduce",
            "features",
            "holdout.other_metrics",
            "timings.stages",
            "audit.excluded",
            "diagnostics.confusion_matrix",
            "diagnostics.roc_curve",
            "diagnostics.pr_curve",
            "diagnostics.calibration",
            "diagnostics.residuals",
        ],
        dict,
    ),
    **dict.fromkeys(
        [
            "ladder",
            "excluded_columns",
            "exclusions",
            "settings.keep",
            "settings.drop",
            "audit.findings",
            "selection.comparisons",
            "learning_curve.sizes",
            "learning_curve.scores",
            "learning_curve.scores_std",
            "learning_curve.train_scores",
            "diagnostics.permutation_importance",
            "diagnostics.segments",
            "diagnostics.worst_rows",
            "diagnostics.confusion_matrix.labels",
            "diagnostics.confusion_matrix.matrix",
            "diagnostics.roc_curve.fpr",
            "diagnostics.roc_curve.tpr",
            "diagnostics.pr_curve.precision",
            "diagnostics.pr_curve.recall",
            "diagnostics.calibration.prob_pred",
            "diagnostics.calibration.prob_true",
            "diagnostics.residuals.predicted",
            "diagnostics.residuals.residual",
            "features.numeric",
            "features.categorical",
            "features.target_encoded",
        ],
        list,
    ),
}
_RECORDS = [
    "ladder",
    "exclusions",
    "audit.findings",
    "selection.comparisons",
    "diagnostics.permutation_importance",
    "diagnostics.segments",
    "diagnostics.worst_rows",
    "diagnostics.confusion_matrix.matrix",
]
_HINT = (
    "Pass the dict a study produced: `study.result`, or "
    "`json.loads(Path('study.json').read_text())`."
)


def _lookup(result: Mapping[str, Any], path: str) -> Any:
    value: Any = result
    for key in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def validate(result: Any) -> Mapping[str, Any]:
    """Check that ``result`` has what every report needs; raise :class:`ReportError` if not."""
    if not isinstance(result, Mapping):
        raise ReportError(
            f"A report needs a study result dict, got {type(result).__name__}. {_HINT}"
        )
    for key in ("task", "metric"):
        if key not in result:
            raise ReportError(f"The study result has no {key!r} key. {_HINT}")
    if result["task"] not in TASKS:
        raise ReportError(
            f"The study result's task is {result['task']!r}; it must be one of "
            f"{', '.join(map(repr, TASKS))}. {_HINT}"
        )
    if not isinstance(result["metric"], str):
        raise ReportError(
            f"The study result's metric is {result['metric']!r}, not a scorer name. {_HINT}"
        )
    for path, kind in _SHAPE.items():
        value = _lookup(result, path)
        if value is not None and not isinstance(value, kind):
            raise ReportError(
                f"The study result's {path!r} is a {type(value).__name__}, not a "
                f"{kind.__name__}. {_HINT}"
            )
    for path in _RECORDS:
        kind = list if path.endswith("matrix") else dict
        for index, item in enumerate(_lookup(result, path) or []):
            if not isinstance(item, kind):
                raise ReportError(
                    f"The study result's {path!r}[{index}] is {item!r}, not a "
                    f"{kind.__name__}. {_HINT}"
                )
    for index, item in enumerate(_lookup(result, "ladder") or []):
        scores = item.get("cv_scores")
        if scores is not None and not isinstance(scores, list):
            raise ReportError(
                f"The study result's 'ladder'[{index}].cv_scores is {scores!r}, not a list of "
                f"fold scores. {_HINT}"
            )
    # Model names are looked up and compared, so they must be text.
    names = [
        ("chosen.name", _lookup(result, "chosen.name")),
        ("selection.best", _lookup(result, "selection.best")),
        ("selection.chosen", _lookup(result, "selection.chosen")),
    ]
    for path in ("ladder", "selection.comparisons"):
        for index, item in enumerate(_lookup(result, path) or []):
            names.append((f"{path}[{index}].name", item.get("name")))
    for path, name in names:
        if name is not None and not isinstance(name, str):
            raise ReportError(f"The study result's {path!r} is {name!r}, not a model name. {_HINT}")
    # Column names are looked up in sets and dicts, so they must be text or numbers.
    columns = [
        (f"excluded_columns[{i}]", c)
        for i, c in enumerate(_lookup(result, "excluded_columns") or [])
    ]
    columns += [
        (f"exclusions[{i}].column", e.get("column"))
        for i, e in enumerate(_lookup(result, "exclusions") or [])
    ]
    for path, column in columns:
        if column is not None and not isinstance(column, str | int | float):
            raise ReportError(
                f"The study result's {path!r} is {column!r}, not a column name. {_HINT}"
            )
    return result


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


def _findings(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    findings = list((result.get("audit") or {}).get("findings") or [])
    return sorted(
        (dict(f) for f in findings),
        key=lambda f: _SEVERITY_ORDER.get(str(f.get("severity")), 3),
    )


def _exclusions(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    listed = [dict(e) for e in result.get("exclusions") or []]
    named = {e.get("column") for e in listed}
    audit_excluded = (result.get("audit") or {}).get("excluded") or {}
    if not isinstance(audit_excluded, Mapping):
        audit_excluded = {}
    for column in result.get("excluded_columns") or []:
        if column not in named:
            listed.append({"column": column, "code": None, "reason": audit_excluded.get(column)})
    return listed


def _ladder(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    chosen = (result.get("chosen") or {}).get("name")
    best = (result.get("selection") or {}).get("best")
    rows = []
    for rung in result.get("ladder") or []:
        row = dict(rung)
        row["is_chosen"] = row.get("name") == chosen
        row["is_best"] = best is not None and row.get("name") == best
        row.setdefault("status", "ok")
        rows.append(row)
    return rows


def _label_of(ladder: Sequence[Mapping[str, Any]], name: Any) -> Any:
    for rung in ladder:
        if rung.get("name") == name:
            return rung.get("label") or name
    return name


def _banners(result: Mapping[str, Any]) -> list[dict[str, str]]:
    """Return the warnings that belong at the top of the report, most serious first."""
    banners = []
    holdout = result.get("holdout") or {}
    times = holdout.get("times_scored")
    if isinstance(times, int) and times > 1:
        banners.append(
            {
                "level": "error",
                "id": "times-scored-warning",
                "title": f"This holdout has now been scored {times} times.",
                "text": (
                    "The same data and holdout rows were scored by earlier studies. Each look at a "
                    "test set and each choice made after it lets the holdout leak into decisions, "
                    "so its score is now optimistic: a form of overfitting. Treat the holdout score "
                    "as a cross-validation-like estimate, and confirm on fresh data before "
                    "reporting it."
                ),
            }
        )
    if holdout.get("gap_flag"):
        banners.append(
            {
                "level": "error",
                "id": "gap-warning",
                "title": "The holdout score is outside what cross-validation led us to expect.",
                "text": str(holdout.get("gap_message") or "")
                or "Look for a difference between the holdout and training rows (time, groups, leakage).",
            }
        )
    if result.get("status") not in (None, "complete"):
        banners.append(
            {
                "level": "warning",
                "id": "incomplete-warning",
                "title": f"This study is {result.get('status')!s}.",
                "text": "It did not finish; numbers below may be missing. Run the study again.",
            }
        )
    errors = [f for f in _findings(result) if f.get("severity") == "error"]
    if errors:
        excluded = {e.get("column") for e in _exclusions(result)}
        columns = ", ".join(
            f"{f.get('column')} ({'left out' if f.get('column') in excluded else 'kept'})"
            for f in errors
            if f.get("column") is not None
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


def _question(result: Mapping[str, Any]) -> str:
    data = result.get("data") or {}
    target = result.get("target", "the target")
    name = data.get("name") or "this table"
    columns = data.get("columns")
    if _finite(columns):
        used = int(columns) - 1 - len(result.get("excluded_columns") or [])
        from_what = f"the other {used:,} column{'s' if used != 1 else ''}"
    else:
        from_what = "the other columns"
    return (
        f"How well can {target!s} be predicted from {from_what} of {name}, "
        "and what is the simplest model that does it?"
    )


def _confusion(diagnostics: Mapping[str, Any]) -> dict[str, Any] | None:
    matrix = diagnostics.get("confusion_matrix")
    if not matrix or not matrix.get("matrix"):
        return None
    values = [v for row in matrix["matrix"] for v in row if _finite(v)]
    peak = max(values, default=0) or 1
    cells = [
        [
            {"value": v, "shade": (v / peak if _finite(v) else 0.0), "diagonal": i == j}
            for j, v in enumerate(row)
        ]
        for i, row in enumerate(matrix["matrix"])
    ]
    return {"labels": list(matrix.get("labels") or []), "rows": cells}


def _plots(result: Mapping[str, Any], ladder: Sequence[Mapping[str, Any]]) -> dict[str, str | None]:
    from diveml.report import _plots as plots

    metric = metric_name(result["metric"])
    chosen = result.get("chosen") or {}
    diagnostics = result.get("diagnostics") or {}
    return {
        "ladder": plots.ladder_svg(
            [r for r in ladder if r.get("status") == "ok"],
            chosen=chosen.get("name"),
            best=(result.get("selection") or {}).get("best"),
            metric=metric,
        ),
        "learning_curve": plots.learning_curve_svg(
            result.get("learning_curve") or {}, metric=metric
        ),
        "holdout": plots.holdout_svg(
            result.get("holdout") or {},
            cv_mean=chosen.get("cv_mean"),
            cv_std=chosen.get("cv_std"),
            metric=metric,
        ),
        "roc_pr": plots.roc_pr_svg(diagnostics.get("roc_curve"), diagnostics.get("pr_curve")),
        "calibration": plots.calibration_svg(diagnostics.get("calibration") or {}),
        "residuals": plots.residuals_svg(diagnostics.get("residuals") or {}),
        "importance": plots.importance_svg(diagnostics.get("permutation_importance") or []),
    }


def build_context(result: Mapping[str, Any], *, with_plots: bool = True) -> dict[str, Any]:
    """Return the variables the HTML and Markdown templates render."""
    validate(result)
    ladder = _ladder(result)
    terms = glossary()
    metric = result["metric"]
    spec = metrics.METRICS.get(metric)
    strategy = STRATEGIES.get(str((result.get("split") or {}).get("strategy")))
    holdout = result.get("holdout") or {}
    diagnostics = result.get("diagnostics") or {}
    times = holdout.get("times_scored")
    return {
        "r": result,
        "data": result.get("data") or {},
        "settings": result.get("settings") or {},
        "split": result.get("split") or {},
        "selection": result.get("selection") or {},
        "chosen": result.get("chosen") or {},
        "curve": result.get("learning_curve") or {},
        "curve_largest_fit": _largest_size(result.get("learning_curve")),
        "holdout": holdout,
        "diagnostics": diagnostics,
        "timings": result.get("timings") or {},
        "sampling": result.get("sampling") or {},
        "artifacts": result.get("artifacts") or {},
        "title": f"Study: predicting {result.get('target', 'the target')}"
        + (
            f" in {(result.get('data') or {}).get('name')}"
            if (result.get("data") or {}).get("name")
            else ""
        ),
        "question": _question(result),
        "metric": metric,
        "metric_label": metric_name(metric),
        "metric_help": spec.help if spec is not None else None,
        "negated": spec is not None and spec.negated,
        "findings": _findings(result),
        "exclusions": _exclusions(result),
        "ladder": ladder,
        "failed_rungs": [r for r in ladder if r.get("status") != "ok"],
        "banners": _banners(result),
        "times_scored": times,
        "scored_repeatedly": isinstance(times, int) and times > 1,
        "strategy_short": strategy.short if strategy is not None else "a split",
        "strategy_words": strategy.words if strategy is not None else "a split",
        "confusion": _confusion(diagnostics),
        "other_metrics": [
            {
                "name": name,
                "label": metric_name(name),
                "value": value,
                "lower_is_better": metrics.lower_is_better(name),
            }
            for name, value in (holdout.get("other_metrics") or {}).items()
        ],
        "terms": terms["terms"],
        "features": result.get("features") or {},
        "verdict_headline": terms.get("verdicts", {}).get(
            str((result.get("learning_curve") or {}).get("verdict_code"))
        ),
        "labels": {r.get("name"): r.get("label") for r in ladder},
        "term_titles": {
            key: terms.get("titles", {}).get(key, key.replace("-", " ").capitalize())
            for key in terms["terms"]
        },
        "best_label": _label_of(ladder, (result.get("selection") or {}).get("best")),
        "artifact_links": {
            key: name
            for key, name in (result.get("artifacts") or {}).items()
            # Only plain file names beside the report: never a URL or a path elsewhere.
            if isinstance(name, str) and re.fullmatch(r"[\w.-]+", name) and ".." not in name
        },
        "plots": _plots(result, ladder) if with_plots else {},
    }


def _largest_size(curve: Any) -> float | None:
    """Return the largest training size of the learning curve, ignoring damaged entries."""
    sizes = curve.get("sizes") if isinstance(curve, dict) else None
    if not isinstance(sizes, list):
        return None
    numbers = [s for s in sizes if isinstance(s, (int, float)) and not isinstance(s, bool)]
    return max(numbers, default=None)

"""Which columns the models learn from: the audit's verdicts, then the user's drop and keep.

Step 2 of the protocol after the audit: every column is either a feature (numeric,
categorical, free text or dates; how text and dates are encoded is :mod:`._features`) or
an exclusion with a code and a reason, which study.json records.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from diveml.exceptions import InvalidOptionError, StudyError, option
from diveml.study._metrics import METRICS, default_metric
from diveml.study._options import StudyOptions

__all__ = ["FeatureChoice", "check_positive_label", "check_task", "choose_features"]


@dataclasses.dataclass(frozen=True)
class FeatureChoice:
    """The feature columns by kind, and each column left out with its code and reason."""

    numeric: list[str]
    categorical: list[str]
    exclusions: list[dict[str, str]]
    text: list[str] = dataclasses.field(default_factory=list)
    """Free text: TF-IDF inside each pipeline (_features.py)."""
    dates: list[str] = dataclasses.field(default_factory=list)
    """Dates: calendar features inside each pipeline."""


def check_task(y: pd.Series, task: str | None, target: str) -> None:
    """Refuse a ``task`` that the target's values cannot support."""
    if task is None:
        return
    values = y.dropna()
    distinct = values.nunique()
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if task == "regression" and not numeric:
        example = values.iloc[0] if len(values) else None
        raise InvalidOptionError(
            f"«task='regression'» needs a numeric target, but {target!r} holds values such as "
            f"{example!r}. Pass «task='binary'» or «task='multiclass'», or leave «task» out.",
            option="task",
            value=task,
        )
    if task == "binary" and distinct != 2:
        raise InvalidOptionError(
            f"«task='binary'» needs a target with 2 values, but {target!r} has {distinct}. "
            "Pass «task='multiclass'» (or «task='regression'» for a numeric target), or leave "
            "«task» out.",
            option="task",
            value=task,
        )
    if task == "multiclass" and distinct <= 2:
        raise InvalidOptionError(
            f"«task='multiclass'» needs a target with 3 or more values, but {target!r} has "
            f"{distinct}. Pass «task='binary'», or leave «task» out.",
            option="task",
            value=task,
        )


def _audit_exclusions(audited: Any, options: StudyOptions) -> list[dict[str, str]]:
    exclusions = [
        {"column": c, "code": "dropped", "reason": "named in the drop option"} for c in options.drop
    ]
    for column, reason in audited.excluded.items():
        if column not in options.drop and column not in options.keep:
            code = getattr(audited, "exclusion_codes", {}).get(column) or next(
                (f.code for f in audited.findings if f.column == column and f.severity == "error"),
                "excluded",
            )
            exclusions.append({"column": column, "code": code, "reason": reason})
    return exclusions


def choose_features(
    frame: pd.DataFrame, audited: Any, target: str, options: StudyOptions
) -> FeatureChoice:
    """Return the features and exclusions: the audit's, then drop, then keep (which wins)."""
    exclusions = _audit_exclusions(audited, options)
    excluded_names = {e["column"] for e in exclusions}
    special = {target, options.group, options.time}
    numeric: list[str] = []
    categorical: list[str] = []
    text: list[str] = []
    dates: list[str] = []
    kinds = {"numeric": numeric, "categorical": categorical, "boolean": categorical}
    kinds.update({"text": text, "datetime": dates})
    for column, kind in audited.feature_types.items():
        if column not in excluded_names and column not in special and kind in kinds:
            kinds[kind].append(column)
    chosen = set(numeric) | set(categorical) | set(text) | set(dates)
    for column in options.keep:  # keep wins over the audit's exclusions
        if column in chosen or column in special:
            continue
        known = audited.feature_types.get(column)
        series = frame[column]
        is_number = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        if known in {"text", "datetime"}:
            kinds[known].append(column)
        elif known == "numeric" or (known is None and is_number):
            numeric.append(column)
        else:
            categorical.append(column)
        exclusions = [e for e in exclusions if e["column"] != column]
    if not numeric and not categorical and not text and not dates:
        raise StudyError(
            f"No column is left to learn {target!r} from: every other column was excluded "
            f"({', '.join(repr(e['column']) for e in exclusions) or 'none'}). Name columns to "
            "use anyway with «keep», or add columns."
        )
    return FeatureChoice(numeric, categorical, exclusions, text, dates)


def check_positive_label(y: pd.Series, task: str, metric: str, target: str) -> None:
    """Refuse a metric that needs a positive class labelled 1 or True when there is none."""
    instead = METRICS[metric].positive_label
    if task != "binary" or instead is None:
        return
    labels = set(y.unique().tolist())
    if 1 not in labels and True not in labels:
        raise InvalidOptionError(
            f"{option('metric', metric)} needs the positive class labelled 1 or True, but "
            f"{target!r} has the values {sorted(map(str, labels))!r}. Use "
            f"{option('metric', instead)}, or {option('metric', default_metric(task))}.",
            option="metric",
            value=metric,
        )

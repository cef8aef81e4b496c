"""TEMPORARY stand-ins for ``read_table`` and ``audit`` until the study-audit branch lands.

They follow the signatures of the study contract, with only the checks the study needs to
run. Delete this module once ``diveml.data.read_table`` and ``diveml.audit`` exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from diveml.config import Settings
from diveml.exceptions import ColumnNotFoundError, DataReadError, DivemlError, InvalidOptionError


class TargetError(DivemlError):
    """The target column cannot be learned (stand-in)."""


def read_table(
    source: Any,
    *,
    table: str | None = None,
    sql: str | None = None,
    settings: Settings | None = None,
) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        return source.copy(), "dataframe"
    path = Path(str(source))
    if path.suffix == "" and not path.exists():
        from diveml.data import load_dataset

        return load_dataset(str(source), settings=settings), str(source)
    if not path.is_file():
        raise DataReadError(f"The file {str(path)!r} does not exist. Check the path.")
    if path.suffix in {".parquet"}:
        return pd.read_parquet(path), path.name
    sep = "\t" if path.suffix == ".tsv" else None
    return pd.read_csv(path, sep=sep, engine="python"), path.name


@dataclasses.dataclass(frozen=True)
class Finding:
    code: str
    severity: Literal["info", "warning", "error"]
    column: str | None
    message: str
    fix: str


@dataclasses.dataclass
class AuditResult:
    task: Literal["binary", "multiclass", "regression"]
    findings: list[Finding]
    excluded: dict[str, str]
    feature_types: dict[str, Literal["numeric", "categorical", "text", "datetime", "boolean"]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "findings": [dataclasses.asdict(f) for f in self.findings],
            "excluded": dict(self.excluded),
            "feature_types": dict(self.feature_types),
        }


def audit(
    frame: pd.DataFrame,
    target: str,
    *,
    task: str | None = None,
    folds: int = 5,
    group: str | None = None,
    time: str | None = None,
    keep: Sequence[str] = (),
    drop: Sequence[str] = (),
    seed: int = 0,
) -> AuditResult:
    for option, column in (("target", target), ("group", group), ("time", time)):
        if column is not None and column not in frame.columns:
            raise ColumnNotFoundError(column, [str(c) for c in frame.columns], option=option)
    y = frame[target]
    values = y.dropna()
    if values.empty:
        raise TargetError(f"The target {target!r} has no values. Choose another --target.")
    if values.nunique() < 2:
        raise TargetError(f"The target {target!r} has one value. Choose another --target.")
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if task is None:
        if numeric and values.nunique() > 10:
            task = "regression"
        else:
            task = "binary" if values.nunique() == 2 else "multiclass"
    if task not in {"binary", "multiclass", "regression"}:
        raise InvalidOptionError(f"--task {task!r} is not allowed.")
    if task != "regression":
        counts = values.value_counts()
        if counts.min() < folds:
            raise TargetError(
                f"The class {counts.idxmin()!r} of the target {target!r} has {counts.min()} "
                f"rows, fewer than --folds {folds}. Lower --folds, or drop the rare class."
            )
    excluded: dict[str, str] = {}
    types: dict[str, Any] = {}
    findings: list[Finding] = []
    for column in frame.columns:
        if column in {target, group, time} or column in drop:
            continue
        series = frame[column]
        if series.isna().all():
            excluded[column] = "all values are missing"
            continue
        if series.nunique(dropna=True) < 2 and column not in keep:
            excluded[column] = "it has one value"
            continue
        if pd.api.types.is_bool_dtype(series):
            types[column] = "boolean"
        elif pd.api.types.is_numeric_dtype(series):
            types[column] = "numeric"
        elif pd.api.types.is_datetime64_any_dtype(series):
            types[column] = "datetime"
        else:
            text = series.dropna().astype(str)
            if text.nunique() > 0.5 * len(text) and text.str.len().mean() > 20:
                types[column] = "text"
            elif text.nunique() == len(text) and len(text) > 20 and column not in keep:
                excluded[column] = "it has a different value on every row (an ID)"
                continue
            else:
                types[column] = "categorical"
    for column, reason in excluded.items():
        findings.append(Finding("excluded", "error", column, reason, f"--keep {column}"))
    return AuditResult(task, findings, excluded, types)  # type: ignore[arg-type]

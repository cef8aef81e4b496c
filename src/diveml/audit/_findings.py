"""What an audit reports: findings, exclusions and column types, as plain data."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from diveml.exceptions import spell

__all__ = ["CHECKS", "AuditResult", "ColumnType", "Finding", "Severity", "Task"]

Severity = Literal["info", "warning", "error"]
Task = Literal["binary", "multiclass", "regression"]
ColumnType = Literal["numeric", "categorical", "text", "datetime", "boolean"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclasses.dataclass(frozen=True)
class Finding:
    """One thing the audit noticed.

    ``severity`` says how much the problem would hurt the study if nobody acted on it:
    ``error`` would make the numbers untrustworthy (leakage), ``warning`` could mislead or
    weaken the model, ``info`` is worth knowing. What the audit *did* about it (excluding a
    column) is in :attr:`AuditResult.excluded`, not in the severity.
    """

    code: str
    severity: Severity
    column: str | None
    message: str
    fix: str

    def __post_init__(self) -> None:
        # The checks write options as tokens (``«drop=['id']»``); a finding is spelled once,
        # when it is made, for the front end being served (``drop=['id']`` in Python,
        # ``--drop id`` under the CLI), so every reader of it (report, study.json) agrees.
        object.__setattr__(self, "message", spell(self.message))
        object.__setattr__(self, "fix", spell(self.fix))

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain data."""
        return dataclasses.asdict(self)


@dataclasses.dataclass
class AuditResult:
    """The audit of one table for one target.

    Attributes
    ----------
    task
        ``binary``, ``multiclass`` or ``regression`` (given, or inferred from the target).
    findings
        Everything noticed, most severe first.
    excluded
        Columns left out of the features, each with the reason in words.
    feature_types
        The type of each column that remains a feature (target and excluded left out).
    column_types
        The type of every column but the target, excluded ones included.
    target_missing_rows
        Rows whose target is missing; the study drops them before the split.
    classes
        For classification, the classes with their row counts, most frequent first.
    """

    task: Task
    findings: list[Finding]
    excluded: dict[str, str]
    feature_types: dict[str, ColumnType]
    column_types: dict[str, ColumnType] = dataclasses.field(default_factory=dict)
    target: str = ""
    target_missing_rows: int = 0
    classes: dict[str, int] = dataclasses.field(default_factory=dict)
    exclusion_codes: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def features(self) -> list[str]:
        """The columns that remain features, in table order."""
        return list(self.feature_types)

    def by_severity(self, severity: Severity) -> list[Finding]:
        """Return the findings of one severity."""
        return [f for f in self.findings if f.severity == severity]

    def to_dict(self) -> dict[str, Any]:
        """Return the audit as plain data (the ``audit`` part of ``study.json``)."""
        return {
            "task": self.task,
            "target": self.target,
            "findings": [f.to_dict() for f in self.findings],
            "excluded": dict(self.excluded),
            "exclusions": [
                {"column": c, "code": self.exclusion_codes.get(c, ""), "reason": r}
                for c, r in self.excluded.items()
            ],
            "feature_types": dict(self.feature_types),
            "column_types": dict(self.column_types),
            "target_missing_rows": self.target_missing_rows,
            "classes": dict(self.classes),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Order findings most severe first, keeping the check order within a severity."""
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])


CHECKS: dict[str, str] = {
    # reading
    "read_note": "info: what the reader had to guess (delimiter, encoding, sheet)",
    # target (TargetError stops the audit for: one value, all missing, a class with fewer
    # rows than folds, infinite values, a target that does not fit the task asked for)
    "task_inferred": "info: the task and why it was inferred from the target",
    "target_missing": "warning: rows without a target, left out of the study",
    "imbalance": "warning: the rarest class has under 1 row per 9 of the most common",
    "target_is_id": "warning: the target looks like a row identifier (unique per row)",
    # columns
    "all_missing": "warning, excluded: a column with no values",
    "constant": "info, excluded: the same value in every row",
    "constant_or_missing": "info: one value where not missing",
    "id_like": "warning, excluded: a row identifier (unique whole number or code per row)",
    "heavy_missing": "warning: 50% or more missing",
    "missing_values": "info: 5% to 50% missing",
    "mixed_types": "warning: numbers and text (or other kinds) mixed in one column",
    "infinite_values": "warning: inf or -inf values, treated as missing",
    "date_as_text": "warning: dates written as text (modelled as calendar features); suggests a time split",
    "date_column": "warning: a date column; suggests a time split",
    "unique_text": "info: text with a different value in (almost) every row, modelled as free text",
    "long_text": "info: texts longer than 10,000 characters, cut for the models",
    "high_cardinality": "info: a category with very many distinct values",
    # rows and shape
    "duplicate_rows": "warning (info under 1%): exact copies of rows",
    "wide_table": "info: 1,000 columns or more; model-based checks use samples",
    "more_columns_than_rows": "warning: more feature columns than rows",
    # leakage
    "leakage_copy": "error, excluded: a copy, relabelling or monotone transform of the target",
    "leakage_predictor": "error, excluded: one column alone predicts the target almost perfectly",
    "leakage_formula": "error, excluded: completes an exact formula of 2-3 columns for the target (the fewest such columns are left out)",
    "strong_predictor": "info: one column alone predicts the target very well",
    "grouped_rows": "warning: rows sharing a value share the target; suggests a group split",
    "leakage_check_partial": "info: the leakage check looked at a subset of columns",
    # options
    "group_column": "info, excluded: the group column is not a feature",
    "time_column": "info, excluded: the time column is not a feature",
    "dropped": "info, excluded: columns named in drop",
}
"""Every finding code the audit can emit, with its severity and what is done about it."""

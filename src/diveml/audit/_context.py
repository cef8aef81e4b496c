"""The shared state the checks read and add findings to."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from diveml.audit._findings import ColumnType, Finding, Severity, Task
from diveml.exceptions import option, spell

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AuditContext"]

# Above this many columns hit by one check, the check reports one finding listing them,
# so a wide table does not drown the report in identical lines.
_MAX_FINDINGS_PER_CHECK = 20


@dataclasses.dataclass
class AuditContext:
    """What the checks share: the table, the target and what was found so far."""

    frame: pd.DataFrame
    target: str
    task: Task
    folds: int
    seed: int
    keep: frozenset[str]
    group: str | None = None
    time: str | None = None
    types: dict[str, ColumnType] = dataclasses.field(default_factory=dict)
    missing: dict[str, int] = dataclasses.field(default_factory=dict)
    unique: dict[str, int] = dataclasses.field(default_factory=dict)
    integer_like: set[str] = dataclasses.field(default_factory=set)
    plain_numeric: set[str] = dataclasses.field(default_factory=set)
    dtypes: dict[str, Any] = dataclasses.field(default_factory=dict)
    columns: list[str] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    excluded: dict[str, str] = dataclasses.field(default_factory=dict)
    exclusion_codes: dict[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # Iterating a pandas Index of strings is slow; 10,000 columns are read many times.
        self.columns = [str(c) for c in self.frame.columns.tolist()]

    @property
    def y(self) -> pd.Series:
        """The target's non-missing values."""
        return self.frame[self.target].dropna()

    def candidates(self) -> list[str]:
        """Feature columns not excluded so far (kept ones included)."""
        return [
            c
            for c in self.columns
            if c != self.target and (c not in self.excluded or c in self.keep)
        ]

    def add(
        self,
        code: str,
        severity: Severity,
        column: str | None,
        message: str,
        fix: str,
        *,
        exclude: str | None = None,
    ) -> None:
        """Record a finding; with ``exclude``, also leave ``column`` out unless it is kept."""
        if exclude is not None and column is not None:
            if column in self.keep:
                message += (
                    f" It stays a feature because you named it in {option('keep', bare=True)}."
                )
            elif column not in self.excluded:
                self.excluded[column] = spell(exclude)
                self.exclusion_codes[column] = code
        self.findings.append(Finding(code, severity, column, message, fix))

    def add_each(
        self,
        code: str,
        severity: Severity,
        columns: Sequence[str],
        message: Callable[[str], str],
        fix: Callable[[str], str],
        *,
        summary: str,
        summary_fix: str,
        exclude: Callable[[str], str] | None = None,
    ) -> None:
        """Record one finding per column, or one summary finding when there are many."""
        if len(columns) <= _MAX_FINDINGS_PER_CHECK:
            for column in columns:
                self.add(
                    code,
                    severity,
                    column,
                    message(column),
                    fix(column),
                    exclude=exclude(column) if exclude else None,
                )
            return
        shown = ", ".join(repr(c) for c in columns[:10])
        kept = [c for c in columns if c in self.keep]
        note = (
            f" {len(kept)} stay features because you named them in {option('keep', bare=True)}."
            if kept
            else ""
        )
        self.findings.append(
            Finding(
                code,
                severity,
                None,
                f"{len(columns)} columns: {summary} ({shown}, ...).{note}",
                summary_fix,
            )
        )
        if exclude is not None:
            for column in columns:
                if column not in self.keep and column not in self.excluded:
                    self.excluded[column] = spell(exclude(column))
                    self.exclusion_codes[column] = code

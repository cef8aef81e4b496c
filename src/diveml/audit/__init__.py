"""Audit a table before anything is fit: one small function per check.

Every check turns what it sees into :class:`Finding` objects (a code, a severity, the
column, a plain-language message and the fix) and may leave a column out of the features;
:func:`audit` runs them all and returns an :class:`AuditResult`. :data:`CHECKS` lists every
finding code with its severity and what is done about it.

Examples
--------
>>> from diveml.audit import audit
>>> from diveml.data import load_dataset
>>> result = audit(load_dataset("penguins"), "species")
>>> result.task
'multiclass'
"""

from __future__ import annotations

from diveml.audit._audit import audit
from diveml.audit._findings import CHECKS, AuditResult, ColumnType, Finding, Severity, Task
from diveml.audit._target import infer_task
from diveml.audit._types import column_type, parse_dates

__all__ = [
    "CHECKS",
    "AuditResult",
    "ColumnType",
    "Finding",
    "Severity",
    "Task",
    "audit",
    "column_type",
    "infer_task",
    "parse_dates",
]

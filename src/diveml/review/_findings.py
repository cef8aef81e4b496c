"""A notebook finding, and the data file that says what each finding code means."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

__all__ = ["Finding", "checks", "make_finding"]

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    """One thing found in a notebook (the JSON contract of ``diveml review NOTEBOOK``)."""

    code: str
    severity: Severity
    cell: int | None
    line: int | None
    message: str
    fix: str
    lesson: str
    evidence: str  # "static" (read from the code) or "run-time" (seen while it ran)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain JSON-ready data."""
        return asdict(self)


@cache
def checks() -> dict[str, dict[str, str]]:
    """Return the notebook checks from ``criteria/notebook.toml``, keyed by code."""
    text = resources.files("diveml.review").joinpath("criteria/notebook.toml").read_text("utf-8")
    return tomllib.loads(text)


def make_finding(
    code: str,
    *,
    cell: int | None,
    line: int | None,
    message: str,
    evidence: str = "static",
    severity: Severity | None = None,
) -> Finding:
    """Build a finding whose fix, lesson and default severity come from the data file."""
    spec = checks()[code]
    sev: Any = severity or spec["severity"]
    return Finding(code, sev, cell, line, message, spec["fix"], spec["lesson"], evidence)

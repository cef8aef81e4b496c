"""Review a learner's notebook or script: static findings, then run-time evidence."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from diveml import __version__
from diveml.review._findings import Finding, checks, make_finding
from diveml.review._source import NotebookSource, read_source
from diveml.review._static import analyse

if TYPE_CHECKING:
    from diveml.review._runtime import RunOutcome

__all__ = ["review_notebook"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _merge(static: list[Finding], runtime: list[Finding]) -> list[Finding]:
    """Keep static findings; add a run-time one only for a code static analysis missed.

    When both see the same kind of problem, the static finding (which names the variables)
    stays and says it was confirmed at run time.
    """
    codes = {f.code for f in static}
    out = []
    for f in static:
        confirm = next((r for r in runtime if r.code == f.code), None)
        if confirm is not None:
            f = Finding(
                f.code,
                f.severity,
                f.cell,
                f.line,
                f"{f.message} Confirmed at run time: {confirm.message}",
                f.fix,
                f.lesson,
                "static+run-time",
            )
        out.append(f)
    out.extend(r for r in runtime if r.code not in codes)
    return out


def _run_stopped(source: NotebookSource, outcome: RunOutcome, timeout: float) -> list[Finding]:
    """The finding of a run that failed or ran out of time (none for a complete run)."""
    cell = outcome.error_cell if source.kind == "ipynb" else None
    line = None
    if source.kind == "py" and outcome.error_cell is not None:
        line = next(c.first_line for c in source.cells if c.index == outcome.error_cell)
    if outcome.status == "failed":
        where = (
            ""
            if outcome.error_cell is None
            else (
                f" in cell {outcome.error_cell}" if source.kind == "ipynb" else f" at line {line}"
            )
        )
        return [
            make_finding(
                "notebook-failed",
                cell=cell,
                line=line,
                message=f"Running the notebook stopped{where} with {outcome.error}; what ran "
                "before it was checked at run time, the static findings cover every cell.",
            )
        ]
    if outcome.status == "timed_out":
        return [
            make_finding(
                "run-time-limit",
                cell=cell,
                line=line,
                message=f"The run was stopped after {timeout:g} s (the time limit); the "
                "static findings cover every cell, the run-time ones what ran before.",
            )
        ]
    return []


def review_notebook(path: Path, *, run: bool = True, timeout: float = 120) -> dict[str, Any]:
    """Review ``path`` (.ipynb or .py) and return the review as JSON-ready data.

    Parameters
    ----------
    path:
        The notebook or script. It is read, never written.
    run:
        Also execute a copy with scikit-learn instrumented (run-time provenance).
    timeout:
        Seconds the whole run may take; past it the run stops and the static findings stand.
    """
    source = read_source(path)
    findings = analyse(source)
    run_info: dict[str, Any] = {"status": "skipped", "seconds": 0.0, "error": None, "cell": None}
    if run and source.code_cells():
        from diveml.review._runtime import run_with_probe, runtime_findings

        outcome = run_with_probe(source, timeout=timeout)
        run_info = {
            "status": outcome.status,
            "seconds": outcome.seconds,
            "error": outcome.error,
            "cell": outcome.error_cell,
        }
        findings = _merge(findings, runtime_findings(source, outcome))
        findings += _run_stopped(source, outcome, timeout)
        if outcome.status == "not_run":
            run_info["error"] = outcome.error
    findings.sort(
        key=lambda f: (
            f.cell if f.cell is not None else -1,
            f.line or 0,
            SEVERITY_ORDER[f.severity],
        )
    )
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY_ORDER}
    return {
        "kind": "notebook",
        "path": str(path),
        "format": source.kind,
        "diveml_version": __version__,
        "cells": len(source.cells),
        "findings": [f.to_dict() for f in findings],
        "summary": counts,
        "run": run_info,
        "checked": sorted(
            c for c in checks() if c not in ("cell-not-parsed", "notebook-failed", "run-time-limit")
        ),
    }

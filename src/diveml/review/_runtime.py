"""Run a copy of the notebook with scikit-learn instrumented, and read what it saw.

The learner's file is never touched: the cells are copied into a new notebook object, run
in a fresh kernel whose working folder is a temporary copy of the notebook's folder (so a
notebook that writes files writes them there), under a time limit for the whole run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diveml.review._findings import Finding, make_finding
from diveml.review._source import NotebookSource

__all__ = ["RunOutcome", "run_with_probe"]

# A folder larger than this is not copied for the run; relative reads may then fail, which
# the review reports as the notebook failing, with the static findings intact.
COPY_LIMIT_BYTES = 50 * 1024 * 1024


@dataclass
class RunOutcome:
    """What running the notebook gave: events, and how it ended."""

    status: str  # "ok" | "failed" | "timed_out" | "not_run"
    seconds: float = 0.0
    error: str | None = None
    error_cell: int | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


def _copy_folder(folder: Path, dest: Path) -> None:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.parts[-3:]):
            total += path.stat().st_size
            if total > COPY_LIMIT_BYTES:
                return
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        target = dest / path.name
        if path.is_dir():
            shutil.copytree(path, target, symlinks=False, dirs_exist_ok=True)
        elif path.is_file():
            shutil.copy2(path, target)


def run_with_probe(source: NotebookSource, *, timeout: float) -> RunOutcome:
    """Execute the notebook's code cells with the probe installed, within ``timeout`` s."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="diveml-review-") as tmp:
        workdir = Path(tmp) / "run"
        workdir.mkdir()
        _copy_folder(source.path.resolve().parent, workdir)
        log = Path(tmp) / "events.jsonl"
        log.touch()
        nb = nbformat.v4.new_notebook()
        setup = nbformat.v4.new_code_cell(
            f"import diveml.review._probe as _diveml_probe\n_diveml_probe.install({str(log)!r})"
        )
        cells = [setup]
        indices: list[int | None] = [None]
        for cell in source.code_cells():
            cells.append(
                nbformat.v4.new_code_cell(f"_diveml_probe.mark_cell({cell.index})\n{cell.source}")
            )
            indices.append(cell.index)
        nb.cells = cells
        client = NotebookClient(
            nb,
            timeout=max(1, int(timeout)),
            kernel_name="python3",
            allow_errors=False,
            resources={"metadata": {"path": str(workdir)}},
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        outcome = RunOutcome("ok")
        try:
            with client.setup_kernel():
                for position, cell in enumerate(nb.cells):
                    remaining = timeout - (time.monotonic() - started)
                    if remaining <= 0:
                        outcome = RunOutcome("timed_out", error_cell=indices[position])
                        break
                    client.timeout = max(1, int(remaining))
                    try:
                        client.execute_cell(cell, position)
                    except CellTimeoutError:
                        outcome = RunOutcome("timed_out", error_cell=indices[position])
                        break
                    except CellExecutionError as exc:
                        name = getattr(exc, "ename", "") or "Error"
                        value = getattr(exc, "evalue", "") or str(exc).splitlines()[-1]
                        outcome = RunOutcome(
                            "failed", error=f"{name}: {value}", error_cell=indices[position]
                        )
                        break
        except CellTimeoutError:
            outcome = RunOutcome("timed_out")
        except DeadKernelError as exc:
            outcome = RunOutcome("failed", error=f"the kernel died ({exc})")
        except (RuntimeError, OSError) as exc:  # no kernel could be started
            outcome = RunOutcome("not_run", error=str(exc))
        outcome.seconds = round(time.monotonic() - started, 1)
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                outcome.events.append(json.loads(line))
            except ValueError:
                continue
        if not any(e.get("kind") == "ready" for e in outcome.events) and outcome.status == "ok":
            outcome.status = "not_run"
            outcome.error = "the run-time probe could not be installed"
    return outcome


def _where(source: NotebookSource, event: dict[str, Any]) -> tuple[int | None, int | None]:
    cell, line = event.get("cell"), event.get("line")
    if source.kind == "ipynb":
        return cell, line
    first = next((c.first_line for c in source.cells if c.index == cell), 1)
    return None, (first + line - 1) if isinstance(line, int) else None


def runtime_findings(source: NotebookSource, outcome: RunOutcome) -> list[Finding]:
    """Turn the probe's events into findings (evidence ``run-time``)."""
    found: dict[tuple[str, Any, Any], Finding] = {}

    def add(code: str, event: dict[str, Any], message: str, **kw: Any) -> None:
        cell, line = _where(source, event)
        key = (code, cell, line)
        if key not in found:
            found[key] = make_finding(
                code, cell=cell, line=line, message=message, evidence="run-time", **kw
            )

    validation = {
        e["split"] for e in outcome.events if e.get("kind") == "split" and e.get("validation")
    }
    by_split: dict[str, list[dict[str, Any]]] = {}
    for e in outcome.events:
        kind = e.get("kind")
        if kind == "eval":
            rows, overlap = e["rows"], e["fit_overlap"]
            if overlap >= 0.5 * rows:
                add(
                    "overlap-leak",
                    e,
                    f"`{e['model']}` scores {rows} test rows, and {overlap} of them are rows "
                    f"it was fitted on (it saw {e['fit_rows']} rows when fitted).",
                )
            elif overlap:
                # Rows are known by their values, so identical rows (real duplicates, or
                # rows a vectoriser maps to the same features) look the same: say so, at
                # a lower level, under its own code.
                add(
                    "identical-rows-across-split",
                    e,
                    f"{overlap} of the {rows} test rows `{e['model']}` scores are identical "
                    "to rows it was fitted on.",
                )
            for step in e["shaped_by"]:
                add(
                    "preprocessing-leak",
                    step,
                    f"The {step['step']} fitted here saw {step['seen']} of the {rows} test "
                    f"rows that `{e['model']}` later scores: the test rows shaped how they "
                    "were prepared.",
                )
            if e.get("version", 0) >= 1 and not str(e["model"]).startswith("Dummy"):
                by_split.setdefault(e["split"], []).append(e)
        elif kind == "group":
            add(
                "group-split-row-by-row",
                e,
                f"At run time, {e['shared']} of the {e['groups']} {e['column']!r} values have "
                "rows on both sides of the split.",
            )
        elif kind == "dates":
            add(
                "random-split-of-dated-rows",
                e,
                f"At run time, some test rows are dated before the last training row "
                f"(column {e['column']!r}): the split mixed past and future.",
            )
    for sid, evals in by_split.items():
        if sid in validation:
            continue
        versions = {(e["model_id"], e["version"]) for e in evals}
        if len(versions) >= 2:
            names = sorted({e["model"] for e in evals})
            add(
                "multi-test-leak",
                evals[-1],
                f"At run time the same test rows were scored by {len(versions)} different "
                f"models or fits ({', '.join(names)}).",
            )
    return list(found.values())

"""Run lesson notebooks headless (``diveml check``, ``diveml grade``) and report every exercise."""

from __future__ import annotations

import csv
import dataclasses
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diveml.exceptions import LessonNotebookError
from diveml.lessons._handles import REPORT_MIME
from diveml.lessons._model import CheckResult, Lesson
from diveml.lessons._registry import get_lesson

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "NotebookReport",
    "check_notebook",
    "execute_lesson",
    "grade_folder",
    "run_notebook",
    "write_grades_csv",
]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
RAISED_OR_OK = {"raised", "correct"}


@dataclasses.dataclass
class NotebookReport:
    """Every exercise of one notebook, as a headless run found it."""

    path: str
    lesson: str
    results: list[CheckResult]
    cell_errors: list[str]
    seconds: float
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def correct(self) -> int:
        """How many exercises are correct."""
        return sum(r.outcome == "correct" for r in self.results)

    def counts(self) -> dict[str, int]:
        """How many exercises have each outcome."""
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.outcome] = counts.get(r.outcome, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (for JSON)."""
        return {
            "path": self.path,
            "lesson": self.lesson,
            "correct": self.correct,
            "total": len(self.results),
            "results": [r.to_dict() for r in self.results],
            "cell_errors": self.cell_errors,
            "seconds": round(self.seconds, 2),
            "notes": self.notes,
        }


def _read(path: Path) -> NotebookNode:
    import nbformat

    if not path.is_file():
        raise LessonNotebookError(
            f"There is no notebook at {str(path)!r}. Check the path; `diveml learn` says where "
            "it copied your lessons.",
            path=str(path),
        )
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:
        raise LessonNotebookError(
            f"{str(path)!r} is not a readable Jupyter notebook ({type(exc).__name__}: {exc}). "
            "Open it in Jupyter and save it again, or get a fresh copy with `diveml learn`.",
            path=str(path),
        ) from exc


def _lesson_of(notebook: NotebookNode, path: Path) -> tuple[Lesson, list[str]]:
    from diveml import __version__

    meta = notebook.metadata.get("diveml")
    if not isinstance(meta, dict) or "lesson" not in meta:
        raise LessonNotebookError(
            f"{str(path)!r} is not a diveml lesson notebook (its metadata has no 'diveml' "
            "entry). Get a lesson with `diveml learn LESSON`.",
            path=str(path),
        )
    lesson = get_lesson(str(meta["lesson"]))
    notes = []
    made_with = str(meta.get("version", "unknown"))
    if made_with != __version__:
        known = list(meta.get("exercises", []))
        if known and known != list(lesson.exercises):
            raise LessonNotebookError(
                f"{str(path)!r} was made by diveml {made_with} for lesson {lesson.id!r}, whose "
                f"exercises have changed since (it has {known}; this diveml {__version__} has "
                f"{list(lesson.exercises)}). Get a fresh copy with `diveml learn {lesson.id}` "
                "(your file is kept) and move your answers across.",
                path=str(path),
            )
        notes.append(
            f"made by diveml {made_with}, checked with {__version__}; the exercises are the same"
        )
    return lesson, notes


def _error_text(output: Any) -> str:
    """``NameError: name 'x' is not defined``: the first line only, as in a check."""
    value = _ANSI.sub("", str(output.get("evalue", ""))).strip()
    first = (value.splitlines() or [""])[0].strip()
    text = f"{output.get('ename', 'Error')}: {first}" if first else str(output.get("ename"))
    return text if len(text) <= 200 else text[:197] + "..."


def _kernel_environment() -> dict[str, str]:
    """The kernel's environment: ours, with one BLAS/OpenMP thread.

    Lessons are small; where several headless runs share a machine (grading a folder, a
    test suite), threads fighting over the cores made a lesson's PCA fits many times
    slower. The variables must be set before the kernel loads numpy, hence here.
    """
    import os

    one = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return {**os.environ, **one}


def run_notebook(
    notebook: NotebookNode,
    lesson: Lesson,
    *,
    path: str,
    timeout: int = 600,
    cwd: Path | None = None,
) -> NotebookReport:
    """Execute ``notebook`` in a fresh kernel and report every exercise of ``lesson``."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.from_dict(notebook)  # a copy: the caller's notebook is not changed
    first = nbformat.v4.new_code_cell(
        "import diveml.lessons._handles as _diveml_handles\n_diveml_handles._begin_headless()"
    )
    last = nbformat.v4.new_code_cell("_diveml_handles._emit_report()")
    learner_cells = list(notebook.cells)
    notebook.cells = [first, *learner_cells, last]
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd or Path.cwd())}},
        # ipykernel 7 warns that its loopback-only TCP channel is unencrypted; to a learner
        # that reads as a security alarm, and it says nothing about their notebook.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    started = time.perf_counter()
    client.execute(env=_kernel_environment())
    seconds = time.perf_counter() - started

    report: dict[str, Any] | None = None
    for output in notebook.cells[-1].get("outputs", []):
        if REPORT_MIME in output.get("data", {}):
            report = output["data"][REPORT_MIME]
    if isinstance(report, str):  # some nbformat versions keep JSON outputs as text
        import json

        report = json.loads(report)

    cell_errors: list[str] = []
    exercise_errors: dict[str, str] = {}
    for number, cell in enumerate(learner_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = _error_text(output)
                name = cell.metadata.get("exercise")
                if name:
                    exercise_errors.setdefault(str(name), f"cell {number}: {text}")
                else:
                    cell_errors.append(f"cell {number} raised {text}")
    for output in notebook.cells[0].get("outputs", []) + notebook.cells[-1].get("outputs", []):
        if output.get("output_type") == "error":
            cell_errors.append(f"diveml could not run its report: {_error_text(output)}")

    found: dict[str, CheckResult] = {}
    for item in (report or {}).get("results", []):
        if item.get("lesson") == lesson.id:
            item = {k: v for k, v in item.items() if k != "checked_in_notebook"}
            found[item["exercise"]] = CheckResult(**item)
    results = []
    for name in lesson.exercises:
        result = found.get(name)
        # The kernel's own "raised" names the learner's line; the cell's error is the fallback.
        if name in exercise_errors and (result is None or result.outcome not in RAISED_OR_OK):
            result = CheckResult(lesson.id, name, "raised", exercise_errors[name])
        if result is None:
            result = CheckResult(
                lesson.id,
                name,
                "not_attempted",
                f"The notebook never ran `start({lesson.id!r})`, so nothing could be checked.",
            )
        results.append(result)
    return NotebookReport(path, lesson.id, results, cell_errors, seconds)


def check_notebook(path: str | Path, *, timeout: int = 600) -> NotebookReport:
    """Run a learner's lesson notebook headless and report every exercise.

    The notebook file is not changed, and the learner's progress is not touched. Its
    cells run in the notebook's folder, as Jupyter would run them.
    """
    path = Path(path)
    notebook = _read(path)
    lesson, notes = _lesson_of(notebook, path)
    report = run_notebook(
        notebook, lesson, path=str(path), timeout=timeout, cwd=path.resolve().parent
    )
    report.notes.extend(notes)
    return report


def grade_folder(folder: str | Path, *, timeout: int = 600) -> list[NotebookReport]:
    """Check every lesson notebook under ``folder`` (a teacher's tool).

    A file that is not a lesson notebook is reported with a note rather than stopping
    the run.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise LessonNotebookError(
            f"{str(folder)!r} is not a folder. Give the folder that holds the submitted notebooks.",
            path=str(folder),
        )
    paths = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not paths:
        raise LessonNotebookError(
            f"There are no .ipynb files under {str(folder)!r}. Check the folder.",
            path=str(folder),
        )
    reports = []
    for path in paths:
        try:
            reports.append(check_notebook(path, timeout=timeout))
        except LessonNotebookError as exc:
            reports.append(NotebookReport(str(path), "", [], [], 0.0, [str(exc)]))
    return reports


def write_grades_csv(reports: list[NotebookReport], file: str | Path) -> Path:
    """Write one row per notebook and exercise: path, lesson, exercise, outcome, message."""
    file = Path(file)
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notebook", "lesson", "exercise", "outcome", "message"])
        for report in reports:
            if not report.results:
                writer.writerow(
                    [report.path, report.lesson, "", "unreadable", "; ".join(report.notes)]
                )
            for r in report.results:
                writer.writerow([report.path, report.lesson, r.exercise, r.outcome, r.feedback])
    return file


def execute_lesson(
    lesson: Lesson | str, mode: str = "solution", *, timeout: int = 600
) -> NotebookReport:
    """Render a lesson in ``mode`` and run it headless (what the end-to-end tests do)."""
    import tempfile

    from diveml.lessons._source import render

    lesson = lesson if isinstance(lesson, Lesson) else get_lesson(lesson)
    notebook = render(lesson, mode)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        return run_notebook(
            notebook, lesson, path=f"<{lesson.id} {mode}>", timeout=timeout, cwd=Path(tmp)
        )

"""Run lesson notebooks headless (``diveml check``, ``diveml grade``) and report every exercise."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diveml.exceptions import LessonNotebookError
from diveml.lessons._check import cascade_message, clean_error
from diveml.lessons._handles import FOLDER_FULL_MARKER, REPORT_MIME
from diveml.lessons._model import CheckResult, Lesson, Outcome
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
    stopped: str | None = None  # why the run ended early (a cell hung or ended the kernel)
    kind: str = "lesson"  # or what the file is instead: "not a lesson", "unreadable"

    @property
    def correct(self) -> int:
        """How many exercises are correct."""
        return sum(r.outcome == "correct" for r in self.results)

    @property
    def complete(self) -> bool:
        """True when the notebook is a lesson and every exercise is correct."""
        return bool(self.results) and self.correct == len(self.results)

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
            "stopped": self.stopped,
            "kind": self.kind,
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
    """The lesson a notebook was made for, from its ``diveml`` metadata (validated)."""
    from diveml import __version__
    from diveml.exceptions import LessonNotFoundError

    meta = notebook.metadata.get("diveml")
    if meta is None:
        raise LessonNotebookError(
            f"{str(path)!r} is a Jupyter notebook, but not a diveml lesson notebook (its "
            "metadata has no 'diveml' entry). Get a lesson with `diveml learn LESSON`.",
            path=str(path),
        )
    lesson_id = meta.get("lesson") if isinstance(meta, dict) else None
    exercises = meta.get("exercises", []) if isinstance(meta, dict) else []
    version = meta.get("version", "unknown") if isinstance(meta, dict) else "unknown"
    valid = (
        isinstance(lesson_id, str)
        and isinstance(exercises, list)
        and all(isinstance(e, str) for e in exercises)
        and isinstance(version, str)
    )
    if not valid:
        raise LessonNotebookError(
            f"{str(path)!r} has a 'diveml' metadata entry that diveml cannot read (it should "
            "hold the lesson id as text, the exercise names as a list of text and the diveml "
            f"version; it holds {_shorten(repr(meta))}). Get a fresh copy with `diveml learn "
            "LESSON` and move your answers across.",
            path=str(path),
        )
    assert isinstance(lesson_id, str) and isinstance(version, str)
    try:
        lesson = get_lesson(lesson_id)
    except LessonNotFoundError as exc:
        raise LessonNotebookError(
            f"{str(path)!r} was made for lesson {lesson_id!r}, which this diveml does not have. "
            "Run `diveml learn` to see the lessons it has.",
            path=str(path),
        ) from exc
    notes = []
    if version != __version__:
        if exercises and exercises != list(lesson.exercises):
            raise LessonNotebookError(
                f"{str(path)!r} was made by diveml {version} for lesson {lesson.id!r}, whose "
                f"exercises have changed since (it has {exercises}; this diveml {__version__} "
                f"has {list(lesson.exercises)}). Get a fresh copy with `diveml learn "
                f"{lesson.id}` (your file is kept) and move your answers across.",
                path=str(path),
            )
        notes.append(
            f"made by diveml {version}, checked with {__version__}; the exercises are the same"
        )
    return lesson, notes


def _shorten(text: str, limit: int = 80) -> str:
    """``text`` if short, else its start and a note of how much was left out."""
    return (
        text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit} more characters)"
    )


def _error_text(output: Any) -> str:
    """``NameError: name 'x' is not defined``: the first line only, as in a check."""
    value = _ANSI.sub("", str(output.get("evalue", ""))).strip()
    first = (value.splitlines() or [""])[0].strip()
    name = str(output.get("ename", "Error"))
    text = f"{name}: {first}" if first else name
    if name == "NotFittedError":
        text += " (a model this cell uses is not fitted yet: finish the exercise that fits it)"
    elif "File too large" in first:
        text += f" (diveml stops any file above {_FILE_LIMIT // 2**30} GiB when it runs a notebook)"
    return clean_error(text)


_FILE_LIMIT = 2**30  # bytes: no single file a lesson writes comes near it
FOLDER_LIMIT = 2 * 2**30  # bytes: all a notebook may write in its folder when run headless


def _size(n_bytes: int) -> str:
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n_bytes >= size:
            return f"{n_bytes / size:g} {unit}"
    return f"{n_bytes} bytes"


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
    folder_limit: int = FOLDER_LIMIT,
) -> NotebookReport:
    """Execute ``notebook`` in a fresh kernel and report every exercise of ``lesson``.

    A cell that runs past ``timeout`` seconds, that ends the kernel (``os._exit``, a
    crash), or that writes more than ``folder_limit`` bytes under ``cwd`` stops the run:
    the report says which cell, keeps the checks that ran before it, and the kernel is
    shut down either way.
    """
    import logging

    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.from_dict(notebook)  # a copy: the caller's notebook is not changed
    first = nbformat.v4.new_code_cell(
        "import diveml.lessons._handles as _diveml_handles\n"
        f"_diveml_handles._begin_headless(file_limit={_FILE_LIMIT}, "
        f"folder_limit={folder_limit})"
    )
    last = nbformat.v4.new_code_cell("_diveml_handles._emit_report()")
    learner_cells = list(notebook.cells)
    notebook.cells = [first, *learner_cells, last]
    running: list[int] = []
    quiet = logging.getLogger("diveml.lessons.nbclient")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False  # nbclient logs "Kernel died" itself; the report says it better
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        shutdown_kernel="immediate",  # a hung or dying kernel is killed, never left behind
        log=quiet,
        on_cell_execute=lambda cell, cell_index: running.append(cell_index),
        resources={"metadata": {"path": str(cwd or Path.cwd())}},
        # ipykernel 7 warns that its loopback-only TCP channel is unencrypted; to a learner
        # that reads as a security alarm, and it says nothing about their notebook.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    started = time.perf_counter()
    stopped = _execute(client, timeout=timeout, cwd=cwd, folder_limit=folder_limit)
    seconds = time.perf_counter() - started
    stopped_cell = _stopped_cell(running, len(learner_cells)) if stopped else None

    found = _reported_results(notebook.cells, lesson)
    cell_errors, exercise_errors = _cell_errors(notebook.cells, learner_cells, lesson)
    stopped_text = None
    if stopped:
        where = f"cell {stopped_cell}" if stopped_cell else "a cell"
        stopped_text = f"{where} {stopped}"
        if stopped_cell:
            name = learner_cells[stopped_cell - 1].metadata.get("exercise")
            if name:
                exercise_errors[str(name)] = ("raised", f"cell {stopped_cell} {stopped}")
    results = _results(lesson, found, exercise_errors, stopped_text)
    return NotebookReport(path, lesson.id, results, cell_errors, seconds, stopped=stopped_text)


def _execute(client: Any, *, timeout: int, cwd: Path | None, folder_limit: int) -> str | None:
    """Run the notebook's cells; say why the run stopped early, or None when it did not."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        client.execute(env=_kernel_environment())
    except CellTimeoutError:
        return f"ran longer than the {timeout} s allowed per cell (--timeout) and was stopped"
    except DeadKernelError:
        marker = Path(cwd or Path.cwd()) / FOLDER_FULL_MARKER
        if marker.exists():
            marker.unlink()
            return (
                f"wrote more than {_size(folder_limit)} into its folder and was stopped "
                "(diveml caps what a notebook may write when it checks or grades it)"
            )
        return "ended the Python kernel (os._exit, a crash, or running out of memory)"
    return None


def _reported_results(cells: list[Any], lesson: Lesson) -> dict[str, CheckResult]:
    """The check results the cells' outputs carry, the last one per exercise."""
    found: dict[str, CheckResult] = {}
    for cell in cells:  # each check leaves its result; the final report has them all
        for output in cell.get("outputs", []):
            report = output.get("data", {}).get(REPORT_MIME)
            if isinstance(report, str):  # some nbformat versions keep JSON outputs as text
                import json

                report = json.loads(report)
            for item in (report or {}).get("results", []):
                if item.get("lesson") == lesson.id and item.get("exercise") in lesson.exercises:
                    item = {k: v for k, v in item.items() if k != "checked_in_notebook"}
                    found[item["exercise"]] = CheckResult(**item)
    return found


def _cell_errors(
    cells: list[Any], learner_cells: list[Any], lesson: Lesson
) -> tuple[list[str], dict[str, tuple[Outcome, str]]]:
    """The errors of the learner's cells (per exercise when the cell is one) and of the
    two cells diveml adds around them (``cells`` first and last)."""
    cell_errors: list[str] = []
    exercise_errors: dict[str, tuple[Outcome, str]] = {}
    for number, cell in enumerate(learner_cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = _error_text(output)
                name = cell.metadata.get("exercise")
                if name:
                    cascade = cascade_message(lesson.id, str(name), text)
                    # A cell that failed only because an earlier exercise is not done is
                    # not this exercise's error: it is not attempted yet.
                    exercise_errors.setdefault(
                        str(name),
                        ("not_attempted", f"cell {number}: {cascade}")
                        if cascade
                        else ("raised", f"cell {number}: {text}"),
                    )
                else:
                    cell_errors.append(f"cell {number} raised {text}")
    for output in cells[0].get("outputs", []) + cells[-1].get("outputs", []):
        if output.get("output_type") == "error":
            cell_errors.append(f"diveml could not run its report: {_error_text(output)}")
    return cell_errors, exercise_errors


def _results(
    lesson: Lesson,
    found: dict[str, CheckResult],
    exercise_errors: dict[str, tuple[Outcome, str]],
    stopped_text: str | None,
) -> list[CheckResult]:
    """One result per exercise of the lesson, in its order."""
    results = []
    for name in lesson.exercises:
        result = found.get(name)
        # The kernel's own "raised" names the learner's line; the cell's error is the fallback.
        if name in exercise_errors and (result is None or result.outcome not in RAISED_OR_OK):
            outcome, text = exercise_errors[name]
            result = CheckResult(lesson.id, name, outcome, text)
        if result is None and stopped_text:
            result = CheckResult(
                lesson.id,
                name,
                "raised",
                f"Not checked: the run stopped because {stopped_text}.",
            )
        if result is None:
            result = CheckResult(
                lesson.id,
                name,
                "not_attempted",
                f"The notebook never ran `start({lesson.id!r})`, so nothing could be checked.",
            )
        results.append(result)
    return results


def _stopped_cell(running: list[int], n_learner_cells: int) -> int | None:
    """The learner's cell number (from 1) that was running when the run stopped."""
    if not running:
        return None
    index = running[-1]  # index 0 is diveml's first cell, so this is the learner's number
    return index if 1 <= index <= n_learner_cells else None


def check_notebook(
    path: str | Path, *, timeout: int = 600, folder_limit: int = FOLDER_LIMIT
) -> NotebookReport:
    """Run a learner's lesson notebook headless and report every exercise.

    The notebook runs in a fresh kernel, in a temporary folder of its own that holds a
    copy of the notebook and nothing else (lessons load their data through the catalog),
    so nothing a run writes lands beside the notebook, and no file left there by an
    earlier run can make a check pass. The notebook file is not changed, and the
    learner's progress is not touched. A run that writes more than ``folder_limit``
    bytes in that folder is stopped.
    """
    import shutil
    import tempfile

    path = Path(path)
    notebook = _read(path)
    lesson, notes = _lesson_of(notebook, path)
    with tempfile.TemporaryDirectory(prefix="diveml-check-") as scratch:
        folder = Path(scratch)
        shutil.copyfile(path, folder / path.name)
        report = run_notebook(
            notebook, lesson, path=str(path), timeout=timeout, cwd=folder, folder_limit=folder_limit
        )
    report.notes.extend(notes)
    return report


def grade_folder(
    folder: str | Path, *, timeout: int = 600, folder_limit: int = FOLDER_LIMIT
) -> list[NotebookReport]:
    """Check every lesson notebook under ``folder`` (a teacher's tool).

    Each notebook runs on its own, as :func:`check_notebook` runs it (its own kernel, its
    own temporary folder). A file that is not a lesson notebook, or one whose run stopped
    early, is reported as such rather than stopping the others.
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
    return [_grade_one(path, timeout, folder_limit) for path in paths]


def _grade_one(path: Path, timeout: int, folder_limit: int) -> NotebookReport:
    try:
        notebook = _read(path)
    except LessonNotebookError as exc:
        return NotebookReport(str(path), "", [], [], 0.0, [str(exc)], kind="unreadable")
    try:
        _lesson_of(notebook, path)
    except LessonNotebookError as exc:
        kind = "not a lesson" if "diveml" not in notebook.metadata else "cannot be checked"
        return NotebookReport(str(path), "", [], [], 0.0, [str(exc)], kind=kind)
    try:
        return check_notebook(path, timeout=timeout, folder_limit=folder_limit)
    except LessonNotebookError as exc:
        return NotebookReport(str(path), "", [], [], 0.0, [str(exc)], kind="unreadable")


def write_grades_csv(reports: list[NotebookReport], file: str | Path) -> Path:
    """Write one row per notebook and exercise: path, lesson, exercise, outcome, message.

    A file that is not a lesson gets one row, with what it is as its outcome.
    """
    from diveml.outputs import check_file, write_text

    file = check_file(file, option="csv")
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["notebook", "lesson", "exercise", "outcome", "message"])
    for report in reports:
        if not report.results:
            writer.writerow([report.path, report.lesson, "", report.kind, "; ".join(report.notes)])
        for r in report.results:
            writer.writerow([report.path, report.lesson, r.exercise, r.outcome, r.feedback])
    return write_text(file, handle.getvalue(), option="csv")


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

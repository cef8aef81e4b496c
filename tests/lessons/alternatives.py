"""Check other answers than the reference one, as a learner would write them.

``answer(lesson_id, exercise, code)`` runs the lesson's cells in solution mode up to the
exercise (once per lesson, cached), then runs the exercise's starter and ``code`` on a
copy of those variables, in a scratch folder, and returns what the check says.
"""

from __future__ import annotations

import contextlib
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

from diveml.lessons import CheckResult, _handles, get_lesson
from diveml.lessons._check import evaluate, learner_error_line, run_learner_code
from diveml.lessons._proof import _one_blas_thread, _snapshot
from diveml.lessons._source import read_source

# Lessons may write files (a submission.csv): in a folder removed when the tests end.
_SCRATCH_DIR = tempfile.TemporaryDirectory(prefix="diveml-alternatives-")
_SCRATCH = Path(_SCRATCH_DIR.name)


@functools.cache
def _before_each_exercise(lesson_id: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Per exercise: the variables just before its starter cell, and that cell."""
    lesson = get_lesson(lesson_id)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    found: dict[str, tuple[dict[str, Any], str]] = {}
    was_headless = _handles._HEADLESS
    _handles._begin_headless()
    try:
        with (
            contextlib.chdir(_SCRATCH),
            contextlib.redirect_stdout(io.StringIO()),
            _one_blas_thread(),
        ):
            for cell in read_source(lesson):
                if cell.kind != "code":
                    continue
                if cell.role == "starter" and cell.exercise:
                    found[cell.exercise] = (_snapshot(namespace), cell.source)
                    continue
                error = run_learner_code(cell.source, namespace, f"<{lesson_id} {cell.index}>")
                assert error is None, learner_error_line(error)
    finally:
        _handles._HEADLESS = was_headless
    return found


def answer(lesson_id: str, exercise: str, code: str) -> CheckResult:
    """What the check of ``exercise`` says when a learner writes ``code`` for it."""
    lesson = get_lesson(lesson_id)
    before, starter = _before_each_exercise(lesson.id)[exercise]
    namespace = _snapshot(before)
    with (
        contextlib.chdir(_SCRATCH),
        contextlib.redirect_stdout(io.StringIO()),
        _one_blas_thread(),
    ):
        for source in (starter, code):
            error = run_learner_code(source, namespace, f"<{exercise}: alternative>")
            if error is not None:
                return CheckResult(lesson.id, exercise, "raised", learner_error_line(error))
        return evaluate(lesson.exercises[exercise], namespace)

"""Run other right answers (and other wrong ones) in a lesson's notebook, as the proofs do.

The proofs in ``test_exercises.py`` run each exercise's reference solution and known-wrong
answers. A learner may write a different, equally right answer; these helpers run such an
answer on a copy of the notebook's variables just before the exercise (every earlier cell
in solution mode, then the exercise's starter), and return the check's outcome.
"""

from __future__ import annotations

import contextlib
import functools
import io
import tempfile
from typing import Any

from diveml.lessons import _handles, get_lesson
from diveml.lessons._check import evaluate, learner_error_line, run_learner_code
from diveml.lessons._model import CheckResult
from diveml.lessons._proof import _snapshot
from diveml.lessons._source import read_source


@functools.cache
def namespaces_before_exercises(lesson_id: str) -> dict[str, dict[str, Any]]:
    """Each exercise's namespace as its starter cell leaves it, the cells above in solution mode."""
    lesson = get_lesson(lesson_id)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    before: dict[str, dict[str, Any]] = {}
    was_headless = _handles._HEADLESS
    _handles._begin_headless()
    try:
        with (
            tempfile.TemporaryDirectory() as scratch,
            contextlib.chdir(scratch),
            contextlib.redirect_stdout(io.StringIO()),
        ):
            for cell in read_source(lesson):
                if cell.kind != "code":
                    continue
                if cell.role == "starter" and cell.exercise:
                    copy = _snapshot(namespace)
                    error = run_learner_code(cell.source, copy, "<starter>")
                    assert error is None, learner_error_line(error)
                    before[cell.exercise] = copy
                    continue
                error = run_learner_code(cell.source, namespace, f"<cell {cell.index}>")
                assert error is None, f"cell {cell.index}: {learner_error_line(error)}"
    finally:
        _handles._HEADLESS = was_headless
    import matplotlib.pyplot as plt

    plt.close("all")
    return before


def outcome_of(lesson_id: str, exercise: str, code: str) -> CheckResult:
    """Run ``code`` in place of the exercise's solution and return what the check says."""
    namespace = _snapshot(namespaces_before_exercises(lesson_id)[exercise])
    was_headless = _handles._HEADLESS
    _handles._begin_headless()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            error = run_learner_code(code, namespace, f"<{exercise}: alternative>")
            if error is not None:
                return CheckResult(lesson_id, exercise, "raised", learner_error_line(error))
            return evaluate(get_lesson(lesson_id).exercises[exercise], namespace)
    finally:
        _handles._HEADLESS = was_headless

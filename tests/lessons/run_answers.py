"""One proof per lesson, shared by every test that needs the lesson's cells run.

The proofs in ``test_exercises.py`` run each exercise's reference solution and known-wrong
answers (``prove_lesson``). A learner may write a different, equally right answer; the
lesson tests try such answers on a copy of the notebook's variables just before the
exercise (every earlier cell in solution mode, then the exercise's starter), and look at
the check's outcome. Running a lesson's cells is the slow part of these tests, so it
happens once per lesson and test process: ``lesson_proof`` keeps the proof, the variables
before each exercise and the folder the lesson wrote its files in. The lesson's tests carry
``pytest.mark.xdist_group(lesson_id)`` (``by_lesson``), so that under ``--dist loadgroup``
one worker runs them all and the lesson runs once in the whole suite.
"""

from __future__ import annotations

import contextlib
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest

from diveml.lessons import _handles, get_lesson
from diveml.lessons._check import evaluate, learner_error_line, run_learner_code
from diveml.lessons._model import CheckResult
from diveml.lessons._proof import LessonProof, _one_blas_thread, _snapshot, prove_lesson

# Lessons write files (a submission.csv, study folders): in folders removed when the tests end.
_SCRATCH_DIR = tempfile.TemporaryDirectory(prefix="diveml-lesson-proofs-")


def by_lesson(lesson_id: str) -> pytest.MarkDecorator:
    """The mark that sends every test of one lesson to the same xdist worker."""
    return pytest.mark.xdist_group(f"lesson-{lesson_id}")


def _folder(lesson_id: str) -> Path:
    return Path(_SCRATCH_DIR.name) / lesson_id


@functools.cache
def lesson_proof(lesson_id: str) -> LessonProof:
    """The lesson's proof, run once per test process, with each exercise's variables kept."""
    folder = _folder(lesson_id)
    folder.mkdir()
    # The learner's notebook as given (starter mode) runs in a kernel in test_exercises.py:
    # running it here too would run the lesson's slow cells once more for nothing.
    proof = prove_lesson(get_lesson(lesson_id), folder=folder, starter_mode=False)
    import matplotlib.pyplot as plt

    plt.close("all")
    return proof


def namespaces_before_exercises(lesson_id: str) -> dict[str, dict[str, Any]]:
    """Each exercise's namespace as its starter cell leaves it, the cells above in solution mode."""
    proof = lesson_proof(lesson_id)
    assert proof.cell_errors == [], proof.cell_errors
    return proof.before


def outcome_of(lesson_id: str, exercise: str, code: str) -> CheckResult:
    """Run ``code`` in place of the exercise's solution and return what the check says.

    It runs in the lesson's folder, after the lesson's own cells (so a study the lesson made
    is there) and after the answers tried before it in the same process.
    """
    namespace = _snapshot(namespaces_before_exercises(lesson_id)[exercise])
    was_headless = _handles._HEADLESS
    _handles._begin_headless()
    try:
        with (
            contextlib.chdir(_folder(lesson_id)),
            contextlib.redirect_stdout(io.StringIO()),
            _one_blas_thread(),
        ):
            error = run_learner_code(code, namespace, f"<{exercise}: alternative>")
            if error is not None:
                return CheckResult(lesson_id, exercise, "raised", learner_error_line(error))
            return evaluate(get_lesson(lesson_id).exercises[exercise], namespace)
    finally:
        _handles._HEADLESS = was_headless

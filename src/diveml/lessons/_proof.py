"""Prove a lesson's exercises in-process: solution passes, starter is not attempted,
and every known-wrong answer gives its declared outcome and message.

The lesson's cells run top to bottom in one namespace, as in a notebook with the
solutions filled in. At each exercise, the starter and each wrong answer run on a copy
of the namespace as it was just before the exercise, and are checked there.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import threadpoolctl

from diveml.lessons import _handles
from diveml.lessons._check import evaluate, learner_error_line, run_learner_code
from diveml.lessons._model import CheckResult, Exercise, Lesson, Outcome, Wrong
from diveml.lessons._source import SourceCell, read_source

__all__ = ["LessonProof", "VariantProof", "prove_lesson"]


@dataclasses.dataclass(frozen=True)
class VariantProof:
    """One proven answer: what was declared and what the checker said."""

    exercise: str
    variant: str  # "solution", "starter" or "wrong 1", "wrong 2", ...
    code: str
    expected_outcome: Outcome
    expected_message: str
    result: CheckResult

    @property
    def ok(self) -> bool:
        """True when the outcome and the message are the declared ones."""
        return self.result.outcome == self.expected_outcome and (
            self.expected_message in self.result.feedback
        )

    def explain(self) -> str:
        """Say what differed, for a test failure."""
        return (
            f"{self.exercise} ({self.variant}): expected {self.expected_outcome!r} "
            f"with {self.expected_message!r}, got {self.result.outcome!r}: "
            f"{self.result.feedback!r}\ncode:\n{self.code}"
        )


@dataclasses.dataclass
class LessonProof:
    """Every variant of every exercise of a lesson, and any cell that failed."""

    lesson: str
    variants: list[VariantProof]
    cell_errors: list[str]
    seconds: float
    starter_errors: list[str] = dataclasses.field(default_factory=list)
    # Per exercise, the variables as its starter cell leaves them (the cells above in
    # solution mode): kept only when asked, for tests that try other answers there.
    before: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)

    def for_exercise(self, name: str) -> list[VariantProof]:
        """The proofs of one exercise."""
        return [v for v in self.variants if v.exercise == name]


_SHARED_LIBRARIES = {"matplotlib", "IPython", "PIL", "ipykernel"}


def _shared(value: object) -> bool:
    """Values a wrong answer will not change, or that are slow to copy (figures, axes)."""
    if isinstance(value, _handles.LessonHandle):
        return True
    if type(value).__module__.split(".")[0] in _SHARED_LIBRARIES:
        return True
    dtype = getattr(value, "dtype", None)
    return getattr(dtype, "kind", None) == "O" and type(value).__module__ == "numpy"


def _snapshot(namespace: dict[str, Any]) -> dict[str, Any]:
    """Copy a namespace deeply enough that a wrong answer cannot change the original."""
    copied: dict[str, Any] = {}
    for key, value in namespace.items():
        if key == "__builtins__" or _shared(value):
            copied[key] = value
            continue
        try:
            copied[key] = copy.deepcopy(value)
        except Exception:  # modules, open files, generators: share them
            copied[key] = value
    return copied


@contextlib.contextmanager
def _own_folder() -> Iterator[None]:
    """Run one answer in a copy of the lesson's folder, so files it writes (or fails to
    write) cannot change what another answer's check finds, as in ``diveml grade``."""
    import os
    import shutil

    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="diveml-variant-") as folder:
        shutil.copytree(here, folder, dirs_exist_ok=True)
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(here)


def _run_and_check_here(
    exercise: Exercise, code: str, namespace: dict[str, Any], label: str
) -> CheckResult:
    # As IPython does, keep the cell's source in the input history, for `Check.code_for`.
    history = namespace.get("_ih")
    namespace["_ih"] = [*(history if isinstance(history, list) else [""]), code]
    error = run_learner_code(code, namespace, f"<{exercise.name}: {label}>")
    if error is not None:
        # As in a notebook run: the learner's cell failed, so that is what they are told.
        return CheckResult(exercise.lesson_id, exercise.name, "raised", learner_error_line(error))
    return evaluate(exercise, namespace)


def _run_and_check(
    exercise: Exercise, code: str, namespace: dict[str, Any], label: str
) -> CheckResult:
    if label == "solution":  # the solution's files are what later cells build on
        return _run_and_check_here(exercise, code, namespace, label)
    with _own_folder():
        return _run_and_check_here(exercise, code, namespace, label)


def _one_blas_thread() -> threadpoolctl.threadpool_limits:
    """One BLAS/OpenMP thread while the lesson runs, as in a headless notebook (_runner).

    threadpoolctl only limits the libraries already loaded, so load the ones lessons use
    (numpy's and scipy's OpenBLAS, scikit-learn's OpenMP) first. The limits are undone
    when the proof ends.
    """
    import scipy.linalg  # noqa: F401
    import sklearn.decomposition  # noqa: F401

    return threadpoolctl.threadpool_limits(1)


def prove_lesson(
    lesson: Lesson,
    *,
    extra: Mapping[str, Sequence[Wrong]] | None = None,
    alternatives: Mapping[str, Sequence[str]] | None = None,
    folder: Path | None = None,
    starter_mode: bool = True,
) -> LessonProof:
    """Run the lesson's solution path once and prove each exercise's variants on the way.

    ``extra`` adds known-wrong answers per exercise (labelled ``extra 1``, ...) and
    ``alternatives`` other right answers (``alternative 1``, ..., expected *correct*):
    what a measurement of the checks (``bench/lesson_checks``) tries beyond the lesson's
    own ``wrong=`` list.

    The solution path runs in ``folder`` (an empty one, as a fresh workspace), which is
    kept with the files the lesson wrote, and the proof keeps each exercise's variables
    (``LessonProof.before``), so that tests can try other answers there without running
    the lesson again. Without ``folder``, a scratch folder is used and removed, and no
    variables are kept.

    ``starter_mode=False`` leaves out the run of the notebook as the learner gets it
    (``starter_errors`` stays empty), for callers that run that notebook in a kernel
    anyway (the test suite's ``execute_lesson(..., "starter")``).
    """
    started = time.perf_counter()
    cells = read_source(lesson)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    variants: list[VariantProof] = []
    errors: list[str] = []
    before: dict[str, dict[str, Any]] | None = {} if folder is not None else None
    was_headless = _handles._HEADLESS
    _handles._begin_headless()
    # What the cells print (checks, hints) would bury the proofs' own report.
    starter_errors: list[str] = []
    try:
        # In a scratch folder, as a notebook in a fresh workspace: lessons may write files.
        with (
            tempfile.TemporaryDirectory() as scratch,
            tempfile.TemporaryDirectory() as fresh,
            contextlib.redirect_stdout(io.StringIO()),
            _one_blas_thread(),
        ):
            with contextlib.chdir(folder if folder is not None else scratch):
                _run_cells(
                    lesson,
                    cells,
                    namespace,
                    variants,
                    errors,
                    extra or {},
                    alternatives or {},
                    before,
                )
            # The learner's notebook as given, in a fresh workspace of its own (as a notebook
            # run in starter mode), so that no file the solutions wrote can hide an error.
            if starter_mode:
                with contextlib.chdir(fresh):
                    _run_starter_mode(lesson, cells, starter_errors)
    finally:
        _handles._HEADLESS = was_headless
    try:
        import matplotlib.pyplot as plt

        plt.close("all")
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        pass
    seconds = time.perf_counter() - started
    return LessonProof(lesson.id, variants, errors, seconds, starter_errors, before or {})


def _run_starter_mode(lesson: Lesson, cells: list[SourceCell], errors: list[str]) -> None:
    """Run the learner's notebook as given (starter cells, no solutions): nothing may fail."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for cell in cells:
        if cell.kind != "code" or cell.role == "solution":
            continue
        error = run_learner_code(cell.source, namespace, f"<{lesson.id} cell {cell.index}>")
        if error is not None:
            errors.append(f"starter mode: cell {cell.index} raised {learner_error_line(error)}")


def _run_cells(
    lesson: Lesson,
    cells: list[SourceCell],
    namespace: dict[str, Any],
    variants: list[VariantProof],
    errors: list[str],
    extra: Mapping[str, Sequence[Wrong]],
    alternatives: Mapping[str, Sequence[str]],
    kept: dict[str, dict[str, Any]] | None = None,
) -> None:
    for cell in cells:
        if cell.kind != "code":
            continue
        exercise = lesson.exercises.get(cell.exercise or "")
        if cell.role == "starter" and exercise is not None:
            # A learner edits the starter cell, so a wrong answer runs after the starter
            # (its imports, its placeholders), on a copy of the notebook's variables.
            before = _snapshot(namespace)
            starter_error = run_learner_code(cell.source, before, f"<{exercise.name}: starter>")
            if starter_error is not None:
                errors.append(
                    f"starter of {exercise.name} raised {learner_error_line(starter_error)}"
                )
            if kept is not None:
                kept[exercise.name] = before
            variants.append(
                VariantProof(
                    exercise.name,
                    "starter",
                    cell.source,
                    "not_attempted",
                    "",
                    _run_and_check(exercise, cell.source, _snapshot(namespace), "starter"),
                )
            )
            tried = [(f"wrong {n}", w) for n, w in enumerate(exercise.wrong, start=1)]
            tried += [(f"extra {n}", w) for n, w in enumerate(extra.get(exercise.name, ()), 1)]
            tried += [
                (f"alternative {n}", Wrong(code, outcome="correct"))
                for n, code in enumerate(alternatives.get(exercise.name, ()), start=1)
            ]
            for label, wrong in tried:
                variants.append(
                    VariantProof(
                        exercise.name,
                        label,
                        wrong.code,
                        wrong.outcome,
                        wrong.message,
                        _run_and_check(exercise, wrong.code, _snapshot(before), label),
                    )
                )
            continue
        if cell.role == "solution" and exercise is not None:
            result = _run_and_check(exercise, cell.source, namespace, "solution")
            variants.append(
                VariantProof(exercise.name, "solution", cell.source, "correct", "", result)
            )
            continue
        error = run_learner_code(cell.source, namespace, f"<{lesson.id} cell {cell.index}>")
        if error is not None:
            errors.append(f"cell {cell.index} raised {learner_error_line(error)}")

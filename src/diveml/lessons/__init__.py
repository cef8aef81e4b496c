"""Hands-on lessons whose exercises are checked on the spot.

In a lesson notebook::

    from diveml.lessons import start
    ex = start("00-how-this-works")
    ex.first_answer.check()      # or .hint(), .solution()

From Python or the command line (``diveml learn``, ``diveml check``, ``diveml grade``):
:func:`list_lessons`, :func:`copy_lesson`, :func:`check_notebook`, :func:`grade_folder`,
:func:`lesson_progress`. Lesson authors: see ``authoring`` and ``AUTHORING.md``.
"""

from __future__ import annotations

from diveml.lessons._data import require_data
from diveml.lessons._handles import ExerciseHandle, LessonHandle, start
from diveml.lessons._model import OUTCOMES, CheckResult, Exercise, Lesson, Outcome, Wrong
from diveml.lessons._progress import (
    ExerciseProgress,
    LessonProgress,
    lesson_progress,
    read_progress,
)
from diveml.lessons._registry import all_lessons, get_lesson
from diveml.lessons._runner import (
    NotebookReport,
    check_notebook,
    execute_lesson,
    grade_folder,
    write_grades_csv,
)
from diveml.lessons._source import render
from diveml.lessons._workspace import LessonCopy, copy_lesson, open_in_jupyter

__all__ = [
    "OUTCOMES",
    "CheckResult",
    "Exercise",
    "ExerciseHandle",
    "ExerciseProgress",
    "Lesson",
    "LessonCopy",
    "LessonHandle",
    "LessonProgress",
    "NotebookReport",
    "Outcome",
    "Wrong",
    "all_lessons",
    "check_notebook",
    "copy_lesson",
    "execute_lesson",
    "get_lesson",
    "grade_folder",
    "lesson_progress",
    "open_in_jupyter",
    "read_progress",
    "render",
    "require_data",
    "start",
    "write_grades_csv",
]

"""Find every lesson: one module per lesson in ``diveml.lessons.exercises``."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from diveml.exceptions import LessonNotFoundError
from diveml.lessons._model import Lesson

__all__ = ["all_lessons", "get_lesson"]


@functools.cache
def _discover() -> dict[str, Lesson]:
    from diveml.lessons import exercises

    lessons: dict[str, Lesson] = {}
    for info in sorted(pkgutil.iter_modules(exercises.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{exercises.__name__}.{info.name}")
        lesson = getattr(module, "lesson", None)
        if not isinstance(lesson, Lesson):
            raise TypeError(
                f"{module.__name__} must define `lesson = Lesson(...)` at module level."
            )
        if lesson.id in lessons:
            raise ValueError(f"Two modules define lesson {lesson.id!r}.")
        lessons[lesson.id] = lesson
    # The path follows the guide's order, not the ids' (see Lesson.path_order).
    ordered = sorted(lessons.values(), key=lambda lesson: (lesson.path_position, lesson.id))
    return {lesson.id: lesson for lesson in ordered}


def all_lessons() -> list[Lesson]:
    """Return every lesson, in path order (the guide's order; see ``Lesson.path_order``)."""
    return list(_discover().values())


def get_lesson(key: str | int) -> Lesson:
    """Return a lesson by id (``01-get-your-feet-wet``), number (``1``) or name.

    Raises :class:`~diveml.exceptions.LessonNotFoundError` with a suggestion on a typo.
    """
    lessons = _discover()
    text = str(key).strip()
    if text in lessons:
        return lessons[text]
    for lesson in lessons.values():
        if text.isdigit() and int(text) == lesson.number:
            return lesson
        if text.lower() == lesson.slug or text.lower() == lesson.title.lower():
            return lesson
    names = [*lessons, *(lesson.slug for lesson in lessons.values())]
    raise LessonNotFoundError(text, names)

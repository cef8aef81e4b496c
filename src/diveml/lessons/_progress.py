"""Lesson progress in the local state database (the ``progress`` table)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from diveml.config import Settings, resolve_settings
from diveml.lessons._model import Outcome
from diveml.state import Database

__all__ = [
    "ExerciseProgress",
    "LessonProgress",
    "lesson_progress",
    "read_progress",
    "record_check",
    "record_hint",
    "record_solution",
]


@dataclasses.dataclass(frozen=True)
class ExerciseProgress:
    """One row of the progress table."""

    lesson: str
    exercise: str
    outcome: str
    attempts: int
    hints_used: int
    solution_viewed: bool
    first_correct_at: str | None

    @property
    def solved(self) -> bool:
        """True once the exercise has been checked correct at least once."""
        return self.first_correct_at is not None


@dataclasses.dataclass(frozen=True)
class LessonProgress:
    """Progress on one lesson: its exercises, solved or not."""

    lesson: str
    title: str
    minutes: int
    exercises: tuple[str, ...]
    rows: dict[str, ExerciseProgress]

    @property
    def solved(self) -> int:
        """How many exercises have been solved."""
        return sum(1 for r in self.rows.values() if r.solved and r.exercise in self.exercises)

    @property
    def status(self) -> str:
        """``not started``, ``in progress`` or ``done``."""
        if self.solved == len(self.exercises) and self.exercises:
            return "done"
        return "in progress" if self.rows else "not started"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _database(settings: Settings | None) -> Database:
    settings = settings or resolve_settings()
    return Database(settings.database_path)


def _upsert(
    lesson: str,
    exercise: str,
    settings: Settings | None,
    *,
    outcome: Outcome | None = None,
    hints_used: int | None = None,
    solution_viewed: bool = False,
) -> ExerciseProgress:
    now = _now()
    with _database(settings) as db, db.transaction() as con:
        con.execute(
            "INSERT OR IGNORE INTO progress (lesson, exercise, outcome, updated_at) "
            "VALUES (?, ?, 'not_attempted', ?)",
            (lesson, exercise, now),
        )
        if outcome is not None:
            attempt = 0 if outcome == "not_attempted" else 1
            con.execute(
                "UPDATE progress SET outcome = ?, attempts = attempts + ?, updated_at = ?, "
                "first_correct_at = CASE WHEN ? = 'correct' AND first_correct_at IS NULL "
                "THEN ? ELSE first_correct_at END WHERE lesson = ? AND exercise = ?",
                (outcome, attempt, now, outcome, now, lesson, exercise),
            )
        if hints_used is not None:
            con.execute(
                "UPDATE progress SET hints_used = MAX(hints_used, ?), updated_at = ? "
                "WHERE lesson = ? AND exercise = ?",
                (hints_used, now, lesson, exercise),
            )
        if solution_viewed:
            con.execute(
                "UPDATE progress SET solution_viewed = 1, updated_at = ? "
                "WHERE lesson = ? AND exercise = ?",
                (now, lesson, exercise),
            )
        row = con.execute(
            "SELECT * FROM progress WHERE lesson = ? AND exercise = ?", (lesson, exercise)
        ).fetchone()
    return _row(row)


def _row(row: object) -> ExerciseProgress:
    r: dict[str, object] = dict(row)  # type: ignore[call-overload]
    return ExerciseProgress(
        lesson=str(r["lesson"]),
        exercise=str(r["exercise"]),
        outcome=str(r["outcome"]),
        attempts=int(r["attempts"]),  # type: ignore[call-overload]
        hints_used=int(r["hints_used"]),  # type: ignore[call-overload]
        solution_viewed=bool(r["solution_viewed"]),
        first_correct_at=None if r["first_correct_at"] is None else str(r["first_correct_at"]),
    )


def record_check(
    lesson: str, exercise: str, outcome: Outcome, settings: Settings | None = None
) -> ExerciseProgress:
    """Record one check's outcome (an attempt, unless nothing was attempted)."""
    return _upsert(lesson, exercise, settings, outcome=outcome)


def record_hint(
    lesson: str, exercise: str, hints_used: int, settings: Settings | None = None
) -> ExerciseProgress:
    """Record that ``hints_used`` hints of an exercise have now been shown."""
    return _upsert(lesson, exercise, settings, hints_used=hints_used)


def record_solution(
    lesson: str, exercise: str, settings: Settings | None = None
) -> ExerciseProgress:
    """Record that the learner viewed an exercise's solution."""
    return _upsert(lesson, exercise, settings, solution_viewed=True)


def read_progress(
    lesson: str | None = None, settings: Settings | None = None
) -> list[ExerciseProgress]:
    """Return progress rows, for one lesson or all."""
    with _database(settings) as db:
        if lesson is None:
            rows = db.query("SELECT * FROM progress ORDER BY lesson, exercise")
        else:
            rows = db.query("SELECT * FROM progress WHERE lesson = ? ORDER BY exercise", (lesson,))
    return [_row(r) for r in rows]


def lesson_progress(settings: Settings | None = None) -> list[LessonProgress]:
    """Return progress for every lesson on the path, in order."""
    from diveml.lessons._registry import all_lessons

    rows = read_progress(settings=settings)
    result = []
    for lesson in all_lessons():
        mine = {r.exercise: r for r in rows if r.lesson == lesson.id}
        result.append(
            LessonProgress(
                lesson=lesson.id,
                title=lesson.title,
                minutes=lesson.minutes,
                exercises=tuple(lesson.exercises),
                rows=mine,
            )
        )
    return result

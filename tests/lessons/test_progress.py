"""Progress in the state database."""

from __future__ import annotations

from diveml.config import Settings
from diveml.lessons import lesson_progress
from diveml.lessons._progress import record_check, record_hint, record_solution


def test_lesson_progress_counts_solved_exercises(settings: Settings) -> None:
    record_check("00-how-this-works", "first_answer", "correct", settings)
    record_check("00-how-this-works", "count_rows", "incorrect", settings)
    record_hint("00-how-this-works", "count_rows", 2, settings)
    record_solution("00-how-this-works", "count_rows", settings)
    lessons = {p.lesson: p for p in lesson_progress(settings)}
    zero = lessons["00-how-this-works"]
    assert (zero.solved, zero.status) == (1, "in progress")
    assert lessons["01-get-your-feet-wet"].status == "not started"
    row = zero.rows["count_rows"]
    assert (row.attempts, row.hints_used, row.solution_viewed) == (1, 2, True)


def test_lesson_is_done_when_every_exercise_is_solved(settings: Settings) -> None:
    from diveml.lessons import get_lesson

    for name in get_lesson(0).exercises:
        record_check("00-how-this-works", name, "correct", settings)
    assert lesson_progress(settings)[0].status == "done"


def test_hints_used_never_goes_down(settings: Settings) -> None:
    record_hint("00-how-this-works", "mean_petal", 3, settings)
    assert record_hint("00-how-this-works", "mean_petal", 1, settings).hints_used == 3

"""Every exercise of every lesson, proven: found automatically from the registry.

For each exercise: the reference solution passes, the starter is *not attempted*, and
every known-wrong answer gives its declared outcome and message. For each lesson (slow):
the notebook runs end to end with nbclient in starter mode (every cell without error, every
exercise not attempted) and in solution mode.
"""

from __future__ import annotations

import re

import pytest

from diveml.lessons import all_lessons, execute_lesson, get_lesson
from diveml.lessons._proof import VariantProof
from diveml.lessons._source import read_source, validate_source
from tests.lessons.run_answers import by_lesson, lesson_proof

LESSONS = [lesson.id for lesson in all_lessons()]
# The tests that read a lesson's proof go to the worker of that lesson's other tests
# (``by_lesson``), where its one in-process run serves them all.
PROVEN = [pytest.param(lesson_id, marks=by_lesson(lesson_id)) for lesson_id in LESSONS]
EXERCISES = [
    pytest.param(lesson.id, name, marks=by_lesson(lesson.id))
    for lesson in all_lessons()
    for name in lesson.exercises
]
WRONGS = [
    pytest.param(lesson.id, name, number, marks=by_lesson(lesson.id))
    for lesson in all_lessons()
    for name, exercise in lesson.exercises.items()
    for number in range(1, len(exercise.wrong) + 1)
]
NOTEBOOK_SECONDS = 60


def _variant(lesson_id: str, exercise: str, variant: str) -> VariantProof:
    found = [v for v in lesson_proof(lesson_id).for_exercise(exercise) if v.variant == variant]
    assert len(found) == 1, f"{exercise}: no {variant} was run (is the source marked?)"
    return found[0]


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_source_marks_every_exercise(lesson_id: str) -> None:
    assert validate_source(get_lesson(lesson_id)) == []


@pytest.mark.parametrize("lesson_id", PROVEN)
def test_lesson_cells_run_without_error(lesson_id: str) -> None:
    assert lesson_proof(lesson_id).cell_errors == []


@pytest.mark.parametrize(("lesson_id", "exercise"), EXERCISES)
def test_reference_solution_is_correct(lesson_id: str, exercise: str) -> None:
    proof = _variant(lesson_id, exercise, "solution")
    assert proof.ok, proof.explain()


@pytest.mark.parametrize(("lesson_id", "exercise"), EXERCISES)
def test_starter_is_not_attempted(lesson_id: str, exercise: str) -> None:
    proof = _variant(lesson_id, exercise, "starter")
    assert proof.ok, proof.explain()


@pytest.mark.parametrize(("lesson_id", "exercise", "number"), WRONGS)
def test_known_wrong_answer_gives_its_outcome_and_message(
    lesson_id: str, exercise: str, number: int
) -> None:
    proof = _variant(lesson_id, exercise, f"wrong {number}")
    assert proof.ok, proof.explain()


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_meets_the_teaching_conventions(lesson_id: str) -> None:
    lesson = get_lesson(lesson_id)
    cells = read_source(lesson)
    text = "\n".join(c.source for c in cells)
    assert 4 <= len(lesson.exercises) <= 8
    assert 15 <= lesson.minutes <= 30
    assert re.search(r"plt\.|\.plot\(|\.hist\(|\.imshow\(", text), "no plot"
    assert "## Going further" in text
    before_exercises = [c.source for c in cells[: next(c.index for c in cells if c.role)]]
    assert any(f'start("{lesson.id}")' in source for source in before_exercises)


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_starter_notebook_runs_with_every_exercise_not_attempted(lesson_id: str) -> None:
    report = execute_lesson(lesson_id, "starter")
    assert report.cell_errors == []
    assert {r.exercise: r.outcome for r in report.results} == dict.fromkeys(
        get_lesson(lesson_id).exercises, "not_attempted"
    )
    # Nor did an exercise's own cell raise (the runner reports such an error as "cell N:
    # ..."; one that only follows from an earlier exercise not being done reads as not
    # attempted): the notebook as the learner gets it runs without any error.
    raised = [r.feedback for r in report.results if re.match(r"cell \d+", r.feedback)]
    assert raised == []
    assert report.seconds < NOTEBOOK_SECONDS


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_solution_notebook_runs_with_every_exercise_correct(lesson_id: str) -> None:
    report = execute_lesson(lesson_id, "solution")
    assert report.cell_errors == []
    assert {r.exercise: r.outcome for r in report.results} == dict.fromkeys(
        get_lesson(lesson_id).exercises, "correct"
    ), [r.text() for r in report.results if r.outcome != "correct"]
    assert report.seconds < NOTEBOOK_SECONDS


@by_lesson("00-how-this-works")
def test_under_loadgroup_a_lessons_tests_carry_its_group(request: pytest.FixtureRequest) -> None:
    # The lesson's proof runs once only if xdist keeps its tests on one worker, and it does
    # so through a suffix it adds to their ids; pytest 9.2 silently drops it
    # (pytest-dev/pytest-xdist#1386) and every lesson would run once per worker.
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("only meaningful under pytest-xdist's --dist loadgroup")
    assert request.node.nodeid.endswith("@lesson-00-how-this-works"), request.node.nodeid

"""Lesson 20's own checks: valid alternatives pass; the study gives the review what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import pytest

from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "20-technical-debt"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)

ALTERNATIVES = [
    (
        "failing_tests",
        "failing_tests = sorted(i['id'] for i in review.items "
        "if i['rubric'] == 'ml-test-score' and i['status'] == 'fail')",
    ),
    (
        "ml_test_score",
        "section_points = {s: 0.0 for s in ('data', 'model', 'infra', 'monitoring')}\n"
        "for i in review.items:\n"
        "    if i['rubric'] == 'ml-test-score' and i['status'] == 'pass':\n"
        "        section_points[i['id'].split('-')[0]] += 1.0 if i['automated'] else 0.5\n"
        "my_score = min(section_points.values())",
    ),
    (
        "audit_columns",
        "left_out = first.result['exclusions'][0]['column']\n"
        "flagged_column = [c for c in table.columns if 'name' in c][0]",
    ),
    (
        "weak_features",
        "weak_features = sorted(c for c, m, s in zip(importance['column'], "
        "importance['mean'], importance['std']) if m <= 2 * s)",
    ),
    (
        "second_look",
        "times_scored = int(fixed.result['holdout']['times_scored'])\n"
        "tweak_status = {i['id']: i['status'] for i in fixed_review.items}['parameter-tweak']",
    ),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_the_study_drops_the_id_and_the_review_asks_about_the_name() -> None:
    # What the text says the reader will see: the audit drops penguin_id by itself, data-4
    # names observer_name, and after the fix the holdout has been looked at twice.
    result = outcome_of(
        LESSON, "audit_columns", 'left_out = "penguin_id"\nflagged_column = "observer_name"'
    )
    assert result.outcome == "correct", result.text()
    second = outcome_of(
        LESSON,
        "second_look",
        'times_scored = fixed.result["holdout"]["times_scored"]\ntweak_status = "fail"',
    )
    assert second.outcome == "correct", second.text()

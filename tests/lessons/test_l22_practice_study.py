"""Lesson 22's own checks: valid alternatives pass; the methods paragraph is read with care.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

import pytest

from diveml.lessons.exercises import l22_practice_study as l22
from tests.lessons.run_answers import by_lesson, outcome_of

LESSON = "22-practice-study"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)
_R = "r = my_study.result\n"

ALTERNATIVES = [
    ("the_question", 'target = "vote"\nmetric = "roc_auc"'),
    (
        "holdout_numbers",
        'h = my_study.result["holdout"]\n'
        "holdout_rows, holdout_score, interval = h['rows'], h['score'], "
        "[h['ci_low'], h['ci_high']]",
    ),
    (
        "reviewer_attacks",
        "r = my_study.result\nh = r['holdout']\n"
        "imp = r['diagnostics']['permutation_importance']\n"
        "attacks = set()\n"
        "if h['ci_low'] <= h['baseline_score']: attacks.add('A')\n"
        "if h['gap_flag']: attacks.add('B')\n"
        "if len([x for x in r['ladder'] if x['status'] == 'ok']) <= 2: attacks.add('C')\n"
        "if h['ci_high'] - h['ci_low'] > 0.05: attacks.add('D')\n"
        "if sum(i['mean'] - 2 * i['std'] <= 0 for i in imp) > len(imp) / 2: attacks.add('E')",
    ),
    (
        "methods_paragraph",
        _R + "h = r['holdout']\n"
        "methods = (f\"Data: the anes96 survey, {r['data']['rows']:,} respondents; "
        "target vote; metric {r['metric'].replace('_', ' ')} (set beforehand). "
        "Model chosen by cross-validation: {r['chosen']['label']}. Holdout "
        "({h['rows']} rows): {h['score']:.2f}, 95% CI [{h['ci_low']:.2f}, "
        "{h['ci_high']:.2f}].\")",
    ),
    (
        "review_study",
        "peer_review = diveml.review(my_study.out_dir, settings=settings)\n"
        "review_fails = sorted([i['id'] for i in peer_review.items if i['status'] == 'fail'])",
    ),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(exercise: str, code: str) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


@pytest.mark.parametrize(
    ("text", "value", "stated"),
    [
        ("scored 0.891 (95%)", 0.8912, True),
        ("scored 0.89, CI [0.85, 0.94]", 0.8912, True),
        ("scored 0.9", 0.8912, False),  # one decimal is too coarse to state a score
        ("scored 0.892", 0.8912, False),
        ("944 rows, 0.8913.", 0.89125, True),
    ],
)
def test_a_number_counts_as_stated_at_the_precision_it_is_written(
    text: str, value: float, stated: bool
) -> None:
    assert l22._states(text, value) is stated

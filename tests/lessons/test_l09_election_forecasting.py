"""Lesson 9's own checks: valid alternative answers pass; the data holds what the text says.

The generic proofs (solution, starter, every known-wrong answer, both notebook runs) are in
``test_exercises.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.lessons import get_lesson
from diveml.lessons.exercises import l09_election_forecasting as l09
from tests.lessons.run_answers import by_lesson, lesson_proof, outcome_of

LESSON = "09-election-forecasting"
# One worker runs this lesson's tests and its proofs: the lesson's cells run once.
pytestmark = by_lesson(LESSON)

ALTERNATIVES = [
    (
        "days_before",
        'pres["days_before"] = (pres.electiondate - pres.polldate).dt.days\n'
        'days_before = pres["days_before"].to_numpy()',
    ),
    (
        "poll_average",
        "def poll_average(race):\n"
        "    w = race.samplesize ** 0.5 / 2 ** (race.days_before / 7)\n"
        "    return (w * race.margin_poll).sum() / w.sum()",
    ),
    (
        "house_effect",
        'means = history.groupby("race_id")["margin_poll"].mean().rename("race_mean")\n'
        'joined = history.join(means, on="race_id")\n'
        "house_effect = (joined.margin_poll - joined.race_mean).groupby(joined.pollster).mean()",
    ),
    ("error_sd", 'error_sd = np.std(history_races["average"] - history_races["actual"])'),
    ("win_probability", 'dem_win = list(1 - norm.cdf(0, loc=forecast["margin"], scale=error_sd))'),
    (
        "inside_80",
        'low, high = norm.interval(0.8, loc=forecast["margin"], scale=error_sd)\n'
        'inside_80 = np.mean((forecast["actual"] >= low) & (forecast["actual"] <= high))',
    ),
]


@pytest.mark.parametrize(("exercise", "code"), ALTERNATIVES)
def test_a_valid_alternative_answer_is_accepted(
    exercise: str, code: str, shared_data: Path
) -> None:
    result = outcome_of(LESSON, exercise, code)
    assert result.outcome == "correct", result.text()


def test_the_first_candidate_is_the_democrat_in_every_presidential_race(
    shared_data: Path,
) -> None:
    pres = l09._pres()
    assert set(pres["cand1_party"]) == {"DEM"}
    assert set(pres["cand2_party"]) == {"REP"}
    # The result is the same on every row of a race: one outcome per race.
    assert pres.groupby("race_id")["margin_actual"].nunique().max() == 1


def test_the_forecast_margins_use_no_2020_result(shared_data: Path) -> None:
    import pandas as pd

    pres = l09._pres()
    blinded = pres.copy()
    upcoming = blinded["year"] == l09.FORECAST_YEAR
    blinded.loc[upcoming, ["margin_actual", "error", "bias", "rightcall"]] = 0.0
    pd.testing.assert_series_equal(
        l09._forecast_from(pres)["margin"], l09._forecast_from(blinded)["margin"]
    )


def test_the_lesson_has_six_exercises_and_takes_30_minutes() -> None:
    lesson = get_lesson(LESSON)
    assert lesson.minutes == 30
    assert list(lesson.exercises) == [
        "days_before",
        "poll_average",
        "house_effect",
        "error_sd",
        "win_probability",
        "inside_80",
    ]


@pytest.mark.parametrize("exercise", ["error_sd", "win_probability", "inside_80"])
def test_feedback_on_a_wrong_answer_never_gives_the_right_number(
    exercise: str, shared_data: Path
) -> None:
    from scipy.stats import norm

    forecast, sd = l09._forecast(), l09._error_sd()
    share = float(((forecast["actual"] - forecast["margin"]).abs() <= norm.ppf(0.9) * sd).mean())
    right = {f"{sd:.1f}", f"{sd:.2f}", f"{share:.0%}", f"{share:.2f}"}
    wrong = [
        v for v in lesson_proof(LESSON).for_exercise(exercise) if v.variant.startswith("wrong")
    ]
    assert len(wrong) >= 3
    for variant in wrong:
        assert not [text for text in right if text in variant.result.feedback], variant.explain()

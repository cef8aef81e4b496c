"""The measurement of the checks (``bench/lesson_checks``) runs and meets its goals."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lesson_checks"


def _measure_module():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("lesson_checks_measure", BENCH / "measure.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_every_exercise_of_lessons_0_to_12_has_three_mistakes_and_an_alternative() -> None:
    from diveml.lessons import get_lesson

    mistakes = _measure_module().MISTAKES
    alternatives = _measure_module().ALTERNATIVES
    for number in [f"{n:02d}" for n in range(13)]:
        for name in get_lesson(number).exercises:
            assert len(mistakes[number].get(name, [])) >= 3, (number, name)
            assert alternatives[number].get(name), (number, name)


def test_every_exercise_of_lessons_13_to_15_has_three_mistakes_and_an_alternative() -> None:
    from diveml.lessons import get_lesson

    module = _measure_module()
    for number in ("13", "14", "15"):
        for name in get_lesson(number).exercises:
            assert len(module.MISTAKES[number].get(name, [])) >= 3, (number, name)
            assert module.ALTERNATIVES[number].get(name), (number, name)


@pytest.mark.slow
def test_lesson_0_checks_meet_the_goals(capsys: pytest.CaptureFixture[str]) -> None:
    module = _measure_module()
    shares = module.measure(lessons=["00"])
    assert module.goals_met(shares), capsys.readouterr().out

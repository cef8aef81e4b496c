"""Exercise handles in a notebook: check, hint, solution, progress."""

from __future__ import annotations

from typing import Any

import pytest

from diveml.config import Settings
from diveml.lessons import read_progress, start


def _ex(namespace: dict[str, Any]) -> Any:
    return start("00-how-this-works", namespace=namespace)


def test_start_reads_the_callers_variables() -> None:
    namespace: dict[str, Any] = {"start": start}
    exec('ex = start("00-how-this-works")\nanswer = 6 * 7', namespace)
    assert namespace["ex"].first_answer.evaluate().outcome == "correct"


def test_check_shows_the_result_and_records_progress(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    namespace: dict[str, Any] = {"answer": ...}
    ex = _ex(namespace)
    ex.first_answer.check()
    namespace["answer"] = 13
    ex.first_answer.check()
    namespace["answer"] = 42
    ex.first_answer.check()
    ex.first_answer.check()
    out = capsys.readouterr().out
    assert "Not attempted yet" in out and "Not quite" in out and "Correct" in out
    (row,) = read_progress("00-how-this-works", settings)
    assert row.outcome == "correct"
    assert row.attempts == 3  # "not attempted" is not an attempt
    assert row.first_correct_at is not None


def test_first_correct_time_is_kept_after_a_later_mistake(settings: Settings) -> None:
    namespace: dict[str, Any] = {"answer": 42}
    ex = _ex(namespace)
    ex.first_answer.check()
    first = read_progress("00-how-this-works", settings)[0].first_correct_at
    namespace["answer"] = 1
    ex.first_answer.check()
    row = read_progress("00-how-this-works", settings)[0]
    assert (row.outcome, row.first_correct_at) == ("incorrect", first)


def test_hints_are_progressive_and_say_how_many_remain(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    ex = _ex({})
    for _ in range(4):
        ex.mean_petal.hint()
    out = capsys.readouterr().out
    assert "Hint 1 of 3 (2 more" in out
    assert "Hint 2 of 3 (1 more" in out
    assert out.count("Hint 3 of 3 (That was the last hint") == 2
    assert read_progress("00-how-this-works", settings)[0].hints_used == 3


def test_hint_count_survives_a_kernel_restart(capsys: pytest.CaptureFixture[str]) -> None:
    _ex({}).mean_petal.hint()
    _ex({}).mean_petal.hint()  # a new handle, as after a restart
    assert "Hint 2 of 3" in capsys.readouterr().out


def test_solution_asks_first_and_without_a_terminal_says_how_to_confirm(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    def no_stdin(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_stdin)
    ex = _ex({})
    ex.to_inches.solution()
    out = capsys.readouterr().out
    assert "ex.to_inches.solution(confirm=True)" in out
    assert "def cm_to_inches" not in out
    assert read_progress("00-how-this-works", settings) == []


def test_solution_shows_after_confirming_and_is_recorded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    answers = iter(["y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    ex = _ex({})
    ex.to_inches.solution()
    ex.to_inches.solution()  # seen once: no second question (the iterator would raise)
    out = capsys.readouterr().out
    assert out.count("return cm / 2.54") == 2
    assert read_progress("00-how-this-works", settings)[0].solution_viewed


def test_unknown_exercise_name_suggests_the_nearest() -> None:
    with pytest.raises(
        AttributeError, match=r"no exercise 'mean_petals'\. Did you mean 'mean_petal'"
    ):
        _ex({}).mean_petals  # noqa: B018


def test_notebook_from_another_version_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    start("00-how-this-works", namespace={}, made_with="0.0.1")
    assert "made by diveml 0.0.1" in capsys.readouterr().out


def test_handle_lists_the_exercises_by_name() -> None:
    text = repr(_ex({}))
    assert "ex.first_answer: Set `answer` to six times seven." in text

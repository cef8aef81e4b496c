"""Checking one exercise: the five outcomes, and how each is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diveml.config import Settings
from diveml.lessons import CheckResult, Lesson, Wrong
from diveml.lessons._check import Check, evaluate, run_learner_code


def _lesson() -> Lesson:
    lesson = Lesson(id="98-test-lesson", title="Test", minutes=15)

    @lesson.exercise(hints=["h"], wrong=[Wrong("answer = 1", message="1")])
    def answer(check: Check) -> str:
        """Set `answer` to 42."""
        value = check.get("answer", int)
        check.expect(value == 42, f"`answer` is {value!r}.", reason="It should be 42.")
        return "Yes."

    @lesson.exercise(hints=["h"], wrong=[Wrong("double = 1", message="x")])
    def double(check: Check) -> None:
        """Write `double(x)`."""
        func = check.get("double")
        check.expect(check.call(func, 2) == 4, "`double(2)` is not 4.")

    @lesson.exercise(hints=["h"], wrong=[Wrong("x = 1", message="x")])
    def buggy(check: Check) -> None:
        """A check with a bug."""
        check.get("x")
        {}["missing"]  # the checker's own mistake

    @lesson.exercise(hints=["h"], wrong=[Wrong("model = 1", message="x")])
    def fitted(check: Check) -> None:
        """Fit `model`."""
        check.fitted("model")

    return lesson


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    return _lesson()


@pytest.mark.parametrize(
    ("namespace", "words"),
    [
        ({}, "There is no variable `answer` yet"),
        ({"answer": ...}, "`answer` is still the placeholder"),
        ({"answer": (..., ...)}, "`answer` is still the placeholder"),
    ],
)
def test_missing_or_placeholder_is_not_attempted(
    lesson: Lesson, namespace: dict[str, Any], words: str
) -> None:
    result = evaluate(lesson.exercises["answer"], namespace)
    assert result.outcome == "not_attempted"
    assert words in result.message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("42", "`answer` is a str, but it should be a int"),
        (41, "`answer` is 41."),
        (int, "`answer` is the class int itself, not an object made from it: add parentheses"),
    ],
)
def test_wrong_answer_is_incorrect_and_names_the_variable(
    lesson: Lesson, value: object, words: str
) -> None:
    result = evaluate(lesson.exercises["answer"], {"answer": value})
    assert result.outcome == "incorrect"
    assert words in result.message


def test_misconception_reason_is_shown_apart_from_the_message(lesson: Lesson) -> None:
    result = evaluate(lesson.exercises["answer"], {"answer": 41})
    assert result.reason == "It should be 42."
    assert "Why: It should be 42." in result.text()
    assert "<em>Why:</em> It should be 42." in result.html()


def test_correct_shows_the_checks_message(lesson: Lesson) -> None:
    result = evaluate(lesson.exercises["answer"], {"answer": 42})
    assert (result.outcome, result.message) == ("correct", "Yes.")


def test_learner_function_that_raises_gives_one_line_from_their_code(lesson: Lesson) -> None:
    namespace: dict[str, Any] = {}
    code = "def double(x):\n    return x * factor\n"
    assert run_learner_code(code, namespace, "<cell 3>") is None
    result = evaluate(lesson.exercises["double"], namespace)
    assert result.outcome == "raised"
    assert result.message == (
        "line 2 in double: return x * factor -> NameError: name 'factor' is not defined"
    )


def test_exception_in_the_check_itself_is_a_checker_bug_with_an_id(
    lesson: Lesson, settings: Settings
) -> None:
    result = evaluate(lesson.exercises["buggy"], {"x": 1})
    assert result.outcome == "checker_bug"
    assert result.bug_id is not None and result.bug_id.startswith("DM-")
    assert "bug in diveml, not in your code" in result.message
    log = Path(settings.home) / "checker-bugs" / f"{result.bug_id}.txt"
    assert "KeyError" in log.read_text(encoding="utf-8")


def test_unfitted_model_is_incorrect_with_the_fix(lesson: Lesson) -> None:
    from sklearn.linear_model import LogisticRegression

    result = evaluate(lesson.exercises["fitted"], {"model": LogisticRegression()})
    assert result.outcome == "incorrect"
    assert "`model` has not been fitted yet: call `model.fit(...)`" in result.message


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (0.1 + 0.2, 0.3, True),
        (0.98, 0.981, False),
        ([1.0, 2.0], [1.0, 2.0 + 1e-12], True),
        ([1.0], [1.0, 2.0], False),
        ("a", 1.0, False),
    ],
)
def test_close_compares_with_tolerances(a: object, b: object, same: bool) -> None:
    assert Check.close(a, b) is same


def test_each_outcome_is_shown_distinctly() -> None:
    outcomes = ["not_attempted", "incorrect", "raised", "correct", "checker_bug"]
    results = [CheckResult("l", "e", o, "m") for o in outcomes]  # type: ignore[arg-type]
    assert len({r.text().split(" ", 1)[0] for r in results}) == 5
    assert len({r.html().split(">", 1)[0] for r in results}) == 5


def test_html_escapes_what_the_learner_wrote() -> None:
    result = CheckResult("l", "e", "incorrect", "`x` is '<script>alert(1)</script>'")
    assert "<script>" not in result.html()
    assert "<code>x</code>" in result.html()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"hints": [], "wrong": [Wrong("x = 1", message="m")]}, "needs at least one hint"),
        ({"hints": ["h"], "wrong": []}, r"needs at least one Wrong"),
    ],
)
def test_exercise_must_declare_hints_and_wrong_answers(kwargs: dict[str, Any], words: str) -> None:
    lesson = Lesson(id="97-x", title="X", minutes=15)

    def task(check: Check) -> None:
        """Do it."""

    with pytest.raises(ValueError, match=words):
        lesson.exercise(**kwargs)(task)


def test_exercise_needs_a_docstring() -> None:
    lesson = Lesson(id="97-x", title="X", minutes=15)

    def task(check: Check) -> None:
        pass

    with pytest.raises(ValueError, match="needs a docstring: the task"):
        lesson.exercise(hints=["h"], wrong=[Wrong("x = 1", message="m")])(task)


@pytest.mark.parametrize("bad", ["7-x", "07_x", "07-X", "intro"])
def test_lesson_id_must_be_two_digits_and_words(bad: str) -> None:
    with pytest.raises(ValueError, match="must look like '07-some-words'"):
        Lesson(id=bad, title="X", minutes=15)


def test_wrong_answer_must_declare_its_message() -> None:
    with pytest.raises(ValueError, match="must declare the message it produces"):
        Wrong("x = 1")


def test_in_ipython_a_failed_cell_that_sets_the_name_is_reported_as_raised(
    lesson: Lesson, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    fake = types.SimpleNamespace(get_ipython=lambda: object())
    monkeypatch.setitem(sys.modules, "IPython", fake)
    error = run_learner_code("answer = 6 * seven\n", {}, "<cell 7>")
    monkeypatch.setattr(sys, "last_exc", error, raising=False)
    monkeypatch.setattr(sys, "last_value", error, raising=False)
    result = evaluate(lesson.exercises["answer"], {"answer": ...})
    assert result.outcome == "raised"
    assert result.message.startswith("line 1: answer = 6 * seven -> NameError")
    assert "fix the cell that sets `answer`" in result.message
    # An error from a cell that does not set the name is not this exercise's business.
    other = run_learner_code("unrelated = 1 / 0\n", {}, "<cell 8>")
    monkeypatch.setattr(sys, "last_exc", other, raising=False)
    monkeypatch.setattr(sys, "last_value", other, raising=False)
    assert evaluate(lesson.exercises["answer"], {"answer": ...}).outcome == "not_attempted"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "`answer` is None (no value)"),
        ([].copy, "the method `copy` itself"),
        (len, "the function `len` itself"),
        (3.5, "is a single number (3.5)"),
        ("42", "`answer` is a str"),
    ],
)
def test_odd_values_are_explained_not_crashed_on(lesson: Lesson, value: object, words: str) -> None:
    result = evaluate(lesson.exercises["answer"], {"answer": value})
    assert result.outcome == "incorrect"
    assert words in result.message


def test_a_method_object_where_any_value_is_wanted_is_explained(lesson: Lesson) -> None:
    result = evaluate(lesson.exercises["double"], {"double": "abc".upper})
    assert result.outcome == "incorrect"
    assert "the method `upper` itself" in result.message


def test_syntax_error_line_names_the_line_and_no_kernel_file() -> None:
    from diveml.lessons._check import learner_error_line

    error = run_learner_code("x = 1\ny = (2", {}, "/tmp/ipykernel_1/2875804307.py")
    assert error is not None
    line = learner_error_line(error)
    assert line.startswith("line 2: y = (2 -> SyntaxError")
    assert "2875804307" not in line


def test_a_name_from_an_earlier_exercise_says_which_exercise_to_finish() -> None:
    from diveml.lessons import get_lesson
    from diveml.lessons._check import cascade_message

    lesson = get_lesson(1)
    message = cascade_message(lesson.id, "fit_model", "NameError: name 'X_train' is not defined")
    assert message is not None and "exercise `split_data` makes" in message
    assert cascade_message(lesson.id, "fit_model", "NameError: name 'zzz' is not defined") is None
    # A missing answer of an earlier exercise is "not attempted", naming that exercise.
    result = evaluate(lesson.exercises["fit_model"], {})
    assert result.outcome == "not_attempted"
    missing = evaluate(lesson.exercises["score_model"], {"accuracy": 0.9})
    assert "comes from exercise `fit_model`" in missing.message


def test_a_hard_coded_answer_is_seen_in_the_learners_cell() -> None:
    from diveml.lessons import get_lesson

    lesson = get_lesson(0)
    import pandas as pd

    flowers = pd.DataFrame({"a": range(150)})
    typed = evaluate(lesson.exercises["count_rows"], {"n_flowers": 150, "_ih": ["n_flowers = 150"]})
    computed = evaluate(
        lesson.exercises["count_rows"],
        {"n_flowers": 150, "flowers": flowers, "_ih": ["n_flowers = len(flowers)"]},
    )
    assert typed.outcome == "incorrect" and "typed the number in" in typed.message
    assert computed.outcome == "correct"

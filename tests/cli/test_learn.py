"""The ``diveml learn``, ``progress``, ``check`` and ``grade`` commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diveml.cli import app
from tests.helpers import flat

runner = CliRunner()
WIDE = {"COLUMNS": "400"}


def _flat(text: str) -> str:
    """The words of Rich output without panel borders or line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_learn_without_a_lesson_shows_the_path() -> None:
    result = runner.invoke(app, ["learn"], env=WIDE)
    assert result.exit_code == 0
    assert "How this works" in result.stdout and "Get your feet wet" in result.stdout
    assert "not started" in result.stdout


def test_learn_copies_and_never_overwrites(tmp_path: Path) -> None:
    first = runner.invoke(app, ["learn", "1", "--no-open", "--workspace", str(tmp_path)], env=WIDE)
    second = runner.invoke(app, ["learn", "1", "--no-open", "--workspace", str(tmp_path)], env=WIDE)
    assert first.exit_code == second.exit_code == 0
    assert "01-get-your-feet-wet.ipynb" in first.stdout
    assert "Your earlier copy is kept, untouched" in second.stdout
    assert (
        f"To go on with your work, open {tmp_path / '01-get-your-feet-wet.ipynb'}" in second.stdout
    )
    assert "01-get-your-feet-wet-2.ipynb" in second.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "01-get-your-feet-wet-2.ipynb",
        "01-get-your-feet-wet.ipynb",
    ]


def test_learn_unknown_lesson_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["learn", "get-your-feet-wat", "--no-open", "--workspace", str(tmp_path)], env=WIDE
    )
    assert result.exit_code == 1
    assert "Did you mean 'get-your-feet-wet'" in _flat(result.stderr)


def test_progress_before_any_lesson_says_how_to_start() -> None:
    result = runner.invoke(app, ["progress"], env=WIDE)
    assert result.exit_code == 0
    assert "diveml learn 0" in result.stdout


def test_progress_flags_help_used() -> None:
    from diveml.lessons._progress import record_check, record_hint

    record_hint("00-how-this-works", "count_rows", 2)
    record_check("00-how-this-works", "count_rows", "correct")
    result = runner.invoke(app, ["progress"], env=WIDE)
    assert "count_rows" in result.stdout and "2 hints" in result.stdout
    assert "solved" in result.stdout


def test_check_a_file_that_is_not_a_notebook_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.ipynb"
    path.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)], env=WIDE)
    assert result.exit_code == 1
    assert "is not a readable Jupyter notebook" in _flat(result.stderr)


def test_learn_opens_the_copy_in_jupyter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    # Patch the seam, not subprocess.Popen itself: other code in this process uses Popen too.
    monkeypatch.setattr("diveml.lessons._workspace._spawn", started.append)
    result = runner.invoke(app, ["learn", "0", "--workspace", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0
    assert started[0][-3:] == ["-m", "notebook", str(tmp_path / "00-how-this-works.ipynb")]
    assert "will open in your browser" in result.stdout


def test_check_report_keeps_brackets_in_feedback(capsys: pytest.CaptureFixture[str]) -> None:
    from diveml.cli._learn import _print_report
    from diveml.lessons._model import CheckResult
    from diveml.lessons._runner import NotebookReport

    message = "Cannot perform 'rand_' with a dtyped [float64] array"
    report = NotebookReport(
        path="nb.ipynb",
        lesson="03-pandas-1",
        results=[CheckResult("03-pandas-1", "big_dream", "raised", message)],
        cell_errors=["[bool] in a cell error"],
        seconds=1.0,
        notes=["[note] kept"],
    )
    _print_report(report)
    out = _flat(capsys.readouterr().out)
    assert "[float64]" in out
    assert "[bool] in a cell error" in out and "[note] kept" in out


def test_learn_ends_with_the_lessons_next_steps(tmp_path: Path) -> None:
    from diveml.resources import find_resources

    result = runner.invoke(app, ["learn", "5", "--no-open", "--workspace", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0
    count = len(find_resources(lesson=5))
    assert f"{count} things to read or try next: diveml resources --lesson 5" in flat(result.stdout)

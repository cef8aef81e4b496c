"""The ``diveml learn``, ``progress``, ``check`` and ``grade`` commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diveml.cli import app

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


def test_learn_again_opens_the_existing_copy_and_fresh_makes_a_new_one(tmp_path: Path) -> None:
    args = ["learn", "1", "--no-open", "--workspace", str(tmp_path)]
    first = runner.invoke(app, args, env=WIDE)
    (tmp_path / "01-get-your-feet-wet.ipynb").write_text("my work", encoding="utf-8")
    second = runner.invoke(app, args, env=WIDE)
    third = runner.invoke(app, [*args, "--fresh"], env=WIDE)
    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert "01-get-your-feet-wet.ipynb" in first.stdout
    mine = tmp_path / "01-get-your-feet-wet.ipynb"
    assert f"Your copy of this lesson: {mine}" in second.stdout
    assert f"notebook {mine}" in second.stdout and "--fresh" in second.stdout
    assert "01-get-your-feet-wet-2.ipynb" in third.stdout
    assert f"Your earlier copy is kept, untouched: {mine}" in third.stdout
    assert mine.read_text(encoding="utf-8") == "my work"
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
    import subprocess
    import sys

    started: list[list[str]] = []

    def fake_spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
        started.append(command)
        log.write_text("http://localhost:8888/tree?token=t0k3n\n", encoding="utf-8")
        return subprocess.Popen([sys.executable, "-c", "pass"])

    # Patch the seam, not subprocess.Popen itself: other code in this process uses Popen too.
    monkeypatch.setattr("diveml.lessons._workspace._spawn", fake_spawn)
    monkeypatch.setattr("diveml.lessons._workspace._is_root", lambda: False)
    result = runner.invoke(app, ["learn", "0", "--workspace", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0
    assert started[0][-3:] == ["-m", "notebook", str(tmp_path / "00-how-this-works.ipynb")]
    assert "http://localhost:8888/tree?token=t0k3n" in result.stdout


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


@pytest.mark.slow
def test_check_exits_1_unless_every_exercise_is_correct_and_exit_zero_keeps_0(
    tmp_path: Path,
) -> None:
    import nbformat

    from diveml.lessons import get_lesson, render

    path = tmp_path / "mine.ipynb"
    nbformat.write(render(get_lesson(0), "starter"), path)
    before = sorted(p.name for p in tmp_path.iterdir())
    failing = runner.invoke(app, ["check", str(path)], env=WIDE)
    kept = runner.invoke(app, ["check", str(path), "--exit-zero"], env=WIDE)
    assert failing.exit_code == 1 and kept.exit_code == 0
    assert "0/5 correct" in failing.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_grade_refuses_a_csv_path_it_cannot_write_before_grading(
    tmp_path: Path, where: str
) -> None:
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    target = tmp_path / "subs" if where == "folder" else tmp_path / "file.txt" / "g.csv"
    result = runner.invoke(app, ["grade", str(tmp_path / "subs"), "--csv", str(target)], env=WIDE)
    assert result.exit_code == 1
    words = "it is a folder" if where == "folder" else "is a file, not a folder"
    assert words in _flat(result.stderr) and "--csv" in _flat(result.stderr)
    assert "Running each notebook" not in result.stdout


def test_grade_table_reads_at_80_columns(tmp_path: Path) -> None:
    import nbformat

    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "a-plain-notebook-with-a-long-name.ipynb")
    result = runner.invoke(app, ["grade", str(tmp_path)], env={"COLUMNS": "80"})
    assert result.exit_code == 1  # a file that is not a lesson is not a complete submission
    table = [line for line in result.stdout.splitlines() if line[:1] in set("┏┃┡│└")]
    assert table and all(len(line) <= 80 for line in table)
    assert "not a lesson" in result.stdout and "unreadable" not in result.stdout
    assert "lesson" in result.stdout and "correct" in result.stdout


def test_learn_ends_with_the_lessons_next_steps(tmp_path: Path) -> None:
    from diveml.resources import find_resources

    result = runner.invoke(app, ["learn", "5", "--no-open", "--workspace", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0
    count = len(find_resources(lesson=5))
    assert f"{count} things to read or try next: diveml resources --lesson 5" in _flat(
        result.stdout
    )

"""need_data: a lesson's first cell says what to run when its data is missing, never raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.exceptions import DatasetUnavailableError
from diveml.lessons import need_data
from diveml.lessons._needs import _show_error


def test_offline_and_not_cached_it_says_exactly_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DIVEML_DATA_DIRS", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("DIVEML_OFFLINE", "1")
    assert need_data("dga_domains", "java_classes") is False
    out = capsys.readouterr().out
    assert "This lesson's data is not on this machine yet" in out
    assert "`dga_domains` (Benign and algorithmically generated domain names) is not on" in out
    assert "`diveml data fetch dga_domains`\n`diveml data fetch java_classes`" in out
    assert "then restart the kernel and run this notebook again from the top" in out


def test_data_present_is_one_line(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert need_data("java_classes") is True
    assert capsys.readouterr().out == (
        "Data ready, every file checked against its published sha256: java_classes (1,020 files).\n"
    )


def test_a_typo_in_the_name_is_shown_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert need_data("dga_domain") is False
    assert (
        "There is no dataset called 'dga_domain'. Did you mean 'dga_domains'"
        in capsys.readouterr().out
    )


def test_a_damaged_file_is_shown_not_raised(
    shared_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "sql_injection"
    folder.mkdir()
    for source in (shared_data / "sql_injection").glob("*.txt"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "legit.txt").write_text("SELECT 1;\n", encoding="utf-8")
    monkeypatch.setenv("DIVEML_DATA_DIRS", str(tmp_path))
    assert need_data("sql_injection") is False
    assert "legit.txt' does not match its published checksum" in capsys.readouterr().out


def test_in_jupyter_a_diveml_error_shows_as_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    error = DatasetUnavailableError("The dataset 'x' needs the file 'y'.")
    lines = _show_error(None, type(error), error, None)
    assert lines == ["DatasetUnavailableError: The dataset 'x' needs the file 'y'."]
    assert capsys.readouterr().err == lines[0] + "\n"


def _lessons_needing_data() -> list[str]:
    from diveml.lessons import all_lessons
    from diveml.lessons._source import read_source

    return [
        lesson.id
        for lesson in all_lessons()
        if any("need_data(" in cell.source for cell in read_source(lesson) if cell.kind == "code")
    ]


@pytest.mark.parametrize("lesson_id", _lessons_needing_data())
def test_offline_a_lessons_first_cell_says_what_to_run_without_a_traceback(
    lesson_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import re

    from diveml.lessons import get_lesson
    from diveml.lessons._source import read_source

    monkeypatch.setenv("DIVEML_DATA_DIRS", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("DIVEML_OFFLINE", "1")
    first = next(c for c in read_source(get_lesson(lesson_id)) if c.kind == "code")
    assert "need_data(" in first.source, "need_data must be called in the first code cell"
    names = re.findall(r"need_data\(([^)]*)\)", first.source)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(first.source, f"<{lesson_id} first cell>", "exec"), {"__name__": "__main__"})
    out = capsys.readouterr().out
    for name in re.findall(r'"([a-z0-9_]+)"', names):
        assert f"`diveml data fetch {name}`" in out

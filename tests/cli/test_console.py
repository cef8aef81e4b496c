"""The commands' consoles take their width from each command's own COLUMNS."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from diveml.cli import _console, app


def _widest_line(columns: str) -> int:
    result = CliRunner().invoke(app, ["learn"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stdout
    return max(len(line) for line in result.stdout.splitlines())


def test_two_commands_in_one_process_get_the_width_each_asks_for() -> None:
    narrow, wide, narrow_again = _widest_line("80"), _widest_line("200"), _widest_line("80")
    assert narrow <= 80 and narrow_again <= 80
    # The path's table has long titles: given the room, it uses more than 80 columns.
    assert 80 < wide <= 200


def test_columns_set_when_the_console_is_made_do_not_fix_its_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The cause of an 80-column table under COLUMNS=200 in a CI worker: Rich keeps the
    # COLUMNS it sees when a console is made.
    monkeypatch.setenv("COLUMNS", "80")
    made_at_80 = type(_console.console)(highlight=False)
    monkeypatch.setenv("COLUMNS", "200")
    assert made_at_80.width == 200
    monkeypatch.setenv("COLUMNS", "123")
    assert made_at_80.width == 123

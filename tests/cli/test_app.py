"""The `diveml` command: help, version, errors, doctor, data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from diveml import __version__
from diveml.cli import app
from diveml.doctor import Check
from tests.helpers import flat

runner = CliRunner()


def test_help_lists_every_available_job() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("doctor", "data", "learn", "study", "studies", "predict", "schema"):
        assert command in flat(result.stdout)


def test_help_names_only_jobs_that_exist() -> None:
    text = flat(runner.invoke(app, ["--help"]).stdout)
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    # Each job's words may appear in --help only once its command exists.
    for words, command in (("review", "review"), ("dashboard", "serve"), ("chooser", "choose")):
        if command not in commands:
            assert words not in text


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.stdout + result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"diveml {__version__}"


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diveml", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"diveml {__version__}"


def test_user_mistake_is_a_short_message_on_stderr_with_exit_code_1() -> None:
    result = runner.invoke(app, ["data", "show", "titanc"])
    assert result.exit_code == 1
    assert "Did you mean 'titanic' or 'titanic_kaggle'?" in flat(result.stderr)
    assert "Traceback" not in result.stderr + result.stdout


def test_usage_error_exits_with_code_2() -> None:
    result = runner.invoke(app, ["data", "show"])
    assert result.exit_code == 2
    assert "Missing argument" in flat(result.stderr)


def test_bug_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import diveml.data

    def broken() -> list[object]:
        raise RuntimeError("a real bug")

    monkeypatch.setattr(diveml.data, "list_datasets", broken)
    result = runner.invoke(app, ["data", "list"])
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)


def test_data_list_shows_every_dataset_and_where_it_comes_from() -> None:
    result = runner.invoke(app, ["data", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("iris", "penguins", "titanic_kaggle", "iris_dirty"):
        assert name in flat(result.stdout)
    assert "package" in result.stdout and "cached" in flat(result.stdout)


def test_data_list_is_readable_at_80_columns() -> None:
    from diveml.data import list_datasets

    result = runner.invoke(app, ["data", "list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.stdout  # folded, never cut short
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    words = flat(result.stdout).replace(" ", "")
    for d in list_datasets():  # every name, target and title is there in full
        for text in (d.name, d.target, d.title):
            assert text.replace(" ", "") in words, text


def test_data_list_json_is_machine_readable() -> None:
    import json

    result = runner.invoke(app, ["data", "list", "--json"])
    rows = json.loads(result.stdout)
    assert {r["name"] for r in rows} >= {"iris", "titanic"}
    assert {"rows", "columns", "task", "target", "licence", "availability"} <= set(rows[0])


def test_data_show_titanic_describes_columns_and_rows() -> None:
    result = runner.invoke(app, ["data", "show", "titanic"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for text in ("Titanic passengers", "survived", "Public domain", "missing", "Allen"):
        assert text in flat(result.stdout)


def test_data_show_fetched_dataset_not_downloaded_says_how(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["data", "show", "iris_dirty"], env={"DIVEML_DATA_DIRS": str(tmp_path)}
    )
    assert result.exit_code == 0
    assert "Not downloaded yet" in flat(result.stdout)
    assert "diveml data fetch iris_dirty" in flat(result.stdout)


def test_data_export_writes_and_refuses_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "penguins.csv"
    assert runner.invoke(app, ["data", "export", "penguins", str(target)]).exit_code == 0
    assert target.read_text().startswith("species,")
    again = runner.invoke(app, ["data", "export", "penguins", str(target)])
    assert again.exit_code == 1
    assert "already exists" in flat(again.stderr)


def test_data_fetch_offline_missing_file_is_explained(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["--offline", "data", "fetch", "titanic_kaggle"],
        env={"DIVEML_DATA_DIRS": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert "set to work offline" in flat(result.stderr)


def test_data_fetch_needs_a_name() -> None:
    result = runner.invoke(app, ["data", "fetch"])
    assert result.exit_code == 1
    assert "Name at least one dataset to fetch, or pass --all" in flat(result.stderr)


def test_data_fetch_verifies_files_found_in_data_dirs(shared_data: Path) -> None:
    result = runner.invoke(app, ["data", "fetch", "iris_dirty"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "iris-data.csv verified" in flat(result.stdout)


def test_home_flag_overrides_environment(tmp_path: Path) -> None:
    home = tmp_path / "flag-home"
    result = runner.invoke(
        app, ["--home", str(home), "doctor", "--no-kernel"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stdout
    assert (home / "diveml.sqlite").exists()


def test_doctor_fails_with_a_fix_for_each_failed_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import diveml.doctor

    monkeypatch.setattr(
        diveml.doctor,
        "doctor",
        lambda settings, kernel: [
            Check("Python", True, "3.11"),
            Check("skops", False, "not installed", "pip install 'skops>=0.10'"),
        ],
    )
    result = runner.invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "pip install 'skops>=0.10'" in flat(result.stdout)
    assert "1 check(s) failed: skops" in flat(result.stdout)


def _commands(command: Any, path: str = "diveml") -> Iterator[tuple[str, Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, f"{path} {name}")


def test_no_help_text_loses_words_to_rich_markup() -> None:
    # Typer renders help with Rich, which takes '[default: x]' or '[dask]' for a style tag
    # and drops it: --encoding once read "Text encoding ." Escaped text ('\[') is kept.
    from rich.markup import render

    lost = []
    for path, command in _commands(typer.main.get_command(app)):
        texts = [("", command.help or "")]
        texts += [(p.name, getattr(p, "help", None) or "") for p in command.params]
        for name, text in texts:
            if render(text).plain != text.replace("\\[", "["):
                lost.append(f"{path} {name}: {text!r}")
    assert lost == []

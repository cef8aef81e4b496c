"""require_data: a lesson's first cell finds its datasets, or says exactly what to run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from diveml.exceptions import LessonDataError
from diveml.lessons import require_data


@pytest.fixture
def no_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, with an empty cache and no data directory holding the files."""
    empty = tmp_path / "no-data"
    empty.mkdir()
    monkeypatch.setenv("DIVEML_DATA_DIRS", str(empty))


def test_a_dataset_shipped_in_a_package_is_always_there(no_data: None) -> None:
    require_data("iris", "lfw_faces")


def test_a_fetched_dataset_is_found_in_the_data_directories(shared_data: Path) -> None:
    require_data("titanic_kaggle", "election_polls")


def test_a_missing_dataset_names_the_command_to_run(no_data: None) -> None:
    with pytest.raises(LessonDataError, match=r"diveml data fetch election_polls") as caught:
        require_data("iris", "election_polls")
    assert "'election_polls'" in str(caught.value)
    assert "then run this cell again" in str(caught.value)


def test_an_unknown_dataset_is_a_clear_error() -> None:
    from diveml.exceptions import DatasetNotFoundError

    with pytest.raises(DatasetNotFoundError, match="titanic_kaggle"):
        require_data("titanic_kagle")


def test_a_notebook_shows_the_message_without_a_traceback(
    no_data: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        result = shell.run_cell(
            "from diveml.lessons import require_data\nrequire_data('titanic_kaggle')"
        )
    finally:
        # Other tests look for a running IPython and its last error: leave neither behind.
        InteractiveShell.clear_instance()
        for name in ("last_exc", "last_value", "last_type", "last_traceback"):
            if hasattr(sys, name):
                delattr(sys, name)
    shown = capsys.readouterr().out
    assert isinstance(result.error_in_exec, LessonDataError)
    assert "diveml data fetch titanic_kaggle" in shown
    assert "Traceback" not in shown and "File " not in shown


@pytest.mark.parametrize(
    ("lesson_id", "dataset"),
    [
        ("06-a-first-full-workflow", "iris_dirty"),
        ("08-titanic-competition", "titanic_kaggle"),
        ("09-election-forecasting", "election_polls"),
    ],
)
def test_offline_and_not_cached_a_lessons_first_cell_says_what_to_run(
    lesson_id: str, dataset: str, no_data: None
) -> None:
    from diveml.lessons import get_lesson
    from diveml.lessons._source import read_source

    first = next(cell for cell in read_source(get_lesson(lesson_id)) if cell.kind == "code")
    with pytest.raises(LessonDataError, match=f"diveml data fetch {dataset}"):
        exec(first.source, {"__name__": "__main__"})

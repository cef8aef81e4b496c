"""Lesson sources: how exercises are marked, and the notebooks rendered from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml import __version__
from diveml.lessons import Lesson, Wrong, get_lesson, render
from diveml.lessons._check import Check
from diveml.lessons._source import validate_source


@pytest.mark.parametrize(
    ("mode", "kept", "dropped"),
    [("starter", "starter", "solution"), ("solution", "solution", "starter")],
)
def test_render_keeps_only_the_cells_of_its_mode(mode: str, kept: str, dropped: str) -> None:
    notebook = render(get_lesson(0), mode)  # type: ignore[arg-type]
    tags = [tag for cell in notebook.cells for tag in cell.metadata.get("tags", [])]
    assert tags.count(kept) == len(get_lesson(0).exercises)
    assert dropped not in tags


def test_rendered_notebook_records_lesson_and_version() -> None:
    notebook = render(get_lesson(1))
    meta = notebook.metadata["diveml"]
    assert (meta["lesson"], meta["mode"], meta["version"]) == (
        "01-get-your-feet-wet",
        "starter",
        __version__,
    )
    assert meta["exercises"] == list(get_lesson(1).exercises)
    sources = "\n".join(c.source for c in notebook.cells)
    assert f'start("01-get-your-feet-wet", made_with="{__version__}")' in sources


def _lesson_with_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Lesson:
    monkeypatch.setattr("diveml.lessons._model.SOURCES_DIR", tmp_path)
    (tmp_path / "96-marked.py").write_text(text, encoding="utf-8")
    lesson = Lesson(id="96-marked", title="Marked", minutes=15)

    @lesson.exercise(hints=["h"], wrong=[Wrong("a = 1", message="m")])
    def first(check: Check) -> None:
        """Set `a`."""

    return lesson


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('# %% tags=["solution"] exercise="first"\na = 2\n', "needs exactly one starter"),
        (
            '# %% tags=["starter"] exercise="first"\na = ...\n\n# %%\nx = 1\n\n'
            '# %% tags=["solution"] exercise="first"\na = 2\n',
            "must be followed directly by its solution",
        ),
        ('# %% tags=["starter"]\na = ...\n', "has no exercise="),
        (
            '# %% tags=["starter"] exercise="frist"\na = ...\n\n'
            '# %% tags=["solution"] exercise="frist"\na = 2\n',
            "'frist' is not registered",
        ),
    ],
)
def test_validate_source_finds_badly_marked_exercises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    lesson = _lesson_with_source(tmp_path, monkeypatch, text)
    assert any(problem in p for p in validate_source(lesson))


def test_validate_source_accepts_a_well_marked_exercise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        '# %% tags=["starter"] exercise="first"\na = ...\n\n'
        '# %% tags=["solution"] exercise="first"\na = 2\n'
    )
    assert validate_source(_lesson_with_source(tmp_path, monkeypatch, text)) == []


@pytest.mark.parametrize(
    "key", ["1", "01", 1, "01-get-your-feet-wet", "get-your-feet-wet", "Get your feet wet"]
)
def test_a_lesson_can_be_named_by_number_id_or_name(key: str | int) -> None:
    assert get_lesson(key).id == "01-get-your-feet-wet"


def test_unknown_lesson_suggests_the_nearest() -> None:
    from diveml.exceptions import LessonNotFoundError

    with pytest.raises(
        LessonNotFoundError, match=r"Did you mean 'get-your-feet-wet'.*diveml learn"
    ):
        get_lesson("get-your-feet-wett")

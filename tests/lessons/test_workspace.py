"""Copying a lesson into the learner's workspace."""

from __future__ import annotations

from pathlib import Path

import nbformat

from diveml.config import resolve_settings
from diveml.lessons import copy_lesson


def test_copy_writes_the_starter_notebook(tmp_path: Path) -> None:
    copied = copy_lesson("0", tmp_path)
    assert copied.path == tmp_path / "00-how-this-works.ipynb"
    assert copied.kept == ()
    notebook = nbformat.read(copied.path, as_version=4)
    assert notebook.metadata["diveml"]["mode"] == "starter"


def test_copy_never_overwrites_the_learners_file(tmp_path: Path) -> None:
    first = copy_lesson("0", tmp_path).path
    first.write_text("my work", encoding="utf-8")
    second = copy_lesson("0", tmp_path)
    third = copy_lesson("0", tmp_path)
    assert first.read_text(encoding="utf-8") == "my work"
    assert second.path.name == "00-how-this-works-2.ipynb"
    assert third.path.name == "00-how-this-works-3.ipynb"
    assert third.kept == (first, second.path)


def test_copy_goes_to_the_configured_workspace(tmp_path: Path) -> None:
    settings = resolve_settings(
        {"DIVEML_WORKSPACE": str(tmp_path / "ws"), "DIVEML_HOME": str(tmp_path)}
    )
    assert copy_lesson("1", settings=settings).path.parent == tmp_path / "ws"

"""Copy a lesson notebook into the learner's workspace, and open it in Jupyter."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

from diveml.config import Settings, resolve_settings
from diveml.exceptions import LessonError
from diveml.lessons._registry import get_lesson
from diveml.lessons._source import render

__all__ = ["LessonCopy", "copy_lesson", "open_in_jupyter"]


@dataclasses.dataclass(frozen=True)
class LessonCopy:
    """Where a lesson was copied, and whether an earlier copy was left alone."""

    lesson: str
    path: Path
    kept: tuple[Path, ...]


def _free_name(folder: Path, stem: str) -> tuple[Path, tuple[Path, ...]]:
    first = folder / f"{stem}.ipynb"
    if not first.exists():
        return first, ()
    kept = [first]
    number = 2
    while (folder / f"{stem}-{number}.ipynb").exists():
        kept.append(folder / f"{stem}-{number}.ipynb")
        number += 1
    return folder / f"{stem}-{number}.ipynb", tuple(kept)


def copy_lesson(
    lesson: str,
    workspace: str | Path | None = None,
    *,
    settings: Settings | None = None,
) -> LessonCopy:
    """Write the learner's notebook of ``lesson`` into the workspace; never overwrite.

    When ``<id>.ipynb`` exists already (your work), the fresh copy is ``<id>-2.ipynb``
    (then ``-3`` and so on).
    """
    import nbformat

    settings = settings or resolve_settings()
    found = get_lesson(lesson)
    folder = Path(workspace) if workspace is not None else settings.workspace
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LessonError(
            f"Cannot create the workspace folder {str(folder)!r} ({exc.strerror}). Pass "
            "--workspace with a folder you can write to, or set DIVEML_WORKSPACE."
        ) from exc
    path, kept = _free_name(folder, found.id)
    notebook = render(found, "starter")
    # "x" mode: if another process created the file a moment ago, fail rather than overwrite.
    try:
        with path.open("x", encoding="utf-8") as handle:
            nbformat.write(notebook, handle)
    except OSError as exc:
        raise LessonError(
            f"Cannot write {str(path)!r} ({exc.strerror}). Pass --workspace with a folder "
            "you can write to."
        ) from exc
    return LessonCopy(found.id, path, kept)


def open_in_jupyter(path: Path) -> list[str]:
    """Start Jupyter on ``path`` in the background; return the command used."""
    command = [sys.executable, "-m", "notebook", str(path)]
    try:
        subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name != "nt",
        )
    except OSError as exc:
        raise LessonError(
            f"Could not start Jupyter ({exc}). Open {str(path)!r} yourself with "
            f"`jupyter notebook {path}`, or run `diveml doctor`."
        ) from exc
    return command

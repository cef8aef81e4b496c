"""Read a learner's notebook or script into cells, without running or changing it.

A ``.ipynb`` is read with nbformat; a ``.py`` is split on jupytext's ``# %%`` markers (or
kept whole when it has none). Every cell remembers where its first line sits in the file,
so a finding can point at the line a person sees in their editor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from diveml.exceptions import ReviewError

__all__ = ["Cell", "NotebookSource", "read_source"]

SUFFIXES = (".ipynb", ".py")


@dataclass(frozen=True)
class Cell:
    """One cell: its 0-based index over all cells, its kind, its text and first file line."""

    index: int
    kind: Literal["code", "markdown", "raw"]
    source: str
    first_line: int  # 1-based line in the file where the cell's text starts (.py); 1 otherwise


@dataclass(frozen=True)
class NotebookSource:
    """A notebook or script read as cells."""

    path: Path
    kind: Literal["ipynb", "py"]
    cells: tuple[Cell, ...]

    def code_cells(self) -> list[Cell]:
        """Return the code cells in order."""
        return [c for c in self.cells if c.kind == "code"]


def read_source(path: Path) -> NotebookSource:
    """Read ``path`` (.ipynb or .py) into cells; raise ReviewError naming the file otherwise."""
    if not path.exists():
        raise ReviewError(
            f"There is no file or folder {str(path)!r}. Check the path; `diveml review` takes a "
            "notebook (.ipynb), a script (.py) or a study folder (one with study.json).",
            path=str(path),
        )
    if path.suffix.lower() not in SUFFIXES:
        raise ReviewError(
            f"{str(path)!r} is not a notebook: its suffix is {path.suffix or '(none)'!r}. "
            "`diveml review` reads .ipynb notebooks, .py scripts and study folders.",
            path=str(path),
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReviewError(
            f"{str(path)!r} is not UTF-8 text ({exc.reason} at byte {exc.start}); it cannot be "
            "a notebook or a script. Save it as UTF-8 and review it again.",
            path=str(path),
        ) from None
    except OSError as exc:
        raise ReviewError(
            f"{str(path)!r} cannot be read: {exc.strerror}. Check its permissions.",
            path=str(path),
        ) from None
    if path.suffix.lower() == ".ipynb":
        return NotebookSource(path, "ipynb", _ipynb_cells(path, text))
    return NotebookSource(path, "py", _py_cells(text))


def _ipynb_cells(path: Path, text: str) -> tuple[Cell, ...]:
    import nbformat

    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise ReviewError(
            f"{str(path)!r} is not a notebook: it is not valid JSON ({exc}). Open it in Jupyter "
            "and save it again, or review the .py script it came from.",
            path=str(path),
        ) from None
    if not isinstance(raw, dict) or ("cells" not in raw and "worksheets" not in raw):
        raise ReviewError(
            f"{str(path)!r} is JSON but not a Jupyter notebook: it has no 'cells' list. "
            "Review the notebook file itself.",
            path=str(path),
        )
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a malformed notebook
        raise ReviewError(
            f"{str(path)!r} is not a valid Jupyter notebook: {exc}. Open it in Jupyter and "
            "save it again.",
            path=str(path),
        ) from None
    cells = []
    for i, cell in enumerate(nb.cells):
        kind = cell.get("cell_type", "raw")
        if kind not in ("code", "markdown", "raw"):
            kind = "raw"
        cells.append(Cell(i, kind, str(cell.get("source", "")), 1))
    return tuple(cells)


def _py_cells(text: str) -> tuple[Cell, ...]:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("# %%")]
    if not starts:
        return (Cell(0, "code", text, 1),)
    cells: list[Cell] = []
    if any(line.strip() for line in lines[: starts[0]]):
        cells.append(Cell(0, "code", "\n".join(lines[: starts[0]]), 1))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        marker = lines[start]
        body = lines[start + 1 : end]
        kind: Literal["code", "markdown", "raw"] = "code"
        if "[markdown]" in marker or "[md]" in marker:
            kind = "markdown"
        elif "[raw]" in marker:
            kind = "raw"
        cells.append(Cell(len(cells), kind, "\n".join(body), start + 2))
    return tuple(cells)

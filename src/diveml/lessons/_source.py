"""Lesson sources (percent-format ``.py``) and the notebooks rendered from them."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any, Literal

from diveml.lessons._model import Lesson

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["Mode", "SourceCell", "exercise_code", "read_source", "render", "validate_source"]

Mode = Literal["starter", "solution"]
MODES: tuple[Mode, ...] = ("starter", "solution")


@dataclasses.dataclass(frozen=True)
class SourceCell:
    """One cell of a lesson source."""

    index: int
    kind: Literal["code", "markdown", "raw"]
    source: str
    role: Literal["starter", "solution"] | None
    exercise: str | None
    metadata: dict[str, Any]


def read_source(lesson: Lesson) -> list[SourceCell]:
    """Read a lesson source into its cells."""
    import jupytext

    notebook = jupytext.read(lesson.source_path, fmt="py:percent")
    cells = []
    for index, cell in enumerate(notebook.cells):
        tags = list(cell.metadata.get("tags", []))
        role: Literal["starter", "solution"] | None = (
            "starter" if "starter" in tags else "solution" if "solution" in tags else None
        )
        cells.append(
            SourceCell(
                index=index,
                kind=cell.cell_type,
                source=cell.source,
                role=role,
                exercise=cell.metadata.get("exercise"),
                metadata=dict(cell.metadata),
            )
        )
    return cells


def exercise_code(lesson: Lesson) -> dict[str, dict[str, str]]:
    """Return ``{exercise: {"starter": code, "solution": code}}`` from the source."""
    code: dict[str, dict[str, str]] = {}
    for cell in read_source(lesson):
        if cell.role and cell.exercise:
            code.setdefault(cell.exercise, {})[cell.role] = cell.source
    return code


def validate_source(lesson: Lesson) -> list[str]:
    """List what is wrong with how the source marks its exercises (empty when all is well)."""
    problems: list[str] = []
    if not lesson.source_path.is_file():
        return [f"{lesson.id}: no source file {lesson.source_path}"]
    cells = read_source(lesson)
    seen: dict[str, list[str]] = {}
    for position, cell in enumerate(cells):
        if cell.role and not cell.exercise:
            problems.append(f'cell {cell.index}: tagged {cell.role!r} but has no exercise="..."')
            continue
        if cell.exercise and not cell.role:
            problems.append(
                f"cell {cell.index}: exercise={cell.exercise!r} needs a starter/solution tag"
            )
            continue
        if not cell.exercise:
            continue
        if cell.exercise not in lesson.exercises:
            problems.append(f"cell {cell.index}: exercise {cell.exercise!r} is not registered")
        seen.setdefault(cell.exercise, []).append(cell.role or "")
        if cell.role == "starter":
            after = cells[position + 1] if position + 1 < len(cells) else None
            if after is None or after.role != "solution" or after.exercise != cell.exercise:
                problems.append(
                    f"cell {cell.index}: the starter of {cell.exercise!r} must be followed "
                    "directly by its solution cell"
                )
    for name in lesson.exercises:
        roles = seen.get(name, [])
        if roles.count("starter") != 1 or roles.count("solution") != 1:
            problems.append(
                f"exercise {name!r} needs exactly one starter and one solution cell "
                f"(found {roles.count('starter')} and {roles.count('solution')})"
            )
    order = [c.exercise for c in cells if c.role == "solution"]
    if order and order != [n for n in lesson.exercises if n in order]:
        problems.append(
            "exercises are registered in a different order from the notebook: "
            f"{list(lesson.exercises)} vs {order}"
        )
    return problems


_START = re.compile(r"""start\((["'])(?P<id>[0-9a-z-]+)\1\)""")


def render(lesson: Lesson, mode: Mode = "starter") -> NotebookNode:
    """Render a lesson source to a notebook: the learner's (``starter``) or ``solution``.

    The notebook's metadata records the lesson, the mode and the diveml version, and the
    ``start("…")`` call learns the version too, so an old copy can say so.
    """
    import jupytext
    import nbformat

    from diveml import __version__

    if mode not in ("starter", "solution"):
        raise ValueError(f"mode must be 'starter' or 'solution', not {mode!r}")
    notebook = jupytext.read(lesson.source_path, fmt="py:percent")
    dropped = "solution" if mode == "starter" else "starter"
    cells = []
    for cell in notebook.cells:
        if dropped in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source = _START.sub(
                lambda m: f'start("{m.group("id")}", made_with="{__version__}")', cell.source
            )
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata = nbformat.from_dict(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "diveml": {
                "lesson": lesson.id,
                "title": lesson.title,
                "mode": mode,
                "version": __version__,
                "exercises": list(lesson.exercises),
            },
        }
    )
    nbformat.validate(notebook)
    return notebook

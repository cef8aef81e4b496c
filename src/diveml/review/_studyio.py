"""The one place the review reads a study folder (study.json and the ledger).

Every other module of the review receives the plain data this returns. When the typed
:class:`StudyResult` (``diveml.study._result``) is available, the file is checked and read
through it, so an older or edited study.json gets that module's precise message; until
then the keys the review needs are checked here.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diveml.config import Settings
from diveml.exceptions import DivemlError, ReviewError

__all__ = ["StudyFolder", "load_study"]

# What the review reads from study.json; a study without one of these cannot be reviewed.
REQUIRED = (
    "id",
    "diveml_version",
    "data",
    "target",
    "task",
    "metric",
    "seed",
    "split",
    "ladder",
    "selection",
    "chosen",
    "holdout",
    "diagnostics",
    "model",
    "settings",
)


@dataclass(frozen=True)
class StudyFolder:
    """A study folder read for review: its result, its ledger rows and where it lives."""

    path: Path
    result: dict[str, Any]
    ledger_row: dict[str, Any] | None
    ledger: list[dict[str, Any]]  # every study in the ledger (for selection checks)
    database: str


def _typed(raw: Any, source: str) -> dict[str, Any] | None:
    """Read through StudyResult when diveml has it; None when it does not (yet)."""
    try:
        module = importlib.import_module("diveml.study._result")
    except ImportError:
        return None
    cls = getattr(module, "StudyResult", None)
    if cls is None:
        return None
    result = cls.from_dict(raw, source=source)
    return dict(result.to_dict())


def load_study(path: Path, settings: Settings) -> StudyFolder:
    """Read the study folder ``path``; raise ReviewError when it is not a readable study."""
    file = path / "study.json"
    if not file.is_file():
        raise ReviewError(
            f"The folder {str(path)!r} has no study.json, so it is not a diveml study folder. "
            "Pass the folder a study wrote (`diveml studies` lists them), or a notebook.",
            path=str(path),
        )
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise ReviewError(
            f"{str(file)!r} cannot be read as JSON ({exc}). Restore it, or run the study again.",
            path=str(file),
        ) from None
    try:
        typed = _typed(raw, repr(str(file)))
    except DivemlError as exc:
        raise ReviewError(str(exc), path=str(file)) from None
    result = typed if typed is not None else raw
    if not isinstance(result, dict):
        raise ReviewError(
            f"{str(file)!r} is not a study result (it holds a {type(result).__name__}). "
            "Run the study again to write one.",
            path=str(file),
        )
    missing = [k for k in REQUIRED if k not in result]
    if missing:
        version = result.get("diveml_version", "an unknown version")
        raise ReviewError(
            f"{str(file)!r} was written by diveml {version} and lacks "
            f"{', '.join(repr(m) for m in missing)}, which the review needs. Run the study "
            "again with this version of diveml, then review the new folder.",
            path=str(file),
        )
    from diveml.study._ledger import list_studies

    ledger: list[dict[str, Any]] = []
    try:
        ledger = list_studies(settings)
    except DivemlError:
        ledger = []
    row = next((s for s in ledger if s.get("id") == result["id"]), None)
    return StudyFolder(path, result, row, ledger, str(settings.database_path))

"""The one place the review reads a study folder (study.json and the ledger).

study.json is read through the typed :class:`~diveml.study._result.StudyResult`, which checks
every field: an older, edited or foreign file gets that reader's message (naming the file,
the field and what to do), raised as a :class:`~diveml.exceptions.ReviewError`. Every check
of the review then reads typed fields, never a dict by its keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diveml.config import Settings
from diveml.exceptions import DivemlError, ReviewError
from diveml.study._result import ARTIFACTS, StudyResult

__all__ = ["StudyFolder", "load_study"]


@dataclass(frozen=True)
class StudyFolder:
    """A study folder read for review: its result, its ledger rows and where it lives."""

    path: Path
    result: StudyResult
    ledger_row: dict[str, Any] | None
    ledger: list[dict[str, Any]]  # every study in the ledger (for selection checks)
    database: str


def load_study(path: Path, settings: Settings) -> StudyFolder:
    """Read the study folder ``path``; raise ReviewError when it is not a readable study."""
    file = path / ARTIFACTS["study_json"]
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
        result = StudyResult.from_dict(raw, source=repr(str(file)))
    except DivemlError as exc:
        raise ReviewError(str(exc), path=str(file)) from None
    from diveml.study._ledger import list_studies

    ledger: list[dict[str, Any]] = []
    try:
        ledger = list_studies(settings)
    except DivemlError:
        ledger = []
    row = next((s for s in ledger if s.get("id") == result.id), None)
    return StudyFolder(path, result, row, ledger, str(settings.database_path))

"""The study ledger: the ``studies`` table of the state database.

A study is registered as ``incomplete`` before anything is fitted and marked ``complete``
in one transaction at the end; an interrupted study therefore stays ``incomplete`` and
every other row is left as it was. ``times_scored`` counts the complete studies that scored
the same holdout (same data, same held-out rows), this one included.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diveml.config import Settings
from diveml.exceptions import InvalidOptionError, did_you_mean
from diveml.state import Database

__all__ = [
    "Registration",
    "entry",
    "finish",
    "get_study",
    "list_studies",
    "mark_failed",
    "register",
    "times_scored",
]


def now() -> str:
    """Return the current UTC time as ISO 8601 text, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclasses.dataclass(frozen=True)
class Registration:
    """What the ledger records of a study when it starts: its id, data, holdout and aim."""

    study_id: str
    created_at: str
    data_name: str
    data_fingerprint: str
    holdout_fingerprint: str
    target: str
    task: str
    metric: str
    out_dir: Path


def register(settings: Settings, study: Registration) -> None:
    """Add the study to the ledger as ``incomplete``."""
    with Database(settings.database_path) as db, db.transaction() as con:
        con.execute(
            "INSERT INTO studies (id, created_at, status, data_name, data_fingerprint, "
            "holdout_fingerprint, target, task, metric, out_dir) "
            "VALUES (?, ?, 'incomplete', ?, ?, ?, ?, ?, ?, ?)",
            (
                study.study_id,
                study.created_at,
                study.data_name,
                study.data_fingerprint,
                study.holdout_fingerprint,
                study.target,
                study.task,
                study.metric,
                str(study.out_dir),
            ),
        )


@contextmanager
def entry(settings: Settings, study: Registration) -> Iterator[None]:
    """Register the study (``incomplete``) for the block; mark it failed if the block raises.

    Ctrl-C, a full disk or a bug: the study stays out of the complete ones and every other
    row is untouched (each ledger write is its own transaction). The block calls
    :func:`finish` itself, with the chosen model and the holdout score.
    """
    register(settings, study)
    try:
        yield
    except BaseException:
        mark_failed(settings, study.study_id)
        raise


def times_scored(settings: Settings, holdout_fingerprint: str, study_id: str) -> int:
    """Return how many complete studies scored this holdout before, plus this one."""
    with Database(settings.database_path) as db:
        rows = db.query(
            "SELECT count(*) FROM studies WHERE holdout_fingerprint = ? AND status = 'complete' "
            "AND id != ?",
            (holdout_fingerprint, study_id),
        )
    return int(rows[0][0]) + 1


def finish(settings: Settings, study_id: str, chosen: str, holdout_score: float | None) -> None:
    """Mark the study ``complete`` with its chosen model and holdout score."""
    with Database(settings.database_path) as db, db.transaction() as con:
        con.execute(
            "UPDATE studies SET status = 'complete', finished_at = ?, chosen = ?, "
            "holdout_score = ? WHERE id = ?",
            (now(), chosen, holdout_score, study_id),
        )


def mark_failed(settings: Settings, study_id: str) -> None:
    """Record when an interrupted study stopped; it stays ``incomplete``."""
    with Database(settings.database_path) as db, db.transaction() as con:
        con.execute(
            "UPDATE studies SET finished_at = ? WHERE id = ? AND status = 'incomplete'",
            (now(), study_id),
        )


def exists(settings: Settings, study_id: str) -> bool:
    """Return True when a study with this id is in the ledger."""
    with Database(settings.database_path) as db:
        return bool(db.query("SELECT 1 FROM studies WHERE id = ?", (study_id,)))


def list_studies(settings: Settings | None = None) -> list[dict[str, Any]]:
    """Return every study in the ledger, newest first, with how often its holdout was scored.

    ``times_scored`` for a study is the number of complete studies up to and including it
    that scored the same holdout.
    """
    from diveml.config import resolve_settings

    settings = settings or resolve_settings()
    with Database(settings.database_path) as db:
        rows = db.query(
            "SELECT s.*, (SELECT count(*) FROM studies o WHERE o.holdout_fingerprint = "
            "s.holdout_fingerprint AND o.status = 'complete' AND (o.created_at < s.created_at "
            "OR (o.created_at = s.created_at AND o.id <= s.id))) AS times_scored "
            "FROM studies s ORDER BY s.created_at DESC, s.id DESC"
        )
    return [dict(row) for row in rows]


def get_study(
    study_id: str, settings: Settings | None = None, *, read_result: bool = True
) -> dict[str, Any]:
    """Return one study's ledger row and, when its folder still has it, its study.json.

    ``result`` is the :class:`~diveml.study.StudyResult` read from the folder, or None when
    the folder or its study.json is gone. A study.json that cannot be read as a result (of
    another shape or format version) raises :class:`~diveml.exceptions.StudyResultError`
    naming the file and what to do. With ``read_result=False`` only the ledger row is read.
    """
    from diveml.study._result import load_result

    studies = list_studies(settings)
    row = next((s for s in studies if s["id"] == study_id), None)
    if row is None:
        ids = [s["id"] for s in studies]
        known = f" Known ids: {', '.join(ids[:10])}." if ids else " The ledger is empty."
        raise InvalidOptionError(
            f"There is no study {study_id!r} in the ledger.{did_you_mean(study_id, ids)}"
            f"{known} Run `diveml studies` to list them."
        )
    path = Path(row["out_dir"]) / "study.json" if row["out_dir"] else None
    readable = read_result and path is not None and path.is_file()
    row["result"] = load_result(path) if readable and path is not None else None
    return row

"""What each page shows, gathered from diveml's public API as plain data.

Every function here only reads. In particular, none opens the state database when it does
not exist yet (opening it would create it), so a GET never changes anything on disk.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from diveml.config import Settings
from diveml.exceptions import DivemlError, InvalidOptionError

__all__ = [
    "SORT_KEYS",
    "NotFoundError",
    "dataset_page",
    "home_page",
    "lesson_page",
    "lessons_page",
    "resources_page",
    "studies",
    "studies_page",
    "study_record",
]

PAGE_SIZE = 25


class NotFoundError(InvalidOptionError, LookupError):
    """The address names a study that is not in the ledger (shown as a 404 page)."""


SORT_KEYS = {
    "created": "created_at",
    "data": "data_name",
    "target": "target",
    "task": "task",
    "chosen": "chosen",
    "holdout": "holdout_score",
    "looks": "times_scored",
    "status": "status",
}


def _has_state(settings: Settings) -> bool:
    return settings.database_path.is_file()


def lessons_page(settings: Settings) -> list[dict[str, Any]]:
    """Every lesson on the path with its exercises and their progress."""
    from diveml.lessons import all_lessons, lesson_progress

    progress = {p.lesson: p for p in lesson_progress(settings)} if _has_state(settings) else {}
    rows = []
    for lesson in all_lessons():
        mine = progress.get(lesson.id)
        exercises = []
        for name, exercise in lesson.exercises.items():
            row = mine.rows.get(name) if mine else None
            exercises.append(
                {
                    "name": name,
                    "task": exercise.task,
                    "status": ("solved" if row.solved else row.outcome.replace("_", " "))
                    if row
                    else "not checked",
                    "solved": bool(row and row.solved),
                    "attempts": row.attempts if row else 0,
                    "hints": row.hints_used if row else 0,
                    "solution_viewed": bool(row and row.solution_viewed),
                }
            )
        solved = sum(1 for e in exercises if e["solved"])
        rows.append(
            {
                "id": lesson.id,
                "number": lesson.number,
                "title": lesson.title,
                "minutes": lesson.minutes,
                "summary": lesson.summary,
                "exercises": exercises,
                "solved": solved,
                "status": mine.status if mine else "not started",
                "percent": round(100 * solved / len(exercises)) if exercises else 0,
            }
        )
    return rows


def lesson_page(lesson_id: str, settings: Settings) -> dict[str, Any]:
    """One lesson: its exercises' progress, your copies, the command and what to read next."""
    from diveml.lessons import get_lesson
    from diveml.resources import find_resources

    lesson = get_lesson(lesson_id)
    row = next(r for r in lessons_page(settings) if r["id"] == lesson.id)
    folder = settings.workspace
    copies = sorted(p.name for p in folder.glob(f"{lesson.id}*.ipynb")) if folder.is_dir() else []
    return row | {
        "command": f"diveml learn {lesson.number}",
        "workspace": str(folder),
        "copies": copies,
        "resources": [r.to_dict() for r in find_resources(lesson=lesson.id)],
    }


def studies(settings: Settings) -> list[dict[str, Any]]:
    """The ledger, newest first, each row with its review status."""
    from diveml.study import list_studies

    if not _has_state(settings):
        return []
    rows = list_studies(settings)
    for row in rows:
        row["review"] = review_status(row)
    return rows


def review_status(row: dict[str, Any]) -> str:
    """``reviewed`` when the study's folder holds a review, else ``not reviewed``."""
    folder = Path(row["out_dir"]) if row.get("out_dir") else None
    if folder is not None and any(
        (folder / n).is_file() for n in ("review.html", "review.json", "review.md")
    ):
        return "reviewed"
    return "not reviewed"


def _sort_value(row: dict[str, Any], column: str) -> tuple[int, Any]:
    value = row.get(column)
    # Missing values (an incomplete study has no score) sort last in either direction.
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return (1, 0)
    return (0, value if isinstance(value, (int, float)) else str(value).lower())


def studies_page(
    settings: Settings, *, page: int = 1, sort: str = "created", order: str = "desc"
) -> dict[str, Any]:
    """One page of the ledger, sorted on the server."""
    if sort not in SORT_KEYS:
        raise InvalidOptionError(
            f"Cannot sort studies by {sort!r}. Sort by one of: {', '.join(SORT_KEYS)}."
        )
    if order not in {"asc", "desc"}:
        raise InvalidOptionError(f"The order {order!r} is neither 'asc' nor 'desc'.")
    rows = studies(settings)
    column = SORT_KEYS[sort]
    present = [r for r in rows if _sort_value(r, column)[0] == 0]
    absent = [r for r in rows if _sort_value(r, column)[0] == 1]
    present.sort(key=lambda r: _sort_value(r, column), reverse=order == "desc")
    rows = present + absent
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_SIZE
    return {
        "rows": rows[start : start + PAGE_SIZE],
        "total": len(rows),
        "page": page,
        "pages": pages,
        "sort": sort,
        "order": order,
        "first": start + 1 if rows else 0,
        "last": min(start + PAGE_SIZE, len(rows)),
    }


def study_record(study_id: str, settings: Settings) -> dict[str, Any]:
    """One study's ledger row and its ``study.json`` (as ``result``, None when gone)."""
    from diveml.study import get_study

    if not _has_state(settings):
        raise NotFoundError(f"There is no study {study_id!r}: the ledger is empty.")
    try:
        record = get_study(study_id, settings)
    except InvalidOptionError as exc:
        raise NotFoundError(str(exc)) from None
    except DivemlError as exc:  # a study.json of another shape or version: show the row
        record = get_study(study_id, settings, read_result=False)
        record["result_error"] = str(exc)
    result: Any = record.get("result")
    # Templates and the comparison read plain data: the typed StudyResult's own dict form.
    record["result"] = (
        result.to_dict() if result is not None and hasattr(result, "to_dict") else result
    )
    record["review"] = review_status(record)
    return record


def home_page(settings: Settings) -> dict[str, Any]:
    """Where you are on the path, and your latest studies."""
    lessons = lessons_page(settings)
    upcoming = next((lesson for lesson in lessons if lesson["status"] != "done"), None)
    done = sum(1 for lesson in lessons if lesson["status"] == "done")
    exercises = sum(len(lesson["exercises"]) for lesson in lessons)
    solved = sum(lesson["solved"] for lesson in lessons)
    return {
        "lessons": lessons,
        "next": upcoming,
        "done": done,
        "exercises": exercises,
        "solved": solved,
        "studies": studies(settings)[:5],
    }


def dataset_page(name: str, settings: Settings, rows: int = 10) -> dict[str, Any]:
    """A catalog entry: where it comes from, its columns, a preview and the study command."""
    from diveml.audit import column_type
    from diveml.data import dataset_info, is_available, load_dataset

    dataset = dataset_info(name)
    info: dict[str, Any] = dataset.to_dict() | {
        "command": f"diveml study {dataset.name} --target {dataset.target}",
        "choose": f"diveml choose {dataset.name}",
        "available": is_available(dataset.name, settings),
        "columns_info": [],
        "preview": None,
    }
    if not info["available"]:
        return info
    frame = load_dataset(dataset.name, settings=settings)
    if dataset.task == "images":
        return info | {"columns_info": [], "preview": None}
    for column in frame.columns[:60]:
        series = frame[column]
        info["columns_info"].append(
            {
                "name": str(column),
                "kind": column_type(series),
                "dtype": str(series.dtype),
                "missing": int(series.isna().sum()),
                "distinct": int(series.nunique()),
                "target": str(column) == dataset.target,
            }
        )
    info["more_columns"] = max(0, len(frame.columns) - 60)
    head = frame.head(rows)
    shown = [str(c) for c in head.columns[:14]]
    info["preview"] = {
        "columns": shown,
        "rows": [
            ["" if value != value else str(value)[:60] for value in record[: len(shown)]]
            for record in head.itertuples(index=False)
        ],
    }
    return info


def resources_page(topic: str | None, lesson: str | None) -> dict[str, Any]:
    """The curated resources, filtered by topic and lesson."""
    from diveml.lessons import all_lessons
    from diveml.resources import KINDS, find_resources, topics

    found = find_resources(topic or None, lesson=lesson or None)
    groups = [
        (kind, [r.to_dict() for r in found if r.kind == kind])
        for kind in KINDS
        if any(r.kind == kind for r in found)
    ]
    return {
        "groups": groups,
        "count": len(found),
        "topic": topic or "",
        "lesson": lesson or "",
        "topics": topics(),
        "kinds": KINDS,
        "lessons": [{"id": lesson.id, "title": lesson.title} for lesson in all_lessons()],
    }

"""The curated next steps: read ``resources.toml`` and filter it by topic or lesson."""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from importlib import resources as package_files
from typing import Any

from diveml.exceptions import InvalidOptionError, did_you_mean

__all__ = ["COSTS", "KINDS", "LEVELS", "Resource", "all_resources", "find_resources", "topics"]

KINDS: tuple[str, ...] = (
    "course",
    "textbook",
    "paper",
    "tutorial",
    "docs",
    "podcast",
    "study-tip",
    "help",
    "peer-review",
    "cheat-sheet",
    "library-list",
)
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
COSTS: tuple[str, ...] = ("free", "free-online", "free-to-audit", "paid")
_REQUIRED = ("title", "url", "kind", "level", "cost", "topics", "lessons", "why")
_OPTIONAL = ("note",)


@dataclasses.dataclass(frozen=True)
class Resource:
    """One curated resource: a course, a book, a paper, a place to ask for help, ..."""

    title: str
    url: str
    kind: str
    level: str
    cost: str
    topics: tuple[str, ...]
    lessons: tuple[str, ...]
    why: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the resource as plain data (lists, not tuples), for JSON."""
        data = dataclasses.asdict(self)
        data["topics"] = list(self.topics)
        data["lessons"] = list(self.lessons)
        return data


def _invalid(number: int, message: str) -> ValueError:
    # A broken data file is our bug, not the user's: a plain ValueError keeps its traceback.
    return ValueError(f"resources.toml, resource #{number}: {message}")


def _parse(number: int, entry: dict[str, Any]) -> Resource:
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise _invalid(number, f"unknown keys {sorted(unknown)}")
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise _invalid(number, f"missing keys {missing}")
    for key, allowed in (("kind", KINDS), ("level", LEVELS), ("cost", COSTS)):
        if entry[key] not in allowed:
            raise _invalid(number, f"{key} {entry[key]!r} is not one of {allowed}")
    url = str(entry["url"])
    if url and not url.startswith(("https://", "http://")):
        raise _invalid(number, f"url {url!r} is not a web address")
    if not url and entry["kind"] != "study-tip":
        raise _invalid(number, "only a study tip may have no url")
    return Resource(
        title=str(entry["title"]),
        url=url,
        kind=str(entry["kind"]),
        level=str(entry["level"]),
        cost=str(entry["cost"]),
        topics=tuple(str(t) for t in entry["topics"]),
        lessons=tuple(str(t) for t in entry["lessons"]),
        why=str(entry["why"]),
        note=str(entry.get("note", "")),
    )


@functools.cache
def all_resources() -> tuple[Resource, ...]:
    """Return every resource, in the data file's order."""
    text = package_files.files("diveml.resources").joinpath("resources.toml").read_text("utf-8")
    data = tomllib.loads(text)
    if data.get("format") != 1:
        raise ValueError(f"resources.toml has format {data.get('format')!r}; expected 1")
    return tuple(_parse(i, entry) for i, entry in enumerate(data["resource"], start=1))


def topics() -> list[str]:
    """Return every topic tag in use, sorted."""
    return sorted({t for r in all_resources() for t in r.topics})


def find_resources(topic: str | None = None, *, lesson: str | int | None = None) -> list[Resource]:
    """Return the resources about ``topic`` (a topic tag or a kind) and/or for ``lesson``.

    Parameters
    ----------
    topic
        A topic tag (``pandas``, ``leakage``) or a kind (``podcast``, ``help``); case is
        ignored. An unknown one is an :class:`~diveml.exceptions.InvalidOptionError` that
        lists the known ones.
    lesson
        A lesson's number, id or name (as ``diveml learn`` takes it).

    Examples
    --------
    >>> [r.title for r in find_resources("podcast")][:1]
    ['Talking Machines']
    """
    found = list(all_resources())
    if topic is not None:
        wanted = topic.strip().lower()
        known = [*topics(), *KINDS]
        if wanted not in known:
            raise InvalidOptionError(
                f"No resource is about {topic!r}.{did_you_mean(wanted, known)} Topics: "
                f"{', '.join(topics())}. Kinds: {', '.join(KINDS)}."
            )
        found = [r for r in found if wanted in r.topics or wanted == r.kind]
    if lesson is not None:
        from diveml.lessons import get_lesson

        lesson_id = get_lesson(lesson).id
        found = [r for r in found if lesson_id in r.lessons]
    return found

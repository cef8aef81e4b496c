"""The guide's curated next steps: courses, books, papers, podcasts, places to get help.

The list is data (``resources.toml`` in this package): each entry has a title, a URL, a
kind, a level, a cost, topic tags and the lessons it goes with. diveml shows the links and
never fetches them.

Examples
--------
>>> from diveml.resources import find_resources
>>> any(r.kind == "cheat-sheet" for r in find_resources("scikit-learn"))
True
"""

from __future__ import annotations

from diveml.resources._resources import (
    COSTS,
    KINDS,
    LEVELS,
    Resource,
    all_resources,
    find_resources,
    topics,
)

__all__ = ["COSTS", "KINDS", "LEVELS", "Resource", "all_resources", "find_resources", "topics"]

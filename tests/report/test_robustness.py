"""A report of any damaged study.json renders, or fails with a DivemlError: nothing else.

A dict given to the report is read against the result's types first
(:class:`~diveml.exceptions.StudyResultError`, naming the field); what passes them renders.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diveml.exceptions import ReportError, StudyResultError
from diveml.report import build_report
from diveml.study import StudyResult


def _paths(value: Any, prefix: tuple[Any, ...] = (), depth: int = 3) -> list[tuple[Any, ...]]:
    """Every key path into ``value``, down to ``depth`` levels (list items included)."""
    if depth == 0:
        return []
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value[:2]))
    paths = []
    for key, child in items:
        paths.append((*prefix, key))
        paths += _paths(child, (*prefix, key), depth - 1)
    return paths


DAMAGE = st.sampled_from([None, float("nan"), float("inf"), "", "<b>odd</b>", [], {}, 0, -1])


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_result_renders_or_raises_a_clear_error(
    real_results: Callable[[str], StudyResult], data: st.DataObject
) -> None:
    base = real_results("binary").to_dict()
    damage = data.draw(
        st.lists(st.tuples(st.sampled_from(_paths(base)), DAMAGE, st.booleans()), max_size=6)
    )
    result = copy.deepcopy(base)
    for path, value, delete in damage:
        parent: Any = result
        try:
            for key in path[:-1]:
                parent = parent[key]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        report = build_report(result)
        assert "</html>" in report.html()
        assert report.markdown().startswith("# ")
    except (StudyResultError, ReportError):
        pass

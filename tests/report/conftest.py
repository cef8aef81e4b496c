"""Real study results for the report tests, and typed builders for the cases a study rarely makes.

Each task's result comes from a real quick study (a tiny budget: baseline and linear model,
every other rung skipped) run once per test session, so the report is tested on exactly
what the protocol produces, reproducing code included. A case a quick study does not make
(a holdout scored four times, a flagged gap, a failed rung, hostile names) is built from
it with :func:`variant`, which changes typed fields and checks the result against the
study.json schema, so a test cannot feed the report a shape no study could write.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diveml.config import resolve_settings
from diveml.study import StudyResult, study

# (dataset, target) of each task's study: small catalog tables, a few seconds each.
STUDIES = {
    "binary": ("penguins", "sex"),
    "multiclass": ("penguins", "species"),
    "regression": ("diabetes", "progression"),
}


def variant(result: StudyResult, **changes: Any) -> StudyResult:
    """Return ``result`` with ``changes``; ``holdout={...}`` changes fields of the holdout.

    Any top-level field can be replaced (``target="<b>t</b>"``); a mapping given for a
    record changes only those of its fields. The variant is checked against the types.
    """
    fields = {}
    for name, value in changes.items():
        current = getattr(result, name)
        if isinstance(value, dict) and dataclasses.is_dataclass(current):
            value = dataclasses.replace(current, **value)  # type: ignore[type-var]
        fields[name] = value
    changed = dataclasses.replace(result, **fields)
    return StudyResult.from_dict(changed.to_dict(), source="A test's variant")


@pytest.fixture(scope="session")
def real_results(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], StudyResult]:
    """Return a function giving each task's real study result (run once, on first use)."""
    home = tmp_path_factory.mktemp("report-home")
    settings = resolve_settings(
        {
            "DIVEML_HOME": str(home),
            "DIVEML_OFFLINE": "1",
            "DIVEML_CONFIG": str(home / "no-config.toml"),
            "DIVEML_DATA_DIRS": os.environ.get("DIVEML_DATA_DIRS", ""),
        }
    )
    done: dict[str, StudyResult] = {}

    def of(task: str) -> StudyResult:
        if task not in done:
            name, target = STUDIES[task]
            out = Path(tmp_path_factory.mktemp(f"study-{task}")) / "study"
            done[task] = study(name, target, out=out, settings=settings, budget=0.01).result_
        return done[task]

    return of


@pytest.fixture(params=sorted(STUDIES))
def result(
    request: pytest.FixtureRequest, real_results: Callable[[str], StudyResult]
) -> StudyResult:
    """A real study result, once per task."""
    return real_results(request.param)


@pytest.fixture
def result_factory(real_results: Callable[[str], StudyResult]) -> Callable[..., StudyResult]:
    """Build a task's result with options: ``times_scored``, ``gap`` (flag the holdout)."""

    def factory(task: str = "binary", *, times_scored: int = 1, gap: bool = False) -> StudyResult:
        base = real_results(task)
        holdout: dict[str, Any] = {"times_scored": times_scored}
        if gap:
            # A holdout score below the expected range, worded by the protocol's own rule.
            from diveml.study._holdout import gap_message

            h = base.holdout
            assert h.expected_low is not None and h.expected_high is not None
            assert base.chosen.cv_mean is not None
            low = h.expected_low - 0.1
            expected = (h.expected_low, h.expected_high)
            message = gap_message(
                low, base.chosen.cv_mean, expected, True, False, base.split.strategy
            )
            holdout |= {"gap_flag": True, "score": low, "gap_message": message}
        return variant(base, holdout=holdout)

    return factory

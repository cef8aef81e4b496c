"""Helpers shared by the audit tests."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

from diveml.audit import AuditResult, Finding
from diveml.exceptions import speaking


def codes(result: AuditResult, column: str | None = None) -> set[str]:
    """The finding codes of ``result`` (for one column when given)."""
    return {f.code for f in result.findings if column is None or f.column == column}


def finding(result: AuditResult, code: str, column: str | None = None) -> Finding:
    """The one finding with ``code`` (and ``column``), failing the test when absent."""
    hits = [f for f in result.findings if f.code == code and (column is None or f.column == column)]
    assert hits, f"no {code!r} finding for {column!r}; found {sorted(codes(result))}"
    return hits[0]


@pytest.fixture
def table() -> pd.DataFrame:
    """A plain table of 300 rows: two numeric features, one category, a binary target."""
    rng = np.random.default_rng(7)
    n = 300
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n)
    colour = rng.choice(["red", "green", "blue"], size=n)
    y = np.where(x1 + rng.normal(scale=1.5, size=n) > 0, "yes", "no")
    return pd.DataFrame({"x1": x1, "x2": x2, "colour": colour, "y": y})


@pytest.fixture(autouse=True)
def _cli_spelling() -> Iterator[None]:
    """Spell options as the command line does (``--drop x``), the wording these tests pin.

    The audit writes option tokens; ``tests/test_option_spelling.py`` checks that the same
    messages read ``drop=['x']`` for a Python caller.
    """
    with speaking("cli"):
        yield

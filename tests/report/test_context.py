"""Numbers are formatted for people, and missing ones show as a dash."""

from __future__ import annotations

import pytest

from diveml.report._context import fmt_num, fmt_p, fmt_pct, fmt_secs, metric_name
from diveml.report._report import md_code, md_escape, sentence


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        (float("nan"), "—"),
        (0.97512, "0.975"),
        (-0.0123, "-0.012"),
        (12345, "12,345"),
        (53.41, "53.410"),
        (153.41, "153.4"),
        (123456.7, "123,457"),
        (0.00001, "1.0e-05"),
        (0, "0"),
        ("male", "male"),
        (True, "True"),
    ],
)
def test_fmt_num(value: object, shown: str) -> None:
    assert fmt_num(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(0.4, "0.40 s"), (7.44, "7.4 s"), (125, "2 min 05 s"), (None, "—")]
)
def test_fmt_secs(value: object, shown: str) -> None:
    assert fmt_secs(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(0.0001, "< 0.001"), (0.0412, "0.041"), (None, "—")])
def test_fmt_p(value: object, shown: str) -> None:
    assert fmt_p(value) == shown


def test_fmt_pct() -> None:
    assert fmt_pct(0.2) == "20%"
    assert fmt_pct(None) == "—"


@pytest.mark.parametrize(
    ("metric", "name"), [("roc_auc", "ROC AUC"), ("r2", "R²"), ("my_metric", "my metric")]
)
def test_metric_name(metric: str, name: str) -> None:
    assert metric_name(metric) == name


@pytest.mark.parametrize(
    ("value", "shown"),
    [("simplest rung wins", "Simplest rung wins."), ("Done.", "Done."), ("", ""), (None, "")],
)
def test_sentence(value: object, shown: str) -> None:
    assert sentence(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("a|b", "`a\\|b`"), ("x`y", "``x`y``"), ("`x", "`` `x ``"), ("two\nlines", "`two lines`")],
)
def test_md_code(value: str, shown: str) -> None:
    assert md_code(value) == shown


def test_md_escape_disarms_markup() -> None:
    assert md_escape("<b>*x*</b> | [y](z)") == r"\<b\>\*x\*\</b\> \| \[y\](z)"

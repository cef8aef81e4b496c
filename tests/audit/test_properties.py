"""Random small tables give an audit or a DivemlError, never another exception."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diveml.audit import AuditResult, audit
from diveml.data import read_table
from diveml.exceptions import DivemlError

_NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=6
)
_CELLS = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["a", "b", "", " ", "2024-01-02", "?", "1.5"]),
    st.booleans(),
)


@st.composite
def tables(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(1, 25))
    width = draw(st.integers(1, 5))
    names = draw(st.lists(_NAMES, min_size=width, max_size=width))
    columns = {}
    for index, name in enumerate(names):
        kind = draw(
            st.sampled_from(
                ["mixed", "float", "int", "text", "constant", "category", "bool", "date"]
            )
        )
        if kind == "mixed":
            values = draw(st.lists(_CELLS, min_size=rows, max_size=rows))
            column: object = pd.Series(values, dtype=object)
        elif kind == "float":
            column = draw(
                st.lists(
                    st.floats(allow_nan=True, allow_infinity=True), min_size=rows, max_size=rows
                )
            )
        elif kind == "int":
            column = draw(st.lists(st.integers(-3, 3), min_size=rows, max_size=rows))
        elif kind == "text":
            column = draw(
                st.lists(st.sampled_from(["x", "y", "z", None]), min_size=rows, max_size=rows)
            )
        elif kind == "category":
            values = draw(st.lists(st.sampled_from(["p", "q", None]), min_size=rows, max_size=rows))
            column = pd.Categorical(values, categories=["p", "q", "unused"])
        elif kind == "bool":
            column = draw(st.lists(st.booleans(), min_size=rows, max_size=rows))
        elif kind == "date":
            days = draw(st.lists(st.integers(0, 3000), min_size=rows, max_size=rows))
            column = pd.to_datetime("2020-01-01") + pd.to_timedelta(days, unit="D")
        else:
            column = [1] * rows
        columns[f"{name}\x00{index}"] = column
    frame = pd.DataFrame(columns)
    frame.columns = [c.split("\x00")[0] for c in frame.columns]  # duplicates on purpose
    return frame


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=tables(), data=st.data())
def test_random_tables_give_an_audit_or_a_diveml_error(
    frame: pd.DataFrame, data: st.DataObject
) -> None:
    try:
        table, _ = read_table(frame)
        target = data.draw(st.sampled_from([*table.columns, "missing"]))
        folds = data.draw(st.integers(2, 5))
        group = data.draw(st.sampled_from([None, *table.columns]))
        result = audit(table, target, folds=folds, group=group, seed=data.draw(st.integers(0, 3)))
    except DivemlError:
        return
    assert isinstance(result, AuditResult)
    assert set(result.feature_types).isdisjoint(result.excluded)
    assert target not in result.feature_types
    assert result.task in {"binary", "multiclass", "regression"}
    for finding in result.findings:
        assert finding.message and finding.fix
        assert finding.severity in {"info", "warning", "error"}
    np.testing.assert_equal(len(result.to_dict()["findings"]), len(result.findings))

"""Any small table gives a study or a DivemlError, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diveml.config import resolve_settings
from diveml.exceptions import DivemlError
from diveml.study import study

NAMES = st.text(
    alphabet=st.sampled_from(list("ab Z_-.é1?/ ")), min_size=1, max_size=6
) | st.sampled_from(["", " ", "0", "class", "None", "a b", "ü/ñ", "x" * 40])


@st.composite
def column(draw: Any, rows: int) -> list[Any]:
    kind = draw(st.sampled_from(["float", "int", "text", "mixed", "bool", "missing"]))
    if kind == "float":
        pool = st.sampled_from([0.0, 1.5, -2.0, 3.25, np.nan, np.inf, -np.inf, 1e300])
    elif kind == "int":
        pool = st.integers(-3, 3)
    elif kind == "text":
        pool = st.sampled_from(["red", "green", "blue", None, ""])
    elif kind == "mixed":
        pool = st.sampled_from([1, "1", "two", 3.5, None, True])
    elif kind == "bool":
        pool = st.sampled_from([True, False])
    else:
        pool = st.just(None)
    return draw(st.lists(pool, min_size=rows, max_size=rows))


@st.composite
def tables(draw: Any) -> tuple[pd.DataFrame, str]:
    rows = draw(st.integers(0, 40))
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    data = {name: draw(column(rows)) for name in names}
    target_kind = draw(st.sampled_from(["constant", "binary", "three", "numeric", "gappy"]))
    if target_kind == "constant":
        target = ["same"] * rows
    elif target_kind == "binary":
        target = draw(st.lists(st.sampled_from(["yes", "no"]), min_size=rows, max_size=rows))
    elif target_kind == "three":
        target = draw(st.lists(st.sampled_from([0, 1, 2]), min_size=rows, max_size=rows))
    elif target_kind == "numeric":
        target = draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=rows, max_size=rows))
    else:
        target = draw(st.lists(st.sampled_from([1.0, 2.0, np.nan]), min_size=rows, max_size=rows))
    data["target!"] = target
    return pd.DataFrame(data), "target!"


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tables(), st.integers(2, 3))
def test_any_small_table_gives_a_study_or_a_diveml_error(
    table: tuple[pd.DataFrame, str], folds: int
) -> None:
    frame, target = table
    with tempfile.TemporaryDirectory() as folder:
        env = {"DIVEML_HOME": folder, "DIVEML_OFFLINE": "1", "DIVEML_CONFIG": f"{folder}/none"}
        try:
            result = study(
                frame,
                target,
                folds=folds,
                budget=0.01,
                out=Path(folder) / "study",
                settings=resolve_settings(env),
            )
        except DivemlError:
            return
        assert result.result["status"] == "complete"

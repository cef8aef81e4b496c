from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diveml.study._ladder import RUNGS, build_pipeline


@pytest.mark.parametrize("rung", RUNGS, ids=lambda r: r.name)
@pytest.mark.parametrize("task", ["binary", "regression"])
def test_every_rung_fits_a_table_with_many_one_hot_columns(rung: object, task: str) -> None:
    # Six categorical columns of 30 levels make the one-hot output mostly zeros, which
    # ColumnTransformer would hand on as a sparse matrix; gradient boosting needs it dense
    # (the FiveThirtyEight polls table failed this way in the benchmark).
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {f"c{i}": [f"level{v}" for v in rng.integers(0, 30, 300)] for i in range(6)}
    )
    frame["x"] = rng.standard_normal(300)
    y = frame["x"] > 0 if task == "binary" else frame["x"] * 2.0
    pipeline = build_pipeline(rung, task, ["x"], [f"c{i}" for i in range(6)], seed=0)
    pipeline.fit(frame, y)
    assert len(pipeline.predict(frame)) == len(frame)

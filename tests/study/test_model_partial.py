"""A model file whose functools.partial wraps anything but check_array is refused, unrun.

Histogram gradient boosting with native categories keeps scikit-learn's ``check_array``
inside a ``functools.partial``, so diveml lets that one partial through. A hostile file can
keep the partial and swap what it wraps (a shell command, ``eval``, a subprocess) and
recompute the payload's sha256 the file records. Loading it must fail with a message that
names what the partial wraps, run nothing, and leave the file (and any output) as it was.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.exceptions import ModelFileError
from diveml.study import load_model, predict
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._model import save_model


def _frame() -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=60), "b": rng.choice(["x", "y", "z"], 60)})
    return X, rng.choice(["p", "q"], 60)


def _partials(pipeline: Any) -> list[Any]:
    """The FunctionTransformers of the booster's preprocessor that call a partial."""
    from sklearn.preprocessing import FunctionTransformer

    pre = pipeline[-1]._preprocessor
    found = [
        step
        for _, step, _ in list(pre.transformers) + list(pre.transformers_)
        if isinstance(step, FunctionTransformer) and isinstance(step.func, functools.partial)
    ]
    assert found, "the boosting rung with native categories keeps no partial any more"
    return found


def _hostile_model(tmp_path: Path, wrapped: Callable[..., Any], *args: Any) -> Path:
    """A diveml model file whose partial wraps ``wrapped`` (the sha256 made to match)."""
    import skops.io

    X, y = _frame()
    pipeline = build_pipeline(RUNGS[4], "binary", ["a"], ["b"], 0).fit(X, y)
    path = tmp_path / "model.skops"
    save_model(pipeline, path, {"task": "binary", "columns": ["a", "b"]})
    for step in _partials(pipeline):
        step.func = functools.partial(wrapped, *args)
    outer = skops.io.load(path, trusted=[])
    outer["payload"] = skops.io.dumps(pipeline)
    outer["payload_sha256"] = hashlib.sha256(outer["payload"]).hexdigest()
    skops.io.dump(outer, path)
    return path


def test_the_partial_diveml_writes_wraps_check_array_and_loads(tmp_path: Path) -> None:
    X, y = _frame()
    pipeline = build_pipeline(RUNGS[4], "binary", ["a"], ["b"], 0).fit(X, y)
    assert all(s.func.func.__name__ == "check_array" for s in _partials(pipeline))
    save_model(pipeline, tmp_path / "model.skops", {"task": "binary"})
    loaded, _ = load_model(tmp_path / "model.skops")
    np.testing.assert_array_equal(loaded.predict(X), pipeline.predict(X))


def _marker_command(marker: Path) -> dict[str, tuple[Callable[..., Any], tuple[Any, ...], str]]:
    from sklearn.utils.validation import check_array

    return {
        "os.system": (os.system, (f"touch {marker}",), os.system.__module__ + ".system"),
        "builtins.eval": (eval, (f"open({str(marker)!r}, 'w')",), "builtins.eval"),
        "subprocess.run": (subprocess.run, (["touch", str(marker)],), "subprocess.run"),
        "builtins.exec": (exec, (f"open({str(marker)!r}, 'w')",), "builtins.exec"),
        # check_array outside, a shell command inside: every partial is checked
        "nested": (
            check_array,
            (functools.partial(os.system, f"touch {marker}"),),
            os.system.__module__ + ".system",
        ),
        # harmless, but not check_array either: a partial may wrap nothing else
        "numpy.add": (np.add, (1,), "numpy.add"),
    }


@pytest.mark.parametrize(
    "name", ["os.system", "builtins.eval", "subprocess.run", "builtins.exec", "nested", "numpy.add"]
)
def test_a_partial_wrapping_anything_else_is_refused_and_nothing_runs(
    tmp_path: Path, name: str
) -> None:
    marker = tmp_path / "ran"
    wrapped, args, dotted = _marker_command(marker)[name]
    path = _hostile_model(tmp_path, wrapped, *args)
    before = path.read_bytes()
    out = tmp_path / "predictions.csv"
    X, _ = _frame()
    message = (
        r"The file '.*model\.skops' holds a functools\.partial that wraps "
        + re.escape(dotted)
        + r"; a diveml model wraps only scikit-learn's check_array that way\. It was not "
        r"loaded\..*run the study again"
    )
    for attempt in (lambda: load_model(path), lambda: predict(path, X, out=out)):
        with pytest.raises(ModelFileError, match=message):
            attempt()
    assert not marker.exists()  # nothing ran
    assert path.read_bytes() == before  # the file is left as it was
    assert not out.exists()  # and no predictions were written

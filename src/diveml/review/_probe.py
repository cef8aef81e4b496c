"""Run-time provenance, loaded inside the kernel that runs a reviewed notebook.

``install(log)`` wraps scikit-learn's ``train_test_split`` and the ``fit``, ``transform``,
``predict`` and ``score`` methods of every estimator, so that it is known which rows each
call saw. A row is identified by a hash of its values; a transformer's output rows inherit
the identity of the input rows at the same positions, so a scaled test row is still known
to be that test row. Each evaluation of rows that were on the test side of a split is
written to ``log`` (one JSON object a line, flushed at once, so a run that fails or is
stopped still leaves what it saw) together with the overlaps that matter:

* ``fit_overlap``: how many of the scored test rows the model itself was fitted on;
* ``shaped_by``: transformers that were fitted on some of these test rows and changed them.

Nothing here may break the learner's code: every probe step is wrapped so that a failure
of the probe is swallowed and the learner's call proceeds as if nothing were installed.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sys
from collections import Counter
from typing import Any

__all__ = ["install", "mark_cell"]

_STATE: dict[str, Any] = {
    "log": None,
    "files": {},  # code filename → cell index
    "cell": None,
    "depth": 0,
    "root": {},  # row hash → identity
    "shaped": {},  # row hash → set of transformer event ids
    "fits": {},  # id(estimator) → (fit identities, version, class)
    "tfits": {},  # transformer event id → (identities, description, site)
    "test": {},  # split id → set of test identities
    "train": [],  # every split's training identities, to tell a validation split apart
    "train_counts": {},  # split id → Counter of training identities
    "events": 0,
}
_ENTITY = re.compile(
    r"(subject|patient|user|participant|customer|person|player|animal|mouse|driver|"
    r"session|visit|household|student|individual|device|machine|store|account)(_?id)?$",
    re.IGNORECASE,
)


def mark_cell(index: int) -> None:
    """Record that the calling cell's code is cell ``index`` (called first in each cell)."""
    frame = sys._getframe(1)
    _STATE["files"][frame.f_code.co_filename] = index
    _STATE["cell"] = index


def _site() -> dict[str, Any]:
    frame: Any = sys._getframe(2)
    while frame is not None:
        cell = _STATE["files"].get(frame.f_code.co_filename)
        if cell is not None:
            return {"cell": cell, "line": frame.f_lineno - 1}
        frame = frame.f_back
    return {"cell": _STATE["cell"], "line": None}


def _write(record: dict[str, Any]) -> None:
    log = _STATE["log"]
    if log is None:
        return
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, default=str) + "\n")


def _hashes(X: Any) -> list[int] | None:
    """One 64-bit hash per row of X, or None when X is not row data."""
    import numpy as np
    import pandas as pd

    try:
        if isinstance(X, (pd.DataFrame, pd.Series)):
            return [int(h) for h in pd.util.hash_pandas_object(X, index=False).to_numpy()]
        if hasattr(X, "tocsr"):  # scipy sparse
            X = X.tocsr()
            return [hash(X.getrow(i).toarray().tobytes()) for i in range(X.shape[0])]
        if isinstance(X, list) and X and isinstance(X[0], str):
            return [hash(x) for x in X]
        arr = np.asarray(X)
        if arr.ndim == 0 or (arr.dtype == object and arr.ndim == 1):
            return [hash(str(x)) for x in arr] if arr.ndim == 1 else None
        if arr.ndim == 1:
            arr = arr.reshape(-1, 1)
        frame = pd.DataFrame(arr.reshape(arr.shape[0], -1))
        return [int(h) for h in pd.util.hash_pandas_object(frame, index=False).to_numpy()]
    except Exception:
        return None


def _ids(hashes: list[int]) -> list[int]:
    root = _STATE["root"]
    return [root.get(h, h) for h in hashes]


def _inherit(out: Any, inp: list[int] | None, event: int | None) -> None:
    """Output rows take the identity (and shaping history) of the input rows by position."""
    if inp is None:
        return
    out_h = _hashes(out)
    if out_h is None or len(out_h) != len(inp):
        return
    root, shaped = _STATE["root"], _STATE["shaped"]
    for o, i in zip(out_h, inp, strict=True):
        root.setdefault(o, root.get(i, i))
        history = set(shaped.get(i, ()))
        if event is not None:
            history.add(event)
        if history:
            shaped[o] = shaped.get(o, set()) | history


def _is_transformer(est: Any) -> bool:
    return hasattr(est, "transform") and not hasattr(est, "predict")


def _wrap_split(original: Any) -> Any:
    @functools.wraps(original)
    def train_test_split(*arrays: Any, **options: Any) -> Any:
        result = original(*arrays, **options)
        try:
            _STATE["events"] += 1
            sid = f"r{_STATE['events']}"
            tests: set[int] = set()
            trains: set[int] = set()
            train_counts: Counter[int] = Counter()
            for k in range(len(arrays)):
                for side, bucket in ((1, tests), (0, trains)):
                    part = result[2 * k + side]
                    h = _hashes(part)
                    if h is not None and not _is_labels(part):
                        bucket |= set(_ids(h))
                        if side == 0 and not train_counts:
                            train_counts.update(_ids(h))
            validation = bool(tests) and any(
                len(tests & earlier) >= 0.9 * len(tests) for earlier in _STATE["train"]
            )
            _STATE["train"].append(trains)
            _STATE["test"][sid] = tests
            _STATE["train_counts"][sid] = train_counts
            _write(
                {
                    "kind": "split",
                    "split": sid,
                    "validation": validation,
                    "rows": len(tests),
                    **_site(),
                }
            )
            _split_facts(arrays, result, options, sid)
        except Exception:
            pass
        return result

    return train_test_split


def _is_labels(part: Any) -> bool:
    import numpy as np

    shape = getattr(part, "shape", None)
    return (shape is not None and len(shape) == 1) or (
        isinstance(part, np.ndarray) and part.ndim == 1
    )


def _split_facts(arrays: Any, result: Any, options: dict[str, Any], sid: str) -> None:
    """Check the split's frames for subjects and dates dealt to both sides."""
    import pandas as pd

    if options.get("shuffle") is False:
        return
    site = _site()
    for k, arr in enumerate(arrays):
        if not isinstance(arr, pd.DataFrame):
            continue
        train, test = result[2 * k], result[2 * k + 1]
        for col in arr.columns:
            name = str(col)
            if _ENTITY.search(name) and arr[col].duplicated().any():
                shared = set(train[col]) & set(test[col])
                if shared:
                    _write(
                        {
                            "kind": "group",
                            "column": name,
                            "shared": len(shared),
                            "groups": int(arr[col].nunique()),
                            **site,
                        }
                    )
            dated = pd.api.types.is_datetime64_any_dtype(arr[col]) and len(test)
            if dated and test[col].min() < train[col].max():
                _write({"kind": "dates", "column": name, **site})


def _wrap_method(cls: Any, name: str) -> None:
    import inspect

    original = cls.__dict__.get(name)
    if original is None:
        return
    if inspect.isfunction(original) and not getattr(original, "_diveml_probe", False):
        setattr(cls, name, _wrapped(original, name))
    elif inspect.isfunction(getattr(original, "fn", None)) and not getattr(
        original.fn, "_diveml_probe", False
    ):
        # scikit-learn's available_if descriptor (Pipeline.predict, ...): wrap the function
        # it guards, keeping the guard.
        original.fn = _wrapped(original.fn, name)


def _wrapped(original: Any, name: str) -> Any:
    @functools.wraps(original)
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        if _STATE["depth"]:
            return original(self, *args, **kwargs)
        _STATE["depth"] += 1
        try:
            X = args[0] if args else kwargs.get("X")
            try:
                before = _hashes(X)
            except Exception:
                before = None
            result = original(self, *args, **kwargs)
            with contextlib.suppress(Exception):
                _record(self, name, X, before, result, args, kwargs)
            return result
        finally:
            _STATE["depth"] -= 1

    method._diveml_probe = True  # type: ignore[attr-defined]
    return method


def _record(
    est: Any, name: str, X: Any, hashes: list[int] | None, result: Any, args: Any, kwargs: Any
) -> None:
    if hashes is None:
        return
    ids = _ids(hashes)
    cls = type(est).__name__
    if name in ("fit", "fit_transform", "fit_resample"):
        prev = _STATE["fits"].get(id(est))
        version = (prev[1] + 1) if prev else 1
        _STATE["fits"][id(est)] = (Counter(ids), version, cls)
        if name == "fit_transform" or (name == "fit" and _is_transformer(est)):
            _STATE["events"] += 1
            event = _STATE["events"]
            _STATE["tfits"][event] = (Counter(ids), cls, _site())
            _STATE["last_tfit"] = _STATE.get("last_tfit", {})
            _STATE["last_tfit"][id(est)] = event
            if name == "fit_transform":
                _inherit(result, hashes, event)
        return
    if name == "transform":
        event = _STATE.get("last_tfit", {}).get(id(est))
        _inherit(result, hashes, event)
        return
    # predict / score / predict_proba / decision_function: an evaluation
    for sid, tests in _STATE["test"].items():
        scored = [i for i in ids if i in tests]
        if not scored or len(scored) < 0.5 * len(ids):
            continue
        fit = _STATE["fits"].get(id(est))
        train_counts = _STATE["train_counts"].get(sid, Counter())
        fit_overlap = _beyond_training(fit[0], train_counts, scored) if fit else 0
        shaped_by = []
        for event in set().union(*(_STATE["shaped"].get(h, set()) for h in hashes)):
            tfit = _STATE["tfits"].get(event)
            if tfit is None:
                continue
            seen = _beyond_training(tfit[0], train_counts, scored)
            if seen:
                shaped_by.append({"step": tfit[1], "seen": seen, **tfit[2]})
        _write(
            {
                "kind": "eval",
                "split": sid,
                "method": name,
                "model": cls,
                "model_id": id(est),
                "version": fit[1] if fit else 0,
                "rows": len(scored),
                "fit_overlap": fit_overlap,
                "fit_rows": sum(fit[0].values()) if fit else 0,
                "shaped_by": shaped_by,
                **_site(),
            }
        )
        break


def _beyond_training(fitted: Counter[int], train: Counter[int], scored: list[int]) -> int:
    """How many scored test rows a fit saw beyond the split's training rows.

    Rows are known by their values, so a test row can equal a training row (a repeated
    record, a low-cardinality feature). Counting occurrences keeps those apart: a fit on the
    training side alone saw each value as often as the training rows hold it, never more.
    """
    wanted = Counter(scored)
    return sum(min(n, max(0, fitted[i] - train[i])) for i, n in wanted.items())


def install(log: str) -> None:
    """Instrument scikit-learn in this process and log evaluations to the file ``log``."""
    _STATE["log"] = log
    import sklearn.model_selection as ms
    from sklearn.model_selection import _split
    from sklearn.pipeline import Pipeline
    from sklearn.utils import all_estimators

    wrapped = _wrap_split(_split.train_test_split)
    ms.train_test_split = wrapped
    _split.train_test_split = wrapped
    classes: set[Any] = set()
    for _, cls in all_estimators():
        # Methods often live on a base class or mixin (LogisticRegression.predict does);
        # wrap each once where it is defined.
        classes |= {c for c in cls.__mro__ if c.__module__.startswith("sklearn")}
    classes.add(Pipeline)
    for cls in classes:
        for name in (
            "fit",
            "fit_transform",
            "transform",
            "predict",
            "predict_proba",
            "decision_function",
            "score",
        ):
            with contextlib.suppress(Exception):
                _wrap_method(cls, name)
    # Mixins define fit_transform / score for many estimators; wrap them once there too.
    from sklearn.base import ClassifierMixin, RegressorMixin, TransformerMixin

    for mixin, names in (
        (TransformerMixin, ("fit_transform",)),
        (ClassifierMixin, ("score",)),
        (RegressorMixin, ("score",)),
    ):
        for name in names:
            _wrap_method(mixin, name)
    _write({"kind": "ready"})

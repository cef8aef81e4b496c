"""skops.io, imported without its walk over every scikit-learn module.

When first imported, skops.io builds its default list of trusted estimator types by calling
scikit-learn's ``all_estimators()``, which imports every scikit-learn module (and pytest,
through ``sklearn.utils._testing``): about 2 s of the 4-5 s ``diveml predict`` took on a
344-row table (bench/RESULTS.md, "Where the time goes"). diveml never needs that list: its
models hold only the scikit-learn classes its ladder builds (:data:`PIPELINE_CLASSES`).

:func:`skops_io` imports skops.io while ``all_estimators`` answers those classes only, then
puts in skops's place a list that completes itself with the real ``all_estimators()`` the
first time anything other than diveml's own save and load (inside :func:`diveml_trust`)
reads it. Another user of skops in the same process (a lesson, a notebook) thus sees skops's
own defaults, unchanged; diveml's save and load trust fewer types than skops would, never
more.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import sys
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["PIPELINE_CLASSES", "diveml_trust", "skops_io"]

# Every scikit-learn class a diveml pipeline is made of (the ladder's code in _ladder.py,
# all branches); tests/study/test_skops.py checks each rung's saved model against it.
PIPELINE_CLASSES = (
    "sklearn.compose.ColumnTransformer",
    "sklearn.pipeline.Pipeline",
    "sklearn.impute.SimpleImputer",
    "sklearn.preprocessing.StandardScaler",
    "sklearn.preprocessing.OneHotEncoder",
    "sklearn.preprocessing.OrdinalEncoder",
    "sklearn.preprocessing.TargetEncoder",
    "sklearn.preprocessing.FunctionTransformer",
    "sklearn.preprocessing.LabelEncoder",  # inside a few estimators, for the classes
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",  # inside the vectorizer
    "sklearn.decomposition.TruncatedSVD",
    "sklearn.dummy.DummyClassifier",
    "sklearn.dummy.DummyRegressor",
    "sklearn.linear_model.LogisticRegression",
    "sklearn.linear_model.Ridge",
    "sklearn.tree.DecisionTreeClassifier",
    "sklearn.tree.DecisionTreeRegressor",
    "sklearn.ensemble.RandomForestClassifier",
    "sklearn.ensemble.RandomForestRegressor",
    "sklearn.ensemble.HistGradientBoostingClassifier",
    "sklearn.ensemble.HistGradientBoostingRegressor",
)

_ONLY_DIVEML = contextvars.ContextVar("diveml_skops_only", default=False)


def _classes() -> list[tuple[str, type]]:
    pairs = []
    for dotted in PIPELINE_CLASSES:
        module, _, name = dotted.rpartition(".")
        pairs.append((name, getattr(importlib.import_module(module), name)))
    return pairs


class _Defaults(list[str]):
    """skops's default estimator names: diveml's classes until someone else reads them."""

    complete = False

    def _fill(self) -> None:
        if self.complete or _ONLY_DIVEML.get():
            return
        from sklearn.utils import all_estimators
        from skops.io._utils import get_type_name

        # what skops itself computes at import (skops/io/_trusted_types.py)
        names = [get_type_name(c) for _, c in all_estimators()]
        have = set(list.__iter__(self))
        list.extend(self, [n for n in names if n.startswith("sklearn.") and n not in have])
        self.complete = True

    def __add__(self, other: Iterable[str]) -> list[str]:  # type: ignore[override]
        self._fill()
        return list(list.__iter__(self)) + list(other)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return list.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)

    def __contains__(self, item: object) -> bool:
        self._fill()
        return list.__contains__(self, item)


def skops_io() -> Any:
    """Return the ``skops.io`` module, importing it without the all-estimators walk."""
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils

    everything = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda type_filter=None: _classes()
    try:
        import skops.io
        from skops.io import _general, _trusted_types
    finally:
        sklearn.utils.all_estimators = everything
    defaults = _Defaults(list.__iter__(_trusted_types.SKLEARN_ESTIMATOR_TYPE_NAMES))
    _trusted_types.SKLEARN_ESTIMATOR_TYPE_NAMES = defaults
    _general.SKLEARN_ESTIMATOR_TYPE_NAMES = defaults
    return skops.io


@contextlib.contextmanager
def diveml_trust() -> Iterator[None]:
    """Within this block skops trusts diveml's pipeline classes by default, nothing more.

    (Plus what the caller passes as ``trusted``; outside, skops's own defaults.)
    """
    token = _ONLY_DIVEML.set(True)
    try:
        yield
    finally:
        _ONLY_DIVEML.reset(token)

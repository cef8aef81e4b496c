"""The study protocol: an honest practice study of a table.

``diveml.study(data, target=...)`` audits the table, locks a holdout, climbs a ladder of
models simplest first, chooses the simplest adequate one, draws its learning curve, scores
the holdout once with a bootstrap interval, records the study in the ledger and writes the
artifacts (study.json, model.skops, holdout_predictions.csv, and the report).

Examples
--------
>>> import diveml
>>> s = diveml.study("titanic", target="survived", out="titanic-study")  # doctest: +SKIP
>>> s.result["selection"]["explanation"]  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__all__ = [
    "ARTIFACTS",
    "OPTIONS",
    "Study",
    "StudyOptions",
    "StudyResult",
    "calendar_features",
    "get_study",
    "json_schema",
    "list_studies",
    "load_model",
    "load_result",
    "predict",
    "study",
]

# Imported on first use, so that the command line can read the options table (defaults and
# help) without loading pandas and scikit-learn.
_LAZY = {
    "ARTIFACTS": "diveml.study._result",
    "StudyResult": "diveml.study._result",
    "json_schema": "diveml.study._result",
    "load_result": "diveml.study._result",
    "OPTIONS": "diveml.study._options",
    "StudyOptions": "diveml.study._options",
    "calendar_features": "diveml.study._features",
    "get_study": "diveml.study._ledger",
    "list_studies": "diveml.study._ledger",
    "load_model": "diveml.study._model",
    "predict": "diveml.study._model",
    "Study": "diveml.study._study",
    "study": "diveml.study._study",
}

if TYPE_CHECKING:
    from diveml.study._features import calendar_features
    from diveml.study._ledger import get_study, list_studies
    from diveml.study._model import load_model, predict
    from diveml.study._options import OPTIONS, StudyOptions
    from diveml.study._result import ARTIFACTS, StudyResult, json_schema, load_result
    from diveml.study._study import Study, study


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'diveml.study' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


class _CallableModule(types.ModuleType):
    """Let ``diveml.study(...)`` work although ``diveml.study`` is also this package.

    Once the package is imported, Python binds the attribute ``diveml.study`` to the module,
    not to the function; making the module callable keeps the documented call working
    either way.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from diveml.study._study import study

        return study(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

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

import sys
import types
from typing import Any

from diveml.study._features import calendar_features
from diveml.study._ledger import get_study, list_studies
from diveml.study._model import load_model, predict
from diveml.study._study import ARTIFACTS, Study, study

__all__ = [
    "ARTIFACTS",
    "Study",
    "calendar_features",
    "get_study",
    "list_studies",
    "load_model",
    "predict",
    "study",
]


class _CallableModule(types.ModuleType):
    """Let ``diveml.study(...)`` work although ``diveml.study`` is also this package.

    Once the package is imported, Python binds the attribute ``diveml.study`` to the module,
    not to the function; making the module callable keeps the documented call working
    either way.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Study:
        return study(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

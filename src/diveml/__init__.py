"""diveml: learn machine learning by doing, and keep from fooling yourself.

The public API is imported lazily, so ``import diveml`` and the CLI start fast; pandas
and scikit-learn load only when a function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DivemlError",
    "Settings",
    "Study",
    "__version__",
    "choose",
    "dataset_info",
    "doctor",
    "export_dataset",
    "fetch_dataset",
    "find_resources",
    "list_datasets",
    "list_studies",
    "load_dataset",
    "predict",
    "resolve_settings",
    "review",
    "study",
]

_LAZY = {
    "DivemlError": "diveml.exceptions",
    "Settings": "diveml.config",
    "resolve_settings": "diveml.config",
    "dataset_info": "diveml.data",
    "export_dataset": "diveml.data",
    "fetch_dataset": "diveml.data",
    "list_datasets": "diveml.data",
    "load_dataset": "diveml.data",
    "doctor": "diveml.doctor",
    "choose": "diveml.chooser",
    "find_resources": "diveml.resources",
    "Study": "diveml.study",
    "list_studies": "diveml.study",
    "predict": "diveml.study",
    "study": "diveml.study",
    "review": "diveml.review",
}

if TYPE_CHECKING:
    from diveml.chooser import choose
    from diveml.config import Settings, resolve_settings
    from diveml.data import (
        dataset_info,
        export_dataset,
        fetch_dataset,
        list_datasets,
        load_dataset,
    )
    from diveml.doctor import doctor
    from diveml.exceptions import DivemlError
    from diveml.resources import find_resources
    from diveml.review import review
    from diveml.study import Study, list_studies, predict, study


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'diveml' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

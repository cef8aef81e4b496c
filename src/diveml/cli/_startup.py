"""Start-up of the commands that fit or load models: scipy without its docstring pass.

scipy (1.17) adds a table of array-API support to the docstrings of about 470 of its public
functions at import, parsing each docstring with its copy of numpydoc to do so. scikit-learn
imports scipy.stats as it starts, so that pass runs in every ``diveml study`` and ``diveml
predict``: about 0.35 of the 1.8 CPU-seconds importing scikit-learn took here (8 runs
alternated, load 14; bench/RESULTS.md). Those processes never show a scipy docstring, so
:func:`skip_scipy_doc_tables` leaves the table out: the docstrings stay as scipy wrote them.

It is called by those two commands only, never on import of diveml (a notebook or a lesson
that imports diveml keeps scipy as it is), and does nothing when scipy is already imported
or has no such pass.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

__all__ = ["skip_scipy_doc_tables"]

_MODULE = "scipy._lib._array_api"


class _AsWritten:
    """Stands in for the docstring parser in scipy's decorator: gives the docstring back.

    The decorator appends its table to the parsed "Notes" section, then writes
    ``str(parsed)`` without its first line (the signature) back as the docstring.
    """

    def __init__(self, function: Any) -> None:
        self._doc = getattr(function, "__doc__", None) or ""

    def __getitem__(self, section: str) -> list[str]:
        return []  # what is appended here (the table) is dropped

    def __str__(self) -> str:
        return "\n" + self._doc


def skip_scipy_doc_tables() -> bool:
    """Make scipy's import skip its docstring tables; True if it will."""
    if "scipy.stats" in sys.modules or importlib.util.find_spec("scipy") is None:
        return False  # already paid for, or nothing to do
    try:
        api = importlib.import_module(_MODULE)
    except ImportError:  # another scipy: leave it alone
        return False
    if not hasattr(api, "FunctionDoc"):
        return False
    setattr(api, "FunctionDoc", _AsWritten)  # noqa: B010 - scipy has no stub for it
    return True

"""Start-up of the commands that fit or load models: scipy without its docstring rewriting.

scipy (1.17) rewrites hundreds of docstrings as it is imported, parsing each with its copy
of numpydoc (``scipy._lib._docscrape``) to add a section and writing it back: a table of
array-API support on about 470 public functions, the ``axis``/``nan_policy``/``keepdims``
paragraphs on the statistical tests, the ``rng`` paragraph, deprecation notes, and the
combined docs of the new distribution classes. scikit-learn imports scipy.stats as it
starts (``sklearn.utils.fixes``), so that pass runs in every ``diveml study`` and ``diveml
predict``: about 0.35 CPU-s for the array-API tables (8 runs alternated, load 14) and
another 0.1-0.15 for the rest of scipy.stats (bench/results_notes.md, "predict's
imports"). Those processes never show a scipy docstring, so :func:`skip_scipy_doc_tables`
gives scipy's parser a stand-in that hands each docstring back as it was written: the
docstrings stay scipy's own text, without the sections added at import.

It is called by those two commands only, never on import of diveml (a notebook or a lesson
that imports diveml keeps scipy as it is), and does nothing when scipy.stats is already
imported or scipy has no such parser. tests/cli/test_imports.py checks both cases.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

__all__ = ["skip_scipy_doc_tables"]

_PARSER = "scipy._lib._docscrape"
# Where scipy binds the parser's classes with `from scipy._lib._docscrape import ...` at
# import time; a module already imported keeps what it bound, so it is given the stand-in too.
_USERS = (
    "scipy._lib._array_api",
    "scipy._lib._util",
    "scipy._lib.deprecation",
    "scipy.stats._axis_nan_policy",
    "scipy.stats._distribution_infrastructure",
)
_CLASSES = ("FunctionDoc", "ClassDoc")


class _AsWritten:
    """Stands in for scipy's docstring parser: gives the docstring back as it was written.

    scipy's decorators read a section (``doc["Parameters"]``), change it (append to it,
    replace an item, ``+=``), then write ``str(doc)`` without its first line (the
    signature) back as the docstring. Every section reads as empty here and what is
    written into it is dropped, so ``str`` gives the original docstring.
    """

    def __init__(self, obj: Any, *args: Any, **kwargs: Any) -> None:
        self._doc = getattr(obj, "__doc__", None) or ""

    def __getitem__(self, section: str) -> list[Any]:
        return []  # what is appended to it (a table, a paragraph) is dropped

    def __setitem__(self, section: str, value: Any) -> None:
        pass  # a replaced section, likewise

    def __str__(self) -> str:
        return "\n" + self._doc


def skip_scipy_doc_tables() -> bool:
    """Make scipy's import skip its docstring rewriting; True if it will."""
    if "scipy.stats" in sys.modules or importlib.util.find_spec("scipy") is None:
        return False  # already paid for, or nothing to do
    try:
        parser = importlib.import_module(_PARSER)
    except ImportError:  # another scipy: leave it alone
        return False
    if not all(hasattr(parser, name) for name in _CLASSES):
        return False
    for name in _CLASSES:
        setattr(parser, name, _AsWritten)
    for user in _USERS:
        module = sys.modules.get(user)
        for name in _CLASSES:
            if module is not None and hasattr(module, name):
                setattr(module, name, _AsWritten)
    return True

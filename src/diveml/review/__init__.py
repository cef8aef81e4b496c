"""``diveml review``: catch the ways people fool themselves, in a study and in a notebook.

``review(path)`` reviews a study folder (one with ``study.json``) against the ML Test
Score, Langford's overfitting methods, Sculley's technical debts and the Rules of ML, and
looks for selection leaks in the ledger; or it reviews a learner's notebook (``.ipynb``) or
script (``.py``) for leaks, by reading the code and by running a copy with scikit-learn
instrumented. The criteria are data files in ``diveml/review/criteria``.

Examples
--------
>>> import diveml
>>> r = diveml.review("my-notebook.ipynb")  # doctest: +SKIP
>>> [f["code"] for f in r.findings]  # doctest: +SKIP
['preprocessing-leak']
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

from diveml.config import Settings
from diveml.review._review import Review

__all__ = ["Review", "review"]


def review(
    path: str | Path,
    *,
    run: bool = True,
    timeout: float = 120,
    refit: bool = True,
    settings: Settings | None = None,
) -> Review:
    """Review a notebook, a script or a study folder; never change it.

    Parameters
    ----------
    path:
        A ``.ipynb`` notebook, a ``.py`` script, or a study folder.
    run:
        For a notebook: also run a copy with scikit-learn instrumented (run-time
        provenance). ``False`` gives the static findings only.
    timeout:
        For a notebook: seconds the whole run may take.
    refit:
        For a study: refit the chosen model to check that training is reproducible.
    settings:
        Where the ledger lives; resolved from the environment when omitted.
    """
    from diveml.config import resolve_settings
    from diveml.exceptions import InvalidOptionError

    if timeout <= 0:
        raise InvalidOptionError(
            f"--timeout {timeout!r} is not a positive number of seconds. Pass e.g. --timeout 120."
        )
    path = Path(path)
    if path.is_dir():
        from diveml.review._study import review_study

        return Review(review_study(path, settings or resolve_settings(), refit=refit))
    from diveml.review._notebook import review_notebook

    return Review(review_notebook(path, run=run, timeout=timeout))


class _CallableModule(types.ModuleType):
    """Let ``diveml.review(path)`` work although ``diveml.review`` is also this package.

    Once the package is imported, Python binds the attribute ``diveml.review`` to the module,
    not to the function; a callable module keeps the documented call working either way.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Review:
        return review(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

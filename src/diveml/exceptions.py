"""Every error diveml raises on purpose, rooted at :class:`DivemlError`.

The hierarchy::

    DivemlError                         a mistake in the input or the environment
    ├── ConfigError                     a bad setting (config file, DIVEML_* variable, flag)
    ├── StateError                      the local database is corrupt, locked or too new
    ├── DatasetError                    the catalog or a fetched file
    │   ├── DatasetNotFoundError (KeyError)   no dataset of that name
    │   ├── DatasetUnavailableError         not cached and cannot be downloaded now
    │   └── ChecksumError                   a file's sha256 is not the published one
    ├── DataReadError                   a table file cannot be read as a table
    ├── TargetError                     the target column cannot be learned as it is
    ├── ColumnNotFoundError (KeyError)  a named column is not in the table
    ├── InvalidOptionError (ValueError) an option has a value outside what is allowed
    │   └── OutputPathError                 a path to write to cannot, or must not, be written
    ├── ReportError (ValueError)        a study result cannot be rendered as a report
    ├── StudyResultError (ValueError)   a study.json of another shape, version or kind of file
    ├── ClusterError                    the Dask cluster is unreachable or lost a worker
    ├── StudyError                      the data cannot support a study as asked (too few rows)
    ├── ModelFileError                  a model file is not a diveml model, or was altered
    ├── ReviewError                     a path cannot be reviewed (not a notebook or study)
    ├── ColumnMismatchError             new rows lack columns, or types, the model was trained on
    ├── LessonError                     lessons and lesson notebooks
    │   ├── LessonNotFoundError (KeyError)  no lesson of that name or number
    │   ├── LessonNotebookError             not a lesson notebook, or one from another version
    │   └── LessonDataError                 a lesson's dataset is not here and cannot be fetched
    └── MissingExtraError (ImportError) an optional dependency is not installed

The CLI prints a ``DivemlError`` as a short message on stderr and exits with code 1;
anything else keeps its traceback, because it is a bug in diveml.

A message names an option the way the caller wrote it: the core writes ``«holdout=2»`` (or
``«keep»`` for the name alone) and :meth:`DivemlError.render` spells it ``holdout=2`` for
Python (what ``str()`` gives) or ``--holdout 2`` for the command line (what the CLI shows).
"""

from __future__ import annotations

import ast
import contextlib
import contextvars
import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any, Literal

__all__ = [
    "ChecksumError",
    "ClusterError",
    "ColumnMismatchError",
    "ColumnNotFoundError",
    "ConfigError",
    "DataReadError",
    "DatasetError",
    "DatasetNotFoundError",
    "DatasetUnavailableError",
    "DivemlError",
    "InvalidOptionError",
    "LessonDataError",
    "LessonError",
    "LessonNotFoundError",
    "LessonNotebookError",
    "MissingExtraError",
    "ModelFileError",
    "OutputPathError",
    "ReportError",
    "ReviewError",
    "StateError",
    "StudyError",
    "StudyResultError",
    "TargetError",
    "current_front",
    "did_you_mean",
    "option",
    "speaking",
    "spell",
]

Front = Literal["python", "cli"]

_PLAIN_WORD = re.compile(r"[\w./-]*[^\W_][\w./-]*")
_OPTION = re.compile(r"«([a-z_]+)(?:=([^»]*))?»")


# Where a Python name differs from its command-line flag (``ids=`` is ``--id``).
_FLAGS = {"ids": "id"}

# The front end being served: the CLI sets "cli" for the command it runs (``speaking``),
# so a message or a finding made anywhere below it is spelled for the command line.
_FRONT: contextvars.ContextVar[Front] = contextvars.ContextVar("diveml_front", default="python")


def current_front() -> Front:
    """Return the front end messages are spelled for now (``"python"`` unless the CLI runs)."""
    return _FRONT.get()


@contextlib.contextmanager
def speaking(front: Front) -> Iterator[None]:
    """Spell every message and finding made inside the block for ``front``."""
    token = _FRONT.set(front)
    try:
        yield
    finally:
        _FRONT.reset(token)


def option(name: str, value: Any = ..., *, bare: bool = False) -> str:
    """Return the token for option ``name`` (with ``value`` unless left out) in a message.

    ``name`` is the Python keyword (``"drop"``, ``"out"``); :func:`spell` turns the token
    into ``drop=['id']`` or ``--drop id``. A value of ``True`` is a switch (``--force``).
    """
    return f"«{name}»" if value is ... or bare else f"«{name}={value!r}»"


def _flag(name: str) -> str:
    return "--" + _FLAGS.get(name, name).replace("_", "-")


def _shell_word(text: str) -> str:
    """Write ``text`` as a shell word: bare when it is a plain name, else single-quoted.

    ``shlex.quote`` leaves ``,`` and ``.`` bare; a lone mark reads better quoted (``','``).
    """
    if _PLAIN_WORD.fullmatch(text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"


def spell(message: str, front: Front | None = None) -> str:
    """Spell the option tokens of ``message`` for a front end (see the module docstring).

    ``front`` defaults to :func:`current_front`.
    """
    front = current_front() if front is None else front

    def one(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if front == "python":
            return name if value is None else f"{name}={value}"
        flag = _flag(name)
        if value is None:
            return flag
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return f"{flag} {value}"
        if parsed is True:
            return flag
        if isinstance(parsed, str) and not parsed.isprintable():
            return f"{flag} {value}"  # a line break or a NUL: shown escaped, as Python writes it
        if isinstance(parsed, (list, tuple)):
            return " ".join(f"{flag} {_shell_word(str(v))}" for v in parsed) or flag
        return f"{flag} {_shell_word(parsed) if isinstance(parsed, str) else value}"

    return _OPTION.sub(one, message)


def did_you_mean(value: str, choices: Iterable[str], *, n: int = 3) -> str:
    """Return ``" Did you mean 'x'?"`` for the nearest choices, or ``""`` when none is near.

    Matching ignores case, so ``survived`` finds ``Survived``.
    """
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    exact = lowered.get(value.lower())
    if exact is not None and exact != value:
        return f" Did you mean {exact!r}?"
    close = difflib.get_close_matches(value.lower(), list(lowered), n=n, cutoff=0.6)
    if not close:
        return ""
    names = " or ".join(repr(lowered[c]) for c in close)
    return f" Did you mean {names}?"


class DivemlError(Exception):
    """Base class: a problem the user can fix; the message says how."""

    def _render_traceback_(self) -> list[str]:
        # IPython and Jupyter show this instead of the traceback: a learner whose data is
        # not cached, offline, reads what to run, not 100 lines of chained network errors.
        return [f"{type(self).__name__}: {self}"]

    def render(self, front: Front | None = None) -> str:
        """Return the message with its options spelled for ``front`` (default: the current)."""
        message = self.args[0] if self.args and isinstance(self.args[0], str) else None
        return spell(message, front) if message is not None else super().__str__()

    def __str__(self) -> str:
        return self.render()


class ConfigError(DivemlError):
    """A setting has an unknown name or a value of the wrong kind."""


class StateError(DivemlError):
    """The local state database cannot be used as it is."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class DatasetError(DivemlError):
    """A catalog entry or one of its files is not usable."""


class DatasetNotFoundError(DatasetError, KeyError):
    """No dataset has that name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = sorted(known)
        super().__init__(
            f"There is no dataset called {name!r}.{did_you_mean(name, self.known)} "
            "Run `diveml data list` to see every dataset."
        )

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return self.render()


class DatasetUnavailableError(DatasetError):
    """A fetched dataset is not in the cache and cannot be downloaded now."""


class ChecksumError(DatasetError):
    """A data file does not have the sha256 its provenance records."""


class DataReadError(DivemlError):
    """A file cannot be read as a table."""


class TargetError(DivemlError):
    """The target column has a problem no model can work around (one value, all missing, ...)."""

    def __init__(self, message: str, *, column: str) -> None:
        super().__init__(message)
        self.column = column


class ColumnNotFoundError(DivemlError, KeyError):
    """A column named by the user is not in the table."""

    def __init__(self, column: str, columns: Iterable[str], *, option: str = "column") -> None:
        self.column = column
        self.columns = list(columns)
        shown = ", ".join(repr(c) for c in self.columns[:20])
        more = f" (and {len(self.columns) - 20} more)" if len(self.columns) > 20 else ""
        super().__init__(
            f"The {option} {column!r} is not a column of this table."
            f"{did_you_mean(column, self.columns)} The columns are: {shown}{more}."
        )

    def __str__(self) -> str:
        return self.render()


class InvalidOptionError(DivemlError, ValueError):
    """An option's value is outside what is allowed.

    ``option``, ``value``, ``allowed`` and ``fix`` say which option, what it was given,
    what it may be and what to do, for a front end that words the error its own way.
    """

    def __init__(
        self,
        message: str,
        *,
        option: str | None = None,
        value: Any = None,
        allowed: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.option = option
        self.value = value
        self.allowed = allowed
        self.fix = fix


class OutputPathError(InvalidOptionError):
    """A path diveml was asked to write to cannot be written, or would destroy something.

    ``option`` is how the user named the path (``out``, ``csv``, ``FILE``) and ``path``
    the path as given; the message says what is wrong with it and what to do.
    """

    def __init__(self, message: str, *, option: str, path: str) -> None:
        super().__init__(message)
        self.option = option
        self.path = path


class LessonError(DivemlError):
    """A lesson or a lesson notebook cannot be used as asked."""


class LessonNotFoundError(LessonError, KeyError):
    """No lesson has that id, number or name."""

    def __init__(self, key: str, known: Iterable[str]) -> None:
        self.key = key
        self.known = sorted(known)
        super().__init__(
            f"There is no lesson called {key!r}.{did_you_mean(key, self.known)} "
            "Run `diveml learn` to see every lesson; you can name one by its number (1), "
            "its id (01-get-your-feet-wet) or its name (get-your-feet-wet)."
        )

    def __str__(self) -> str:
        return self.render()


class LessonNotebookError(LessonError):
    """A file is not a diveml lesson notebook, or was made for another version."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class LessonDataError(LessonError):
    """A lesson needs a dataset that is not on this machine and cannot be fetched now.

    In a notebook it shows as its message alone (IPython calls ``_render_traceback_``):
    the learner is told what to run, without a traceback to read past.
    """

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


class MissingExtraError(DivemlError, ImportError):
    """An optional dependency is needed and not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the package {package!r}, which is not installed. "
            f"Install it with: pip install 'diveml[{extra}]'"
        )


class ReportError(DivemlError, ValueError):
    """A study result lacks what a report needs (a key is missing or has the wrong kind)."""


class StudyResultError(DivemlError, ValueError):
    """A study.json (or study result) is of another kind, shape or format version."""


class ClusterError(DivemlError):
    """The Dask cluster a study runs on cannot be reached, or lost a worker or its scheduler.

    ``address`` is the scheduler's address the message names.
    """

    def __init__(self, message: str, *, address: str | None = None) -> None:
        super().__init__(message)
        self.address = address


class StudyError(DivemlError):
    """The table cannot support a study as asked (too few rows for the holdout and folds)."""


class ReviewError(DivemlError):
    """A path given to ``diveml review`` is not a readable notebook, script or study folder."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ModelFileError(DivemlError):
    """A model file is not a diveml model, comes from another version, or was altered."""


class ColumnMismatchError(DivemlError):
    """The rows given to a model lack columns, or have other types, than it was trained on."""

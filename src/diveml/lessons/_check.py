"""Run an exercise's check against a learner's variables and classify what happened."""

from __future__ import annotations

import functools
import hashlib
import linecache
import math
import re
import sys
import sysconfig
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn

from diveml.lessons._model import CheckResult, Exercise

__all__ = ["Check", "clean_error", "evaluate", "learner_error_line", "run_learner_code"]

_DIVEML_DIR = str(Path(__file__).resolve().parents[1])


def _library_prefixes() -> tuple[str, ...]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, _DIVEML_DIR}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        value = sysconfig.get_paths().get(key)
        if value:
            paths.add(value)
    return tuple(sorted(p for p in paths if p))


_LIBRARY = _library_prefixes()


def _is_learner_file(filename: str) -> bool:
    """True for code the learner wrote: notebook cells, exec'd strings, their own files."""
    if filename.startswith("<frozen") or filename.startswith("<__array_function__"):
        return False
    if filename.startswith("<"):
        return True
    relative_and_gone = not Path(filename).is_absolute() and not Path(filename).exists()
    if filename.endswith((".pyx", ".pxi", ".pxd")) or relative_and_gone:
        # Compiled library code (pyarrow, pandas) names its sources relatively.
        return False
    resolved = str(Path(filename).resolve()) if filename else filename
    return not any(resolved.startswith(p) or filename.startswith(p) for p in _LIBRARY)


class _Signal(Exception):
    """Ends a check early with an outcome."""


class _NotAttempted(_Signal):
    pass


class _Incorrect(_Signal):
    def __init__(self, message: str, reason: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


class _Raised(_Signal):
    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# IPython names cells after temporary files ("/tmp/ipykernel_12/2875804307.py"); a learner
# knows their cell, not that file, so those names are taken out of messages.
_KERNEL_FILE = re.compile(r"\(?(?:[\w./\\-]*ipykernel_\d+[/\\])?\d{6,}\.py(?:, line (\d+))?\)?")
_FIRST_SENTENCE_LIMIT = 300


def clean_error(text: str) -> str:
    """One error line, without ANSI colours or kernel file names, whole sentences only."""
    text = _ANSI.sub("", text).strip()
    text = _KERNEL_FILE.sub(lambda m: f"(line {m.group(1)})" if m.group(1) else "your cell", text)
    if len(text) <= _FIRST_SENTENCE_LIMIT:
        return text
    # Cut at the end of a sentence, never inside one.
    ends = [m.end() for m in re.finditer(r"[.!?](\s|$)", text)]
    inside = [e for e in ends if e <= _FIRST_SENTENCE_LIMIT]
    cut = inside[-1] if inside else (ends[0] if ends else len(text))
    return text[:cut].strip()


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message, whole sentences only."""
    return clean_error((str(exc).strip().splitlines() or [""])[0].strip())


def learner_error_line(exc: BaseException) -> str:
    """Describe an exception in one short line, from the learner's deepest frame.

    ``line 3: return a / b -> ZeroDivisionError: division by zero``
    """
    if isinstance(exc, SyntaxError):
        # The traceback of a SyntaxError is the compiler's; the error holds the place.
        what = f"{type(exc).__name__}: {exc.msg}" if exc.msg else type(exc).__name__
        code = (exc.text or "").strip()
        where = f"line {exc.lineno}" if exc.lineno else ""
        if where and code:
            return f"{where}: {code} -> {what}"
        return f"{where} -> {what}" if where else what
    first_line = _first_line(exc)
    what = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    learner: traceback.FrameSummary | None = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if _is_learner_file(frame.filename):
            learner = frame
    if learner is None:
        return what
    code = (learner.line or linecache.getline(learner.filename, learner.lineno or 0)).strip()
    where = f"line {learner.lineno}"
    if learner.name not in {"<module>", ""}:
        where += f" in {learner.name}"
    return f"{where}: {code} -> {what}" if code else f"{where} -> {what}"


def _cell_error_for(name: str) -> str | None:
    """In IPython: the error of the last failed cell, if that cell assigns ``name``.

    A learner who edits the cell of an exercise and gets an error is told about that error
    by the check below it, rather than that the exercise is not attempted. Only the most
    recent error counts, and only when the cell it came from assigns the checked name
    (and the name is still unset), so a stale error from elsewhere never shows.
    """
    shell = sys.modules.get("IPython")
    if shell is None or shell.get_ipython() is None:
        return None
    exc = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    if not isinstance(exc, Exception):
        return None
    word = re.escape(name)
    assigns = re.compile(rf"(^|[\s,(]){word}\s*(=[^=]|,)|def\s+{word}\b", re.M)
    if isinstance(exc, SyntaxError):
        # The cell never ran: its own file is the only place the error points to.
        filename = exc.filename or ""
        source = "".join(linecache.getlines(filename)) if _is_learner_file(filename) else ""
        return learner_error_line(exc) if source and assigns.search(source) else None
    for frame in traceback.extract_tb(exc.__traceback__):
        if not _is_learner_file(frame.filename):
            continue
        source = "".join(linecache.getlines(frame.filename))
        if assigns.search(source):
            return learner_error_line(exc)
    return None


def describe_wrong_kind(name: str, value: object, what: str) -> str:
    """Say in plain words what the learner's ``name`` holds instead of ``what``."""
    import inspect

    if value is None:
        return (
            f"`{name}` is None (no value), but it should be {what}. A function without "
            "`return`, `print(...)`, or a pandas method called with `inplace=True` gives None: "
            "keep the result, not what the call returned."
        )
    owner = getattr(value, "__self__", None)
    if inspect.isbuiltin(value) and (owner is None or inspect.ismodule(owner)):
        return (
            f"`{name}` is the function `{value.__name__}` itself, not its result: call it, "
            f"`{value.__name__}(...)`."
        )
    if inspect.ismethod(value) or inspect.isbuiltin(value) or inspect.ismethoddescriptor(value):
        method = getattr(value, "__name__", "method")
        return (
            f"`{name}` is the method `{method}` itself, not its result: call it, with the "
            f"parentheses, `.{method}()`."
        )
    if inspect.isfunction(value):
        return (
            f"`{name}` is the function `{value.__name__}` itself, not its result: call it, "
            f"`{value.__name__}(...)`."
        )
    import numbers

    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return f"`{name}` is a single number ({value!r}), but it should be {what}."
    dtype = getattr(value, "dtype", None)
    if getattr(dtype, "kind", None) == "b" and getattr(value, "ndim", 0) == 1 and "number" in what:
        counts = "count" in what or "whole number" in what
        fix = "`.sum()` counts the True values" if counts else "`.mean()` is the share of True"
        return (
            f"`{name}` is {_a_type(value)} of True/False, one per row, but it should be {what}: "
            f"{fix}."
        )
    return f"`{name}` is {_a_type(value)}, but it should be {what}."


def _is_callable_result_missing(value: object) -> bool:
    """A bound method or builtin where a value was expected: forgotten parentheses."""
    import inspect

    return inspect.ismethod(value) or inspect.isbuiltin(value)


def _a_type(value: object) -> str:
    """``a str``, ``a pandas DataFrame``, ``an int``: the value's type, with its article."""
    name = _type_name(value)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


@functools.cache
def answer_names(lesson_id: str) -> dict[str, str]:
    """Which exercise each checked name belongs to: the names its starter cell assigns."""
    import ast

    from diveml.lessons._registry import get_lesson
    from diveml.lessons._source import exercise_code

    owners: dict[str, str] = {}
    try:
        code = exercise_code(get_lesson(lesson_id))
    except Exception:  # a lesson without a source (a test's) has no owners to name
        return owners
    for exercise, cells in code.items():
        try:
            tree = ast.parse(cells.get("starter", ""))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                targets = [node.target]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                owners.setdefault(node.name, exercise)
            for target in targets:
                for leaf in ast.walk(target):
                    if isinstance(leaf, ast.Name):
                        owners.setdefault(leaf.id, exercise)
    return owners


_UNDEFINED = re.compile(r"NameError: name '(\w+)' is not defined")


def cascade_message(lesson_id: str, exercise: str, error: str) -> str | None:
    """When ``error`` is a NameError for the answer of an earlier exercise, say that plainly.

    A learner whose exercise 1 failed sees, at exercise 2, which exercise to finish first
    rather than a raw ``NameError`` from code that may well be right.
    """
    found = _UNDEFINED.search(error)
    if found is None:
        return None
    name = found.group(1)
    owner = answer_names(lesson_id).get(name)
    if owner is None or owner == exercise:
        return None
    from diveml.lessons._registry import get_lesson

    order = list(get_lesson(lesson_id).exercises)
    if owner in order and exercise in order and order.index(owner) > order.index(exercise):
        return None
    return (
        f"This cell uses `{name}`, which exercise `{owner}` makes, and `{name}` does not exist "
        f"yet: `{owner}` is not done (its cell raised an error or was not run). Finish "
        f"`{owner}` first, then run this cell again."
    )


def _is_placeholder(value: object) -> bool:
    if value is Ellipsis:
        return True
    return isinstance(value, (tuple, list)) and bool(value) and all(v is Ellipsis for v in value)


def _type_name(value: object) -> str:
    kind = type(value)
    module = kind.__module__.split(".")[0]
    return kind.__name__ if module == "builtins" else f"{module} {kind.__name__}"


class Check:
    """What a check function receives: the learner's variables and ways to judge them.

    Every method that finds a problem ends the check at once with the right outcome, so
    a check reads top to bottom as a list of requirements.
    """

    def __init__(self, exercise: Exercise, namespace: Mapping[str, Any]) -> None:
        self.exercise = exercise
        self.namespace = namespace

    def has(self, name: str) -> bool:
        """True when the learner has set ``name`` to something other than the placeholder."""
        return name in self.namespace and not _is_placeholder(self.namespace[name])

    def get(
        self,
        name: str,
        kind: type | tuple[type, ...] | None = None,
        *,
        what: str | None = None,
    ) -> Any:
        """Return the learner's variable ``name``.

        Ends the check as *not attempted* when the name is missing or still ``...``, and
        as *incorrect* when ``kind`` is given and the value is not an instance of it
        (``what`` describes the expected kind in words: ``"a fitted model"``).
        """
        missing = name not in self.namespace or _is_placeholder(self.namespace[name])
        if missing:
            line = _cell_error_for(name)
            if line is not None:
                cascade = cascade_message(self.exercise.lesson_id, self.exercise.name, line)
                if cascade is not None:
                    raise _NotAttempted(cascade)
                raise _Raised(f"{line} (fix the cell that sets `{name}`, run it again)")
        if missing:
            owner = self._earlier_owner(name)
            if owner is not None:
                raise _NotAttempted(
                    f"`{name}` is not set yet: it comes from exercise `{owner}`, above. "
                    f"Finish `{owner}` first (run its cell and its check), then run this "
                    "check again."
                )
        if name not in self.namespace:
            raise _NotAttempted(
                f"There is no variable `{name}` yet. Write your answer in the cell above, "
                "run it, then run this check again."
            )
        value = self.namespace[name]
        if _is_placeholder(value):
            raise _NotAttempted(
                f"`{name}` is still the placeholder `...`. Replace it with your answer, "
                "run the cell, then run this check again."
            )
        if kind is None and (value is None or _is_callable_result_missing(value)):
            # No check wants None or a method object: both mean a call went wrong.
            self.fail(describe_wrong_kind(name, value, what or "your answer's value"))
        if kind is not None and not isinstance(value, kind):
            if isinstance(value, type):
                self.fail(
                    f"`{name}` is the class {value.__name__} itself, not an object made from "
                    f"it: add parentheses, `{value.__name__}(...)`."
                )
            if what is None:
                kinds = kind if isinstance(kind, tuple) else (kind,)
                what = " or ".join(f"a {k.__name__}" for k in kinds)
            self.fail(describe_wrong_kind(name, value, what))
        return value

    def code_for(self, name: str) -> str | None:
        """The source of the learner's latest cell that assigns ``name``, if it is known.

        Read from IPython's input history (``_ih``: Jupyter, ``diveml check``, and the
        proofs, which keep one), so a check can look at *how* an answer was made.
        """
        history = self.namespace.get("_ih")
        if not isinstance(history, list):
            return None
        assigns = re.compile(rf"(^|[\s,(]){re.escape(name)}\s*(=[^=]|,|\+=|-=|\*=|/=)", re.M)
        for cell in reversed(history):
            if isinstance(cell, str) and assigns.search(cell):
                return cell
        return None

    def typed_in(self, name: str) -> bool:
        """True when the learner's cell sets ``name`` to a number or text typed in as is."""
        import ast

        code = self.code_for(name)
        if code is None:
            return False
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets
            ):
                value = node.value
                if isinstance(value, ast.UnaryOp):
                    value = value.operand
                return isinstance(value, ast.Constant) and not isinstance(value.value, bool)
        return False

    def _earlier_owner(self, name: str) -> str | None:
        """The exercise before this one whose answer ``name`` is, if any."""
        owners = answer_names(self.exercise.lesson_id)
        owner = owners.get(name)
        if owner is None or owner == self.exercise.name:
            return None
        return owner

    def wrong_kind(self, name: str, value: object, what: str) -> NoReturn:
        """End the check: ``name`` holds ``value``, not ``what``, said in plain words.

        None, a method or function object (forgotten parentheses), a class: each gets its
        own explanation; anything else is named by its type ("a pandas Series").
        """
        if isinstance(value, type):
            self.fail(
                f"`{name}` is the class {value.__name__} itself, not an object made from it: "
                f"add parentheses, `{value.__name__}(...)`."
            )
        self.fail(describe_wrong_kind(name, value, what))

    def fail(self, message: str, *, reason: str | None = None) -> NoReturn:
        """End the check as *incorrect* with ``message`` (and ``reason``: a misconception)."""
        raise _Incorrect(message, reason)

    def expect(self, condition: object, message: str, *, reason: str | None = None) -> None:
        """End the check as *incorrect* with ``message`` unless ``condition`` is true."""
        if not condition:
            self.fail(message, reason=reason)

    def call(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call learner code; if it raises, end the check as *your code raised*."""
        try:
            return func(*args, **kwargs)
        except _Signal:
            raise
        except Exception as exc:
            if type(exc).__name__ == "NotFittedError":
                self._not_fitted(func)
            raise _Raised(learner_error_line(exc)) from exc

    def _not_fitted(self, func: Callable[..., Any]) -> None:
        """A learner's model used before it was fitted: say which, and what to finish."""
        owner_object = getattr(func, "__self__", None)
        names = [
            n for n, v in self.namespace.items() if owner_object is not None and v is owner_object
        ]
        if not names:
            self.fail(
                "A model used here is not fitted yet: fit it (`.fit(...)` on the training "
                "rows) in the exercise that makes it, then run this check again."
            )
        name = names[0]
        owner = self._earlier_owner(name)
        finish = (
            f"It comes from exercise `{owner}`: finish that first, or fit it where this "
            f"exercise asks (`{name}.fit(...)`)"
            if owner
            else f"Call `{name}.fit(...)` with the training rows"
        )
        self.fail(f"`{name}` is not fitted yet. {finish}, then run this check again.")

    @staticmethod
    def close(actual: object, expected: object, *, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
        """True when two numbers (or equal-shaped arrays) agree within the tolerances."""
        import numpy as np

        try:
            a = np.asarray(actual, dtype=float)
            b = np.asarray(expected, dtype=float)
        except (TypeError, ValueError):
            return False
        if a.shape != b.shape:
            return False
        if a.ndim == 0:
            return math.isclose(float(a), float(b), rel_tol=rtol, abs_tol=atol)
        return bool(np.allclose(a, b, rtol=rtol, atol=atol))

    def fitted(
        self,
        name: str,
        kind: type | tuple[type, ...] | None = None,
        *,
        what: str | None = None,
    ) -> Any:
        """Return the learner's estimator ``name``, ending the check unless it is fitted.

        ``kind`` (default: any scikit-learn estimator) and ``what`` are as for :meth:`get`.
        """
        from sklearn.base import BaseEstimator
        from sklearn.exceptions import NotFittedError
        from sklearn.utils.validation import check_is_fitted

        model = self.get(name, kind or BaseEstimator, what=what or "a scikit-learn model")
        try:
            check_is_fitted(model)
        except NotFittedError:
            owner = self._earlier_owner(name)
            if owner is not None:
                self.fail(
                    f"`{name}` is not fitted yet. It comes from exercise `{owner}`: finish that "
                    f"first, or fit it where this exercise asks (`{name}.fit(...)` on the "
                    "training rows), then run this check again."
                )
            self.fail(
                f"`{name}` has not been fitted yet: call `{name}.fit(...)` with the "
                "training rows, then check again."
            )
        return model


def _bug_id(exercise: Exercise, exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    key = f"{exercise.lesson_id}:{exercise.name}:{type(exc).__name__}:{Path(where).name}"
    return "DM-" + hashlib.sha1(key.encode()).hexdigest()[:8]


def _log_bug(bug_id: str, exercise: Exercise, exc: BaseException) -> None:
    """Keep the full traceback under DIVEML_HOME/checker-bugs so a report can include it."""
    try:
        from diveml.config import resolve_settings

        folder = resolve_settings().home / "checker-bugs"
        folder.mkdir(parents=True, exist_ok=True)
        text = "".join(traceback.format_exception(exc))
        (folder / f"{bug_id}.txt").write_text(
            f"lesson {exercise.lesson_id} exercise {exercise.name}\n{text}", encoding="utf-8"
        )
    except Exception:
        pass


def _raised_in_learner_code(exc: BaseException, checker_file: str) -> bool:
    return any(
        _is_learner_file(f.filename) and f.filename != checker_file
        for f in traceback.extract_tb(exc.__traceback__)
    )


def evaluate(exercise: Exercise, namespace: Mapping[str, Any]) -> CheckResult:
    """Check ``exercise`` against ``namespace`` and return the outcome; never raises."""
    lesson, name = exercise.lesson_id, exercise.name
    try:
        praise = exercise.check(Check(exercise, namespace))
    except _NotAttempted as signal:
        return CheckResult(lesson, name, "not_attempted", str(signal))
    except _Incorrect as signal:
        return CheckResult(lesson, name, "incorrect", signal.message, signal.reason)
    except _Raised as signal:
        return CheckResult(lesson, name, "raised", signal.line)
    except Exception as exc:
        checker_file = getattr(getattr(exercise.check, "__code__", None), "co_filename", "")
        if _raised_in_learner_code(exc, checker_file):
            # The check called a function the learner wrote, and that function failed.
            return CheckResult(lesson, name, "raised", learner_error_line(exc))
        bug_id = _bug_id(exercise, exc)
        _log_bug(bug_id, exercise, exc)
        return CheckResult(
            lesson,
            name,
            "checker_bug",
            f"The check itself failed ({type(exc).__name__}: {exc}). This is a bug in "
            "diveml, not in your code. Please report it with the id below; your answer "
            "may well be right.",
            bug_id=bug_id,
        )
    message = praise if isinstance(praise, str) and praise else exercise.success or "Well done."
    return CheckResult(lesson, name, "correct", message)


def run_learner_code(code: str, namespace: dict[str, Any], filename: str) -> BaseException | None:
    """Execute learner code as a notebook cell would; return the exception it raised, if any."""
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        compiled = compile(code, filename, "exec")
        exec(compiled, namespace)
    except Exception as exc:
        return exc
    return None

"""Named exercise handles for a notebook: ``ex = start("00-how-this-works")``."""

from __future__ import annotations

import html
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

from diveml.lessons._check import evaluate
from diveml.lessons._model import CheckResult, Exercise, Lesson
from diveml.lessons._registry import get_lesson

__all__ = ["ExerciseHandle", "LessonHandle", "start"]

# Set by the headless runner (``diveml check``) and by the test harness: results are
# collected here and nothing is written to the learner's progress.
_HEADLESS = False
_RESULTS: dict[tuple[str, str], CheckResult] = {}
_STARTED: dict[str, LessonHandle] = {}
REPORT_MIME = "application/vnd.diveml.report+json"


def _ipython() -> Any:
    module = sys.modules.get("IPython")
    if module is None:
        return None
    try:
        return module.get_ipython()
    except Exception:
        return None


def _in_notebook() -> bool:
    shell = _ipython()
    return shell is not None and hasattr(shell, "kernel")


class _Shown:
    """A piece of feedback (hint, solution, note) with HTML and plain renderings."""

    def __init__(self, title: str, body: str, *, code: bool = False, colour: str = "#2563eb"):
        self.title = title
        self.body = body
        self.code = code
        self.colour = colour

    def text(self) -> str:
        return f"{self.title}\n{self.body}"

    def _repr_html_(self) -> str:
        from diveml.lessons._model import _inline_code

        body = (
            f"<pre><code>{html.escape(self.body)}</code></pre>"
            if self.code
            else f"<div>{_inline_code(self.body).replace(chr(10), '<br>')}</div>"
        )
        return (
            f'<div class="diveml-note" style="border-left:4px solid {self.colour};'
            f'padding:0.4em 0.8em;margin:0.3em 0">'
            f'<strong style="color:{self.colour}">{_inline_code(self.title)}</strong>{body}</div>'
        )

    def __repr__(self) -> str:
        return self.text()


def show(obj: Any) -> None:
    """Display ``obj`` richly in a notebook, as plain text elsewhere."""
    if _in_notebook():
        from IPython.display import display

        display(obj)
    else:
        print(obj.text() if hasattr(obj, "text") else obj)


def _record(kind: str, *args: Any) -> Any:
    """Write progress unless headless; a broken database must not break the lesson."""
    if _HEADLESS:
        return None
    from diveml.exceptions import DivemlError
    from diveml.lessons import _progress

    try:
        return getattr(_progress, f"record_{kind}")(*args)
    except DivemlError as exc:
        show(_Shown("Progress not saved", str(exc), colour="#b45309"))
        return None


class ExerciseHandle:
    """One exercise in a notebook: ``check()``, ``hint()``, ``solution()``."""

    def __init__(self, lesson: LessonHandle, exercise: Exercise) -> None:
        self._lesson = lesson
        self._exercise = exercise
        self._hints_shown = 0

    @property
    def name(self) -> str:
        """The exercise's name."""
        return self._exercise.name

    @property
    def task(self) -> str:
        """What the exercise asks, in one line."""
        return self._exercise.task

    def evaluate(self) -> CheckResult:
        """Check your answer and return the result, without showing or recording it."""
        return evaluate(self._exercise, self._lesson.namespace)

    def check(self) -> None:
        """Check your answer and show what the checker found."""
        result = self.evaluate()
        _RESULTS[(result.lesson, result.exercise)] = result
        _record("check", result.lesson, result.exercise, result.outcome)
        show(result)
        if _HEADLESS and _in_notebook():
            # Leave the result in this cell's outputs too, so a run that a later cell
            # stops (a hang, a dead kernel) still reports the checks that ran.
            from IPython.display import display

            display({REPORT_MIME: {"results": [result.to_dict()]}}, raw=True)

    def hint(self) -> None:
        """Show the next hint (each call reveals one more) and how many remain."""
        hints = self._exercise.hints
        used = self._hints_shown
        if not _HEADLESS:
            from diveml.lessons._progress import read_progress

            try:
                rows = read_progress(self._exercise.lesson_id)
                used = max(used, *(r.hints_used for r in rows if r.exercise == self.name), 0)
            except Exception:  # progress is a convenience here; the hint still shows
                pass
        number = min(used + 1, len(hints))
        self._hints_shown = number
        _record("hint", self._exercise.lesson_id, self.name, number)
        left = len(hints) - number
        more = (
            f"{left} more: run `ex.{self.name}.hint()` again."
            if left
            else f"That was the last hint. `ex.{self.name}.solution()` shows a solution."
        )
        show(_Shown(f"Hint {number} of {len(hints)} ({more})", hints[number - 1]))

    def solution(self, confirm: bool = False) -> None:
        """Show the solution; the first time, asks you to confirm (or pass ``confirm=True``)."""
        from diveml.lessons._source import exercise_code

        if not confirm and not self._seen_solution():
            confirm = self._ask()
            if not confirm:
                return
        code = exercise_code(get_lesson(self._exercise.lesson_id))[self.name]["solution"]
        _record("solution", self._exercise.lesson_id, self.name)
        show(
            _Shown(
                f"A solution to {self.name} (yours may differ and still be right)",
                code,
                code=True,
                colour="#7c3aed",
            )
        )

    def _seen_solution(self) -> bool:
        if _HEADLESS:
            return False
        from diveml.lessons._progress import read_progress

        try:
            rows = read_progress(self._exercise.lesson_id)
        except Exception:
            return False
        return any(r.exercise == self.name and r.solution_viewed for r in rows)

    def _ask(self) -> bool:
        question = (
            f"Show the solution to {self.name}? Trying one more hint first often teaches "
            "more. Type y to show it: "
        )
        try:
            answer = input(question)
        except Exception:  # no way to ask here: a headless run, or stdin is closed
            show(
                _Shown(
                    "Solution not shown",
                    f"Run `ex.{self.name}.solution(confirm=True)` to see it.",
                    colour="#6b7280",
                )
            )
            return False
        return answer.strip().lower() in {"y", "yes"}

    def __repr__(self) -> str:
        return f"<exercise {self.name}: {self.task}>"


class LessonHandle:
    """The exercises of one lesson, by name: ``ex.split_data``."""

    def __init__(self, lesson: Lesson, namespace: Mapping[str, Any]) -> None:
        self._lesson_obj = lesson
        self.namespace = namespace
        self._handles = {name: ExerciseHandle(self, e) for name, e in lesson.exercises.items()}

    @property
    def lesson(self) -> Lesson:
        """The lesson these exercises belong to."""
        return self._lesson_obj

    def __getattr__(self, name: str) -> ExerciseHandle:
        handles = self.__dict__.get("_handles", {})
        if name in handles:
            return handles[name]
        from diveml.exceptions import did_you_mean

        raise AttributeError(
            f"Lesson {self._lesson_obj.id!r} has no exercise {name!r}.{did_you_mean(name, handles)} "
            f"Its exercises are: {', '.join(handles)}. If this notebook came from an older "
            f"diveml, get a fresh copy with `diveml learn {self._lesson_obj.id}`."
        )

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._handles]

    def __iter__(self) -> Any:
        return iter(self._handles.values())

    def progress(self) -> None:
        """Show this lesson's progress: each exercise's last outcome, attempts and hints."""
        from diveml.lessons._model import outcome_label
        from diveml.lessons._progress import read_progress

        rows = {r.exercise: r for r in read_progress(self._lesson_obj.id)}
        lines = []
        for name in self._handles:
            row = rows.get(name)
            if row is None:
                lines.append(f"`{name}`: not checked yet")
                continue
            flags = []
            if row.hints_used:
                flags.append(f"{row.hints_used} hint{'s' if row.hints_used > 1 else ''}")
            if row.solution_viewed:
                flags.append("solution viewed")
            status = "solved" if row.solved else outcome_label(row.outcome)
            extra = f" ({', '.join(flags)})" if flags else ""
            tries = f"{row.attempts} attempt{'' if row.attempts == 1 else 's'}"
            lines.append(f"`{name}`: {status}, {tries}{extra}")
        solved = sum(1 for r in rows.values() if r.solved and r.exercise in self._handles)
        show(
            _Shown(
                f"Progress on {self._lesson_obj.title}: {solved} of {len(self._handles)} solved",
                "\n".join(lines),
                colour="#15803d",
            )
        )

    def text(self) -> str:
        lines = [f"Lesson {self._lesson_obj.id}: {self._lesson_obj.title}. Exercises:"]
        lines += [f"  ex.{h.name}: {h.task}" for h in self._handles.values()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from diveml.lessons._model import _inline_code

        items = "".join(
            f"<li><code>ex.{h.name}</code>: {_inline_code(h.task)}</li>"
            for h in self._handles.values()
        )
        return (
            f"<div><strong>{html.escape(self._lesson_obj.title)}</strong>: "
            f"{len(self._handles)} exercises<ul>{items}</ul></div>"
        )

    def __repr__(self) -> str:
        return self.text()


def _caller_namespace(depth: int) -> MutableMapping[str, Any]:
    shell = _ipython()
    if shell is not None and getattr(shell, "user_ns", None) is not None:
        return shell.user_ns
    return sys._getframe(depth + 1).f_globals


def start(
    lesson: str,
    *,
    namespace: Mapping[str, Any] | None = None,
    made_with: str | None = None,
) -> LessonHandle:
    """Return the named exercise handles of ``lesson`` for this notebook.

    The handles read your variables from the notebook (IPython's user namespace, or the
    calling module's globals), or from ``namespace`` when given.

    Examples
    --------
    >>> ex = start("00-how-this-works", namespace={"answer": ...})
    >>> ex.first_answer.evaluate().outcome
    'not_attempted'
    """
    from diveml import __version__

    found = get_lesson(lesson)
    if namespace is None:
        namespace = _caller_namespace(1)
    handle = LessonHandle(found, namespace)
    _STARTED[found.id] = handle
    if made_with is not None and made_with != __version__:
        show(
            _Shown(
                "This notebook was made by another diveml version",
                f"It was made by diveml {made_with}; you have {__version__}. If a check "
                f"says something odd, get a fresh copy with `diveml learn {found.id}` "
                "(your file is kept) and move your answers across.",
                colour="#b45309",
            )
        )
    return handle


# Left in the notebook's folder by the folder watch just before it ends the kernel, so
# the runner can say why the kernel died.
FOLDER_FULL_MARKER = ".diveml-folder-full"


def _begin_headless(file_limit: int | None = None, folder_limit: int | None = None) -> None:
    """Called first by the headless runner: collect results, write no progress.

    ``file_limit`` (bytes) caps the size of any one file the notebook writes, so a cell
    that fills the disk fails with an error in that cell instead. ``folder_limit`` (bytes)
    caps everything written under the notebook's folder (many small files): past it, the
    kernel is ended and the runner reports why.
    """
    global _HEADLESS
    _HEADLESS = True
    _RESULTS.clear()
    _STARTED.clear()
    if file_limit is not None:
        _limit_file_size(file_limit)
    if folder_limit is not None:
        _watch_folder(folder_limit)


def _folder_bytes(folder: str) -> int:
    import os

    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:  # a file removed while we looked
                continue
    return total


def _watch_folder(limit: int, every: float = 0.25) -> None:
    """Watch the folder the kernel runs in from a daemon thread; past ``limit`` bytes,
    leave the marker and end the kernel (a cell busy writing cannot be interrupted
    politely, and the disk is shared with every other submission)."""
    import os
    import threading
    import time

    folder = os.getcwd()

    def watch() -> None:
        while True:
            time.sleep(every)
            if _folder_bytes(folder) > limit:
                try:
                    with open(os.path.join(folder, FOLDER_FULL_MARKER), "w") as marker:
                        marker.write(str(limit))
                finally:
                    os._exit(70)

    threading.Thread(target=watch, name="diveml-folder-watch", daemon=True).start()


def _limit_file_size(limit: int) -> None:
    try:
        import resource
        import signal
    except ImportError:  # pragma: no cover - Windows has no such limit
        return
    # Without this the kernel would be killed by SIGXFSZ; ignored, the write raises
    # OSError "File too large" in the learner's cell, which the report shows.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))


def _report() -> dict[str, Any]:
    """Every started lesson's exercises: the last check, or a check now if none ran."""
    results = []
    for lesson_id, handle in _STARTED.items():
        for name, exercise_handle in handle._handles.items():
            result = _RESULTS.get((lesson_id, name))
            checked = result is not None
            if result is None:
                result = exercise_handle.evaluate()
            results.append(result.to_dict() | {"checked_in_notebook": checked})
    return {"started": list(_STARTED), "results": results}


def _emit_report() -> None:
    """Called last by the headless runner: hand the results back as one display output."""
    from IPython.display import display

    display({REPORT_MIME: _report()}, raw=True)

"""The data a lesson is made of: lessons, exercises, known-wrong answers, check results."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from diveml.lessons._check import Check

__all__ = [
    "OUTCOMES",
    "CheckResult",
    "Exercise",
    "Lesson",
    "Outcome",
    "Wrong",
]

Outcome = Literal["not_attempted", "incorrect", "raised", "correct", "checker_bug"]
OUTCOMES: tuple[Outcome, ...] = ("not_attempted", "incorrect", "raised", "correct", "checker_bug")

SOURCES_DIR = Path(__file__).resolve().parent / "sources"

_ID = re.compile(r"^(\d{2})-[a-z0-9]+(-[a-z0-9]+)*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

CheckFunction = Callable[["Check"], "str | None"]


@dataclasses.dataclass(frozen=True)
class Wrong:
    """A known-wrong answer: code that replaces the solution cell, and what it must produce.

    Parameters
    ----------
    code
        Python source that stands in for the exercise's solution cell.
    outcome
        The outcome it must give (``"incorrect"`` usually; ``"raised"`` when the code
        itself fails; ``"not_attempted"`` when it leaves a placeholder).
    message
        Text that must appear in the feedback (the message or the reason), exactly.
    """

    code: str
    outcome: Outcome = "incorrect"
    message: str = ""

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"Wrong(outcome={self.outcome!r}) must be one of {OUTCOMES}.")
        if self.outcome in {"incorrect", "raised"} and not self.message:
            raise ValueError(
                f"Wrong({self.code!r}) must declare the message it produces (message=...)."
            )


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One checked exercise of a lesson; built by :meth:`Lesson.exercise`."""

    name: str
    lesson_id: str
    check: CheckFunction
    task: str
    hints: tuple[str, ...]
    wrong: tuple[Wrong, ...]
    success: str | None = None
    reveal: bool = False


@dataclasses.dataclass
class Lesson:
    """A lesson: its id, title, duration and exercises.

    The id is ``NN-words-with-dashes``; the source is ``sources/<id>.py``.

    ``path_order`` places the lesson on the path that ``diveml learn`` shows, which follows
    the guide's order (get your feet wet, play to learn, Domingos' lessons, pandas); leave
    it out and the lesson sits at its number. Lessons with equal places keep id order.

    Examples
    --------
    >>> lesson = Lesson(id="98-example", title="An example", minutes=5)
    >>> @lesson.exercise(hints=["Six times seven."], wrong=[Wrong("answer = 41", message="41")])
    ... def answer(check):
    ...     "Set `answer` to 42."
    ...     value = check.get("answer", int)
    ...     check.expect(value == 42, f"`answer` is {value!r}; try again.")
    >>> list(lesson.exercises)
    ['answer']
    """

    id: str
    title: str
    minutes: int
    summary: str = ""
    exercises: dict[str, Exercise] = dataclasses.field(default_factory=dict)
    path_order: int | None = None

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(
                f"Lesson id {self.id!r} must look like '07-some-words' (two digits, a dash, "
                "lowercase words separated by dashes)."
            )

    @property
    def number(self) -> int:
        """The lesson's place on the path (the id's two digits)."""
        return int(self.id[:2])

    @property
    def path_position(self) -> int:
        """Where the lesson sits on the path: ``path_order``, or its number by default."""
        return self.number if self.path_order is None else self.path_order

    @property
    def slug(self) -> str:
        """The id without its number: ``get-your-feet-wet``."""
        return self.id[3:]

    @property
    def source_path(self) -> Path:
        """The percent-format source of the lesson's notebook."""
        return SOURCES_DIR / f"{self.id}.py"

    def exercise(
        self,
        *,
        hints: Sequence[str] = (),
        wrong: Sequence[Wrong] = (),
        success: str | None = None,
        reveal: bool = False,
        name: str | None = None,
    ) -> Callable[[CheckFunction], CheckFunction]:
        """Register the decorated function as the check of an exercise.

        The function's name is the exercise's name (``ex.<name>.check()``) and its
        docstring's first line is the task shown in reports. It receives a
        :class:`~diveml.lessons.authoring.Check` and may return a success message.
        """

        def register(func: CheckFunction) -> CheckFunction:
            exercise_name = name or func.__name__
            if not _NAME.match(exercise_name):
                raise ValueError(f"Exercise name {exercise_name!r} must be a lowercase identifier.")
            if exercise_name in self.exercises:
                raise ValueError(f"Lesson {self.id!r} already has an exercise {exercise_name!r}.")
            if not hints:
                raise ValueError(f"Exercise {exercise_name!r} needs at least one hint.")
            if not wrong:
                raise ValueError(
                    f"Exercise {exercise_name!r} needs at least one Wrong(...) answer."
                )
            doc = (func.__doc__ or "").strip()
            if not doc:
                raise ValueError(f"Exercise {exercise_name!r} needs a docstring: the task.")
            self.exercises[exercise_name] = Exercise(
                name=exercise_name,
                lesson_id=self.id,
                check=func,
                task=doc.splitlines()[0],
                hints=tuple(hints),
                wrong=tuple(wrong),
                success=success,
                reveal=reveal,
            )
            return func

        return register


_LABELS: dict[Outcome, tuple[str, str, str]] = {
    # outcome: (plain label, heading, colour)
    "not_attempted": ("not attempted", "Not attempted yet", "#6b7280"),
    "incorrect": ("incorrect", "Not quite", "#b45309"),
    "raised": ("your code raised", "Your code raised an error", "#b91c1c"),
    "correct": ("correct", "Correct", "#15803d"),
    "checker_bug": ("checker bug", "A bug in diveml's checker (ours, not yours)", "#7c3aed"),
}
_ICONS: dict[Outcome, str] = {
    "not_attempted": "○",
    "incorrect": "✗",
    "raised": "!",
    "correct": "✓",
    "checker_bug": "⚙",
}


def outcome_label(outcome: str) -> str:
    """Return the plain words for an outcome: ``"not attempted"``."""
    return _LABELS[outcome][0] if outcome in _LABELS else outcome


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """What one check found; shown as rich HTML in a notebook and plain text elsewhere."""

    lesson: str
    exercise: str
    outcome: Outcome
    message: str
    reason: str | None = None
    bug_id: str | None = None

    @property
    def feedback(self) -> str:
        """The message and the reason, as one text (what a Wrong's ``message`` matches)."""
        return self.message + (f" {self.reason}" if self.reason else "")

    def text(self) -> str:
        """Plain-text rendering."""
        icon = _ICONS[self.outcome]
        lines = [f"{icon} {self.exercise}: {_LABELS[self.outcome][1]}. {self.message}"]
        if self.reason:
            lines.append(f"  Why: {self.reason}")
        if self.bug_id:
            lines.append(f"  Report id: {self.bug_id}")
        return "\n".join(lines)

    def html(self) -> str:
        """HTML rendering for notebooks."""
        _, heading, colour = _LABELS[self.outcome]
        icon = _ICONS[self.outcome]
        parts = [
            f'<div class="diveml-check diveml-{self.outcome}" style="border-left:4px solid '
            f'{colour};padding:0.4em 0.8em;margin:0.3em 0;background:{colour}14">',
            f'<strong style="color:{colour}">{icon} {html.escape(heading)}</strong> '
            f"<code>{html.escape(self.exercise)}</code>",
            f'<div style="margin-top:0.2em">{_inline_code(self.message)}</div>',
        ]
        if self.reason:
            parts.append(f"<div><em>Why:</em> {_inline_code(self.reason)}</div>")
        if self.bug_id:
            parts.append(f"<div>Report id: <code>{html.escape(self.bug_id)}</code></div>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's text/plain: what a terminal front end shows.
        printer.text(self.text())

    def __str__(self) -> str:
        return self.text()

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (for JSON and CSV)."""
        return dataclasses.asdict(self)


def _inline_code(text: str) -> str:
    """Escape ``text`` and turn `backticked` words into <code>."""
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)

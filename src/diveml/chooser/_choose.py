"""Walk scikit-learn's estimator cheat-sheet with the numbers of the user's own table."""

from __future__ import annotations

import dataclasses
import functools
import shlex
import tomllib
from collections.abc import Callable
from importlib import resources as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diveml.config import Settings, resolve_settings
from diveml.exceptions import option, spell

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Choice", "Facts", "Step", "choose", "sheet"]

SHEET_URL = "https://scikit-learn.org/stable/machine_learning_map.html"


@dataclasses.dataclass(frozen=True)
class Facts:
    """What the chooser read from the table: the numbers its answers quote."""

    data: str
    name: str
    rows: int
    labelled_rows: int
    target: str | None
    task: str | None
    task_reason: str
    classes: int
    features: int
    feature_kinds: dict[str, int]
    text_columns: tuple[str, ...]
    excluded: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Step:
    """One step of the walk: a question answered, or what the sheet says to try."""

    kind: str  # "question" or "try"
    text: str  # the sheet's question, or the estimator family to try
    answer: str = ""  # "yes" / "no" for a question
    evidence: str = ""  # the table's numbers behind the answer
    estimators: tuple[str, ...] = ()
    dated: str = ""
    study: str = ""
    lessons: tuple[str, ...] = ()
    after_not_working: bool = False  # reached by the sheet's "not working" arrow

    def to_dict(self) -> dict[str, Any]:
        """Return the step as plain data."""
        data = dataclasses.asdict(self)
        data["estimators"] = list(self.estimators)
        data["lessons"] = list(self.lessons)
        return data


@dataclasses.dataclass(frozen=True)
class Choice:
    """The walk through the sheet, where it ends, and how to try it with diveml."""

    facts: Facts
    steps: tuple[Step, ...]
    command: str | None
    lessons: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def recommended(self) -> list[Step]:
        """The estimator families the sheet says to try, in order."""
        return [s for s in self.steps if s.kind == "try"]

    def to_dict(self) -> dict[str, Any]:
        """Return the choice as plain data (what ``diveml choose --json`` prints)."""
        return {
            "sheet": SHEET_URL,
            "facts": dataclasses.asdict(self.facts)
            | {"text_columns": list(self.facts.text_columns)},
            "steps": [s.to_dict() for s in self.steps],
            "recommended": [e for s in self.recommended for e in s.estimators],
            "command": self.command,
            "lessons": list(self.lessons),
            "notes": list(self.notes),
        }


@functools.cache
def sheet() -> dict[str, Any]:
    """Return the cheat-sheet's decision tree (``cheatsheet.toml``), checked for dangling steps."""
    text = package_files.files("diveml.chooser").joinpath("cheatsheet.toml").read_text("utf-8")
    tree = tomllib.loads(text)
    nodes = set(tree["question"]) | set(tree["leaf"])
    overlap = set(tree["question"]) & set(tree["leaf"])
    if overlap:
        raise ValueError(f"cheatsheet.toml: ids used twice: {sorted(overlap)}")
    for qid, question in tree["question"].items():
        if question["test"] not in _TESTS:
            raise ValueError(f"cheatsheet.toml: question {qid!r} has unknown test")
        for side in ("yes", "no"):
            if question[side] not in nodes:
                raise ValueError(f"cheatsheet.toml: question {qid!r} {side} -> unknown step")
    for lid, leaf in tree["leaf"].items():
        if leaf.get("next") and leaf["next"] not in nodes:
            raise ValueError(f"cheatsheet.toml: leaf {lid!r} next -> unknown step")
    return tree


# --- the answers: each returns (yes?, the numbers behind it) ---------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _more_than_50(f: Facts) -> tuple[bool, str]:
    n = f.labelled_rows if f.target else f.rows
    what = f"rows with a value in {f.target!r}" if f.target else "rows"
    return n > 50, f"{n:,} {what}"


def _predicting_category(f: Facts) -> tuple[bool, str]:
    if f.target is None:
        return False, spell(f"no {option('target')} given, so nothing is predicted")
    if f.task in {"binary", "multiclass"}:
        return True, f"{f.target!r} is a {f.task} target: {f.task_reason}"
    return False, f"{f.target!r}: {f.task_reason}"


def _labelled(f: Facts) -> tuple[bool, str]:
    if f.target is None:
        return False, spell(f"no {option('target')} given")
    return (
        f.labelled_rows > 0,
        f"{f.labelled_rows:,} of {f.rows:,} rows have a value in {f.target!r}",
    )


def _fewer_than(limit: int) -> Callable[[Facts], tuple[bool, str]]:
    def answer(f: Facts) -> tuple[bool, str]:
        n = f.labelled_rows if f.target else f.rows
        return n < limit, f"{n:,} rows (the line is at {limit:,})"

    return answer


def _text_data(f: Facts) -> tuple[bool, str]:
    # The sheet means data that *is* text (documents, messages), where word counts and naive
    # Bayes shine; one column of names in a table of numbers is not that.
    share = len(f.text_columns) / f.features if f.features else 0.0
    if not f.text_columns:
        return False, f"none of the {_plural(f.features, 'feature column')} holds free text"
    names = ", ".join(repr(c) for c in f.text_columns[:5])
    more = f" and {len(f.text_columns) - 5} more" if len(f.text_columns) > 5 else ""
    counted = f"{len(f.text_columns):,} of {_plural(f.features, 'feature column')}"
    if share >= 0.5:
        return True, f"{counted} hold free text: {names}{more}"
    return False, f"only {counted} hold free text ({names}{more}); the rest is a table"


def _predicting_quantity(f: Facts) -> tuple[bool, str]:
    if f.target is None:
        return False, spell(f"no {option('target')} given, so nothing is predicted")
    return f.task == "regression", f"{f.target!r}: {f.task_reason}"


def _few_features_important(f: Facts) -> tuple[bool, str]:
    # No honest answer exists before fitting; the study fits ridge, so follow that branch.
    return (
        False,
        f"cannot be known before fitting ({_plural(f.features, 'feature column')}); "
        "following the branch the study fits (ridge). The other branch is Lasso/ElasticNet",
    )


def _just_looking(f: Facts) -> tuple[bool, str]:
    return True, spell(f"no {option('target')} given: looking at the table's structure")


_TESTS: dict[str, Callable[[Facts], tuple[bool, str]]] = {
    "more_than_50": _more_than_50,
    "predicting_category": _predicting_category,
    "labelled": _labelled,
    "fewer_than_100k": _fewer_than(100_000),
    "fewer_than_10k": _fewer_than(10_000),
    "text_data": _text_data,
    "predicting_quantity": _predicting_quantity,
    "few_features_important": _few_features_important,
    "just_looking": _just_looking,
}


def _walk(facts: Facts) -> list[Step]:
    tree = sheet()
    steps: list[Step] = []
    node: str | None = tree["start"]
    seen: set[str] = set()
    while node is not None and node not in seen:
        seen.add(node)
        # Every step after the first estimator is reached through the sheet's "not working".
        tried = any(s.kind == "try" for s in steps)
        if node in tree["question"]:
            q = tree["question"][node]
            yes, evidence = _TESTS[q["test"]](facts)
            steps.append(
                Step(
                    "question", q["ask"], "yes" if yes else "no", evidence, after_not_working=tried
                )
            )
            node = q["yes" if yes else "no"]
            continue
        leaf = tree["leaf"][node]
        steps.append(
            Step(
                "try",
                leaf["title"],
                estimators=tuple(leaf["estimators"]),
                dated=leaf.get("dated", ""),
                study=leaf["study"],
                lessons=tuple(leaf["lessons"]),
                after_not_working=tried,
            )
        )
        node = leaf.get("next")
    return steps


# --- reading the table ---------------------------------------------------------------------


def _facts(frame: pd.DataFrame, data: str, name: str, target: str | None) -> Facts:
    from diveml.audit import audit, column_type, infer_task

    rows = len(frame)
    if target is None:
        kinds = {str(c): column_type(frame[c]) for c in frame.columns}
        return Facts(
            data=data,
            name=name,
            rows=rows,
            labelled_rows=0,
            target=None,
            task=None,
            task_reason="",
            classes=0,
            features=len(kinds),
            feature_kinds=_count(kinds.values()),
            text_columns=tuple(c for c, k in kinds.items() if k == "text"),
            excluded={},
        )
    audited = audit(frame, target)
    y = frame[target].dropna()
    _, reason = infer_task(y)
    types = audited.feature_types
    return Facts(
        data=data,
        name=name,
        rows=rows,
        labelled_rows=rows - audited.target_missing_rows,
        target=target,
        task=audited.task,
        task_reason=reason,
        classes=len(audited.classes) if audited.task != "regression" else 0,
        features=len(types),
        feature_kinds=_count(types.values()),
        text_columns=tuple(c for c, k in types.items() if k == "text"),
        excluded=dict(audited.excluded),
    )


def _count(kinds: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _default_target(data: Any) -> str | None:
    """The catalog's default target when ``data`` is a dataset name (not a file)."""
    from diveml.data import list_datasets

    if not isinstance(data, str) or Path(data).exists():
        return None
    return {d.name: d.target for d in list_datasets()}.get(data)


def choose(
    data: Any,
    target: str | None = None,
    *,
    table: str | None = None,
    sql: str | None = None,
    settings: Settings | None = None,
) -> Choice:
    """Walk the scikit-learn cheat-sheet for ``data`` and return where it ends.

    Parameters
    ----------
    data
        A file, a catalog dataset name or a DataFrame, read as ``diveml study`` reads it.
    target
        The column to predict; a catalog dataset's default target when left out. Without
        one, the walk takes the sheet's "just looking" branch.

    Examples
    --------
    >>> from diveml.chooser import choose
    >>> c = choose("penguins")
    >>> [s.answer for s in c.steps if s.kind == "question"][:3]
    ['yes', 'yes', 'yes']
    >>> c.command
    'diveml study penguins --target species'
    """
    from diveml.data import read_table
    from diveml.exceptions import ColumnNotFoundError

    settings = settings or resolve_settings()
    frame, name = read_table(data, table=table, sql=sql, settings=settings)
    label = data if isinstance(data, (str, Path)) else name
    target = target or _default_target(data)
    if target is not None and target not in frame.columns:
        raise ColumnNotFoundError(
            target, [str(c) for c in frame.columns], option=option("target", bare=True)
        )
    facts = _facts(frame, str(label), name, target)
    steps = _walk(facts)
    command = None
    if target is not None and isinstance(data, (str, Path)):
        parts = ["diveml", "study", str(data), "--target", target]
        parts += ["--table", table] if table else []
        parts += ["--sql", sql] if sql else []
        command = " ".join(shlex.quote(p) for p in parts)
    # In path order (the guide's, not the ids'), so the first one named is taken first.
    from diveml.lessons import all_lessons

    named = {lesson for step in steps for lesson in step.lessons}
    lessons = [lesson.id for lesson in all_lessons() if lesson.id in named]
    notes = []
    if target is None:
        notes.append(
            spell(
                f"To predict a column, pass {option('target', 'COLUMN')}. To group rows into "
                "categories without labels, the sheet's clustering branch applies (KMeans, "
                "Gaussian mixtures)."
            )
        )
    if facts.excluded:
        shown = ", ".join(repr(c) for c in list(facts.excluded)[:5])
        notes.append(
            f"The audit would leave out {_plural(len(facts.excluded), 'column')} ({shown}); "
            "the feature counts above are without them. `diveml study` says why in its report."
        )
    return Choice(facts, tuple(steps), command, tuple(lessons), tuple(notes))

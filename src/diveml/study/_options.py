"""A study's options: one table of defaults, help and allowed values, checked in one pass.

:data:`OPTIONS` is the only place an option's default, help text and rule are written. The
Python API (:func:`diveml.study`) takes its defaults from :class:`StudyOptions`, whose
fields read them from the table; the command line (``diveml study``) takes its defaults and
help from the same table. :meth:`StudyOptions.checked` checks every option at the API
boundary, before any data is read, and each error carries the option, the value, what is
allowed and the fix, with the option written as a token (``«holdout=2»``) that each front
end spells its own way (``holdout=2`` in Python, ``--holdout 2`` on the command line).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Callable
from typing import Any, Literal

from diveml.exceptions import InvalidOptionError, did_you_mean, option
from diveml.study._metrics import default_metric, metrics_for

__all__ = [
    "OPTIONS",
    "TASKS",
    "Option",
    "StudyOptions",
    "Task",
    "check_metric",
    "check_options",
]

Task = Literal["binary", "multiclass", "regression"]
TASKS: tuple[Task, ...] = ("binary", "multiclass", "regression")

_MAX_SEED = 2**32 - 1
# The budget a study can honour: above a week, the sampling arithmetic (rows x cells per
# second) leaves the range where it means anything, and 1e306 overflowed it.
MAX_BUDGET = 7 * 24 * 3600.0


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: Any) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _is_name(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_names(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


@dataclasses.dataclass(frozen=True)
class Option:
    """One study option: its default, help, rule, and the words of its error."""

    name: str
    default: Any
    help: str
    allowed: str
    """What the option may be, in words (it completes "... is not <allowed>")."""
    fix: str
    """What to pass instead; ``{eg}`` becomes the example spelled for the front end."""
    example: Any
    check: Callable[[Any], bool]
    """True when a value (other than the default None) is allowed."""

    def refuse(self, value: Any, problem: str | None = None) -> InvalidOptionError:
        """Return the error for ``value``: the option, the value, what is allowed, the fix."""
        fix = self.fix.format(eg=option(self.name, self.example))
        return InvalidOptionError(
            f"{option(self.name, value)} {problem or 'is not ' + self.allowed}. {fix}",
            option=self.name,
            value=value,
            allowed=self.allowed,
            fix=fix,
        )


def _task_check(value: Any) -> bool:
    return value in TASKS


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option(
            "task",
            None,
            "binary, multiclass or regression [default: inferred from the target].",
            "a task (one of: binary, multiclass, regression)",
            "Pass one of them, or leave it out to infer it from the target.",
            "binary",
            _task_check,
        ),
        Option(
            "metric",
            None,
            "A scikit-learn scorer name [default: "
            f"{', '.join(default_metric(t) for t in TASKS[:-1])} or {default_metric(TASKS[-1])}].",
            "a scorer name (text such as 'roc_auc')",
            "Pass a scorer name, e.g. {eg}, or leave it out for the task's default.",
            "roc_auc",
            lambda v: isinstance(v, str),
        ),
        Option(
            "holdout",
            0.2,
            "Share of rows locked away and scored once at the end.",
            "a fraction between 0 and 1 (both excluded)",
            "Pass the share of rows to lock away, e.g. {eg}.",
            0.2,
            lambda v: _is_real(v) and 0 < float(v) < 1,
        ),
        Option(
            "folds",
            5,
            "Cross-validation folds (2 to 20).",
            "a whole number from 2 to 20",
            "Cross-validation needs two folds or more, and more than 20 fits each rung that "
            "many times for little gain: pass e.g. {eg} (the default).",
            5,
            lambda v: _is_int(v) and 2 <= v <= 20,
        ),
        Option(
            "group",
            None,
            "Column of groups: no group on both sides of a split.",
            "a column name",
            "Pass the name of the column of groups.",
            "patient_id",
            _is_name,
        ),
        Option(
            "time",
            None,
            "Column of times: the holdout is the most recent rows.",
            "a column name",
            "Pass the name of the column of dates or times.",
            "date",
            _is_name,
        ),
        Option(
            "seed",
            0,
            "Seed for the split, folds, models and bootstrap: same seed, same numbers.",
            f"a whole number from 0 to {_MAX_SEED}",
            "Pass e.g. {eg}.",
            0,
            lambda v: _is_int(v) and 0 <= v <= _MAX_SEED,
        ),
        Option(
            "budget",
            120.0,
            "Seconds to aim for; big tables are sampled and costly rungs left out to fit it, "
            "decided before fitting from the table's size.",
            f"a number of seconds above 0 and at most {MAX_BUDGET:,.0f} (a week)",
            "Pass e.g. {eg}.",
            120,
            lambda v: _is_real(v) and 0 < float(v) <= MAX_BUDGET,
        ),
        Option(
            "drop",
            (),
            "A column never to use (repeatable).",
            "a list of column names",
            "Pass column names, e.g. {eg}.",
            ["id"],
            _is_names,
        ),
        Option(
            "keep",
            (),
            "A column to use even if the audit excludes it (repeatable).",
            "a list of column names",
            "Pass column names, e.g. {eg}.",
            ["age"],
            _is_names,
        ),
    )
}


@dataclasses.dataclass(frozen=True)
class StudyOptions:
    """A study's options, every default read from :data:`OPTIONS`."""

    task: Task | None = OPTIONS["task"].default
    metric: str | None = OPTIONS["metric"].default
    holdout: float = OPTIONS["holdout"].default
    folds: int = OPTIONS["folds"].default
    group: str | None = OPTIONS["group"].default
    time: str | None = OPTIONS["time"].default
    seed: int = OPTIONS["seed"].default
    budget: float = OPTIONS["budget"].default
    drop: tuple[str, ...] = OPTIONS["drop"].default
    keep: tuple[str, ...] = OPTIONS["keep"].default

    @classmethod
    def checked(cls, *, target: str, **given: Any) -> StudyOptions:
        """Check every option (each alone, then the rules between them); return them."""
        for name, value in given.items():
            rule = OPTIONS[name]
            if value is not None and not rule.check(value):
                raise rule.refuse(value, _problem(name, value))
        values = {k: v for k, v in given.items() if v is not None or OPTIONS[k].default is None}
        for name in ("drop", "keep"):
            if name in values:
                values[name] = tuple(values[name])
        options = cls(**values)
        options._check_together(target)
        return options

    def _check_together(self, target: str) -> None:
        if self.group is not None and self.time is not None:
            raise InvalidOptionError(
                f"{option('group', self.group)} and {option('time', self.time)} were both "
                "given; a holdout is either grouped or the most recent rows. Pass only one of "
                "them.",
                option="time",
                value=self.time,
                allowed="only one of group and time",
                fix="Pass only one of them.",
            )
        for name in ("group", "time"):
            if getattr(self, name) == target:
                raise OPTIONS[name].refuse(
                    getattr(self, name), "is the target itself. Name another column"
                )
        both = sorted(set(self.drop) & set(self.keep))
        if both:
            raise InvalidOptionError(
                f"The columns {both!r} were given to both {option('drop', bare=True)} and "
                f"{option('keep', bare=True)}. Pass each column to only one of them.",
                option="keep",
                value=both,
                allowed="columns not also dropped",
                fix="Pass each column to only one of them.",
            )
        for name in ("drop", "keep"):
            if target in getattr(self, name):
                raise InvalidOptionError(
                    f"{option(name, bare=True)} names the target {target!r}. The target is "
                    f"never a feature; remove it from {option(name, bare=True)}.",
                    option=name,
                    value=list(getattr(self, name)),
                    allowed="columns other than the target",
                    fix=f"Remove {target!r}.",
                )


def _problem(name: str, value: Any) -> str | None:
    """Return a more precise complaint than "is not <allowed>" where one helps."""
    if name == "task" and isinstance(value, str):
        return f"is not a task.{did_you_mean(value, TASKS)} Use one of: {', '.join(TASKS)}"
    if name == "folds" and _is_int(value) and value > 20:
        return "is more than 20; each rung would be fitted that many times for little gain"
    if name == "budget" and _is_real(value) and float(value) > MAX_BUDGET:
        return f"is more than a study can honour ({MAX_BUDGET:,.0f} seconds, a week, is the most)"
    return None


def check_options(*, target: str, **given: Any) -> StudyOptions:
    """Raise :class:`InvalidOptionError` for an option outside what a study allows.

    ``given`` are study options by name (those of :data:`OPTIONS`); the ones left out
    take their defaults. An unknown name is refused like a bad value.
    """
    unknown = sorted(set(given) - set(OPTIONS))
    if unknown:
        raise InvalidOptionError(
            f"{unknown[0]!r} is not a study option.{did_you_mean(unknown[0], OPTIONS)} The "
            f"options are: {', '.join(OPTIONS)}.",
            option=unknown[0],
            allowed=", ".join(OPTIONS),
            fix="Use one of the options listed.",
        )
    return StudyOptions.checked(target=target, **given)


def check_metric(metric: str | None, task: Task) -> str:
    """Return the metric to use for ``task``: the default, or ``metric`` once checked.

    Read from the metrics registry (:data:`._metrics.METRICS`) at each call, the one place
    metrics are described.
    """
    default = default_metric(task)
    if metric is None:
        return default
    allowed = metrics_for(task)
    if metric in allowed:
        return metric
    everything = sorted({m for t in TASKS for m in metrics_for(t)})
    words = f"a {task} metric (one of: {', '.join(allowed)})"
    if metric in everything:
        other = next(t for t in TASKS if metric in metrics_for(t))
        raise InvalidOptionError(
            f"{option('metric', metric)} is a {other} metric, but this study is {task}. "
            f"Use one of: {', '.join(allowed)} (the default is {default!r}).",
            option="metric",
            value=metric,
            allowed=words,
            fix=f"Use {default!r} or another {task} metric.",
        )
    raise InvalidOptionError(
        f"{option('metric', metric)} is not a scikit-learn scorer name a study knows."
        f"{did_you_mean(metric, everything)} For a {task} study use one of: "
        f"{', '.join(allowed)}.",
        option="metric",
        value=metric,
        allowed=words,
        fix=f"Use {default!r} or another {task} metric.",
    )

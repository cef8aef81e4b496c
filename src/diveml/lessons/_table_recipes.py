"""Check recipes for tables: filtering rows, sorting, filling gaps, picking a column.

These are the pandas mistake families of the lessons (filter boundaries, ``&`` against
``|``, a mask kept instead of the rows, sort direction, a missing ``.head``, rows dropped
instead of filled, a gap filled with the wrong stand-in, the wrong column, the wrong axis).
Each recipe takes the exercise's :class:`~diveml.lessons.authoring.Check`, the learner's
name and the lesson's own table, recomputes the right answer from that table, and ends
the check with a message that names the mistake. Each family ships its known-wrong answers
(``*_wrongs``) so an exercise lists them with one line and the proofs keep them honest.

They are re-exported by :mod:`diveml.lessons._recipes` (``recipes.filtered`` ...).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diveml.lessons._model import Wrong

if TYPE_CHECKING:
    import pandas as pd

    from diveml.lessons._check import Check

__all__ = [
    "Condition",
    "filled",
    "filled_wrongs",
    "filtered",
    "filtered_wrongs",
    "one_column",
    "per_column",
    "top_rows",
    "top_rows_wrongs",
]

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
# The boundary slip of each inequality: "more than" written as "at least", and back.
_BOUNDARY = {">": ">=", ">=": ">", "<": "<=", "<=": "<"}
_WORDS = {
    "==": "equals",
    "!=": "differs from",
    ">": "is more than",
    ">=": "is at least",
    "<": "is less than",
    "<=": "is at most",
}


# The comparison turned round: "more than" written as "less than".
_FLIPPED = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}


def _show(value: Any) -> str:
    """A value as a learner reads it: ``3250`` rather than ``np.float64(3250.0)``."""
    import numbers

    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{float(value):g}"
    return repr(value)


def _all_of(masks: Sequence[pd.Series]) -> pd.Series:
    return functools.reduce(operator.and_, masks)


def _any_of(masks: Sequence[pd.Series]) -> pd.Series:
    return functools.reduce(operator.or_, masks)


@dataclass(frozen=True)
class Condition:
    """One comparison of a filter: ``table[column] <op> value``."""

    column: str
    op: str
    value: Any

    def __post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"Condition op {self.op!r} must be one of {sorted(_OPS)}.")

    def mask(self, table: pd.DataFrame, op: str | None = None) -> pd.Series:
        """The rows of ``table`` that pass (missing values never pass, as in pandas)."""
        return _OPS[op or self.op](table[self.column], self.value).fillna(False).astype(bool)

    def code(self, table: str, op: str | None = None) -> str:
        """The comparison as a learner writes it: ``(penguins['mass'] > 4000)``."""
        return f"({table}[{self.column!r}] {op or self.op} {self.value!r})"

    def words(self) -> str:
        return f"`{self.column}` {_WORDS[self.op]} {_show(self.value)}"


def _frame_or_fail(check: Check, name: str, table: pd.DataFrame, of: str) -> pd.DataFrame:
    import pandas as pd

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if isinstance(value, pd.Series) and len(value) == len(table) and value.dtype == bool:
        check.fail(
            f"`{name}` is a mask: one True/False per row of {of}. It says which rows to keep; "
            f"put it inside the brackets, `{of.strip('`')}[mask]`, to get the rows themselves."
        )
    if isinstance(value, pd.Series):
        check.fail(
            f"`{name}` is a single column (a pandas Series), not rows of {of}. Filter the "
            "whole table so that every column comes along."
        )
    if not isinstance(value, pd.DataFrame):
        check.fail(describe_wrong_kind(name, value, f"a DataFrame: rows of {of}"))
    if value.shape == table.shape and int(value.isna().sum().sum()) > int(table.isna().sum().sum()):
        check.fail(
            f"`{name}` has every row of {of}, with cells blanked (NaN) in many columns: the "
            "mask was made from the whole table, so it picked cells, not rows. Compare one "
            f"column, `{of.strip('`')}[column] ...`, to get one True/False per row."
        )
    foreign = value.index.difference(table.index)
    if len(foreign):
        check.fail(
            f"`{name}` has rows that are not rows of {of} (labels such as {foreign[0]!r}): "
            "filter that table itself, without resetting or re-reading it."
        )
    common = [c for c in table.columns if c in value.columns]
    if not value[common].equals(table.loc[value.index, common]):
        check.fail(
            f"The rows of `{name}` are not the rows of {of} with the same labels: the index "
            "was reset (`reset_index`) or values were changed. Filter that table itself, "
            "keeping its row labels, so each row can be traced back."
        )
    return value


def filtered(
    check: Check,
    name: str,
    table: pd.DataFrame,
    conditions: Sequence[Condition],
    *,
    of: str = "the table",
) -> pd.DataFrame:
    """Return the learner's ``name``, ending the check unless it holds exactly the rows of
    ``table`` that pass every condition.

    It says which condition the extra rows fail, spots ``|`` written for ``&``, the
    boundary slip (``>=`` for ``>``, rows exactly at the value), a text value spelt with
    other capitals, a mask kept instead of the rows, and rows left out.
    """
    value = _frame_or_fail(check, name, table, of)
    rows = table.loc[value.index]
    passes = {c: c.mask(table).loc[value.index] for c in conditions}
    wanted = _all_of([c.mask(table) for c in conditions])
    failing = [c for c in conditions if not passes[c].all()]
    if len(value) == 0 and table.index[wanted].size:
        text = [c for c in conditions if c.op == "==" and isinstance(c.value, str)]
        hint = (
            f" Text comparisons are exact, capitals included: compare with "
            f"`{of.strip('`')}[{text[0].column!r}].unique()`."
            if text
            else ""
        )
        check.fail(f"`{name}` has no rows, but {int(wanted.sum())} rows pass.{hint}")
    if len(failing) >= 2:
        either = _any_of([c.mask(table) for c in conditions])
        extra = "; ".join(f"some fail {c.words()}" for c in failing)
        if bool(either.loc[value.index].all()):
            check.fail(
                f"`{name}` keeps rows that pass only one of the conditions ({extra}). `|` "
                "means *or*; use `&` so that a row must pass every condition.",
                reason="`&` keeps a row only when all its conditions are true; `|` when any is.",
            )
    for condition in failing:
        bad = rows.loc[~passes[condition], condition.column]
        slip = _BOUNDARY.get(condition.op)
        if slip and bool((bad == condition.value).all()):
            check.fail(
                f"`{name}` includes rows where `{condition.column}` is exactly "
                f"{_show(condition.value)}. The condition is that it {_WORDS[condition.op]} "
                f"{_show(condition.value)}: `{condition.op}`, not `{slip}`."
            )
        flipped = _FLIPPED.get(condition.op)
        if flipped and len(bad) == len(rows) and bool(condition.mask(rows, flipped).all()):
            check.fail(
                f"`{name}` keeps the rows on the wrong side: in every one `{condition.column}` "
                f"fails the condition that it {_WORDS[condition.op]} {_show(condition.value)}. "
                f"The comparison points the wrong way: use `{condition.op}`."
            )
        check.fail(
            f"`{name}` contains rows where it is not true that {condition.words()} (such as "
            f"{_show(bad.iloc[0])}). Keep only the rows that pass, combining conditions with "
            "`&`."
        )
    missing = table.index[wanted].difference(value.index)
    if len(missing):
        for condition in conditions:
            slip = _BOUNDARY.get(condition.op)
            at_edge = table.loc[missing, condition.column] == condition.value
            if slip and bool(at_edge.all()):
                check.fail(
                    f"`{name}` leaves out the rows where `{condition.column}` is exactly "
                    f"{_show(condition.value)}, which pass: the condition is that it "
                    f"{_WORDS[condition.op]} {_show(condition.value)}, `{condition.op}`, "
                    f"not `{slip}`."
                )
        check.fail(
            f"{len(missing)} rows that pass every condition are missing from `{name}`. "
            f"Filter the whole of {of} with the mask, and do not drop rows on the way."
        )
    return value


def filtered_wrongs(name: str, table: str, conditions: Sequence[Condition]) -> list[Wrong]:
    """Known-wrong answers for :func:`filtered`, written on the lesson's ``table`` name."""

    def answer(parts: Sequence[str]) -> str:
        return f"{name} = {table}[{' & '.join(parts)}]"

    full = [c.code(table) for c in conditions]
    wrongs = [Wrong(f"{name} = {' & '.join(full)}", message="a mask")]
    if len(conditions) >= 2:
        wrongs.append(Wrong(f"{name} = {table}[{' | '.join(full)}]", message="use `&`"))
    for i, condition in enumerate(conditions):
        slip = _BOUNDARY.get(condition.op)
        if slip:
            parts = [*full[:i], condition.code(table, slip), *full[i + 1 :]]
            wrongs.append(Wrong(answer(parts), message=f"exactly {_show(condition.value)}"))
    return wrongs


def top_rows(
    check: Check,
    name: str,
    table: pd.DataFrame,
    column: str,
    n: int,
    *,
    largest: bool = True,
    of: str = "the table",
) -> pd.DataFrame:
    """Return the learner's ``name``, ending the check unless it is the ``n`` rows of
    ``table`` with the largest (or smallest) ``column``, in that order.

    It names the usual slips: the wrong direction, the right rows in the wrong order, a
    missing ``.head(n)``, a single column instead of the rows.
    """
    import pandas as pd

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    most, least = ("largest", "smallest") if largest else ("smallest", "largest")
    if isinstance(value, pd.Series):
        check.fail(
            f"`{name}` is a single column (a pandas Series). Sort the whole table, "
            f"`{of.strip('`')}.sort_values({column!r}, ...)`, so that every column comes along."
        )
    if not isinstance(value, pd.DataFrame):
        check.fail(describe_wrong_kind(name, value, f"a DataFrame: {n} rows of {of}"))
    if len(value) != n:
        check.fail(
            f"`{name}` has {len(value)} rows; keep only the first {n} of the sorted table "
            f"with `.head({n})`."
        )
    if column not in value.columns:
        check.fail(f"`{name}` has no `{column}` column: keep the rows whole.")
    if bool(value[column].isna().any()):
        check.fail(
            f"`{name}` includes rows with no `{column}` (NaN). `sort_values` puts those last, "
            f"so the end of an ascending sort is not the {most} values: sort with "
            f"`ascending={not largest}` and take `.head({n})`."
        )
    known = table[column].dropna()
    got = [float(v) for v in value[column]]
    ordered = sorted(map(float, known), reverse=largest)
    if got == ordered[:n]:
        return value
    if got == sorted(map(float, known), reverse=not largest)[:n]:
        check.fail(
            f"`{name}` holds the {n} {least} values of `{column}`, not the {most}: "
            f"`sort_values` sorts smallest first unless told otherwise "
            f"(`ascending={not largest}`)."
        )
    if got == ordered[:n][::-1]:
        check.fail(
            f"`{name}` holds the right {n} rows, but {least} first. Sort with "
            f"`ascending={not largest}` and take `.head({n})`."
        )
    check.fail(
        f"`{name}` is not the {n} rows with the {most} `{column}`, {most} first. Sort the "
        f"whole of {of} by `{column}`."
    )


def top_rows_wrongs(
    name: str, table: str, column: str, n: int, *, largest: bool = True
) -> list[Wrong]:
    """Known-wrong answers for :func:`top_rows`."""
    other = "False" if not largest else "True"
    right = "False" if largest else "True"
    least = "smallest" if largest else "largest"
    return [
        Wrong(
            f"{name} = {table}.sort_values({column!r}, ascending={other}).head({n})",
            message=f"{n} {least}",
        ),
        Wrong(f"{name} = {table}.sort_values({column!r}, ascending={right})", message=".head("),
        Wrong(
            f"{name} = {table}[{column!r}].sort_values(ascending={right}).head({n})",
            message="a single column",
        ),
    ]


def filled(
    check: Check,
    name: str,
    column: pd.Series,
    *,
    how: str = "median",
    of: str = "the column",
    values: str = "values",
) -> pd.Series:
    """Return the learner's ``name``, ending the check unless it is ``column`` with every
    gap filled with its ``how`` (``median``, ``mean`` or ``mode``) and nothing else changed.

    It names rows dropped instead of filled, gaps left, recorded values changed, and the
    stand-in used instead (0, the mean, the median, the most frequent value, a neighbour).
    """
    value = _filled_column(check, name, column, of=of, values=values)
    _check_stand_in(check, name, value, column, how=how, values=values)
    return value


def _filled_column(
    check: Check, name: str, column: pd.Series, *, of: str, values: str
) -> pd.Series:
    """The learner's ``name`` as a Series with a value in every row of ``column``, and the
    recorded values unchanged; the check ends otherwise."""
    import numbers

    import pandas as pd

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        check.fail(
            f"`{name}` is a single number ({value!r}), but it should be the whole of {of} "
            "with its gaps filled. Pass that number to `.fillna(...)`."
        )
    if not isinstance(value, pd.Series):
        check.fail(describe_wrong_kind(name, value, f"a pandas Series: {of}, gaps filled"))
    if len(value) < len(column):
        check.fail(
            f"`{name}` has {len(value)} rows, but {of} has {len(column)}: the rows with a "
            "gap were dropped, not filled.",
            reason="`dropna()` removes rows; `fillna(value)` keeps every row and fills the gaps.",
        )
    check.expect(
        len(value) == len(column) and value.index.equals(column.index),
        f"`{name}` should have one value per row of {of}, with the same index; it has "
        f"{len(value)}.",
    )
    holes = int(value.isna().sum())
    if holes:
        check.fail(
            f"`{name}` still has {holes} gaps. `.fillna(...)` returns a new column: keep "
            "what it returns (a call with `inplace=True`, or on a copy, changes nothing here)."
        )
    known = column.notna()
    check.expect(
        check.close(value[known].astype(float).to_numpy(), column[known].astype(float).to_numpy()),
        f"`{name}` changed some of the recorded {values}"
        + (
            " (it rounded them)"
            if check.close(value[known].astype(float).to_numpy(), column[known].round().to_numpy())
            else ""
        )
        + ". Only the gaps should be filled.",
    )
    return value


def _check_stand_in(
    check: Check, name: str, value: pd.Series, column: pd.Series, *, how: str, values: str
) -> None:
    """Return when the gaps of ``value`` hold ``column``'s ``how``; else name what they hold."""
    import numpy as np

    known = column.notna()
    stand_in = value[~known].astype(float).to_numpy()
    recorded = column[known].astype(float)
    modes = recorded.mode()
    candidates = {
        "median": ("the median", float(recorded.median())),
        "mean": ("the mean", float(recorded.mean())),
        "mode": ("the most frequent value", float(modes.iloc[0]) if len(modes) else np.nan),
        "zero": ("0", 0.0),
    }
    if check.close(stand_in, np.full_like(stand_in, candidates[how][1])):
        return
    for key, (words, number) in candidates.items():
        if key != how and check.close(stand_in, np.full_like(stand_in, number)):
            shown = "" if key == "zero" else f" ({number:.4g})"
            check.fail(
                f"`{name}` filled the gaps with {words}{shown}, not with {candidates[how][0]} "
                f"of the recorded {values} that this exercise asks for.",
                reason="0 is not a typical value: it drags every average toward it."
                if key == "zero"
                else None,
            )
    for method in ("ffill", "bfill"):
        if check.close(
            value.astype(float).to_numpy(), getattr(column, method)().astype(float).to_numpy()
        ):
            check.fail(
                f"`{name}` copies each gap from its neighbouring row (`{method}`). The rows "
                f"are in no meaningful order; fill every gap with {candidates[how][0]}."
            )
    check.fail(
        f"`{name}` filled the gaps, but not with {candidates[how][0]} of the recorded {values}."
    )


def filled_wrongs(name: str, column: str, *, how: str = "median") -> list[Wrong]:
    """Known-wrong answers for :func:`filled`."""
    other = "mean" if how != "mean" else "median"
    return [
        Wrong(f"{name} = {column}.fillna(0)", message="with 0"),
        Wrong(f"{name} = {column}.dropna()", message="dropped"),
        Wrong(f"{name} = {column}.fillna({column}.{other}())", message=f"the {other}"),
        Wrong(f"{name} = {column}.{how if how != 'mode' else 'median'}()", message="single number"),
    ]


def one_column(
    check: Check, name: str, table: pd.DataFrame, column: str, *, of: str = "the table"
) -> pd.Series:
    """Return the learner's ``name``, ending the check unless it is ``table[column]``;
    when it is another column of the table, say which one was taken."""
    import pandas as pd

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if isinstance(value, pd.DataFrame):
        if list(value.columns) == [column]:
            check.fail(
                f"`{name}` is a table with the one column `{column}` (double brackets). "
                f"Single brackets, `[{column!r}]`, give the column itself, a Series."
            )
        check.fail(f"`{name}` is a table; take the one column `{column}` of {of}.")
    if not isinstance(value, pd.Series):
        check.fail(describe_wrong_kind(name, value, f"the column `{column}` of {of}"))
    if len(value) == len(table) and value.index.equals(table.index):
        if value.equals(table[column]):
            return value
        for other in table.columns:
            if other != column and value.equals(table[other]):
                check.fail(f"`{name}` is the `{other}` column of {of}; take `{column}`.")
    check.fail(f"`{name}` is not the `{column}` column of {of}, row for row.")


def per_column(
    check: Check,
    name: str,
    table: pd.DataFrame,
    how: str,
    *,
    of: str = "the table",
) -> pd.Series:
    """Return the learner's ``name``, ending the check unless it is one ``how`` (``sum``,
    ``mean``, ``count`` ...) per column of ``table``; one per row is the wrong axis."""
    import pandas as pd

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if not isinstance(value, pd.Series):
        check.fail(describe_wrong_kind(name, value, f"a Series: one number per column of {of}"))
    expected = getattr(table, how)(numeric_only=how in {"mean", "median", "std"})
    if len(value) == len(table) and len(table) != len(table.columns):
        check.fail(
            f"`{name}` has {len(value)} values, one per *row* of {of}: the {how} went along "
            f"the wrong axis. The default (`axis=0`) gives one value per column."
        )
    same_labels = [str(i) for i in value.index] == [str(i) for i in expected.index]
    check.expect(
        same_labels,
        f"`{name}` should have one value per column of {of}, labelled by the column names.",
    )
    check.expect(
        check.close(value.astype(float).to_numpy(), expected.astype(float).to_numpy()),
        f"`{name}` is not the {how} of each column of {of}.",
    )
    return value

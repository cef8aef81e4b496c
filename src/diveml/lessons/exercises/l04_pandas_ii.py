"""Lesson 4, "pandas II": missing values, types, categoricals, groupby and pivot tables.

Every reference is computed here from the Titanic table that ``diveml.load_dataset``
returns, never from the learner's variables, and compared with tolerances.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="04-pandas-ii",
    title="pandas II",
    minutes=25,
    path_order=31,  # right after pandas I
    summary="Missing values, types, categoricals, groupby, pivot tables and plots, on the "
    "Titanic passengers.",
)

CLASSES = ("1st", "2nd", "3rd")
SEXES = ("female", "male")
AGE_BINS = (0, 12, 18, 60, 120)
AGE_LABELS = ("child", "teen", "adult", "senior")


@functools.cache
def _titanic() -> pd.DataFrame:
    import diveml

    return diveml.load_dataset("titanic")


@functools.cache
def _passengers() -> pd.DataFrame:
    """The table with a clean, ordered categorical class, as the lesson builds it."""
    import numpy as np
    import pandas as pd

    titanic = _titanic()
    kind = pd.CategoricalDtype(categories=list(CLASSES), ordered=True)
    return titanic.assign(**{"class": titanic["class"].replace("*", np.nan).astype(kind)})


def _series(check: Check, name: str, *, groupby_hint: str | None = None) -> pd.Series:
    """Return the learner's Series ``name``, failing with a specific message otherwise."""
    import pandas as pd

    value = check.get(name)
    if isinstance(value, pd.DataFrame):
        check.fail(
            f"`{name}` is a DataFrame (a whole table), but it should be a Series (one "
            "column of numbers)." + (f" {groupby_hint}" if groupby_hint else "")
        )
    if not isinstance(value, pd.Series):
        check.wrong_kind(name, value, "a pandas Series")
    return value


def _labels(index: Any) -> list[str]:
    return [str(v) for v in index]


def _same_values(check: Check, actual: pd.Series, expected: pd.Series) -> bool:
    """True when two Series have the same labels and (within tolerance) the same numbers."""
    if sorted(_labels(actual.index)) != sorted(_labels(expected.index)):
        return False
    left = actual.copy()
    left.index = _labels(left.index)
    right = expected.copy()
    right.index = _labels(right.index)
    try:
        numbers = left.loc[list(right.index)].astype(float)
    except (TypeError, ValueError):
        return False
    return check.close(numbers.to_numpy(), right.astype(float).to_numpy())


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "`titanic.isna()` is a table of True/False values, one per cell: True where a value "
        "is missing.",
        "The mean of True/False values is the share of True values; `.mean()` on a "
        "DataFrame gives one mean per column.",
        "`missing_share = titanic.isna().mean()`",
    ],
    wrong=[
        Wrong("missing_share = titanic.isna().sum()", message="counts of missing values"),
        Wrong("missing_share = titanic.notna().mean()", message="values that are present"),
        Wrong("missing_share = titanic.isna()", message="is a DataFrame"),
        Wrong("missing_share = titanic.isna().mean() * 100", message="percentages"),
        Wrong(
            "missing_share = titanic.isna().mean(axis=1)",
            message="one entry per passenger",
        ),
    ],
    success="`missing_share` gives the share of missing values in each column. Only `age` "
    "has gaps, as far as `isna()` can tell.",
)
def missing_share(check: Check) -> None:
    """Set `missing_share` to the share of missing values in each column of `titanic`."""
    titanic = _titanic()
    share = _series(
        check,
        "missing_share",
        groupby_hint="Summarise the True/False table into one number per column with `.mean()`.",
    )
    columns = list(titanic.columns)
    if len(share) == len(titanic) and sorted(_labels(share.index)) != sorted(columns):
        check.fail(
            f"`missing_share` has one entry per passenger ({len(share)} entries), but it "
            f"should have one per column ({', '.join(columns)}).",
            reason="`.mean(axis=1)` averages across each row; the default, `.mean()`, "
            "averages down each column.",
        )
    check.expect(
        sorted(_labels(share.index)) == sorted(columns),
        f"`missing_share` should have one entry per column of `titanic` "
        f"({', '.join(columns)}); it has {_labels(share.index)[:8]}.",
    )
    if _same_values(check, share, titanic.isna().sum()) and titanic.isna().to_numpy().any():
        check.fail(
            "`missing_share` holds counts of missing values, not shares.",
            reason="A share is the count divided by the number of rows, a number from 0 "
            "to 1. `.mean()` on True/False values computes it in one step.",
        )
    if _same_values(check, share, titanic.isna().mean() * 100) and titanic.isna().to_numpy().any():
        check.fail(
            "`missing_share` holds percentages (0 to 100). A share goes from 0 to 1: leave "
            "out the `* 100`."
        )
    if _same_values(check, share, titanic.notna().mean()):
        check.fail(
            "`missing_share` gives the share of values that are present, not missing. "
            "Use `isna()`, which is True where a value is missing."
        )
    check.expect(
        _same_values(check, share, titanic.isna().mean()),
        "`missing_share` has the right columns but not the share of missing values in "
        "each. Compute it from `titanic.isna()`.",
    )


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        'Start from the column: `titanic["class"]`.',
        "`series.replace(old, new)` returns a copy with every `old` value replaced by `new`.",
        '`class_clean = titanic["class"].replace("*", np.nan)`',
    ],
    wrong=[
        Wrong("class_clean = titanic['class']", message="still contains '*'"),
        Wrong(
            "class_clean = titanic['class'].replace('*', 'unknown')",
            message="a new label, 'unknown'",
        ),
        Wrong(
            "class_clean = titanic.loc[titanic['class'] != '*', 'class']",
            message="dropped",
        ),
        Wrong("class_clean = titanic.replace('*', np.nan)", message="is a DataFrame"),
    ],
    success="`class_clean` marks the unknown class as missing, and keeps every passenger.",
)
def class_clean(check: Check) -> None:
    """Set `class_clean` to the `class` column with "*" replaced by a missing value."""
    titanic = _titanic()
    clean = _series(
        check, "class_clean", groupby_hint='Start from the one column `titanic["class"]`.'
    )
    if len(clean) < len(titanic):
        check.fail(
            f"`class_clean` has {len(clean)} rows, but `titanic` has {len(titanic)}: you "
            "dropped passengers.",
            reason="Dropping a row throws away everything else we know about that "
            "passenger. Replace the unknown class with `np.nan` and keep the row.",
        )
    check.expect(
        len(clean) == len(titanic) and clean.index.equals(titanic.index),
        f"`class_clean` should have one entry per passenger of `titanic`, with the same "
        f"index; it has {len(clean)} entries.",
    )
    present = clean.dropna().astype(str)
    check.expect(
        not (present == "*").any(),
        "`class_clean` still contains '*'. Replace it with `np.nan`.",
    )
    extra = sorted(set(present) - set(CLASSES))
    if extra:
        check.fail(
            f"`class_clean` has a new label, {extra[0]!r}, instead of a missing value.",
            reason="pandas counts a label like that as one more class; a real missing value "
            "(`np.nan`) is skipped by counts and means, and found by `isna()`.",
        )
    expected = titanic["class"].where(titanic["class"] != "*")
    check.expect(
        clean.isna().equals(expected.isna()) and (present == expected.dropna()).all(),
        "`class_clean` does not match the `class` column of `titanic` everywhere except "
        "where it was '*'. Start from `titanic[\"class\"]`.",
    )


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        "`class_type` is already defined above; you only convert `class_clean` to it.",
        "`class_clean.astype(class_type)`",
    ],
    wrong=[
        Wrong("class_categorical = class_clean", message="not categorical"),
        Wrong("class_categorical = class_clean.astype('category')", message="not ordered"),
        Wrong(
            "class_categorical = class_clean.astype(pd.CategoricalDtype(['3rd', '2nd', '1st'], "
            "ordered=True))",
            message="in the wrong order",
        ),
        Wrong(
            "class_categorical = pd.Categorical(class_clean, categories=['1st', '2nd', '3rd'], "
            "ordered=True)",
            message="bare Categorical",
        ),
        Wrong(
            "class_categorical = titanic['class'].astype('category')",
            message="has '*' as a category",
        ),
    ],
    success="`class_categorical` is an ordered categorical: 1st < 2nd < 3rd, and nothing "
    "else is allowed.",
)
def class_categorical(check: Check) -> None:
    """Set `class_categorical` to `class_clean` converted to the ordered `class_type`."""
    import pandas as pd

    titanic = _titanic()
    raw = check.get("class_categorical")
    if isinstance(raw, pd.Categorical):
        check.fail(
            "`class_categorical` is a bare Categorical, not a Series. Convert the Series "
            "itself with `class_clean.astype(class_type)`: it stays a Series, index included."
        )
    values = _series(check, "class_categorical")
    if not isinstance(values.dtype, pd.CategoricalDtype):
        check.fail(
            f"`class_categorical` has the dtype {str(values.dtype)!r}: it is not categorical "
            "yet. Convert it with `.astype(class_type)`."
        )
    categories = _labels(values.cat.categories)
    if "*" in categories:
        check.fail(
            "`class_categorical` has '*' as a category. Start from `class_clean`, where '*' "
            "is already a missing value."
        )
    if not values.cat.ordered:
        check.fail(
            "`class_categorical` is categorical but not ordered, so pandas cannot tell "
            "whether 1st comes before 3rd.",
            reason="`.astype('category')` makes an unordered category. `class_type` was "
            "made with `ordered=True`: use it.",
        )
    check.expect(
        categories == list(CLASSES),
        f"`class_categorical` has its categories in the wrong order ({categories}): 1st "
        "should come first, then 2nd, then 3rd. Use `class_type`.",
    )
    expected = titanic["class"].where(titanic["class"] != "*")
    check.expect(
        len(values) == len(titanic)
        and values.isna().equals(expected.isna())
        and (values.dropna().astype(str) == expected.dropna()).all(),
        f"`class_categorical` has the right type, but not the same values as `class_clean` "
        f"({len(values)} rows). Convert `class_clean` itself.",
    )


# ------------------------------------------------------------------ exercise 4 ---


@lesson.exercise(
    hints=[
        'First compute the median of the recorded ages: `passengers["age"].median()`.',
        "Then fill the gaps of the same column with it: `.fillna(...)`.",
        '`age_filled = passengers["age"].fillna(passengers["age"].median())`',
    ],
    wrong=[
        *recipes.filled_wrongs("age_filled", "passengers['age']", how="median"),
        Wrong("age_filled = passengers['age'].ffill()", message="neighbouring row"),
    ],
    success="`age_filled` has no gaps, and every recorded age is unchanged.",
)
def age_filled(check: Check) -> None:
    """Set `age_filled` to the ages with each gap filled with the median recorded age."""
    recipes.filled(
        check,
        "age_filled",
        _passengers()["age"],
        how="median",
        of="the `age` column",
        values="ages",
    )


# ------------------------------------------------------------------ exercise 5 ---


@lesson.exercise(
    hints=[
        'Group by the column `"sex"`, then pick the `"survived"` column.',
        "The mean of a 0/1 column is the share of 1s.",
        '`survival_by_sex = passengers.groupby("sex")["survived"].mean()`',
    ],
    wrong=[
        Wrong(
            "survival_by_sex = passengers.groupby('sex')['survived'].sum()",
            message="numbers of survivors",
        ),
        Wrong(
            "survival_by_sex = passengers.groupby('class', observed=True)['survived'].mean()",
            message="grouped by class",
        ),
        Wrong(
            "survival_by_sex = passengers.groupby('sex').mean(numeric_only=True)",
            message="is a DataFrame",
        ),
        Wrong(
            "survival_by_sex = passengers.groupby('sex')['survived'].size()",
            message="numbers of passengers",
        ),
    ],
    success="`survival_by_sex` gives the share of survivors for each sex.",
)
def survival_by_sex(check: Check) -> None:
    """Set `survival_by_sex` to the share of passengers who survived, for each sex."""
    passengers = _passengers()
    rates = _series(
        check,
        "survival_by_sex",
        groupby_hint='Pick the one column to summarise: `.groupby("sex")["survived"]`.',
    )
    labels = sorted(_labels(rates.index))
    if labels == sorted(CLASSES):
        check.fail(
            '`survival_by_sex` is grouped by class (its index is 1st, 2nd, 3rd). Group by `"sex"`.'
        )
    check.expect(
        labels == sorted(SEXES),
        f"`survival_by_sex` should have one entry per sex, 'female' and 'male'; its index "
        f'is {labels[:6]}. Group by `"sex"`.',
    )
    grouped = passengers.groupby("sex")["survived"]
    if _same_values(check, rates, grouped.sum()):
        check.fail(
            "`survival_by_sex` holds numbers of survivors, not shares.",
            reason="`.sum()` of a 0/1 column counts the 1s; `.mean()` divides by the size "
            "of the group, which is what makes groups of different sizes comparable.",
        )
    if _same_values(check, rates, grouped.size()):
        check.fail(
            "`survival_by_sex` holds numbers of passengers per sex, not shares who survived."
        )
    check.expect(
        _same_values(check, rates, grouped.mean()),
        "`survival_by_sex` has the right index but not the share who survived in each "
        'group. Summarise the `"survived"` column with `.mean()`.',
    )


# ------------------------------------------------------------------ exercise 6 ---


def _table(check: Check, name: str) -> pd.DataFrame:
    import pandas as pd

    table = check.get(name)
    if isinstance(table, pd.Series):
        check.fail(
            f"`{name}` is a Series, but it should be a table with one column per sex. "
            "Use `passengers.pivot_table(index=..., columns=..., values=..., aggfunc=...)`."
        )
    if not isinstance(table, pd.DataFrame):
        check.wrong_kind(name, table, "a DataFrame")
    return table


@lesson.exercise(
    hints=[
        "The cell above the exercise already builds the right shape of table; it counts "
        "passengers instead of averaging `survived`.",
        'Change `aggfunc="size"` to the summary that gives a share for a 0/1 column.',
        '`passengers.pivot_table(index="class", columns="sex", values="survived", '
        'aggfunc="mean", observed=True)`',
    ],
    wrong=[
        Wrong(
            "survival_table = passengers.pivot_table(index='class', columns='sex', "
            "values='survived', aggfunc='sum', observed=True)",
            message="numbers of survivors",
        ),
        Wrong(
            "survival_table = passengers.pivot_table(index='sex', columns='class', "
            "values='survived', aggfunc='mean', observed=True)",
            message="rows and columns swapped",
        ),
        Wrong(
            "survival_table = titanic.pivot_table(index='class', columns='sex', "
            "values='survived', aggfunc='mean')",
            message="a row for '*'",
        ),
        Wrong(
            "survival_table = passengers.groupby(['class', 'sex'], observed=True)"
            "['survived'].mean()",
            message="is a Series",
        ),
        Wrong(
            "survival_table = passengers.pivot_table(index='class', columns='sex', "
            "values='survived', aggfunc='mean', observed=True, margins=True)",
            message="margins",
        ),
    ],
    success="`survival_table` gives the share who survived for every class and sex.",
)
def survival_table(check: Check) -> None:
    """Set `survival_table` to a pivot table of survival: one row per class, one column per sex."""
    passengers = _passengers()
    table = _table(check, "survival_table")
    rows = _labels(table.index)
    columns = _labels(table.columns)
    if sorted(rows) == sorted(SEXES) and sorted(columns) == sorted(CLASSES):
        check.fail(
            "`survival_table` has its rows and columns swapped: it should have one row "
            "per class and one column per sex. Swap `index=` and `columns=`."
        )
    if "All" in rows or "All" in columns:
        check.fail(
            "`survival_table` has an 'All' row or column, from `margins=True`. Leave "
            "`margins` out: the task asks for the classes and sexes only."
        )
    if table.columns.nlevels > 1:
        check.fail(
            '`survival_table` has two levels of column names. Pass `values="survived"` '
            "as a single name, not a list, so the columns are just the sexes."
        )
    if "*" in rows:
        check.fail(
            "`survival_table` has a row for '*': it was built from `titanic`. Use "
            "`passengers`, whose class column is clean."
        )
    check.expect(
        sorted(rows) == sorted(CLASSES),
        f"`survival_table` should have one row per class (1st, 2nd, 3rd); its rows are "
        f'{rows[:6]}. Pass `index="class"`.',
    )
    check.expect(
        sorted(columns) == sorted(SEXES),
        f"`survival_table` should have one column per sex (female, male); its columns are "
        f'{columns[:6]}. Pass `columns="sex"` and `values="survived"`.',
    )
    grouped = passengers.groupby(["class", "sex"], observed=True)["survived"]

    def same(expected: pd.DataFrame) -> bool:
        return all(_same_values(check, table[sex], expected[sex]) for sex in SEXES if sex in table)

    if same(grouped.sum().unstack()):
        check.fail(
            "`survival_table` holds numbers of survivors, not shares.",
            reason='`aggfunc="sum"` counts the 1s; `aggfunc="mean"` divides by the size of '
            "each group, so big and small groups can be compared.",
        )
    if same(grouped.size().unstack()):
        check.fail(
            "`survival_table` counts passengers. Change `aggfunc` so each cell is the share "
            "who survived."
        )
    check.expect(
        same(grouped.mean().unstack()),
        "`survival_table` has the right rows and columns but not the share who survived in "
        'each cell. Use `values="survived"` and `aggfunc="mean"`.',
    )


# ------------------------------------------------------------------ exercise 7 ---


@lesson.exercise(
    hints=[
        'First make the groups: `age_group = pd.cut(passengers["age"], bins=age_bins, '
        "labels=age_labels)`.",
        "Then group the passengers by it, as in exercise 5: "
        "`passengers.groupby(age_group, observed=True)[...]...`.",
        '`survival_by_age_group = passengers.groupby(age_group, observed=True)["survived"].mean()`',
    ],
    wrong=[
        Wrong(
            "survival_by_age_group = passengers.groupby(pd.cut(age_filled, bins=age_bins, "
            "labels=age_labels), observed=True)['survived'].mean()",
            message="filled-in ages",
        ),
        Wrong(
            "survival_by_age_group = passengers.groupby(pd.cut(passengers['age'], "
            "bins=age_bins, labels=age_labels), observed=True)['survived'].sum()",
            message="numbers of survivors",
        ),
        Wrong(
            "survival_by_age_group = passengers.groupby(pd.cut(passengers['age'], "
            "bins=age_bins), observed=True)['survived'].mean()",
            message="labels",
        ),
    ],
    success="`survival_by_age_group` gives the share who survived in each age group.",
)
def survival_by_age_group(check: Check) -> None:
    """Set `survival_by_age_group` to the share who survived in each age group."""
    import pandas as pd

    passengers = _passengers()
    rates = _series(check, "survival_by_age_group")
    labels = _labels(rates.index)
    check.expect(
        sorted(labels) == sorted(AGE_LABELS),
        f"`survival_by_age_group` should have one entry per age group, labelled "
        f"{', '.join(AGE_LABELS)}; its index is {labels[:6]}. Pass `labels=age_labels` to "
        "`pd.cut`.",
    )
    age = passengers["age"]
    groups = pd.cut(age, bins=list(AGE_BINS), labels=list(AGE_LABELS))
    grouped = passengers.groupby(groups, observed=True)["survived"]
    filled = age.fillna(age.median())
    filled_groups = pd.cut(filled, bins=list(AGE_BINS), labels=list(AGE_LABELS))
    filled_rates = passengers.groupby(filled_groups, observed=True)["survived"].mean()
    if _same_values(check, rates, filled_rates) and not _same_values(check, rates, grouped.mean()):
        moved = int(age.isna().sum())
        check.fail(
            "`survival_by_age_group` was computed from the filled-in ages.",
            reason=f"All {moved} passengers whose age is unknown got the median age, so "
            f"they all landed in the {filled_groups[age.isna()].iloc[0]!r} group and "
            'changed its share. Group by `pd.cut(passengers["age"], ...)`.',
        )
    if _same_values(check, rates, grouped.sum()):
        check.fail("`survival_by_age_group` holds numbers of survivors, not shares. Use `.mean()`.")
    check.expect(
        _same_values(check, rates, grouped.mean()),
        "`survival_by_age_group` has the right groups but not the share who survived in "
        'each. Cut `passengers["age"]` with `age_bins` and `age_labels`, group by the '
        'result and average `"survived"`.',
    )

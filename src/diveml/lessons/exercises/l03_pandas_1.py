"""Lesson 3, "pandas I": load, select, filter, sort and summarise the Palmer penguins.

Every reference is computed here from a fresh copy of the penguins table, never read from
the learner's notebook, and never shown to the learner.
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="03-pandas-1",
    title="pandas I",
    minutes=25,
    # The guide: pandas comes after Domingos' lessons (lesson 5).
    path_order=30,
    summary="Load, select, filter, sort and summarise a real table: the Palmer penguins.",
)

BILLS = ["bill_length_mm", "bill_depth_mm"]


# Exercise 4's filter: Dream island, more than 4000 g.
BIG_DREAM = (
    recipes.Condition("island", "==", "Dream"),
    recipes.Condition("body_mass_g", ">", 4000),
)


@functools.cache
def _penguins() -> pd.DataFrame:
    from diveml.data import load_dataset

    return load_dataset("penguins")


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _frame(check: Check, name: str) -> pd.DataFrame:
    """The learner's DataFrame ``name``, with targeted messages for the usual other kinds."""
    import pandas as pd

    value = check.get(name)
    if isinstance(value, pd.Series) and value.dtype == bool:
        check.fail(
            f"`{name}` is a Series of True/False: a mask, not the rows themselves. Put the mask "
            f"inside `penguins[...]` to keep the rows where it is True.",
            reason="A comparison on a column marks the rows; indexing the table with it keeps them.",
        )
    if isinstance(value, pd.Series):
        check.fail(
            f"`{name}` is a Series: a single column. It should be a table (a DataFrame) with "
            "every column of `penguins`: filter or sort `penguins` itself, not one column."
        )
    if not isinstance(value, pd.DataFrame):
        check.fail(f"`{name}` is a {type(value).__name__}; it should be a pandas DataFrame.")
    return value


def _rows_of_penguins(check: Check, name: str, frame: pd.DataFrame) -> None:
    """Require ``frame`` to be whole, unchanged rows of the penguins table."""
    reference = _penguins()
    missing = [c for c in reference.columns if c not in frame.columns]
    if missing:
        check.fail(
            f"`{name}` lacks the columns {missing}: keep every column of `penguins` (filter "
            "or sort the whole table)."
        )
    if not frame.index.isin(reference.index).all():
        check.fail(
            f"`{name}` has row labels that `penguins` does not have. Keep the original index "
            "(no `reset_index`), so each row can still be traced to its penguin."
        )
    check.expect(
        frame[list(reference.columns)].equals(reference.loc[frame.index]),
        f"Some rows of `{name}` differ from the same rows of `penguins`. Start again from "
        "`penguins`, unchanged (reload it with `diveml.load_dataset('penguins')`).",
    )


@lesson.exercise(
    hints=[
        "The built-in `len` works on a DataFrame and gives its number of rows.",
        "`penguins.shape` is (rows, columns); `len(penguins)` is the rows alone.",
    ],
    wrong=[
        Wrong("n_penguins = penguins.size", message="the number of cells"),
        Wrong("n_penguins = penguins.shape", message="that is `penguins.shape`"),
        Wrong("n_penguins = len(penguins.columns)", message="counts the columns"),
        Wrong("n_penguins = 344", message="typed the number in"),
        Wrong("n_penguins = len(penguins.dropna())", message="only the rows without missing"),
        Wrong("n_penguins = penguins.count()", message="non-missing values of each column"),
    ],
)
def n_penguins(check: Check) -> str:
    """Set `n_penguins` to the number of penguins (rows) in the table."""
    import pandas as pd

    value = check.get("n_penguins")
    rows, columns = _penguins().shape
    if isinstance(value, tuple):
        check.fail(
            "`n_penguins` is a tuple, (rows, columns): that is `penguins.shape`. Take its "
            "first item, `penguins.shape[0]`, or use `len(penguins)`."
        )
    if isinstance(value, pd.Series):
        check.fail(
            "`n_penguins` is a Series, one number per column: `.count()` counts the "
            "non-missing values of each column. Use `len(penguins)` for the number of rows."
        )
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        check.wrong_kind("n_penguins", value, "a whole number")
    if value == len(_penguins().dropna()) and value != rows:
        check.fail(
            f"`n_penguins` is {value}: it counts only the rows without missing values. Count "
            "every row: `len(penguins)`."
        )
    if value == rows and check.typed_in("n_penguins"):
        check.fail(
            "`n_penguins` is right, but you typed the number in. Compute it from the table, "
            "`len(penguins)`, so it stays right when the table changes."
        )
    if value == rows * columns:
        check.fail(
            f"`n_penguins` is {value}: the number of cells (rows times columns), which is "
            "what `.size` gives. Count the rows: `len(penguins)`."
        )
    if value == columns:
        check.fail(f"`n_penguins` is {value}: that counts the columns. Count the rows.")
    check.expect(
        value == rows,
        f"`n_penguins` is {value}, which is not the number of rows of `penguins`. Did you "
        "type a number, or change `penguins`? Compute it with `len(penguins)`.",
    )
    return "`len` of a DataFrame is its number of rows."


@lesson.exercise(
    hints=[
        "To select several columns, put a list of their names inside the square brackets.",
        "A list inside indexing brackets gives two pairs: `penguins[['a', 'b']]`.",
    ],
    wrong=[
        Wrong("bills = penguins['bill_length_mm']", message="`bills` is a Series"),
        Wrong(
            "bills = penguins['bill_length_mm', 'bill_depth_mm']",
            outcome="raised",
            message="KeyError",
        ),
        Wrong("bills = penguins[['bill_depth_mm', 'bill_length_mm']]", message="wrong order"),
        Wrong(
            "bills = penguins[['species', 'bill_length_mm', 'bill_depth_mm']]",
            message="exactly the two columns",
        ),
    ],
)
def bills(check: Check) -> str:
    """Set `bills` to a DataFrame of the columns `bill_length_mm` and `bill_depth_mm`."""
    import pandas as pd

    value = check.get("bills")
    if isinstance(value, pd.Series):
        check.fail(
            "`bills` is a Series: a single column. Put a list of both names in the brackets: "
            "`penguins[['bill_length_mm', 'bill_depth_mm']]`.",
            reason="One name in brackets gives a Series; a list of names gives a DataFrame.",
        )
    if not isinstance(value, pd.DataFrame):
        check.wrong_kind("bills", value, "a pandas DataFrame")
    columns = list(map(str, value.columns))
    if columns == BILLS[::-1]:
        check.fail(
            "`bills` has the right columns in the wrong order: `bill_length_mm` first, then "
            "`bill_depth_mm`. The order of the list is the order of the columns."
        )
    if columns != BILLS:
        check.fail(
            f"`bills` has the columns {columns}; it should have exactly the two columns "
            "`bill_length_mm` and `bill_depth_mm`."
        )
    check.expect(
        value.equals(_penguins()[BILLS]),
        "`bills` has the right columns but not every row of `penguins`, unchanged. Select "
        "the columns from the whole table.",
    )
    return "Double brackets: the outer pair selects, the inner pair is the list of names."


@lesson.exercise(
    hints=[
        "Build a mask first: `penguins['species'] == 'Chinstrap'`.",
        "Put the mask inside the brackets: `penguins[mask]` keeps the rows where it is True.",
    ],
    wrong=[
        Wrong("chinstraps = penguins['species'] == 'Chinstrap'", message="a mask"),
        Wrong(
            "chinstraps = penguins[penguins['species'] == 'chinstrap']",
            message="capitals included",
        ),
        Wrong(
            "chinstraps = penguins[penguins['species'] != 'Chinstrap']",
            message="other species",
        ),
    ],
)
def chinstraps(check: Check) -> str:
    """Set `chinstraps` to the rows of `penguins` whose species is Chinstrap."""
    frame = _frame(check, "chinstraps")
    if len(frame) == 0:
        check.fail(
            "`chinstraps` has no rows. Text comparisons are exact, capitals included: check "
            "the spelling against `penguins['species'].unique()`."
        )
    if "species" in frame.columns:
        others = sorted({str(s) for s in frame["species"].dropna()} - {"Chinstrap"})
        if others:
            check.fail(
                f"`chinstraps` contains other species too: {', '.join(others)}. Keep only the "
                "rows where `species` equals 'Chinstrap' (`==`)."
            )
    _rows_of_penguins(check, "chinstraps", frame)
    reference = _penguins()
    wanted = reference.index[reference["species"] == "Chinstrap"]
    check.expect(
        frame.index.sort_values().equals(wanted.sort_values()),
        "Some Chinstrap penguins are missing from `chinstraps`. Filter the whole `penguins` "
        "table with the mask.",
    )
    return "Filtering keeps the row labels, so you can tell which penguins these are."


@lesson.exercise(
    hints=[
        "Write two masks, one for the island and one for the weight, and combine them with "
        "`&`, each comparison in its own parentheses: `(a == 1) & (b > 2)`.",
        "An error about 'rand_' means parentheses are missing; one about 'truth value of a "
        "Series is ambiguous' means `and` was used instead of `&`.",
        "`penguins[(penguins['island'] == 'Dream') & (penguins['body_mass_g'] > 4000)]`",
    ],
    wrong=[
        *recipes.filtered_wrongs("big_dream", "penguins", BIG_DREAM),
        Wrong(
            "big_dream = penguins[(penguins['island'] == 'Dream') and "
            "(penguins['body_mass_g'] > 4000)]",
            outcome="raised",
            message="ambiguous",
        ),
        Wrong("big_dream = penguins[penguins['island'] == 'Dream']", message="is more than 4000"),
    ],
)
def big_dream(check: Check) -> str:
    """Set `big_dream` to the penguins on Dream island that weigh more than 4000 g."""
    frame = recipes.filtered(check, "big_dream", _penguins(), BIG_DREAM, of="`penguins`")
    _rows_of_penguins(check, "big_dream", frame)
    return "Two masks, one `&`, and parentheses around each comparison."


@lesson.exercise(
    hints=[
        "`penguins.sort_values('body_mass_g')` sorts the rows, lightest first.",
        "Pass `ascending=False` to sort heaviest first, then keep the first five with `.head(5)`.",
    ],
    wrong=[
        *recipes.top_rows_wrongs("heaviest_five", "penguins", "body_mass_g", 5),
        Wrong(
            "heaviest_five = penguins.sort_values('body_mass_g').dropna().tail(5)",
            message="smallest first",
        ),
    ],
)
def heaviest_five(check: Check) -> str:
    """Set `heaviest_five` to the five heaviest penguins, heaviest first."""
    frame = recipes.top_rows(check, "heaviest_five", _penguins(), "body_mass_g", 5, of="`penguins`")
    _rows_of_penguins(check, "heaviest_five", frame)
    return "Sorted heaviest first; the row labels tell you which penguins they are."


@lesson.exercise(
    hints=[
        "Select the `species` column first; a column has a method that counts each value.",
        "`penguins['species'].value_counts()`",
    ],
    wrong=[
        Wrong("species_counts = penguins['species'].count()", message="`.count()`"),
        Wrong("species_counts = penguins['species'].nunique()", message="`.nunique()`"),
        Wrong(
            "species_counts = penguins['species'].value_counts",
            message="the method `value_counts` itself",
        ),
        Wrong("species_counts = penguins['island'].value_counts()", message="counts the islands"),
        Wrong("species_counts = penguins.groupby('species').count()", message="a DataFrame"),
    ],
)
def species_counts(check: Check) -> str:
    """Set `species_counts` to the number of penguins of each species (a Series)."""
    import pandas as pd

    value = check.get("species_counts")
    reference = _penguins()
    if _is_number(value) and value == _penguins()["species"].nunique():
        check.fail(
            f"`species_counts` is {value}, how many different species there are "
            "(`.nunique()`). The task asks how many penguins of each: `.value_counts()`."
        )
    if _is_number(value):
        check.fail(
            f"`species_counts` is one number, {value}: `.count()` counts the non-missing "
            "values of a whole column. `.value_counts()` counts each different value.",
            reason="`count` answers 'how many values?'; `value_counts` 'how many of each?'.",
        )
    if isinstance(value, pd.DataFrame):
        check.fail(
            "`species_counts` is a DataFrame (a count for every column). Select the "
            "`species` column and call `.value_counts()` on it, for a Series."
        )
    if not isinstance(value, pd.Series):
        check.wrong_kind("species_counts", value, "a pandas Series")
    labels = {str(i) for i in value.index}
    if labels == {str(i) for i in reference["island"].unique()}:
        check.fail("`species_counts` counts the islands. Count the values of the `species` column.")
    expected = reference["species"].value_counts()
    check.expect(
        labels == {str(i) for i in expected.index},
        f"`species_counts` is indexed by {sorted(labels)}; it should be indexed by the "
        "species names.",
    )
    check.expect(
        all(check.close(value[name], expected[name]) for name in expected.index),
        "`species_counts` has the species names but other counts. Count in the whole "
        "`penguins` table.",
    )
    return "One count per species. (`value_counts` lists the most common first.)"


@lesson.exercise(
    hints=[
        "Filter the Gentoo rows first, as in exercise 3, then select the column, then summarise.",
        "`penguins[penguins['species'] == 'Gentoo']['flipper_length_mm'].mean()`",
    ],
    wrong=[
        Wrong(
            "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']"
            "['flipper_length_mm'].sum()",
            message="the total (the sum)",
        ),
        Wrong(
            "gentoo_mean_flipper = penguins['flipper_length_mm'].mean()",
            message="of all the penguins",
        ),
        Wrong(
            "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']"
            "['flipper_length_mm'].median()",
            message="the median",
        ),
        Wrong(
            "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']"
            "[['flipper_length_mm']].mean()",
            message="single brackets",
        ),
        Wrong(
            "gentoo_mean_flipper = penguins[penguins['species'] == 'Adelie']"
            "['flipper_length_mm'].mean()",
            message="the Adelie penguins",
        ),
        Wrong(
            "gentoo_mean_flipper = round(penguins[penguins['species'] == 'Gentoo']"
            "['flipper_length_mm'].mean(), 1)",
            message="rounded",
        ),
    ],
)
def gentoo_mean_flipper(check: Check) -> str:
    """Set `gentoo_mean_flipper` to the mean flipper length of Gentoo penguins."""
    import pandas as pd

    value = check.get("gentoo_mean_flipper")
    if isinstance(value, pd.Series):
        check.fail(
            "`gentoo_mean_flipper` is a Series, not a single number: double brackets select "
            "a table. Select the column with single brackets, `[...]['flipper_length_mm']`, "
            "so `.mean()` gives one number."
        )
    if not _is_number(value):
        check.wrong_kind("gentoo_mean_flipper", value, "a single number")
    reference = _penguins()
    flippers = reference["flipper_length_mm"]
    gentoo = flippers[reference["species"] == "Gentoo"]
    if check.close(value, gentoo.mean()):
        return "Filter, select, summarise: the pattern of most questions you ask a table."
    if check.close(value, flippers.mean()):
        check.fail(
            "`gentoo_mean_flipper` is the mean flipper length of all the penguins. Filter "
            "the Gentoo rows first."
        )
    if check.close(value, gentoo.sum()):
        check.fail(
            "`gentoo_mean_flipper` is the total (the sum) of the Gentoo flipper lengths, not "
            "their mean: use `.mean()`."
        )
    if check.close(value, gentoo.median()):
        check.fail(
            "`gentoo_mean_flipper` is the median (the middle value), not the mean.",
            reason="The mean adds up all values and divides by how many there are.",
        )
    if abs(value - gentoo.mean()) <= 0.051:
        check.fail(
            f"`gentoo_mean_flipper` is {value}: close, but rounded. Keep the full value (round "
            "only when you print it)."
        )
    for species in ("Adelie", "Chinstrap"):
        if check.close(value, flippers[reference["species"] == species].mean()):
            check.fail(
                f"`gentoo_mean_flipper` is the mean flipper length of the {species} penguins. "
                "Filter the Gentoo ones."
            )
    check.fail(
        f"`gentoo_mean_flipper` is {value}, which is not the mean flipper length of the "
        "Gentoo penguins in `penguins`."
    )


@lesson.exercise(
    hints=[
        "`True` counts as 1 and `False` as 0, so summing a column of a True/False table "
        "counts its `True`s.",
        "`penguins.isna().sum()` sums each column.",
    ],
    wrong=[
        Wrong("missing_per_column = penguins.isna().sum().sum()", message="one number"),
        Wrong("missing_per_column = penguins.isna()", message="one row per penguin"),
        Wrong("missing_per_column = penguins.count()", message="non-missing"),
        Wrong("missing_per_column = penguins.isna().sum(axis=1)", message="per row"),
        Wrong("missing_per_column = penguins.isna().mean()", message="the share of missing"),
        Wrong("missing_per_column = penguins.isna().any()", message="whether it has any gap"),
    ],
)
def missing_per_column(check: Check) -> str:
    """Set `missing_per_column` to the number of missing values in each column (a Series)."""
    import pandas as pd

    value = check.get("missing_per_column")
    reference = _penguins()
    if _is_number(value):
        check.fail(
            f"`missing_per_column` is one number, {value}: the total for the whole table. "
            "Keep one count per column: drop the second `.sum()`."
        )
    if isinstance(value, pd.DataFrame):
        check.fail(
            "`missing_per_column` is a table with one row per penguin. Add `.sum()` to count "
            "the `True`s in each column."
        )
    if not isinstance(value, pd.Series):
        check.wrong_kind("missing_per_column", value, "a pandas Series")
    if len(value) == len(reference) and len(reference) != reference.shape[1]:
        check.fail(
            "`missing_per_column` has one count per row (per penguin). Count per column: "
            "`.sum()` without `axis=1`."
        )
    check.expect(
        [str(i) for i in value.index] == [str(c) for c in reference.columns],
        "`missing_per_column` should be indexed by the column names of `penguins`, in order.",
    )
    if check.close(value.to_numpy(), reference.count().to_numpy()):
        check.fail(
            "`missing_per_column` counts the non-missing values of each column (that is "
            "`.count()`). Count the missing ones: `penguins.isna().sum()`."
        )
    if value.dtype == bool:
        check.fail(
            "`missing_per_column` is True/False for each column (whether it has any gap, "
            "`.any()`). Count the gaps: `penguins.isna().sum()`."
        )
    if check.close(value.to_numpy(), reference.isna().mean().to_numpy()):
        check.fail(
            "`missing_per_column` holds the share of missing values of each column "
            "(`.mean()`); the task asks for their number: `.sum()`."
        )
    check.expect(
        check.close(value.to_numpy(), reference.isna().sum().to_numpy()),
        "`missing_per_column` does not hold the number of missing values of each column of "
        "`penguins`.",
    )
    most = str(reference.isna().sum().idxmax())
    return f"Most missing values are in `{most}`. Lesson 4 shows what to do about them."

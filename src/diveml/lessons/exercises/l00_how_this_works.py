"""Lesson 0, "How this works": notebooks, checks, hints, solutions, progress."""

from __future__ import annotations

import functools
import numbers

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

lesson = Lesson(
    id="00-how-this-works",
    title="How this works",
    minutes=15,
    summary="Notebooks, check/hint/solution and progress, warming up on 150 iris flowers.",
)


@functools.cache
def _other_column_counts() -> frozenset[int]:
    """How many flowers measure more than 5 in each column other than the petal length."""
    from sklearn.datasets import load_iris

    data = load_iris().data
    counts = {int((data[:, i] > 5).sum()) for i in (0, 1, 3)}
    return frozenset(counts - {int((data[:, 2] > 5).sum())})


@functools.cache
def _petal_lengths() -> tuple[float, ...]:
    """The reference data, loaded here rather than trusted from the learner's notebook."""
    from sklearn.datasets import load_iris

    return tuple(float(v) for v in load_iris().data[:, 2])


@lesson.exercise(
    hints=[
        "In Python, `*` multiplies: `2 * 3` is 6.",
        "Write `answer = 6 * 7` and run the cell.",
    ],
    wrong=[
        Wrong("answer = 6 + 7", message="`answer` is 13"),
        Wrong("answer = '42'", message="`answer` is a str"),
    ],
)
def first_answer(check: Check) -> str:
    """Set `answer` to six times seven."""
    value = check.get("answer", numbers.Number, what="a number")
    check.expect(value == 6 * 7, f"`answer` is {value!r}, which is not six times seven.")
    return "`answer` is six times seven. You have run your first check."


@lesson.exercise(
    hints=[
        "The built-in function `len` gives the length of a list, a string or a table.",
        "`len(flowers)` is the number of rows of `flowers`.",
    ],
    wrong=[
        Wrong("n_flowers = len(flowers.columns)", message="counts the columns"),
        Wrong("n_flowers = flowers.size", message="`n_flowers` is 750"),
        Wrong("n_flowers = len(flower)", outcome="raised", message="NameError"),
        Wrong("n_flowers = 150", message="typed the number in"),
        Wrong("n_flowers = flowers.shape", message="a tuple"),
        Wrong("n_flowers = len", message="the function `len` itself"),
    ],
)
def count_rows(check: Check) -> None:
    """Set `n_flowers` to the number of rows of `flowers`."""
    import pandas as pd

    if isinstance(check.get("n_flowers"), pd.Series):
        check.fail(
            "`n_flowers` is a Series, one count per column: `.count()` counts the values of "
            "each column. The number of rows is `len(flowers)`."
        )
    value = check.get("n_flowers", numbers.Integral, what="a whole number")
    rows = len(_petal_lengths())
    if value == rows and check.typed_in("n_flowers"):
        check.fail(
            "`n_flowers` is right, but you typed the number in. Compute it from the table, "
            "`len(flowers)`, so it stays right when the table changes.",
        )
    columns = 5
    if value == columns:
        check.fail(
            f"`n_flowers` is {value}: that counts the columns. Count the rows (the flowers)."
        )
    check.expect(
        value == rows,
        f"`n_flowers` is {value}, which is not the number of rows of `flowers`. "
        "Is it the number of cells (rows times columns)?"
        if value == rows * columns
        else f"`n_flowers` is {value}, which is not the number of rows of `flowers`.",
    )


@lesson.exercise(
    hints=[
        "A pandas Series has a method that computes its mean.",
        "`petal_lengths` is the column you need; call its `.mean()` method.",
        "`mean_petal = petal_lengths.mean()`",
    ],
    wrong=[
        Wrong("mean_petal = flowers.mean()", message="a pandas Series"),
        *recipes.aggregate_wrongs("mean_petal", "petal_lengths", how="mean"),
    ],
)
def mean_petal(check: Check) -> None:
    """Set `mean_petal` to the mean petal length, in centimetres."""
    recipes.aggregate(check, "mean_petal", _petal_lengths(), how="mean", of="the petal lengths")


@lesson.exercise(
    hints=[
        "`petal_lengths > 5` is True for each flower whose petal is longer than 5 cm.",
        "Add up the True values with `.sum()`.",
    ],
    wrong=[
        Wrong("n_long = (petal_lengths >= 5).sum()", message="exactly 5 cm"),
        Wrong("n_long = (petal_lengths < 5).sum()", message="shorter"),
        Wrong("n_long = petal_lengths > 5", message="a pandas Series"),
        Wrong("n_long = len(petal_lengths > 5)", message="every flower"),
        Wrong("n_long = (petal_lengths > 50).sum()", message="in centimetres"),
    ],
)
def long_petals(check: Check) -> None:
    """Set `n_long` to the number of flowers whose petals are longer than 5 cm."""
    value = check.get("n_long", numbers.Integral, what="a whole number (a count)")
    lengths = _petal_lengths()
    longer = sum(v > 5 for v in lengths)
    if value == sum(v >= 5 for v in lengths) and value != longer:
        check.fail(
            f"`n_long` is {value}: it also counts petals of exactly 5 cm.",
            reason="'Longer than' means strictly greater: use `>`, not `>=`.",
        )
    if value in {sum(v < 5 for v in lengths), sum(v <= 5 for v in lengths)}:
        check.fail(f"`n_long` is {value}: that counts the shorter petals. Flip the comparison.")
    if value == len(lengths):
        check.fail(
            f"`n_long` is {value}, every flower: `len` counts the True and the False values. "
            "Add up the True values with `.sum()`."
        )
    if value == sum(v > 50 for v in lengths):
        check.fail(
            f"`n_long` is {value}: the petal lengths are in centimetres, so 5 cm is `5`, not 50."
        )
    if value in _other_column_counts():
        check.fail(
            f"`n_long` is {value}, the count for another column: use the petal lengths, "
            "`petal_lengths`."
        )
    check.expect(value == longer, f"`n_long` is {value}, which is not the number of long petals.")


@lesson.exercise(
    hints=[
        "Start with `def cm_to_inches(cm):` and return a number on the next line.",
        "There are 2.54 cm in one inch, so 5.08 cm is 2 inches: divide.",
    ],
    wrong=[
        Wrong("def cm_to_inches(cm):\n    return cm * 2.54", message="multiplies"),
        Wrong(
            "def cm_to_inches(cm):\n    return cm / inch",
            outcome="raised",
            message="NameError: name 'inch' is not defined",
        ),
        Wrong("def cm_to_inches(cm):\n    print(cm / 2.54)", message="returns None"),
        Wrong("cm_to_inches = 2.54", message="should be a function"),
        Wrong("def cm_to_inches(cm):\n    return 2.54 / cm", message="upside down"),
        Wrong("def cm_to_inches(cm):\n    return round(cm / 2.54)", message="it rounds"),
    ],
)
def to_inches(check: Check) -> None:
    """Write a function `cm_to_inches(cm)` that converts centimetres to inches."""
    import types

    func = check.get("cm_to_inches", types.FunctionType, what="a function (use `def`)")
    for cm in (2.54, 10.0, 0.0, 1.4):
        got = check.call(func, cm)
        check.expect(
            got is not None,
            "`cm_to_inches` returns None: it needs a `return` line (printing is not returning).",
        )
        if cm and check.close(got, 2.54 / cm) and not check.close(got, cm / 2.54):
            check.fail(
                f"`cm_to_inches({cm})` gave {got!r}: the division is upside down. Divide the "
                "centimetres by 2.54, `cm / 2.54`."
            )
        if cm and not check.close(got, cm / 2.54) and check.close(got, round(cm / 2.54)):
            check.fail(
                f"`cm_to_inches({cm})` gave {got!r}: it rounds to a whole number. Return the "
                "exact value, without `round`."
            )
        if check.close(got, cm * 2.54) and cm:
            check.fail(
                f"`cm_to_inches({cm})` gave {got!r}: it multiplies by 2.54. An inch is longer "
                "than a centimetre, so the number of inches is smaller: divide."
            )
        check.expect(
            check.close(got, cm / 2.54),
            f"`cm_to_inches({cm})` gave {got!r}, which is not {cm} cm in inches.",
        )

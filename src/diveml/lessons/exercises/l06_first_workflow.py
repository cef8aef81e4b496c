"""Lesson 6, a first full workflow: explore, clean, pipeline, cross-validate, reflect.

The data is Randal Olson's dirty copy of iris (catalog entry ``iris_dirty``). Every
reference is recomputed here from that file on the learner's machine: the checks know the
*rules* of a correct answer (which rows were in metres, which names were typos, how the
split and the cross-validation must be done), never a stored number.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="06-a-first-full-workflow",
    title="A first full workflow",
    minutes=25,
    summary=(
        "Explore and clean Olson's dirty iris data, then build a pipeline, cross-validate "
        "it, beat a baseline and score the test set once."
    ),
)

SPECIES = ("Iris-setosa", "Iris-versicolor", "Iris-virginica")
FEATURES = ("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm")
FOLDS = 5
TEST_SHARE = 0.25
MIN_WORDS = 8

# The misconceptions, in the learner's words (each is proven by a Wrong answer below).
LEAK_FILL_TABLE = (
    "You filled in the missing petal widths before the split, from the whole table. That "
    "value was computed with the test rows too, so a little of the test set leaks into "
    "training and the final score looks better than it should. Leave them as `NaN`: the "
    "pipeline of exercise 4 fills them in from the training rows only."
)
LEAK_FILL_CLASS = (
    "You filled in each missing petal width from flowers of the same class. That uses the "
    "answer (the class) to make an input: a new flower arrives without its class, so the "
    "model would be tested with help it will never get. Leave them as `NaN`: the pipeline "
    "of exercise 4 fills them in without looking at the class."
)
TEST_ROWS_CV = (
    "The test rows are kept for one final score, after every choice is made. Scoring on "
    "them now, and changing the model because of what you see, makes that final score "
    "optimistic. Cross-validate on `X_train`, `y_train` only."
)
ALL_ROWS_CV = (
    "`X` and `y` include the test rows. Cross-validating on them means the test flowers "
    "help shape your choices, so the final test score is no longer a fair look at new "
    "flowers. Cross-validate on `X_train`, `y_train` only."
)
TRAIN_ROWS_SCORE = (
    "A model scored on the rows it learned from is being asked questions it has already "
    "seen the answers to. That says little about new flowers: score it on `X_test`, "
    "`y_test`."
)


@functools.cache
def _dirty_cached() -> pd.DataFrame:
    from diveml.data import load_dataset

    return load_dataset("iris_dirty")


def _dirty() -> pd.DataFrame:
    """The data as it arrives (a fresh copy: checks must never change shared state)."""
    return _dirty_cached().copy()


def _metres_mask(dirty: pd.DataFrame) -> pd.Series:
    # No iris sepal is shorter than a centimetre; the five that look so were typed in metres.
    return dirty["sepal_length_cm"] < 1


def _typos(dirty: pd.DataFrame) -> list[str]:
    return sorted(set(dirty["class"]) - set(SPECIES))


def _reference_clean() -> pd.DataFrame:
    """The table after both fixes, rebuilt from the rules, not from stored values."""
    dirty = _dirty()
    closest = {typo: _closest_species(typo) for typo in _typos(dirty)}
    dirty["class"] = dirty["class"].replace(closest)
    mask = _metres_mask(dirty)
    dirty.loc[mask, "sepal_length_cm"] = dirty.loc[mask, "sepal_length_cm"] * 100
    return dirty


def _closest_species(name: str) -> str:
    import difflib

    match = difflib.get_close_matches(name, SPECIES, n=1, cutoff=0.0)
    return match[0]


def _frame(check: Check, name: str) -> pd.DataFrame:
    import pandas as pd

    return check.get(name, pd.DataFrame, what="a pandas DataFrame")


def _iris_rows_kept(check: Check, iris: pd.DataFrame) -> None:
    dirty = _dirty()
    check.expect(
        "class" in iris.columns and "sepal_length_cm" in iris.columns,
        "`iris` has lost its `class` or `sepal_length_cm` column. Run the cells from "
        "`iris = load_dataset(...)` down again to start from the original table.",
    )
    check.expect(
        len(iris) == len(dirty) and iris.index.equals(dirty.index),
        f"`iris` has {len(iris)} rows, but the data has {len(dirty)}: some flowers were "
        "dropped or reordered. Keep every row, in its place; fix the values instead. Run "
        "the cells from `iris = load_dataset(...)` down again to start over.",
        reason=(
            "Dropping a row with a mistake throws away a real flower; here every mistake "
            "can be repaired."
        ),
    )


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        'Run `iris["class"].value_counts()`: every name other than the three most common '
        "ones is a typo. Each needs an entry in `class_fixes`.",
        "Each key of `class_fixes` is a misspelt name, exactly as it appears in the table; "
        "its value is the real name it is closest to, exactly as the most common spelling "
        "is written.",
        "After writing `class_fixes`, remove the `#` in front of the line "
        '`iris["class"] = iris["class"].replace(class_fixes)` and run the cell.',
    ],
    wrong=[
        Wrong(
            'class_fixes = {"versicolor": "Iris-versicolor"}\n'
            'iris["class"] = iris["class"].replace(class_fixes)',
            message="still contains 'Iris-setossa'",
        ),
        Wrong(
            'class_fixes = {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}',
            message="but it has not been applied",
        ),
        Wrong(
            'iris = iris[iris["class"].isin(["Iris-setosa", "Iris-versicolor", '
            '"Iris-virginica"])]\nclass_fixes = {}',
            message="some flowers were dropped",
        ),
        Wrong(
            'class_fixes = {"versicolor": "versicolor", "Iris-versicolor": "versicolor", '
            '"Iris-setossa": "setosa", "Iris-setosa": "setosa", '
            '"Iris-virginica": "virginica"}\n'
            'iris["class"] = iris["class"].replace(class_fixes)',
            message="'setosa', which is not one of the spellings",
        ),
        Wrong(
            'class_fixes = {"versicolor": "Iris-virginica", "Iris-setossa": "Iris-setosa"}\n'
            'iris["class"] = iris["class"].replace(class_fixes)',
            message="got the wrong species",
        ),
        Wrong(
            'class_fixes = {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}\n'
            'iris["class"] = iris["class"].map(class_fixes)',
            message="`.map(class_fixes)` turns every name",
        ),
    ],
)
def fix_class_names(check: Check) -> str:
    """Fix the misspelt class names in `iris["class"]`, keeping every row."""
    fixes = check.get("class_fixes", dict, what='a dictionary {"misspelt": "right", ...}')
    iris = _frame(check, "iris")
    _iris_rows_kept(check, iris)
    dirty = _dirty()
    lost = int(iris["class"].isna().sum())
    if lost:
        check.fail(
            f'`iris["class"]` has {lost} missing names. `.map(class_fixes)` turns every name '
            "that is not a key of the dictionary into `NaN`; `.replace(class_fixes)` leaves "
            "the other names alone. Run the cells from `iris = load_dataset(...)` down "
            "again, then use `.replace`."
        )
    names = set(iris["class"].unique())
    typos = _typos(dirty)
    left = sorted((str(n) for n in names & set(typos)), key=str)
    unchanged = iris["class"].equals(dirty["class"])
    if unchanged and fixes and all(typo in fixes for typo in typos):
        check.fail(
            "`class_fixes` covers every typo, but it has not been applied: "
            f'`iris["class"]` still contains {left[0]!r}. Apply it with the assignment '
            '`iris["class"] = iris["class"].replace(class_fixes)` (remove the `#` in front '
            "of it; `inplace=True` on one column does not change the table) and run the "
            "cell again."
        )
    strange = sorted((str(n) for n in names - set(SPECIES) - set(typos)), key=str)
    if strange:
        check.fail(
            f'`iris["class"]` contains {strange[0]!r}, which is not one of the spellings '
            "the table uses most. Map each typo to the most common spelling as it is "
            "written in the table, and leave the correct names alone. Run the cells from "
            "`iris = load_dataset(...)` down again to start from the original names.",
            reason="The checks later on expect the table's own names.",
        )
    if left:
        check.fail(
            f'`iris["class"]` still contains {left[0]!r}. Look at '
            '`iris["class"].value_counts()` again: every name that is not one of the three '
            "most common ones needs an entry in `class_fixes`."
        )
    expected = _reference_clean()["class"]
    wrong_rows = int((iris["class"] != expected).sum())
    check.expect(
        wrong_rows == 0,
        f"{wrong_rows} flower(s) got the wrong species. For each typo, ask which real name "
        "it is closest to, letter by letter, and map it there. Run the cells from "
        "`iris = load_dataset(...)` down again to start from the original names.",
    )
    return f"All {len(iris)} flowers now carry one of the {len(SPECIES)} species names."


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "In centimetres, every sepal is longer than 1; in metres, every sepal is shorter. "
        'So comparing the column with 1 gives the mask: `iris["sepal_length_cm"] < 1`.',
        "One metre is 100 centimetres, so a length in metres becomes a number 100 times "
        "bigger in centimetres.",
        'Assign to the masked rows only: `iris.loc[in_metres, "sepal_length_cm"] = '
        'iris.loc[in_metres, "sepal_length_cm"] * ...`.',
    ],
    wrong=[
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris.loc[in_metres, "sepal_length_cm"] = '
            'iris.loc[in_metres, "sepal_length_cm"] / 100',
            message="you divided by 100",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris.loc[in_metres, "sepal_length_cm"] = '
            'iris.loc[in_metres, "sepal_length_cm"] * 10',
            message="multiplied by 10",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris["sepal_length_cm"] = iris["sepal_length_cm"] * 100',
            message="Every row changed",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris.loc[in_metres, "sepal_length_cm"] *= 100\n'
            'iris.loc[in_metres, "sepal_length_cm"] *= 100',
            message="multiplied twice",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris.loc[in_metres, "sepal_length_cm"] *= 10\n'
            'in_metres = iris["sepal_length_cm"] < 1\n'
            'iris.loc[in_metres, "sepal_length_cm"] *= 100',
            message="after an earlier try",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\niris.loc[in_metres, "sepal_length_cm"] = 100',
            message="should look like the other versicolor sepals",
        ),
        Wrong(
            'in_metres = iris["sepal_length_cm"] < 1\niris = iris[~in_metres]',
            message="some flowers were dropped",
        ),
        Wrong('in_metres = iris["sepal_length_cm"] < 1', message="still in metres"),
    ],
)
def fix_units(check: Check) -> str:
    """Convert the sepal lengths typed in metres to centimetres, in `iris`."""
    check.get("in_metres", what="a mask of True/False, one per row")
    iris = _frame(check, "iris")
    _iris_rows_kept(check, iris)
    import numpy as np

    dirty = _dirty()
    mask = _metres_mask(dirty)
    before = dirty.loc[mask, "sepal_length_cm"]
    import pandas as pd

    actual = pd.to_numeric(iris["sepal_length_cm"], errors="coerce")
    check.expect(
        actual.notna().all(),
        '`iris["sepal_length_cm"]` no longer holds only numbers. Run the cells from '
        "`iris = load_dataset(...)` down again, then change only the rows in metres.",
    )
    if check.close(actual, _reference_clean()["sepal_length_cm"]):
        return f"The {int(mask.sum())} sepal lengths typed in metres are now in centimetres."
    others_same = check.close(actual[~mask], dirty.loc[~mask, "sepal_length_cm"])
    fixed = actual[mask]
    if not others_same:
        if check.close(actual[~mask], dirty.loc[~mask, "sepal_length_cm"] * 100):
            check.fail(
                "Every row changed, not only the rows in metres: the other flowers are now "
                "a hundred times too long. Run the cells from `iris = load_dataset(...)` "
                'down again, then multiply only `iris.loc[in_metres, "sepal_length_cm"]`.',
                reason="The other sepal lengths were already in centimetres.",
            )
        check.fail(
            "Some sepal lengths that were already in centimetres have changed. Run the "
            "cells from `iris = load_dataset(...)` down again, then change only the rows "
            "selected by `in_metres`."
        )
    rows = ", ".join(str(i) for i in fixed.index[:3])
    if check.close(fixed, before):
        check.fail(
            f"The sepal lengths of rows {rows}, ... are still in metres. Multiply the rows "
            "selected by `in_metres` and assign the result back with `iris.loc[...] = ...` "
            "(`iris[in_metres][...] = ...` would change a copy, not `iris`)."
        )
    if check.close(fixed, before / 100):
        check.fail(
            f"Rows {rows}, ... got smaller: you divided by 100. One metre is a hundred "
            "centimetres, so the number in centimetres is a hundred times bigger."
        )
    if check.close(fixed, before * 10):
        check.fail(
            f"Rows {rows}, ... are still too small: you multiplied by 10, which turns "
            "centimetres into millimetres. How many centimetres are there in a metre?"
        )
    factor = (fixed / (before * 100)).to_numpy(dtype=float)
    if factor[0] > 1.5 and check.close(factor, np.full_like(factor, factor[0])):
        check.fail(
            f"Rows {rows}, ... are now too long: they were multiplied twice, or more (did "
            "the cell run twice, or after an earlier try?). Run the cells from "
            "`iris = load_dataset(...)` down again, then run your fix once."
        )
    check.fail(
        f"The sepal lengths of rows {rows}, ... are not yet in centimetres. Once converted, "
        "they should look like the other versicolor sepals. If earlier tries changed them, "
        "run the cells from `iris = load_dataset(...)` down again first."
    )


# --------------------------------------------------------------------------- exercise 3


def _filled_before_split(check: Check, X: pd.DataFrame) -> None:
    """Recognise missing petal widths filled in before the split, and say how."""
    import numpy as np

    dirty = _dirty()
    missing = dirty.index[dirty["petal_width_cm"].isna()]
    check.expect(
        len(X) == len(dirty),
        f"`X` has {len(X)} rows, but `iris` has {len(dirty)}: some flowers were dropped. "
        "Keep every flower, including those with a missing petal width; the pipeline of "
        "exercise 4 will fill the gaps in.",
        reason=(
            "Dropping rows with a missing value throws away measurements that are fine; "
            "and a new flower with a missing value could not be classified at all."
        ),
    )
    if "petal_width_cm" not in X.columns or not X.index.equals(dirty.index):
        return
    filled = X.loc[missing, "petal_width_cm"]
    if filled.isna().all():
        return
    clean = _reference_clean()
    values = filled.to_numpy(dtype=float)
    per_class = clean.groupby("class")["petal_width_cm"].mean()
    class_means = per_class.reindex(clean.loc[missing, "class"]).to_numpy()
    if np.allclose(values, class_means, atol=0.02):
        check.fail(
            "The missing petal widths in `X` are already filled in, each with its class's mean.",
            reason=LEAK_FILL_CLASS,
        )
    column = clean["petal_width_cm"]
    if any(np.allclose(values, whole, atol=0.02) for whole in (column.mean(), column.median())):
        check.fail(
            "The missing petal widths in `X` are already filled in, before the split.",
            reason=LEAK_FILL_TABLE,
        )
    check.fail(
        "The missing petal widths in `X` are already filled in. Leave them as `NaN` here: "
        "in exercise 4 the pipeline fills them in, with values it learns from the training "
        "rows only."
    )


def _filled_after_split(check: Check, X: pd.DataFrame, parts: dict[str, pd.DataFrame]) -> None:
    """Recognise missing values filled in after the split but outside the pipeline."""
    for name, part in parts.items():
        rows = part.index.intersection(X.index)
        expected = int(X.loc[rows].isna().sum().sum())
        if expected and int(part.isna().sum().sum()) < expected:
            check.fail(
                f"`{name}` has fewer missing values than the same rows of `X`: they were "
                "filled in after the split. Leave them as `NaN`; the pipeline of exercise 4 "
                "fills them in.",
                reason=(
                    "Filled in now, outside the model, the fill values are learned from all "
                    "the training rows; cross-validation then scores each fold with values "
                    "learned partly from that fold itself. Inside a pipeline they are "
                    "learned again for every fold."
                ),
            )


@lesson.exercise(
    hints=[
        '`X` is the table without its target: `iris.drop(columns="class")`. `y` is the '
        'target column alone: `iris["class"]`.',
        "`train_test_split(X, y, ...)` returns four things, in this order: "
        "`X_train, X_test, y_train, y_test`.",
        "Pass `test_size=0.25, stratify=y, random_state=0` to `train_test_split`.",
    ],
    wrong=[
        Wrong(
            "X = iris\n"
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="`X` still contains the target column",
        ),
        Wrong(
            'iris["petal_width_cm"] = iris["petal_width_cm"].fillna('
            'iris["petal_width_cm"].mean())\n'
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="leaks into training",
        ),
        Wrong(
            'iris["petal_width_cm"] = iris["petal_width_cm"].fillna('
            'iris.groupby("class")["petal_width_cm"].transform("mean"))\n'
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="uses the answer (the class) to make an input",
        ),
        Wrong(
            "iris = iris.dropna()\n"
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="some flowers were dropped",
        ),
        Wrong(
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.5, stratify=y, random_state=0)",
            message="a quarter of them",
        ),
        Wrong(
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, random_state=1)",
            message="stratify=y",
        ),
        Wrong(
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test = train_test_split(X, test_size=0.25, stratify=y, random_state=0)\n"
            "y_train, y_test = train_test_split(y, test_size=0.25, stratify=y, random_state=1)",
            message="no longer line up",
        ),
        Wrong(
            'X = iris.drop(columns="class")\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)\n"
            "X_train = X_train.fillna(X_train.mean())",
            message="filled in after the split",
        ),
        Wrong(
            'X = iris.drop(columns="class").fillna(0)\n'
            'y = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="Leave them as `NaN` here",
        ),
    ],
)
def split_data(check: Check) -> str:
    """Make `X` and `y`, then split them into training and test rows."""
    import pandas as pd

    X = _frame(check, "X")
    y = check.get("y", pd.Series, what="a pandas Series (one column)")
    check.expect(
        "class" not in X.columns,
        '`X` still contains the target column `class`. Drop it: `X = iris.drop(columns="class")`.',
        reason=(
            "A model that is given the answer as one of its inputs learns to copy it, and "
            "has nothing to copy from when a new flower arrives."
        ),
    )
    missing = sorted(set(FEATURES) - set(X.columns))
    if missing:
        check.fail(f"`X` has no column {missing[0]!r}: keep every column except `class`.")
    _filled_before_split(check, X)
    check.expect(
        set(y.dropna()) <= set(SPECIES),
        "`y` still has misspelt class names: finish exercise 1, then run this cell again.",
    )
    check.expect(
        (X["sepal_length_cm"] >= 1).all(),
        "`X` still has sepal lengths in metres: finish exercise 2, then run this cell again.",
    )
    parts = recipes.split(
        check, X, y, test_size=TEST_SHARE, stratify=True, rows="flowers", labels="species"
    )
    X_train, X_test = parts["X_train"], parts["X_test"]
    _filled_after_split(check, X, {"X_train": X_train, "X_test": X_test})
    return (
        f"{len(X_train)} flowers to train on, {len(X_test)} kept aside for the end; the "
        f"missing petal widths ({int(X.isna().sum().sum())}) are still there, for the "
        "pipeline to fill in."
    )


# --------------------------------------------------------------------------- exercise 4


@lesson.exercise(
    hints=[
        "`make_pipeline` takes the steps in the order the data goes through them: first "
        "the step that fills in missing values, then the classifier.",
        '`make_pipeline(SimpleImputer(strategy="median"), KNeighborsClassifier())`',
    ],
    wrong=[
        Wrong("model = KNeighborsClassifier()", message="cannot handle the missing"),
        Wrong("model = SimpleImputer(strategy='median')", message="it has no classifier"),
        Wrong(
            "model = make_pipeline(KNeighborsClassifier(), SimpleImputer())",
            message="The last step of `model` must be the classifier",
        ),
        Wrong(
            "from sklearn.preprocessing import StandardScaler\n"
            "model = make_pipeline(StandardScaler(), KNeighborsClassifier())",
            message="no step that fills in missing values",
        ),
        Wrong(
            "model = make_pipeline(SimpleImputer, KNeighborsClassifier)",
            message="with the parentheses",
        ),
    ],
)
def build_pipeline(check: Check) -> str:
    """Make `model`: a pipeline that imputes missing values, then classifies."""
    from sklearn.base import BaseEstimator, clone, is_classifier
    from sklearn.impute import KNNImputer, SimpleImputer
    from sklearn.pipeline import Pipeline

    model = check.get("model", BaseEstimator, what="a scikit-learn model")
    if not isinstance(model, Pipeline) and not is_classifier(model):
        check.fail(
            f"`model` is a {type(model).__name__} alone: it has no classifier, so it cannot "
            "predict species. Make a pipeline: `make_pipeline(SimpleImputer(...), "
            "KNeighborsClassifier())`."
        )
    if not isinstance(model, Pipeline):
        check.fail(
            f"`model` is a {type(model).__name__} on its own, which cannot handle the "
            "missing petal widths. Put a `SimpleImputer` in front of it with "
            "`make_pipeline(SimpleImputer(...), ...)`."
        )
    classes = [step.__name__ for _, step in model.steps if isinstance(step, type)]
    if classes:
        check.fail(
            f"A step of `model` is the class {classes[0]} itself, not a model made from it. "
            f"Call it to make one: `{classes[0]}()`, with the parentheses."
        )
    last = model.steps[-1][1]
    check.expect(
        is_classifier(last),
        f"The last step of `model` must be the classifier; here it is "
        f"{type(last).__name__}. List the steps in the order the data flows through them.",
    )
    imputers = (SimpleImputer, KNNImputer)
    check.expect(
        any(isinstance(step, imputers) for _, step in model.steps[:-1]),
        "`model` has no step that fills in missing values before the classifier: add a "
        "`SimpleImputer` as its first step.",
    )
    X_train, y_train = check.get("X_train"), check.get("y_train")
    X_test = check.get("X_test")
    fitted = check.call(clone(model).fit, X_train, y_train)
    check.call(fitted.predict, X_test)
    return "Your pipeline fits on the training rows, missing values and all."


# --------------------------------------------------------------------------- exercise 5


def _scores(check: Check, name: str) -> np.ndarray:
    import numpy as np

    value = check.get(name)
    try:
        if value is None or isinstance(value, (str, bytes, dict)):
            raise TypeError(name)
        scores = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(f"`{name}` should be the scores that `cross_val_score` returns.")
    if scores.ndim == 0:
        check.fail(
            f"`{name}` is a single number. Cross-validation gives one score per fold: use "
            f"`cross_val_score(..., cv={FOLDS})`, which returns all {FOLDS}."
        )
    check.expect(
        scores.shape == (FOLDS,),
        f"`{name}` has {scores.size} scores; use `cv={FOLDS}` to get one per fold, {FOLDS} in all.",
    )
    return scores


def _cv(check: Check, estimator: Any, X: Any, y: Any) -> np.ndarray:
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    return check.call(cross_val_score, clone(estimator), X, y, cv=FOLDS)


def _cv_or_none(estimator: Any, X: Any, y: Any) -> np.ndarray | None:
    """Cross-validate to test a guess about the learner's rows; None when that cannot run."""
    import warnings

    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return cross_val_score(clone(estimator), X, y, cv=FOLDS, error_score="raise")
    except Exception:  # the guess does not apply (too few rows for the model, say)
        return None


def _is_fitted(model: object) -> bool:
    """True for a fitted scikit-learn model (False for anything else)."""
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    try:
        check_is_fitted(model)
    except (NotFittedError, TypeError, AttributeError):
        return False
    return True


def _mean_or_none(value: object) -> float | None:
    """The mean of a learner's scores, or None when they are not numbers."""
    import numpy as np

    try:
        return float(np.mean(np.asarray(value, dtype=float)))
    except (TypeError, ValueError):
        return None


def _explain_rows(check: Check, scores: np.ndarray, estimator: Any, name: str) -> None:
    """Fail with the misconception when ``scores`` came from the wrong rows."""
    X_test, y_test = check.get("X_test"), check.get("y_test")
    X, y = check.get("X"), check.get("y")
    on_test = _cv_or_none(estimator, X_test, y_test)
    if on_test is not None and check.close(scores, on_test):
        check.fail(f"`{name}` are scores on the test rows.", reason=TEST_ROWS_CV)
    on_all = _cv_or_none(estimator, X, y)
    if on_all is not None and check.close(scores, on_all):
        check.fail(f"`{name}` come from every row, test rows included.", reason=ALL_ROWS_CV)


@lesson.exercise(
    hints=[
        "`cross_val_score` takes the model first, then the features and the target of the "
        "rows to use, then `cv`.",
        "Use the training rows: `cross_val_score(model, X_train, y_train, cv=5)`.",
    ],
    wrong=[
        Wrong("cv_scores = cross_val_score(model, X_test, y_test, cv=5)", message="test rows"),
        Wrong("cv_scores = cross_val_score(model, X, y, cv=5)", message="include the test"),
        Wrong("cv_scores = cross_val_score(model, X_train, y_train, cv=3)", message="cv=5"),
        Wrong(
            "cv_scores = model.fit(X_train, y_train).score(X_train, y_train)",
            message="single number",
        ),
    ],
)
def cross_validate(check: Check) -> str:
    """Cross-validate `model` on the training rows, 5 folds, into `cv_scores`."""
    import numpy as np
    from sklearn.base import BaseEstimator

    scores = _scores(check, "cv_scores")
    model = check.get("model", BaseEstimator, what="a scikit-learn model (exercise 4)")
    X_train, y_train = check.get("X_train"), check.get("y_train")
    if check.close(scores, _cv(check, model, X_train, y_train)):
        return (
            f"Mean accuracy over the folds: {np.mean(scores):.3f}, from "
            f"{np.min(scores):.3f} to {np.max(scores):.3f}. That spread is what chance in "
            "the choice of rows alone can do."
        )
    _explain_rows(check, scores, model, "cv_scores")
    check.fail(
        "`cv_scores` are not the scores of `model` cross-validated on `X_train`, `y_train` "
        f"with `cv={FOLDS}`. Use exactly those: `cross_val_score(model, X_train, y_train, "
        f"cv={FOLDS})`."
    )


# --------------------------------------------------------------------------- exercise 6


@lesson.exercise(
    hints=[
        "It is the same call as in exercise 5, with `DummyClassifier()` in place of `model`.",
        "`cross_val_score(DummyClassifier(), X_train, y_train, cv=5)`",
    ],
    wrong=[
        Wrong("baseline_scores = cv_scores", message="the same as `cv_scores`"),
        Wrong(
            "baseline_scores = cross_val_score(DummyClassifier(), X_test, y_test, cv=5)",
            message="test rows",
        ),
        Wrong(
            "baseline_scores = DummyClassifier().fit(X_train, y_train).score(X_train, y_train)",
            message="single number",
        ),
    ],
)
def baseline(check: Check) -> str:
    """Cross-validate a `DummyClassifier()` the same way, into `baseline_scores`."""
    import numpy as np
    from sklearn.dummy import DummyClassifier

    scores = _scores(check, "baseline_scores")
    if check.has("cv_scores"):
        check.expect(
            not check.close(scores, check.get("cv_scores")),
            "`baseline_scores` are the same as `cv_scores`: your model's scores. Cross-"
            "validate a `DummyClassifier()` instead, a model that ignores the features.",
        )
    X_train, y_train = check.get("X_train"), check.get("y_train")
    dummy = DummyClassifier()
    if check.close(scores, _cv(check, dummy, X_train, y_train)):
        return (
            f"The baseline's mean accuracy is {np.mean(scores):.3f}: what always guessing "
            "the most common species gets. Any model must clearly beat that."
        )
    _explain_rows(check, scores, dummy, "baseline_scores")
    check.fail(
        "`baseline_scores` are not the scores of `DummyClassifier()` cross-validated on "
        f"`X_train`, `y_train` with `cv={FOLDS}`; use exactly those."
    )


# --------------------------------------------------------------------------- exercise 7


@lesson.exercise(
    hints=[
        "Two steps: `model.fit(X_train, y_train)`, then `model.score(...)` on the rows the "
        "model has never seen.",
        "`test_score = model.score(X_test, y_test)`",
    ],
    wrong=[
        Wrong(
            "model.fit(X_train, y_train)\ntest_score = model.score(X_train, y_train)",
            message="on the training rows",
        ),
        Wrong("test_score = cv_scores.mean()", message="the mean of your cross-validation"),
        Wrong(
            "model.fit(X_train, y_train)\ntest_score = 100 * model.score(X_test, y_test)",
            message="looks like a percentage",
        ),
        Wrong(
            "test_score = model.score(X_test, y_test)", outcome="raised", message="NotFittedError"
        ),
        Wrong(
            "model.fit(X_test, y_test)\ntest_score = model.score(X_test, y_test)",
            message="was fitted on the test rows",
        ),
        Wrong(
            "model.fit(X, y)\ntest_score = model.score(X_test, y_test)",
            message="was fitted on every row",
        ),
        Wrong(
            "model.fit(X_train, y_train)\ntest_score = model.score",
            message="the method `score` itself",
        ),
        Wrong("test_score = baseline_scores.mean()", message="the baseline's scores"),
    ],
)
def final_score(check: Check) -> str:
    """Fit `model` on the training rows and score it once on the test rows: `test_score`."""
    import numpy as np

    X_train, y_train = check.get("X_train"), check.get("y_train")
    X_test, y_test = check.get("X_test"), check.get("y_test")
    X, y = check.get("X"), check.get("y")
    value = check.get("test_score")
    number = _mean_or_none(value) if np.ndim(value) == 0 else None
    for name, words in (
        ("cv_scores", "your cross-validation"),
        ("baseline_scores", "the baseline's"),
    ):
        mean = _mean_or_none(check.namespace.get(name))
        if mean is not None and number is not None and check.close(number, mean):
            model: Any = check.namespace.get("model")
            if not _is_fitted(model) or not check.close(
                number, check.call(model.score, X_test, y_test)
            ):
                check.fail(
                    f"`test_score` is the mean of {words} scores (`{name}`). Now fit `model` on "
                    "the training rows and score it on the test rows: "
                    "`model.score(X_test, y_test)`."
                )
    # The learner's own model, as they fitted it: on which rows, not a refit of a copy.
    model = recipes.fitted_on(
        check,
        "model",
        X_train,
        y_train,
        test=(X_test, y_test),
        every=(X, y),
        what="a scikit-learn model (exercise 4)",
    )
    value = recipes.scored_on_test(
        check, "test_score", model, X_test, y_test, train=(X_train, y_train), every=(X, y)
    )
    spread = ""
    if check.has("cv_scores") and np.ndim(check.get("cv_scores")) == 1:
        cv = _scores(check, "cv_scores")
        inside = cv.min() - 1e-9 <= value <= cv.max() + 1e-9
        spread = (
            " It lies within the range of your fold scores."
            if inside
            else " It lies outside the range of your fold scores: with a test set this "
            "small, one or two flowers can do that (exercise 8 comes back to it)."
        )
    return f"Test accuracy: {value:.3f}.{spread}"


# --------------------------------------------------------------------------- exercise 8


@lesson.exercise(
    hints=[
        "`np.mean(cv_scores) > np.mean(baseline_scores)` is already `True` or `False`.",
        "Accuracy is (flowers right) / (flowers in the test set). One more flower right "
        "adds 1 / (flowers in the test set): use `len(y_test)`.",
        "For `next_step`, any honest thought in a full sentence will do: what you would "
        "change, or why you would or would not trust the test score.",
    ],
    wrong=[
        Wrong(
            "beats_baseline = True\none_flower = 1 / len(y)\n"
            'next_step = "Try other imputers and models, and cross-validate each the same way."',
            message="every flower in the table",
        ),
        Wrong(
            "beats_baseline = False\none_flower = 1 / len(y_test)\n"
            'next_step = "Try other imputers and models, and cross-validate each the same way."',
            message="Compare `np.mean(cv_scores)`",
        ),
        Wrong(
            "beats_baseline = True\none_flower = 1 / len(y_test)\nnext_step = 'ok'",
            message="in a sentence or two",
        ),
        Wrong(
            'beats_baseline = "yes"\none_flower = 1 / len(y_test)\n'
            'next_step = "Try other imputers and models, and cross-validate each the same way."',
            message="`beats_baseline` is a str",
        ),
        Wrong(
            "beats_baseline = True\none_flower = 1 / len(y_train)\n"
            'next_step = "Try other imputers and models, and cross-validate each the same way."',
            message="out of the training rows",
        ),
        Wrong(
            "beats_baseline = True\none_flower = 100 / len(y_test)\n"
            'next_step = "Try other imputers and models, and cross-validate each the same way."',
            message="looks like a percentage",
        ),
    ],
)
def reflection(check: Check) -> str:
    """Reflect: does the model beat the baseline, what is one flower worth, what next?"""
    import numbers

    import numpy as np

    beats = check.get("beats_baseline", (bool, np.bool_), what="True or False")
    one = check.get("one_flower", (numbers.Real, np.floating), what="a number")
    note = check.get("next_step", str, what="a sentence, in quotes")
    cv = _scores(check, "cv_scores")
    base = _scores(check, "baseline_scores")
    y, y_test = check.get("y"), check.get("y_test")
    truth = bool(np.mean(cv) > np.mean(base))
    check.expect(
        bool(beats) == truth,
        f"`beats_baseline` is {bool(beats)}. Compare `np.mean(cv_scores)` with "
        "`np.mean(baseline_scores)` again.",
    )
    if check.close(one, 1 / len(y)):
        check.fail(
            "`one_flower` is one flower out of every flower in the table. `test_score` is "
            "a fraction of the test flowers only: use `len(y_test)`."
        )
    y_train = check.namespace.get("y_train")
    if y_train is not None and len(y_train) != len(y_test) and check.close(one, 1 / len(y_train)):
        check.fail(
            "`one_flower` is one flower out of the training rows. `test_score` is a share of "
            "the test flowers only: use `len(y_test)`."
        )
    if check.close(one, 100 / len(y_test)):
        check.fail(
            "`one_flower` looks like a percentage, but `test_score` is a fraction between 0 "
            "and 1: give `one_flower` as a fraction too."
        )
    check.expect(
        check.close(one, 1 / len(y_test)),
        "`one_flower` is not what one test flower is worth. Accuracy is (flowers right) "
        "divided by (flowers in the test set): how much does it move when one more is "
        "right?",
    )
    words = note.split()
    check.expect(
        len(words) >= MIN_WORDS,
        f"`next_step` has {len(words)} word(s). Write your thought in a sentence or two "
        f"(at least {MIN_WORDS} words): nobody checks the content, it is for you.",
    )
    return (
        f"One test flower moves the test score by {one:.3f}. Two models whose test scores "
        "differ by less than a flower or two cannot be told apart on this test set; "
        "cross-validation's spread tells the same story."
    )

"""Lesson 16, Domingos: feature engineering is the key; more data beats a cleverer algorithm.

The penguins (catalog ``penguins``, rows with a missing value dropped) carry the first
claim: a penguin's mass divided by its species' mean mass, against gradient boosting on
the raw mass and species. The breast-cancer table carries the second: learning curves of
naive Bayes and a random forest. Every reference is recomputed here, with the lesson's
folds and seeds, from data loaded here.
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong
from diveml.lessons.exercises._scores import match_known, score_array

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="16-feature-engineering-and-more-data",
    title="Feature engineering and more data",
    minutes=30,
    summary=(
        "One derived feature against gradient boosting on the raw columns, then learning "
        "curves of naive Bayes and a random forest that cross as the rows grow."
    ),
    path_order=24,
)

SIZES = (20, 40, 80, 160, 320, 426)
_SAME_FOLDS = (
    "Pass `cv=cv`: every model of this lesson is scored on the same five folds, so that "
    "their scores can be compared fold by fold."
)


@functools.cache
def _penguins() -> pd.DataFrame:
    import diveml

    return diveml.load_dataset("penguins").dropna().reset_index(drop=True)


def _cv() -> Any:
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def _simple() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression())


def _by(column: str) -> pd.Series:
    frame = _penguins()
    return frame.groupby(column)["body_mass_g"].transform("mean")


@functools.cache
def _relative_mass() -> pd.Series:
    return _penguins()["body_mass_g"] / _by("species")


@functools.cache
def _cv_scores(model: str, table: str, cv: str = "lesson") -> np.ndarray:
    """Fold scores of a usual model on a usual table: what a right or a wrong answer gives."""
    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.model_selection import cross_val_score

    frame = _penguins()
    raw = pd.get_dummies(frame[["body_mass_g", "species"]], columns=["species"], dtype=float)
    tables = {
        "relative": _relative_mass().to_frame(),
        "mass": frame[["body_mass_g"]],
        "raw": raw,
        "raw+relative": raw.assign(relative=_relative_mass()),
    }
    models = {
        "simple": _simple(),
        "boosting": GradientBoostingClassifier(random_state=0),
    }
    folds = _cv() if cv == "lesson" else 5
    return cross_val_score(models[model], tables[table], frame["sex"], cv=folds)


# --------------------------------------------------------------------------- exercise 1


def _relative_mass_slips() -> list[tuple[Any, str, str | None]]:
    """What the usual slips of exercise 1 compute, with what to say about each."""
    frame = _penguins()
    mass = frame["body_mass_g"]
    return [
        (
            (mass / mass.mean()).to_numpy(),
            "{name} divides by the mean of all penguins, not by the mean of each "
            "penguin's own species. Group by `species` first.",
            None,
        ),
        (
            (mass / _by("sex")).to_numpy(),
            "{name} divides by the mean mass of each penguin's sex: you grouped by "
            "`sex`, the very column we want to predict.",
            "A feature computed from the target leaks the answer into the model: its "
            "score would be flattering and impossible on a new penguin whose sex is "
            "unknown. Group by `species`.",
        ),
        (
            (mass / frame.groupby("species")["body_mass_g"].transform("median")).to_numpy(),
            "{name} divides by the median mass of each species, not the mean. Use "
            '`.transform("mean")`.',
            None,
        ),
        (
            (mass / frame.groupby(["species", "sex"])["body_mass_g"].transform("mean")).to_numpy(),
            "{name} divides by the mean mass of each species *and sex*: grouping by "
            "`sex` uses the very column we want to predict.",
            "A feature computed from the target leaks the answer into the model: its "
            "score would be flattering and impossible on a new penguin whose sex is "
            "unknown. Group by `species` only.",
        ),
        (
            (mass / _by("island")).to_numpy(),
            "{name} divides by the mean mass of each penguin's island, not of its "
            "species. Islands hold several species; group by `species`.",
            None,
        ),
        (
            (mass - _by("species")).to_numpy(),
            "{name} is a difference (mass minus the species mean); the task asks for a "
            "ratio. Divide instead of subtracting.",
            None,
        ),
        (
            (_by("species") / mass).to_numpy(),
            "{name} is upside down: the species mean divided by the mass. Divide the "
            "mass by the species mean.",
            None,
        ),
        (
            _by("species").to_numpy(),
            "{name} is the mean mass of each penguin's species, not the penguin's own "
            "mass divided by it.",
            None,
        ),
    ]


@lesson.exercise(
    hints=[
        "Group the penguins by species and give every row the mean mass of its group.",
        '`penguins.groupby("species")["body_mass_g"].transform("mean")` is that mean, one '
        "value per penguin.",
        'Divide `penguins["body_mass_g"]` by it.',
    ],
    wrong=[
        Wrong(
            'relative_mass = penguins["body_mass_g"] / penguins["body_mass_g"].mean()',
            message="the mean of all penguins",
        ),
        Wrong(
            'relative_mass = penguins["body_mass_g"] / '
            'penguins.groupby("sex")["body_mass_g"].transform("mean")',
            message="grouped by `sex`",
        ),
        Wrong(
            'relative_mass = penguins.groupby("species")["body_mass_g"].mean()',
            message="one value per species",
        ),
        Wrong(
            'relative_mass = penguins["body_mass_g"] - '
            'penguins.groupby("species")["body_mass_g"].transform("mean")',
            message="a difference",
        ),
        Wrong(
            'relative_mass = penguins["body_mass_g"] / '
            'penguins.groupby("island")["body_mass_g"].transform("mean")',
            message="island",
        ),
    ],
    success="Each penguin now says how heavy it is *for its species*.",
)
def relative_mass(check: Check) -> None:
    """Set `relative_mass` to each penguin's mass divided by its species' mean mass."""
    import numpy as np
    import pandas as pd

    value = check.get(
        "relative_mass", (pd.Series, np.ndarray, list), what="a Series, one value per penguin"
    )
    frame = _penguins()
    try:
        array = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        check.wrong_kind("relative_mass", value, "a Series of numbers, one per penguin")
    if len(array) == frame["species"].nunique():
        check.fail(
            "`relative_mass` has one value per species: `.mean()` after `groupby` gives one "
            'number per group. Use `.transform("mean")`, which gives every penguin the mean '
            "of its group, and divide the masses by that."
        )
    if len(array) == len(frame) + frame["species"].nunique() and np.isnan(array).all():
        check.fail(
            "`relative_mass` is all `nan`: dividing by `groupby(...).mean()` lines the "
            "penguins up with the species names, and no label matches. Use "
            '`.transform("mean")`, which gives one mean per penguin, in the rows\' order.'
        )
    check.expect(
        len(array) == len(frame),
        f"`relative_mass` has {len(array)} values, but there are {len(frame)} penguins: one "
        "value per penguin, in the rows' order.",
    )
    if check.close(array, _relative_mass().to_numpy()):
        return
    match_known(
        check,
        "relative_mass",
        array,
        _relative_mass_slips(),
    )
    check.fail(
        "`relative_mass` is not each penguin's `body_mass_g` divided by the mean "
        '`body_mass_g` of its species. Compute the mean with `groupby("species")` and '
        '`.transform("mean")`, then divide.'
    )


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "`cross_val_score(model, X, y, cv=cv)` returns one accuracy per fold.",
        "`relative_mass.to_frame()` turns the Series into a table of one column.",
        "`cross_val_score(simple, relative_mass.to_frame(), y, cv=cv)`",
    ],
    wrong=[
        Wrong(
            "engineered_scores = cross_val_score(simple, relative_mass.to_frame(), y, cv=cv)"
            ".mean()",
            message="the mean of the fold scores",
        ),
        Wrong(
            'engineered_scores = cross_val_score(simple, penguins[["body_mass_g"]], y, cv=cv)',
            message="raw body mass",
        ),
        Wrong(
            "engineered_scores = cross_val_score(simple, relative_mass.to_frame(), y, cv=5)",
            message="not the lesson's five folds",
        ),
        Wrong(
            "engineered_scores = simple.fit(relative_mass.to_frame(), y)"
            ".score(relative_mass.to_frame(), y)",
            message="its training rows",
        ),
        Wrong(
            "raw = pd.get_dummies(penguins[['body_mass_g', 'species']], dtype=float)\n"
            "engineered_scores = cross_val_score(simple, raw, y, cv=cv)",
            message="the raw columns",
        ),
    ],
)
def engineered_scores(check: Check) -> str:
    """Set `engineered_scores` to the fold scores of `simple` on `relative_mass` alone."""
    import numpy as np

    expected = _cv_scores("simple", "relative")
    frame = _penguins()
    table = _relative_mass().to_frame()

    def train() -> float:
        return float(_simple().fit(table, frame["sex"]).score(table, frame["sex"]))

    scores = score_array(check, "engineered_scores", expected, train_score=train)
    if check.close(scores, expected):
        return (
            f"With one derived column the simple model scores {np.mean(scores):.3f} on "
            f"average (body mass alone: {np.mean(_cv_scores('simple', 'mass')):.3f})."
        )
    match_known(
        check,
        "engineered_scores",
        scores,
        [
            (
                _cv_scores("simple", "mass"),
                "{name} are the scores of the raw body mass, not of `relative_mass`. Give "
                "`cross_val_score` the table `relative_mass.to_frame()`.",
                None,
            ),
            (
                _cv_scores("simple", "relative", cv="5"),
                "{name} were scored on other folds, not the lesson's five folds (`cv=5` "
                "does not shuffle).",
                _SAME_FOLDS,
            ),
            (
                _cv_scores("boosting", "relative"),
                "{name} come from gradient boosting, not from `simple`. This exercise asks "
                "what the *simple* model does with the new feature: use `simple`.",
                None,
            ),
            (
                _cv_scores("simple", "raw"),
                "{name} are the scores of `simple` on the raw columns (`X_raw`, mass and "
                "species), not on `relative_mass`. Give it `relative_mass.to_frame()`.",
                None,
            ),
        ],
    )
    check.fail(
        "`engineered_scores` are not the fold scores of `simple` on `relative_mass` with "
        "`cv=cv`. Use `cross_val_score(simple, relative_mass.to_frame(), y, cv=cv)`."
    )


# --------------------------------------------------------------------------- exercise 3


@functools.cache
def _boosting_train_score() -> float:
    import pandas as pd
    from sklearn.ensemble import GradientBoostingClassifier

    frame = _penguins()
    raw = pd.get_dummies(frame[["body_mass_g", "species"]], columns=["species"], dtype=float)
    model = GradientBoostingClassifier(random_state=0).fit(raw, frame["sex"])
    return float(model.score(raw, frame["sex"]))


@lesson.exercise(
    hints=[
        "`GradientBoostingClassifier(random_state=0)` makes the model; you do not need to "
        "fit it yourself, `cross_val_score` does.",
        "`cross_val_score(clever, X_raw, y, cv=cv)`",
    ],
    wrong=[
        Wrong(
            "clever = GradientBoostingClassifier(random_state=0)\n"
            'clever_scores = cross_val_score(clever, penguins[["body_mass_g"]], y, cv=cv)',
            message="only the body mass",
        ),
        Wrong(
            "clever = GradientBoostingClassifier(random_state=0)\n"
            "clever_scores = cross_val_score(clever, X_raw.assign(rel=relative_mass), y, cv=cv)",
            message="the derived feature too",
        ),
        Wrong(
            "clever = RandomForestClassifier(random_state=0)\n"
            "clever_scores = cross_val_score(clever, X_raw, y, cv=cv)",
            message="not gradient boosting",
        ),
        Wrong(
            "clever = GradientBoostingClassifier(random_state=0)\n"
            "clever_scores = cross_val_score(clever, X_raw, y, cv=5)",
            message="not the lesson's five folds",
        ),
        Wrong(
            "clever = GradientBoostingClassifier()\n"
            "clever_scores = cross_val_score(clever, X_raw, y, cv=cv)",
            message="random_state=0",
        ),
    ],
)
def clever_scores(check: Check) -> str:
    """Set `clever` to gradient boosting and `clever_scores` to its fold scores on `X_raw`."""
    import numpy as np
    from sklearn.base import BaseEstimator
    from sklearn.ensemble import GradientBoostingClassifier

    model = check.get("clever", BaseEstimator, what="a scikit-learn model")
    if not isinstance(model, GradientBoostingClassifier):
        check.fail(
            f"`clever` is a {type(model).__name__}, not gradient boosting. Use "
            "`GradientBoostingClassifier(random_state=0)`."
        )
    check.expect(
        model.random_state == 0,
        f"`clever` has `random_state={model.random_state!r}`: give it `random_state=0`, so "
        "that it builds the same trees on every run.",
    )
    expected = _cv_scores("boosting", "raw")
    scores = score_array(check, "clever_scores", expected, train_score=_boosting_train_score)
    if check.close(scores, expected):
        return (
            f"Gradient boosting on the raw columns: {np.mean(scores):.3f} on average. Compare "
            "it with your `engineered_scores` in the next cell."
        )
    match_known(
        check,
        "clever_scores",
        scores,
        [
            (
                _cv_scores("boosting", "mass"),
                "{name} come from only the body mass: the species columns are missing. Use "
                "`X_raw`, which holds both.",
                None,
            ),
            (
                _cv_scores("boosting", "raw+relative"),
                "{name} come from a table that holds the derived feature too. This exercise "
                "asks what the cleverer model does with the raw columns alone, `X_raw`.",
                None,
            ),
            (
                _cv_scores("boosting", "raw", cv="5"),
                "{name} were scored on other folds, not the lesson's five folds.",
                _SAME_FOLDS,
            ),
        ],
    )
    check.fail(
        "`clever_scores` are not the fold scores of `clever` on `X_raw` with `cv=cv`. Use "
        "`cross_val_score(clever, X_raw, y, cv=cv)`."
    )


# --------------------------------------------------------------------------- exercise 4


@functools.cache
def _curves() -> dict[str, np.ndarray]:
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedShuffleSplit, learning_curve
    from sklearn.naive_bayes import GaussianNB

    X, y = load_breast_cancer(return_X_y=True)
    splits = StratifiedShuffleSplit(n_splits=10, test_size=0.25, random_state=0)
    forest = RandomForestClassifier(n_estimators=10, random_state=0, n_jobs=1)
    _, nb_train, nb_test = learning_curve(GaussianNB(), X, y, train_sizes=list(SIZES), cv=splits)
    _, rf_train, rf_test = learning_curve(forest, X, y, train_sizes=list(SIZES), cv=splits)
    return {"nb_train": nb_train, "nb_test": nb_test, "rf_train": rf_train, "rf_test": rf_test}


def _curve(check: Check, name: str, model: str) -> np.ndarray:
    """The learner's curve ``name`` as one number per size, or the check ends saying why."""
    import numpy as np

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(describe_wrong_kind(name, value, "an array, one mean score per size"))
    test = _curves()[f"{model}_test"]
    if array.shape == test.shape:
        check.fail(
            f"`{name}` is the whole table of test scores, one row per size and one column "
            "per split. Average each row: `.mean(axis=1)`, one number per size."
        )
    if array.shape == (test.shape[1],):
        check.fail(
            f"`{name}` has one number per split ({test.shape[1]}), not per size: that is the "
            "mean down the columns (`axis=0`). Average along each row, `.mean(axis=1)`."
        )
    if array.shape == (len(SIZES),) and any(
        check.close(array, test[:, j]) for j in range(test.shape[1])
    ):
        check.fail(
            f"`{name}` is the curve of only one split (one column of the test scores). "
            "Average over all the splits: `.mean(axis=1)`."
        )
    if array.ndim == 0:
        check.fail(
            f"`{name}` is one number; it should hold one mean score per training size "
            f"({len(SIZES)} numbers). Use `.mean(axis=1)`, not `.mean()`."
        )
    check.expect(
        array.shape == (len(SIZES),),
        f"`{name}` has shape {array.shape}; it should hold one mean test score per size in "
        f"`SIZES` ({len(SIZES)} numbers).",
    )
    return array


@lesson.exercise(
    hints=[
        "`learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, cv=splits)` returns "
        "sizes, training scores, test scores: keep the third.",
        "Each score array has one row per size: `.mean(axis=1)` averages over the splits.",
        "`nb_curve = nb_test.mean(axis=1)`",
    ],
    wrong=[
        Wrong(
            "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, "
            "train_sizes=SIZES, cv=splits)\nnb_curve = nb_train.mean(axis=1)\n"
            "rf_curve = rf_train.mean(axis=1)",
            message="training scores",
        ),
        Wrong(
            "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, "
            "train_sizes=SIZES, cv=splits)\nnb_curve = nb_test.mean(axis=0)\n"
            "rf_curve = rf_test.mean(axis=0)",
            message="one number per split",
        ),
        Wrong(
            "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, "
            "train_sizes=SIZES, cv=splits)\nnb_curve = nb_test\nrf_curve = rf_test",
            message="the whole table of test scores",
        ),
        Wrong(
            "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, "
            "train_sizes=SIZES, cv=splits)\nnb_curve = rf_test.mean(axis=1)\n"
            "rf_curve = nb_test.mean(axis=1)",
            message="swapped",
        ),
        Wrong(
            "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, "
            "train_sizes=SIZES, cv=splits)\nnb_curve = nb_test.mean()\n"
            "rf_curve = rf_test.mean()",
            message="not `.mean()`",
        ),
    ],
)
def learning_curves(check: Check) -> None:
    """Set `nb_curve` and `rf_curve` to the mean test score at each training size."""
    curves = _curves()
    means = {key: value.mean(axis=1) for key, value in curves.items()}
    nb = _curve(check, "nb_curve", "nb")
    rf = _curve(check, "rf_curve", "rf")
    if check.close(nb, means["nb_test"]) and check.close(rf, means["rf_test"]):
        return
    if check.close(nb, means["rf_test"]) and check.close(rf, means["nb_test"]):
        check.fail("`nb_curve` and `rf_curve` are swapped: `nb_curve` is naive Bayes' curve.")
    for name, array, model in (("nb_curve", nb, "nb"), ("rf_curve", rf, "rf")):
        if check.close(array, means[f"{model}_train"]):
            check.fail(
                f"`{name}` holds the training scores (the second array `learning_curve` "
                "returns), not the test scores (the third).",
                reason="A model's score on its own training rows says how well it "
                "memorised them; the learning curve that matters is the one on rows it has "
                "not seen.",
            )
    check.expect(
        check.close(nb, means["nb_test"]),
        "`nb_curve` is not the mean test score of naive Bayes at each size. Average "
        "`nb_test` along each row: `nb_test.mean(axis=1)`.",
    )
    check.fail(
        "`rf_curve` is not the mean test score of `forest` at each size. Run "
        "`learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, cv=splits)` and "
        "average its test scores with `.mean(axis=1)`."
    )


# --------------------------------------------------------------------------- exercise 5


def _crossing() -> dict[str, int]:
    import numpy as np

    curves = _curves()
    nb = curves["nb_test"].mean(axis=1)
    rf = curves["rf_test"].mean(axis=1)
    ahead = rf > nb
    first = int(np.argmax(ahead))
    return {"first": SIZES[first], "index": first}


@lesson.exercise(
    hints=[
        "Walk along `SIZES`, `nb_curve` and `rf_curve` together and stop at the first size "
        "where the forest is ahead.",
        "`rf_curve > nb_curve` is an array of True/False, one per size; `np.argmax` of it is "
        "the position of the first True.",
        "`SIZES[int(np.argmax(rf_curve > nb_curve))]`",
    ],
    wrong=[
        Wrong(
            "first_forest_win = int(np.argmax(rf_curve > nb_curve))",
            message="a position in `SIZES`",
        ),
        Wrong("first_forest_win = SIZES[-1]", message="not the smallest"),
        Wrong("first_forest_win = SIZES[0]", message="naive Bayes is ahead"),
        Wrong(
            "first_forest_win = SIZES[int(np.argmax(rf_curve > nb_curve)) - 1]",
            message="naive Bayes is ahead",
        ),
        Wrong("first_forest_win = rf_curve > nb_curve", message="True/False"),
    ],
)
def crossing(check: Check) -> str:
    """Set `first_forest_win` to the smallest size at which the forest beats naive Bayes."""
    import numpy as np

    value = check.get("first_forest_win")
    if isinstance(value, (np.ndarray, list)) and np.asarray(value).dtype == bool:
        check.fail(
            "`first_forest_win` is an array of True/False, one per size. Turn it into the "
            "first size where it is True: `SIZES[int(np.argmax(...))]`."
        )
    whole = isinstance(value, (float, np.floating)) and float(value).is_integer()
    if not (isinstance(value, (numbers.Integral, np.integer)) or whole) or isinstance(value, bool):
        check.wrong_kind("first_forest_win", value, "a whole number, one of `SIZES`")
    size = int(value)
    found = _crossing()
    curves = _curves()
    nb = curves["nb_test"].mean(axis=1)
    rf = curves["rf_test"].mean(axis=1)
    if size not in SIZES:
        if size == found["index"]:
            check.fail(
                f"`first_forest_win` is {size}, a position in `SIZES`, not a size. Look the "
                "size up: `SIZES[position]`."
            )
        check.fail(f"`first_forest_win` is {size}, which is not one of `SIZES` {list(SIZES)}.")
    if size == found["first"]:
        return (
            f"From {size} training rows on, the forest is ahead; with fewer, the simple model wins."
        )
    at = SIZES.index(size)
    if rf[at] <= nb[at]:
        check.fail(
            f"At {size} training rows naive Bayes is ahead of the forest (or level with it), "
            "so the forest has not won yet there. Look for the first size where "
            "`rf_curve` is above `nb_curve`."
        )
    check.fail(
        f"The forest is ahead at {size} rows, but {size} is not the smallest such size: it "
        "is ahead earlier too. Take the first size where `rf_curve > nb_curve`."
    )

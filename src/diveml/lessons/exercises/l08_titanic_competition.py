"""Lesson 8, Titanic as a Kaggle competition: features, a submission file, the leaderboard.

The data is Kaggle's two Titanic files (catalog entry ``titanic_kaggle``). The checks
rebuild the reference features from those files with their own code (a title is what
lies between the comma and the next full stop), call the learner's functions on fresh
copies, and read the learner's ``submission.csv`` back from disk.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="08-titanic-competition",
    title="Titanic as a Kaggle competition",
    minutes=30,
    summary=(
        "Kaggle's Titanic files: titles from names, family sizes and fares, every passenger "
        "kept, a submission.csv in the exact format, and a leaderboard you can overfit."
    ),
)

FEATURES = ["Pclass", "Sex", "Embarked", "Title", "Age", "FamilySize", "LogFare"]
FOLDS = 5
_TITLE = re.compile(r",\s*([^.]*?)\s*\.")
SUBMISSION = "submission.csv"

DROPPED_ROWS = (
    "Dropping passengers with a missing value throws away training rows, and the test "
    "file has missing ages too: every test passenger needs a prediction. The pipeline "
    "fills the gaps from the training rows instead."
)


@functools.cache
def _files() -> tuple[pd.DataFrame, pd.DataFrame]:
    import pandas as pd

    from diveml.data import dataset_files, load_dataset

    return load_dataset("titanic_kaggle"), pd.read_csv(dataset_files("titanic_kaggle")["test.csv"])


def _train() -> pd.DataFrame:
    return _files()[0].copy()


def _test() -> pd.DataFrame:
    return _files()[1].copy()


def _title(name: str) -> str:
    found = _TITLE.search(name)
    return found.group(1) if found else ""


def _group(title: str) -> str:
    title = {"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"}.get(title, title)
    return title if title in {"Mr", "Mrs", "Miss", "Master"} else "Rare"


def _reference_features(frame: pd.DataFrame) -> pd.DataFrame:
    import numpy as np

    frame = frame.copy()
    frame["Title"] = frame["Name"].map(_title).map(_group)
    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1
    frame["LogFare"] = np.log1p(frame["Fare"])
    return frame


def _function(check: Check, name: str) -> Any:
    func = check.get(name, what="a function (`def ...`)")
    check.expect(
        callable(func),
        f"`{name}` is a {type(func).__name__}; it should be a function: `def {name}(...):`.",
    )
    return func


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        "The title sits after the first comma and before the next full stop. "
        '`name.split(",", 1)[1]` is everything after the comma.',
        '`text.split(".", 1)[0]` is everything before the first full stop; `.strip()` '
        "removes the spaces around a text.",
        "Don't count words: some family names have two (`Vander Planke`), and so do some "
        "titles (`the Countess`).",
    ],
    wrong=[
        Wrong("def title_of(name):\n    return name.split()[1]", message="the full stop"),
        Wrong(
            'def title_of(name):\n    return name.split()[1].rstrip(".")',
            message="family names have more than one word",
        ),
        Wrong(
            'def title_of(name):\n    return name.split(",")[1].split(".")[0]',
            message="space in front",
        ),
        Wrong(
            'def title_of(name):\n    return name.split(".")[0]',
            message="still holds the family name",
        ),
        Wrong(
            'def title_of(name):\n    name.split(",", 1)[1].split(".", 1)[0].strip()',
            message="returns None",
        ),
    ],
)
def title_of(check: Check) -> str:
    """Write `title_of(name)`: the title between the comma and the next full stop."""
    train, test = _files()
    func = _function(check, "title_of")
    names = [*train["Name"], *test["Name"]]
    first = check.call(func, names[0])
    check.expect(
        first is not None,
        f"`title_of({names[0]!r})` returns None: the function computes a value but does "
        "not give it back. Add `return` in front of it.",
    )
    for name in names:
        got = check.call(func, name)
        expected = _title(name)
        if got == expected:
            continue
        check.expect(
            isinstance(got, str),
            f"`title_of({name!r})` returns a {type(got).__name__}; it should return text.",
        )
        if got.strip() == expected:
            check.fail(
                f"`title_of({name!r})` gives {got!r}, with a space in front or behind. "
                "`.strip()` removes the spaces around a text.",
                reason="`Mr` and ` Mr` are two different values to pandas and to a model.",
            )
        if got.rstrip(".").strip() == expected:
            check.fail(
                f"`title_of({name!r})` gives {got!r}, with the full stop. Stop just before "
                "it: the title is the text between the comma and the full stop."
            )
        if got in name.split():
            check.fail(
                f"`title_of({name!r})` gives {got!r}. Counting words breaks on this name: "
                "some family names have more than one word (and so do some titles). Cut at "
                "the comma and the full stop instead.",
                reason="The position of the title among the words changes from name to "
                "name; the comma and the full stop around it do not.",
            )
        if got.lower() == expected.lower() and got != expected:
            check.fail(
                f"`title_of({name!r})` gives {got!r}: the right text with its capital letters "
                "changed. Keep the title as it is written (`Mr`, `Mrs`); the lesson groups "
                "titles by their exact text."
            )
        if got.strip() == name.split(",")[0].strip():
            check.fail(
                f"`title_of({name!r})` gives {got!r}: the family name, which comes *before* "
                "the comma. The title comes after it, up to the next full stop."
            )
        if "," in got:
            check.fail(
                f"`title_of({name!r})` gives {got!r}, which still holds the family name. "
                "Keep only what comes after the comma."
            )
        check.fail(
            f"`title_of({name!r})` gives {got!r}, which is not the text between the comma "
            "and the next full stop."
        )
    count = len(set(map(_title, names)))
    return f"Every one of the {len(names)} names gives its title ({count} different titles)."


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "Start with `frame = frame.copy()`, add the three columns to the copy, and end "
        "with `return frame`.",
        '`frame["Name"].map(title_of).map(group_title)` applies both functions to every '
        'name; `frame["SibSp"] + frame["Parch"] + 1` adds column by column.',
        '`np.log1p(frame["Fare"])`: log(1 + fare), finite even when the fare is 0.',
    ],
    wrong=[
        Wrong(
            "def add_features(frame):\n    frame = frame.copy()\n"
            '    frame["Title"] = frame["Name"].map(title_of).map(group_title)\n'
            '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"]\n'
            '    frame["LogFare"] = np.log1p(frame["Fare"])\n    return frame',
            message="Count the passenger themselves",
        ),
        Wrong(
            "def add_features(frame):\n    frame = frame.copy()\n"
            '    frame["Title"] = frame["Name"].map(title_of).map(group_title)\n'
            '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1\n'
            '    frame["LogFare"] = np.log(frame["Fare"])\n    return frame',
            message="the log of 0 is minus infinity",
        ),
        Wrong(
            "def add_features(frame):\n    frame = frame.dropna().copy()\n"
            '    frame["Title"] = frame["Name"].map(title_of).map(group_title)\n'
            '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1\n'
            '    frame["LogFare"] = np.log1p(frame["Fare"])\n    return frame',
            message="dropped passengers",
        ),
        Wrong(
            "def add_features(frame):\n"
            '    frame["Title"] = frame["Name"].map(title_of).map(group_title)\n'
            '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1\n'
            '    frame["LogFare"] = np.log1p(frame["Fare"])\n    return frame',
            message="changes the table you give it",
        ),
        Wrong(
            "def add_features(frame):\n    frame = frame.copy()\n"
            '    frame["Title"] = frame["Name"].map(title_of)\n'
            '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1\n'
            '    frame["LogFare"] = np.log1p(frame["Fare"])\n    return frame',
            message="`group_title`",
        ),
    ],
)
def add_features(check: Check) -> str:
    """Write `add_features(frame)`: a new table with `Title`, `FamilySize` and `LogFare`."""
    import numpy as np
    import pandas as pd

    func = _function(check, "add_features")
    for label, original in (("train", _train()), ("test", _test())):
        given = original.copy()
        result = check.call(func, given)
        if not given.equals(original):
            check.fail(
                "`add_features` changes the table you give it: after "
                f"`add_features({label})`, `{label}` itself has new or changed columns. "
                "Start the function with `frame = frame.copy()` and change the copy.",
                reason="A function that changes its input changes `train` behind your "
                "back; run a cell twice and you no longer know which version you have.",
            )
        check.expect(
            result is not None,
            "`add_features` returns None: end it with `return frame`.",
        )
        check.expect(
            isinstance(result, pd.DataFrame),
            f"`add_features` returns a {type(result).__name__}; it should return a DataFrame.",
        )
        if len(result) != len(original):
            check.fail(
                f"`add_features({label})` has {len(result)} rows, but `{label}` has "
                f"{len(original)}: it dropped passengers. Keep every row, missing values "
                "included.",
                reason=DROPPED_ROWS,
            )
        missing = [c for c in ("Title", "FamilySize", "LogFare") if c not in result.columns]
        check.expect(
            not missing,
            f"`add_features({label})` has no column {missing[0] if missing else ''!r}; "
            "name the new columns exactly `Title`, `FamilySize` and `LogFare`.",
        )
        reference = _reference_features(original)
        result = result.reset_index(drop=True)
        reference = reference.reset_index(drop=True)
        family = pd.to_numeric(result["FamilySize"], errors="coerce")
        if check.close(family.to_numpy(float), (reference["FamilySize"] - 1).to_numpy(float)):
            check.fail(
                "`FamilySize` is one short for everyone: a passenger travelling alone gets "
                "0. Count the passenger themselves: `SibSp + Parch + 1`."
            )
        check.expect(
            check.close(family.to_numpy(float), reference["FamilySize"].to_numpy(float)),
            "`FamilySize` is not `SibSp + Parch + 1` for every passenger.",
        )
        fare = pd.to_numeric(result["LogFare"], errors="coerce").to_numpy(float)
        if np.isinf(fare).any():
            free = int((original["Fare"] == 0).sum())
            check.fail(
                f"`LogFare` has minus infinity for the {free} passengers who paid nothing: "
                "the log of 0 is minus infinity. Use `np.log1p`, log(1 + fare).",
                reason="An infinite value breaks the scaler and the model that come after.",
            )
        expected_fare = reference["LogFare"].to_numpy(float)
        same_gaps = bool((np.isnan(fare) == np.isnan(expected_fare)).all())
        known = ~np.isnan(expected_fare)
        check.expect(
            same_gaps and check.close(fare[known], expected_fare[known]),
            "`LogFare` is not `np.log1p` of `Fare` for every passenger (leave a missing fare "
            "missing: the pipeline fills it in).",
        )
        titles = result["Title"].astype(str).tolist()
        if titles == [_title(n) for n in original["Name"]]:
            check.fail(
                "`Title` holds the raw titles. Group them with `group_title`: "
                '`frame["Name"].map(title_of).map(group_title)`.',
                reason="A title seen once or twice (`Jonkheer`, `Dona`) teaches a model "
                "nothing; grouped, the rare ones pool what they have in common.",
            )
        check.expect(
            titles == reference["Title"].tolist(),
            "`Title` is not `group_title(title_of(name))` for every passenger.",
        )
    return "`add_features` gives both files the same three new columns, every passenger kept."


# --------------------------------------------------------------------------- exercise 3


def _scores(check: Check) -> np.ndarray:
    import numpy as np

    value = check.get("cv_scores")
    try:
        scores = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail("`cv_scores` should be the scores that `cross_val_score` returns.")
    if scores.ndim == 0:
        check.fail(
            "`cv_scores` is a single number. Cross-validation gives one score per fold: "
            f"`cross_val_score(model, X, y, cv={FOLDS})` returns all {FOLDS}.",
            reason="A model scored on the passengers it was fitted on has seen their "
            "answers; only the folds it did not see say how it does on new passengers.",
        )
    check.expect(
        scores.shape == (FOLDS,),
        f"`cv_scores` has {scores.size} scores; use `cv={FOLDS}`.",
    )
    return scores


@lesson.exercise(
    hints=[
        "`add_features(train)[FEATURES]` keeps the feature columns of the new table.",
        '`y = train["Survived"]`, then `cross_val_score(model, X, y, cv=5)`.',
    ],
    wrong=[
        Wrong(
            'X = add_features(train)[FEATURES + ["Survived"]]\ny = train["Survived"]\n'
            "cv_scores = cross_val_score(model, X, y, cv=5)",
            message="the answer among the features",
        ),
        Wrong(
            'complete = train.dropna(subset=["Age", "Embarked"])\n'
            'X = add_features(complete)[FEATURES]\ny = complete["Survived"]\n'
            "cv_scores = cross_val_score(model, X, y, cv=5)",
            message="rows with a missing value",
        ),
        Wrong(
            'X = add_features(train)[FEATURES]\ny = train["Survived"]\n'
            "cv_scores = model.fit(X, y).score(X, y)",
            message="single number",
        ),
    ],
)
def cross_validate(check: Check) -> str:
    """Cross-validate `model` on the engineered training features: `cv_scores`."""
    import numpy as np
    import pandas as pd
    from sklearn.base import BaseEstimator, clone
    from sklearn.model_selection import cross_val_score

    X = check.get("X", pd.DataFrame, what="a DataFrame of the feature columns")
    y = check.get("y")
    train = _train()
    if "Survived" in X.columns:
        check.fail(
            "`X` contains `Survived`: the answer among the features.",
            reason="A model that reads the answer scores almost perfectly here and cannot "
            "predict anything: the test file has no `Survived` column.",
        )
    if len(X) < len(train):
        check.fail(
            f"`X` has {len(X)} rows; the training file has {len(train)}. Those are the "
            "rows with a missing value dropped, as the original notebook does.",
            reason=DROPPED_ROWS,
        )
    check.expect(
        sorted(map(str, X.columns)) == sorted(FEATURES),
        f"`X` should have exactly the `FEATURES` columns; it has {list(X.columns)[:10]}.",
    )
    check.expect(
        len(X) == len(train) and np.asarray(y).shape == (len(train),),
        f"`X` and `y` should hold the {len(train)} training passengers.",
    )
    check.expect(
        np.array_equal(np.asarray(y), train["Survived"].to_numpy()),
        '`y` should be `train["Survived"]`.',
    )
    scores = _scores(check)
    model = check.get("model", BaseEstimator, what="the model the lesson built")
    expected = check.call(cross_val_score, clone(model), X, y, cv=FOLDS)
    if not check.close(scores, expected):
        for other in ("f1", "roc_auc", "balanced_accuracy", "precision", "recall"):
            if check.close(scores, cross_val_score(clone(model), X, y, cv=FOLDS, scoring=other)):
                check.fail(
                    f"`cv_scores` are {other!r} scores. Kaggle ranks this competition by "
                    "accuracy, the share of passengers predicted right, so score the folds "
                    "the same way: leave out `scoring=` (accuracy is the default for a "
                    "classifier)."
                )
        check.fail(
            f"`cv_scores` are not the accuracies of `model` over {FOLDS} folds of `X`, `y` "
            f"(yours average {np.mean(scores):.3f}). Cross-validate the lesson's `model` "
            f"itself, with `cv={FOLDS}`."
        )
    return (
        f"Mean accuracy {np.mean(scores):.3f}, from {np.min(scores):.3f} to "
        f"{np.max(scores):.3f} across the folds."
    )


# --------------------------------------------------------------------------- exercise 4


@lesson.exercise(
    hints=[
        "`model.fit(X, y)`, then `model.predict(add_features(test)[FEATURES])`.",
        '`pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": ...})`',
        'Write it without the index: `submission.to_csv("submission.csv", index=False)`.',
    ],
    wrong=[
        Wrong(
            "model.fit(X, y)\ntest_X = add_features(test)[FEATURES]\n"
            'submission = pd.DataFrame({"PassengerId": test["PassengerId"],\n'
            '                           "Survived": model.predict(test_X)})\n'
            'submission.to_csv("submission.csv")',
            message="`index=False`",
        ),
        Wrong(
            "model.fit(X, y)\ntest_X = add_features(test)[FEATURES]\n"
            'submission = pd.DataFrame({"PassengerId": test["PassengerId"],\n'
            '                           "Survived": model.predict_proba(test_X)[:, 1]})\n'
            'submission.to_csv("submission.csv", index=False)',
            message="probabilities",
        ),
        Wrong(
            'model.fit(X, y)\ncomplete = test.dropna(subset=["Age", "Fare"])\n'
            "test_X = add_features(complete)[FEATURES]\n"
            'submission = pd.DataFrame({"PassengerId": complete["PassengerId"],\n'
            '                           "Survived": model.predict(test_X)})\n'
            'submission.to_csv("submission.csv", index=False)',
            message="every test passenger needs a prediction",
        ),
        Wrong(
            "model.fit(X, y)\ntest_X = add_features(test)[FEATURES]\n"
            'submission = pd.DataFrame({"passengerid": test["PassengerId"],\n'
            '                           "survived": model.predict(test_X)})\n'
            'submission.to_csv("submission.csv", index=False)',
            message="exactly `PassengerId,Survived`",
        ),
    ],
)
def submission(check: Check) -> str:
    """Fit `model` on every training passenger and write `submission.csv` for the test file."""
    import pandas as pd
    from sklearn.base import BaseEstimator

    check.get("submission", pd.DataFrame, what="a DataFrame")
    written = _written_submission(check)
    model = check.get("model", BaseEstimator, what="the lesson's model")
    _check_submitted_predictions(check, written, model)
    return (
        f"`{SUBMISSION}`: {len(written)} passengers, {int(written['Survived'].sum())} "
        "predicted to survive. It is in the exact format Kaggle asks for."
    )


def _written_submission(check: Check) -> pd.DataFrame:
    """The submission file as written, once its format is the one Kaggle asks for."""
    from pathlib import Path

    import numpy as np
    import pandas as pd

    path = Path(SUBMISSION)
    check.expect(
        path.is_file(),
        f"There is no `{SUBMISSION}` in this notebook's folder yet: write it with "
        '`submission.to_csv("submission.csv", index=False)`.',
    )
    try:
        written = pd.read_csv(path)
    except (ValueError, OSError) as error:
        check.fail(f"`{SUBMISSION}` cannot be read as a CSV file: {error}.")
    columns = [str(c) for c in written.columns]
    if columns and columns[0].startswith("Unnamed"):
        check.fail(
            f"`{SUBMISSION}` starts with an extra, unnamed column: the DataFrame's index. "
            "Write it with `index=False`.",
            reason="Kaggle expects exactly two columns; an extra one gets the file refused.",
        )
    check.expect(
        columns == ["PassengerId", "Survived"],
        f"The header of `{SUBMISSION}` is `{','.join(columns)}`; it must be exactly "
        "`PassengerId,Survived` (names are case-sensitive).",
    )
    test = _test()
    if len(written) != len(test):
        check.fail(
            f"`{SUBMISSION}` has {len(written)} rows; the test file has {len(test)} "
            "passengers, and every test passenger needs a prediction.",
            reason=DROPPED_ROWS,
        )
    check.expect(
        sorted(written["PassengerId"].tolist()) == sorted(test["PassengerId"].tolist()),
        f"The `PassengerId` values of `{SUBMISSION}` are not those of the test file, each "
        'once: use `test["PassengerId"]`.',
    )
    survived = written["Survived"]
    if survived.dtype == object:
        check.fail(
            f"`Survived` in `{SUBMISSION}` holds text such as {str(survived.iloc[0])!r}; "
            "it must be 0 or 1. `model.predict` gives those."
        )
    values = survived.to_numpy(dtype=float)
    if not np.isin(values, (0.0, 1.0)).all():
        check.fail(
            f"`Survived` in `{SUBMISSION}` holds numbers such as {values[0]:.3f}: "
            "probabilities. Kaggle expects a decision, 0 or 1: use `model.predict`, not "
            "`model.predict_proba`."
        )
    return written


def _check_submitted_predictions(check: Check, written: pd.DataFrame, model: Any) -> None:
    """End the check unless the file's predictions are those of ``model``, fitted on every
    training passenger."""
    import pandas as pd

    test = _test()
    seen = recipes.rows_seen(model)
    n_train = len(_train())
    if seen is not None and seen != n_train:
        check.fail(
            f"`model` was last fitted on {seen} passengers, but the training file has "
            f"{n_train}. The submission should come from a model fitted on every training "
            "passenger: fit it on the whole `X`, `y` before predicting the test file.",
            reason="Cross-validation only estimated the score; the final model learns from "
            "all the labelled rows there are.",
        )
    features = check.call(_function(check, "add_features"), test.copy())
    predicted = pd.Series(
        check.call(model.predict, features[FEATURES]), index=test["PassengerId"].to_numpy()
    )
    mine = written.set_index("PassengerId")["Survived"].astype(int)
    check.expect(
        bool((mine == predicted.loc[mine.index].astype(int)).all()),
        f"The predictions in `{SUBMISSION}` are not those of `model` for the test "
        "passengers: fit `model` on `X`, `y`, then predict `add_features(test)[FEATURES]`.",
    )


# --------------------------------------------------------------------------- exercise 5


def _board(check: Check, name: str) -> np.ndarray:
    import numpy as np

    scores = np.asarray(check.get(name), dtype=float)
    check.expect(
        scores.ndim == 1 and scores.size > 1,
        f"`{name}` has been changed; run the cell that makes the 30 tweaks again.",
    )
    return scores


@lesson.exercise(
    hints=[
        "`np.argmax(public_scores)` is the position of the best public score.",
        "`private_scores[best_tweak]` is that same tweak's private score.",
    ],
    wrong=[
        Wrong(
            "best_tweak = int(np.argmax(private_scores))\n"
            "its_private = float(private_scores[best_tweak])",
            message="you cannot see the private leaderboard",
        ),
        Wrong(
            "best_tweak = int(np.argmax(public_scores))\n"
            "its_private = float(public_scores[best_tweak])",
            message="the score you chose it by",
        ),
        Wrong(
            "best_tweak = int(np.argmax(public_scores))\nits_private = float(private_scores.max())",
            message="belongs to another tweak",
        ),
    ],
)
def pick_tweak(check: Check) -> str:
    """Pick the tweak with the best public score (`best_tweak`) and give its private score."""
    import numbers

    import numpy as np

    best = check.get("best_tweak", (numbers.Integral, np.integer), what="a whole number")
    value = check.get("its_private", (numbers.Real, np.floating), what="a number")
    public, private = _board(check, "public_scores"), _board(check, "private_scores")
    index = int(best)
    check.expect(
        0 <= index < public.size,
        f"`best_tweak` is {index}; positions go from 0 to {public.size - 1}.",
    )
    top = set(np.flatnonzero(public == public.max()).tolist())
    if index not in top:
        if private[index] == private.max():
            check.fail(
                f"`best_tweak` is {index}, the tweak with the best *private* score. During "
                "the competition you cannot see the private leaderboard: choose by the "
                "public scores, the only ones you have.",
                reason="Choosing by the private scores is choosing with the answers of the "
                "final test; that is exactly what a competition prevents.",
            )
        check.fail(
            f"`best_tweak` is {index}, whose public score is not the best. Use "
            "`np.argmax(public_scores)`."
        )
    if check.close(value, private[index]):
        gap = public[index] - private[index]
        verdict = (
            f"the public board flattered it by {gap:.3f}"
            if gap > 0
            else "this time the private board was no harsher"
        )
        return (
            f"Tweak {index}: public {public[index]:.3f}, private {private[index]:.3f}; {verdict}."
        )
    if check.close(value, public[index]):
        check.fail(
            "`its_private` is the tweak's public score: the score you chose it by. Give "
            "its private score: `private_scores[best_tweak]`.",
            reason="A score used to choose is no longer an estimate of how the choice does "
            "on new passengers: it was picked for being high.",
        )
    if check.close(value, private.max()):
        check.fail(
            "`its_private` is the best private score of all tweaks, but it belongs to "
            "another tweak, which you had no way to pick. Give the private score of "
            "`best_tweak`."
        )
    check.fail("`its_private` should be `private_scores[best_tweak]`.")

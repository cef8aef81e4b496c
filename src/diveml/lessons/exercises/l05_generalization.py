"""Lesson 5, "It's generalization that counts": test sets, baselines, overfitting, leakage.

The references are computed here, from the breast cancer table and the split the lesson
asks for (``test_size=0.25, random_state=0``), never from the learner's variables. The
checks recognise the classic ways to fool yourself: scoring on the training rows, fitting
on all rows, choosing a setting on the test set, and fitting preprocessing before the
split.
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="05-generalization",
    title="It's generalization that counts",
    minutes=30,
    # The guide: after the play-to-learn notebooks (lessons 6 to 12), Domingos' lessons.
    path_order=20,
    summary="Train/test split, a baseline to beat, overfitting, validation, and "
    "preprocessing that waits for the split, on breast cancer diagnoses.",
)

TEST_SIZE = 0.25
SEED = 0
DEPTHS = tuple(range(1, 11))

_TRAINING_ROWS = (
    "A score on the rows a model was fit on says how well it memorised them, not how it "
    "will do on new rows."
)
_ALL_ROWS = (
    "The test rows must stay unseen until scoring: a model (or a scaler) fit on them has "
    "already seen the answers, so its test score is too optimistic."
)


@functools.cache
def _not_on_test_rows(check: Check, name: str, seen: int, n_test: int) -> None:
    """Fail when ``name`` was fitted on exactly as many rows as the test set holds."""
    if seen == n_test:
        check.fail(
            f"`{name}` was fit on the test rows ({seen} rows, as many as `X_test` holds). Fit "
            "it on the training rows.",
            reason="The test rows stand in for data you will only meet later: nothing you "
            "fit may learn from them, or the test score flatters the model.",
        )


def _data() -> tuple[pd.DataFrame, pd.Series]:
    import diveml

    cancer = diveml.load_dataset("breast_cancer")
    return cancer.drop(columns="diagnosis"), cancer["diagnosis"]


@functools.cache
def _split() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    from sklearn.model_selection import train_test_split

    X, y = _data()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=TEST_SIZE, random_state=SEED
    )
    return X_train, X_test, y_train, y_test


@functools.cache
def _inner_split() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    from sklearn.model_selection import train_test_split

    X_train, _, y_train, _ = _split()
    X_fit, X_val, y_fit, y_val = train_test_split(
        X_train, y_train, test_size=TEST_SIZE, random_state=SEED
    )
    return X_fit, X_val, y_fit, y_val


def _score(check: Check, model: Any, X: Any, y: Any) -> float:
    return float(check.call(model.score, X, y))


def _rows(value: Any) -> set[Any]:
    return set(value.index)


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "`train_test_split(X, y, ...)` takes the features and the target together, so their "
        "rows stay lined up.",
        "Pass `test_size=0.25` (the share of rows for the test set) and `random_state=0`.",
        "`X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
        "random_state=0)`",
    ],
    wrong=[
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
            "shuffle=False)",
            message="the rows were not shuffled",
        ),
        Wrong(
            "X_train, y_train, X_test, y_test = train_test_split(X, y, test_size=0.25, "
            "random_state=0)",
            message="X_train, X_test, y_train, y_test",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.75, "
            "random_state=0)",
            message="holds 75% of the rows",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, "
            "random_state=0)",
            message="a quarter",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)",
            message="random_state=0",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
            "random_state=0, stratify=y)",
            message="stratified",
        ),
        Wrong(
            "X_train, X_test = train_test_split(X, test_size=0.25, random_state=0)\n"
            "y_train, y_test = train_test_split(y, test_size=0.25, random_state=1)",
            message="no longer line up",
        ),
    ],
    success="The test rows are set apart. From now on, fit on `X_train, y_train` only.",
)
def split_data(check: Check) -> None:
    """Split `X` and `y` into `X_train, X_test, y_train, y_test` (a quarter for testing)."""
    X, y = _data()
    recipes.split(
        check, X, y, test_size=TEST_SIZE, random_state=SEED, rows="rows", labels="diagnoses"
    )


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        "Fit it like any model: `DummyClassifier().fit(X_train, y_train)`.",
        "`baseline.score(X, y)` gives the accuracy on the rows you pass it: pass the test rows.",
        "`baseline_score = baseline.score(X_test, y_test)`",
    ],
    wrong=[
        Wrong(
            "baseline = DummyClassifier().fit(X_train, y_train)\n"
            "baseline_score = baseline.score(X_train, y_train)",
            message="training rows",
        ),
        Wrong(
            "baseline = DummyClassifier().fit(X, y)\n"
            "baseline_score = baseline.score(X_test, y_test)",
            message="fit on all the rows",
        ),
        Wrong(
            "baseline = DummyClassifier()\nbaseline_score = baseline.score(X_test, y_test)",
            outcome="raised",
            message="NotFittedError",
        ),
        Wrong(
            "baseline = DummyClassifier(strategy='uniform', random_state=0).fit(X_train, y_train)\n"
            "baseline_score = baseline.score(X_test, y_test)",
            message="the default",
        ),
        Wrong(
            "baseline = DummyClassifier().fit(X_test, y_test)\n"
            "baseline_score = baseline.score(X_test, y_test)",
            message="fit on the test rows",
        ),
        Wrong(
            "baseline = DummyClassifier().fit(X_train, y_train)\n"
            "baseline_score = baseline.score(X_test, y_test) * 100",
            message="looks like a percentage",
        ),
        Wrong(
            "baseline = DummyClassifier().fit(X_train, y_train)\nbaseline_score = baseline.score",
            message="the method `score` itself",
        ),
    ],
    success="That is the accuracy of knowing nothing. Every real model must beat it.",
)
def baseline(check: Check) -> None:
    """Fit a `DummyClassifier` on the training rows; set `baseline_score` to its test accuracy."""
    import numpy as np
    from sklearn.dummy import DummyClassifier

    _, y = _data()
    X_train, X_test, y_train, y_test = _split()
    model = check.fitted("baseline", DummyClassifier, what="a `DummyClassifier`")
    score = check.get("baseline_score", numbers.Real, what="a number between 0 and 1")
    check.expect(
        model.strategy in ("prior", "most_frequent"),
        f"`baseline` uses `strategy={model.strategy!r}`. This exercise uses the default, "
        "`DummyClassifier()`, which always predicts the most frequent class.",
    )
    prior = np.asarray(model.class_prior_, dtype=float)
    train_prior = y_train.value_counts(normalize=True).reindex(model.classes_).to_numpy()
    all_prior = y.value_counts(normalize=True).reindex(model.classes_).to_numpy()
    test_prior = y_test.value_counts(normalize=True).reindex(model.classes_).to_numpy()
    if not check.close(prior, train_prior) and check.close(prior, test_prior):
        check.fail(
            "`baseline` was fit on the test rows: the class shares it learned are the test "
            "set's. Fit it on `X_train, y_train`.",
            reason=_ALL_ROWS,
        )
    if not check.close(prior, train_prior) and check.close(prior, all_prior):
        check.fail(
            "`baseline` was fit on all the rows, test rows included. Fit it on `X_train, y_train`.",
            reason=_ALL_ROWS,
        )
    check.expect(
        check.close(prior, train_prior),
        "`baseline` was not fit on the training rows. Fit it with `.fit(X_train, y_train)`.",
    )
    reference = DummyClassifier().fit(X_train, y_train)
    on_test = reference.score(X_test, y_test)
    on_train = reference.score(X_train, y_train)
    if check.close(score, on_train) and not check.close(score, on_test):
        check.fail("`baseline_score` is the accuracy on the training rows.", reason=_TRAINING_ROWS)
    if check.close(score / 100, on_test):
        check.fail(
            "`baseline_score` looks like a percentage: keep the share between 0 and 1 that "
            "`.score` returns."
        )
    check.expect(
        check.close(score, on_test),
        f"`baseline_score` is {score!r}, which is not the accuracy of `baseline` on the "
        "test rows. Use `baseline.score(X_test, y_test)`.",
    )


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        "Fit the tree on the training rows: `DecisionTreeClassifier(random_state=0)"
        ".fit(X_train, y_train)`.",
        "Then call `tree.score(...)` twice: once with the training rows, once with the test rows.",
        "`tree_test_score = tree.score(X_test, y_test)`",
    ],
    wrong=[
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_train, y_train)\n"
            "tree_test_score = tree.score(X_train, y_train)",
            message="training rows",
        ),
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X, y)\n"
            "tree_train_score = tree.score(X_train, y_train)\n"
            "tree_test_score = tree.score(X_test, y_test)",
            message="fit on all the rows",
        ),
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_test, y_test)\n"
            "tree_test_score = tree.score(X_train, y_train)",
            message="swapped",
        ),
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_train, y_train)\n"
            "tree_test_score = 0.9",
            message="not the accuracy of `tree` on the test rows",
        ),
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_train, y_train)\n"
            "tree_test_score = tree.score(X, y)",
            message="the accuracy on every row",
        ),
        Wrong(
            "tree = DecisionTreeClassifier(random_state=0).fit(X_test, y_test)\n"
            "tree_train_score = tree.score(X_train, y_train)\n"
            "tree_test_score = tree.score(X_test, y_test)",
            message="fit on the test rows",
        ),
    ],
)
def tree_scores(check: Check) -> str:
    """Fit a tree on the training rows; set `tree_train_score` and `tree_test_score`."""
    from sklearn.tree import DecisionTreeClassifier

    X, _ = _data()
    X_train, X_test, y_train, y_test = _split()
    tree = check.fitted("tree", DecisionTreeClassifier, what="a `DecisionTreeClassifier`")
    train_score = check.get("tree_train_score", numbers.Real, what="a number between 0 and 1")
    test_score = check.get("tree_test_score", numbers.Real, what="a number between 0 and 1")
    check.expect(
        getattr(tree, "n_features_in_", None) == X.shape[1],
        f"`tree` was fit on {getattr(tree, 'n_features_in_', '?')} features, but `X_train` "
        f"has {X.shape[1]}. Fit it on `X_train, y_train`.",
    )
    fitted_rows = int(tree.tree_.n_node_samples[0])
    _not_on_test_rows(check, "tree", fitted_rows, len(X_test))
    if fitted_rows == len(X):
        check.fail(
            "`tree` was fit on all the rows, test rows included. Fit it on `X_train, y_train`.",
            reason=_ALL_ROWS,
        )
    check.expect(
        fitted_rows == len(X_train),
        f"`tree` was fit on {fitted_rows} rows, but there are {len(X_train)} training rows. "
        "Fit it on `X_train, y_train`.",
    )
    on_train = _score(check, tree, X_train, y_train)
    on_test = _score(check, tree, X_test, y_test)
    if not check.close(test_score, on_test) and check.close(
        test_score, _score(check, tree, X, _data()[1])
    ):
        check.fail(
            "`tree_test_score` is the accuracy on every row, training rows included. Score "
            "the test rows only: `tree.score(X_test, y_test)`."
        )
    if check.close(train_score, on_test) and check.close(test_score, on_train):
        check.fail(
            "`tree_train_score` and `tree_test_score` are swapped: each holds the other's accuracy."
        )
    if check.close(test_score, on_train) and not check.close(test_score, on_test):
        check.fail(
            "`tree_test_score` is the accuracy on the training rows, not the test rows.",
            reason=_TRAINING_ROWS,
        )
    check.expect(
        check.close(train_score, on_train),
        f"`tree_train_score` is {train_score!r}, which is not the accuracy of `tree` on the "
        "training rows. Use `tree.score(X_train, y_train)`.",
    )
    check.expect(
        check.close(test_score, on_test),
        f"`tree_test_score` is {test_score!r}, which is not the accuracy of `tree` on the "
        "test rows. Use `tree.score(X_test, y_test)`.",
    )
    if check.close(on_train, 1.0):
        return "Perfect on the rows it memorised, worse on new rows: that gap is overfitting."
    return (
        "Those are the right scores for your tree. It was limited (a `max_depth`?), so it "
        "could not memorise every training row; the task's `DecisionTreeClassifier("
        "random_state=0)` can, and shows the gap best."
    )


# ------------------------------------------------------------------ exercise 4 ---


def _best(scores: list[float], *, last: bool = False) -> int:
    best = max(scores)
    ties = [d for d, s in zip(DEPTHS, scores, strict=True) if s == best]
    return ties[-1] if last else ties[0]


@functools.cache
def _depth_choices() -> dict[str, int]:
    """The depth each way of choosing picks: the right one and the tempting wrong ones."""
    from sklearn.tree import DecisionTreeClassifier

    X_train, X_test, y_train, y_test = _split()
    X_fit, X_val, y_fit, y_val = _inner_split()
    validation, fit_rows, test_after_fit, test_after_train = [], [], [], []
    for depth in DEPTHS:
        small = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_fit, y_fit)
        validation.append(small.score(X_val, y_val))
        fit_rows.append(small.score(X_fit, y_fit))
        test_after_fit.append(small.score(X_test, y_test))
        full = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
        test_after_train.append(full.score(X_test, y_test))
    return {
        "validation": _best(validation),
        "validation_last": _best(validation, last=True),
        "training": _best(fit_rows),
        "test": _best(test_after_train),
        "test_after_fit": _best(test_after_fit),
    }


@lesson.exercise(
    hints=[
        "Split the *training* rows, not `X`: `train_test_split(X_train, y_train, "
        "test_size=0.25, random_state=0)` gives `X_fit, X_val, y_fit, y_val`.",
        "Loop over `depths`; in the loop, fit a tree with `max_depth=depth` on "
        "`X_fit, y_fit` and append `model.score(X_val, y_val)` to a list.",
        "`np.argmax(scores)` is the position of the first best score; `depths[position]` is "
        "its depth.",
    ],
    wrong=[
        Wrong(
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, "
            "random_state=0)\n"
            "val_scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit)"
            ".score(X_val, y_val) for d in depths]\n"
            "best_depth = int(np.argmax(val_scores))",
            message="the position of the best depth",
        ),
        Wrong(
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, "
            "random_state=0)\n"
            "best_depth = depths[int(np.argmax(test_curve))]",
            message="best test score",
        ),
        Wrong(
            "X_fit, X_val, y_fit, y_val = X_train, X_test, y_train, y_test\n"
            "best_depth = depths[int(np.argmax(test_curve))]",
            message="come from the test set",
        ),
        Wrong(
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, "
            "random_state=0)\n"
            "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit)"
            ".score(X_fit, y_fit) for d in depths]\n"
            "best_depth = depths[int(np.argmax(scores))]",
            message="rows it was fit on",
        ),
        Wrong(
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, "
            "random_state=0)\n"
            "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit)"
            ".score(X_val, y_val) for d in depths]\n"
            "best_depth = max(d for d, s in zip(depths, scores) if s == max(scores))",
            message="smallest",
        ),
    ],
    success="You chose a depth without looking at the test rows, so the test score of that "
    "tree is still an honest estimate.",
)
def choose_depth(check: Check) -> None:
    """Choose `best_depth` by the validation score of trees fit on part of the training rows."""
    import pandas as pd

    _, X_test, _, _ = _split()
    names = ("X_fit", "X_val", "y_fit", "y_val")
    values = {name: check.get(name) for name in names}
    for name in ("X_fit", "X_val"):
        check.expect(
            isinstance(values[name], pd.DataFrame),
            f"`{name}` is a {type(values[name]).__name__}, but it should be a DataFrame: "
            "split `X_train, y_train` with `train_test_split`.",
        )
    X_fit, X_val = values["X_fit"], values["X_val"]
    if _rows(X_val) & _rows(X_test) or _rows(X_fit) & _rows(X_test):
        check.fail(
            "Your validation rows (or the rows you fit on) come from the test set.",
            reason="Choosing a setting with the test rows lets the test set help build the "
            "model; split the training rows into fit and validation parts instead.",
        )
    expected_fit, expected_val, _, _ = _inner_split()
    check.expect(
        X_fit.index.equals(expected_fit.index) and X_val.index.equals(expected_val.index),
        "`X_fit` and `X_val` are not the split of the training rows that the task asks for. "
        "Use `train_test_split(X_train, y_train, test_size=0.25, random_state=0)`.",
    )
    depth = check.get("best_depth", numbers.Integral, what="a whole number (a depth)")
    if depth not in DEPTHS and depth == DEPTHS.index(_depth_choices()["validation"]):
        check.fail(
            f"`best_depth` is {depth}, the position of the best depth in `depths` (what "
            "`np.argmax` returns), not the depth itself. Look it up: "
            "`depths[int(np.argmax(val_scores))]`."
        )
    check.expect(
        depth in DEPTHS,
        f"`best_depth` is {depth!r}, which is not one of `depths` (1 to {DEPTHS[-1]}).",
    )
    choices = _depth_choices()
    if depth == choices["validation"]:
        return None
    code = check.code_for("best_depth") or ""
    looked_up = "depths[" in code.replace(" ", "") or "DEPTHS[" in code
    if depth == DEPTHS.index(choices["validation"]) and (
        depth not in choices.values() or ("argmax" in code and not looked_up)
    ):
        check.fail(
            f"`best_depth` is {depth}, the position of the best depth in `depths` (what "
            "`np.argmax` returns), not the depth itself. Look it up: "
            "`depths[int(np.argmax(val_scores))]`."
        )
    if depth in (choices["test"], choices["test_after_fit"]):
        check.fail(
            "`best_depth` is the depth with the best test score, not the best validation score.",
            reason="Picking the depth that looks best on the test rows lets the test set "
            "choose the model, so its test score flatters it. Compare depths on "
            "`X_val, y_val`.",
        )
    if depth == choices["training"]:
        check.fail(
            "`best_depth` is the depth with the best score on the rows it was fit on.",
            reason="Deeper trees always look better on their own training rows. Score each "
            "tree on `X_val, y_val`.",
        )
    if depth == choices["validation_last"]:
        check.fail(
            "Several depths tie for the best validation score, and `best_depth` is the "
            "largest of them. Take the smallest: the simplest tree that does as well. "
            "(`np.argmax` returns the first best position.)"
        )
    check.fail(
        f"`best_depth` is {depth}, which is not the depth with the best validation score. "
        "Fit each tree on `X_fit, y_fit` and score it on `X_val, y_val`."
    )


# ------------------------------------------------------------------ exercise 5 ---


def _array(check: Check, name: str) -> Any:
    import numpy as np
    import pandas as pd

    value = check.get(name, (np.ndarray, pd.DataFrame), what="a table of numbers")
    return np.asarray(value, dtype=float)


@lesson.exercise(
    hints=[
        "`StandardScaler().fit(X_train)` learns the means and standard deviations of the "
        "training rows only.",
        "Then call `scaler.transform(...)` twice, with `X_train` and with `X_test`; do not "
        "fit again.",
        "`X_test_scaled = scaler.transform(X_test)`",
    ],
    wrong=[
        Wrong(
            "scaler = StandardScaler().fit(X)\n"
            "X_train_scaled = scaler.transform(X_train)\n"
            "X_test_scaled = scaler.transform(X_test)",
            message="fit on all the rows",
        ),
        Wrong(
            "scaler = StandardScaler().fit(X_train)\n"
            "X_train_scaled = scaler.transform(X_train)\n"
            "X_test_scaled = StandardScaler().fit_transform(X_test)",
            message="its own means",
        ),
        Wrong(
            "scaler = StandardScaler()\nX_train_scaled = X_train\nX_test_scaled = X_test",
            message="has not been fitted",
        ),
        Wrong(
            "scaler = StandardScaler().fit(X_train)\n"
            "X_train_scaled = scaler.transform(X_train)\n"
            "X_test_scaled = scaler.transform(X_train)",
            message="`X_test_scaled` is not",
        ),
        Wrong(
            "scaler = StandardScaler().fit(X_train)\n"
            "X_train_scaled = scaler.fit_transform(X_train)\n"
            "X_test_scaled = scaler.fit_transform(X_test)",
            message="`scaler` was fit on the test rows",
        ),
        Wrong(
            "scaler = StandardScaler().fit(X_train)\n"
            "X_train_scaled = scaler.transform(X_train)\n"
            "X_test_scaled = X_test",
            message="it was not scaled",
        ),
        Wrong(
            "scaler = StandardScaler().fit(X_test)\n"
            "X_train_scaled = scaler.transform(X_train)\n"
            "X_test_scaled = scaler.transform(X_test)",
            message="`scaler` was fit on the test rows",
        ),
    ],
    success="The scaler learned from the training rows only, and the test rows were "
    "transformed with what it learned.",
)
def scale_after_split(check: Check) -> None:
    """Fit a `StandardScaler` on `X_train`; transform `X_train` and `X_test` with it."""
    from sklearn.preprocessing import StandardScaler

    X, _ = _data()
    X_train, X_test, _, _ = _split()
    scaler = check.fitted("scaler", StandardScaler, what="a `StandardScaler`")
    seen = int(getattr(scaler, "n_samples_seen_", -1))
    _not_on_test_rows(check, "scaler", seen, len(X_test))
    if seen == len(X):
        check.fail(
            "`scaler` was fit on all the rows, test rows included: the test rows leaked "
            "into the means and standard deviations it learned.",
            reason="The test rows stand in for data you will only meet later, so they must "
            "not shape anything you fit, not even a mean. Fit the scaler on `X_train` only, "
            "then transform both parts with it.",
        )
    check.expect(
        seen == len(X_train) and check.close(scaler.mean_, X_train.mean().to_numpy()),
        f"`scaler` was fit on {seen} rows, not on the {len(X_train)} rows of `X_train`. "
        "Fit it with `.fit(X_train)`.",
    )
    reference = StandardScaler().fit(X_train)
    train_scaled = _array(check, "X_train_scaled")
    test_scaled = _array(check, "X_test_scaled")
    check.expect(
        check.close(train_scaled, reference.transform(X_train)),
        "`X_train_scaled` is not `X_train` transformed by `scaler`. Use "
        "`scaler.transform(X_train)`.",
    )
    if check.close(test_scaled, X_test.to_numpy()):
        check.fail(
            "`X_test_scaled` is `X_test` unchanged: it was not scaled. Transform it with the "
            "scaler fitted on the training rows: `scaler.transform(X_test)`."
        )
    if check.close(test_scaled, StandardScaler().fit_transform(X_test)):
        check.fail(
            "`X_test_scaled` was scaled with its own means and standard deviations, from a "
            "scaler fit on the test rows.",
            reason="The test rows must be transformed with what was learned from the "
            "training rows: `scaler.transform(X_test)`, never `fit_transform(X_test)`.",
        )
    check.expect(
        check.close(test_scaled, reference.transform(X_test)),
        "`X_test_scaled` is not `X_test` transformed by `scaler`. Use `scaler.transform(X_test)`.",
    )


# ------------------------------------------------------------------ exercise 6 ---


@lesson.exercise(
    hints=[
        "`make_pipeline(StandardScaler(), KNeighborsClassifier())` builds the pipeline; "
        "`.fit(X_train, y_train)` fits both steps on the training rows.",
        "Give the pipeline the raw `X_train`: it scales by itself.",
        "`knn_test_score = knn_model.score(X_test, y_test)`",
    ],
    wrong=[
        Wrong(
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X, y)\n"
            "knn_test_score = knn_model.score(X_test, y_test)",
            message="fit on all the rows",
        ),
        Wrong(
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())"
            ".fit(X_train, y_train)\n"
            "knn_test_score = knn_model.score(X_train, y_train)",
            message="training rows",
        ),
        Wrong(
            "knn_model = make_pipeline(KNeighborsClassifier()).fit(X_train, y_train)\n"
            "knn_test_score = knn_model.score(X_test, y_test)",
            message="no `StandardScaler`",
        ),
        Wrong(
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())"
            ".fit(X_train_scaled, y_train)\n"
            "knn_test_score = knn_model.score(X_test_scaled, y_test)",
            message="already-scaled",
        ),
        Wrong(
            "knn_model = KNeighborsClassifier().fit(X_train_scaled, y_train)\n"
            "knn_test_score = knn_model.score(X_test_scaled, y_test)",
            message="should be a pipeline",
        ),
        Wrong(
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())"
            ".fit(X_test, y_test)\n"
            "knn_test_score = knn_model.score(X_test, y_test)",
            message="fit on the test rows",
        ),
        Wrong(
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())"
            ".fit(X_train, y_train)\n"
            "knn_test_score = knn_model.score(X_test, y_test) * 100",
            message="looks like a percentage",
        ),
    ],
    success="One object now holds the scaler and the classifier, and fitting it can only "
    "learn from the rows you give it.",
)
def knn_pipeline(check: Check) -> None:
    """Fit a scaler + k-nearest-neighbours pipeline on the training rows; score the test rows."""
    import numpy as np
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    X, _ = _data()
    X_train, X_test, y_train, y_test = _split()
    model = check.fitted("knn_model", Pipeline, what="a pipeline, made with `make_pipeline(...)`")
    score = check.get("knn_test_score", numbers.Real, what="a number between 0 and 1")
    steps = [step for _, step in model.steps]
    check.expect(
        isinstance(steps[-1], KNeighborsClassifier),
        "The last step of `knn_model` should be a `KNeighborsClassifier()`.",
    )
    scalers = [step for step in steps[:-1] if isinstance(step, StandardScaler)]
    check.expect(
        bool(scalers),
        "`knn_model` has no `StandardScaler` step, so its distances are still dominated by "
        "the features with big numbers. Put `StandardScaler()` before the classifier.",
    )
    scaler = scalers[0]
    seen = int(getattr(scaler, "n_samples_seen_", -1))
    _not_on_test_rows(check, "knn_model", seen, len(X_test))
    if seen == len(X):
        check.fail(
            "`knn_model` was fit on all the rows, test rows included. Fit it on "
            "`X_train, y_train`.",
            reason=_ALL_ROWS,
        )
    check.expect(
        seen == len(X_train),
        f"`knn_model` was fit on {seen} rows, not on the {len(X_train)} training rows. "
        "Fit it with `.fit(X_train, y_train)`.",
    )
    if check.close(np.abs(scaler.mean_).max(), 0.0, atol=1e-6):
        check.fail(
            "`knn_model` was fit on already-scaled rows (`X_train_scaled`). The pipeline "
            "scales by itself: fit it on the raw `X_train`, and score it on the raw `X_test`."
        )
    check.expect(
        check.close(scaler.mean_, X_train.mean().to_numpy()),
        "The scaler inside `knn_model` did not learn from `X_train`. Fit the pipeline on "
        "`X_train, y_train`.",
    )
    on_test = _score(check, model, X_test, y_test)
    on_train = _score(check, model, X_train, y_train)
    if check.close(score, on_train) and not check.close(score, on_test):
        check.fail("`knn_test_score` is the accuracy on the training rows.", reason=_TRAINING_ROWS)
    if check.close(score / 100, on_test):
        check.fail(
            "`knn_test_score` looks like a percentage: keep the share between 0 and 1 that "
            "`.score` returns."
        )
    check.expect(
        check.close(score, on_test),
        f"`knn_test_score` is {score!r}, which is not the accuracy of `knn_model` on the "
        "test rows. Use `knn_model.score(X_test, y_test)`.",
    )

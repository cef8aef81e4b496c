"""Lesson 1, "Get your feet wet": classify handwritten digits with scikit-learn."""

from __future__ import annotations

import functools
import numbers
import os
from pathlib import Path
from typing import Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

lesson = Lesson(
    id="01-get-your-feet-wet",
    title="Get your feet wet",
    minutes=25,
    summary="Teach a computer to read handwritten digits: split, fit, predict, score, save.",
)


@functools.cache
def _digits() -> tuple[Any, Any]:
    """The reference features and labels, loaded here, never taken from the notebook."""
    from sklearn.datasets import load_digits

    data = load_digits()
    data.data.setflags(write=False)
    data.target.setflags(write=False)
    return data.data, data.target


def _array(check: Check, name: str) -> Any:
    import numpy as np
    import pandas as pd

    value = check.get(name, (np.ndarray, pd.DataFrame, pd.Series, list), what="an array or table")
    return np.asarray(value)


@lesson.exercise(
    hints=[
        "Look at the shapes printed above: which one has one row per image and 64 columns?",
        "`digits.data` is the table of pixels; `digits.target` holds the labels.",
    ],
    wrong=[
        Wrong("X = digits.images\ny = digits.target", message="`X` has 3 dimensions"),
        Wrong("X = digits.target\ny = digits.data", message="`X` holds the labels"),
        Wrong("X = digits.data\ny = digits.data[:, 0]", message="`y` is not the labels"),
        Wrong("X = digits\ny = digits.target", message="the whole data set object"),
        Wrong("X = digits.data\ny = digits.target_names", message="the names of the 10 classes"),
        Wrong("X = digits.data[:100]\ny = digits.target[:100]", message="only 100 of the"),
    ],
)
def features_and_labels(check: Check) -> None:
    """Set `X` to the table of features and `y` to the labels."""
    import numpy as np

    features, labels = _digits()
    if type(check.get("X")).__name__ == "Bunch":
        check.fail(
            "`X` is the whole data set object that `load_digits()` returns (a Bunch, with "
            "the pixels, the labels and more). Take the table of pixels from it: `digits.data`."
        )
    X = _array(check, "X")
    if X.ndim == 3:
        check.fail(
            "`X` has 3 dimensions: each image is still an 8 by 8 grid. scikit-learn wants a "
            "table with one row per image; `digits.data` has the same pixels, one row each."
        )
    if X.ndim == 1 and X.shape == labels.shape:
        check.fail("`X` holds the labels. `X` is the features (the pixels); `y` the labels.")
    if X.ndim == 2 and X.shape[1] == features.shape[1] and len(X) < len(features):
        check.fail(
            f"`X` holds only {len(X)} of the {len(features)} images. Keep them all: `digits.data`."
        )
    check.expect(
        X.shape == features.shape and np.array_equal(X, features),
        f"`X` has shape {X.shape}, and it is not the table of pixels of the digits.",
    )
    y = _array(check, "y")
    if y.shape == (10,) and len(labels) != 10:
        check.fail(
            "`y` holds the names of the 10 classes (`target_names`), not one label per image: "
            "use `digits.target`."
        )
    check.expect(
        y.shape == labels.shape and np.array_equal(y, labels),
        f"`y` is not the labels (the digit each image shows); it has shape {y.shape}.",
    )


@lesson.exercise(
    hints=[
        "`train_test_split(X, y, ...)` returns four things; unpack them in one line.",
        "The order is always: X_train, X_test, y_train, y_test.",
        "`train_test_split(X, y, test_size=0.25, random_state=0)`",
    ],
    wrong=[
        Wrong(
            "X_train, y_train, X_test, y_test = train_test_split(X, y, test_size=0.25)",
            message="in that order",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5)",
            message="holds 50% of the images",
        ),
        Wrong(
            "X_train, X_test = train_test_split(X, test_size=0.25, random_state=0)\n"
            "y_train, y_test = train_test_split(y, test_size=0.25, random_state=1)",
            message="no longer line up",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = X[:1347], X[1347:], y[:1347], y[1347:]",
            message="original order",
        ),
        *recipes.split_order_wrongs("X, y", test_size=0.25, extra=", random_state=0"),
    ],
)
def split_data(check: Check) -> None:
    """Split `X` and `y` into `X_train`, `X_test`, `y_train`, `y_test`, a quarter for the test."""
    features, labels = _digits()
    recipes.split(check, features, labels, test_size=0.25, rows="images", labels="labels")


@lesson.exercise(
    hints=[
        "Create the model with `KNeighborsClassifier(n_neighbors=5)`, then call its `fit`.",
        "`fit` takes the training features and the training labels.",
        "`model = KNeighborsClassifier(n_neighbors=5)` then `model.fit(X_train, y_train)`",
    ],
    wrong=[
        Wrong("model = KNeighborsClassifier(n_neighbors=5)", message="has not been fitted"),
        Wrong(
            "model = KNeighborsClassifier(n_neighbors=5).fit(X, y)",
            message="test images included",
        ),
        Wrong(
            "model = KNeighborsClassifier(n_neighbors=5).fit(X_test, y_test)",
            message="on the test rows",
        ),
        Wrong(
            "model = KNeighborsClassifier(n_neighbors=3).fit(X_train, y_train)",
            message="`n_neighbors=3`",
        ),
        Wrong("model = KNeighborsClassifier", message="the class KNeighborsClassifier itself"),
    ],
)
def fit_model(check: Check) -> None:
    """Set `model` to a `KNeighborsClassifier` with 5 neighbours, fitted on the training set."""
    from sklearn.neighbors import KNeighborsClassifier

    model = check.fitted("model", KNeighborsClassifier, what="a KNeighborsClassifier")
    k = model.get_params()["n_neighbors"]
    check.expect(k == 5, f"`model` uses `n_neighbors={k}`; the task asks for 5 neighbours.")
    seen = int(model.n_samples_fit_)
    if seen == len(_digits()[0]):
        check.fail(
            f"`model` was fitted on all {seen} images, test images included.",
            reason="The test images must stay unseen until the end; a model that has seen "
            "them looks better than it will be on new images. Fit on `X_train`, `y_train`.",
        )
    if check.has("X_test") and seen == len(check.namespace["X_test"]):
        check.fail("`model` was fitted on the test rows; fit it on `X_train`, `y_train`.")
    if check.has("X_train"):
        n_train = len(check.namespace["X_train"])
        check.expect(
            seen == n_train,
            f"`model` was fitted on {seen} rows, but `X_train` has {n_train}.",
        )


@lesson.exercise(
    hints=[
        "`model.predict` takes a table: `X_test[:1]` is a table holding the first test image.",
        "`model.predict(X_test[:1])` returns an array with one prediction; take it with `[0]`.",
    ],
    wrong=[
        Wrong(
            "prediction = model.predict(X_test[0])",
            outcome="raised",
            message="Expected 2D array",
        ),
        Wrong("prediction = model.predict(X_test[:1])", message="with `[0]`"),
        Wrong("prediction = model.predict(X_test)", message="holds 450 predictions"),
        Wrong("prediction = 'seven'", message="a single digit"),
        Wrong("prediction = y_test[0]", message="the true label"),
        Wrong("prediction = model.predict(X_train[:1])[0]", message="a training image"),
        Wrong("prediction = model.predict", message="the method `predict` itself"),
    ],
)
def predict_one(check: Check) -> str:
    """Set `prediction` to the model's answer for the first test image."""
    import numpy as np

    value = check.get("prediction")
    code = check.code_for("prediction") or ""
    if ".predict(" not in code and "y_test" in code:
        check.fail(
            "`prediction` is the true label of the first test image, taken from `y_test`. "
            "The exercise asks for the model's answer: `model.predict(...)`.",
        )
    if "X_train" in code:
        check.fail(
            "`prediction` is the model's answer for a training image (`X_train`). Predict "
            "the first test image, `X_test[:1]`.",
        )
    if isinstance(value, (np.ndarray, list, tuple)):
        size = np.size(value)
        if size == 1:
            check.fail(
                "`prediction` is an array holding one prediction; take the number out of it "
                "with `[0]`."
            )
        check.fail(f"`prediction` holds {size} predictions; predict only the first test image.")
    check.expect(
        isinstance(value, numbers.Integral), "`prediction` should be a single digit, like 3."
    )
    model = check.fitted("model")
    X_test = _array(check, "X_test")
    expected = check.call(model.predict, X_test[:1])[0]
    check.expect(
        value == expected,
        f"`prediction` is {value}, but that is not what `model` predicts for the first "
        "test image (`X_test[:1]`).",
    )
    return f"The model reads the first test image as a {value}."


@lesson.exercise(
    hints=[
        "A classifier's `score(X, y)` predicts the rows `X` and compares with the labels `y`.",
        "Which rows has the model never seen?",
        "`accuracy = model.score(X_test, y_test)`",
    ],
    wrong=[
        *recipes.scored_on_test_wrongs("accuracy"),
        Wrong("accuracy = model.predict(X_test) == y_test", message="its mean"),
        Wrong("accuracy = model.score(X, y)", message="on every row"),
        Wrong(
            "accuracy = model.score(X_test, y_train)",
            outcome="raised",
            message="inconsistent numbers of samples",
        ),
    ],
)
def score_model(check: Check) -> str:
    """Set `accuracy` to the model's accuracy on the test set."""
    model = check.fitted("model")
    X_train, X_test = _array(check, "X_train"), _array(check, "X_test")
    y_train, y_test = _array(check, "y_train"), _array(check, "y_test")
    X, y = _digits()
    value = recipes.scored_on_test(
        check, "accuracy", model, X_test, y_test, train=(X_train, y_train), every=(X, y)
    )
    return f"Your model reads {value:.1%} of the test images correctly."


@lesson.exercise(
    hints=[
        "`sio.dump(model, file_name)` writes the model to a file.",
        'Set `model_file = "digits-model.skops"` first, then `sio.dump(model, model_file)`.',
    ],
    wrong=[
        Wrong('model_file = "my-digits-model.skops"', message="There is no file"),
        # Named but never saved: graded alone, no other answer's file can make it pass.
        Wrong('model_file = "digits-model.skops"', message="There is no file"),
        Wrong(
            'import pickle\nmodel_file = "digits-model.skops"\n'
            'with open(model_file, "wb") as f:\n    pickle.dump(model, f)',
            message="a pickle file",
        ),
        Wrong(
            'model_file = "untrained.skops"\nsio.dump(KNeighborsClassifier(), model_file)',
            message="not fitted",
        ),
    ],
)
def save_model(check: Check) -> None:
    """Save `model` with skops to `digits-model.skops` and set `model_file` to its name."""
    import numpy as np
    import skops.io as sio

    name = check.get("model_file", (str, os.PathLike), what="the file's name, as a string")
    path = Path(name)
    check.expect(
        path.is_file(),
        f"There is no file {str(name)!r} in the notebook's folder: save the model with "
        "`sio.dump(model, model_file)`.",
    )
    with path.open("rb") as handle:
        start = handle.read(2)
    if start[:1] == b"\x80":
        check.fail(
            f"`model_file` ({str(name)!r}) is a pickle file, not a skops file.",
            reason="Loading a pickle can run any code hidden in it; skops checks what a file "
            "holds before loading it. Use `sio.dump(model, model_file)`.",
        )
    try:
        loaded = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    except Exception as exc:
        check.fail(f"`model_file` ({str(name)!r}) cannot be read as a skops file ({exc}).")
    model = check.fitted("model")
    X_test = _array(check, "X_test")
    try:
        from_file = loaded.predict(X_test)
    except Exception:
        check.fail(
            f"The model saved in {str(name)!r} is not fitted (or not a model): save `model` "
            "itself, after fitting it."
        )
    check.expect(
        np.array_equal(from_file, check.call(model.predict, X_test)),
        f"The model saved in {str(name)!r} does not predict like `model`: save `model` itself.",
    )

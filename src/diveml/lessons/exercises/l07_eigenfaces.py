"""Lesson 7, eigenfaces: PCA on images, an SVM tuned by grid search, the confusion matrix.

The data is scikit-image's subset of Labeled Faces in the Wild (catalog entry
``lfw_faces``): 100 faces then 100 non-faces, 25 x 25 pixels each. Checks recompute every
reference from the learner's own split (any honest split is accepted, so later numbers
follow it), after exercise 1 has checked that split against the data loaded here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="07-eigenfaces",
    title="Eigenfaces",
    minutes=30,
    summary=(
        "Faces as rows of pixels: PCA's eigenfaces fitted on the training images, an SVM "
        "tuned by grid search inside a pipeline, the confusion matrix and the mistakes."
    ),
)

TARGET = "is_face"
PIXELS = 625
TEST_SHARE = (0.2, 0.3)  # a quarter is asked; a fifth to 30% is an honest choice too
SHARE = 0.9

LEAK_PCA = (
    "The test images helped decide what the components are, so the test images are no "
    "longer new to the model that uses them. Fit the PCA on `X_train` only."
)
LEAK_FOLDS = (
    "A PCA fitted once on all the training images has seen every validation fold of the "
    "grid search, so each fold is scored with components it helped shape: the scores are "
    "a little optimistic. This is what the original notebook does; inside a pipeline, each "
    "fold fits its own PCA on its own training part."
)


@functools.cache
def _faces_cached() -> pd.DataFrame:
    from diveml.data import load_dataset

    return load_dataset("lfw_faces")


@functools.cache
def _label_of_image() -> dict[bytes, str]:
    """Each image's label, keyed by its pixels: checks a split whatever its row order."""
    import numpy as np

    faces = _faces_cached()
    pixels = faces.drop(columns=TARGET).to_numpy(dtype=float)
    return {
        np.ascontiguousarray(row).tobytes(): str(label)
        for row, label in zip(pixels, faces[TARGET], strict=True)
    }


def _matrix(check: Check, name: str) -> np.ndarray:
    """The learner's images as a float matrix, or a clear failure."""
    import numpy as np

    value = check.get(name)
    try:
        matrix = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(
            f"`{name}` should hold images, one row of {PIXELS} pixel values each; it holds "
            "values that are not numbers (is the `is_face` column still in it?)."
        )
    check.expect(
        matrix.ndim == 2,
        f"`{name}` should be a table of images (rows by pixels); it has {matrix.ndim} "
        "dimension(s).",
    )
    return matrix


def _labels(check: Check, name: str) -> np.ndarray:
    import numpy as np

    value = check.get(name)
    labels = np.asarray(value, dtype=object)
    if labels.ndim == 2 and labels.shape[1] > 1:
        check.fail(
            f"`{name}` holds a table, not one label per image. `train_test_split(X, y)` "
            "returns four parts in this order: `X_train, X_test, y_train, y_test`.",
            reason="Swapping the names on the left gives each part the wrong meaning.",
        )
    return labels.ravel()


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        '`X` is the table without its `is_face` column: `faces.drop(columns="is_face")`; '
        '`y` is that column alone: `faces["is_face"]`.',
        "`train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)` returns "
        "four parts, in the order `X_train, X_test, y_train, y_test`.",
    ],
    wrong=[
        Wrong(
            'X = faces\ny = faces["is_face"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="the answer among the features",
        ),
        Wrong(
            'X = faces.drop(columns="is_face")\ny = faces["is_face"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, shuffle=False)",
            message="only `non-face` images",
        ),
        Wrong(
            'X = faces.drop(columns="is_face")\ny = faces["is_face"]\n'
            "X_train, y_train, X_test, y_test = train_test_split(\n"
            "    X, y, test_size=0.25, stratify=y, random_state=0)",
            message="in this order: `X_train, X_test, y_train, y_test`",
        ),
        # The shared recipe's wrong answers: swapped parts, train_size, a count for a share.
        *(
            Wrong(
                'X = faces.drop(columns="is_face")\ny = faces["is_face"]\n' + w.code,
                message=w.message,
            )
            for w in recipes.split_order_wrongs(extra=", stratify=y, random_state=0")
        ),
    ],
)
def split_images(check: Check) -> str:
    """Split the pixels `X` and labels `y` into training and test images (a quarter)."""
    import numpy as np

    for name in ("X", "y", "X_train", "X_test", "y_train", "y_test"):
        check.get(name)
    X = check.get("X")
    columns = [str(c) for c in getattr(X, "columns", [])]
    if TARGET in columns or np.shape(X)[-1:] == (PIXELS + 1,):
        check.fail(
            "`X` still has the `is_face` column: the answer among the features. A model "
            "would read the label instead of the pixels. Drop it: "
            '`faces.drop(columns="is_face")`.',
            reason="Whatever is in `X` is what the model may use to decide.",
        )
    names = ("X_train", "X_test", "y_train", "y_test")
    recipes.split_order(
        check, {n: check.get(n) for n in names}, n_rows=len(_faces_cached()), rows="images"
    )
    y_train, y_test = _labels(check, "y_train"), _labels(check, "y_test")
    X_train, X_test = _matrix(check, "X_train"), _matrix(check, "X_test")
    full = _matrix(check, "X")
    check.expect(
        full.shape == (len(_faces_cached()), PIXELS),
        f"`X` has shape {full.shape}; it should hold every image, one row of {PIXELS} pixels each.",
    )
    check.expect(
        X_train.shape[1] == PIXELS and X_test.shape[1] == PIXELS,
        f"`X_train` and `X_test` should have {PIXELS} columns, one per pixel; they have "
        f"{X_train.shape[1]} and {X_test.shape[1]}.",
    )
    total = len(X_train) + len(X_test)
    check.expect(
        total == len(full) and len(y_train) == len(X_train) and len(y_test) == len(X_test),
        f"`X_train` and `X_test` hold {len(X_train)} + {len(X_test)} images, with "
        f"{len(y_train)} + {len(y_test)} labels; together they should be the {len(full)} "
        "images of `X`, each with its label.",
    )
    share = len(X_test) / total
    if not TEST_SHARE[0] <= share <= TEST_SHARE[1]:
        check.fail(
            f"`X_test` holds {len(X_test)} of the {total} images ({share:.0%}). "
            "`test_size` is the share kept for testing: `test_size=0.25` keeps a quarter "
            "for testing and the rest for training."
        )
    labels = _label_of_image()
    for part, images, given in (("train", X_train, y_train), ("test", X_test, y_test)):
        truth = [labels.get(np.ascontiguousarray(row).tobytes()) for row in images]
        check.expect(
            None not in truth,
            f"Some rows of `X_{part}` are not images of the data as loaded. Run the cells "
            "from `faces = load_dataset(...)` down again.",
        )
        check.expect(
            [str(v) for v in given] == truth,
            f"The labels in `y_{part}` do not belong to the images in `X_{part}`: split `X` "
            "and `y` in one call, so that they are cut the same way.",
        )
    seen = {np.ascontiguousarray(row).tobytes() for row in X_train}
    check.expect(
        not any(np.ascontiguousarray(row).tobytes() in seen for row in X_test),
        "Some images are in both `X_train` and `X_test`; a test image must be new to the model.",
    )
    kinds = sorted(set(map(str, y_test)))
    if len(kinds) < 2:
        check.fail(
            f"`y_test` holds only `{kinds[0]}` images. The table is sorted (faces first), so "
            "a split that does not shuffle puts the last rows, all of one kind, in the test "
            "set: pass `stratify=y` and `random_state=0` and let it shuffle.",
            reason="A test set with one kind of image cannot tell you how the model does on "
            "the other.",
        )
    face_share = float(np.mean(np.asarray(y_test, dtype=str) == "face"))
    check.expect(
        0.3 <= face_share <= 0.7,
        f"Only {face_share:.0%} of `y_test` are faces: pass `stratify=y` so that both kinds "
        "keep their share of the test set.",
    )
    return (
        f"{len(X_train)} training images and {len(X_test)} test images, "
        f"{face_share:.0%} of them faces."
    )


# --------------------------------------------------------------------------- exercise 2


@functools.cache
def _reference_pca(key: bytes, rows: int) -> Any:
    """PCA(random_state=0) of the training images; cached on their bytes."""
    import numpy as np
    from sklearn.decomposition import PCA

    images = np.frombuffer(key, dtype=float).reshape(rows, PIXELS)
    return PCA(random_state=0).fit(images)


def _pca_of(images: np.ndarray) -> Any:
    import numpy as np

    data = np.ascontiguousarray(images, dtype=float)
    return _reference_pca(data.tobytes(), len(data))


@lesson.exercise(
    hints=[
        "Make it and fit it in one line: `PCA(random_state=0).fit(...)`, with the images "
        "the model may learn from.",
        "`pca = PCA(random_state=0).fit(X_train)`",
    ],
    wrong=[
        Wrong("pca = PCA(random_state=0).fit(X)", message="every image, test images included"),
        Wrong("pca = PCA(random_state=0).fit(X_test)", message="fitted on the test images"),
        Wrong(
            "pca = PCA(n_components=2, random_state=0).fit(X_train)",
            message="keeps 2 components",
        ),
        Wrong("pca = PCA(random_state=0)", message="has not been fitted yet"),
    ],
)
def fit_pca(check: Check) -> str:
    """Set `pca` to a `PCA(random_state=0)` fitted on the training images."""
    import numpy as np
    from sklearn.decomposition import PCA

    pca = check.fitted("pca", PCA, what="a PCA from sklearn.decomposition")
    X_train = _matrix(check, "X_train")
    check.expect(
        getattr(pca, "n_features_in_", None) == X_train.shape[1],
        f"`pca` was fitted on rows of {getattr(pca, 'n_features_in_', '?')} values, but the "
        f"images have {X_train.shape[1]} pixels. Fit it on `X_train`.",
    )
    mean = np.asarray(pca.mean_, dtype=float)
    if not check.close(mean, X_train.mean(axis=0), rtol=1e-6, atol=1e-9):
        if check.has("X") and check.close(mean, _matrix(check, "X").mean(axis=0)):
            check.fail("`pca` was fitted on every image, test images included.", reason=LEAK_PCA)
        if check.has("X_test") and check.close(mean, _matrix(check, "X_test").mean(axis=0)):
            check.fail("`pca` was fitted on the test images.", reason=LEAK_PCA)
        check.fail("`pca` was not fitted on `X_train`: fit it on the training images.")
    every = min(X_train.shape)
    check.expect(
        pca.n_components_ == every,
        f"`pca` keeps {pca.n_components_} components; leave out `n_components` so that it "
        f"keeps all {every}, and you can see how much each one explains.",
    )
    reference = _pca_of(X_train)
    check.expect(
        check.close(pca.explained_variance_ratio_, reference.explained_variance_ratio_, rtol=1e-4),
        "`pca` does not find the same components as `PCA(random_state=0)` fitted on "
        "`X_train`. Use the plain `PCA(random_state=0)` (no whitening or other options).",
    )
    first = float(pca.explained_variance_ratio_[0])
    return f"The first component alone explains {first:.1%} of the variance of the images."


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        "`np.cumsum(pca.explained_variance_ratio_)` gives, at position k, the share explained "
        "by the first k + 1 components together.",
        "`np.argmax(running >= 0.9)` is the *position* of the first running total of at "
        "least 0.9. Positions count from 0; how many components is that?",
    ],
    wrong=[
        Wrong(
            "running = np.cumsum(pca.explained_variance_ratio_)\n"
            "n_90 = int(np.argmax(running >= 0.9))",
            message="count from 0",
        ),
        Wrong(
            "n_90 = int(np.sum(pca.explained_variance_ratio_ >= 0.9))",
            message="No single component explains 90%",
        ),
        Wrong(
            "running = np.cumsum(pca.explained_variance_)\n"
            "n_90 = int(np.argmax(running >= 0.9) + 1)",
            message="`explained_variance_` is in units of brightness squared",
        ),
    ],
)
def components_for_90(check: Check) -> str:
    """Set `n_90` to the fewest components that explain at least 90% of the variance."""
    import numbers

    import numpy as np

    value = check.get("n_90", (numbers.Real, np.number), what="a whole number")
    check.expect(
        not isinstance(value, (bool, np.bool_)) and float(value) == int(value),
        f"`n_90` is {value!r}; it should be a whole number of components.",
    )
    count = int(value)
    X_train = _matrix(check, "X_train")
    reference = _pca_of(X_train)
    running = np.cumsum(reference.explained_variance_ratio_)
    expected = int(np.argmax(running >= SHARE) + 1)
    if count == expected:
        return (
            f"{count} components out of {PIXELS} pixels explain "
            f"{running[count - 1]:.1%} of the variance."
        )
    if count == 0:
        check.fail(
            "`n_90` is 0. No single component explains 90% of the variance, so counting "
            "the components that each do gives 0: add their shares up with `np.cumsum` and "
            "find where the running total reaches 0.9."
        )
    if count == 1 and running[-1] < 90:
        check.fail(
            "`n_90` is 1: `np.argmax` found nothing True and returned position 0. The running "
            "total never reached what you compared it with. The shares in "
            "`explained_variance_ratio_` add up to 1, so 90% is 0.9, not 90 (and "
            "`explained_variance_` is in units of brightness squared, not a share at all)."
        )
    if count == len(running):
        check.fail(
            f"`n_90` is {count}: every component the PCA kept. Together they explain all the "
            "variance; the question is how few of the first ones reach 90%."
        )
    raw = np.cumsum(reference.explained_variance_)
    if count == int(np.argmax(raw >= SHARE) + 1):
        check.fail(
            f"`n_90` is {count}. `explained_variance_` is in units of brightness squared, "
            "not a share of the total: use `explained_variance_ratio_`, whose values add up "
            "to 1."
        )
    if count == expected - 1:
        check.fail(
            f"`n_90` is {count}, one short. `np.argmax` returns a position, and positions "
            "count from 0: the component at position k is the (k + 1)-th one.",
            reason="Position 0 is the first component, so the count is the position plus one.",
        )
    check.fail(
        f"`n_90` is {count}. Find the first place where "
        "`np.cumsum(pca.explained_variance_ratio_)` reaches 0.9, and count the components "
        "up to and including it."
    )


# --------------------------------------------------------------------------- exercise 4


def _steps(model: Any) -> list[Any]:
    from sklearn.pipeline import Pipeline

    return [step for _, step in model.steps] if isinstance(model, Pipeline) else [model]


@lesson.exercise(
    hints=[
        "Build the pipeline with `make_pipeline(PCA(...), SVC(...))`, give it to "
        "`GridSearchCV(pipeline, param_grid={...}, cv=5)`, then call `.fit(X_train, y_train)`.",
        "Parameter names in the grid start with the step's name and two underscores: "
        '`"svc__C"`, `"svc__gamma"`.',
        "Fit it on the training images only: the test images wait for exercise 5.",
    ],
    wrong=[
        Wrong(
            "X_train_pca = PCA(n_components=20, whiten=True, random_state=0).fit_transform("
            "X_train)\n"
            'search = GridSearchCV(SVC(class_weight="balanced"),\n'
            '    param_grid={"C": [1, 10, 100], "gamma": [0.001, 0.01, 0.1]}, cv=5)\n'
            "search.fit(X_train_pca, y_train)",
            message="on images already projected",
        ),
        Wrong(
            "search = GridSearchCV(\n"
            "    make_pipeline(PCA(n_components=20, whiten=True, random_state=0),\n"
            '                  SVC(class_weight="balanced")),\n'
            '    param_grid={"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1]}, cv=5)\n'
            "search.fit(X, y)",
            message="test images included",
        ),
        Wrong(
            "search = GridSearchCV(\n"
            "    make_pipeline(PCA(n_components=20, whiten=True, random_state=0),\n"
            '                  SVC(class_weight="balanced")),\n'
            '    param_grid={"svc__C": [10], "svc__gamma": [0.01]}, cv=5)\n'
            "search.fit(X_train, y_train)",
            message="nothing to choose from",
        ),
        Wrong(
            "search = GridSearchCV(\n"
            "    make_pipeline(PCA(n_components=20, whiten=True, random_state=0),\n"
            '                  SVC(class_weight="balanced")),\n'
            '    param_grid={"C": [1, 10, 100], "gamma": [0.001, 0.01, 0.1]}, cv=5)\n'
            "search.fit(X_train, y_train)",
            outcome="raised",
            message="Invalid parameter 'C'",
        ),
        Wrong(
            "search = GridSearchCV(\n"
            "    make_pipeline(PCA(n_components=20, whiten=True, random_state=0),\n"
            '                  SVC(class_weight="balanced")),\n'
            '    param_grid={"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1]}, cv=5)',
            message="has not been fitted yet",
        ),
    ],
)
def tune_model(check: Check) -> str:
    """Grid-search a PCA + SVC pipeline on the training images: `search`, fitted."""
    import numpy as np
    from sklearn.base import is_classifier
    from sklearn.decomposition import PCA
    from sklearn.model_selection._search import BaseSearchCV

    search = check.fitted("search", BaseSearchCV, what="a GridSearchCV")
    X_train = _matrix(check, "X_train")
    steps = _steps(search.estimator)
    if not any(isinstance(step, PCA) for step in steps):
        if getattr(search, "n_features_in_", PIXELS) < PIXELS:
            check.fail(
                "`search` tunes an SVC alone, on images already projected by a PCA fitted "
                "on all the training images. Put the PCA in the pipeline: "
                "`GridSearchCV(make_pipeline(PCA(...), SVC(...)), ...)`.",
                reason=LEAK_FOLDS,
            )
        check.fail(
            "`search` has no PCA step: the SVM sees the raw pixels. Search over "
            "`make_pipeline(PCA(n_components=20, whiten=True, random_state=0), SVC(...))`."
        )
    check.expect(
        is_classifier(steps[-1]),
        f"The last step of the pipeline is a {type(steps[-1]).__name__}; it should be the "
        "classifier, `SVC(...)`.",
    )
    candidates = len(search.cv_results_["params"])
    check.expect(
        candidates >= 2,
        "`search` tried only one combination of settings, so it had nothing to choose from. "
        'Give each setting a list of several values: `{"svc__C": [1, 10, 100], ...}`.',
    )
    check.expect(
        getattr(search, "n_splits_", 0) >= 3,
        f"`search` used {getattr(search, 'n_splits_', 0)} folds; use `cv=5`.",
    )
    check.expect(
        hasattr(search, "best_estimator_"),
        "`search` has no best pipeline refitted on the training images: leave `refit` at "
        "its default, `True`.",
    )
    best_pca = next(step for step in _steps(search.best_estimator_) if isinstance(step, PCA))
    rows = int(best_pca.n_samples_)
    if rows != len(X_train) or not check.close(best_pca.mean_, X_train.mean(axis=0)):
        if check.has("X") and rows == len(_matrix(check, "X")):
            check.fail(
                f"`search` was fitted on {rows} images: every image, test images included. "
                "The grid search would then pick the settings that suit the test images too. "
                "Fit it on `X_train`, `y_train`.",
                reason="The test images must play no part in any choice, or their score "
                "stops being a fair look at new images.",
            )
        check.fail(
            f"`search` was fitted on {rows} images, not on the {len(X_train)} training "
            "images: fit it with `search.fit(X_train, y_train)`."
        )
    return (
        f"{candidates} combinations, each scored on {search.n_splits_} folds. Best: "
        f"{search.best_params_}, mean accuracy {float(np.max(search.best_score_)):.3f} on the "
        "validation folds."
    )


# --------------------------------------------------------------------------- exercise 5


def _search(check: Check) -> Any:
    from sklearn.model_selection._search import BaseSearchCV

    return check.fitted("search", BaseSearchCV, what="a fitted GridSearchCV (exercise 4)")


@lesson.exercise(
    hints=[
        "`search.predict(X_test)` gives one predicted label per test image.",
        "`confusion_matrix` takes the true labels first, then the predictions: "
        "`confusion_matrix(y_test, y_pred)`.",
    ],
    wrong=[
        Wrong(
            "y_pred = search.predict(X_test)\ncm = confusion_matrix(y_pred, y_test)",
            message="rows are the predictions",
        ),
        Wrong(
            "y_pred = search.predict(X_train)\ncm = confusion_matrix(y_train, y_pred)",
            message="training images",
        ),
        Wrong(
            'y_pred = search.predict(X_test)\ncm = confusion_matrix(y_test, y_pred, normalize="true")',
            message="shares, not counts",
        ),
    ],
)
def confusion(check: Check) -> str:
    """Predict the test images (`y_pred`) and count the outcomes in `cm`."""
    import numpy as np
    from sklearn.metrics import confusion_matrix

    predicted = np.asarray(check.get("y_pred"), dtype=object).ravel()
    cm = check.get("cm")
    search = _search(check)
    X_test = check.get("X_test")
    y_test = _labels(check, "y_test")
    if len(predicted) == len(_labels(check, "y_train")) != len(y_test):
        check.fail(
            f"`y_pred` has {len(predicted)} labels, one per *training* image. Predict the "
            "test images: `search.predict(X_test)`.",
            reason="The model has already seen the training images, so its answers on them "
            "say little about new images.",
        )
    expected = np.asarray(check.call(search.predict, X_test), dtype=object)
    check.expect(
        len(predicted) == len(expected) and [str(p) for p in predicted] == list(map(str, expected)),
        "`y_pred` is not what `search.predict(X_test)` gives. Predict the test images with "
        "your fitted `search`.",
    )
    matrix = np.asarray(cm, dtype=float) if not isinstance(cm, str) else np.array([])
    check.expect(
        matrix.shape == (2, 2),
        f"`cm` should be a 2 x 2 table of counts from `confusion_matrix`; it has shape "
        f"{matrix.shape}.",
    )
    reference = confusion_matrix(y_test, expected).astype(float)
    if check.close(matrix, reference):
        right = int(np.trace(reference))
        return f"{right} of the {len(y_test)} test images are on the diagonal: right."
    if check.close(matrix.sum(axis=1), np.ones(2)) or check.close(matrix.sum(), 1.0):
        check.fail(
            "`cm` holds shares, not counts: leave out `normalize=` so that each cell counts images."
        )
    if check.close(matrix, reference.T):
        check.fail(
            "In `cm` the rows are the predictions and the columns the truth: the "
            "arguments are swapped. Pass the true labels first: "
            "`confusion_matrix(y_test, y_pred)`.",
            reason="Each row of a confusion matrix is one true class; swapping the "
            "arguments swaps the two kinds of mistake.",
        )
    labels = sorted(set(map(str, y_test)))
    if check.close(matrix, reference[::-1, ::-1]):
        check.fail(
            f"`cm` lists the classes in the order {labels[::-1]}. The rest of the lesson reads "
            f"the cells in scikit-learn's own order, {labels} (sorted): leave out `labels=` "
            "or give them in that order."
        )
    check.fail(
        "`cm` is not the confusion matrix of `y_test` against `y_pred`: its counts "
        f"({matrix.astype(int).tolist()}) match no mix-up the check knows. Build it from the "
        "true test labels and the predictions, in that order."
    )


# --------------------------------------------------------------------------- exercise 6


@lesson.exercise(
    hints=[
        "Rows are the true kind (`face` first), columns the prediction (`face` first).",
        "A missed face is truly a face (row 0) but was called `non-face` (column 1).",
    ],
    wrong=[
        Wrong("faces_missed = int(cm[1, 0])", message="non-faces taken for faces"),
        Wrong("faces_missed = int(cm[0, 0])", message="faces the model found"),
        Wrong("faces_missed = int(cm[:, 1].sum())", message="every image called `non-face`"),
    ],
)
def faces_missed(check: Check) -> str:
    """Set `faces_missed` to the number of test faces the model called `non-face`."""
    import numbers

    import numpy as np

    value = check.get("faces_missed", (numbers.Real, np.number), what="a whole number")
    check.expect(
        not isinstance(value, (bool, np.bool_)) and float(value) == int(value),
        f"`faces_missed` is {value!r}; it should be a count of images.",
    )
    count = int(value)
    search = _search(check)
    y_test = np.asarray(_labels(check, "y_test"), dtype=str)
    predicted = np.asarray(check.call(search.predict, check.get("X_test")), dtype=str)
    truth_face, said_face = y_test == "face", predicted == "face"
    missed = int(np.sum(truth_face & ~said_face))
    if count == missed:
        return (
            f"{count} of the {int(truth_face.sum())} test faces were missed, and "
            f"{int(np.sum(~truth_face & said_face))} non-face image(s) were taken for faces."
        )
    if count == int(np.sum(~truth_face & said_face)):
        check.fail(
            f"`faces_missed` is {count}: that cell counts non-faces taken for faces. In "
            "`cm`, the row is the truth and the column the prediction: a missed face is in "
            "the `face` row, `non-face` column.",
            reason="Reading a confusion matrix by columns first swaps the two kinds of mistake.",
        )
    if count == int(np.sum(truth_face & said_face)):
        check.fail(
            f"`faces_missed` is {count}: the faces the model found (the diagonal). A missed "
            "face is off the diagonal."
        )
    if count == int(np.sum(~said_face)):
        check.fail(
            f"`faces_missed` is {count}: every image called `non-face`, real non-faces "
            "included. Count only the true faces among them: one cell, not a column."
        )
    if count == int(truth_face.sum()):
        check.fail(
            f"`faces_missed` is {count}: every face in the test set, the whole `face` row, "
            "found and missed together. Only one cell of that row holds the missed ones."
        )
    if count == int(np.sum(~truth_face & ~said_face)):
        check.fail(
            f"`faces_missed` is {count}: the non-faces rightly called `non-face` (the other "
            "cell of the diagonal). A missed face is a true face called `non-face`."
        )
    check.fail(
        f"`faces_missed` is {count}. Take the one cell of `cm` whose row is `face` (the "
        "truth) and whose column is `non-face` (the prediction)."
    )

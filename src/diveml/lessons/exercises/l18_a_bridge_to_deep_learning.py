"""Lesson 18, a bridge to deep learning: scikit-learn's MLP on the digits, taken apart.

The digits (``load_digits``, grey levels divided by 16) are split as in lesson 1. The
references are refitted here with the lesson's settings; the forward-pass check uses the
learner's own network, so it judges their arithmetic, not their earlier answers.
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING, Any, NoReturn

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes
from diveml.lessons.exercises._scores import expect_params

if TYPE_CHECKING:
    import numpy as np

lesson = Lesson(
    id="18-a-bridge-to-deep-learning",
    title="A bridge to deep learning",
    minutes=30,
    summary=(
        "A multi-layer perceptron on the digits against a linear model: hidden units, "
        "training curves, overfitting and its cures, and one forward pass done by hand."
    ),
    path_order=60,
)

EPOCHS = 60
ALPHAS = (0.0001, 0.01, 0.1, 1.0)


@functools.cache
def _data() -> tuple[Any, ...]:
    """X, y, then the lesson's split: X_train, X_test, y_train, y_test."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X, y = digits.data / 16, digits.target
    return (X, y, *train_test_split(X, y, test_size=0.25, random_state=0))


@functools.cache
def _fit_split() -> tuple[Any, ...]:
    from sklearn.model_selection import train_test_split

    _, _, X_train, _, y_train, _ = _data()
    return tuple(train_test_split(X_train, y_train, train_size=200, random_state=0))


def _quiet() -> Any:
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    context = warnings.catch_warnings()
    context.__enter__()
    warnings.simplefilter("ignore", ConvergenceWarning)
    return context


def _net(*, alpha: float, **settings: Any) -> Any:
    """The lesson's small network (exercises 4 to 6): 64 hidden units, batches of 20."""
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(64,),
        alpha=alpha,
        learning_rate_init=0.01,
        batch_size=20,
        random_state=0,
        **settings,
    )


@functools.cache
def _reference(kind: str, rows: str) -> Any:
    """The lesson's model ``kind`` (linear or mlp) fitted on ``rows`` (train, test, all)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    X, y, X_train, X_test, y_train, y_test = _data()
    parts = {"train": (X_train, y_train), "test": (X_test, y_test), "all": (X, y)}
    model = (
        LogisticRegression(max_iter=1000)
        if kind == "linear"
        else MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)
    )
    context = _quiet()
    try:
        return model.fit(*parts[rows])
    finally:
        context.__exit__(None, None, None)


def _fitted_rows(check: Check, name: str, kind: str, proba: Any) -> None:
    """End the check when ``proba`` (the learner's test probabilities) come from a model
    fitted on the test rows or on every row."""
    _, _, _, X_test, _, _ = _data()
    for rows, words in (("test", "the test rows"), ("all", "every row, test rows included")):
        if check.close(proba, _reference(kind, rows).predict_proba(X_test), rtol=1e-4, atol=1e-6):
            check.fail(
                f"`{name}` was fitted on {words}. Fit it on `X_train, y_train`.",
                reason=recipes.TEST_ROWS_FIT,
            )


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        "`LogisticRegression(max_iter=1000).fit(X_train, y_train)` fits it on the training rows.",
        "`.score(X_test, y_test)` is its accuracy on the test rows.",
    ],
    wrong=[
        Wrong(
            "linear = LogisticRegression(max_iter=1000).fit(X_test, y_test)\n"
            "linear_score = linear.score(X_test, y_test)",
            message="fitted on the test rows",
        ),
        Wrong(
            "linear = LogisticRegression(max_iter=1000).fit(X_train, y_train)\n"
            "linear_score = linear.score(X_train, y_train)",
            message="on the training rows",
        ),
        Wrong(
            "linear = LogisticRegression(max_iter=1000)\nlinear_score = 0.5",
            message="has not been fitted",
        ),
        Wrong(
            "linear = LogisticRegression(max_iter=1000).fit(X, y)\n"
            "linear_score = linear.score(X_test, y_test)",
            message="every row, test rows included",
        ),
        Wrong(
            "linear = LogisticRegression(max_iter=1000).fit(X_train, y_train)\n"
            "linear_score = linear.score(X_test, y_test) * 100",
            message="looks like a percentage",
        ),
    ],
)
def linear_model(check: Check) -> str:
    """Fit `linear`, a logistic regression, on the training rows; set `linear_score`."""
    from sklearn.linear_model import LogisticRegression

    X, y, X_train, X_test, y_train, y_test = _data()
    model = check.fitted("linear", LogisticRegression, what="a `LogisticRegression`")
    proba = check.call(model.predict_proba, X_test)
    expected = _reference("linear", "train").predict_proba(X_test)
    if not check.close(proba, expected, rtol=1e-4, atol=1e-6):
        _fitted_rows(check, "linear", "linear", proba)
        check.expect(
            model.max_iter == 1000,
            f"`linear` has `max_iter={model.max_iter!r}`; the task asks for "
            "`LogisticRegression(max_iter=1000)`, enough steps to finish fitting.",
        )
        expect_params(check, "linear", model, _reference("linear", "train"))
        check.fail(
            "`linear` is not a `LogisticRegression(max_iter=1000)` fitted on `X_train, y_train`."
        )
    score = recipes.scored_on_test(
        check,
        "linear_score",
        model,
        X_test,
        y_test,
        train=(X_train, y_train),
        every=(X, y),
        model_name="linear",
    )
    return f"The linear model reads {score:.1%} of the test digits right."


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "`MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)` makes it; "
        "`.fit(X_train, y_train)` trains it.",
        "Note the comma: `(32,)` is a tuple of one layer size.",
    ],
    wrong=[
        Wrong(
            "mlp = MLPClassifier(hidden_layer_sizes=(32, 32), max_iter=200, random_state=0)"
            ".fit(X_train, y_train)\nmlp_score = mlp.score(X_test, y_test)",
            message="2 hidden layers",
        ),
        Wrong(
            "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)"
            ".fit(X_test, y_test)\nmlp_score = mlp.score(X_test, y_test)",
            message="fitted on the test rows",
        ),
        Wrong(
            "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200)"
            ".fit(X_train, y_train)\nmlp_score = mlp.score(X_test, y_test)",
            message="random_state=0",
        ),
        Wrong(
            "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)"
            ".fit(X_train, y_train)\nmlp_score = mlp.score(X_train, y_train)",
            message="on the training rows",
        ),
        Wrong(
            "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)"
            ".fit(X_train, y_train)\nmlp_score = mlp.score",
            message="the method `score` itself",
        ),
    ],
)
def mlp(check: Check) -> str:
    """Fit `mlp`, an MLP with one hidden layer of 32 units; set `mlp_score` on the test rows."""
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    X, y, X_train, X_test, y_train, y_test = _data()
    model = check.fitted("mlp", MLPClassifier, what="an `MLPClassifier`")
    layers = tuple(int(n) for n in np.atleast_1d(model.hidden_layer_sizes))
    check.expect(
        layers == (32,),
        f"`mlp` has {len(layers)} hidden layer{'s' if len(layers) != 1 else ''} of sizes "
        f"{layers}; the task asks for one layer of 32 units: `hidden_layer_sizes=(32,)`.",
    )
    check.expect(
        model.random_state == 0,
        f"`mlp` has `random_state={model.random_state!r}`. Give it `random_state=0`: the "
        "starting weights are random, and the seed makes them the same on every run.",
    )
    proba = check.call(model.predict_proba, X_test)
    expected = _reference("mlp", "train").predict_proba(X_test)
    if not check.close(proba, expected, rtol=1e-4, atol=1e-6):
        _fitted_rows(check, "mlp", "mlp", proba)
        check.expect(
            model.max_iter == 200,
            f"`mlp` has `max_iter={model.max_iter!r}`; the task asks for `max_iter=200`.",
        )
        expect_params(
            check, "mlp", model, _reference("mlp", "train"), exempt=["hidden_layer_sizes"]
        )
        check.fail(
            "`mlp` is not the network the task asks for, fitted on `X_train, y_train`: "
            "`MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)`."
        )
    score = recipes.scored_on_test(
        check,
        "mlp_score",
        model,
        X_test,
        y_test,
        train=(X_train, y_train),
        every=(X, y),
        model_name="mlp",
    )
    linear = _reference("linear", "train").score(X_test, y_test)
    return f"The network reads {score:.1%} of the test digits right; the linear model {linear:.1%}."


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        "`mlp.coefs_` is a list of arrays; `sum(w.size for w in mlp.coefs_)` counts the weights.",
        "Add the biases the same way, from `mlp.intercepts_`.",
    ],
    wrong=[
        Wrong("n_parameters = sum(w.size for w in mlp.coefs_)", message="biases"),
        Wrong("n_parameters = len(mlp.coefs_) + len(mlp.intercepts_)", message="arrays"),
        Wrong(
            "n_parameters = mlp.coefs_[0].size + mlp.intercepts_[0].size",
            message="only the first layer",
        ),
        Wrong("n_parameters = 64 * 32 + 32 * 10", message="typed"),
        Wrong("n_parameters = mlp.hidden_layer_sizes[0]", message="hidden units"),
    ],
)
def count_parameters(check: Check) -> str:
    """Set `n_parameters` to the number of weights and biases of `mlp`."""
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    model = check.fitted("mlp", MLPClassifier, what="an `MLPClassifier`")
    value = check.get("n_parameters")
    if not isinstance(value, (numbers.Integral, np.integer)) or isinstance(value, bool):
        check.wrong_kind("n_parameters", value, "a whole number")
    count = int(value)
    weights = sum(w.size for w in model.coefs_)
    biases = sum(b.size for b in model.intercepts_)
    code = check.code_for("n_parameters")
    if check.typed_in("n_parameters") or (code is not None and "mlp" not in code):
        check.fail(
            "`n_parameters` was typed in, or worked out from numbers you typed, instead of "
            "being computed from `mlp.coefs_` and `mlp.intercepts_`. Compute it from the "
            "arrays, so that it stays right if the network changes."
        )
    if count == weights + biases:
        return f"{count:,} numbers, all chosen by fitting."
    if count == weights:
        check.fail(
            "`n_parameters` counts the weights only. The biases in `mlp.intercepts_` are "
            "parameters too: add their sizes."
        )
    if count == sum(len(w) for w in model.coefs_) + sum(len(b) for b in model.intercepts_):
        check.fail(
            "`n_parameters` adds up `len(...)` of the arrays: `len` counts the rows of a "
            "matrix, not all its numbers. Use `.size`."
        )
    if count == model.n_layers_:
        check.fail(
            f"`n_parameters` is {count}, the number of layers (`n_layers_`), not of the "
            "weights and biases in them."
        )
    if count in {len(model.coefs_), len(model.coefs_) + len(model.intercepts_)}:
        check.fail(
            f"`n_parameters` is {count}, the number of arrays, not of the numbers in them. "
            "Add up each array's `.size`."
        )
    if count == model.coefs_[0].size + model.intercepts_[0].size:
        check.fail(
            "`n_parameters` counts only the first layer (pixels to hidden units). Add the "
            "second layer, `coefs_[1]` and `intercepts_[1]`."
        )
    if count in {int(n) for n in np.atleast_1d(model.hidden_layer_sizes)}:
        check.fail(
            f"`n_parameters` is {count}, the number of hidden units; each unit has many "
            "weights. Count every number in `coefs_` and `intercepts_`."
        )
    if count == biases:
        check.fail("`n_parameters` counts the biases only; add the weights in `mlp.coefs_`.")
    check.fail(
        f"`n_parameters` is {count:,}, which is not the number of weights and biases of "
        "`mlp`. Add the `.size` of every array in `mlp.coefs_` and `mlp.intercepts_`."
    )


# --------------------------------------------------------------------------- exercise 4


@functools.cache
def _curves() -> dict[str, np.ndarray]:
    """Per epoch, the lesson's `net` scored every way a learner might score it."""
    import numpy as np
    from sklearn.metrics import log_loss

    _, _, _, X_test, _, y_test = _data()
    X_fit, X_val, y_fit, y_val = _fit_split()
    net = _net(alpha=0.0)
    _, _, X_train, _, y_train, _ = _data()
    names = ("fit_acc", "val_acc", "fit_loss", "val_loss", "test_loss", "train_acc")
    rows: dict[str, list[float]] = {k: [] for k in names}
    for _ in range(EPOCHS):
        net.partial_fit(X_fit, y_fit, classes=np.arange(10))
        rows["fit_acc"].append(net.score(X_fit, y_fit))
        rows["val_acc"].append(net.score(X_val, y_val))
        rows["fit_loss"].append(log_loss(y_fit, net.predict_proba(X_fit)))
        rows["val_loss"].append(log_loss(y_val, net.predict_proba(X_val)))
        rows["test_loss"].append(log_loss(y_test, net.predict_proba(X_test)))
        rows["train_acc"].append(net.score(X_train, y_train))
    curves = {k: np.array(v) for k, v in rows.items()}
    curves["training_loss"] = np.array(net.loss_curve_)
    return curves


def _per_epoch(check: Check, name: str) -> np.ndarray:
    import numpy as np

    from diveml.lessons._check import describe_wrong_kind

    value = check.get(name)
    if isinstance(value, (numbers.Real, np.floating)):
        check.fail(
            f"`{name}` is one number. It should be a list with one value per epoch: append "
            "to it inside the loop, after each `partial_fit`."
        )
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(describe_wrong_kind(name, value, "a list of numbers, one per epoch"))
    if array.shape == (2 * EPOCHS,):
        check.fail(
            f"`{name}` has {2 * EPOCHS} values, two runs of {EPOCHS} epochs: the cell ran "
            "twice with the same lists or the same `net`. Make `net` and empty lists at the "
            "top of the cell, then run it once."
        )
    check.expect(
        array.shape == (EPOCHS,),
        f"`{name}` has {array.size} value{'s' if array.size != 1 else ''}; it should have one "
        f"per epoch, {EPOCHS}. Append inside the loop, after each `partial_fit`.",
    )
    return array


@lesson.exercise(
    hints=[
        "Start with two empty lists; in a loop over `range(EPOCHS)`, call "
        "`net.partial_fit(X_fit, y_fit, classes=CLASSES)`, then append the two numbers.",
        "`net.score(X_fit, y_fit)` is the accuracy on the rows it learns from.",
        "`log_loss(y_val, net.predict_proba(X_val))` is the validation loss.",
    ],
    wrong=[
        Wrong(
            "train_curve, val_loss = [], []\nfor epoch in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
            "    train_curve.append(net.score(X_fit, y_fit))\n"
            "    val_loss.append(log_loss(y_fit, net.predict_proba(X_fit)))",
            message="the rows it learns from",
        ),
        Wrong(
            "train_curve, val_loss = [], []\nfor epoch in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
            "    train_curve.append(net.score(X_fit, y_fit))\n"
            "    val_loss.append(net.score(X_val, y_val))",
            message="accuracies",
        ),
        Wrong(
            "train_curve, val_loss = [], []\nfor epoch in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
            "train_curve.append(net.score(X_fit, y_fit))\n"
            "val_loss.append(log_loss(y_val, net.predict_proba(X_val)))",
            message="one per epoch",
        ),
        Wrong(
            "train_curve, val_loss = [], []\nfor epoch in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
            "    train_curve.append(net.score(X_fit, y_fit))\n"
            "    val_loss.append(log_loss(y_test, net.predict_proba(X_test)))",
            message="test rows",
        ),
        Wrong(
            "train_curve, val_loss = [], []\nfor epoch in range(EPOCHS):\n"
            "    net.partial_fit(X_fit, y_fit)\n",
            outcome="raised",
            message="classes",
        ),
    ],
)
def training_curves(check: Check) -> None:
    """Train `net` epoch by epoch; record `train_curve` (fit accuracy) and `val_loss`."""
    curves = _curves()
    train = _per_epoch(check, "train_curve")
    val = _per_epoch(check, "val_loss")
    import numpy as np

    if np.allclose(train, train[0]) and np.allclose(val, val[0]):
        check.fail(
            "Every value of `train_curve` and `val_loss` is the same: each pass started the "
            "network again from scratch (`.fit` does that). Call "
            "`net.partial_fit(X_fit, y_fit, classes=CLASSES)`, which goes on from where it was."
        )
    if check.close(train, curves["train_acc"]):
        check.fail(
            "`train_curve` is the accuracy on all of `X_train`; `net` learns from `X_fit`, "
            "200 of those rows. Score it on `X_fit, y_fit`."
        )
    if check.close(train, curves["val_acc"]):
        check.fail(
            "`train_curve` holds the accuracy on the validation rows; it should be on the "
            "rows `net` learns from, `X_fit, y_fit`."
        )
    check.expect(
        check.close(train, curves["fit_acc"], rtol=1e-6),
        "`train_curve` is not `net`'s accuracy on `X_fit, y_fit` after each epoch. Append "
        "`net.score(X_fit, y_fit)` after each `partial_fit`, starting from a fresh `net`.",
    )
    if check.close(val, curves["val_acc"]):
        check.fail(
            "`val_loss` holds accuracies (`net.score`), not the log loss. Use "
            "`log_loss(y_val, net.predict_proba(X_val))`."
        )
    if check.close(val, 1 - curves["val_acc"]):
        check.fail(
            "`val_loss` is the error rate (one minus the accuracy), not the log loss. Use "
            "`log_loss(y_val, net.predict_proba(X_val))`."
        )
    if check.close(val, curves["fit_loss"], rtol=1e-5):
        check.fail(
            "`val_loss` is the loss on `X_fit`, the rows it learns from, not on the "
            "validation rows `X_val, y_val`.",
            reason="The loss on the rows a network learns from keeps falling, whatever "
            "happens on new rows; only the validation loss shows overfitting.",
        )
    if check.close(val, curves["test_loss"], rtol=1e-5):
        check.fail(
            "`val_loss` was measured on the test rows. Use the validation rows `X_val, "
            "y_val`: the test rows stay untouched until the very end.",
            reason=recipes.TEST_ROWS_FIT,
        )
    check.expect(
        check.close(val, curves["val_loss"], rtol=1e-5),
        "`val_loss` is not the log loss of `net` on `X_val, y_val` after each epoch. Append "
        "`log_loss(y_val, net.predict_proba(X_val))` after each `partial_fit`.",
    )


# --------------------------------------------------------------------------- exercise 5


@lesson.exercise(
    hints=[
        "`np.argmin(val_loss)` is the position of the lowest loss, counting from 0.",
        "`int(np.argmin(val_loss)) + 1`",
    ],
    wrong=[
        Wrong("best_epoch = int(np.argmin(val_loss))", message="from 0"),
        Wrong("best_epoch = int(np.argmax(val_loss)) + 1", message="highest"),
        Wrong("best_epoch = int(np.argmin(net.loss_curve_)) + 1", message="training loss"),
        Wrong("best_epoch = min(val_loss)", message="the loss itself"),
    ],
)
def best_epoch(check: Check) -> str:
    """Set `best_epoch` to the epoch (from 1) with the lowest validation loss."""
    import numpy as np

    curves = _curves()
    value = check.get("best_epoch")
    if isinstance(value, (float, np.floating)) and not float(value).is_integer():
        if check.close(value, curves["val_loss"].min()):
            check.fail(
                "`best_epoch` is the loss itself, the lowest value of `val_loss`. Set it to "
                "*when* that happened: its position, counted from 1."
            )
        check.wrong_kind("best_epoch", value, "a whole number, an epoch")
    if not isinstance(value, (numbers.Integral, np.integer, float)) or isinstance(value, bool):
        check.wrong_kind("best_epoch", value, "a whole number, an epoch")
    epoch = int(value)
    expected = int(np.argmin(curves["val_loss"])) + 1
    if epoch == expected:
        return (
            f"After epoch {epoch} the validation loss only rises: the other "
            f"{EPOCHS - epoch} epochs taught `net` things about its 200 images that do not "
            "hold for others."
        )
    if epoch == expected - 1:
        check.fail(
            f"`best_epoch` is {epoch}: `np.argmin` counts positions from 0, but epochs "
            "count from 1. Add 1."
        )
    if epoch == int(np.argmax(curves["val_loss"])) + 1:
        check.fail(
            "`best_epoch` is the epoch with the highest validation loss; the best one has "
            "the lowest (`np.argmin`)."
        )
    code = check.code_for("best_epoch") or ""
    if "train_curve" in code:
        check.fail(
            "`best_epoch` comes from `train_curve`, the accuracy on the rows `net` learns "
            "from. Overfitting shows on the validation rows: use `val_loss`."
        )
    if epoch == EPOCHS and "loss_curve_" not in code:
        check.fail(
            f"`best_epoch` is the last epoch, {EPOCHS}: training longer is not better here. "
            "Find the epoch where `val_loss` is lowest."
        )
    if epoch in {
        int(np.argmin(curves["training_loss"])) + 1,
        int(np.argmin(curves["fit_loss"])) + 1,
    }:
        check.fail(
            "`best_epoch` is where the training loss is lowest. The training loss keeps "
            "falling as the network memorises; look at the validation loss, `val_loss`."
        )
    check.fail(
        f"`best_epoch` is {epoch}, which is not the epoch with the lowest `val_loss`. Use "
        "`int(np.argmin(val_loss)) + 1`."
    )


# --------------------------------------------------------------------------- exercise 6


@functools.cache
def _alpha_losses() -> dict[str, np.ndarray]:
    import numpy as np
    from sklearn.metrics import log_loss

    _, _, _, X_test, _, y_test = _data()
    X_fit, X_val, y_fit, y_val = _fit_split()
    found: dict[str, list[float]] = {"val": [], "fit": [], "test": [], "val_acc": []}
    context = _quiet()
    try:
        for alpha in ALPHAS:
            model = _net(alpha=alpha, max_iter=EPOCHS).fit(X_fit, y_fit)
            found["val"].append(log_loss(y_val, model.predict_proba(X_val)))
            found["fit"].append(log_loss(y_fit, model.predict_proba(X_fit)))
            found["test"].append(log_loss(y_test, model.predict_proba(X_test)))
            found["val_acc"].append(model.score(X_val, y_val))
    finally:
        context.__exit__(None, None, None)
    return {k: np.array(v) for k, v in found.items()}


_ALPHA_LOOP = (
    "alpha_losses = []\nfor alpha in ALPHAS:\n"
    "    model = MLPClassifier(hidden_layer_sizes=(64,), alpha=alpha, learning_rate_init=0.01, "
    "batch_size=20, max_iter=EPOCHS, random_state=0).fit(X_fit, y_fit)\n"
)


@lesson.exercise(
    hints=[
        "Loop over `ALPHAS`; fit one network per alpha; append "
        "`log_loss(y_val, model.predict_proba(X_val))`.",
        "`ALPHAS[int(np.argmin(alpha_losses))]` is the alpha with the lowest loss.",
    ],
    wrong=[
        Wrong(
            _ALPHA_LOOP + "    alpha_losses.append(log_loss(y_fit, model.predict_proba(X_fit)))\n"
            "best_alpha = ALPHAS[int(np.argmin(alpha_losses))]",
            message="rows it was fitted on",
        ),
        Wrong(
            _ALPHA_LOOP + "    alpha_losses.append(log_loss(y_val, model.predict_proba(X_val)))\n"
            "best_alpha = ALPHAS[int(np.argmax(alpha_losses))]",
            message="highest",
        ),
        Wrong(
            _ALPHA_LOOP + "    alpha_losses.append(log_loss(y_val, model.predict_proba(X_val)))\n"
            "best_alpha = int(np.argmin(alpha_losses))",
            message="position",
        ),
        Wrong(
            _ALPHA_LOOP + "    alpha_losses.append(log_loss(y_test, model.predict_proba(X_test)))\n"
            "best_alpha = ALPHAS[int(np.argmin(alpha_losses))]",
            message="test rows",
        ),
    ],
)
def choose_alpha(check: Check) -> str:
    """Set `alpha_losses` (validation log loss per alpha) and `best_alpha`, the lowest."""
    import numpy as np

    from diveml.lessons._check import describe_wrong_kind

    found = _alpha_losses()
    value = check.get("alpha_losses")
    try:
        losses = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(describe_wrong_kind("alpha_losses", value, "a list of four losses"))
    check.expect(
        losses.shape == (len(ALPHAS),),
        f"`alpha_losses` should hold one loss per alpha in `ALPHAS` ({len(ALPHAS)} numbers), "
        f"in their order; it has shape {losses.shape}.",
    )
    if check.close(losses, found["fit"], rtol=1e-5):
        check.fail(
            "`alpha_losses` are the losses on `X_fit`, the rows it was fitted on. Measure "
            "each network on the validation rows, `X_val, y_val`.",
            reason="On its own training rows the least regularised network always looks "
            "best; only new rows show what regularisation buys.",
        )
    if check.close(losses, found["test"], rtol=1e-5):
        check.fail(
            "`alpha_losses` were measured on the test rows. Choose with the validation "
            "rows, `X_val, y_val`: a setting chosen on the test rows makes their score "
            "flatter it.",
            reason=recipes.TEST_ROWS_FIT,
        )
    if check.close(losses, found["val_acc"]):
        check.fail(
            "`alpha_losses` are accuracies (`.score`), not log losses. Use "
            "`log_loss(y_val, model.predict_proba(X_val))`."
        )
    check.expect(
        check.close(losses, found["val"], rtol=1e-5),
        "`alpha_losses` are not the validation log losses of the four networks the task "
        "describes, in the order of `ALPHAS`.",
    )
    alpha = check.get("best_alpha")
    if not isinstance(alpha, (numbers.Real, np.floating)) or isinstance(alpha, bool):
        check.wrong_kind("best_alpha", alpha, "a number, one of `ALPHAS`")
    best = ALPHAS[int(np.argmin(found["val"]))]
    position = isinstance(alpha, (numbers.Integral, np.integer))
    if check.close(alpha, best) and not position:
        return f"alpha={best} gives the lowest validation loss of the four."
    if position and alpha == int(np.argmin(found["val"])):
        check.fail(
            f"`best_alpha` is {alpha!r}, a position in `ALPHAS`, not an alpha. Look it up: "
            "`ALPHAS[position]`."
        )
    if any(check.close(alpha, loss) for loss in found["val"]):
        check.fail(
            f"`best_alpha` is {alpha!r}, a loss, not an alpha. Take the alpha at the position "
            "of the lowest loss: `ALPHAS[int(np.argmin(alpha_losses))]`."
        )
    if check.close(alpha, ALPHAS[int(np.argmax(found["val"]))]):
        check.fail(
            "`best_alpha` has the highest validation loss of the four; the best has the "
            "lowest (`np.argmin`)."
        )
    check.fail(
        f"`best_alpha` is {alpha!r}, which is not the alpha with the lowest validation loss "
        "in `alpha_losses`."
    )


# --------------------------------------------------------------------------- exercise 7


@lesson.exercise(
    hints=[
        "`hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])`",
        "`scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]`, then the softmax of each row.",
        "`np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)`",
    ],
    wrong=[
        Wrong(
            "hidden = X_test @ mlp.coefs_[0] + mlp.intercepts_[0]\n"
            "scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]\n"
            "by_hand = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)",
            message="ReLU",
        ),
        Wrong(
            "hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
            "by_hand = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]",
            message="softmax",
        ),
        Wrong(
            "hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
            "scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]\n"
            "by_hand = np.exp(scores) / np.exp(scores).sum(axis=0, keepdims=True)",
            message="each column",
        ),
        Wrong(
            "hidden = np.maximum(0, X_test @ mlp.coefs_[0])\n"
            "scores = hidden @ mlp.coefs_[1]\n"
            "by_hand = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)",
            message="biases",
        ),
        Wrong("by_hand = mlp.predict_proba(X_test)", message="by hand"),
        Wrong(
            "hidden = np.maximum(0, X_train @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
            "scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]\n"
            "by_hand = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)",
            message="one row per test image",
        ),
    ],
    success="The same numbers as `predict_proba`: the network is arithmetic, not magic.",
)
def forward_pass(check: Check) -> None:
    """Compute `by_hand`, the test probabilities of `mlp`, from its weights with numpy."""
    import numpy as np
    from sklearn.neural_network import MLPClassifier

    from diveml.lessons._check import describe_wrong_kind

    _, _, _, X_test, _, _ = _data()
    model = check.fitted("mlp", MLPClassifier, what="an `MLPClassifier`")
    value = check.get("by_hand")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        check.fail(describe_wrong_kind("by_hand", value, "an array of probabilities"))
    expected = check.call(model.predict_proba, X_test)
    check.expect(
        array.shape == expected.shape,
        f"`by_hand` has shape {array.shape}; it should have one row per test image and one "
        f"column per digit, {expected.shape}. Start from `X_test`.",
    )
    code = check.code_for("by_hand") or ""
    if "predict_proba" in code:
        check.fail(
            "`by_hand` calls `predict_proba`: that is scikit-learn's answer, not yours. "
            "Compute it by hand from `mlp.coefs_` and `mlp.intercepts_`."
        )
    if check.close(array, expected, rtol=1e-6, atol=1e-9):
        return None
    _name_forward_slip(check, array, model, X_test)


def _softmax(scores: np.ndarray, axis: int = 1) -> np.ndarray:
    import numpy as np

    shifted = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def _name_forward_slip(check: Check, array: np.ndarray, model: Any, X_test: Any) -> NoReturn:
    """End the check with what the learner's forward pass got wrong, the usual slips first."""
    import numpy as np

    W, b = model.coefs_, model.intercepts_
    relu = np.maximum(0, X_test @ W[0] + b[0])
    scores = relu @ W[1] + b[1]
    if check.close(array, scores):
        check.fail(
            "`by_hand` holds the ten scores of each image, not probabilities: the rows do "
            "not add up to 1. Apply the softmax to each row."
        )
    if check.close(array, _softmax(scores, axis=0)):
        check.fail(
            "`by_hand` makes each column add up to 1, not each row: the softmax sums over "
            "the wrong axis. Sum each row: `.sum(axis=1, keepdims=True)`."
        )
    if check.close(array, _softmax((X_test @ W[0] + b[0]) @ W[1] + b[1])):
        check.fail(
            "`by_hand` skips the ReLU: without `np.maximum(0, ...)` after the hidden "
            "layer, the two layers collapse into one linear model."
        )
    inner = X_test @ W[0] + b[0]
    if check.close(array, _softmax(np.tanh(inner) @ W[1] + b[1])) or check.close(
        array, _softmax((1 / (1 + np.exp(-inner))) @ W[1] + b[1])
    ):
        check.fail(
            "`by_hand` bends the hidden layer with another function (tanh or the "
            "logistic); `mlp` uses the ReLU (`mlp.activation` is 'relu'): `np.maximum(0, ...)`."
        )
    if check.close(array, np.exp(scores) / np.exp(scores).sum()):
        check.fail(
            "`by_hand` divides by the sum over the whole table, so all the numbers together "
            "add up to 1. Each row (each image) should: `.sum(axis=1, keepdims=True)`."
        )
    if check.close(array, 1 / (1 + np.exp(-scores))):
        check.fail(
            "`by_hand` applies the logistic function to each score, so the rows do not add "
            "up to 1. The softmax turns each row of scores into probabilities."
        )
    if check.close(array, _softmax(np.maximum(0, X_test @ W[0]) @ W[1])):
        check.fail(
            "`by_hand` leaves out the biases: add `mlp.intercepts_[0]` to the hidden layer "
            "and `mlp.intercepts_[1]` to the scores."
        )
    if np.allclose(array.sum(axis=1), 1):
        check.fail(
            "`by_hand` holds probabilities, but not those of `mlp`. Follow the three steps: "
            "hidden layer with ReLU, output layer, softmax of each row."
        )
    check.fail(
        "`by_hand` is not the probabilities of `mlp` on the test images. Its rows should "
        "add up to 1 after the softmax; follow the three steps above the task."
    )

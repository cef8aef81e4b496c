"""Lesson 14, "Overfitting has many faces" and "Theoretical guarantees are not what they
seem": bias and variance measured from bootstrap refits, and a Hoeffding bound against
fresh data.

References are rebuilt here from the digits table and the splits the lesson fixes. The
learner's functions are called on the lesson's own inputs (a small number of resamples,
reference prediction arrays, several ``n`` and ``delta``), so the checks see what the
learner's code does, not only the numbers it printed once.
"""

from __future__ import annotations

import functools
import numbers
import types
from typing import Any

from diveml.lessons.authoring import Check, Lesson, Wrong
from diveml.lessons.exercises._scores import number_array

lesson = Lesson(
    id="14-overfitting-faces",
    title="Overfitting has many faces",
    minutes=30,
    # Domingos' lessons follow lesson 5 (path place 20), in his order.
    path_order=22,
    summary="Bias and variance measured by refitting trees on bootstrap resamples of the "
    "digits; a Hoeffding bound computed and tested against fresh data.",
)

DEPTHS = (1, 2, 4, 8, None)
SWEEP_RESAMPLES = 20
CHECK_RESAMPLES = 4
DELTA = 0.05


@functools.cache
def _split() -> tuple[Any, Any, Any, Any]:
    from sklearn.model_selection import train_test_split

    import diveml

    digits = diveml.load_dataset("digits")
    X = digits.drop(columns="digit").to_numpy()
    five_or_more = (digits["digit"].to_numpy() >= 5).astype(int)
    return tuple(train_test_split(X, five_or_more, test_size=0.25, random_state=0))


def _tree(depth: int | None) -> Any:
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(max_depth=depth, random_state=0)


@functools.cache
def _predictions(depth: int | None, n: int, variant: str = "right") -> Any:
    """Reference bootstrap predictions; ``variant`` names a known slip."""
    import numpy as np
    from sklearn.utils import resample

    X_train, X_test, y_train, _ = _split()
    found = []
    for b in range(n):
        if variant == "same_seed":
            X_b, y_b = resample(X_train, y_train, random_state=0)
        elif variant == "apart":
            X_b = resample(X_train, random_state=b)
            y_b = resample(y_train, random_state=b + 1)
        else:
            X_b, y_b = resample(X_train, y_train, random_state=b)
        found.append(_tree(depth).fit(X_b, y_b).predict(X_test))
    return np.array(found)


def _bias_variance(predictions: Any, y_true: Any) -> tuple[float, float]:
    import numpy as np
    from scipy.stats import mode

    main = mode(predictions, axis=0).mode
    return float(np.mean(main != y_true)), float(np.mean(predictions != main))


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "Start with an empty list; in a `for b in range(n_resamples):` loop, draw "
        "`X_b, y_b = resample(X_train, y_train, random_state=b)`.",
        "Fit `clone(model)` on `X_b, y_b`, append its `.predict(X_test)`, and after the loop "
        "`return np.array(predictions)`.",
    ],
    wrong=[
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    return np.array([clone(model).fit(X_train, y_train).predict(X_test) "
            "for b in range(n_resamples)])",
            message="every refit gives the same predictions",
        ),
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    out = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=0)\n"
            "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
            "    return np.array(out)",
            message="random_state=b",
        ),
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    out = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
            "        out.append(clone(model).fit(X_b, y_b).predict(X_b))\n"
            "    return np.array(out)",
            message="one column per test row",
        ),
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    out = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b = resample(X_train, random_state=b)\n"
            "        y_b = resample(y_train, random_state=b + 1)\n"
            "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
            "    return np.array(out)",
            message="same call",
        ),
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    out = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
            "        out.append(clone(model).fit(X_b, y_b).predict(X_test))",
            message="returns None",
        ),
        Wrong(
            "def bootstrap_predictions(model, n_resamples):\n"
            "    out = []\n"
            "    for b in range(30):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
            "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
            "    return np.array(out)",
            message="one row per resample",
        ),
    ],
    success="Each row of the array is one training set we could have had.",
)
def bootstrap(check: Check) -> str:
    """Write `bootstrap_predictions(model, n_resamples)`: refit on resamples, predict the test rows."""
    import numpy as np

    _, X_test, _, _ = _split()
    func = check.get("bootstrap_predictions", types.FunctionType, what="a function (use `def`)")
    got = check.call(func, _tree(3), CHECK_RESAMPLES)
    if got is None:
        check.fail(
            "`bootstrap_predictions` returns None: end it with `return np.array(predictions)`."
        )
    try:
        array = np.asarray(got)
    except ValueError:
        check.fail(
            "`bootstrap_predictions` returned rows of different lengths: predict the same "
            "rows, `X_test`, after every refit."
        )
    check.expect(
        array.ndim == 2,
        f"`bootstrap_predictions(model, {CHECK_RESAMPLES})` returned an array of "
        f"{array.ndim} dimension(s); it should have one row per resample and one column per "
        "test row.",
    )
    rows, columns = array.shape
    check.expect(
        rows == CHECK_RESAMPLES,
        f"`bootstrap_predictions(model, {CHECK_RESAMPLES})` returned {rows} rows: it should "
        f"return one row per resample, {CHECK_RESAMPLES} here. Loop over `range(n_resamples)`.",
    )
    check.expect(
        columns == len(X_test),
        f"Each row that `bootstrap_predictions` returns has {columns} predictions, but there "
        f"are {len(X_test)} test rows: it should hold one column per test row. Predict "
        "`X_test`.",
    )
    if bool(np.all(array == array[0])):
        check.fail(
            "In what `bootstrap_predictions` returns, every refit gives the same predictions: "
            "the model never saw a different sample. Fit it on a new resample each time, "
            "`resample(X_train, y_train, random_state=b)`.",
        )
    right = _predictions(3, CHECK_RESAMPLES)
    if np.array_equal(array, right):
        return "Each row of the array is one training set we could have had."
    if np.array_equal(array, _predictions(3, CHECK_RESAMPLES, "apart")):
        check.fail(
            "`bootstrap_predictions` resamples `X_train` and `y_train` in separate calls, "
            "so each image gets another image's label. Resample both in the same call: "
            "`resample(X_train, y_train, random_state=b)`."
        )
    check.fail(
        "`bootstrap_predictions` does not return the predictions of `clone(model)` fitted on "
        "`resample(X_train, y_train, random_state=b)` for each `b` in "
        "`range(n_resamples)`. Use exactly that resample, so that your numbers and the "
        "lesson's match."
    )


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        "`main = mode(predictions, axis=0).mode` gives the main prediction of each test "
        "image (one per column).",
        "Bias: the share of images whose main prediction is wrong, `np.mean(main != "
        "y_true)`. Variance: the share of refits that differ from the main prediction.",
        "`variance = np.mean(predictions != main)`",
    ],
    wrong=[
        Wrong(
            "def bias_variance(predictions, y_true):\n"
            "    main = mode(predictions, axis=0).mode\n"
            "    return np.mean(main != y_true), np.mean(predictions != y_true)",
            message="error rate",
        ),
        Wrong(
            "def bias_variance(predictions, y_true):\n"
            "    main = mode(predictions, axis=0).mode\n"
            "    return np.mean(predictions != main), np.mean(main != y_true)",
            message="swapped",
        ),
        Wrong(
            "def bias_variance(predictions, y_true):\n"
            "    main = mode(predictions, axis=0).mode\n"
            "    return np.mean(main != y_true), np.var(predictions)",
            message="0/1 answers",
        ),
        Wrong(
            "def bias_variance(predictions, y_true):\n"
            "    main = predictions[0]\n"
            "    return np.mean(main != y_true), np.mean(predictions != main)",
            message="most often",
        ),
        Wrong(
            "def bias_variance(predictions, y_true):\n"
            "    main = mode(predictions, axis=0).mode\n"
            "    return np.mean(predictions != y_true), np.mean(predictions != main)",
            message="every refit",
        ),
    ],
    success="Two numbers per learner: how often it is wrong the same way, and how much it wavers.",
)
def bias_variance(check: Check) -> str:
    """Write `bias_variance(predictions, y_true)`: Domingos' bias and variance, averaged."""
    import numpy as np

    _, _, _, y_test = _split()
    func = check.get("bias_variance", types.FunctionType, what="a function (use `def`)")
    for depth in (3, None):
        predictions = _predictions(depth, 8)
        got = check.call(func, predictions.copy(), y_test.copy())
        if got is None:
            check.fail("`bias_variance` returns None: end it with `return bias, variance`.")
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            check.wrong_kind("bias_variance(predictions, y_true)", got, "a tuple of two numbers")
        if not all(isinstance(v, (numbers.Real, np.floating)) for v in got):
            check.fail(
                f"`bias_variance` returned {got!r}: both the bias and the variance should be "
                "single numbers, averaged over the test images."
            )
        bias, variance = (float(v) for v in got)
        right_bias, right_variance = _bias_variance(predictions, y_test)
        if check.close([bias, variance], [right_bias, right_variance]):
            continue
        if check.close([bias, variance], [right_variance, right_bias]):
            check.fail(
                "`bias_variance` returns the variance first: the two are swapped. "
                "Return `(bias, variance)`."
            )
        error = float(np.mean(predictions != y_test))
        first_bias = float(np.mean(predictions[0] != y_test))
        first_variance = float(np.mean(predictions != predictions[0]))
        if check.close(bias, first_bias) and check.close(variance, first_variance):
            check.fail(
                "`bias_variance` takes the first refit's predictions as the main prediction. "
                "The main prediction is the digit the refits predict most often: "
                "`mode(predictions, axis=0).mode`."
            )
        if not check.close(bias, right_bias):
            if check.close(bias, error):
                check.fail(
                    "The bias `bias_variance` returns is the error rate of every refit "
                    "(`predictions != y_true`). Bias looks at the *main* prediction only: "
                    "is the most frequent answer wrong?"
                )
            check.fail(
                f"The bias `bias_variance` returns ({bias!r}) is not the share of test images "
                "whose main prediction is wrong."
            )
        if check.close(variance, error):
            check.fail(
                "The variance `bias_variance` returns is the error rate (refits that differ "
                "from the *truth*). Variance compares each refit with the main prediction, "
                "`predictions != main`, whatever the truth.",
                reason="Variance is about disagreement between refits: a learner can be wrong "
                "on every refit and still have no variance.",
            )
        spreads = (
            np.var(predictions),
            np.var(predictions, axis=0).mean(),
            np.std(predictions),
            np.std(predictions, axis=0).mean(),
        )
        if any(check.close(variance, float(v)) for v in spreads):
            check.fail(
                "The variance `bias_variance` returns is the statistical variance (or standard "
                "deviation) of the 0/1 answers, which also depends on how often each answer "
                "is given. Count disagreements instead: the share of refits that differ from "
                "the main prediction."
            )
        check.fail(
            f"The variance `bias_variance` returns ({variance!r}) is not the share of refits "
            "that differ from the main prediction."
        )
    return "Two numbers per learner: how often it is wrong the same way, and how much it wavers."


# ------------------------------------------------------------------ exercise 3 ---


@functools.cache
def _sweep() -> dict[str, tuple[float, ...]]:
    import numpy as np

    _, _, _, y_test = _split()
    biases, variances, errors = [], [], []
    for depth in DEPTHS:
        predictions = _predictions(depth, SWEEP_RESAMPLES)
        bias, variance = _bias_variance(predictions, y_test)
        biases.append(bias)
        variances.append(variance)
        errors.append(float(np.mean(predictions != y_test)))
    return {"biases": tuple(biases), "variances": tuple(variances), "errors": tuple(errors)}


def _number_list(check: Check, name: str) -> Any:
    import numpy as np

    value = check.get(
        name, (list, tuple, np.ndarray), what=f"a list of {len(DEPTHS)} numbers, one per depth"
    )
    array = number_array(check, name, value).ravel()
    check.expect(
        len(array) == len(DEPTHS),
        f"`{name}` holds {len(array)} numbers, but it should hold one per depth in `depths`, "
        f"{len(DEPTHS)} in all.",
    )
    return array


@lesson.exercise(
    hints=[
        "Loop `for depth in depths:`, call `bootstrap_predictions(DecisionTreeClassifier("
        "max_depth=depth, random_state=0), 20)`, then your `bias_variance(predictions, y_test)`.",
        "Append the two numbers to `biases` and `variances` (start both as empty lists).",
    ],
    wrong=[
        Wrong(
            "biases, variances = [], []\n"
            "for depth in depths:\n"
            "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=depth, "
            "random_state=0), 20)\n"
            "    b, v = bias_variance(p, y_test)\n"
            "    biases.append(v)\n"
            "    variances.append(b)",
            message="swapped",
        ),
        Wrong(
            "biases, variances = [], []\n"
            "for depth in depths:\n"
            "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=3, "
            "random_state=0), 20)\n"
            "    b, v = bias_variance(p, y_test)\n"
            "    biases.append(b)\n"
            "    variances.append(v)",
            message="same depth",
        ),
        Wrong(
            "biases, variances = [], []\n"
            "for depth in depths:\n"
            "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=depth, "
            "random_state=0), 20)\n"
            "    b, v = bias_variance(p, y_test)\n"
            "biases.append(b)\n"
            "variances.append(v)",
            message="one per depth",
        ),
        Wrong(
            "biases, variances = [], []\n"
            "for depth in range(1, 6):\n"
            "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=depth, "
            "random_state=0), 20)\n"
            "    b, v = bias_variance(p, y_test)\n"
            "    biases.append(b)\n"
            "    variances.append(v)",
            message="`depths`",
        ),
    ],
    success="Bias down, variance up: the two faces of the same choice.",
)
def depth_sweep(check: Check) -> str:
    """Set `biases` and `variances` for each depth in `depths` (20 resamples each)."""
    import numpy as np

    biases = _number_list(check, "biases")
    variances = _number_list(check, "variances")
    ref = _sweep()
    right_b, right_v = np.asarray(ref["biases"]), np.asarray(ref["variances"])
    if check.close(biases, right_b) and check.close(variances, right_v):
        return "Bias down, variance up: the two faces of the same choice."
    if check.close(biases, right_v) and check.close(variances, right_b):
        check.fail("`biases` holds the variances and `variances` the biases: they are swapped.")
    if np.ptp(biases) == 0 and np.ptp(variances) == 0:
        check.fail(
            "Every depth gives the same bias and variance: the trees were all fitted with the "
            "same depth. Pass `max_depth=depth` inside the loop."
        )
    if check.close(biases[0], right_b[0]) and check.close(variances[0], right_v[0]):
        check.fail(
            "The first depth is right but not the others: loop over the lesson's `depths`, "
            "`[1, 2, 4, 8, None]` (`None`: no limit)."
        )
    if check.close(biases[::-1], right_b) and check.close(variances[::-1], right_v):
        check.fail("`biases` and `variances` are reversed: keep the order of `depths`.")
    check.fail(
        "`biases` and `variances` are not the bias and variance of "
        "`DecisionTreeClassifier(max_depth=depth, random_state=0)` refitted on 20 resamples "
        "with your `bootstrap_predictions`, for each depth in `depths`."
    )


# ------------------------------------------------------------------ exercise 4 ---


def _eps(n: float, delta: float, k: float = 1) -> float:
    import math

    return math.sqrt(math.log(2 * k / delta) / (2 * n))


@lesson.exercise(
    hints=[
        "Translate the formula as written: `np.sqrt(np.log(2 * n_models / delta) / (2 * n))`.",
        "`np.log` is the natural logarithm; `np.log10` is not.",
    ],
    wrong=[
        Wrong(
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return np.sqrt(np.log10(2 * n_models / delta) / (2 * n))",
            message="base-10",
        ),
        Wrong(
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return np.sqrt(np.log(2 / delta) / (2 * n))",
            message="`n_models`",
        ),
        Wrong(
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return np.sqrt(np.log(2 * n_models / delta) / n)",
            message="2 * n",
        ),
        Wrong(
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return np.log(2 * n_models / delta) / (2 * n)",
            message="square root",
        ),
        Wrong(
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return np.sqrt(np.log(2 * n_models * delta) / (2 * n))",
            message="2 * n_models / delta",
        ),
    ],
    success="A guarantee in one line: the more rows, the tighter; the more models tried, the "
    "looser.",
)
def hoeffding(check: Check) -> str:
    """Write `hoeffding_epsilon(n, delta, n_models=1)`: Hoeffding's eps for a holdout."""
    import math
    import warnings

    func = check.get("hoeffding_epsilon", types.FunctionType, what="a function (use `def`)")
    for n, delta, k in ((100, 0.05, 10), (1000, 0.01, 1), (50, 0.1, 3)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            got = check.call(func, n, delta, n_models=k) if k != 1 else check.call(func, n, delta)
        if got is None:
            check.fail("`hoeffding_epsilon` returns None: it needs a `return` line.")
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            check.wrong_kind(f"hoeffding_epsilon({n}, {delta})", got, "a single number")
        got = float(got)
        right = _eps(n, delta, k)
        if check.close(got, right):
            continue
        call = f"`hoeffding_epsilon({n}, {delta}, n_models={k})`"
        if math.isnan(got):
            check.fail(
                f"{call} is nan: the logarithm is negative. It is `log(2 * n_models / "
                "delta)`, which is positive for a small `delta`."
            )
        if check.close(got, math.sqrt(math.log10(2 * k / delta) / (2 * n))) or check.close(
            got, math.sqrt(math.log10(2 / delta) / (2 * n))
        ):
            check.fail(
                f"{call} used the base-10 logarithm (`np.log10`). The formula uses the "
                "natural logarithm, `np.log`."
            )
        if k != 1 and check.close(got, _eps(n, delta)):
            check.fail(
                f"{call} ignores `n_models`: with several models compared, the bound "
                "widens. Use `log(2 * n_models / delta)`."
            )
        if check.close(got, math.sqrt(math.log(2 * k / delta) / n)):
            check.fail(f"{call} divides by `n`; the formula divides by `2 * n`.")
        if check.close(got, math.log(2 * k / delta) / (2 * n)):
            check.fail(f"{call} is missing the square root: wrap the fraction in `np.sqrt`.")
        product = math.log(2 * k * delta)
        if (product <= 0 and got == 0) or (
            product > 0 and check.close(got, math.sqrt(product / (2 * n)))
        ):
            check.fail(
                f"{call} multiplies by `delta`; the formula divides: `2 * n_models / delta`."
            )
        check.fail(
            f"{call} gave {got!r}, which is not `sqrt(log(2 * n_models / delta) / (2 * n))`."
        )
    return "A guarantee in one line: the more rows, the tighter; the more models tried, the looser."


# ------------------------------------------------------------------ exercise 5 ---


@functools.cache
def _holdout_experiment() -> dict[str, float]:
    import numpy as np
    from sklearn.model_selection import train_test_split

    import diveml

    digits = diveml.load_dataset("digits")
    X = digits.drop(columns="digit").to_numpy()
    y = digits["digit"].to_numpy()
    X_small, X_rest, y_small, y_rest = train_test_split(X, y, train_size=500, random_state=0)
    X_h, X_f, y_h, y_f = train_test_split(X_rest, y_rest, train_size=100, random_state=0)
    models = [_tree(d).fit(X_small, y_small) for d in range(1, 11)]
    errors = [1 - m.score(X_h, y_h) for m in models]
    chosen = models[int(np.argmin(errors))]
    holdout = 1 - chosen.score(X_h, y_h)
    return {
        "holdout": float(holdout),
        "fresh": float(1 - chosen.score(X_f, y_f)),
        "train": float(1 - chosen.score(X_small, y_small)),
        "deepest_fresh": float(1 - models[-1].score(X_f, y_f)),
        "eps": _eps(100, DELTA, 10),
        "eps_one": _eps(100, DELTA),
    }


@lesson.exercise(
    hints=[
        "Error rate = `1 - chosen.score(X, y)`, on the holdout rows for `holdout_error` and "
        "on the fresh rows for `fresh_error`.",
        "`bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)`",
    ],
    wrong=[
        Wrong(
            "holdout_error = 1 - chosen.score(X_holdout, y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05)\n"
            "fresh_error = 1 - chosen.score(X_fresh, y_fresh)",
            message="10 depths",
        ),
        Wrong(
            "holdout_error = chosen.score(X_holdout, y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)\n"
            "fresh_error = chosen.score(X_fresh, y_fresh)",
            message="accuracy",
        ),
        Wrong(
            "holdout_error = 1 - chosen.score(X_holdout, y_holdout)\n"
            "bound = holdout_error - hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)\n"
            "fresh_error = 1 - chosen.score(X_fresh, y_fresh)",
            message="adds",
        ),
        Wrong(
            "holdout_error = 1 - chosen.score(X_holdout, y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)\n"
            "fresh_error = 1 - chosen.score(X_small, y_small)",
            message="training rows",
        ),
        Wrong(
            "holdout_error = 1 - chosen.score(X_holdout, y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(len(X_fresh), 0.05, n_models=10)\n"
            "fresh_error = 1 - chosen.score(X_fresh, y_fresh)",
            message="holdout rows",
        ),
    ],
    success="The bound held on this draw; the next cell shows by how much.",
)
def bound_vs_fresh(check: Check) -> str:
    """Set `holdout_error`, its Hoeffding `bound`, and the `fresh_error` of `chosen`."""
    ref = _holdout_experiment()
    values = {}
    for name in ("holdout_error", "bound", "fresh_error"):
        value = check.get(name)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            check.wrong_kind(name, value, "a single number")
        values[name] = float(value)
    holdout, bound, fresh = values["holdout_error"], values["bound"], values["fresh_error"]
    if check.close(holdout, 1 - ref["holdout"]) or check.close(fresh, 1 - ref["fresh"]):
        check.fail(
            "`holdout_error` or `fresh_error` is an accuracy (`.score`), not an error rate. "
            "The error rate is `1 - chosen.score(...)`."
        )
    if not check.close(holdout, ref["holdout"]):
        if check.close(holdout, ref["fresh"]):
            check.fail(
                "`holdout_error` is the error on the fresh rows; score `chosen` on the holdout rows."
            )
        check.fail(
            f"`holdout_error` is {holdout!r}, which is not the error rate of `chosen` on the "
            "holdout rows, `1 - chosen.score(X_holdout, y_holdout)`."
        )
    if not check.close(fresh, ref["fresh"]):
        if check.close(fresh, ref["train"]):
            check.fail(
                "`fresh_error` is the error on the training rows `X_small`. Score `chosen` on "
                "the fresh rows, `X_fresh, y_fresh`."
            )
        if check.close(fresh, ref["deepest_fresh"]):
            check.fail(
                "`fresh_error` is the error of the deepest tree; score `chosen`, the one the holdout picked."
            )
        check.fail(
            f"`fresh_error` is {fresh!r}, which is not the error rate of `chosen` on the fresh "
            "rows, `1 - chosen.score(X_fresh, y_fresh)`."
        )
    if check.close(bound, holdout - ref["eps"]):
        check.fail(
            "`bound` subtracts eps from the holdout error. The bound on the true error adds "
            "it: `holdout_error + eps`."
        )
    if check.close(bound, holdout + ref["eps_one"]):
        check.fail(
            "`bound` uses the eps of a single model. The holdout compared 10 depths before "
            "choosing one, so pass `n_models=10`.",
            reason="Trying many models on the same rows and keeping the best gives luck 10 "
            "chances; the guarantee must cover all of them.",
        )
    if check.close(bound, fresh + ref["eps"]):
        check.fail(
            "`bound` adds eps to the fresh error. The bound is built from what you measured "
            "on the holdout rows: `holdout_error + eps`."
        )
    if holdout < bound < holdout + ref["eps"] - 1e-9:
        # A tighter bound than 100 rows allow: eps was computed for more rows.
        check.fail(
            "`bound` uses the wrong number of rows: eps depends on the holdout rows the error "
            "was measured on, `len(X_holdout)`."
        )
    check.expect(
        check.close(bound, holdout + ref["eps"]),
        f"`bound` is {bound!r}, which is not `holdout_error + hoeffding_epsilon(100, 0.05, "
        "n_models=10)`.",
    )
    return "The bound held on this draw; the next cell shows by how much."

"""Lesson 13, "Learning = representation + evaluation + optimization", and "data alone is
not enough": three choices changed one at a time, a permutation test, no free lunch.

References are computed here from the breast cancer and digits tables and the folds the
lesson fixes (``StratifiedKFold(5, shuffle=True, random_state=0)``), never from the
learner's variables. The checks look at the models the learner built (their steps and
settings) and recognise the usual slips: a missing scaler, a tree without its depth limit,
training-row scores, fold lists instead of means, predictions where log-loss needs
probabilities, the arguments of a metric swapped, the winner picked by the lowest score.
"""

from __future__ import annotations

import functools
import numbers
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from diveml.lessons.authoring import Check, Lesson, Wrong
from diveml.lessons.exercises._scores import number_array

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="13-three-choices",
    title="Learning = representation + evaluation + optimization",
    minutes=30,
    # Domingos' lessons follow lesson 5 (path place 20), in his order.
    path_order=21,
    summary="Change the model family, the score and the optimizer one at a time; then a "
    "permutation test and the no-free-lunch idea, on breast cancer and digits.",
)

NAMES = ("linear", "tree", "knn")
MAX_ITERS = (1, 10, 100, 1000)
N_PERMUTATIONS = 20

_TRAINING_ROWS = (
    "A score on the rows a model was fit on measures memory, not skill: cross-validation "
    "scores each fold with a model that never saw it."
)


@functools.cache
def _cancer() -> tuple[pd.DataFrame, pd.Series]:
    import diveml

    cancer = diveml.load_dataset("breast_cancer")
    return cancer.drop(columns="diagnosis"), cancer["diagnosis"]


@functools.cache
def _digits() -> tuple[pd.DataFrame, pd.Series]:
    import diveml

    digits = diveml.load_dataset("digits")
    return digits.drop(columns="digit"), digits["digit"]


def _cv() -> Any:
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def _models(*, scaled: bool = True, depth: int | None = 3) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    def scale(model: Any) -> Any:
        return make_pipeline(StandardScaler(), model) if scaled else model

    return {
        "linear": scale(LogisticRegression()),
        "tree": DecisionTreeClassifier(max_depth=depth, random_state=0),
        "knn": scale(KNeighborsClassifier()),
    }


@functools.cache
def _fold_scores(table: str, variant: str) -> dict[str, tuple[float, ...]]:
    """Each model's five fold scores on ``table``; ``variant`` names a known slip."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import cross_val_score

    X, y = _cancer() if table == "cancer" else _digits()
    models = _models(scaled=variant != "unscaled", depth=None if variant == "deep" else 3)
    cv = 5 if variant == "unshuffled" else _cv()
    found: dict[str, tuple[float, ...]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for name, model in models.items():
            if variant == "training":
                found[name] = (float(model.fit(X, y).score(X, y)),)
            else:
                found[name] = tuple(float(s) for s in cross_val_score(model, X, y, cv=cv))
    return found


def _means(table: str, variant: str = "right") -> dict[str, float]:
    import numpy as np

    return {k: float(np.mean(v)) for k, v in _fold_scores(table, variant).items()}


def _score_dict(check: Check, name: str, table: str, rows: str) -> dict[str, float]:
    """The learner's dict of mean scores for ``table``, or a specific reason it is wrong."""
    import numpy as np

    value = check.get(name, Mapping, what='a dict like `{"linear": 0.9, "tree": ..., "knn": ...}`')
    check.expect(
        set(value) == set(NAMES),
        f"`{name}` has the keys {sorted(map(str, value))}, but it should have exactly "
        '`"linear"`, `"tree"` and `"knn"`.',
    )
    found: dict[str, float] = {}
    for key in NAMES:
        score = value[key]
        if isinstance(score, (list, tuple, np.ndarray)) and np.size(score) == 5:
            check.fail(
                f'`{name}["{key}"]` holds the five fold scores. Keep one number per model: '
                "their mean, `cross_val_score(...).mean()`."
            )
        if isinstance(score, (bool, np.bool_)) or not isinstance(
            score, (numbers.Real, np.floating)
        ):
            check.wrong_kind(f'{name}["{key}"]', score, "a single number, a mean accuracy")
        found[key] = float(score)
    right = _means(table)
    if all(check.close(found[k], right[k]) for k in NAMES):
        return found
    folds = _fold_scores(table, "right")
    if all(check.close(found[k], float(np.std(folds[k]))) for k in NAMES):
        check.fail(
            f"`{name}` holds the standard deviation of each model's fold scores (`.std()`), "
            "not their mean (`.mean()`)."
        )
    if all(check.close(found[k], right[k] * 100) for k in NAMES):
        check.fail(f"`{name}` looks like percentages: keep the shares between 0 and 1.")
    for key in NAMES:
        others = [k for k in NAMES if k != key]
        another = any(check.close(found[key], right[k]) for k in others)
        if another and not check.close(found[key], right[key]):
            check.fail(
                f'`{name}["{key}"]` holds the score of another model: the keys and the '
                "scores are mixed up. Score each model under its own name."
            )
    training = _means(table, "training")
    if any(
        check.close(found[k], training[k]) and not check.close(found[k], right[k]) for k in NAMES
    ):
        check.fail(
            f"`{name}` holds scores on the rows the models were fit on ({rows}, every row), "
            "not cross-validated ones.",
            reason=_TRAINING_ROWS,
        )
    unshuffled = _means(table, "unshuffled")
    if any(
        check.close(found[k], unshuffled[k]) and not check.close(found[k], right[k]) for k in NAMES
    ):
        check.fail(
            f"`{name}` was computed with `cv=5`, which cuts the rows into folds in their "
            "original order. Pass the lesson's `cv=cv`, so that every model meets the same "
            "shuffled folds."
        )
    for key in NAMES:
        check.expect(
            check.close(found[key], right[key]),
            f'`{name}["{key}"]` is {found[key]!r}, which is not the mean cross-validated '
            f'accuracy of `models["{key}"]` on {rows} with `cv=cv`. Use '
            f'`cross_val_score(models["{key}"], ..., cv=cv).mean()`.',
        )
    return found


def _steps(model: Any) -> list[Any]:
    return [step for _, step in getattr(model, "steps", [])] or [model]


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        'A dict literal: `models = {"linear": ..., "tree": ..., "knn": ...}` with the '
        "three models the task names.",
        "For the scores, loop over `models.items()` and call `cross_val_score(model, X, y, "
        "cv=cv)`, then `.mean()`.",
        "`scores = {name: cross_val_score(model, X, y, cv=cv).mean() for name, model in "
        "models.items()}`",
    ],
    wrong=[
        Wrong(
            'models = {"linear": LogisticRegression(), "tree": DecisionTreeClassifier('
            'max_depth=3, random_state=0), "knn": KNeighborsClassifier()}\n'
            "scores = {n: cross_val_score(m, X, y, cv=cv).mean() for n, m in models.items()}",
            message="no `StandardScaler`",
        ),
        Wrong(
            'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
            '"tree": DecisionTreeClassifier(random_state=0), '
            '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\n'
            "scores = {n: cross_val_score(m, X, y, cv=cv).mean() for n, m in models.items()}",
            message="max_depth=3",
        ),
        Wrong(
            'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
            '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
            '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\n'
            "scores = {n: m.fit(X, y).score(X, y) for n, m in models.items()}",
            message="fit on",
        ),
        Wrong(
            'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
            '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
            '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\n'
            "scores = {n: cross_val_score(m, X, y, cv=cv) for n, m in models.items()}",
            message="five fold scores",
        ),
        Wrong(
            'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
            '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
            '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\n'
            "scores = {n: cross_val_score(m, X, y, cv=5).mean() for n, m in models.items()}",
            message="`cv=5`",
        ),
        Wrong(
            "models = [make_pipeline(StandardScaler(), LogisticRegression()), "
            "DecisionTreeClassifier(max_depth=3, random_state=0), "
            "make_pipeline(StandardScaler(), KNeighborsClassifier())]\n"
            "scores = [cross_val_score(m, X, y, cv=cv).mean() for m in models]",
            message="should be a dict",
        ),
    ],
    success="Three representations, judged by the same number on the same folds.",
)
def representations(check: Check) -> str:
    """Build the three `models` and set `scores` to their mean cross-validated accuracy."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    models = check.get(
        "models", Mapping, what='a dict like `{"linear": ..., "tree": ..., "knn": ...}`'
    )
    check.expect(
        set(models) == set(NAMES),
        f"`models` has the keys {sorted(map(str, models))}, but it should have exactly "
        '`"linear"`, `"tree"` and `"knn"`.',
    )
    kinds = {
        "linear": LogisticRegression,
        "tree": DecisionTreeClassifier,
        "knn": KNeighborsClassifier,
    }
    for key, kind in kinds.items():
        steps = _steps(models[key])
        check.expect(
            isinstance(steps[-1], kind),
            f'`models["{key}"]` should end with a `{kind.__name__}`, but it is a '
            f"{type(steps[-1]).__name__}.",
        )
        if key != "tree":
            check.expect(
                any(isinstance(s, StandardScaler) for s in steps[:-1]),
                f'`models["{key}"]` has no `StandardScaler` before its {kind.__name__}: its '
                "features keep their raw scales. Use `make_pipeline(StandardScaler(), ...)`.",
            )
    tree = _steps(models["tree"])[-1]
    check.expect(
        tree.max_depth == 3,
        f'`models["tree"]` has `max_depth={tree.max_depth!r}`: the task asks for a tree of at '
        "most 3 questions, `DecisionTreeClassifier(max_depth=3, random_state=0)`.",
    )
    _score_dict(check, "scores", "cancer", "`X, y`")
    return "Three representations, judged by the same number on the same folds."


# ------------------------------------------------------------------ exercise 2 ---


@functools.cache
def _digits_nine_split() -> tuple[Any, Any, Any, Any]:
    from sklearn.model_selection import train_test_split

    X, digit = _digits()
    y = (digit == 9).astype(int)
    return tuple(train_test_split(X, y, test_size=0.25, random_state=0, stratify=y))


@functools.cache
def _nine_models() -> dict[str, Any]:
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    X_train, _, y_train, _ = _digits_nine_split()
    # The logistic regression first: on it, the usual slips give distinct numbers (on
    # the baseline, which always says "not a nine", several of them coincide).
    models = {
        "a logistic regression": make_pipeline(StandardScaler(), LogisticRegression()),
        "a deep tree": DecisionTreeClassifier(random_state=0),
        "a baseline": DummyClassifier(),
    }
    return {name: model.fit(X_train, y_train) for name, model in models.items()}


def _three(model: Any, rows: str = "test") -> dict[str, float]:
    """The three scores, and the usual slips, of ``model`` on the nine-spotting rows."""
    import warnings

    from sklearn.metrics import accuracy_score, balanced_accuracy_score, log_loss

    X_train, X_test, y_train, y_test = _digits_nine_split()
    X, y = (X_test, y_test) if rows == "test" else (X_train, y_train)
    predicted = model.predict(X)
    proba = model.predict_proba(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "accuracy": float(accuracy_score(y, predicted)),
            "balanced": float(balanced_accuracy_score(y, predicted)),
            "balanced_swapped": float(balanced_accuracy_score(predicted, y)),
            "logloss": float(log_loss(y, proba)),
            "logloss_labels": float(log_loss(y, predicted, labels=[0, 1])),
            "logloss_class0": float(log_loss(y, proba[:, 0], labels=[0, 1])),
        }


@lesson.exercise(
    hints=[
        "Inside the function, compute `predicted = model.predict(X9_test)` once, and the "
        "probabilities with `model.predict_proba(X9_test)`.",
        "The true labels come first in every metric: `balanced_accuracy_score(y9_test, "
        "predicted)`. Log-loss takes the probabilities, not the predictions.",
        "`return accuracy_score(y9_test, predicted), balanced_accuracy_score(y9_test, "
        "predicted), log_loss(y9_test, model.predict_proba(X9_test))`",
    ],
    wrong=[
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    return (accuracy_score(y9_test, p), balanced_accuracy_score(p, y9_test), "
            "log_loss(y9_test, model.predict_proba(X9_test)))",
            message="swapped",
        ),
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    return (accuracy_score(y9_test, p), balanced_accuracy_score(y9_test, p), "
            "log_loss(y9_test, p))",
            message="yes/no predictions",
        ),
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_train)\n"
            "    return (accuracy_score(y9_train, p), balanced_accuracy_score(y9_train, p), "
            "log_loss(y9_train, model.predict_proba(X9_train)))",
            message="training rows",
        ),
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    print(accuracy_score(y9_test, p), balanced_accuracy_score(y9_test, p), "
            "log_loss(y9_test, model.predict_proba(X9_test)))",
            message="returns None",
        ),
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    return (accuracy_score(y9_test, p), accuracy_score(y9_test, p), "
            "log_loss(y9_test, model.predict_proba(X9_test)))",
            message="plain accuracy",
        ),
        Wrong(
            "def three_scores(model):\n"
            "    p = model.predict(X9_test)\n"
            "    return (log_loss(y9_test, model.predict_proba(X9_test)), "
            "accuracy_score(y9_test, p), balanced_accuracy_score(y9_test, p))",
            message="order",
        ),
        Wrong("three_scores = (0.9, 0.5, 0.3)", message="should be a function"),
    ],
    success="One function, three verdicts on the same predictions.",
)
def three_scores(check: Check) -> str:
    """Write `three_scores(model)`: accuracy, balanced accuracy and log-loss on the test rows."""
    func = check.get("three_scores", types.FunctionType, what="a function (use `def`)")
    for label, model in _nine_models().items():
        accuracy, balanced, logloss = _three_numbers(check, func, label, model)
        right = _three(model)
        if not check.close(
            [accuracy, balanced, logloss], [right["accuracy"], right["balanced"], right["logloss"]]
        ):
            _name_score_slip(check, label, model, right, (accuracy, balanced, logloss))
    return "One function, three verdicts on the same predictions."


def _three_numbers(
    check: Check, func: types.FunctionType, label: str, model: Any
) -> tuple[float, float, float]:
    """What the learner's `three_scores(model)` returns, once it is three numbers."""
    import numpy as np

    got = check.call(func, model)
    if got is None:
        check.fail(
            "`three_scores` returns None: it needs a `return` line with the three numbers "
            "(printing them is not returning them)."
        )
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        check.wrong_kind("three_scores(model)", got, "a tuple of three numbers")
    if not all(isinstance(v, (numbers.Real, np.floating)) for v in got):
        check.fail(
            f"`three_scores` on {label} returned {got!r}: each of the three should be a "
            "single number."
        )
    accuracy, balanced, logloss = (float(v) for v in got)
    return accuracy, balanced, logloss


def _name_score_slip(
    check: Check,
    label: str,
    model: Any,
    right: dict[str, float],
    got: tuple[float, float, float],
) -> NoReturn:
    """End the check with which of the three numbers ``got`` for ``model`` is wrong, and how;
    ``right`` holds the model's own scores (``_three``)."""
    accuracy, balanced, logloss = got
    values = sorted([accuracy, balanced, logloss])
    if check.close(values, sorted([right["accuracy"], right["balanced"], right["logloss"]])):
        check.fail(
            "`three_scores` returns the right three numbers in the wrong order: return "
            "`(accuracy, balanced_accuracy, logloss)`."
        )
    train = _three(model, "train")
    if check.close(accuracy, train["accuracy"]) and not check.close(accuracy, right["accuracy"]):
        check.fail(
            f"`three_scores` scores {label} on the training rows `X9_train, y9_train`. "
            "Score it on the test rows, `X9_test, y9_test`.",
            reason="A model has seen its training rows; only the test rows say how it "
            "does on new images.",
        )
    check.expect(
        check.close(accuracy, right["accuracy"]),
        f"The first number `three_scores` returns for {label} ({accuracy!r}) is not its "
        "accuracy on the test rows: `accuracy_score(y9_test, model.predict(X9_test))`.",
    )
    if not check.close(balanced, right["balanced"]):
        if check.close(balanced, right["balanced_swapped"]):
            check.fail(
                "The balanced accuracy `three_scores` returns has its arguments swapped: "
                "`balanced_accuracy_score(y_true, y_pred)` takes the true labels first.",
                reason="Balanced accuracy averages the share found *of each true class*, "
                "so it matters which argument holds the truth.",
            )
        if check.close(balanced, right["accuracy"]):
            check.fail(
                "The second number `three_scores` returns is the plain accuracy again. "
                "Use `balanced_accuracy_score(y9_test, predicted)`."
            )
        check.fail(
            f"The second number `three_scores` returns for {label} ({balanced!r}) is not "
            "its balanced accuracy on the test rows."
        )
    if check.close(logloss, right["logloss_labels"]):
        check.fail(
            "The log-loss `three_scores` returns was computed from the yes/no "
            "predictions. Log-loss judges probabilities: pass "
            "`model.predict_proba(X9_test)`.",
            reason="With 0/1 predictions every mistake counts as a certain mistake, "
            "which is not what the model said.",
        )
    if check.close(logloss, right["logloss_class0"]):
        check.fail(
            "The log-loss `three_scores` returns used the probability of *not* a nine "
            "(column 0) as if it were the probability of a nine. Pass the whole "
            "`model.predict_proba(X9_test)`."
        )
    check.fail(
        f"The third number `three_scores` returns for {label} ({logloss!r}) is not its "
        "log-loss on the test rows: `log_loss(y9_test, model.predict_proba(X9_test))`."
    )


# ------------------------------------------------------------------ exercise 3 ---


@functools.cache
def _losses() -> dict[str, tuple[float, ...]]:
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    X, y = _cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    found: dict[str, list[float]] = {
        "train": [],
        "test": [],
        "accuracy": [],
        "test_accuracy": [],
    }
    from sklearn.metrics import log_loss

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for n in MAX_ITERS:
            model = LogisticRegression(max_iter=n).fit(X_train, y_train)
            found["train"].append(float(log_loss(y_train, model.predict_proba(X_train))))
            found["test"].append(float(log_loss(y_test, model.predict_proba(X_test))))
            found["accuracy"].append(float(model.score(X_train, y_train)))
            found["test_accuracy"].append(float(model.score(X_test, y_test)))
    return {k: tuple(v) for k, v in found.items()}


@lesson.exercise(
    hints=[
        "Start with `train_losses = []`, loop `for n in max_iters:`, fit "
        "`LogisticRegression(max_iter=n)` on `X_train, y_train`, and append one number.",
        "The number is the log-loss on the rows the model was fit on: "
        "`log_loss(y_train, model.predict_proba(X_train))`.",
    ],
    wrong=[
        Wrong(
            "train_losses = [log_loss(y_test, LogisticRegression(max_iter=n).fit(X_train, "
            "y_train).predict_proba(X_test)) for n in max_iters]",
            message="test rows",
        ),
        Wrong(
            "train_losses = [LogisticRegression(max_iter=n).fit(X_train, y_train).score("
            "X_train, y_train) for n in max_iters]",
            message="accuracies",
        ),
        Wrong(
            "train_losses = [log_loss(y_train, make_pipeline(StandardScaler(), "
            "LogisticRegression(max_iter=n)).fit(X_train, y_train).predict_proba(X_train)) "
            "for n in max_iters]",
            message="scaler",
        ),
        Wrong(
            "train_losses = [log_loss(y_train, LogisticRegression(max_iter=n).fit(X_train, "
            "y_train).predict_proba(X_train)) for n in reversed(max_iters)]",
            message="order of `max_iters`",
        ),
        Wrong(
            "model = LogisticRegression(max_iter=1000).fit(X_train, y_train)\n"
            "train_losses = log_loss(y_train, model.predict_proba(X_train))",
            message="one per `n`",
        ),
    ],
    success="Same family, same objective: only the search changed, and so did the model.",
)
def optimization(check: Check) -> str:
    """Set `train_losses` to the training log-loss of `LogisticRegression(max_iter=n)` per n."""
    import numpy as np

    value = check.get(
        "train_losses",
        (list, tuple, np.ndarray),
        what=f"a list of {len(MAX_ITERS)} numbers, one per `n` in `max_iters`",
    )
    if isinstance(value, (numbers.Real, np.floating)) or np.ndim(value) == 0:
        check.fail(
            f"`train_losses` is a single number: the task asks for one log-loss per `n` in `max_iters`, {len(MAX_ITERS)} in all."
        )
    losses = number_array(check, "train_losses", value).ravel()
    check.expect(
        len(losses) == len(MAX_ITERS),
        f"`train_losses` holds {len(losses)} numbers, but it should hold one log-loss per "
        f"`n` in `max_iters`, {len(MAX_ITERS)} in all.",
    )
    ref = _losses()
    if check.close(losses, ref["train"]):
        return "Same family, same objective: only the search changed, and so did the model."
    if np.ptp(losses) == 0:
        check.fail(
            "Every entry of `train_losses` is the same log-loss: the models were all fitted "
            "with the same settings. Pass `max_iter=n` inside the loop."
        )
    if check.close(losses, ref["train"][::-1]):
        check.fail(
            "`train_losses` is reversed: keep the order of `max_iters`, from 1 step to 1000."
        )
    if check.close(losses, ref["test"]) or check.close(losses[::-1], ref["test"]):
        check.fail(
            "`train_losses` holds log-losses on the test rows. The optimizer minimises the "
            "log-loss on the rows it fits, the training rows: that is the number to watch here.",
        )
    if check.close(losses, ref["accuracy"]) or check.close(losses, ref["test_accuracy"]):
        check.fail(
            "`train_losses` holds accuracies (`.score`), not log-losses. Use "
            "`log_loss(y_train, model.predict_proba(X_train))`."
        )
    if bool(np.all(losses < ref["train"][1] - 1e-3)):
        check.fail(
            "`train_losses` is too low for an unscaled logistic regression: a scaler makes "
            "the search easy. This exercise drops the scaler on purpose; fit "
            "`LogisticRegression(max_iter=n)` on the raw `X_train`."
        )
    check.fail(
        "`train_losses` is not the training log-loss of `LogisticRegression(max_iter=n)` fit "
        "on `X_train, y_train`, for each `n` in `max_iters`."
    )


# ------------------------------------------------------------------ exercise 4 ---


@functools.cache
def _permutation(
    target: str = "real", cv: str = "lesson", seed: int | None = 0, n: int = N_PERMUTATIONS
) -> tuple[float, tuple[float, ...], float]:
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import permutation_test_score

    X, y = _cancer()
    if target == "shuffled":
        rng = np.random.default_rng(0)
        y = pd.Series(rng.permutation(y.to_numpy()), index=y.index)
    score, permuted, p = permutation_test_score(
        _models()["tree"],
        X,
        y,
        cv=_cv() if cv == "lesson" else None,
        n_permutations=n,
        random_state=seed,
    )
    return float(score), tuple(float(s) for s in permuted), float(p)


@lesson.exercise(
    hints=[
        '`permutation_test_score(models["tree"], X, y, cv=cv, n_permutations=20, '
        "random_state=0)` returns three things: unpack them in the order the task gives.",
        "`real_score, permuted_scores, p_value = permutation_test_score(...)`",
    ],
    wrong=[
        Wrong(
            "real_score, p_value, permuted_scores = permutation_test_score(models['tree'], "
            "X, y, cv=cv, n_permutations=20, random_state=0)",
            message="order",
        ),
        Wrong(
            "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
            "X, y_shuffled, cv=cv, n_permutations=20, random_state=0)",
            message="shuffled labels",
        ),
        Wrong(
            "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
            "X, y, n_permutations=20, random_state=0)",
            message="cv=cv",
        ),
        Wrong(
            "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
            "X, y, cv=cv, n_permutations=20, random_state=1)",
            message="random_state=0",
        ),
        Wrong(
            "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
            "X, y, cv=cv, n_permutations=10, random_state=0)",
            message="20 shufflings",
        ),
    ],
    success="The real score sits far above every shuffled one: not luck.",
)
def permutation(check: Check) -> str:
    """Run `permutation_test_score` on the depth-3 tree; unpack its three results."""
    import numpy as np

    score = check.get("real_score")
    permuted = check.get("permuted_scores")
    p_value = check.get("p_value")
    if np.ndim(permuted) == 0 and (np.ndim(p_value) == 1 or np.ndim(score) == 1):
        check.fail(
            "`permuted_scores` is a single number and `p_value` an array: the three results "
            "are unpacked in the wrong order. It is `real_score, permuted_scores, p_value`."
        )
    for name, value in (("real_score", score), ("p_value", p_value)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (numbers.Real, np.floating)
        ):
            check.wrong_kind(name, value, "a single number")
    check.expect(
        np.ndim(permuted) == 1,
        f"`permuted_scores` should be the array of scores on shuffled labels, but it is a "
        f"{type(permuted).__name__}.",
    )
    permuted = number_array(check, "permuted_scores", permuted)
    right_score, right_permuted, right_p = _permutation()
    check.expect(
        len(permuted) == N_PERMUTATIONS,
        f"`permuted_scores` holds {len(permuted)} scores: the task asks for 20 shufflings "
        "(`n_permutations=20`).",
    )
    if not check.close(float(score), right_score):
        if check.close(float(score), _permutation("shuffled")[0]):
            check.fail(
                "`real_score` is the score on the lesson's shuffled labels, `y_shuffled`. The "
                "test itself does the shuffling: pass the real `y`.",
                reason="A permutation test compares the score on the real labels with scores "
                "on many shufflings of them.",
            )
        if check.close(float(score), _permutation(cv="default")[0]):
            check.fail(
                "`real_score` was computed with the default folds. Pass `cv=cv`, the lesson's "
                "shuffled folds, so that it matches exercise 1."
            )
        check.fail(
            f"`real_score` is {float(score)!r}, which is not the cross-validated accuracy of "
            '`models["tree"]` on `X, y` with `cv=cv`.'
        )
    if not check.close(permuted, right_permuted):
        check.fail(
            "`permuted_scores` are not the scores of the shufflings that `random_state=0` "
            "makes. Pass `random_state=0`, so that your numbers and the lesson's match."
        )
    check.expect(
        check.close(float(p_value), right_p),
        f"`p_value` is {float(p_value)!r}, which is not the p-value the test returned.",
    )
    return "The real score sits far above every shuffled one: not luck."


# ------------------------------------------------------------------ exercise 5 ---


@lesson.exercise(
    hints=[
        "Reuse the loop of exercise 1 with `X_digits, y_digits` in place of `X, y`.",
        "`max(scores, key=scores.get)` gives the key whose value is highest.",
        '`winners = {"cancer": max(scores, key=scores.get), "digits": '
        "max(digits_scores, key=digits_scores.get)}`",
    ],
    wrong=[
        Wrong(
            "digits_scores = {n: cross_val_score(m, X, y, cv=cv).mean() for n, m in models.items()}\n"
            "winners = {'cancer': 'linear', 'digits': 'linear'}",
            message="breast cancer",
        ),
        Wrong(
            "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() for n, m "
            "in models.items()}\n"
            "winners = {'cancer': min(scores, key=scores.get), 'digits': min(digits_scores, "
            "key=digits_scores.get)}",
            message="lowest",
        ),
        Wrong(
            "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() for n, m "
            "in models.items()}\n"
            "winners = {'cancer': max(digits_scores, key=digits_scores.get), 'digits': "
            "max(scores, key=scores.get)}",
            message="swapped",
        ),
        Wrong(
            "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() for n, m "
            "in models.items()}\n"
            "winners = {'cancer': max(scores.values()), 'digits': max(digits_scores.values())}",
            message="the best score itself",
        ),
        Wrong(
            "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() for n, m "
            "in models.items()}\n"
            "winners = {'cancer': max(scores), 'digits': max(digits_scores)}",
            message="alphabet",
        ),
    ],
    success="A different table, a different winner: no free lunch.",
)
def no_free_lunch(check: Check) -> str:
    """Score the three `models` on the digits (`digits_scores`); name each table's `winners`."""
    cancer = _means("cancer")
    if check.has("digits_scores"):
        value = check.get("digits_scores", Mapping, what="a dict of three mean scores")
        if set(value) == set(NAMES) and all(check.close(value[k], cancer[k]) for k in NAMES):
            check.fail(
                "`digits_scores` holds the scores on the breast cancer table (`X, y`). Score "
                "the models on `X_digits, y_digits`."
            )
    _score_dict(check, "digits_scores", "digits", "`X_digits, y_digits`")
    winners = check.get(
        "winners", Mapping, what='a dict like `{"cancer": "linear", "digits": ...}`'
    )
    check.expect(
        set(winners) == {"cancer", "digits"},
        f"`winners` has the keys {sorted(map(str, winners))}, but it should have exactly "
        '`"cancer"` and `"digits"`.',
    )
    digits = _means("digits")
    right = {
        "cancer": max(cancer, key=cancer.__getitem__),
        "digits": max(digits, key=digits.__getitem__),
    }
    for table, table_scores in (("cancer", cancer), ("digits", digits)):
        got = winners[table]
        if isinstance(got, (numbers.Real,)) and not isinstance(got, bool):
            check.fail(
                f'`winners["{table}"]` is a number, the best score itself. Keep the *name* of '
                "the model that has it: `max(scores, key=scores.get)`."
            )
        check.expect(
            got in NAMES,
            f'`winners["{table}"]` is {got!r}, which is not one of "linear", "tree", "knn".',
        )
        if got == right[table]:
            continue
        code = (check.code_for("winners") or "").replace(" ", "")
        if got == max(NAMES) and "max(" in code and "key=" not in code:
            check.fail(
                f'`winners["{table}"]` is the last name in the alphabet: `max(scores)` '
                "compares the keys, not the scores. Use `max(scores, key=scores.get)`."
            )
        if got == min(table_scores, key=table_scores.__getitem__):
            check.fail(
                f'`winners["{table}"]` is the model with the lowest score on that table. Take '
                "the highest: `max(..., key=....get)`.",
            )
        if got == max(NAMES):
            check.fail(
                f'`winners["{table}"]` is the last name in the alphabet: `max(scores)` '
                "compares the keys, not the scores. Use `max(scores, key=scores.get)`."
            )
        other = "digits" if table == "cancer" else "cancer"
        if got == right[other] and winners[other] == right[table]:
            check.fail(
                "The two winners are swapped: each table's winner is the best of *its* scores."
            )
        check.fail(
            f'`winners["{table}"]` is not the model with the highest mean score on that table.'
        )
    return "A different table, a different winner: no free lunch."

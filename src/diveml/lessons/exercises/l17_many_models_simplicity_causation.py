"""Lesson 17, Domingos: learn many models; simplicity is not accuracy; correlation is not
causation.

Ensembles (bagging, boosting, stacking) against the best single model on the
breast-cancer table, judged fold by fold; a stump against all of them; then the penguins'
bill length and depth, whose overall slope and within-species slopes have opposite signs
(Simpson's paradox, the species as confounder). References are recomputed here with the
lesson's folds and seeds.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong
from diveml.lessons.exercises._scores import match_known, score_array

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="17-many-models-simplicity-causation",
    title="Many models, simplicity, causation",
    minutes=30,
    summary=(
        "Bagging, boosting and stacking against the best single model, judged fold by fold; "
        "a stump that is simple and not accurate; a correlation that a confounder reverses."
    ),
    path_order=25,
)

_SAME_FOLDS = (
    "Pass `cv=cv`: every model of this lesson is scored on the same five folds, so that "
    "they can be compared fold by fold."
)


@functools.cache
def _cancer() -> tuple[Any, Any]:
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(return_X_y=True)


def _cv() -> Any:
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def _singles() -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    return {
        "logistic regression": make_pipeline(StandardScaler(), LogisticRegression()),
        "decision tree": DecisionTreeClassifier(random_state=0),
        "nearest neighbours": make_pipeline(StandardScaler(), KNeighborsClassifier()),
    }


def _model(name: str) -> Any:
    from sklearn.ensemble import AdaBoostClassifier, BaggingClassifier, StackingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.tree import DecisionTreeClassifier

    singles = _singles()
    if name in singles:
        return singles[name]
    return {
        "bagged": BaggingClassifier(
            DecisionTreeClassifier(random_state=0), n_estimators=20, random_state=0
        ),
        "boosted": AdaBoostClassifier(n_estimators=50, random_state=0),
        "stacked": StackingClassifier(
            estimators=list(singles.items()), final_estimator=LogisticRegression()
        ),
        "stacked_two": StackingClassifier(
            estimators=list(singles.items())[:2], final_estimator=LogisticRegression()
        ),
        "stump": DecisionTreeClassifier(max_depth=1, random_state=0),
    }[name]


@functools.cache
def _scores(name: str, cv: str = "lesson") -> np.ndarray:
    """Fold scores of the lesson's model ``name`` (``cv="5"``: unshuffled folds)."""
    from sklearn.model_selection import cross_val_score

    X, y = _cancer()
    return cross_val_score(_model(name), X, y, cv=_cv() if cv == "lesson" else 5)


@functools.cache
def _train_score(name: str) -> float:
    from sklearn.base import clone

    X, y = _cancer()
    return float(clone(_model(name)).fit(X, y).score(X, y))


def _fold_scores(
    check: Check,
    name: str,
    model: str,
    what: str,
    extra: list[tuple[Any, str]] | None = None,
) -> np.ndarray:
    """The learner's fold scores ``name`` of the lesson's ``model``, or the check ends.

    ``extra`` holds more ``(wrong result, message)`` pairs to recognise.
    """
    expected = _scores(model)
    scores = score_array(check, name, expected, train_score=functools.partial(_train_score, model))
    if check.close(scores, expected):
        return scores
    match_known(
        check,
        name,
        scores,
        [
            (
                _scores(model, cv="5"),
                "{name} were scored on other folds, not the lesson's `cv`.",
                _SAME_FOLDS,
            ),
            (
                _scores("decision tree"),
                "{name} are the scores of a single decision tree, not of " + what + ".",
                None,
            ),
            *((result, message, None) for result, message in extra or []),
        ],
    )
    check.fail(f"`{name}` are not the cross-validation scores of {what} with `cv=cv`.")


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        "`single_scores[name].mean()` is a model's mean score.",
        "`max(single_scores, key=lambda name: single_scores[name].mean())`",
    ],
    wrong=[
        Wrong(
            "best_single = min(single_scores, key=lambda name: single_scores[name].mean())",
            message="lowest",
        ),
        Wrong(
            "best_single = max(singles, key=lambda name: singles[name].fit(X, y).score(X, y))",
            message="rows it was fitted on",
        ),
        Wrong(
            'best_single = single_scores["logistic regression"]',
            message="the scores, not the name",
        ),
        Wrong("best_single = singles['logistic regression']", message="the model itself"),
        Wrong("best_single = max(single_scores)", message="alphabet"),
    ],
)
def best_single(check: Check) -> str:
    """Set `best_single` to the name of the single model with the best mean score."""
    import numpy as np
    from sklearn.base import BaseEstimator

    value = check.get("best_single")
    if isinstance(value, BaseEstimator):
        check.fail(
            "`best_single` is the model itself; set it to its name, the key of "
            "`single_scores` (a string)."
        )
    names = list(_singles())
    if isinstance(value, np.ndarray) and value.shape == _scores(names[0]).shape:
        check.fail(
            "`best_single` holds fold scores: the scores, not the name. Set it to the name "
            "of the model, a key of `single_scores`."
        )
    if not isinstance(value, str):
        check.wrong_kind("best_single", value, "a name, one of the keys of `single_scores`")
    check.expect(
        value in names,
        f"`best_single` is {value!r}, which is not a key of `single_scores` ({names}).",
    )
    scores = {name: _scores(name) for name in names}
    means = {name: float(np.mean(s)) for name, s in scores.items()}
    best = max(means, key=lambda n: means[n])
    if value == best:
        return f"{value}: mean {means[value]:.3f}."
    code = check.code_for("best_single") or ""
    if value == max(names, key=lambda n: _train_score(n)) and ".fit(" in code:
        check.fail(
            "`best_single` has the best score on the rows it was fitted on, not the best "
            "cross-validation score.",
            reason="A model scored on its own training rows shows how well it memorised "
            "them; a deep tree memorises everything. Compare the cross-validation means.",
        )
    if value == min(means, key=lambda n: means[n]):
        check.fail("`best_single` has the lowest mean score of the three; take the highest.")
    if value == max(scores, key=lambda n: scores[n].max()):
        check.fail(
            "`best_single` has the single best fold, not the best mean. One lucky fold is "
            "not a better model: compare the means over all five folds."
        )
    if value == min(scores, key=lambda n: scores[n].std()):
        check.fail(
            "`best_single` has the smallest spread of the three, not the highest mean. "
            "A steady model is not a better one if it is steadily worse."
        )
    if value == max(names):
        check.fail(
            "`best_single` is the last name in the alphabet: `max(single_scores)` compares "
            "the keys, not their scores. Pass `key=lambda name: single_scores[name].mean()`."
        )
    check.fail(f"`best_single` is {value!r}, which does not have the highest mean score.")


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "Make each model as the task writes it, then `cross_val_score(model, X, y, cv=cv)`.",
        "`bagged_scores = cross_val_score(bagged, X, y, cv=cv)`",
    ],
    wrong=[
        Wrong(
            "bagged = DecisionTreeClassifier(random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = cross_val_score(boosted, X, y, cv=cv)",
            message="not a `BaggingClassifier`",
        ),
        Wrong(
            "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), "
            "n_estimators=20, random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv).mean()\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = cross_val_score(boosted, X, y, cv=cv).mean()",
            message="the mean of the fold scores",
        ),
        Wrong(
            "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), "
            "n_estimators=20, random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=5)\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = cross_val_score(boosted, X, y, cv=5)",
            message="other folds",
        ),
        Wrong(
            "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), "
            "n_estimators=20)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = cross_val_score(boosted, X, y, cv=cv)",
            message="random_state=0",
        ),
        Wrong(
            "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), "
            "n_estimators=20, random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
            "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
            "boosted_scores = bagged_scores",
            message="the bagged trees",
        ),
    ],
)
def bag_and_boost(check: Check) -> str:
    """Cross-validate 20 bagged trees and 50 boosted stumps: `bagged_scores`, `boosted_scores`."""
    from sklearn.base import BaseEstimator
    from sklearn.ensemble import AdaBoostClassifier, BaggingClassifier

    for name, kind, model in (
        ("bagged", BaggingClassifier, "bagged"),
        ("boosted", AdaBoostClassifier, "boosted"),
    ):
        value = check.get(name, BaseEstimator, what="a scikit-learn model")
        if not isinstance(value, kind):
            check.fail(
                f"`{name}` is a {type(value).__name__}, not a `{kind.__name__}`. Make it as "
                "the task writes it."
            )
        expected = _model(model).get_params(deep=False)
        for param in ("n_estimators", "random_state"):
            got = value.get_params(deep=False)[param]
            check.expect(
                got == expected[param],
                f"`{name}` has `{param}={got!r}`; the task asks for `{param}={expected[param]!r}`.",
            )
    bagged = _fold_scores(check, "bagged_scores", "bagged", "the bagged trees")
    boosted = _fold_scores(
        check,
        "boosted_scores",
        "boosted",
        "the boosted stumps",
        extra=[(_scores("bagged"), "{name} are the scores of the bagged trees, not of `boosted`.")],
    )
    tree = _scores("decision tree")
    return (
        f"Bagged trees {bagged.mean():.3f}, boosted stumps {boosted.mean():.3f}; one tree "
        f"{tree.mean():.3f}."
    )


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        "`StackingClassifier(estimators=list(singles.items()), "
        "final_estimator=LogisticRegression())`",
        "`stacked_scores = cross_val_score(stacked, X, y, cv=cv)`",
    ],
    wrong=[
        Wrong(
            "stacked = StackingClassifier(estimators=list(singles.items())[:2], "
            "final_estimator=LogisticRegression())\n"
            "stacked_scores = cross_val_score(stacked, X, y, cv=cv)",
            message="2 models",
        ),
        Wrong(
            "stacked = StackingClassifier(estimators=list(singles.items()), "
            "final_estimator=LogisticRegression())\n"
            "stacked_scores = cross_val_score(stacked, X, y, cv=cv).mean()",
            message="the mean of the fold scores",
        ),
        Wrong(
            "stacked = StackingClassifier(estimators=list(singles.items()), "
            "final_estimator=LogisticRegression())\n"
            "stacked_scores = cross_val_score(stacked, X, y, cv=5)",
            message="other folds",
        ),
        Wrong(
            "stacked = StackingClassifier(estimators=list(singles.items()), "
            "final_estimator=LogisticRegression())\n"
            "stacked_scores = stacked.fit(X, y).score(X, y)",
            message="training rows",
        ),
        Wrong(
            "stacked = StackingClassifier(estimators=singles, "
            "final_estimator=LogisticRegression())\nstacked_scores = ...",
            message="(name, model)",
        ),
    ],
)
def stacking(check: Check) -> str:
    """Set `stacked` to a stack of the three single models and `stacked_scores` to its scores."""
    from sklearn.base import BaseEstimator
    from sklearn.ensemble import StackingClassifier

    value = check.get("stacked", BaseEstimator, what="a scikit-learn model")
    if not isinstance(value, StackingClassifier):
        check.fail(f"`stacked` is a {type(value).__name__}, not a `StackingClassifier`.")
    estimators = value.estimators
    if not isinstance(estimators, list) or not all(
        isinstance(e, tuple) and len(e) == 2 for e in estimators
    ):
        check.fail(
            "`stacked`'s `estimators` should be a list of (name, model) pairs: "
            "`list(singles.items())`, not the dict `singles` itself."
        )
    check.expect(
        len(estimators) == len(_singles()),
        f"`stacked` combines {len(estimators)} models; the task asks for all "
        f"{len(_singles())} single models, `list(singles.items())`.",
    )
    scores = _fold_scores(check, "stacked_scores", "stacked", "`stacked`")
    return f"Stacking: {scores.mean():.3f} on average."


# --------------------------------------------------------------------------- exercise 4


def _typed_bool(check: Check, name: str) -> bool:
    """True when the learner's cell sets ``name`` to a bare ``True`` or ``False``."""
    import ast

    code = check.code_for(name)
    if code is None:
        return False
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, bool)
        for node in ast.walk(tree)
    )


def _clear(differences: np.ndarray) -> bool:
    import numpy as np

    error = differences.std(ddof=1) / np.sqrt(len(differences))
    return bool(differences.mean() > 2 * error)


@lesson.exercise(
    hints=[
        'Arrays subtract element by element: `boosted_scores - single_scores["decision tree"]`.',
        "`boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree)` is True or False.",
    ],
    wrong=[
        Wrong(
            'boost_vs_tree = single_scores["decision tree"] - boosted_scores\n'
            "stack_vs_best = single_scores[best_single] - stacked_scores\n"
            "boost_clear = bool(boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree))\n"
            "stack_clear = bool(stack_vs_best.mean() > 2 * standard_error(stack_vs_best))",
            message="the other way round",
        ),
        Wrong(
            'boost_vs_tree = boosted_scores - single_scores["decision tree"]\n'
            "stack_vs_best = stacked_scores - single_scores[best_single]\n"
            "boost_clear = True\nstack_clear = True",
            message="typed in",
        ),
        Wrong(
            'boost_vs_tree = boosted_scores - single_scores["decision tree"]\n'
            'stack_vs_best = stacked_scores - single_scores["decision tree"]\n'
            "boost_clear = bool(boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree))\n"
            "stack_clear = bool(stack_vs_best.mean() > 2 * standard_error(stack_vs_best))",
            message="not the best single model",
        ),
        Wrong(
            'boost_vs_tree = boosted_scores.mean() - single_scores["decision tree"].mean()\n'
            "stack_vs_best = stacked_scores.mean() - single_scores[best_single].mean()\n"
            "boost_clear = bool(boost_vs_tree > 0)\nstack_clear = bool(stack_vs_best > 0)",
            message="fold by fold",
        ),
    ],
)
def judge_gains(check: Check) -> str:
    """Set the fold differences `boost_vs_tree`, `stack_vs_best` and whether each is clear."""
    import numpy as np

    tree = _scores("decision tree")
    names = list(_singles())
    best = max(names, key=lambda n: float(np.mean(_scores(n))))
    wanted = {
        "boost_vs_tree": (_scores("boosted") - tree, "the decision tree"),
        "stack_vs_best": (_scores("stacked") - _scores(best), "the best single model"),
    }
    for name, (expected, other) in wanted.items():
        value = check.get(name)
        differences = (
            score_array(check, name, expected)
            if not isinstance(value, (float, np.floating))
            else None
        )
        if differences is None:
            check.fail(
                f"`{name}` is one number, a difference of means. Subtract the scores fold "
                "by fold (two arrays), so that each fold's easiness cancels out."
            )
        if name == "boost_vs_tree" and check.close(differences, _scores("bagged") - tree):
            check.fail(
                "`boost_vs_tree` uses the bagged trees' scores; this difference is about "
                "boosting: `boosted_scores` minus the decision tree's scores."
            )
        if check.close(differences, -expected):
            check.fail(
                f"`{name}` is the other way round: the ensemble's scores minus those of "
                f"{other}, so that a positive difference means the ensemble is better."
            )
        if name == "stack_vs_best":
            for single in names:
                if single != best and check.close(
                    differences, _scores("stacked") - _scores(single)
                ):
                    check.fail(
                        f"`stack_vs_best` compares stacking with the {single}, not the best "
                        "single model, `single_scores[best_single]`."
                    )
        check.expect(
            check.close(differences, expected),
            f"`{name}` is not the fold-by-fold difference the task asks for.",
        )
    verdicts = {}
    for name, key in (("boost_clear", "boost_vs_tree"), ("stack_clear", "stack_vs_best")):
        verdict = check.get(name)
        if not isinstance(verdict, (bool, np.bool_)):
            check.wrong_kind(name, verdict, "True or False")
        if _typed_bool(check, name) and bool(verdict) != _clear(wanted[key][0]):
            check.fail(
                f"`{name}` was typed in, and it is not what the rule says for `{key}`. "
                f"Compute it: is the mean of `{key}` more than `2 * standard_error({key})`?"
            )
        check.expect(
            bool(verdict) == _clear(wanted[key][0]),
            f"`{name}` is {bool(verdict)}, but that is not what the rule says for "
            f"`{key}`: is its mean more than `2 * standard_error({key})`?",
        )
        verdicts[name] = bool(verdict)
    if any(_typed_bool(check, n) for n in verdicts):
        check.fail(
            "`boost_clear` or `stack_clear` was typed in. Compute each from its differences "
            "with the rule, so that it stays right if the scores change."
        )
    words = {True: "a clear gain", False: "not a clear gain"}
    return (
        f"Boosting against one tree: {words[verdicts['boost_clear']]}; stacking against "
        f"the best single model: {words[verdicts['stack_clear']]}."
    )


# --------------------------------------------------------------------------- exercise 5


@functools.cache
def _depth_scores(depth: int) -> np.ndarray:
    from sklearn.model_selection import cross_val_score
    from sklearn.tree import DecisionTreeClassifier

    X, y = _cancer()
    model = DecisionTreeClassifier(max_depth=depth, random_state=0)
    return cross_val_score(model, X, y, cv=_cv())


@lesson.exercise(
    hints=[
        "`DecisionTreeClassifier(max_depth=1, random_state=0)` is a stump.",
        "`cross_val_score(DecisionTreeClassifier(max_depth=1, random_state=0), X, y, cv=cv)`",
    ],
    wrong=[
        Wrong(
            "stump_scores = cross_val_score(DecisionTreeClassifier(max_depth=2, "
            "random_state=0), X, y, cv=cv)",
            message="depth 2",
        ),
        Wrong(
            "stump_scores = cross_val_score(DecisionTreeClassifier(random_state=0), X, y, cv=cv)",
            message="single decision tree",
        ),
        Wrong(
            "stump_scores = cross_val_score(DecisionTreeClassifier(max_depth=1, "
            "random_state=0), X, y, cv=cv).mean()",
            message="the mean of the fold scores",
        ),
        Wrong(
            "stump_scores = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y)"
            ".score(X, y)",
            message="training rows",
        ),
    ],
)
def simplicity(check: Check) -> str:
    """Set `stump_scores` to the cross-validation scores of a depth-1 tree."""
    import numpy as np

    expected = _scores("stump")
    scores = score_array(
        check, "stump_scores", expected, train_score=functools.partial(_train_score, "stump")
    )
    if check.close(scores, expected):
        return f"The stump: {np.mean(scores):.3f} on average, simple and less accurate."
    match_known(
        check,
        "stump_scores",
        scores,
        [
            *(
                (
                    _depth_scores(depth),
                    f"{{name}} are the scores of a tree of depth {depth}; a stump has depth "
                    "1: `max_depth=1`.",
                    None,
                )
                for depth in (2, 3, 4)
            ),
            (
                _scores("decision tree"),
                "{name} are the scores of a single decision tree grown without a depth "
                "limit; a stump has `max_depth=1`.",
                None,
            ),
            (_scores("stump", cv="5"), "{name} were scored on other folds.", _SAME_FOLDS),
        ],
    )
    check.fail("`stump_scores` are not the cross-validation scores of a stump with `cv=cv`.")


# --------------------------------------------------------------------------- exercise 6


@functools.cache
def _penguins() -> pd.DataFrame:
    import diveml

    return diveml.load_dataset("penguins").dropna(subset=["bill_length_mm", "bill_depth_mm"])


def _slope(x: Any, y: Any) -> float:
    import numpy as np

    return float(np.polyfit(x, y, 1)[0])


def _number(check: Check, name: str) -> float:
    import numbers

    import numpy as np

    value = check.get(name)
    if isinstance(value, (np.ndarray, list, tuple)) and np.size(value) == 2:
        check.fail(
            f"`{name}` holds two numbers, what `np.polyfit` returns: `[slope, intercept]`. "
            "Keep the first, `[0]`."
        )
    if not isinstance(value, (numbers.Real, np.floating)) or isinstance(value, bool):
        check.wrong_kind(name, value, "a single number, a slope")
    return float(value)


@lesson.exercise(
    hints=[
        "`np.polyfit(length, depth, 1)` returns `[slope, intercept]`; x comes first.",
        "`np.polyfit(length, depth, 1)[0]`",
    ],
    wrong=[
        Wrong("overall_slope = np.polyfit(depth, length, 1)[0]", message="swapped"),
        Wrong("overall_slope = np.polyfit(length, depth, 1)[1]", message="intercept"),
        Wrong("overall_slope = np.polyfit(length, depth, 1)", message="two numbers"),
        Wrong("overall_slope = np.corrcoef(length, depth)[0, 1]", message="correlation"),
    ],
)
def overall_slope(check: Check) -> str:
    """Set `overall_slope` to the slope of bill depth against bill length, all penguins."""
    import numpy as np

    frame = _penguins()
    length, depth = frame["bill_length_mm"], frame["bill_depth_mm"]
    value = _number(check, "overall_slope")
    expected = _slope(length, depth)
    if check.close(value, expected, rtol=1e-5):
        return f"{value:.3f} mm of depth per mm of length, over all penguins."
    if check.close(value, _slope(depth, length), rtol=1e-5):
        check.fail(
            "`overall_slope` has x and y swapped: it is the slope of length against depth. "
            "`np.polyfit(x, y, 1)` takes the x values (length) first."
        )
    if check.close(value, float(np.polyfit(length, depth, 1)[1]), rtol=1e-5):
        check.fail(
            "`overall_slope` is the intercept, the second number `np.polyfit` returns. The "
            "slope is the first, `[0]`."
        )
    if check.close(value, float(np.polyfit(length, depth, 2)[0]), rtol=1e-5):
        check.fail(
            "`overall_slope` comes from a curve of degree 2 (`np.polyfit(..., 2)`), not a "
            "straight line. Use degree 1: `np.polyfit(length, depth, 1)[0]`."
        )
    if check.close(value, float(np.corrcoef(length, depth)[0, 1]), rtol=1e-5):
        check.fail(
            "`overall_slope` is the correlation coefficient (between -1 and 1, without "
            "units), not the slope (mm of depth per mm of length). Use `np.polyfit`."
        )
    check.fail(
        "`overall_slope` is not the slope of bill depth against bill length over all "
        "penguins. Use `np.polyfit(length, depth, 1)[0]`."
    )


# --------------------------------------------------------------------------- exercise 7


@lesson.exercise(
    hints=[
        '`for species, group in penguins.groupby("species"):` loops over the species.',
        'In each group, the slope is `np.polyfit(group["bill_length_mm"], '
        'group["bill_depth_mm"], 1)[0]`.',
    ],
    wrong=[
        Wrong(
            "species_slopes = {s: overall_slope for s in penguins['species'].unique()}",
            message="the overall slope",
        ),
        Wrong(
            "species_slopes = {s: np.polyfit(g['bill_depth_mm'], g['bill_length_mm'], 1)[0] "
            "for s, g in penguins.groupby('species')}",
            message="swapped",
        ),
        Wrong(
            "species_slopes = {s: np.polyfit(g['bill_length_mm'], g['bill_depth_mm'], 1)[0] "
            "for s, g in penguins.groupby('island')}",
            message="island",
        ),
        Wrong(
            "species_slopes = {s: np.polyfit(g['bill_length_mm'], g['bill_depth_mm'], 1)[1] "
            "for s, g in penguins.groupby('species')}",
            message="intercept",
        ),
        Wrong(
            "species_slopes = [np.polyfit(g['bill_length_mm'], g['bill_depth_mm'], 1)[0] "
            "for s, g in penguins.groupby('species')]",
            message="maps each species",
        ),
    ],
)
def species_slopes(check: Check) -> str:
    """Set `species_slopes` to the slope of bill depth against length within each species."""
    import pandas as pd

    frame = _penguins()
    value = check.get("species_slopes")
    if isinstance(value, (list, tuple)):
        check.fail(
            "`species_slopes` is a list; make it a dict (or a Series) that maps each species "
            "to its slope, so that each number keeps its name."
        )
    if not isinstance(value, (dict, pd.Series)):
        check.wrong_kind("species_slopes", value, "a dict from species to slope")
    slopes = dict(value)
    species = sorted(frame["species"].unique())
    islands = sorted(frame["island"].unique())
    if sorted(map(str, slopes)) == islands:
        check.fail("`species_slopes` is keyed by island, not by species: group by `species`.")
    check.expect(
        sorted(map(str, slopes)) == species,
        f"`species_slopes` has the keys {sorted(map(str, slopes))}; it should map each "
        f"species ({species}) to its slope.",
    )
    groups = {s: g for s, g in frame.groupby("species")}
    overall = _slope(frame["bill_length_mm"], frame["bill_depth_mm"])
    for name in species:
        g = groups[name]
        got = slopes[name]
        try:
            number = float(got)
        except (TypeError, ValueError):
            check.wrong_kind(f"species_slopes[{name!r}]", got, "a single number, a slope")
        expected = _slope(g["bill_length_mm"], g["bill_depth_mm"])
        if check.close(number, expected, rtol=1e-5):
            continue
        if check.close(number, overall, rtol=1e-5):
            check.fail(
                f"`species_slopes[{name!r}]` is the overall slope of all penguins. Fit the "
                f"line on the {name} penguins only."
            )
        if check.close(number, _slope(g["bill_depth_mm"], g["bill_length_mm"]), rtol=1e-5):
            check.fail(
                f"`species_slopes[{name!r}]` has x and y swapped: the slope of length "
                "against depth. Put the lengths first in `np.polyfit`."
            )
        import numpy as np

        if check.close(
            number, float(np.polyfit(g["bill_length_mm"], g["bill_depth_mm"], 1)[1]), rtol=1e-5
        ):
            check.fail(f"`species_slopes[{name!r}]` is the intercept, not the slope: take `[0]`.")
        if check.close(
            number, float(np.corrcoef(g["bill_length_mm"], g["bill_depth_mm"])[0, 1]), rtol=1e-5
        ):
            check.fail(
                f"`species_slopes[{name!r}]` is the correlation coefficient, not the slope "
                "(mm of depth per mm of length). Use `np.polyfit(..., 1)[0]`."
            )
        check.fail(
            f"`species_slopes[{name!r}]` is not the slope of bill depth against bill length "
            f"among the {name} penguins."
        )
    signs = "all positive" if all(float(slopes[s]) > 0 for s in species) else "mixed"
    return f"Within the species the slopes are {signs}; over all penguins it is {overall:.3f}."

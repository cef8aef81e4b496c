"""Lesson 19, the clever methods of overfitting: tune on test, pick the measure, pick the data.

Every reference is rebuilt here from the breast cancer table with the lesson's constants
(fresh rows locked away first, a 40-row test set, 40 random pairs of columns), never from
the learner's variables. The checks recognise the honest-looking slips of each method:
choosing on the training or fresh rows, an average where a maximum was asked, a tie counted
as a win, a fresh score from a model that saw the test rows.
"""

from __future__ import annotations

import functools
import numbers
import re
from typing import Any

from diveml.lessons.authoring import Check, Lesson, Wrong

lesson = Lesson(
    id="19-clever-overfitting",
    title="The clever methods of overfitting",
    minutes=30,
    # The guide's risks, after Domingos' lessons and pandas.
    path_order=40,
    summary="Langford's methods committed on purpose (tuning on the test set, choosing the "
    "measure, picking the data sets), the truth on fresh rows, and diveml review.",
)

SEED = 0
N_PAIRS = 40
N_CLINICS = 15
MEASURES = ("accuracy", "balanced_accuracy", "f1", "precision", "recall")


@functools.cache
def _rows() -> dict[str, Any]:
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    cancer = load_breast_cancer(as_frame=True)
    X, y = cancer.data, cancer.target
    X_work, X_fresh, y_work, y_fresh = train_test_split(X, y, test_size=0.4, random_state=SEED)
    X_train, X_test, y_train, y_test = train_test_split(
        X_work, y_work, test_size=40, random_state=SEED
    )
    X_fit, X_val, y_fit, y_val = train_test_split(
        X_train, y_train, test_size=0.25, random_state=SEED
    )
    return dict(
        X=X, X_work=X_work, y_work=y_work, X_fresh=X_fresh, y_fresh=y_fresh,
        X_train=X_train, X_test=X_test, y_train=y_train, y_test=y_test,
        X_fit=X_fit, X_val=X_val, y_fit=y_fit, y_val=y_val,
    )  # fmt: skip


def _tree() -> Any:
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(max_depth=3, random_state=0)


@functools.cache
def _subsets() -> list[tuple[str, ...]]:
    import numpy as np

    rng = np.random.default_rng(SEED)
    columns = _rows()["X"].columns
    return [tuple(sorted(rng.choice(columns, size=2, replace=False))) for _ in range(N_PAIRS)]


def _score(fit_on: str, score_on: str, cols: tuple[str, ...]) -> float:
    r = _rows()
    c = list(cols)
    model = _tree().fit(r[f"X_{fit_on}"][c], r[f"y_{fit_on}"])
    return float(model.score(r[f"X_{score_on}"][c], r[f"y_{score_on}"]))


@functools.cache
def _scores(fit_on: str, score_on: str) -> tuple[float, ...]:
    return tuple(_score(fit_on, score_on, cols) for cols in _subsets())


def _best(fit_on: str, score_on: str) -> tuple[str, ...]:
    import numpy as np

    return _subsets()[int(np.argmax(_scores(fit_on, score_on)))]


def _pair(check: Check, name: str) -> tuple[str, ...]:
    """The learner's pair of columns, as a sorted tuple, or a clear failure."""
    value = check.get(name, (list, tuple), what="a list of two column names")
    check.expect(
        len(value) == 2 and all(isinstance(v, str) for v in value),
        f"`{name}` should hold two column names (one entry of `subsets`), but it holds "
        f"{len(value)} item(s).",
    )
    return tuple(sorted(value))


def _number(check: Check, name: str, what: str = "a number between 0 and 1") -> float:
    value = check.get(name, numbers.Real, what=what)
    return float(value)


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "Keep one test score per pair, in a list, in the order of `subsets`.",
        "`np.argmax(scores)` gives the position of the first largest score; "
        "`subsets[position]` is its pair.",
        "`tree = make_tree().fit(X_train[cols], y_train)` then "
        "`tree.score(X_test[cols], y_test)`, inside `for cols in subsets:`.",
    ],
    wrong=[
        Wrong(
            "scores = [make_tree().fit(X_train[c], y_train).score(X_train[c], y_train) "
            "for c in subsets]\n"
            "best_cols = subsets[int(np.argmax(scores))]\nbest_test_score = max(scores)",
            message="training rows",
        ),
        Wrong(
            "scores = [make_tree().fit(X_train[c], y_train).score(X_test[c], y_test) "
            "for c in subsets]\n"
            "best_cols = subsets[int(np.argmax(scores))]\nbest_test_score = np.mean(scores)",
            message="the mean",
        ),
        Wrong(
            "scores = [make_tree().fit(X_train[c], y_train).score(X_test[c], y_test) "
            "for c in subsets]\n"
            "best_cols = subsets[int(np.argmin(scores))]\nbest_test_score = min(scores)",
            message="lowest",
        ),
        Wrong(
            "for cols in subsets:\n"
            "    score = make_tree().fit(X_train[cols], y_train).score(X_test[cols], y_test)\n"
            "best_cols = cols\nbest_test_score = score",
            message="last pair",
        ),
        Wrong(
            "scores = [make_tree().fit(X_train[c], y_train).score(X_fresh[c], y_fresh) "
            "for c in subsets]\n"
            "best_cols = subsets[int(np.argmax(scores))]\nbest_test_score = max(scores)",
            message="fresh rows",
        ),
    ],
    success="That is the number a hurried report would print. Now ask the fresh rows.",
)
def tune_on_test(check: Check) -> str:
    """Set `best_cols` to the pair with the best test accuracy and `best_test_score` to it."""
    cols = _pair(check, "best_cols")
    score = _number(check, "best_test_score")
    check.expect(
        cols in _subsets(),
        f"`best_cols` is {list(cols)!r}, which is not one of the pairs in `subsets`.",
    )
    test = _scores("train", "test")
    if cols == _best("train", "train") and cols != _best("train", "test"):
        check.fail(
            "`best_cols` is the pair with the best score on the training rows. This "
            "exercise asks for the best score on the *test* rows.",
            reason="A depth-3 tree's training score says how well it fits rows it has seen.",
        )
    if cols == _best("train", "fresh") and cols != _best("train", "test"):
        check.fail(
            "`best_cols` is the pair with the best score on the fresh rows: those rows are "
            "locked away. Score each pair on `X_test[cols], y_test`."
        )
    if cols == _subsets()[-1] and cols != _best("train", "test"):
        check.fail(
            "`best_cols` is the last pair of `subsets`: the loop kept the last one, not the "
            "best one. Keep every score, then take the position of the largest."
        )
    if check.close(score, min(test)) and not check.close(score, max(test)):
        check.fail(
            "`best_test_score` is the lowest test score of the pairs: take the largest "
            "(`max` / `np.argmax`)."
        )
    if check.close(score, sum(test) / len(test)):
        check.fail(
            "`best_test_score` is the mean of the pairs' test scores; the task asks for the "
            "score of the best pair, the maximum."
        )
    check.expect(
        cols == _best("train", "test"),
        f"`best_cols` ({list(cols)!r}) does not have the highest test accuracy of the "
        "pairs (the first such pair, if several tie). Fit `make_tree()` on "
        "`X_train[cols], y_train` and score on `X_test[cols], y_test` for every pair.",
    )
    check.expect(
        check.close(score, max(test)),
        f"`best_test_score` is {score!r}, which is not the test accuracy of `best_cols`.",
    )
    return f"The test rows say {score:.3f} for {list(cols)}."


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        "Fit a new `make_tree()` on the training rows, keeping only the columns `best_cols`.",
        "Score it with `.score(X_fresh[best_cols], y_fresh)`.",
    ],
    wrong=[
        Wrong(
            "best_fresh_score = make_tree().fit(X_train[best_cols], y_train)"
            ".score(X_test[best_cols], y_test)",
            message="test rows",
        ),
        Wrong(
            "best_fresh_score = make_tree().fit(X_test[best_cols], y_test)"
            ".score(X_fresh[best_cols], y_fresh)",
            message="fitted on the 40 test rows",
        ),
        Wrong(
            "best_fresh_score = make_tree().fit(X_train, y_train).score(X_fresh, y_fresh)",
            message="every column",
        ),
        Wrong(
            "best_fresh_score = make_tree().fit(X_fresh[best_cols], y_fresh)"
            ".score(X_fresh[best_cols], y_fresh)",
            message="fitted on the fresh rows",
        ),
    ],
)
def fresh_truth(check: Check) -> str:
    """Set `best_fresh_score` to the fresh-row accuracy of a tree fit on `best_cols`."""
    r = _rows()
    score = _number(check, "best_fresh_score")
    cols = list(_best("train", "test"))
    expected = _score("train", "fresh", tuple(cols))
    if check.close(expected, score):
        gap = max(_scores("train", "test")) - score
        return f"The truth: {score:.3f}, {gap:+.3f} below what the test rows promised."
    if check.close(score, max(_scores("train", "test"))):
        check.fail(
            "`best_fresh_score` is the score on the test rows again. Score the tree on "
            "`X_fresh[best_cols], y_fresh`."
        )
    if check.close(score, _score("work", "fresh", tuple(cols))):
        check.fail(
            "`best_fresh_score` comes from a tree fitted on `X_work`, which also saw the "
            "test rows. Fit on `X_train[best_cols], y_train`, as in exercise 1."
        )
    if check.close(score, _score("test", "fresh", tuple(cols))):
        check.fail(
            "`best_fresh_score` comes from a tree fitted on the 40 test rows. Fit on "
            "`X_train[best_cols], y_train`, the rows the choice was made with."
        )
    everything = _tree().fit(r["X_train"], r["y_train"]).score(r["X_fresh"], r["y_fresh"])
    if check.close(score, everything):
        check.fail(
            "`best_fresh_score` comes from a tree that uses every column; keep only the two "
            "columns `best_cols`."
        )
    if check.close(score, _score("fresh", "fresh", tuple(cols))):
        check.fail(
            "`best_fresh_score` comes from a tree fitted on the fresh rows and scored on "
            "them: it memorised its own answers. Fit on the training rows.",
        )
    check.fail(
        f"`best_fresh_score` is {score!r}, which is not the fresh-row accuracy of "
        "`make_tree()` fitted on `X_train[best_cols], y_train`."
    )


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        "The same loop as in exercise 1, with `X_fit, y_fit` to fit and `X_val, y_val` to score.",
        "Then a final `make_tree().fit(X_train[val_cols], y_train)`, scored on "
        "`X_fresh[val_cols], y_fresh`.",
    ],
    wrong=[
        Wrong(
            "val_cols = best_cols\nval_fresh_score = best_fresh_score",
            message="chosen on the test rows",
        ),
        Wrong(
            "scores = [make_tree().fit(X_fit[c], y_fit).score(X_val[c], y_val) for c in subsets]\n"
            "val_cols = subsets[int(np.argmax(scores))]\n"
            "val_fresh_score = max(scores)",
            message="validation score",
        ),
        Wrong(
            "scores = [make_tree().fit(X_fit[c], y_fit).score(X_val[c], y_val) for c in subsets]\n"
            "val_cols = subsets[int(np.argmax(scores))]\n"
            "val_fresh_score = make_tree().fit(X_train[val_cols], y_train)"
            ".score(X_test[val_cols], y_test)",
            message="test rows",
        ),
        Wrong(
            "scores = [make_tree().fit(X_fit[c], y_fit).score(X_fit[c], y_fit) for c in subsets]\n"
            "val_cols = subsets[int(np.argmax(scores))]\n"
            "val_fresh_score = make_tree().fit(X_train[val_cols], y_train)"
            ".score(X_fresh[val_cols], y_fresh)",
            message="rows it was fitted on",
        ),
    ],
)
def choose_on_validation(check: Check) -> str:
    """Choose the pair on validation rows (`val_cols`); set `val_fresh_score` for it."""
    cols = _pair(check, "val_cols")
    score = _number(check, "val_fresh_score")
    best_val = _best("fit", "val")
    if cols == _best("train", "test") and cols != best_val:
        check.fail(
            "`val_cols` is the pair chosen on the test rows in exercise 1. Compare the pairs "
            "on `X_val, y_val` (fitted on `X_fit, y_fit`).",
        )
    if cols == _best("fit", "fit") and cols != best_val:
        check.fail(
            "`val_cols` is the pair with the best score on the rows it was fitted on "
            "(`X_fit`). Score each pair on the validation rows `X_val, y_val`."
        )
    check.expect(
        cols == best_val,
        f"`val_cols` ({list(cols)!r}) does not have the best validation accuracy (the first "
        "such pair, if several tie). Fit on `X_fit[cols], y_fit`, score on "
        "`X_val[cols], y_val`.",
    )
    expected = _score("train", "fresh", cols)
    code = check.code_for("val_fresh_score") or ""
    if re.search(r"fit\(\s*X_fit\[\s*val_cols", code):
        check.fail(
            "`val_fresh_score` comes from a tree fitted on `X_fit` only. Once the pair is "
            "chosen, refit on all the training rows, `X_train[val_cols], y_train`."
        )
    if check.close(score, expected):
        return f"Chosen on validation rows: {score:.3f} on the fresh rows."
    if check.close(score, max(_scores("fit", "val"))):
        check.fail(
            "`val_fresh_score` is the pair's validation score. Fit the final tree on "
            "`X_train[val_cols], y_train` and score it on the fresh rows."
        )
    if check.close(score, _score("train", "test", cols)):
        check.fail(
            "`val_fresh_score` is the final tree's score on the test rows. This exercise "
            "asks for the fresh rows, `X_fresh[val_cols], y_fresh`."
        )
    if check.close(score, _score("fit", "fresh", cols)):
        check.fail(
            "`val_fresh_score` comes from a tree fitted on `X_fit` only. Once the pair is "
            "chosen, refit on all the training rows, `X_train[val_cols], y_train`."
        )
    check.fail(
        f"`val_fresh_score` is {score!r}, which is not the fresh-row accuracy of "
        "`make_tree()` fitted on `X_train[val_cols], y_train`."
    )


# ------------------------------------------------------------------ exercise 4 ---


@functools.cache
def _gains(on: str) -> dict[str, float]:
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        f1_score,
        precision_score,
        recall_score,
    )
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier

    r = _rows()
    mine = GaussianNB().fit(r["X_train"], r["y_train"])
    rival = KNeighborsClassifier(n_neighbors=3).fit(r["X_train"], r["y_train"])
    rows, labels = r[f"X_{on}"], r[f"y_{on}"]
    p_mine, p_rival = mine.predict(rows), rival.predict(rows)
    funcs = dict(
        accuracy=accuracy_score, balanced_accuracy=balanced_accuracy_score,
        f1=f1_score, precision=precision_score, recall=recall_score,
    )  # fmt: skip
    return {m: float(f(labels, p_mine) - f(labels, p_rival)) for m, f in funcs.items()}


@lesson.exercise(
    hints=[
        "`max(d, key=d.get)` gives the key of a dictionary `d` whose value is largest.",
        "`gains_on(X_fresh, y_fresh)` gives the gains on the fresh rows; pick the one for "
        "`chosen_metric`.",
    ],
    wrong=[
        Wrong(
            "chosen_metric = 'accuracy'\n"
            "chosen_gain_fresh = gains_on(X_fresh, y_fresh)['accuracy']",
            message="not the largest",
        ),
        Wrong(
            "chosen_metric = max(gains_test, key=gains_test.get)\n"
            "chosen_gain_fresh = gains_on(X_fresh, y_fresh)['accuracy']",
            message="under 'accuracy'",
        ),
        Wrong(
            "chosen_metric = max(gains_test, key=gains_test.get)\n"
            "chosen_gain_fresh = gains_test[chosen_metric]",
            message="test rows",
        ),
        Wrong(
            "chosen_metric = max(gains_test.values())\n"
            "chosen_gain_fresh = gains_on(X_fresh, y_fresh)['accuracy']",
            message="a number",
        ),
        Wrong(
            "chosen_metric = min(gains_test, key=gains_test.get)\n"
            "chosen_gain_fresh = gains_on(X_fresh, y_fresh)[chosen_metric]",
            message="smallest",
        ),
    ],
)
def choose_measure(check: Check) -> str:
    """Set `chosen_metric` to the measure with the largest test gain; `chosen_gain_fresh`."""
    test, fresh = _gains("test"), _gains("fresh")
    metric = check.get("chosen_metric")
    if isinstance(metric, numbers.Real):
        check.fail(
            f"`chosen_metric` is a number ({metric!r}); it should be the *name* of the "
            "measure, a key of `gains_test` such as 'f1'.",
        )
    check.expect(
        isinstance(metric, str) and metric in test,
        f"`chosen_metric` is {metric!r}, which is not one of the measures: {', '.join(MEASURES)}.",
    )
    gain = _number(check, "chosen_gain_fresh", what="a number (a difference of two scores)")
    best = max(test, key=test.__getitem__)
    if metric == max(fresh, key=fresh.__getitem__) and metric != best:
        check.fail(
            "`chosen_metric` has the largest gain on the fresh rows: they are locked away, "
            "and this exercise is about the choice a report makes on the test rows."
        )
    if metric == min(test, key=test.__getitem__) and metric != best:
        check.fail(
            f"`chosen_metric` ({metric!r}) has the smallest gain on the test rows; the "
            "flattering measure has the largest."
        )
    check.expect(
        metric == best,
        f"`chosen_metric` is {metric!r}, which is not the largest gain in `gains_test`.",
    )
    if check.close(gain, test[best]) and not check.close(gain, fresh[best]):
        check.fail(
            "`chosen_gain_fresh` is the gain on the test rows. Compute it on the fresh rows "
            "with `gains_on(X_fresh, y_fresh)`."
        )
    for other, value in fresh.items():
        if other != best and check.close(gain, value) and not check.close(gain, fresh[best]):
            check.fail(
                f"`chosen_gain_fresh` is the fresh-row gain under {other!r}; take the gain "
                "under `chosen_metric`, the measure the report chose."
            )
    check.expect(
        check.close(gain, fresh[best]),
        f"`chosen_gain_fresh` is {gain!r}, which is not the fresh-row gain under `chosen_metric`.",
    )
    return f"{best}: {test[best]:+.3f} on the test rows, {gain:+.3f} on the fresh rows."


# ------------------------------------------------------------------ exercise 5 ---


@functools.cache
def _clinics() -> Any:
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier

    r = _rows()
    X_train, y_train = r["X_train"], r["y_train"]
    of_row = np.random.default_rng(SEED).permutation(np.arange(len(X_train)) % N_CLINICS)
    rows = []
    for clinic in range(N_CLINICS):
        here = of_row == clinic
        Xa, Xb, ya, yb = train_test_split(
            X_train[here], y_train[here], test_size=0.5, random_state=SEED
        )
        nb = GaussianNB().fit(Xa, ya)
        knn = KNeighborsClassifier(n_neighbors=3).fit(Xa, ya)
        rows.append(
            {
                "clinic": clinic,
                "gain_test": nb.score(Xb, yb) - knn.score(Xb, yb),
                "gain_fresh": nb.score(r["X_fresh"], r["y_fresh"])
                - knn.score(r["X_fresh"], r["y_fresh"]),
            }
        )
    return pd.DataFrame(rows).set_index("clinic")


@lesson.exercise(
    hints=[
        '`clinics[clinics["gain_test"] > 0]` keeps the winning clinics; its `.index` is '
        "their numbers.",
        "Take `.mean()` of the two gain columns of those rows only.",
    ],
    wrong=[
        Wrong(
            'wins = clinics[clinics["gain_test"] >= 0]\npicked = list(wins.index)\n'
            'reported_gain = wins["gain_test"].mean()\n'
            'picked_fresh_gain = wins["gain_fresh"].mean()',
            message="tie",
        ),
        Wrong(
            'wins = clinics[clinics["gain_test"] > 0]\npicked = list(wins.index)\n'
            'reported_gain = clinics["gain_test"].mean()\n'
            'picked_fresh_gain = wins["gain_fresh"].mean()',
            message="every clinic",
        ),
        Wrong(
            'wins = clinics[clinics["gain_test"] > 0]\npicked = list(wins.index)\n'
            'reported_gain = wins["gain_test"].mean()\n'
            'picked_fresh_gain = clinics["gain_fresh"].mean()',
            message="every clinic",
        ),
        Wrong(
            'wins = clinics[clinics["gain_fresh"] > 0]\npicked = list(wins.index)\n'
            'reported_gain = wins["gain_test"].mean()\n'
            'picked_fresh_gain = wins["gain_fresh"].mean()',
            message="fresh rows",
        ),
        Wrong(
            'wins = clinics[clinics["gain_test"] > 0]\npicked = len(wins)\n'
            'reported_gain = wins["gain_test"].mean()\n'
            'picked_fresh_gain = wins["gain_fresh"].mean()',
            message="a count",
        ),
    ],
)
def pick_clinics(check: Check) -> str:
    """Set `picked` to the winning clinics and the mean test and fresh gains over them."""
    table = _clinics()
    wins = table[table["gain_test"] > 0]
    value = check.get("picked")
    if isinstance(value, numbers.Real):
        check.fail(
            f"`picked` is a count ({value!r}); it should be the list of the winning "
            "clinics' numbers, e.g. `list(wins.index)`."
        )
    check.expect(
        hasattr(value, "__iter__") and not isinstance(value, (str, dict)),
        "`picked` should be a list of clinic numbers.",
    )
    picked = sorted(int(v) for v in value)
    if picked == sorted(int(c) for c in table.index[table["gain_test"] >= 0]) and len(
        picked
    ) != len(wins):
        check.fail(
            "`picked` includes clinics where the two methods tie (a gain of 0). A tie is "
            "not a win: keep `gain_test > 0`."
        )
    if picked == sorted(int(c) for c in table.index[table["gain_fresh"] > 0]) and picked != [
        int(c) for c in wins.index
    ]:
        check.fail(
            "`picked` holds the clinics that win on the fresh rows: those are locked away. "
            "Pick by `gain_test`, as a report would."
        )
    check.expect(
        picked == [int(c) for c in wins.index],
        f"`picked` is {picked!r}, which is not the list of clinics whose `gain_test` is above 0.",
    )
    reported = _number(check, "reported_gain", what="a number (a mean gain)")
    fresh = _number(check, "picked_fresh_gain", what="a number (a mean gain)")
    if check.close(reported, table["gain_test"].mean()) and not check.close(
        reported, wins["gain_test"].mean()
    ):
        check.fail(
            "`reported_gain` is the mean over every clinic; the report keeps only the picked ones."
        )
    check.expect(
        check.close(reported, wins["gain_test"].mean()),
        f"`reported_gain` is {reported!r}, which is not the mean `gain_test` of the picked "
        "clinics.",
    )
    if check.close(fresh, table["gain_fresh"].mean()) and not check.close(
        fresh, wins["gain_fresh"].mean()
    ):
        check.fail(
            "`picked_fresh_gain` is the mean over every clinic; take the picked clinics "
            "only, to see what their wins are worth."
        )
    check.expect(
        check.close(fresh, wins["gain_fresh"].mean()),
        f"`picked_fresh_gain` is {fresh!r}, which is not the mean `gain_fresh` of the "
        "picked clinics.",
    )
    return f"Reported: {reported:+.3f}; the same clinics on fresh rows: {fresh:+.3f}."


# ------------------------------------------------------------------ exercise 6 ---


@functools.cache
def _codes(path: str, mtime: float) -> frozenset[str]:
    import diveml

    return frozenset(f["code"] for f in diveml.review(path, run=False).findings)


@lesson.exercise(
    hints=[
        "Each item of `review.findings` is a dictionary; `finding['code']` is its code.",
        "A set comprehension: `{... for finding in review.findings}`.",
    ],
    wrong=[
        Wrong("found_codes = review.findings", message="whole findings"),
        Wrong(
            "found_codes = {f['severity'] for f in review.findings}",
            message="severities",
        ),
        Wrong("found_codes = set()", message="is empty"),
        Wrong("found_codes = {review.findings[0]['code']}", message="only some"),
        Wrong("found_codes = len(review.findings)", message="a number"),
    ],
)
def review_codes(check: Check) -> str:
    """Set `found_codes` to the set of finding codes that the review of `clever.py` gives."""
    from pathlib import Path

    value = check.get("found_codes")
    if isinstance(value, numbers.Real):
        check.fail(f"`found_codes` is a number ({value!r}); it should be the set of codes.")
    check.expect(
        isinstance(value, (set, frozenset, list, tuple)),
        f"`found_codes` is a {type(value).__name__}; it should be a set of codes, such "
        "as `{'some-code', ...}`.",
    )
    if value and all(isinstance(v, dict) for v in value):
        check.fail(
            "`found_codes` holds the whole findings (dictionaries). Keep each one's "
            "`['code']` only."
        )
    codes = set(value)
    check.expect(all(isinstance(v, str) for v in codes), "`found_codes` should hold codes (text).")
    if codes and codes <= {"info", "warning", "error"}:
        check.fail(
            "`found_codes` holds severities (how serious each finding is); the task asks "
            "for each finding's `code`."
        )
    clever = Path("clever.py")
    check.expect(
        clever.is_file(), "There is no `clever.py` here: run the cell that writes it first."
    )
    expected = _codes(str(clever.resolve()), clever.stat().st_mtime)
    if not codes and expected:
        check.fail(
            "`found_codes` is empty, but the review of `clever.py` has findings: take the "
            "code of each one in `review.findings`."
        )
    if codes < expected:
        check.fail(
            f"`found_codes` holds only some of the codes ({sorted(codes)!r}): take every "
            "finding's code."
        )
    check.expect(
        codes == expected,
        f"`found_codes` is {sorted(codes)!r}, which is not the set of codes in the review of "
        "`clever.py`.",
    )
    return f"The review caught {len(expected)} kinds of mistake: {', '.join(sorted(expected))}."

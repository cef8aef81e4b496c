"""Lesson 11, SQL injection: repeats, character n-grams, a threshold for 1% false positives.

The data is catalog entry ``sql_injection`` (ClickSecurity's data_hacking). The split is
rebuilt here from the data; checks that need the lesson's model or its out-of-fold scores
use the notebook's ``model``, ``oof``, ``X_test``, after confirming they are what the lesson
made (the split is compared with the rebuilt one).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="11-sql-injection",
    title="SQL injection",
    minutes=30,
    summary=(
        "Tell injection strings from legitimate SQL with character n-grams; remove repeats, "
        "choose a threshold for 1% false positives, and see precision collapse when attacks "
        "are rare."
    ),
)

TEST_SHARE = 0.25
MAX_FPR = 0.01
# A threshold may be any value that keeps the out-of-fold false-positive rate within 1%
# and catches (almost) as many injections as the lowest such threshold.
RECALL_SLACK = 0.002

TEST_LEAK = (
    "The threshold is part of the model: choosing it by looking at the test rows tunes the "
    "model to them, and the test score is then no longer a fair look at new strings. Choose "
    "it on the out-of-fold training scores (`legit_oof`)."
)


@functools.cache
def _all() -> pd.DataFrame:
    from diveml.data import load_dataset

    return load_dataset("sql_injection")


@functools.cache
def _split() -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    from sklearn.model_selection import train_test_split

    sql = _all().drop_duplicates("raw_sql")
    X, y = sql["raw_sql"], sql["type"]
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=TEST_SHARE, stratify=y, random_state=0
    )
    return X_train, X_test, y_train, y_test


def _number(check: Check, name: str) -> float:
    import numbers

    import numpy as np

    value = check.get(name, (numbers.Real, np.floating, np.integer), what="a number")
    check.expect(
        not isinstance(value, (bool, np.bool_)),
        f"`{name}` is {value}, a True/False; it should be a number.",
    )
    return float(value)


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        '`sql_all["raw_sql"].duplicated()` is True for every row that repeats an earlier one.',
        "`True` counts as 1 when summed: add `.sum()`.",
    ],
    wrong=[
        Wrong(
            'n_repeats = sql_all["raw_sql"].duplicated(keep=False).sum()',
            message="first copy",
        ),
        Wrong('n_repeats = sql_all["raw_sql"].nunique()', message="different strings"),
        Wrong('n_repeats = sql_all["raw_sql"].duplicated()', message="one True/False per row"),
        Wrong('n_repeats = sql_all["raw_sql"].duplicated().mean()', message="a share"),
    ],
)
def count_repeats(check: Check) -> str:
    """Set `n_repeats` to the number of rows whose string repeats an earlier row's."""
    import pandas as pd

    raw = check.get("n_repeats")
    if isinstance(raw, pd.Series):
        check.fail(
            "`n_repeats` is a Series with one True/False per row. Count the True values "
            "with `.sum()`."
        )
    value = _number(check, "n_repeats")
    strings = _all()["raw_sql"]
    expected = int(strings.duplicated().sum())
    if value == expected:
        return (
            f"{expected:,} of the {len(strings):,} rows repeat an earlier string: more than "
            "one row in two."
        )
    if value == int(strings.duplicated(keep=False).sum()):
        check.fail(
            "`n_repeats` also counts the first copy of each repeated string (`keep=False`). "
            "Only the later copies are repeats: keep the default, `keep='first'`."
        )
    if value == strings.nunique():
        check.fail(
            "`n_repeats` is the number of different strings. The repeats are the other rows: "
            "those whose string already appeared above."
        )
    if 0 < value < 1:
        check.fail("`n_repeats` is a share; give the number of rows, with `.sum()`.")
    check.fail(f"`n_repeats` is {value:g}; count the rows `.duplicated()` marks True.")


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "`train_test_split(X, y, ...)` returns `X_train, X_test, y_train, y_test`, in that order.",
        "`train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)`",
    ],
    wrong=[
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
            "random_state=0)",
            message="not stratified",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
            "shuffle=False)",
            message="the end of the table",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(sql_all['raw_sql'], "
            "sql_all['type'], test_size=0.25, stratify=sql_all['type'], random_state=0)",
            message="also in the training rows",
        ),
        Wrong(
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=25, "
            "stratify=y, random_state=0)",
            message="25 rows",
        ),
        Wrong(
            "X_train, y_train, X_test, y_test = train_test_split(X, y, test_size=0.25, "
            "stratify=y, random_state=0)",
            message="in this order",
        ),
    ],
)
def split_data(check: Check) -> str:
    """Split `X`, `y` into `X_train, X_test, y_train, y_test`: 25% test, stratified, seed 0."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    parts = {
        n: check.get(n, pd.Series, what="a pandas Series (what train_test_split returns)")
        for n in ("X_train", "X_test", "y_train", "y_test")
    }
    X_train, X_test, y_train, y_test = (parts[n] for n in parts)
    labels = {"legit", "malicious"}
    check.expect(
        set(X_train.unique()[:50]).isdisjoint(labels) and set(y_train.unique()) <= labels,
        "`X_train` and `y_train` look swapped: `train_test_split(X, y)` returns the four "
        "parts in this order: `X_train, X_test, y_train, y_test`.",
    )
    check.expect(
        X_train.index.equals(y_train.index) and X_test.index.equals(y_test.index),
        "`X_train` and `y_train` (or the test parts) are not the same rows: split `X` and "
        "`y` in one call, `train_test_split(X, y, ...)`, in the order it returns them.",
    )
    leaked = set(X_test) & set(X_train)
    if leaked:
        check.fail(
            f"{len(leaked):,} strings of `X_test` are also in the training rows: the split "
            "was made before the repeats were removed. Split `X` and `y`, made from `sql`.",
            reason="A model tested on strings it was trained on scores too well.",
        )
    expected = _split()
    if X_test.index.equals(expected[1].index) and X_train.index.equals(expected[0].index):
        share = (y_test == "legit").mean()
        return f"Both parts keep the same share of legitimate statements ({share:.3f})."
    sql = _all().drop_duplicates("raw_sql")
    if abs(len(X_test) - len(expected[0])) <= 1:  # 0.75 of the rows, rounded either way
        check.fail(
            f"`X_test` has {len(X_test):,} rows, three quarters of the data: either the parts "
            "are swapped (`train_test_split` returns `X_train, X_test, y_train, y_test`, in "
            "that order) or `train_size=0.25` was given where `test_size=0.25` was meant."
        )
    if len(X_test) != len(expected[1]):
        check.fail(
            f"`X_test` has {len(X_test):,} rows, a quarter would be {len(expected[1]):,}: "
            "`test_size=25` means 25 rows; a share is written `test_size=0.25`."
        )
    plain = train_test_split(sql["raw_sql"], test_size=TEST_SHARE, random_state=0)
    if X_test.index.equals(plain[1].index):
        check.fail(
            "The split is not stratified: pass `stratify=y`.",
            reason=(
                "The legitimate statements are the rare class; in a random split their share "
                "in the test rows moves by chance, and with it every rate you compute there."
            ),
        )
    if X_test.index.equals(sql.index[-len(X_test) :]):
        check.fail(
            "`X_test` is the end of the table: without shuffling, the test rows are the last "
            "rows of the last files read, a single source, not a sample of all strings. Keep "
            "the default `shuffle=True`, and pass `stratify=y, random_state=0`."
        )
    check.fail(
        "These are not the rows `train_test_split(X, y, test_size=0.25, stratify=y, "
        "random_state=0)` gives; use exactly those arguments."
    )


# --------------------------------------------------------------------------- exercise 3


def _vectorizer_and_classifier(check: Check, model: Any) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.pipeline import Pipeline

    check.expect(
        isinstance(model, Pipeline),
        f"`model` is a {type(model).__name__}, not a pipeline: make it with "
        "`make_pipeline(vectorizer, classifier)`, so the vectorizer learns from the training "
        "rows only.",
    )
    vectorizer, classifier = model.steps[0][1], model.steps[-1][1]
    check.expect(
        isinstance(vectorizer, CountVectorizer),
        "The first step of `model` should turn strings into n-gram columns: a "
        "`TfidfVectorizer` (or `CountVectorizer`).",
    )
    return vectorizer, classifier


@lesson.exercise(
    hints=[
        "`make_pipeline(step1, step2)` chains the vectorizer and the classifier; then "
        "`model.fit(X_train, y_train)`.",
        'The vectorizer: `TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=5)`; '
        "the classifier: `LogisticRegression(max_iter=1000)`.",
    ],
    wrong=[
        Wrong(
            "model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))\n"
            "model.fit(X_train, y_train)",
            message="throws punctuation away",
        ),
        Wrong(
            'model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), '
            "min_df=5), LogisticRegression(max_iter=1000))\nmodel.fit(X_test, y_test)",
            message="test rows",
        ),
        Wrong(
            'model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), '
            "min_df=5), LogisticRegression(max_iter=1000))",
            message="has not been fitted yet",
        ),
        Wrong(
            'model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), '
            "min_df=5), LogisticRegression(max_iter=1000))\nmodel.fit(X, y)",
            message="every row",
        ),
        Wrong(
            'vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=5)\n'
            "model = LogisticRegression(max_iter=1000).fit(vectorizer.fit_transform(X_train), "
            "y_train)",
            message="not a pipeline",
        ),
    ],
)
def build_model(check: Check) -> str:
    """Set `model` to a fitted pipeline: character n-grams (tf-idf), then logistic regression."""
    from sklearn.base import BaseEstimator, clone

    model = check.fitted("model", BaseEstimator, what="a fitted scikit-learn pipeline")
    vectorizer, classifier = _vectorizer_and_classifier(check, model)
    if vectorizer.analyzer not in {"char", "char_wb"}:
        check.fail(
            f"The vectorizer uses `analyzer={vectorizer.analyzer!r}`: words. Its default "
            "token pattern keeps runs of letters and digits and throws punctuation away, "
            "and quotes, `--`, `=` and `#` are what injection strings are made of. Use "
            '`analyzer="char"`.'
        )
    check.expect(
        max(vectorizer.ngram_range) > 1,
        f"The vectorizer has `ngram_range={vectorizer.ngram_range}`: single characters only, "
        "so `' OR` and `--` look like any other mix of those letters. Give it longer pieces, "
        "for example `ngram_range=(1, 3)`.",
    )
    check.expect(
        hasattr(classifier, "predict_proba"),
        f"`{type(classifier).__name__}` gives no probabilities (`predict_proba`); the next "
        "steps need them. Use `LogisticRegression(max_iter=1000)`.",
    )
    X_train, X_test, _, _ = _split()
    vocabulary = getattr(vectorizer, "vocabulary_", {})
    if vocabulary == clone(vectorizer).fit(X_train).vocabulary_:
        return f"A pipeline of {len(vocabulary):,} n-gram columns, learned from the training rows."
    if vocabulary == clone(vectorizer).fit(X_test).vocabulary_:
        check.fail(
            "`model` was fitted on the test rows. They are kept for one fair look at the end; "
            "fit on `X_train, y_train`."
        )
    X = _all().drop_duplicates("raw_sql")["raw_sql"]
    if vocabulary == clone(vectorizer).fit(X).vocabulary_:
        check.fail(
            "`model` was fitted on every row, test rows included: its n-grams and weights "
            "were learned from the strings it will be tested on. Fit on `X_train, y_train`."
        )
    check.fail("`model` was not fitted on `X_train, y_train`: call `model.fit(X_train, y_train)`.")


# --------------------------------------------------------------------------- exercise 4


def _oof(check: Check) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    oof = check.get("oof", np.ndarray, what="the out-of-fold scores (run the cells above)")
    y_train = check.get("y_train")
    check.expect(
        len(oof) == len(y_train),
        "`oof` does not match `y_train`: run the cells from exercise 2 down again.",
    )
    return oof, (np.asarray(y_train) == "legit")


def _rates(scores: np.ndarray, is_legit: np.ndarray, threshold: float) -> tuple[float, float]:
    """False-positive rate and recall for 'malicious when the score is above threshold'."""
    blocked = scores > threshold
    return float(blocked[is_legit].mean()), float(blocked[~is_legit].mean())


@lesson.exercise(
    hints=[
        "At most 1% of `legit_oof` may lie above the threshold, so at least 99% lie below "
        "it: that is a quantile.",
        "`np.quantile(legit_oof, 0.99)`",
    ],
    wrong=[
        Wrong("threshold = 0.5", message="predict's default"),
        Wrong("threshold = np.quantile(oof, 0.99)", message="every training row"),
        Wrong("threshold = np.quantile(legit_oof, 0.01)", message="the wrong end"),
        Wrong(
            "threshold = np.quantile(model.predict_proba(X_test)[(y_test == 'legit')"
            ".to_numpy(), 1], 0.99)",
            message="test rows",
        ),
        Wrong("threshold = 0.999", message="catches only"),
    ],
)
def pick_threshold(check: Check) -> str:
    """Set `threshold` so at most 1% of legit out-of-fold scores lie above it, as low as that allows."""
    import numpy as np

    value = _number(check, "threshold")
    oof, is_legit = _oof(check)
    if check.has("X_test") and check.has("model"):
        X_test, y_test = check.get("X_test"), check.get("y_test")
        model = check.get("model")
        column = list(getattr(model, "classes_", [])).index("malicious")
        scores = check.call(model.predict_proba, X_test)[:, column]
        on_test = float(np.quantile(scores[np.asarray(y_test) == "legit"], 1 - MAX_FPR))
        if check.close(value, on_test):
            check.fail("`threshold` was chosen on the test rows' scores.", reason=TEST_LEAK)
    fpr, recall = _rates(oof, is_legit, value)
    best = float(np.quantile(oof[is_legit], 1 - MAX_FPR))
    best_fpr, best_recall = _rates(oof, is_legit, best)
    # np.quantile interpolates, so the 99% quantile may leave one statement more than 1%
    # above it: with a few hundred statements, one is the finest step a rate can take.
    allowed = max(MAX_FPR, best_fpr)
    if fpr <= allowed and recall >= best_recall - RECALL_SLACK:
        return (
            f"Out of fold, {fpr:.2%} of the legitimate statements score above {value:.3f}, "
            f"and {recall:.2%} of the injections do."
        )
    if value == 0.5:
        check.fail(
            f"0.5 is predict's default, not a choice: out of fold, {fpr:.1%} of the "
            "legitimate statements score above it, more than the 1% allowed."
        )
    if check.close(value, float(np.quantile(oof, 1 - MAX_FPR))):
        check.fail(
            "`threshold` is the 99% quantile of every training row's score, most of them "
            "injections: that puts it so high that most injections get through. Take the "
            "quantile of the legitimate scores only (`legit_oof`)."
        )
    if fpr > allowed:
        check.fail(
            f"Out of fold, {fpr:.1%} of the legitimate statements score above `threshold`, "
            "more than the 1% allowed: the threshold is at the wrong end. At least 99% of "
            "`legit_oof` must lie *below* it."
        )
    check.fail(
        f"`threshold` is higher than it needs to be: out of fold it catches only {recall:.1%} "
        "of the injections. Lower it to the 99% quantile of `legit_oof`, the lowest value "
        "that keeps the false-positive rate within 1%."
    )


# --------------------------------------------------------------------------- exercise 5


@lesson.exercise(
    hints=[
        "`model.predict_proba(X_test)` has one column per class, in the order of "
        '`model.classes_`; take the column of `"malicious"`.',
        "`blocked = test_scores > threshold`; the false-positive rate is the mean of "
        '`blocked` over the legitimate rows (`y_test == "legit"`), the recall its mean '
        "over the malicious rows.",
    ],
    wrong=[
        Wrong(
            "test_scores = model.predict_proba(X_test)\ntest_fpr = test_recall = 0.0",
            message="one column per class",
        ),
        Wrong(
            "test_scores = model.predict_proba(X_train)[:, 1]\n"
            "blocked = test_scores > threshold\n"
            'test_fpr = blocked[(y_train == "legit").to_numpy()].mean()\n'
            'test_recall = blocked[(y_train == "malicious").to_numpy()].mean()',
            message="the training rows",
        ),
        Wrong(
            "test_scores = model.predict_proba(X_test)[:, 0]\n"
            "blocked = test_scores > threshold\n"
            'test_fpr = blocked[(y_test == "legit").to_numpy()].mean()\n'
            'test_recall = blocked[(y_test == "malicious").to_numpy()].mean()',
            message="column of `legit`",
        ),
        Wrong(
            "test_scores = model.predict_proba(X_test)[:, 1]\n"
            "blocked = test_scores > threshold\n"
            'test_fpr = blocked[(y_test == "malicious").to_numpy()].mean()\n'
            'test_recall = blocked[(y_test == "legit").to_numpy()].mean()',
            message="swapped",
        ),
        Wrong(
            "test_scores = model.predict_proba(X_test)[:, 1]\n"
            "blocked = test_scores > threshold\n"
            'test_fpr = blocked[(y_test == "legit").to_numpy()].sum() / len(y_test)\n'
            'test_recall = blocked[(y_test == "malicious").to_numpy()].mean()',
            message="every test row",
        ),
    ],
)
def test_rates(check: Check) -> str:
    """Set `test_scores`, then `test_fpr` and `test_recall` at your `threshold`, on the test rows."""
    import numpy as np

    scores = np.asarray(check.get("test_scores", what="an array of probabilities"))
    fpr = _number(check, "test_fpr")
    recall = _number(check, "test_recall")
    threshold = _number(check, "threshold")
    model = check.get("model")
    X_test, y_test = check.get("X_test"), check.get("y_test")
    right = _malicious_scores(check, scores, model, X_test, y_test)
    _check_rates_at(check, fpr, recall, right, np.asarray(y_test) == "legit", threshold)
    return (
        f"On the test rows: {fpr:.2%} of legitimate statements blocked, {recall:.2%} of "
        "injections caught. Near what the out-of-fold scores promised?"
    )


def _malicious_scores(check: Check, scores: Any, model: Any, X_test: Any, y_test: Any) -> Any:
    """The model's test probabilities of `malicious`, once the check has found that the
    learner's `test_scores` are those; the check ends with the slip otherwise."""
    classes = list(getattr(model, "classes_", []))
    probabilities = check.call(model.predict_proba, X_test)
    if scores.ndim == 2:
        check.fail(
            f"`test_scores` has {scores.shape[1]} columns: `predict_proba` gives one column per "
            f"class, in the order of `model.classes_` ({classes}). Keep the column of "
            '`"malicious"` only.'
        )
    if len(scores) == len(check.get("X_train")):
        check.fail(
            f"`test_scores` has {len(scores):,} values, one per row of `X_train`: these are "
            "the training rows' scores, on strings the model learned from. Score `X_test`."
        )
    check.expect(
        scores.shape == (len(y_test),),
        f"`test_scores` has shape {scores.shape}; it should be one probability per test row, "
        "the column of `malicious`.",
    )
    right = probabilities[:, classes.index("malicious")]
    if check.close(scores, probabilities[:, classes.index("legit")]):
        check.fail(
            f"`test_scores` is the column of `legit`: `model.classes_` is {classes}, so "
            "column 0 is the probability of being legitimate. Take the column of "
            '`"malicious"`.'
        )
    check.expect(
        check.close(scores, right),
        "`test_scores` are not the test rows' probabilities of `malicious`: "
        "`model.predict_proba(X_test)`, its `malicious` column.",
    )
    return right


def _check_rates_at(
    check: Check, fpr: float, recall: float, right: Any, is_legit: Any, threshold: float
) -> None:
    """End the check unless `test_fpr` and `test_recall` are the rates at `threshold`."""
    want_fpr, want_recall = _rates(right, is_legit, threshold)
    at_half = _rates(right, is_legit, 0.5)
    if (check.close(fpr, at_half[0]) and check.close(recall, at_half[1])) and not (
        check.close(fpr, want_fpr) and check.close(recall, want_recall)
    ):
        check.fail(
            "`test_fpr` and `test_recall` are for `model.predict`, a threshold of 0.5. Use "
            "your own: `test_scores > threshold`."
        )
    if check.close(fpr, want_recall) and check.close(recall, want_fpr):
        check.fail(
            "`test_fpr` and `test_recall` are swapped: the false-positive rate is over the "
            "legitimate rows, the recall over the malicious ones."
        )
    if check.close(fpr, float((right > threshold)[is_legit].sum()) / len(is_legit)):
        check.fail(
            "`test_fpr` divides by every test row; it is a rate out of the legitimate "
            "statements, the only ones that can be blocked by mistake."
        )
    blocked = right > threshold
    if blocked.any() and check.close(fpr, float(is_legit[blocked].mean())):
        check.fail(
            "`test_fpr` is the share of the alarms that are legitimate: it divides by the "
            "statements blocked. The false-positive rate divides by the legitimate "
            "statements: of those, how many were blocked?"
        )
    check.expect(
        check.close(fpr, want_fpr),
        "`test_fpr` is not the share of legitimate test statements scored above `threshold`: "
        "count the blocked ones among the legitimate rows, and divide by how many "
        "legitimate rows there are.",
    )
    if recall > 1 and check.close(recall, float(blocked[~is_legit].sum())):
        check.fail(
            f"`test_recall` is {recall:g}: a count of the injections caught. Recall is a "
            "share: divide by the number of injections in the test rows (`.mean()` of the "
            "True/False values does both)."
        )
    check.expect(
        check.close(recall, want_recall),
        "`test_recall` is not the share of test injections scored above `threshold`: of "
        "the malicious test rows, how many were blocked?",
    )


# --------------------------------------------------------------------------- exercise 6


@lesson.exercise(
    hints=[
        "Out of N requests: caught = N * INJECTION_RATE * test_recall; blocked by mistake "
        "= N * (1 - INJECTION_RATE) * test_fpr. N cancels out.",
        "precision = caught / (caught + blocked by mistake)",
    ],
    wrong=[
        Wrong(
            "from sklearn.metrics import precision_score\n"
            "deployed_precision = precision_score(y_test, "
            'np.where(test_scores > threshold, "malicious", "legit"), pos_label="malicious")',
            message="the test rows' mix",
        ),
        Wrong("deployed_precision = test_recall", message="how many injections are caught"),
        Wrong("deployed_precision = 1 - test_fpr", message="legitimate requests let through"),
        Wrong(
            "deployed_precision = test_recall * INJECTION_RATE",
            message="share of all requests",
        ),
    ],
)
def deployed_precision(check: Check) -> str:
    """Set `deployed_precision`: the share of alarms that are real at `INJECTION_RATE`."""
    import numpy as np

    value = _number(check, "deployed_precision")
    recall, fpr = _number(check, "test_recall"), _number(check, "test_fpr")
    rate = _number(check, "INJECTION_RATE")
    caught, false_blocks = recall * rate, fpr * (1 - rate)
    expected = caught / (caught + false_blocks) if caught + false_blocks else 1.0
    if check.close(value, expected):
        per_real = false_blocks / caught if caught else float("inf")
        return (
            f"Only {value:.1%} of the alarms would be real: about {per_real:.0f} false "
            "alarm(s) for every injection caught."
        )
    if check.close(value, recall):
        check.fail(
            "`deployed_precision` is the recall: it says how many injections are caught, not "
            "how many alarms are real. Precision = caught / (caught + blocked by mistake)."
        )
    y_test = np.asarray(check.get("y_test"))
    share = float(np.mean(y_test == "malicious"))
    at_test = recall * share / (recall * share + fpr * (1 - share))
    if check.close(value, at_test, rtol=1e-3):
        check.fail(
            "`deployed_precision` is the precision at the test rows' mix, where most strings "
            "are injections.",
            reason=(
                "Precision depends on how common the attacks are. In front of a real system "
                "nearly every request is legitimate, so even a small false-positive rate "
                "blocks more legitimate requests than there are attacks. Use INJECTION_RATE."
            ),
        )
    if check.close(value, 1 - fpr):
        check.fail(
            "`deployed_precision` is 1 - false-positive rate: the share of legitimate requests "
            "let through. Precision is about the alarms: caught / (caught + blocked by "
            "mistake)."
        )
    if check.close(value, caught):
        check.fail(
            "`deployed_precision` is the share of all requests that are caught injections. "
            "Divide by all the alarms: caught + blocked by mistake."
        )
    if check.close(value, caught / (caught + fpr)):
        check.fail(
            "`deployed_precision` adds the false-positive rate itself to the injections "
            "caught. The rate is a share of the *legitimate* requests: weigh it by how common "
            "they are, `1 - INJECTION_RATE`, as the catches are weighed by `INJECTION_RATE`."
        )
    if false_blocks and check.close(value, caught / false_blocks):
        check.fail(
            f"`deployed_precision` is {value:.3g}: real alarms per false alarm, a ratio. "
            "Precision is the real alarms' share of *all* the alarms: caught / (caught + "
            "blocked by mistake), between 0 and 1."
        )
    check.fail(
        f"`deployed_precision` is {value:.3g}, which is not the share of alarms that are "
        "real injections when injections make up `INJECTION_RATE` of the requests."
    )

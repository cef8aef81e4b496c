"""Lesson 15, "Intuition fails in high dimensions" and "Representable does not imply
learnable": nearest neighbours drowned by noise columns, distance concentration, and a
parity target a tree can hold but not learn from a sample.

References are rebuilt here (the breast cancer table, the lesson's folds and noise
generator, all 1,024 combinations of 10 bits). The learner's functions are called on the
lesson's own inputs, so the checks see what their code does.
"""

from __future__ import annotations

import functools
import numbers
import types
from typing import Any

from diveml.lessons.authoring import Check, Lesson, Wrong, recipes
from diveml.lessons.exercises._scores import number_array

lesson = Lesson(
    id="15-high-dimensions",
    title="Intuition fails in high dimensions",
    minutes=30,
    # Domingos' lessons follow lesson 5 (path place 20), in his order.
    path_order=23,
    summary="Noise columns drown nearest neighbours, distances concentrate, and a parity "
    "target a tree can represent but not learn from a sample.",
)

NOISE = (0, 10, 100, 1000)
N_BITS = 10
SEEN = 300
# Noise columns the check asks for: not 30 (the columns of X) nor 10, so that a slip
# (noise only, a fixed count) gives a shape of its own.
N_CHECK = 25


@functools.cache
def _cancer() -> tuple[Any, Any]:
    import diveml

    cancer = diveml.load_dataset("breast_cancer")
    return cancer.drop(columns="diagnosis").to_numpy(), cancer["diagnosis"].to_numpy()


def _noise(X: Any, n: int, seed: int = 0) -> Any:
    import numpy as np

    return np.hstack([X, np.random.default_rng(seed).normal(size=(len(X), n))])


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "Draw the noise first: `noise = np.random.default_rng(seed).normal(size=(len(X), "
        "n_noise))`.",
        "Then put it on the right of `X`: `return np.hstack([X, noise])`.",
    ],
    wrong=[
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return np.random.default_rng(seed).normal(size=(len(X), n_noise))",
            message="only the noise",
        ),
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return X + np.random.default_rng(seed).normal(size=X.shape)",
            message="added the noise to the values",
        ),
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return np.hstack([X, np.random.default_rng(seed).uniform(size=(len(X), "
            "n_noise))])",
            message="standard normal",
        ),
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return np.hstack([X, np.random.normal(size=(len(X), n_noise))])",
            message="same seed",
        ),
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return np.hstack([np.random.default_rng(seed).normal(size=(len(X), n_noise)), X])",
            message="on the right",
        ),
        Wrong(
            "def with_noise(X, n_noise, seed=0):\n"
            "    return np.vstack([X, np.random.default_rng(seed).normal(size=(n_noise, "
            "X.shape[1]))])",
            message="rows",
        ),
    ],
    success="Same rows, same information, more columns.",
)
def add_noise(check: Check) -> str:
    """Write `with_noise(X, n_noise, seed=0)`: `X` with `n_noise` noise columns on the right."""
    import numpy as np

    X, _ = _cancer()
    sample = X[:50]
    func = check.get("with_noise", types.FunctionType, what="a function (use `def`)")
    got = check.call(func, sample.copy(), N_CHECK)
    if got is None:
        check.fail("`with_noise` returns None: end it with `return np.hstack([X, noise])`.")
    array = number_array(check, "with_noise(X, n_noise)", got)
    check.expect(
        array.ndim == 2,
        f"`with_noise(X, {N_CHECK})` returned an array of {array.ndim} dimension(s); it should "
        "return a table, `X` with columns added.",
    )
    rows, columns = array.shape
    if rows != len(sample):
        check.fail(
            f"`with_noise(X, {N_CHECK})` returned {rows} rows for an `X` of {len(sample)} rows: it "
            "added rows, not columns. Put the noise *beside* `X`, with `np.hstack`."
        )
    if columns == N_CHECK:
        check.fail(
            f"`with_noise(X, {N_CHECK})` returned only the noise, {N_CHECK} columns: keep the columns of "
            "`X` too, `np.hstack([X, noise])`."
        )
    if columns == sample.shape[1] and not np.allclose(array, sample):
        check.fail(
            "`with_noise` added the noise to the values of `X`, which changes the real "
            "measurements. Add new columns instead, with `np.hstack`."
        )
    check.expect(
        columns == sample.shape[1] + N_CHECK,
        f"`with_noise(X, {N_CHECK})` returned {columns} columns; `X` has {sample.shape[1]}, so it "
        f"should return {sample.shape[1] + N_CHECK}.",
    )
    if not np.allclose(array[:, : sample.shape[1]], sample):
        if np.allclose(array[:, N_CHECK:], sample):
            check.fail(
                "`with_noise` puts the noise on the left of `X`. Put it on the right, "
                "`np.hstack([X, noise])`, so that the real columns keep their places."
            )
        check.fail(
            "The first columns that `with_noise` returns are not the columns of `X`, unchanged."
        )
    noise = array[:, sample.shape[1] :]
    again = np.asarray(check.call(func, sample.copy(), N_CHECK), dtype=float)[:, sample.shape[1] :]
    if not np.allclose(noise, again):
        check.fail(
            "Two calls of `with_noise` with the same seed give different noise. Draw it from "
            "`np.random.default_rng(seed)`, so that the same seed gives the same numbers."
        )
    if abs(noise.mean()) > 0.2 or abs(noise.std() - 1) > 0.2:
        check.fail(
            f"The noise columns have mean {noise.mean():.2f} and standard deviation "
            f"{noise.std():.2f}; standard normal noise has mean 0 and standard deviation 1. "
            "Use `.normal(...)`."
        )
    other = np.asarray(check.call(func, sample.copy(), N_CHECK, seed=1), dtype=float)
    check.expect(
        not np.allclose(other[:, sample.shape[1] :], noise),
        "`with_noise` gives the same noise whatever the `seed`: pass `seed` to "
        "`np.random.default_rng(seed)`.",
    )
    check.expect(
        np.allclose(array, _noise(sample, N_CHECK)),
        "The noise that `with_noise` draws is not `np.random.default_rng(seed).normal(size="
        "(len(X), n_noise))`. Draw exactly that, so that your numbers and the lesson's match.",
    )
    return "Same rows, same information, more columns."


# ------------------------------------------------------------------ exercise 2 ---


@functools.cache
def _knn_scores(variant: str = "right") -> tuple[float, ...]:
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = _cancer()
    cv = 5 if variant == "unshuffled" else StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    found = []
    for n in NOISE:
        model = (
            KNeighborsClassifier()
            if variant == "unscaled"
            else make_pipeline(StandardScaler(), KNeighborsClassifier())
        )
        found.append(float(cross_val_score(model, _noise(X, n), y, cv=cv).mean()))
    return tuple(found)


@lesson.exercise(
    hints=[
        "Start with `knn_scores = []`; loop `for n in noise_columns:` and append one mean "
        "score per `n`.",
        "`cross_val_score(make_pipeline(StandardScaler(), KNeighborsClassifier()), "
        "with_noise(X, n), y, cv=cv).mean()`",
    ],
    wrong=[
        Wrong(
            "knn_scores = [cross_val_score(KNeighborsClassifier(), with_noise(X, n), y, "
            "cv=cv).mean() for n in noise_columns]",
            message="no `StandardScaler`",
        ),
        Wrong(
            "knn_scores = [cross_val_score(make_pipeline(StandardScaler(), "
            "KNeighborsClassifier()), X, y, cv=cv).mean() for n in noise_columns]",
            message="same score",
        ),
        Wrong(
            "knn_scores = [cross_val_score(make_pipeline(StandardScaler(), "
            "KNeighborsClassifier()), with_noise(X, n), y, cv=5).mean() for n in noise_columns]",
            message="`cv=cv`",
        ),
        Wrong(
            "knn_scores = [make_pipeline(StandardScaler(), KNeighborsClassifier()).fit("
            "with_noise(X, n), y).score(with_noise(X, n), y) for n in noise_columns]",
            message="fit on",
        ),
        Wrong(
            "knn_scores = [cross_val_score(make_pipeline(StandardScaler(), "
            "KNeighborsClassifier()), with_noise(X, n), y, cv=cv) for n in noise_columns]",
            message="five fold scores",
        ),
    ],
    success="Nothing was taken away, yet the neighbours lost their way.",
)
def knn_noise(check: Check) -> str:
    """Set `knn_scores` to k-NN's mean cross-validated accuracy for each number of noise columns."""
    import numpy as np

    value = check.get(
        "knn_scores", (list, tuple, np.ndarray), what=f"a list of {len(NOISE)} numbers"
    )
    if any(np.size(v) == 5 for v in value):
        check.fail(
            "`knn_scores` holds the five fold scores of each run. Keep one number per `n`: "
            "their mean, `cross_val_score(...).mean()`."
        )
    scores = number_array(check, "knn_scores", value).ravel()
    check.expect(
        len(scores) == len(NOISE),
        f"`knn_scores` holds {len(scores)} numbers, but it should hold one per `n` in "
        f"`noise_columns`, {len(NOISE)} in all.",
    )
    right = np.asarray(_knn_scores())
    if check.close(scores, right):
        return "Nothing was taken away, yet the neighbours lost their way."
    if check.close(scores, _knn_scores("unscaled")):
        # Unscaled, the measurements in the thousands swamp noise of spread 1, so this
        # slip also gives four equal scores: name it first.
        check.fail(
            "`knn_scores` comes from a `KNeighborsClassifier` with no `StandardScaler`: the "
            "measurements in the thousands then decide every distance. Use "
            "`make_pipeline(StandardScaler(), KNeighborsClassifier())`."
        )
    if np.ptp(scores) == 0:
        check.fail(
            "Every entry of `knn_scores` is the same score: the noise was never added. Score "
            "the model on `with_noise(X, n)` inside the loop."
        )
    if check.close(scores, _knn_scores("unshuffled")):
        check.fail(
            "`knn_scores` was computed with `cv=5`, which cuts the rows into folds in their "
            "original order. Pass the lesson's `cv=cv`."
        )
    if bool(np.all(scores >= right - 1e-9)) and scores[-1] > right[-1] + 0.05:
        check.fail(
            "`knn_scores` is too good with 1,000 noise columns: those look like scores on the "
            "rows the model was fit on. Score by cross-validation, `cross_val_score(..., "
            "cv=cv)`.",
            reason="A nearest-neighbours model scored on its own training rows finds each row "
            "as its own neighbour.",
        )
    check.fail(
        "`knn_scores` is not the mean cross-validated accuracy of `make_pipeline("
        "StandardScaler(), KNeighborsClassifier())` on `with_noise(X, n)` for each `n` in "
        "`noise_columns`."
    )


# ------------------------------------------------------------------ exercise 3 ---


def _ratios(points: Any) -> dict[str, float]:
    import numpy as np
    from sklearn.metrics import pairwise_distances

    D = pairwise_distances(points)
    with_self = D.copy()
    np.fill_diagonal(D, np.nan)
    nearest, farthest = np.nanmin(D, axis=1), np.nanmax(D, axis=1)
    return {
        "right": float(np.mean(nearest / farthest)),
        "inverted": float(np.mean(farthest / nearest)),
        "squared": float(np.mean((nearest / farthest) ** 2)),
        "first": float(nearest[0] / farthest[0]),
        "self": float(np.mean(with_self.min(axis=1) / with_self.max(axis=1))),
        "global": float(np.nanmin(D) / np.nanmax(D)),
        "median": float(np.median(nearest / farthest)),
    }


@lesson.exercise(
    hints=[
        "`D = pairwise_distances(points)`, then `np.fill_diagonal(D, np.nan)` so that a point "
        "is not its own nearest neighbour.",
        "Per point (per row of `D`): `np.nanmin(D, axis=1) / np.nanmax(D, axis=1)`; then "
        "take the mean of those ratios.",
    ],
    wrong=[
        Wrong(
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    return np.mean(D.min(axis=1) / D.max(axis=1))",
            message="itself",
        ),
        Wrong(
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    np.fill_diagonal(D, np.nan)\n"
            "    return np.mean(np.nanmax(D, axis=1) / np.nanmin(D, axis=1))",
            message="upside down",
        ),
        Wrong(
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points, metric='sqeuclidean')\n"
            "    np.fill_diagonal(D, np.nan)\n"
            "    return np.mean(np.nanmin(D, axis=1) / np.nanmax(D, axis=1))",
            message="squared",
        ),
        Wrong(
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    np.fill_diagonal(D, np.nan)\n"
            "    return np.nanmin(D) / np.nanmax(D)",
            message="whole table",
        ),
        Wrong(
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    np.fill_diagonal(D, np.nan)\n"
            "    return np.nanmin(D[0]) / np.nanmax(D[0])",
            message="first point",
        ),
    ],
    success="One number for how much 'nearest' still means.",
)
def distance_ratio(check: Check) -> str:
    """Write `distance_ratio(points)`: the mean nearest / farthest distance ratio."""
    import numpy as np

    func = check.get("distance_ratio", types.FunctionType, what="a function (use `def`)")
    rng = np.random.default_rng(1)
    for dims in (3, 40):
        points = rng.uniform(size=(60, dims))
        got = check.call(func, points.copy())
        if got is None:
            check.fail("`distance_ratio` returns None: it needs a `return` line.")
        if np.ndim(got) != 0:
            check.fail(
                f"`distance_ratio` returned {np.size(got)} numbers, one per point: return "
                "their mean, a single number."
            )
        if isinstance(got, bool) or not isinstance(got, (numbers.Real, np.floating)):
            check.wrong_kind("distance_ratio(points)", got, "a single number")
        got = float(got)
        ref = _ratios(points)
        if check.close(got, ref["right"]):
            continue
        if np.isnan(got):
            check.fail(
                "`distance_ratio` returns nan: after `np.fill_diagonal(D, np.nan)`, use "
                "`np.nanmin` and `np.nanmax`, which skip the nan values."
            )
        if check.close(got, ref["self"]) or got == 0:
            check.fail(
                "`distance_ratio` returns 0: each point's nearest point is itself, at "
                "distance 0. Blank out the diagonal first, `np.fill_diagonal(D, np.nan)`."
            )
        if check.close(got, ref["inverted"]):
            check.fail(
                "`distance_ratio` is upside down (farthest / nearest, above 1). Divide the "
                "nearest distance by the farthest."
            )
        if check.close(got, ref["squared"]):
            check.fail(
                "`distance_ratio` uses squared distances. Use the plain (Euclidean) ones, "
                "`pairwise_distances(points)`."
            )
        if check.close(got, ref["global"]):
            check.fail(
                "`distance_ratio` divides the smallest distance in the whole table by the "
                "largest. Take each point's own nearest and farthest (`axis=1`), then the "
                "mean of those ratios."
            )
        if check.close(got, ref["first"]):
            check.fail(
                "`distance_ratio` uses the first point only. Compute the ratio for every "
                "point (`axis=1`), then take the mean."
            )
        if check.close(got, ref["median"]):
            check.fail("`distance_ratio` returns the median of the ratios; take their mean.")
        check.fail(
            f"`distance_ratio` gave {got!r} for {len(points)} random points in {dims} "
            "dimensions, which is not the mean of nearest / farthest distance."
        )
    return "One number for how much 'nearest' still means."


# ------------------------------------------------------------------ exercise 4 ---


def _all_bits() -> Any:
    import itertools

    import numpy as np

    return np.array(list(itertools.product([0, 1], repeat=N_BITS)))


@lesson.exercise(
    hints=[
        "Count the 1s of each row: `bits.sum(axis=1)`.",
        "An odd count leaves a remainder of 1 when divided by 2: `bits.sum(axis=1) % 2`.",
    ],
    wrong=[
        Wrong("def parity(bits):\n    return bits.sum(axis=0) % 2", message="per column"),
        Wrong("def parity(bits):\n    return bits.sum(axis=1)", message="count"),
        Wrong(
            "def parity(bits):\n    return (bits.sum(axis=1) % 2 == 0).astype(int)", message="even"
        ),
        Wrong("def parity(bits):\n    return bits[:, 0] ^ bits[:, 1]", message="first two"),
        Wrong("def parity(bits):\n    return bits.any(axis=1).astype(int)", message="any 1"),
    ],
    success="A one-line target, and a hard one, as the next exercise shows.",
)
def parity(check: Check) -> str:
    """Write `parity(bits)`: 1 for rows with an odd number of 1s, else 0."""
    import numpy as np

    func = check.get("parity", types.FunctionType, what="a function (use `def`)")
    rng = np.random.default_rng(0)
    for bits in (_all_bits(), rng.integers(0, 2, size=(30, 5))):
        got = check.call(func, bits.copy())
        if got is None:
            check.fail("`parity` returns None: it needs a `return` line.")
        array = np.asarray(got).ravel()
        right = bits.sum(axis=1) % 2
        if len(array) == bits.shape[1] and len(array) != len(bits):
            check.fail(
                f"`parity` returned {len(array)} values for {len(bits)} rows: one per column. "
                "Sum each row, `axis=1`."
            )
        check.expect(
            len(array) == len(bits),
            f"`parity` returned {len(array)} values for {len(bits)} rows; it should return one per row.",
        )
        if np.array_equal(array.astype(float), right):
            continue
        if np.array_equal(array, bits.sum(axis=1)):
            check.fail(
                "`parity` returns the count of 1s in each row; keep only whether it is odd: `% 2`."
            )
        if np.array_equal(array.astype(float), 1 - right):
            check.fail(
                "`parity` returns 1 for rows with an *even* number of 1s; it should be 1 for odd ones."
            )
        if np.array_equal(array.astype(float), bits[:, 0] ^ bits[:, 1]):
            check.fail(
                "`parity` looks at the first two bits only; the parity counts every bit of the row."
            )
        if np.array_equal(array.astype(float), bits.any(axis=1)):
            check.fail(
                "`parity` returns 1 when the row has any 1; it should be 1 when the number of 1s is odd."
            )
        check.fail(
            "`parity` does not return 1 for the rows with an odd number of 1s and 0 for the others."
        )
    return "A one-line target, and a hard one, as the next exercise shows."


# ------------------------------------------------------------------ exercise 5 ---


@functools.cache
def _parity_split() -> tuple[Any, Any, Any, Any]:
    from sklearn.model_selection import train_test_split

    bits = _all_bits()
    return tuple(train_test_split(bits, bits.sum(axis=1) % 2, train_size=SEEN, random_state=0))


@lesson.exercise(
    hints=[
        "`full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)` and "
        "score it on `all_bits, target`.",
        "`small_tree` is fit on `X_seen, y_seen` only, and scored on the rows it did not see, "
        "`X_unseen, y_unseen`.",
    ],
    wrong=[
        Wrong(
            "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
            "represent_score = full_tree.score(all_bits, target)\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "learn_score = small_tree.score(X_seen, y_seen)",
            message="seen rows",
        ),
        Wrong(
            "full_tree = DecisionTreeClassifier(max_depth=5, random_state=0).fit(all_bits, target)\n"
            "represent_score = full_tree.score(all_bits, target)\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "learn_score = small_tree.score(X_unseen, y_unseen)",
            message="max_depth",
        ),
        Wrong(
            "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
            "represent_score = full_tree.score(all_bits, target)\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
            "learn_score = small_tree.score(X_unseen, y_unseen)",
            message="every combination",
        ),
        Wrong(
            "full_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "represent_score = full_tree.score(X_seen, y_seen)\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "learn_score = small_tree.score(X_unseen, y_unseen)",
            message="all 1,024",
        ),
        Wrong(
            "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
            "represent_score = full_tree.score(all_bits, target)\n"
            "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"
            "learn_score = 1 - small_tree.score(X_unseen, y_unseen)",
            message="error rate",
        ),
    ],
    success="Representable: yes. Learnable from 300 rows: no.",
)
def learnable(check: Check) -> str:
    """Fit a tree on every combination (`represent_score`) and one on 300 (`learn_score`)."""
    from sklearn.tree import DecisionTreeClassifier

    bits = _all_bits()
    target = bits.sum(axis=1) % 2
    X_seen, X_unseen, y_seen, y_unseen = _parity_split()
    full = check.fitted("full_tree", DecisionTreeClassifier, what="a `DecisionTreeClassifier`")
    seen_full = recipes.rows_seen(full)
    if seen_full == SEEN:
        check.fail(
            "`full_tree` was fit on the 300 seen combinations. To test whether a tree can "
            "*represent* parity, fit it on all 1,024: `all_bits, target`."
        )
    check.expect(
        seen_full == len(bits),
        f"`full_tree` was fit on {seen_full} rows; fit it on all {len(bits)} combinations, "
        "`all_bits, target`.",
    )
    check.expect(
        full.max_depth is None,
        f"`full_tree` has `max_depth={full.max_depth!r}`: parity of 10 bits needs 10 "
        "questions in a row. Leave the depth unlimited, `DecisionTreeClassifier(random_state=0)`.",
    )
    represent = check.get("represent_score", numbers.Real, what="a number between 0 and 1")
    check.expect(
        check.close(represent, full.score(bits, target)),
        f"`represent_score` is {represent!r}, which is not the accuracy of `full_tree` on the "
        "rows it was fit on, `full_tree.score(all_bits, target)`.",
    )
    small = check.fitted("small_tree", DecisionTreeClassifier, what="a `DecisionTreeClassifier`")
    seen_small = recipes.rows_seen(small)
    if seen_small == len(bits):
        check.fail(
            "`small_tree` was fit on every combination, the unseen ones too. Fit it on "
            "`X_seen, y_seen` only.",
            reason="Learning means predicting cases not seen while fitting; a tree that saw "
            "them all has only memorised.",
        )
    check.expect(
        seen_small == SEEN,
        f"`small_tree` was fit on {seen_small} rows; fit it on the {SEEN} seen combinations, "
        "`X_seen, y_seen`.",
    )
    learn = check.get("learn_score", numbers.Real, what="a number between 0 and 1")
    on_unseen = float(small.score(X_unseen, y_unseen))
    if check.close(learn, on_unseen):
        return "Representable: yes. Learnable from 300 rows: no."
    if check.close(learn, small.score(X_seen, y_seen)):
        check.fail(
            "`learn_score` is the accuracy of `small_tree` on the seen rows, which it "
            "memorised. Score it on `X_unseen, y_unseen`."
        )
    if check.close(learn, 1 - on_unseen):
        check.fail(
            "`learn_score` is the error rate (1 - accuracy); keep the accuracy, `.score(...)`."
        )
    check.fail(
        f"`learn_score` is {learn!r}, which is not the accuracy of `small_tree` on "
        "`X_unseen, y_unseen`."
    )

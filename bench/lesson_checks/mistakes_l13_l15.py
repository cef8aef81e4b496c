"""Realistic beginner answers for lessons 13-15 (Domingos' lessons), beyond their ``wrong=``.

Same shape as ``mistakes.py``, which merges these in: ``(code, words)`` per mistake, where
``words`` must appear in a specific message, and valid alternative answers per exercise.
"""

from __future__ import annotations

_M = (
    '{"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
    '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
    '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}'
)
_DIGITS = (
    "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv).mean() "
    "for n, m in models.items()}\n"
)
_P = "p = model.predict(X9_test)\n    "
_LOOP = (
    "biases, variances = [], []\n"
    "for depth in depths:\n"
    "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=depth, random_state=0), 20)\n"
)
_BOUND = "holdout_error = 1 - chosen.score(X_holdout, y_holdout)\n"
_FULL = (
    "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
    "represent_score = full_tree.score(all_bits, target)\n"
)
_SMALL = "small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)\n"

MISTAKES_L13_L15: dict[str, dict[str, list[tuple[str, str]]]] = {
    "13": {
        "representations": [
            (
                f"models = {_M}\n"
                "scores = {n: cross_val_score(m, X, y, cv=cv).std() for n, m in models.items()}",
                "standard deviation",
            ),
            (
                f"models = {_M}\n"
                "scores = {n: cross_val_score(m, X, y, cv=cv).mean() * 100 "
                "for n, m in models.items()}",
                "percentages",
            ),
            (
                f"models = {_M}\n"
                "s = [cross_val_score(m, X, y, cv=cv).mean() for m in models.values()]\n"
                "scores = {'linear': s[2], 'tree': s[1], 'knn': s[0]}",
                "mixed up",
            ),
            (
                'models = {"linear": make_pipeline(StandardScaler(), LogisticRegression()), '
                '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
                '"knn": KNeighborsClassifier()}\n'
                "scores = {n: cross_val_score(m, X, y, cv=cv).mean() for n, m in models.items()}",
                "no `StandardScaler`",
            ),
            (
                'models = {"logistic": make_pipeline(StandardScaler(), LogisticRegression()), '
                '"tree": DecisionTreeClassifier(max_depth=3, random_state=0), '
                '"knn": make_pipeline(StandardScaler(), KNeighborsClassifier())}\n'
                "scores = {n: cross_val_score(m, X, y, cv=cv).mean() for n, m in models.items()}",
                "should have exactly",
            ),
        ],
        "three_scores": [
            (
                f"def three_scores(model):\n    {_P}"
                "return accuracy_score(y9_test, p), balanced_accuracy_score(y9_test, p), "
                "log_loss(y9_test, model.predict_proba(X9_test)[:, 0])",
                "column 0",
            ),
            (
                f"def three_scores(model):\n    {_P}"
                "return [accuracy_score(y9_test, p), balanced_accuracy_score(y9_test, p)]",
                "tuple of three numbers",
            ),
            (
                "def three_scores(model):\n"
                "    p = model.predict(X9_test)\n"
                "    return (balanced_accuracy_score(y9_test, p), accuracy_score(y9_test, p), "
                "log_loss(y9_test, model.predict_proba(X9_test)))",
                "wrong order",
            ),
            (
                "def three_scores(model):\n"
                "    return (model.score(X9_train, y9_train), balanced_accuracy_score(y9_train, "
                "model.predict(X9_train)), log_loss(y9_train, model.predict_proba(X9_train)))",
                "training rows",
            ),
        ],
        "optimization": [
            (
                "train_losses = [log_loss(y_train, LogisticRegression().fit(X_train, y_train)"
                ".predict_proba(X_train)) for n in max_iters]",
                "same log-loss",
            ),
            (
                "train_losses = [LogisticRegression(max_iter=n).fit(X_train, y_train).score("
                "X_test, y_test) for n in max_iters]",
                "accuracies",
            ),
            (
                "train_losses = [log_loss(y_train, LogisticRegression(max_iter=n).fit(X_train, "
                "y_train).predict_proba(X_train)) for n in max_iters[:2]]",
                "one log-loss per",
            ),
            (
                "train_losses = [log_loss(y_test, LogisticRegression(max_iter=n).fit(X_train, "
                "y_train).predict_proba(X_test)) for n in reversed(max_iters)]",
                "test rows",
            ),
        ],
        "permutation": [
            (
                "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
                "X, y, cv=cv, random_state=0)",
                "20 shufflings",
            ),
            (
                "permuted_scores, real_score, p_value = permutation_test_score(models['tree'], "
                "X, y, cv=cv, n_permutations=20, random_state=0)",
                "wrong order",
            ),
            (
                "real_score, permuted_scores, p_value = permutation_test_score(models['tree'], "
                "X, y, cv=5, n_permutations=20, random_state=0)",
                "cv=cv",
            ),
            (
                "real_score, permuted_scores, p_value = permutation_test_score(models['knn'], "
                "X, y, cv=cv, n_permutations=20, random_state=0)",
                '`models["tree"]`',
            ),
        ],
        "no_free_lunch": [
            (
                _DIGITS + "winners = {'cancer': 'knn', 'digits': 'knn'}",
                "not the model with the highest",
            ),
            (
                "digits_scores = {n: cross_val_score(m, X_digits, y_digits, cv=cv) "
                "for n, m in models.items()}\n"
                "winners = {}",
                "five fold scores",
            ),
            (
                _DIGITS + "winners = {'cancer': max(scores, key=scores.get)}",
                "should have exactly",
            ),
            (
                _DIGITS + "winners = max(digits_scores, key=digits_scores.get)",
                "is a str",
            ),
        ],
    },
    "14": {
        "bootstrap": [
            (
                "def bootstrap_predictions(model, n_resamples):\n"
                "    out = []\n"
                "    for b in range(n_resamples):\n"
                "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
                "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
                "    return out[-1]",
                "dimension",
            ),
            (
                "def bootstrap_predictions(model, n_resamples):\n"
                "    out = []\n"
                "    for b in range(n_resamples):\n"
                "        X_b, y_b = resample(X_test, y_test, random_state=b)\n"
                "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
                "    return np.array(out)",
                "resample(X_train, y_train, random_state=b)",
            ),
            (
                "def bootstrap_predictions(model, n_resamples):\n"
                "    X_b, y_b = resample(X_train, y_train, random_state=0)\n"
                "    fitted = clone(model).fit(X_b, y_b)\n"
                "    return np.array([fitted.predict(X_test) for b in range(n_resamples)])",
                "same predictions",
            ),
            (
                "def bootstrap_predictions(model, n_resamples):\n"
                "    out = []\n"
                "    for b in range(n_resamples):\n"
                "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
                "        out.append(clone(model).fit(X_b, y_b).predict(X_test))\n"
                "    return np.array(out).T",
                "one row per resample",
            ),
        ],
        "bias_variance": [
            (
                "def bias_variance(predictions, y_true):\n"
                "    main = mode(predictions, axis=0).mode\n"
                "    print(np.mean(main != y_true), np.mean(predictions != main))",
                "returns None",
            ),
            (
                "def bias_variance(predictions, y_true):\n"
                "    main = mode(predictions, axis=0).mode\n"
                "    return (main != y_true), (predictions != main)",
                "single numbers",
            ),
            (
                "def bias_variance(predictions, y_true):\n"
                "    main = mode(predictions, axis=0).mode\n"
                "    return np.mean(main != y_true), np.std(predictions)",
                "statistical variance",
            ),
            (
                "def bias_variance(predictions, y_true):\n"
                "    main = mode(predictions, axis=0).mode\n"
                "    return np.mean(predictions != y_true), np.mean(predictions != y_true)",
                "error rate",
            ),
        ],
        "depth_sweep": [
            (
                _LOOP + "    b, v = bias_variance(p, y_test)\n"
                "    biases.append(b)\n    variances.append(v)\n"
                "biases, variances = biases[::-1], variances[::-1]",
                "reversed",
            ),
            (
                "biases, variances = [], []\n"
                "for depth in [1, 2, 4, 8, 16]:\n"
                "    p = bootstrap_predictions(DecisionTreeClassifier(max_depth=depth, "
                "random_state=0), 5)\n"
                "    b, v = bias_variance(p, y_test)\n"
                "    biases.append(b)\n    variances.append(v)",
                "20 resamples",
            ),
            (
                _LOOP + "    biases.append(bias_variance(p, y_test))\n"
                "    variances.append(bias_variance(p, y_test))",
                "10 numbers",
            ),
            (
                "biases, variances = [], []\n"
                "for depth in depths:\n"
                "    p = bootstrap_predictions(DecisionTreeClassifier(random_state=0), 20)\n"
                "    b, v = bias_variance(p, y_test)\n"
                "    biases.append(b)\n    variances.append(v)",
                "same depth",
            ),
        ],
        "hoeffding": [
            (
                "def hoeffding_epsilon(n, delta, n_models=1):\n"
                "    return np.sqrt(np.log(n_models / delta) / (2 * n))",
                "not `sqrt(log(2 * n_models / delta)",
            ),
            (
                "def hoeffding_epsilon(n, delta, n_models=1):\n"
                "    return np.sqrt(np.log(2 * n_models / delta) / 2 * n)",
                "not `sqrt(log(2 * n_models / delta)",
            ),
            (
                "def hoeffding_epsilon(n, delta, n_models=1):\n"
                "    print(np.sqrt(np.log(2 * n_models / delta) / (2 * n)))",
                "returns None",
            ),
            (
                "def hoeffding_epsilon(n, delta, n_models=1):\n"
                "    return np.sqrt(np.log10(2 / delta) / (2 * n))",
                "base-10",
            ),
        ],
        "bound_vs_fresh": [
            (
                _BOUND + "bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05, "
                "n_models=10)\nfresh_error = 1 - chosen.score(X_holdout, y_holdout)",
                "not the error rate of `chosen` on the fresh",
            ),
            (
                _BOUND + "fresh_error = 1 - chosen.score(X_fresh, y_fresh)\n"
                "bound = fresh_error + hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)",
                "adds eps to the fresh error",
            ),
            (
                _BOUND + "bound = hoeffding_epsilon(len(X_holdout), 0.05, n_models=10)\n"
                "fresh_error = 1 - chosen.score(X_fresh, y_fresh)",
                "not `holdout_error + hoeffding_epsilon",
            ),
            (
                _BOUND + "bound = holdout_error + hoeffding_epsilon(len(X_holdout), 0.05, "
                "n_models=10)\nfresh_error = 1 - candidates[-1].score(X_fresh, y_fresh)",
                "deepest tree",
            ),
        ],
    },
    "15": {
        "add_noise": [
            (
                "def with_noise(X, n_noise, seed=0):\n"
                "    noise = np.random.default_rng(seed).normal(size=(len(X), n_noise))\n"
                "    np.hstack([X, noise])",
                "returns None",
            ),
            (
                "def with_noise(X, n_noise, seed=0):\n"
                "    return np.hstack([X, np.random.default_rng(0).normal(size=(len(X), n_noise))])",
                "whatever the `seed`",
            ),
            (
                "def with_noise(X, n_noise, seed=0):\n"
                "    return np.hstack([X, np.random.default_rng(seed).normal(size=(len(X), "
                "n_noise)) * 10])",
                "standard deviation",
            ),
            (
                "def with_noise(X, n_noise, seed=0):\n"
                "    return np.hstack([X, np.random.default_rng(seed).normal(size=(len(X), 10))])",
                "columns",
            ),
        ],
        "knn_noise": [
            (
                "knn_scores = [cross_val_score(make_pipeline(StandardScaler(), "
                "KNeighborsClassifier()), with_noise(X, n), y, cv=cv).mean() "
                "for n in noise_columns[:3]]",
                "one per `n`",
            ),
            (
                "knn_scores = cross_val_score(make_pipeline(StandardScaler(), "
                "KNeighborsClassifier()), with_noise(X, 1000), y, cv=cv).mean()",
                "should be a list",
            ),
            (
                "knn_scores = [cross_val_score(DecisionTreeClassifier(max_depth=3, "
                "random_state=0), with_noise(X, n), y, cv=cv).mean() for n in noise_columns]",
                "not the mean cross-validated accuracy of `make_pipeline",
            ),
            (
                "knn_scores = [cross_val_score(make_pipeline(StandardScaler(), "
                "KNeighborsClassifier()), with_noise(X, 0), y, cv=cv).mean() "
                "for n in noise_columns]",
                "never added",
            ),
        ],
        "distance_ratio": [
            (
                "def distance_ratio(points):\n"
                "    D = pairwise_distances(points)\n"
                "    np.fill_diagonal(D, np.nan)\n"
                "    return np.nanmin(D, axis=1) / np.nanmax(D, axis=1)",
                "one per point",
            ),
            (
                "def distance_ratio(points):\n"
                "    D = pairwise_distances(points)\n"
                "    np.fill_diagonal(D, np.nan)\n"
                "    return np.mean(D.min(axis=1) / D.max(axis=1))",
                "np.nanmin",
            ),
            (
                "def distance_ratio(points):\n"
                "    D = pairwise_distances(points)\n"
                "    np.fill_diagonal(D, np.nan)\n"
                "    return np.median(np.nanmin(D, axis=1) / np.nanmax(D, axis=1))",
                "median",
            ),
            (
                "def distance_ratio(points):\n"
                "    D = pairwise_distances(points)\n"
                "    return D.min() / D.max()",
                "itself",
            ),
        ],
        "parity": [
            ("def parity(bits):\n    print(bits.sum(axis=1) % 2)", "returns None"),
            ("def parity(bits):\n    return bits.sum() % 2", "one per row"),
            ("def parity(bits):\n    return bits.max(axis=1)", "any 1"),
            ("def parity(bits):\n    return bits.sum(axis=1) // 2", "does not return 1"),
        ],
        "learnable": [
            (
                _FULL + "small_tree = DecisionTreeClassifier(random_state=0)\nlearn_score = 0.5",
                "has not been fitted",
            ),
            (
                _FULL + _SMALL + "learn_score = small_tree.score(X_unseen, y_unseen) * 100",
                "not the accuracy of `small_tree`",
            ),
            (
                "full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)\n"
                "represent_score = full_tree.predict(all_bits).mean()\n" + _SMALL + ""
                "learn_score = small_tree.score(X_unseen, y_unseen)",
                "on the rows it was fit on",
            ),
            (
                _FULL + "small_tree = DecisionTreeClassifier(random_state=0).fit(X_unseen, "
                "y_unseen)\nlearn_score = small_tree.score(X_seen, y_seen)",
                "fit it on the 300 seen",
            ),
        ],
    },
}

ALTERNATIVES_L13_L15: dict[str, dict[str, list[str]]] = {
    "13": {
        "representations": [
            "from sklearn.pipeline import Pipeline\n"
            "models = {'linear': Pipeline([('scale', StandardScaler()), ('model', "
            "LogisticRegression())]), 'tree': DecisionTreeClassifier(random_state=0, "
            "max_depth=3), 'knn': Pipeline([('scale', StandardScaler()), ('model', "
            "KNeighborsClassifier(n_neighbors=5))])}\n"
            "scores = {}\n"
            "for name in models:\n"
            "    scores[name] = np.mean(cross_val_score(models[name], X, y, cv=cv))",
        ],
        "three_scores": [
            "def three_scores(model):\n"
            "    proba = model.predict_proba(X9_test)[:, 1]\n"
            "    return (model.score(X9_test, y9_test), "
            "balanced_accuracy_score(y_true=y9_test, y_pred=model.predict(X9_test)), "
            "log_loss(y9_test, proba))",
        ],
        "optimization": [
            "train_losses = []\n"
            "for n in max_iters:\n"
            "    m = LogisticRegression(max_iter=n)\n"
            "    m.fit(X_train, y_train)\n"
            "    train_losses.append(log_loss(y_train, m.predict_proba(X_train)))",
        ],
        "permutation": [
            "result = permutation_test_score(estimator=DecisionTreeClassifier(max_depth=3, "
            "random_state=0), X=X, y=y, cv=cv, n_permutations=20, random_state=0)\n"
            "real_score, permuted_scores, p_value = result",
        ],
        "no_free_lunch": [
            "digits_scores = {}\n"
            "for name, model in models.items():\n"
            "    digits_scores[name] = cross_val_score(model, X_digits, y_digits, cv=cv).mean()\n"
            "winners = {'cancer': pd.Series(scores).idxmax(), "
            "'digits': pd.Series(digits_scores).idxmax()}",
        ],
    },
    "14": {
        "bootstrap": [
            "def bootstrap_predictions(model, n_resamples):\n"
            "    return np.array([clone(model).fit(*resample(X_train, y_train, random_state=b))"
            ".predict(X_test) for b in range(n_resamples)])",
            "def bootstrap_predictions(model, n_resamples):\n"
            "    rows = []\n"
            "    for b in range(n_resamples):\n"
            "        X_b, y_b = resample(X_train, y_train, random_state=b)\n"
            "        model.fit(X_b, y_b)\n"
            "        rows.append(model.predict(X_test))\n"
            "    return np.vstack(rows)",
        ],
        "bias_variance": [
            "def bias_variance(predictions, y_true):\n"
            "    main = np.apply_along_axis(lambda c: np.bincount(c).argmax(), 0, predictions)\n"
            "    return (main != y_true).mean(), (predictions != main).mean()",
        ],
        "depth_sweep": [
            "results = [bias_variance(bootstrap_predictions(DecisionTreeClassifier("
            "max_depth=d, random_state=0), 20), y_test) for d in depths]\n"
            "biases = [r[0] for r in results]\n"
            "variances = [r[1] for r in results]",
        ],
        "hoeffding": [
            "import math\n"
            "def hoeffding_epsilon(n, delta, n_models=1):\n"
            "    return math.sqrt((math.log(2 * n_models) - math.log(delta)) / (2 * n))",
        ],
        "bound_vs_fresh": [
            "holdout_error = np.mean(chosen.predict(X_holdout) != y_holdout)\n"
            "bound = holdout_error + hoeffding_epsilon(100, 0.05, 10)\n"
            "fresh_error = np.mean(chosen.predict(X_fresh) != y_fresh)",
        ],
    },
    "15": {
        "add_noise": [
            "def with_noise(X, n_noise, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    return np.concatenate([X, rng.normal(0, 1, (X.shape[0], n_noise))], axis=1)",
        ],
        "knn_noise": [
            "knn_scores = [np.mean(cross_val_score(make_pipeline(StandardScaler(), "
            "KNeighborsClassifier(n_neighbors=5)), with_noise(X, n), y, cv=cv)) "
            "for n in noise_columns]",
        ],
        "distance_ratio": [
            "def distance_ratio(points):\n"
            "    D = pairwise_distances(points)\n"
            "    near = np.where(np.eye(len(D), dtype=bool), np.inf, D).min(axis=1)\n"
            "    return float((near / D.max(axis=1)).mean())",
        ],
        "parity": [
            "def parity(bits):\n    return np.bitwise_xor.reduce(bits, axis=1)",
            "def parity(bits):\n    return bits.sum(axis=1) % 2 == 1",
        ],
        "learnable": [
            "from sklearn.metrics import accuracy_score\n"
            "full_tree = DecisionTreeClassifier(random_state=0)\n"
            "full_tree.fit(all_bits, target)\n"
            "represent_score = accuracy_score(target, full_tree.predict(all_bits))\n"
            "small_tree = DecisionTreeClassifier(random_state=0)\n"
            "small_tree.fit(X_seen, y_seen)\n"
            "learn_score = accuracy_score(y_unseen, small_tree.predict(X_unseen))",
        ],
    },
}

"""Realistic beginner answers for lessons 16-18 (Domingos' lessons, the deep-learning bridge).

Same format as ``mistakes.py``, which merges these in: ``MISTAKES[lesson][exercise]`` holds
``(code, words)``, the words a specific message must contain; ``ALTERNATIVES`` holds other
right answers.
"""

from __future__ import annotations

_LC = "_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, cv="
_BAG = (
    "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), n_estimators=20, "
    "random_state=0)\n"
)
_BOOST = "boosted = AdaBoostClassifier(n_estimators=50, random_state=0)\n"
_STACK = (
    "stacked = StackingClassifier(estimators=list(singles.items()), "
    "final_estimator=LogisticRegression())\n"
)
_DIFFS = (
    'boost_vs_tree = boosted_scores - single_scores["decision tree"]\n'
    "stack_vs_best = stacked_scores - single_scores[best_single]\n"
)
_RULE = (
    "boost_clear = bool(boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree))\n"
    "stack_clear = bool(stack_vs_best.mean() > 2 * standard_error(stack_vs_best))"
)
_LOOP = "train_curve, val_loss = [], []\nfor _ in range(EPOCHS):\n"
_PARTIAL = "    net.partial_fit(X_fit, y_fit, classes=CLASSES)\n"
_ALPHA = (
    "alpha_losses = []\nfor alpha in ALPHAS:\n"
    "    model = MLPClassifier(hidden_layer_sizes=(64,), alpha=alpha, learning_rate_init=0.01, "
    "batch_size=20, max_iter=EPOCHS, random_state=0).fit(X_fit, y_fit)\n"
)
_HIDDEN = "hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
_SCORES = "scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]\n"
_MLP = "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)"

MISTAKES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "16": {
        "relative_mass": [
            (
                'relative_mass = penguins["body_mass_g"] / '
                'penguins.groupby(["species", "sex"])["body_mass_g"].transform("mean")',
                "*and sex*",
            ),
            (
                'relative_mass = penguins["body_mass_g"] / '
                'penguins.groupby("species")["body_mass_g"].transform("median")',
                "the median",
            ),
            (
                'relative_mass = penguins.groupby("species")["body_mass_g"].transform("mean")',
                "not the penguin's own",
            ),
            (
                'relative_mass = penguins["body_mass_g"] / '
                'penguins.groupby("species")["body_mass_g"].mean()',
                "no label matches",
            ),
            (
                'relative_mass = penguins.groupby("species")["body_mass_g"].transform("mean") '
                '/ penguins["body_mass_g"]',
                "upside down",
            ),
        ],
        "engineered_scores": [
            (
                "engineered_scores = cross_val_score(GradientBoostingClassifier(random_state=0), "
                "relative_mass.to_frame(), y, cv=cv)",
                "not from `simple`",
            ),
            (
                "engineered_scores = cross_val_score(simple, relative_mass.to_frame(), y)",
                "other folds",
            ),
            (
                "engineered_scores = np.mean(cross_val_score(simple, relative_mass.to_frame(), "
                "y, cv=cv))",
                "the mean of the fold scores",
            ),
            (
                'engineered_scores = cross_val_score(simple, penguins[["body_mass_g"]] / 1000, '
                "y, cv=cv)",
                "raw body mass",
            ),
            (
                "engineered_scores = cross_val_score(simple, relative_mass.to_frame(), y, "
                "cv=StratifiedKFold(5))",
                "other folds",
            ),
        ],
        "clever_scores": [
            (
                "clever = GradientBoostingClassifier(random_state=0).fit(X_raw, y)\n"
                "clever_scores = clever.score(X_raw, y)",
                "training rows",
            ),
            (
                "clever = GradientBoostingClassifier(random_state=0)\n"
                "clever_scores = cross_val_score(clever, X_raw, y)",
                "other folds",
            ),
            (
                "clever = GradientBoostingClassifier(random_state=0)\n"
                'clever_scores = cross_val_score(clever, X_raw, y, cv=cv, scoring="f1")',
                "nan",
            ),
            (
                "clever = GradientBoostingClassifier(random_state=0)\n"
                'clever_scores = cross_val_score(clever, penguins[["body_mass_g"]], y, cv=cv)',
                "only the body mass",
            ),
        ],
        "learning_curves": [
            (
                "nb_curve = nb_test.mean(axis=1)\n"
                + _LC
                + "splits)\nrf_curve = rf_train.mean(axis=1)",
                "training scores",
            ),
            (
                _LC + "5)\nnb_curve = nb_test.mean(axis=1)\nrf_curve = rf_test.mean(axis=1)",
                "cv=splits",
            ),
            (
                _LC + "splits)\nnb_curve = nb_test[:, 0]\nrf_curve = rf_test[:, 0]",
                "only one split",
            ),
        ],
        "crossing": [
            ("first_forest_win = SIZES[int(np.argmin(rf_curve > nb_curve))]", "naive Bayes is"),
            ("first_forest_win = int(np.argmax(rf_curve - nb_curve))", "not one of `SIZES`"),
            (
                "first_forest_win = SIZES[int(np.argmax(rf_curve - nb_curve))]",
                "not the smallest",
            ),
        ],
    },
    "17": {
        "best_single": [
            ('best_single = "logistic"', "not a key"),
            ("best_single = max(single_scores.values(), key=np.mean)", "the scores, not the name"),
            (
                "best_single = sorted(single_scores, key=lambda n: single_scores[n].mean())[0]",
                "lowest",
            ),
        ],
        "bag_and_boost": [
            (
                "bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), "
                "n_estimators=10, random_state=0)\nbagged_scores = cross_val_score(bagged, X, y, "
                "cv=cv)\n" + _BOOST + "boosted_scores = cross_val_score(boosted, X, y, cv=cv)",
                "n_estimators=20",
            ),
            (
                _BAG + "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
                "from sklearn.ensemble import GradientBoostingClassifier\n"
                "boosted = GradientBoostingClassifier(random_state=0)\n"
                "boosted_scores = cross_val_score(boosted, X, y, cv=cv)",
                "not a `AdaBoostClassifier`",
            ),
            (
                _BAG
                + "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
                + _BOOST
                + "boosted_scores = cross_val_score(boosted, X, y)",
                "other folds",
            ),
        ],
        "stacking": [
            (
                "stacked = StackingClassifier(estimators=list(singles.values()), "
                "final_estimator=LogisticRegression())\n"
                "stacked_scores = cross_val_score(stacked, X, y, cv=cv)",
                "(name, model)",
            ),
            (_STACK + "stacked_scores = cross_val_score(stacked, X, y)", "other folds"),
            (
                "from sklearn.ensemble import VotingClassifier\n"
                "stacked = VotingClassifier(list(singles.items()))\n"
                "stacked_scores = cross_val_score(stacked, X, y, cv=cv)",
                "not a `StackingClassifier`",
            ),
        ],
        "judge_gains": [
            (
                'boost_vs_tree = bagged_scores - single_scores["decision tree"]\n'
                "stack_vs_best = stacked_scores - single_scores[best_single]\n" + _RULE,
                "bagged trees",
            ),
            (_DIFFS + "boost_clear = True\nstack_clear = False", "typed in"),
            (
                _DIFFS + 'boost_clear = "yes"\nstack_clear = "no"',
                "True or False",
            ),
            (
                'boost_vs_tree = boosted_scores.mean() - single_scores["decision tree"].mean()\n'
                "stack_vs_best = stacked_scores.mean() - single_scores[best_single].mean()\n"
                "boost_clear = bool(boost_vs_tree > 0)\nstack_clear = bool(stack_vs_best > 0)",
                "fold by fold",
            ),
        ],
        "simplicity": [
            (
                "stump_scores = cross_val_score(DecisionTreeClassifier(max_depth=3, "
                "random_state=0), X, y, cv=cv)",
                "depth 3",
            ),
            (
                "stump_scores = cross_val_score(DecisionTreeClassifier(max_depth=1, "
                "random_state=0), X, y)",
                "other folds",
            ),
            (
                "stump_scores = np.mean(cross_val_score(DecisionTreeClassifier(max_depth=1, "
                "random_state=0), X, y, cv=cv))",
                "the mean of the fold scores",
            ),
        ],
        "overall_slope": [
            ("overall_slope = np.polyfit(length, depth, 2)[0]", "degree 2"),
            (
                "from sklearn.linear_model import LinearRegression\n"
                'overall_slope = LinearRegression().fit(penguins[["bill_depth_mm"]], length)'
                ".coef_[0]",
                "swapped",
            ),
            ("overall_slope = depth.corr(length)", "correlation"),
        ],
        "species_slopes": [
            (
                'species_slopes = penguins.groupby("species")[["bill_length_mm", '
                '"bill_depth_mm"]].corr()',
                "dict",
            ),
            (
                "species_slopes = {s: np.polyfit(length, depth, 1)[0] "
                "for s, g in penguins.groupby('species')}",
                "the overall slope",
            ),
            (
                "species_slopes = {s: np.corrcoef(g['bill_length_mm'], g['bill_depth_mm'])[0, 1] "
                "for s, g in penguins.groupby('species')}",
                "correlation",
            ),
        ],
    },
    "18": {
        "linear_model": [
            (
                "linear = LogisticRegression(max_iter=1000).fit(X_train, y_train)\n"
                "linear_score = linear.score(X, y)",
                "every row",
            ),
            (
                "linear = LogisticRegression(max_iter=1000).fit(X_train, y_train)\n"
                "linear_score = 1 - linear.score(X_test, y_test)",
                "error rate",
            ),
            (
                "from sklearn.linear_model import LinearRegression\n"
                "linear = LinearRegression().fit(X_train, y_train)\n"
                "linear_score = linear.score(X_test, y_test)",
                "LogisticRegression",
            ),
        ],
        "mlp": [
            (
                "mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=200, random_state=0)"
                ".fit(X_train, y_train)\nmlp_score = mlp.score(X_test, y_test)",
                "one layer of 32",
            ),
            (
                "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=50, random_state=0)"
                ".fit(X_train, y_train)\nmlp_score = mlp.score(X_test, y_test)",
                "max_iter=200",
            ),
            (_MLP + ".fit(X, y)\nmlp_score = mlp.score(X_test, y_test)", "every row"),
            (
                "mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0, "
                'activation="tanh").fit(X_train, y_train)\nmlp_score = mlp.score(X_test, y_test)',
                "activation='tanh'",
            ),
            (_MLP + ".fit(X_train, y_train)\nmlp_score = mlp.score(X, y)", "every row"),
        ],
        "count_parameters": [
            ("n_parameters = mlp.coefs_[0].size + mlp.coefs_[1].size", "weights only"),
            (
                "n_parameters = sum(len(w) for w in mlp.coefs_) + "
                "sum(len(b) for b in mlp.intercepts_)",
                "`len` counts the rows",
            ),
            ("n_parameters = mlp.n_layers_", "number of layers"),
            ("n_parameters = len(mlp.coefs_)", "arrays"),
        ],
        "training_curves": [
            (
                _LOOP + _PARTIAL + "    train_curve.append(net.score(X_train, y_train))\n"
                "    val_loss.append(log_loss(y_val, net.predict_proba(X_val)))",
                "all of `X_train`",
            ),
            (
                _LOOP + _PARTIAL + "    train_curve.append(net.score(X_fit, y_fit))\n"
                "    val_loss.append(1 - net.score(X_val, y_val))",
                "error rate",
            ),
            (
                _LOOP + "    net.fit(X_fit, y_fit)\n"
                "    train_curve.append(net.score(X_fit, y_fit))\n"
                "    val_loss.append(log_loss(y_val, net.predict_proba(X_val)))",
                "from scratch",
            ),
            (
                _LOOP + _PARTIAL + "    train_curve.append(net.score(X_val, y_val))\n"
                "    val_loss.append(log_loss(y_val, net.predict_proba(X_val)))",
                "validation rows",
            ),
        ],
        "best_epoch": [
            ("best_epoch = np.argmin(val_loss)", "from 0"),
            ("best_epoch = EPOCHS", "the last epoch"),
            ("best_epoch = int(np.argmax(train_curve)) + 1", "`train_curve`"),
        ],
        "choose_alpha": [
            (
                _ALPHA + "    alpha_losses.append(model.score(X_val, y_val))\n"
                "best_alpha = ALPHAS[int(np.argmin(alpha_losses))]",
                "accuracies",
            ),
            (
                _ALPHA + "alpha_losses.append(log_loss(y_val, model.predict_proba(X_val)))\n"
                "best_alpha = alpha",
                "one loss per alpha",
            ),
            (
                _ALPHA + "    alpha_losses.append(log_loss(y_val, model.predict_proba(X_val)))\n"
                "best_alpha = min(alpha_losses)",
                "a loss, not an alpha",
            ),
        ],
        "forward_pass": [
            (
                "hidden = np.tanh(X_test @ mlp.coefs_[0] + mlp.intercepts_[0])\n"
                + _SCORES
                + "by_hand = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)",
                "ReLU",
            ),
            (_HIDDEN + _SCORES + "by_hand = np.exp(scores) / np.exp(scores).sum()", "whole table"),
            (_HIDDEN + _SCORES + "by_hand = scores.argmax(axis=1)", "shape"),
            (_HIDDEN + _SCORES + "by_hand = 1 / (1 + np.exp(-scores))", "softmax"),
        ],
    },
}

ALTERNATIVES: dict[str, dict[str, list[str]]] = {
    "16": {
        "relative_mass": [
            'relative_mass = penguins["body_mass_g"] / '
            'penguins["species"].map(penguins.groupby("species")["body_mass_g"].mean())',
            'relative_mass = penguins.groupby("species")["body_mass_g"]'
            ".transform(lambda m: m / m.mean())",
        ],
        "engineered_scores": [
            'engineered_scores = cross_val_score(simple, pd.DataFrame({"rel": relative_mass}), '
            "y, cv=cv)",
            "engineered_scores = list(cross_val_score(simple, "
            "relative_mass.to_numpy().reshape(-1, 1), y, cv=cv))",
        ],
        "clever_scores": [
            "clever = GradientBoostingClassifier(random_state=0)\n"
            "clever_scores = cross_val_score(clever, X_raw.to_numpy(), y, cv=cv)"
        ],
        "learning_curves": [
            "rf_test = learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, "
            "cv=splits)[2]\nnb_curve = np.mean(nb_test, axis=1)\nrf_curve = np.mean(rf_test, "
            "axis=1)"
        ],
        "crossing": [
            "first_forest_win = SIZES[int(np.argmax(rf_curve > nb_curve))]",
            "first_forest_win = min(n for n, a, b in zip(SIZES, nb_curve, rf_curve) if b > a)",
        ],
    },
    "17": {
        "best_single": [
            "best_single = pd.Series({n: s.mean() for n, s in single_scores.items()}).idxmax()"
        ],
        "bag_and_boost": [
            "bagged = BaggingClassifier(estimator=DecisionTreeClassifier(random_state=0), "
            "n_estimators=20, random_state=0)\n"
            "bagged_scores = cross_val_score(bagged, X, y, cv=cv)\n"
            + _BOOST
            + "boosted_scores = list(cross_val_score(boosted, X, y, cv=cv))"
        ],
        "stacking": [
            "stacked = StackingClassifier(estimators=list(singles.items()))\n"
            "stacked_scores = cross_val_score(stacked, X, y, cv=cv)"
        ],
        "judge_gains": [
            _DIFFS.replace("single_scores[best_single]", 'single_scores["logistic regression"]')
            + "boost_clear = boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree)\n"
            "stack_clear = stack_vs_best.mean() > 2 * standard_error(stack_vs_best)"
        ],
        "simplicity": [
            "from sklearn.model_selection import cross_validate\n"
            "stump_scores = cross_validate(DecisionTreeClassifier(max_depth=1, random_state=0), "
            'X, y, cv=cv)["test_score"]'
        ],
        "overall_slope": [
            "from sklearn.linear_model import LinearRegression\n"
            'overall_slope = LinearRegression().fit(penguins[["bill_length_mm"]], depth).coef_[0]',
            "overall_slope = np.cov(length, depth)[0, 1] / np.var(length, ddof=1)",
        ],
        "species_slopes": [
            'species_slopes = penguins.groupby("species").apply(lambda g: '
            'np.polyfit(g["bill_length_mm"], g["bill_depth_mm"], 1)[0])'
        ],
    },
    "18": {
        "linear_model": [
            "linear = LogisticRegression(max_iter=1000)\nlinear.fit(X_train, y_train)\n"
            "linear_score = (linear.predict(X_test) == y_test).mean()"
        ],
        "mlp": [
            _MLP + ".fit(X_train, y_train)\nfrom sklearn.metrics import accuracy_score\n"
            "mlp_score = accuracy_score(y_test, mlp.predict(X_test))"
        ],
        "count_parameters": [
            "n_parameters = sum(a.size for a in mlp.coefs_ + mlp.intercepts_)",
            "n_parameters = int(np.sum([w.size for w in [*mlp.coefs_, *mlp.intercepts_]]))",
        ],
        "training_curves": [
            "from sklearn.metrics import accuracy_score\n"
            + _LOOP
            + _PARTIAL
            + "    train_curve.append(accuracy_score(y_fit, net.predict(X_fit)))\n"
            "    val_loss.append(log_loss(y_val, net.predict_proba(X_val), labels=CLASSES))"
        ],
        "best_epoch": ["best_epoch = val_loss.index(min(val_loss)) + 1"],
        "choose_alpha": [
            "alpha_losses = [log_loss(y_val, MLPClassifier(hidden_layer_sizes=(64,), alpha=a, "
            "learning_rate_init=0.01, batch_size=20, max_iter=EPOCHS, random_state=0)"
            ".fit(X_fit, y_fit).predict_proba(X_val)) for a in ALPHAS]\n"
            "best_alpha = ALPHAS[alpha_losses.index(min(alpha_losses))]"
        ],
        "forward_pass": [
            "from scipy.special import softmax\n" + _HIDDEN + _SCORES + "by_hand = softmax("
            "scores, axis=1)",
            _HIDDEN + _SCORES + "shifted = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "by_hand = shifted / shifted.sum(axis=1, keepdims=True)",
        ],
    },
}

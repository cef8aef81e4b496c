"""Realistic beginner answers for lessons 19-22, beyond each exercise's own ``wrong=`` list.

The same shape as ``mistakes.py`` (which merges these in): ``MISTAKES_L19_L22[lesson][exercise]``
holds ``(code, words)`` pairs, ``ALTERNATIVES_L19_L22`` other right answers.
"""

from __future__ import annotations

_TEST_LOOP = (
    "scores = [make_tree().fit(X_train[c], y_train).score(X_test[c], y_test) for c in subsets]\n"
)
_VAL_LOOP = "scores = [make_tree().fit(X_fit[c], y_fit).score(X_val[c], y_val) for c in subsets]\n"
_R = "r = my_study.result\n"

MISTAKES_L19_L22: dict[str, dict[str, list[tuple[str, str]]]] = {
    "19": {
        "tune_on_test": [
            (
                _TEST_LOOP + "best_cols = subsets[int(np.argmax(scores))]\n"
                "best_test_score = float(np.median(scores))",
                "not the test accuracy of `best_cols`",
            ),
            (
                "best_cols = subsets[0]\nbest_test_score = make_tree().fit(X_train[best_cols], "
                "y_train).score(X_test[best_cols], y_test)",
                "does not have the highest test accuracy",
            ),
            (
                _TEST_LOOP + "best_cols = subsets[int(np.argmax(scores))]\n"
                "best_test_score = max(scores) * 100",
                "not the test accuracy of `best_cols`",
            ),
            (
                _TEST_LOOP + "best_cols = int(np.argmax(scores))\nbest_test_score = max(scores)",
                "single number",
            ),
        ],
        "fresh_truth": [
            (
                "best_fresh_score = make_tree().fit(X_train, y_train).score(X_fresh, y_fresh)",
                "every column",
            ),
            ("best_fresh_score = best_test_score", "score on the test rows again"),
            (
                "best_fresh_score = make_tree().fit(X_fresh[best_cols], y_fresh)"
                ".score(X_fresh[best_cols], y_fresh)",
                "fitted on the fresh rows",
            ),
        ],
        "choose_on_validation": [
            ("val_cols = best_cols\nval_fresh_score = 0.9", "chosen on the test rows"),
            (
                _VAL_LOOP + "val_cols = subsets[int(np.argmax(scores))]\n"
                "val_fresh_score = make_tree().fit(X_fit[val_cols], y_fit)"
                ".score(X_fresh[val_cols], y_fresh)",
                "fitted on `X_fit` only",
            ),
            (
                _VAL_LOOP + "val_cols = subsets[int(np.argmax(scores))]\n"
                "val_fresh_score = make_tree().fit(X_train[val_cols], y_train)"
                ".score(X_val[val_cols], y_val)",
                "validation score",
            ),
        ],
        "choose_measure": [
            (
                "chosen_metric = 'recall_score'\nchosen_gain_fresh = 0.0",
                "not one of the measures",
            ),
            (
                "chosen_metric = max(gains_test, key=gains_test.get)\n"
                "chosen_gain_fresh = gains_on(X_test, y_test)[chosen_metric]",
                "gain on the test rows",
            ),
            (
                "chosen_metric = max(gains_test, key=gains_test.get)\n"
                "chosen_gain_fresh = gains_on(X_fresh, y_fresh)",
                "is a dict",
            ),
        ],
        "pick_clinics": [
            (
                'wins = clinics[clinics["gain_test"] > 0]\npicked = list(wins.index)\n'
                'reported_gain = wins["gain_fresh"].mean()\n'
                'picked_fresh_gain = wins["gain_fresh"].mean()',
                "not the mean `gain_test`",
            ),
            (
                'picked = list(clinics.index)\nreported_gain = clinics["gain_test"].mean()\n'
                'picked_fresh_gain = clinics["gain_fresh"].mean()',
                "not the list of clinics",
            ),
            (
                'wins = clinics[clinics["gain_test"] > 0]\npicked = list(wins.index)\n'
                'reported_gain = wins["gain_test"].sum()\n'
                'picked_fresh_gain = wins["gain_fresh"].sum()',
                "not the mean `gain_test`",
            ),
        ],
        "review_codes": [
            ("found_codes = [f['message'] for f in review.findings]", "not the set of codes"),
            ("found_codes = 'multi-test-leak'", "is a str"),
            ("found_codes = {'multi-test-leak'}", "only some"),
        ],
    },
    "20": {
        "failing_tests": [
            (
                'mts = items[items["rubric"] == "ml-test-score"]\n'
                'failing_tests = list(mts.loc[mts["status"] == "pass", "id"])',
                "not the list of ML Test Score items",
            ),
            (
                'failing_tests = sorted(items.loc[items["status"] == "fail", "rubric"])',
                "not the list of ML Test Score items",
            ),
            ('failing_tests = "model-1"', "one text"),
        ],
        "ml_test_score": [
            (
                'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
                'mts["section"] = mts["id"].str.split("-").str[0]\n'
                'mts["points"] = (mts["status"] == "pass") * 1.0\n'
                'section_points = mts.groupby("section")["points"].sum()\n'
                "my_score = section_points.median()",
                "median",
            ),
            (
                'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
                'section_points = mts.groupby("rubric")["status"].count()\n'
                "my_score = 1.0",
                "sections",
            ),
            (
                'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
                'mts["section"] = mts["id"].str.split("-").str[0]\n'
                'mts["points"] = (mts["status"] != "fail") * 1.0\n'
                'section_points = mts.groupby("section")["points"].sum()\n'
                "my_score = section_points.min()",
                "1 point per automated pass",
            ),
        ],
        "audit_columns": [
            ('left_out = "penguin_id"\nflagged_column = "island"', "not the column data-4"),
            ('left_out = "species"\nflagged_column = "observer_name"', "the target"),
            ('left_out = "penguin_id"\nflagged_column = ["observer_name"]', "is a list"),
        ],
        "weak_features": [
            ('weak_features = sorted(importance["column"])', "not the columns"),
            ('weak_features = list(importance.loc[importance["mean"] <= 0, "column"])', "spread"),
            (
                'weak_features = sorted(importance.loc[importance["mean"] < 2 * '
                'importance["std"], "column"])[:2]',
                "not the columns",
            ),
        ],
        "fix_and_rerun": [
            (
                "fixed = diveml.study(table, 'species', out='l20-fixed', budget=0.5, "
                "settings=settings, keep=['penguin_id'])\n"
                "fixed_review = diveml.review('l20-fixed', settings=settings)",
                "still uses",
            ),
            ("fixed = 'l20-fixed'\nfixed_review = review", "is a str"),
            ("fixed = first\nfixed_review = diveml.review('l20-study', settings=settings)",
             "first study again"),
        ],
        "second_look": [
            (
                "times_scored = 1\ntweak_status = 'fail'",
                "first study",
            ),
            (
                'times_scored = fixed.result["holdout"]["times_scored"]\ntweak_status = "pass"',
                "before the re-run",
            ),
            (
                'times_scored = str(fixed.result["holdout"]["times_scored"])\n'
                'tweak_status = "fail"',
                "is a str",
            ),
        ],
    },
    "21": {
        "dem_count": [
            ('dem_count = n * pa["cand1_pct"] / 100', "two-party share"),
            ('dem_count = pa["cand1_pct"]', "not `n` times"),
            ('dem_count = (n * pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])).astype(int)',
             "not `n` times"),
        ],
        "first_update": [
            (
                "a_first, b_first = 1 + dem_count.iloc[0], n.iloc[0] - dem_count.iloc[0]",
                "not Beta(1, 1) updated",
            ),
            ("a_first, b_first = dem_count.iloc[0], n.iloc[0]", "not Beta(1, 1) updated"),
            (
                "a_first, b_first = 1 + dem_count.sum(), 1 + (n - dem_count).sum()",
                "not Beta(1, 1) updated",
            ),
        ],
        "all_polls": [
            ("a_post, b_post = 1 + dem_count.sum(), 1 + n.sum()", "not Beta(1, 1) updated"),
            ("a_post, b_post = a_first, b_first", "not Beta(1, 1) updated"),
            (
                "a_post, b_post = 2 + dem_count.sum(), 2 + (n - dem_count).sum()",
                "not Beta(1, 1) updated",
            ),
        ],
        "credible_interval": [
            (
                "post_mean = a_post / (a_post + b_post)\n"
                "low, high = stats.beta.interval(0.9, a_post, b_post)",
                "90%",
            ),
            (
                "post_mean = a_post / (a_post + b_post)\n"
                "low, high = stats.beta.ppf([0.25, 0.75], a_post, b_post)",
                "not the 2.5% and 97.5% quantiles",
            ),
            (
                "post_mean = stats.beta.median(a_post, b_post)\n"
                "low, high = stats.beta.ppf([0.025, 0.975], a_post, b_post)",
                "median",
            ),
        ],
        "lead_probability": [
            ("p_dem_leads = 1 - stats.beta.sf(0.5, a_post, b_post)", "below 0.5"),
            ("p_dem_leads = stats.beta.pdf(0.5, a_post, b_post)", "density"),
            ("p_dem_leads = stats.beta.sf(0.5, a_post, b_post) * 100", "not the posterior's"),
        ],
        "check_result": [
            (
                'actual_share = pa["cand1_actual"].iloc[0]\ninside = False',
                "percentage of all votes",
            ),
            (
                'actual_share = pa["cand2_actual"].iloc[0] / (pa["cand1_actual"].iloc[0] + '
                'pa["cand2_actual"].iloc[0])\ninside = False',
                "not the Democrat's real two-party share",
            ),
            (
                'r = pa.iloc[0]\nactual_share = r["cand1_actual"] / (r["cand1_actual"] + '
                'r["cand2_actual"])\ninside = "no"',
                "True or False",
            ),
        ],
    },
    "22": {
        "the_question": [
            ('target = "vote"\nmetric = "precision_recall"', "not scikit-learn's name"),
            ('target = "Dole"\nmetric = "roc_auc"', "no column"),
            ('target = "vote"\nmetric = "mean_squared_error"', "not scikit-learn's name"),
        ],
        "run_study": [
            ("my_study = None", "None"),
            ('my_study = "l22-study"', "is a str"),
            (
                'my_study = diveml.study("anes96", target, metric=metric, out="l22-study", '
                "budget=0.5, settings=settings).result",
                "is a dict",
            ),
        ],
        "holdout_numbers": [
            (
                'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
                'holdout_score = hold["score"]\ninterval = hold["ci_low"]',
                "single number",
            ),
            (
                'hold = my_study.result["holdout"]\n'
                'holdout_rows = my_study.result["split"]["train_rows"]\n'
                'holdout_score = hold["score"]\ninterval = (hold["ci_low"], hold["ci_high"])',
                "not the holdout's rows",
            ),
            (
                'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
                'holdout_score = hold["other_metrics"]["accuracy"]\n'
                'interval = (hold["ci_low"], hold["ci_high"])',
                "not the holdout score",
            ),
        ],
        "reviewer_attacks": [
            ('attacks = {"A"}', "do not support"),
            ('attacks = ["A", "B", "C", "D", "E"]', "do not support"),
            ('attacks = {"F"}', "not attacks A to E"),
        ],
        "methods_paragraph": [
            ('methods = "We ran a study."', "does not name the table"),
            (
                _R + "methods = f\"anes96, {r['metric']}, {r['chosen']['name']}, "
                "{r['holdout']['score']:.3f}\"",
                "how many rows",
            ),
            (
                _R + "methods = (f\"anes96 with {r['data']['rows']} rows, {r['metric']}, "
                "{r['chosen']['name']}: {r['holdout']['score']:.1f}\")",
                "does not state the holdout score",
            ),
        ],
        "review_study": [
            ("peer_review = my_study\nreview_fails = []", "is a"),
            (
                'peer_review = diveml.review("l22-study", settings=settings)\n'
                'review_fails = sorted(i["id"] for i in peer_review.items if i["status"] == "pass")',
                "items that pass",
            ),
            (
                'peer_review = diveml.review("l22-study", settings=settings)\n'
                'review_fails = sorted(i["id"] for i in peer_review.items '
                'if i["status"] == "needs_person")',
                "not the ids",
            ),
        ],
    },
}

ALTERNATIVES_L19_L22: dict[str, dict[str, list[str]]] = {
    "19": {
        "tune_on_test": [
            _TEST_LOOP + "i = scores.index(max(scores))\n"
            "best_cols, best_test_score = tuple(subsets[i]), scores[i]"
        ],
        "fresh_truth": [
            "best_fresh_score = float((make_tree().fit(X_train[best_cols], y_train)"
            ".predict(X_fresh[best_cols]) == y_fresh).mean())"
        ],
        "choose_on_validation": [
            _VAL_LOOP + "val_cols = list(subsets[scores.index(max(scores))])\n"
            "val_fresh_score = make_tree().fit(X_train[val_cols], y_train)"
            ".score(X_fresh[val_cols], y_fresh)"
        ],
        "choose_measure": [
            "chosen_metric = pd.Series(gains_test).idxmax()\n"
            "chosen_gain_fresh = float(pd.Series(gains_on(X_fresh, y_fresh))[chosen_metric])"
        ],
        "pick_clinics": [
            'picked = clinics.index[clinics.gain_test > 0].tolist()\n'
            "reported_gain = clinics.loc[picked, 'gain_test'].mean()\n"
            "picked_fresh_gain = clinics.loc[picked, 'gain_fresh'].mean()"
        ],
        "review_codes": ["found_codes = sorted({f['code'] for f in review.findings})"],
    },
    "20": {
        "failing_tests": [
            "failing_tests = sorted(i['id'] for i in review.items "
            "if i['rubric'] == 'ml-test-score' and i['status'] == 'fail')"
        ],
        "ml_test_score": [
            "section_points = {s: 0.0 for s in ('data', 'model', 'infra', 'monitoring')}\n"
            "for i in review.items:\n"
            "    if i['rubric'] == 'ml-test-score' and i['status'] == 'pass':\n"
            "        section_points[i['id'].split('-')[0]] += 1.0 if i['automated'] else 0.5\n"
            "my_score = min(section_points.values())"
        ],
        "audit_columns": [
            "left_out = first.result['exclusions'][0]['column']\n"
            "flagged_column = [c for c in table.columns if 'name' in c][0]"
        ],
        "weak_features": [
            "weak_features = sorted(c for c, m, s in zip(importance['column'], "
            "importance['mean'], importance['std']) if m <= 2 * s)"
        ],
        "fix_and_rerun": [
            "fixed = diveml.study(table, target='species', out=Path('l20-fixed'), budget=0.5, "
            "settings=settings, drop=['observer_name'])\n"
            "fixed_review = diveml.review(fixed.out_dir, settings=settings)"
        ],
        "second_look": [
            "times_scored = int(fixed.result['holdout']['times_scored'])\n"
            "tweak_status = {i['id']: i['status'] for i in fixed_review.items}['parameter-tweak']"
        ],
    },
    "21": {
        "dem_count": [
            'dem_count = np.round(pa.samplesize * pa.cand1_pct / (pa.cand1_pct + pa.cand2_pct))'
        ],
        "first_update": [
            "k, m = dem_count.iloc[0], n.iloc[0]\na_first, b_first = 1 + k, 1 + (m - k)"
        ],
        "all_polls": [
            "a_post, b_post = 1, 1\nfor k, m in zip(dem_count, n):\n"
            "    a_post, b_post = a_post + k, b_post + m - k"
        ],
        "credible_interval": [
            "post_mean = stats.beta.mean(a_post, b_post)\n"
            "low, high = stats.beta.interval(0.95, a_post, b_post)"
        ],
        "lead_probability": ["p_dem_leads = 1 - stats.beta.cdf(0.5, a_post, b_post)"],
        "check_result": [
            "d, r = pa.loc[0, 'cand1_actual'], pa.loc[0, 'cand2_actual']\n"
            "actual_share = d / (d + r)\ninside = low < actual_share < high"
        ],
    },
    "22": {
        "the_question": ['target = "vote"\nmetric = "roc_auc"'],
        "run_study": [
            'my_study = diveml.study(data="anes96", target=target, metric=metric, '
            'out=Path("l22-study"), budget=0.5, settings=settings)'
        ],
        "holdout_numbers": [
            'h = my_study.result["holdout"]\n'
            "holdout_rows, holdout_score, interval = h['rows'], h['score'], "
            "[h['ci_low'], h['ci_high']]"
        ],
        "reviewer_attacks": [
            "r = my_study.result\nh = r['holdout']\n"
            "imp = r['diagnostics']['permutation_importance']\n"
            "attacks = set()\n"
            "if h['ci_low'] <= h['baseline_score']: attacks.add('A')\n"
            "if h['gap_flag']: attacks.add('B')\n"
            "if len([x for x in r['ladder'] if x['status'] == 'ok']) <= 2: attacks.add('C')\n"
            "if h['ci_high'] - h['ci_low'] > 0.05: attacks.add('D')\n"
            "if sum(i['mean'] - 2 * i['std'] <= 0 for i in imp) > len(imp) / 2: attacks.add('E')"
        ],
        "methods_paragraph": [
            _R + "h = r['holdout']\n"
            "methods = (f\"Data: the anes96 survey, {r['data']['rows']:,} respondents; "
            "target vote; metric {r['metric'].replace('_', ' ')} (set beforehand). "
            "Model chosen by cross-validation: {r['chosen']['label']}. Holdout "
            "({h['rows']} rows): {h['score']:.2f}, 95% CI [{h['ci_low']:.2f}, "
            "{h['ci_high']:.2f}].\")"
        ],
        "review_study": [
            'peer_review = diveml.review(my_study.out_dir, settings=settings)\n'
            "review_fails = sorted([i['id'] for i in peer_review.items if i['status'] == 'fail'])"
        ],
    },
}

"""Lesson 22, a practice study with peer review: question, study, critique, methods, review.

The references come from the study folder the learner's study writes (``l22-study``) and
from reviewing it here, with the lesson's own ledger (``l22-home``). The methods paragraph
is checked for the facts it must state, read back from ``study.json``: the table, its rows,
the measure, the chosen model, and the holdout score with both ends of its interval.
"""

from __future__ import annotations

import functools
import json
import numbers
import re
from pathlib import Path
from typing import Any

from diveml.lessons.authoring import Check, Lesson, Wrong

lesson = Lesson(
    id="22-practice-study",
    title="A practice study, with peer review",
    minutes=30,
    # The guide ends with practice studies and peer review: the last lesson on the path.
    path_order=70,
    summary="Ask a question of the 1996 election survey, run diveml study, read it as a "
    "reviewer, write the methods paragraph, review it, and where to ask people.",
)

TABLE = "anes96"
TARGET = "vote"
STUDY = "l22-study"
HOME = "l22-home"
METRICS = ("roc_auc", "balanced_accuracy", "accuracy", "f1", "average_precision")
REGRESSION = ("r2", "neg_mean_squared_error", "neg_mean_absolute_error", "neg_root_mean_squared_error")  # fmt: skip


def _settings() -> Any:
    import diveml

    home = Path(HOME).resolve()
    return diveml.resolve_settings(
        {"DIVEML_HOME": str(home), "DIVEML_CONFIG": str(home / "none.toml"), "DIVEML_OFFLINE": "1"}
    )


def _result(check: Check) -> dict[str, Any]:
    path = Path(STUDY) / "study.json"
    check.expect(
        path.is_file(), f"There is no study in `{STUDY}` here: finish exercise `run_study` first."
    )
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@functools.cache
def _review_cached(folder: str, stamp: float) -> dict[str, Any]:
    import diveml

    return diveml.review(folder, settings=_settings()).data


def _supported(r: dict[str, Any]) -> dict[str, bool]:
    hold = r["holdout"]
    imp = r["diagnostics"]["permutation_importance"]
    weak = sum(i["mean"] - 2 * (i.get("std") or 0) <= 0 for i in imp)
    return {
        "A": not hold["ci_low"] > hold["baseline_score"],
        "B": bool(hold["gap_flag"]),
        "C": sum(rung["status"] == "ok" for rung in r["ladder"]) <= 2,
        "D": hold["ci_high"] - hold["ci_low"] > 0.05,
        "E": weak > len(imp) / 2,
    }


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        "The target is the column that says whom each voter voted for.",
        'For two classes, `"balanced_accuracy"` or `"roc_auc"` are good choices.',
    ],
    wrong=[
        Wrong('target = "PID"\nmetric = "balanced_accuracy"', message="party identification"),
        Wrong('target = "Vote"\nmetric = "balanced_accuracy"', message="no column"),
        Wrong('target = "vote"\nmetric = "r2"', message="regression"),
        Wrong('target = "vote"\nmetric = "auc"', message="scikit-learn's name"),
        Wrong('target = "vote"\nmetric = ["roc_auc", "accuracy"]', message="one measure"),
    ],
)
def the_question(check: Check) -> str:
    """Set `target` (the column to predict) and `metric` (the measure), before any result."""
    import diveml

    columns = list(diveml.load_dataset(TABLE).columns)
    target = check.get("target", str, what="a column name")
    if target == "PID":
        check.fail(
            "`target` is 'PID', party identification, a view the voter holds. The question "
            "is how they *voted*."
        )
    check.expect(
        target in columns,
        f"`target` is {target!r}: there is no column of that name in {TABLE} (names are "
        f"case-sensitive): {', '.join(columns)}.",
    )
    check.expect(
        target == TARGET, f"`target` is {target!r}; the question is whom each voter voted for."
    )
    metric = check.get("metric")
    if isinstance(metric, (list, tuple, set)):
        check.fail("`metric` holds several measures; a study is judged by one measure, chosen now.")
    check.expect(isinstance(metric, str), "`metric` should be a measure's name (text).")
    if metric in REGRESSION:
        check.fail(
            f"`metric` is {metric!r}, a measure for regression (predicting a number); `vote` "
            "has two classes."
        )
    check.expect(
        metric in METRICS,
        f"`metric` is {metric!r}, which is not scikit-learn's name of one of the measures "
        f"listed: {', '.join(METRICS)}.",
    )
    return f"Question written down: predict {target!r}, judged by {metric}."


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        "Copy the call from the task; `target` and `metric` are your answers to exercise 1.",
    ],
    wrong=[
        Wrong("my_study = diveml.study", message="the function `study` itself"),
        Wrong(
            'my_study = diveml.study("anes96", target, out="l22-study", budget=0.5, '
            "settings=settings)",
            message="the measure you chose",
        ),
        Wrong(
            'my_study = diveml.study("anes96", target, metric=metric, out="elsewhere", '
            "budget=0.5, settings=settings)",
            message="l22-study",
        ),
        Wrong(
            'my_study = diveml.study("anes96", target, metric=metric, out="l22-study", budget=0.5)',
            message="settings=settings",
        ),
    ],
)
def run_study(check: Check) -> str:
    """Set `my_study` to the study of `anes96` for your `target` and `metric`."""
    import diveml

    value = check.get("my_study")
    if callable(value) and not isinstance(value, diveml.Study):
        check.fail(
            "`my_study` is the function `study` itself: call it, "
            '`diveml.study("anes96", target, ...)`, and keep what it returns.'
        )
    study = check.get("my_study", diveml.Study, what="the study `diveml.study(...)` returns")
    if Path(study.out_dir).resolve() != Path(STUDY).resolve():
        check.fail(
            f'`my_study` was written to {str(study.out_dir)!r}; pass `out="{STUDY}"`, the '
            "folder the rest of the lesson reads."
        )
    r = study.result
    metric = check.namespace.get("metric")
    check.expect(r["target"] == TARGET, f"`my_study` predicts {r['target']!r}, not `vote`.")
    if isinstance(metric, str) and r["metric"] != metric:
        check.fail(
            f"`my_study` was judged by {r['metric']!r}, not by `metric` ({metric!r}), the "
            "measure you chose: pass `metric=metric`."
        )
    settings = check.namespace.get("settings")
    check.expect(
        isinstance(settings, diveml.Settings),
        "`settings` is not the lesson's settings any more: run the cell above exercise 2 again.",
    )
    ledger = [s for s in diveml.list_studies(settings=settings) if s.get("id") == r["id"]]
    check.expect(
        bool(ledger),
        "`my_study` is not in this lesson's ledger: pass `settings=settings`, so that your "
        "own ledger stays as it was.",
    )
    return f"Study {r['id']} written to {STUDY}/."


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        '`hold = my_study.result["holdout"]`, then `hold["rows"]`, `hold["score"]`, ...',
        '`interval = (hold["ci_low"], hold["ci_high"])`',
    ],
    wrong=[
        Wrong(
            'hold = my_study.result["holdout"]\nholdout_rows = len(voters)\n'
            'holdout_score = hold["score"]\ninterval = (hold["ci_low"], hold["ci_high"])',
            message="every row",
        ),
        Wrong(
            'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
            'holdout_score = my_study.result["chosen"]["cv_mean"]\n'
            'interval = (hold["ci_low"], hold["ci_high"])',
            message="cross-validation",
        ),
        Wrong(
            'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
            'holdout_score = hold["score"]\nc = my_study.result["chosen"]\n'
            'interval = (c["cv_mean"] - 2 * c["cv_std"], c["cv_mean"] + 2 * c["cv_std"])',
            message="folds",
        ),
        Wrong(
            'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
            'holdout_score = hold["baseline_score"]\ninterval = (hold["ci_low"], hold["ci_high"])',
            message="baseline",
        ),
        Wrong(
            'hold = my_study.result["holdout"]\nholdout_rows = hold["rows"]\n'
            'holdout_score = hold["score"]\ninterval = (hold["ci_high"], hold["ci_low"])',
            message="low end first",
        ),
    ],
)
def holdout_numbers(check: Check) -> str:
    """Set `holdout_rows`, `holdout_score` and `interval` from the study's holdout."""
    rows = check.get("holdout_rows", numbers.Integral, what="a whole number of rows")
    for name in ("holdout_score", "interval"):
        check.get(name)
    r = _result(check)
    hold, chosen = r["holdout"], r["chosen"]
    if rows == r["data"]["rows"]:
        check.fail(
            "`holdout_rows` is the number of every row of the table; the holdout is the part "
            'locked away (`holdout["rows"]`).'
        )
    check.expect(rows == hold["rows"], f"`holdout_rows` is {rows!r}, not the holdout's rows.")
    score = float(check.get("holdout_score", numbers.Real, what="a number"))
    if check.close(score, chosen["cv_mean"]) and not check.close(score, hold["score"]):
        check.fail(
            "`holdout_score` is the chosen model's cross-validation score (`cv_mean`); the "
            'holdout score is `holdout["score"]`, measured once on rows no choice saw.'
        )
    if check.close(score, hold["baseline_score"]) and not check.close(score, hold["score"]):
        check.fail("`holdout_score` is the baseline's score; take the chosen model's.")
    check.expect(
        check.close(score, hold["score"]), f"`holdout_score` is {score!r}, not the holdout score."
    )
    value = check.get("interval", (tuple, list), what="a pair (low, high)")
    check.expect(len(value) == 2, "`interval` should hold two numbers, (low, high).")
    low, high = float(value[0]), float(value[1])
    if check.close((low, high), (hold["ci_high"], hold["ci_low"])):
        check.fail("`interval` is upside down: put the low end first, `(ci_low, ci_high)`.")
    spread = (chosen["cv_mean"] - 2 * chosen["cv_std"], chosen["cv_mean"] + 2 * chosen["cv_std"])
    if check.close((low, high), spread):
        check.fail(
            "`interval` is the spread of the cross-validation folds; the holdout's interval "
            "is `(ci_low, ci_high)`, a bootstrap of the holdout's own predictions."
        )
    check.expect(
        check.close((low, high), (hold["ci_low"], hold["ci_high"])),
        "`interval` is not the holdout's `(ci_low, ci_high)`.",
    )
    return f"{score:.3f} on {rows} rows, 95% interval {low:.3f} to {high:.3f}."


# ------------------------------------------------------------------ exercise 4 ---


_HOW = {
    "A": "compare `holdout['ci_low']` with `holdout['baseline_score']`",
    "B": "look at `holdout['gap_flag']`",
    "C": "count the rungs of `result['ladder']` whose status is 'ok'",
    "D": "compute `ci_high - ci_low`",
    "E": "count the features whose `mean - 2 * std` is at most 0, against half of them",
}


@lesson.exercise(
    hints=[
        "Look up each attack's number in `my_study.result`; each gives True or False.",
        "Put the letters whose test is True in a set: `{letter for letter, yes in ... if yes}`.",
    ],
    wrong=[
        Wrong('attacks = {"A", "B", "C", "D", "E"}', message="do not support"),
        Wrong("attacks = set()", message="missing"),
        Wrong('attacks = "C"', message="a set of letters"),
        Wrong('attacks = {"a", "c"}', message="capital"),
    ],
)
def reviewer_attacks(check: Check) -> str:
    """Set `attacks` to the set of the letters of the attacks this study's numbers support."""
    value = check.get("attacks")
    r = _result(check)
    truth = _supported(r)
    if isinstance(value, str):
        check.fail(
            f"`attacks` is the text {value!r}; make it a set of letters, such as `{{'A', 'E'}}`."
        )
    check.expect(
        isinstance(value, (set, frozenset, list, tuple)),
        f"`attacks` is a {type(value).__name__}; it should be a set of letters.",
    )
    got = {str(v) for v in value}
    if got and all(v.islower() for v in got):
        check.fail("`attacks` uses small letters; the attacks are named with capitals, A to E.")
    unknown = sorted(got - set(truth))
    check.expect(not unknown, f"`attacks` holds {unknown!r}, which are not attacks A to E.")
    wrongly = sorted(v for v in got if not truth[v])
    if wrongly:
        how = "; ".join(f"{v}: {_HOW[v]}" for v in wrongly)
        check.fail(f"`attacks` holds attacks this study's numbers do not support ({how}).")
    missing = sorted(v for v, yes in truth.items() if yes and v not in got)
    if missing:
        how = "; ".join(f"{v}: {_HOW[v]}" for v in missing)
        check.fail(f"`attacks` is missing attacks the numbers do support ({how}).")
    return (
        f"The numbers support {', '.join(sorted(got)) or 'no attack'}; a reviewer would "
        "start there."
    )


# ------------------------------------------------------------------ exercise 5 ---


def _numbers_in(text: str) -> list[str]:
    return re.findall(r"\d[\d,]*\.?\d*", text)


def _states(text: str, value: float) -> bool:
    """True when ``text`` writes ``value`` at the precision it uses (2 to 4 decimals)."""
    for token in _numbers_in(text):
        token = token.replace(",", "").rstrip(".")
        if "." not in token:
            continue
        decimals = len(token.split(".")[1])
        if decimals >= 2 and abs(float(token) - value) <= 0.5 * 10**-decimals + 1e-12:
            return True
    return False


@lesson.exercise(
    hints=[
        "Use the facts printed above: table, rows, measure, chosen model, holdout score, interval.",
        "An f-string fills them in: `f\"... scored {r['holdout']['score']:.3f} ...\"`.",
    ],
    wrong=[
        Wrong(
            "r = my_study.result\n"
            "methods = (f\"We predicted vote in anes96 ({r['data']['rows']} rows), by "
            "{r['metric']}. The {r['chosen']['name']} model scored "
            "{r['chosen']['cv_mean']:.3f} in cross-validation.\")",
            message="holdout score",
        ),
        Wrong(
            "r = my_study.result\n"
            "methods = (f\"We predicted vote in anes96 ({r['data']['rows']} rows), by "
            "{r['metric']}. The {r['chosen']['name']} model scored "
            "{r['holdout']['score']:.3f} on the holdout.\")",
            message="interval",
        ),
        Wrong(
            "r = my_study.result\n"
            "methods = (f\"We predicted vote ({r['holdout']['rows']} rows), by {r['metric']}. "
            "The {r['chosen']['name']} model scored {r['holdout']['score']:.3f} "
            "(95% interval {r['holdout']['ci_low']:.3f} to {r['holdout']['ci_high']:.3f}).\")",
            message="table",
        ),
        Wrong(
            "r = my_study.result\n"
            "methods = (f\"We predicted vote in anes96 ({r['data']['rows']} rows), by "
            "{r['metric']}. The model scored {r['holdout']['score']:.3f} "
            "(95% interval {r['holdout']['ci_low']:.3f} to {r['holdout']['ci_high']:.3f}).\")",
            message="which model",
        ),
        Wrong(
            "r = my_study.result\n"
            "methods = (f\"We predicted vote in anes96 ({r['data']['rows']} rows). "
            "The {r['chosen']['name']} model scored {r['holdout']['score']:.3f} "
            "(95% interval {r['holdout']['ci_low']:.3f} to {r['holdout']['ci_high']:.3f}).\")",
            message="measure",
        ),
        Wrong("methods = print('We used a linear model.')", message="None"),
    ],
)
def methods_paragraph(check: Check) -> str:
    """Set `methods` to a methods paragraph with the facts a reader needs."""
    text = check.get("methods", str, what="a paragraph of text")
    r = _result(check)
    hold, chosen = r["holdout"], r["chosen"]
    rows = r["data"]["rows"]
    if TABLE not in text:
        check.fail(f"`methods` does not name the table ({TABLE!r}): a reader must know the data.")
    counts = {t.replace(",", "").rstrip(".") for t in _numbers_in(text)}
    check.expect(
        str(rows) in counts,
        "`methods` does not say how many rows the table has (the number in "
        "`result['data']['rows']`).",
    )
    check.expect(
        r["metric"] in text or r["metric"].replace("_", " ") in text,
        f"`methods` does not name the measure, {r['metric']!r}, fixed before fitting.",
    )
    words = {chosen["name"], chosen["name"].replace("_", " ")}
    words |= set(re.findall(r"[a-z]+ (?:regression|tree|forest|boosting|model)", chosen["label"]))
    check.expect(
        any(w in text for w in words),
        f"`methods` does not say which model was chosen (its name, {chosen['name']!r}, or "
        "its label).",
    )
    if not _states(text, hold["score"]):
        if _states(text, chosen["cv_mean"]):
            check.fail(
                "`methods` gives the cross-validation score, not the holdout score: the "
                "holdout is the one honest measure of the chosen model."
            )
        check.fail("`methods` does not state the holdout score (at 2 to 4 decimals).")
    check.expect(
        _states(text, hold["ci_low"]) and _states(text, hold["ci_high"]),
        "`methods` gives the holdout score without both ends of its 95% interval: a score "
        "without its interval cannot be compared.",
    )
    return "Every fact a reader needs is there."


# ------------------------------------------------------------------ exercise 6 ---


@lesson.exercise(
    hints=[
        '`peer_review = diveml.review("l22-study", settings=settings)`',
        '`sorted(item["id"] for item in peer_review.items if item["status"] == "fail")`',
    ],
    wrong=[
        Wrong(
            'peer_review = diveml.review("l22-study", settings=settings)\n'
            'review_fails = sorted(i["id"] for i in peer_review.items '
            'if i["rubric"] == "ml-test-score" and i["status"] == "fail")',
            message="every rubric",
        ),
        Wrong(
            'peer_review = diveml.review("l22-study", settings=settings)\n'
            'review_fails = sorted(i["title"] for i in peer_review.items if i["status"] == "fail")',
            message="titles",
        ),
        Wrong(
            'peer_review = diveml.review("l22-study", settings=settings)\n'
            'review_fails = len([i for i in peer_review.items if i["status"] == "fail"])',
            message="a count",
        ),
        Wrong(
            'peer_review = diveml.review("l22-study", settings=settings)\n'
            'review_fails = sorted(i["id"] for i in peer_review.items '
            'if i["status"] in ("fail", "partial"))',
            message="partial",
        ),
        Wrong(
            'peer_review = "l22-study"\nreview_fails = []',
            message="diveml.review",
        ),
    ],
)
def review_study(check: Check) -> str:
    """Set `peer_review` to the review of `l22-study` and `review_fails` to its failing ids."""
    from diveml.review import Review

    rev = check.get("peer_review", Review, what="the review `diveml.review(...)` returns")
    value = check.get("review_fails")
    r = _result(check)
    check.expect(
        rev.data.get("study_id") == r["id"], "`peer_review` is not the review of `l22-study`."
    )
    data = _review_cached(str(Path(STUDY).resolve()), (Path(STUDY) / "study.json").stat().st_mtime)
    if isinstance(value, numbers.Real):
        check.fail(f"`review_fails` is a count ({value!r}); it should be the list of ids.")
    check.expect(
        isinstance(value, (list, tuple)), "`review_fails` should be a sorted list of item ids."
    )
    got = [str(v) for v in value]
    items = data["items"]
    expected = sorted(i["id"] for i in items if i["status"] == "fail")
    if sorted(got) == sorted(i["title"] for i in items if i["status"] == "fail"):
        check.fail("`review_fails` holds the items' titles; keep their `id`s.")
    mts = sorted(i["id"] for i in items if i["status"] == "fail" and i["rubric"] == "ml-test-score")
    if sorted(got) == mts and mts != expected:
        check.fail(
            "`review_fails` keeps the ML Test Score's items only; the task asks for every rubric's."
        )
    if got and sorted(got) == sorted(i["id"] for i in items if i["status"] == "pass"):
        check.fail('`review_fails` holds the items that pass; keep those whose status is "fail".')
    if sorted(got) == sorted(i["id"] for i in items if i["status"] in ("fail", "partial")) and (
        sorted(got) != expected
    ):
        check.fail('`review_fails` includes the `partial` items; keep status "fail" only.')
    check.expect(
        sorted(got) == expected,
        f"`review_fails` is {sorted(got)!r}, which is not the ids of the items that fail.",
    )
    check.expect(got == expected, "`review_fails` has the right ids; sort them.")
    return f"{len(expected)} items fail; each one comes with its evidence and its fix."

"""Lesson 20, technical debt and the ML Test Score: a study, its review, one fix, re-run.

The references come from the study folders the lesson writes (``l20-study``, then
``l20-fixed``) and from reviewing them again here, with the lesson's own ledger
(``l20-home``): never from the learner's variables. A review is cheap (a fraction of a
second), so each check reviews the folder itself.
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
    id="20-technical-debt",
    title="Technical debt and the ML Test Score",
    minutes=30,
    # After the clever methods of overfitting (40): the guide's risks, then Bayesian methods.
    path_order=41,
    summary="Run a small study, review it against the ML Test Score and Sculley's debts, "
    "compute the score, find the features that add nothing, fix one finding, re-run.",
)

STUDY = "l20-study"
FIXED = "l20-fixed"
HOME = "l20-home"
FLAGGED = "observer_name"
SECTIONS = ("data", "model", "infra", "monitoring")


def _settings() -> Any:
    import diveml

    home = Path(HOME).resolve()
    return diveml.resolve_settings(
        {"DIVEML_HOME": str(home), "DIVEML_CONFIG": str(home / "none.toml"), "DIVEML_OFFLINE": "1"}
    )


def _stamp(folder: str) -> float:
    return (Path(folder) / "study.json").stat().st_mtime


@functools.cache
def _review_cached(folder: str, stamp: float, ledger: int) -> dict[str, Any]:
    import diveml

    return diveml.review(folder, settings=_settings()).data


def _review(check: Check, folder: str) -> dict[str, Any]:
    """The review of ``folder`` (cached while the folder and the ledger are unchanged)."""
    check.expect(
        (Path(folder) / "study.json").is_file(),
        f"There is no study in `{folder}` here: run the cells above that write it first.",
    )
    ledger = sum(p.stat().st_size for p in Path(HOME).rglob("*") if p.is_file())
    return _review_cached(str(Path(folder).resolve()), _stamp(folder), ledger)


def _result(folder: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((Path(folder) / "study.json").read_text("utf-8"))
    return data


def _mts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in data["items"] if i["rubric"] == "ml-test-score"]


def _names(check: Check, name: str, what: str) -> list[str]:
    value = check.get(name)
    if isinstance(value, numbers.Real):
        check.fail(f"`{name}` is a number ({value!r}); it should be {what}.")
    if isinstance(value, str):
        check.fail(f"`{name}` is one text ({value!r}); it should be {what}, in a list.")
    check.expect(
        hasattr(value, "__iter__") and not isinstance(value, dict),
        f"`{name}` is a {type(value).__name__}; it should be {what}.",
    )
    items = list(value)
    check.expect(all(isinstance(v, str) for v in items), f"`{name}` should hold names (text).")
    return items


def _expect_sorted(
    check: Check, name: str, got: list[str], expected: list[str], *, what: str, items: str
) -> None:
    """End the check unless ``got`` is ``expected`` in sorted order; a sorting slip is named."""
    check.expect(sorted(got) == expected, f"`{name}` is {sorted(got)!r}, which is not {what}.")
    check.expect(got == expected, f"`{name}` has the right {items}; sort them (`sorted`).")


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        'Keep the rows of `items` whose `rubric` is "ml-test-score", then those whose '
        '`status` is "fail".',
        '`sorted(mts.loc[mts["status"] == "fail", "id"])`',
    ],
    wrong=[
        Wrong(
            'failing_tests = sorted(items.loc[items["status"] == "fail", "id"])',
            message="other rubrics",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"]\n'
            'failing_tests = sorted(mts.loc[mts["status"].isin(["fail", "partial"]), "id"])',
            message="partial",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"]\n'
            'failing_tests = sorted(mts.loc[mts["status"] != "pass", "id"])',
            message="every item that does not pass",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"]\n'
            'failing_tests = int((mts["status"] == "fail").sum())',
            message="a number",
        ),
    ],
)
def failing_tests(check: Check) -> str:
    """Set `failing_tests` to the sorted ids of the ML Test Score items that fail."""
    data = _review(check, STUDY)
    got = _names(check, "failing_tests", "the list of the failing items' ids")
    mts = _mts(data)
    expected = sorted(i["id"] for i in mts if i["status"] == "fail")
    every_fail = sorted(i["id"] for i in data["items"] if i["status"] == "fail")
    if sorted(got) == every_fail and every_fail != expected:
        check.fail(
            "`failing_tests` holds failing items of other rubrics too (technical debt, "
            "Rules of ML...). Keep the ML Test Score's only."
        )
    if sorted(got) == sorted(i["id"] for i in mts if i["status"] in ("fail", "partial")) and (
        sorted(got) != expected
    ):
        check.fail(
            "`failing_tests` includes the `partial` items: partly met is not failed. Keep "
            'status "fail" only.'
        )
    if sorted(got) == sorted(i["id"] for i in mts if i["status"] != "pass"):
        check.fail(
            "`failing_tests` holds every item that does not pass, including the ones only a "
            'person can judge and the ones no offline study can. Keep status "fail" only.'
        )
    _expect_sorted(
        check,
        "failing_tests",
        got,
        expected,
        what='the list of ML Test Score items whose status is "fail"',
        items="ids",
    )
    return f"{len(expected)} of the 28 tests fail: {', '.join(expected)}."


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        'The section is `mts["id"].str.split("-").str[0]`.',
        'A pass is worth `1.0` if `automated`, else `0.5`: `np.where(mts["status"] == '
        '"pass", np.where(mts["automated"], 1.0, 0.5), 0.0)`.',
        "Group the points by section and `.sum()`; the score is the `.min()` of those sums.",
    ],
    wrong=[
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
            'mts["section"] = mts["id"].str.split("-").str[0]\n'
            'mts["points"] = (mts["status"] == "pass") * 1.0\n'
            'section_points = mts.groupby("section")["points"].sum()\n'
            "my_score = section_points.sum()",
            message="smallest",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
            'mts["section"] = mts["id"].str.split("-").str[0]\n'
            'mts["points"] = (mts["status"] == "pass") * 1.0\n'
            'section_points = mts.groupby("section")["points"].sum()\n'
            "my_score = section_points.mean()",
            message="smallest",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
            'mts["section"] = mts["id"].str.split("-").str[0]\n'
            'mts["points"] = (mts["status"] == "pass") * 1.0\n'
            'section_points = mts.groupby("section")["points"].sum()\n'
            "my_score = section_points.max()",
            message="the max of the sections",
        ),
        Wrong(
            'mts = items[items["rubric"] == "ml-test-score"].copy()\n'
            'mts["section"] = mts["id"].str.split("-").str[0]\n'
            'mts["points"] = mts["status"].isin(["pass", "partial"]) * 1.0\n'
            'section_points = mts.groupby("section")["points"].sum()\n'
            "my_score = section_points.min()",
            message="partial",
        ),
    ],
)
def ml_test_score(check: Check) -> str:
    """Set `section_points` (points per section) and `my_score` (the ML Test Score)."""
    import pandas as pd

    data = _review(check, STUDY)
    points = {s: 0.0 for s in SECTIONS}
    with_partial = dict(points)
    for i in _mts(data):
        section = i["id"].split("-")[0]
        if i["status"] == "pass":
            points[section] += 1.0 if i["automated"] else 0.5
        if i["status"] in ("pass", "partial"):
            with_partial[section] += 1.0
    value = check.get("section_points")
    check.expect(
        isinstance(value, (dict, pd.Series)),
        f"`section_points` is a {type(value).__name__}; it should be a dictionary or "
        "Series from section name to points.",
    )
    got = {str(k): float(v) for k, v in dict(value).items()}
    check.expect(
        sorted(got) == sorted(SECTIONS),
        f"`section_points` has the sections {sorted(got)!r}; it should have "
        f"{', '.join(SECTIONS)} (the part of each id before the dash).",
    )
    score = float(check.get("my_score", numbers.Real, what="a number of points"))
    if got == with_partial and with_partial != points:
        check.fail(
            "`section_points` counts the `partial` items as passes. Only a pass earns "
            "points (1 if automated, 0.5 if not)."
        )
    check.expect(
        all(check.close(got[s], points[s]) for s in SECTIONS),
        "`section_points` does not give each section 1 point per automated pass and 0.5 "
        "per pass judged by hand.",
    )
    sums = list(points.values())
    # The last step of the learner's `my_score = ...` line: values can coincide (the median
    # of the section sums may equal their minimum), the code says what was meant.
    lines = re.findall(r"^\s*my_score\s*=(.*)$", check.code_for("my_score") or "", re.M)
    rhs = lines[-1].split("#")[0].strip() if lines else ""
    for how in ("median", "mean", "sum", "max"):
        if re.search(rf"\.{how}\(\)$", rhs) or re.match(rf"(np\.|statistics\.)?{how}\(", rhs):
            check.fail(
                f"`my_score` takes the {how} of the sections; the ML Test Score is the "
                "smallest section sum (`min`): the weakest section decides."
            )
    if check.close(score, sum(sums)) and not check.close(score, min(sums)):
        check.fail(
            "`my_score` adds up the sections. The ML Test Score is the smallest section "
            "sum: the weakest section decides."
        )
    if check.close(score, sum(sums) / len(sums)) and not check.close(score, min(sums)):
        check.fail("`my_score` is the mean of the sections; the score is the smallest one.")
    if check.close(score, max(sums)) and not check.close(score, min(sums)):
        check.fail("`my_score` is the largest section sum; the score is the smallest one.")
    check.expect(
        check.close(score, min(sums)),
        f"`my_score` is {score!r}, which is not the smallest of your section sums.",
    )
    check.expect(
        check.close(score, float(data["score"])),
        "`my_score` is not the review's own `review.data['score']`: recount the points.",
    )
    return f"ML Test Score {score:g}, with {data['ml_test_score']['coverage']:.0%} coverage."


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        '`first.result["excluded_columns"]` lists what the study left out.',
        "Read the evidence of `data-4` printed above: it names the column.",
    ],
    wrong=[
        Wrong(
            'left_out = first.result["excluded_columns"][0]\nflagged_column = "penguin_id"',
            message="left out by itself",
        ),
        Wrong(
            'left_out = first.result["excluded_columns"][0]\nflagged_column = "sex"',
            message="model-7",
        ),
        Wrong(
            'left_out = "observer_name"\nflagged_column = "observer_name"',
            message="was used",
        ),
        Wrong(
            'left_out = first.result["excluded_columns"]\nflagged_column = "observer_name"',
            message="one column name",
        ),
        Wrong(
            'left_out = first.result["excluded_columns"][0]\nflagged_column = "species"',
            message="target",
        ),
    ],
)
def audit_columns(check: Check) -> str:
    """Set `left_out` (the column the study dropped) and `flagged_column` (data-4's)."""
    result = _result(STUDY)
    excluded = list(result["excluded_columns"])
    used = list(result["model"].get("columns") or [])
    left = check.get("left_out")
    if isinstance(left, (list, tuple)):
        check.fail("`left_out` is a list; set it to the one column name in it (`[0]`), as text.")
    check.expect(
        isinstance(left, str), f"`left_out` is a {type(left).__name__}; set it to a column name."
    )
    if left == result["target"]:
        check.fail(
            f"`left_out` is the target, {left!r}: the study predicts it, so it is not a "
            "feature left out. Look at `first.result['excluded_columns']`."
        )
    if left in used:
        check.fail(
            f"`left_out` is {left!r}, which the study's model was used with (it is in "
            "`first.result['model']['columns']`). Look at `first.result['excluded_columns']`."
        )
    check.expect(
        left in excluded,
        f"`left_out` is {left!r}, which is not in `first.result['excluded_columns']`.",
    )
    flagged = check.get("flagged_column", str, what="a column name")
    data4 = next(i for i in _review(check, STUDY)["items"] if i["id"] == "data-4")
    if flagged == result["target"]:
        check.fail(f"`flagged_column` is the target, {flagged!r}: the review asks about features.")
    if flagged in excluded:
        check.fail(
            f"`flagged_column` is {flagged!r}, which the study left out by itself: nothing is "
            "left for a person to decide. Which column *was used* and looks personal?"
        )
    if flagged == "sex":
        check.fail(
            "`flagged_column` is 'sex': item model-7 shows scores by that column (a question "
            "of fairness), but data-4 names another one."
        )
    check.expect(
        repr(flagged) in data4["evidence"],
        f"`flagged_column` is {flagged!r}, which is not the column data-4's evidence names.",
    )
    return f"The study dropped {left!r} by itself; {flagged!r} is for you to decide."


# ------------------------------------------------------------------ exercise 4 ---


@lesson.exercise(
    hints=[
        'A boolean mask: `importance["mean"] - 2 * importance["std"] <= 0`.',
        'Keep the `"column"` of those rows, then `sorted(...)`.',
    ],
    wrong=[
        Wrong(
            'weak_features = sorted(importance.loc[importance["mean"] <= 0, "column"])',
            message="spread",
        ),
        Wrong(
            'weak_features = sorted(importance.loc[importance["mean"] - importance["std"] <= 0, '
            '"column"])',
            message="twice",
        ),
        Wrong(
            'weak_features = sorted(importance.loc[importance["mean"] - 2 * importance["std"] > 0,'
            ' "column"])',
            message="the features that do add",
        ),
        Wrong(
            'weak_features = sorted(importance.loc[importance["mean"] - 2 * importance["std"] '
            "<= 0].index)",
            message="row numbers",
        ),
    ],
)
def weak_features(check: Check) -> str:
    """Set `weak_features` to the sorted columns whose `mean - 2 * std` is at most 0."""
    imp = _result(STUDY)["diagnostics"]["permutation_importance"]
    value = check.get("weak_features")
    listed = hasattr(value, "__iter__") and not isinstance(value, (str, dict))
    if listed and list(value) and all(isinstance(v, numbers.Integral) for v in value):
        check.fail("`weak_features` holds row numbers of `importance`; keep their `column` names.")
    got = _names(check, "weak_features", "a list of column names")

    def under(k: float) -> list[str]:
        return sorted(i["column"] for i in imp if i["mean"] - k * (i.get("std") or 0) <= 0)

    expected = under(2)
    # Which of these two a learner wrote can give the same list: one message covers both.
    if sorted(got) in (under(0), under(1)) and sorted(got) != expected:
        check.fail(
            "`weak_features` does not allow for the spread of the repeats: the rule "
            "subtracts twice the `std` (`mean - 2 * std`) before comparing with 0."
        )
    strong = sorted(i["column"] for i in imp if i["mean"] - 2 * (i.get("std") or 0) > 0)
    if sorted(got) == strong:
        check.fail(
            "`weak_features` holds the features that do add something measurable; the task "
            "asks for the others (`<= 0`)."
        )
    _expect_sorted(
        check,
        "weak_features",
        got,
        expected,
        what="the columns whose `mean - 2 * std` is at most 0",
        items="columns",
    )
    return f"{len(expected)} of {len(imp)} features add nothing the holdout can measure."


# ------------------------------------------------------------------ exercise 5 ---


@lesson.exercise(
    hints=[
        'The same call as the first study, with `out="l20-fixed"` and `drop=[flagged_column]`.',
        '`fixed_review = diveml.review("l20-fixed", settings=settings)`',
    ],
    wrong=[
        Wrong(
            "fixed = diveml.study(table, 'species', out='l20-fixed', budget=0.5, "
            "settings=settings, drop=['penguin_id'])\n"
            "fixed_review = diveml.review('l20-fixed', settings=settings)",
            message="still uses",
        ),
        Wrong(
            "fixed = first\nfixed_review = review",
            message="first study",
        ),
        Wrong(
            "fixed = diveml.study(table, 'species', out='l20-fixed', budget=0.5, "
            "settings=settings, drop=[flagged_column], seed=1)\n"
            "fixed_review = diveml.review('l20-fixed', settings=settings)",
            message="seed",
        ),
        Wrong(
            "fixed = diveml.study(table, 'species', out='l20-fixed', budget=0.5, "
            "settings=settings, drop=[flagged_column])\nfixed_review = review",
            message="review of the first study",
        ),
    ],
)
def fix_and_rerun(check: Check) -> str:
    """Re-run the study without `flagged_column` into `l20-fixed`; review it."""
    import diveml
    from diveml.review import Review

    study = check.get("fixed", diveml.Study, what="the study `diveml.study(...)` returns")
    rev = check.get("fixed_review", Review, what="a review (`diveml.review(...)`)")
    first = _result(STUDY)
    if Path(study.out_dir).resolve() == Path(STUDY).resolve():
        check.fail("`fixed` is the first study again: run a new one, into `l20-fixed`.")
    check.expect(
        Path(study.out_dir).resolve() == Path(FIXED).resolve(),
        f"`fixed` was written to {str(study.out_dir)!r}; write it to `{FIXED}`.",
    )
    r = _result(FIXED)
    if FLAGGED in (r["model"].get("columns") or []):
        check.fail(
            f"The fixed study still uses {FLAGGED!r}: pass `drop=[flagged_column]` (the "
            "column data-4 names, not the one the study already left out)."
        )
    check.expect(
        r["seed"] == first["seed"] and r["settings"]["holdout"] == first["settings"]["holdout"],
        "The fixed study has another seed or holdout share than the first: keep every other "
        "option the same, so that only the fix changes.",
    )
    if rev.data.get("study_id") != r["id"]:
        check.fail(
            "`fixed_review` is the review of the first study; review the fixed folder, "
            '`diveml.review("l20-fixed", settings=settings)`.'
        )
    data4 = next(i for i in _review(check, FIXED)["items"] if i["id"] == "data-4")
    check.expect(
        FLAGGED not in data4["evidence"],
        f"data-4 of the fixed study still names {FLAGGED!r}.",
    )
    return f"data-4 is now {data4['status']!r}: no personal column left to decide about."


# ------------------------------------------------------------------ exercise 6 ---


@lesson.exercise(
    hints=[
        '`fixed.result["holdout"]["times_scored"]`',
        'The item whose `id` is "parameter-tweak" in `fixed_review.items`; take its `status`.',
    ],
    wrong=[
        Wrong(
            'times_scored = first.result["holdout"]["times_scored"]\n'
            'tweak_status = next(i["status"] for i in fixed_review.items '
            'if i["id"] == "parameter-tweak")',
            message="before the re-run",
        ),
        Wrong(
            'times_scored = fixed.result["holdout"]["times_scored"]\n'
            'tweak_status = next(i["status"] for i in review.items '
            'if i["id"] == "parameter-tweak")',
            message="before the re-run",
        ),
        Wrong(
            'times_scored = len(fixed_review.data["selection"])\n'
            'tweak_status = next(i["status"] for i in fixed_review.items '
            'if i["id"] == "parameter-tweak")',
            message="notes",
        ),
        Wrong(
            'times_scored = fixed.result["holdout"]["times_scored"]\n'
            'tweak_status = next(i for i in fixed_review.items if i["id"] == "parameter-tweak")',
            message="whole item",
        ),
    ],
)
def second_look(check: Check) -> str:
    """Set `times_scored` (looks at this holdout) and `tweak_status` (parameter-tweak)."""
    times = check.get("times_scored", numbers.Integral, what="a whole number of looks")
    status = check.get("tweak_status")
    data = _review(check, FIXED)
    r = _result(FIXED)
    first = _result(STUDY)
    expected = int(r["holdout"]["times_scored"])
    if times == first["holdout"]["times_scored"] and times != expected:
        check.fail(
            "`times_scored` is the count from the first study, before the re-run; take it "
            "from the fixed study."
        )
    if times == len(data["selection"]) and times != expected:
        check.fail(
            "`times_scored` counts the review's selection notes; the number of looks is in "
            'the note\'s text, and in `fixed.result["holdout"]["times_scored"]`.'
        )
    check.expect(
        times == expected, f"`times_scored` is {times!r}, which is not the fixed study's count."
    )
    if isinstance(status, dict):
        check.fail("`tweak_status` is the whole item; take its `['status']`.")
    check.expect(isinstance(status, str), "`tweak_status` should be a status (text).")
    tweak = next(i for i in data["items"] if i["id"] == "parameter-tweak")
    if status == "pass" and tweak["status"] != "pass":
        check.fail(
            "`tweak_status` is 'pass', what the first review (`review`) said before the "
            "re-run; read `fixed_review`, made after it."
        )
    check.expect(
        status == tweak["status"],
        f"`tweak_status` is {status!r}, which is not the status of parameter-tweak in "
        "`fixed_review`.",
    )
    return f"The holdout has been scored {times} times, and the review says {status!r}."

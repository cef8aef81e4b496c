# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 22: A practice study, with peer review
#
# The *Dive into Machine Learning* guide ends where real work starts: pick a question, do a
# study, and show it to people who will look for what is wrong with it. This lesson walks
# through one such study from question to review, on a table you have not used yet: a
# survey of American voters in 1996.
#
# You will learn to:
#
# - write the question down (target and measure) **before** looking at any result;
# - run a study with `diveml.study` and pull out the numbers that matter;
# - read your own study as a reviewer would, and say which attacks its numbers support;
# - write the methods paragraph a reader needs;
# - run `diveml review` on it, and know where to ask for a human review.
#
# About 30 minutes. Run the cells in order (Shift+Enter). If you are stuck,
# `ex.<name>.hint()` gives a hint and `ex.<name>.solution()` shows a solution.

# %%
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import diveml
from diveml.lessons import start

ex = start("22-practice-study")
ex

# %% [markdown]
# ## The table
#
# `anes96` is a sample of the American National Election Study of 1996 (it ships with the
# statsmodels package): 944 voters, their views and background, and whether they voted for
# Clinton (0) or Dole (1). The columns: `popul` and `logpopul` (population of their town,
# and its log), `TVnews` (days a week they watch TV news), `selfLR`, `ClinLR`, `DoleLR`
# (where they place themselves, Clinton and Dole on a left-right scale from 1 to 7), `PID`
# (party identification, 0 strong Democrat to 6 strong Republican), `age`, `educ` and
# `income` (coded levels), and `vote`. `diveml data show anes96` describes it too.

# %%
voters = diveml.load_dataset("anes96")
print(voters.shape)
voters.describe().T[["mean", "min", "max"]].round(2)

# %% [markdown]
# ## Exercise 1: the question, before any result
#
# A study answers one question: which column to predict (the **target**), judged by which
# **measure**. Write both down now; choosing the measure after seeing the scores is one of
# lesson 19's clever methods. Two classes, nearly as many of each: the measure can be
# `"roc_auc"`, `"balanced_accuracy"`, `"accuracy"`, `"f1"` or `"average_precision"`
# (scikit-learn's names for them).
#
# **Task:** set `target` to the column to predict and `metric` to the measure you choose.

# %% tags=["starter"] exercise="the_question"
target = ...
metric = ...

# %% tags=["solution"] exercise="the_question"
target = "vote"
metric = "balanced_accuracy"

# %%
ex.the_question.check()

# %% [markdown]
# ## Exercise 2: run the study
#
# `diveml.study` locks 20% of the rows away as the **holdout**, compares a ladder of
# models (from a know-nothing baseline up) by cross-validation on the rest, scores the
# chosen one on the holdout once, and writes a folder with `report.md`, `study.json` and
# the model. As in lesson 20, this lesson keeps its studies in a ledger of its own
# (`settings`, in `l22-home`), emptied each time the next cell runs.
#
# **Task:** set `my_study` to `diveml.study("anes96", target, metric=metric,
# out="l22-study", budget=0.5, settings=settings)`.

# %%
for folder in ("l22-home", "l22-study"):
    shutil.rmtree(folder, ignore_errors=True)
home = Path("l22-home").resolve()
settings = diveml.resolve_settings(
    {"DIVEML_HOME": str(home), "DIVEML_CONFIG": str(home / "none.toml"), "DIVEML_OFFLINE": "1"}
)

# %% tags=["starter"] exercise="run_study"
my_study = ...

# %% tags=["solution"] exercise="run_study"
my_study = diveml.study(
    "anes96", target, metric=metric, out="l22-study", budget=0.5, settings=settings
)
my_study.report_path

# %%
ex.run_study.check()

# %% [markdown]
# The report is `l22-study/report.md` (and `report.html`): open it beside this notebook.
# Its first lines:

# %%
report_file = Path("l22-study/report.md")
if report_file.is_file():
    print("\n".join(report_file.read_text(encoding="utf-8").splitlines()[:25]))
else:
    print("Solve exercise 2 first: the study writes the report.")

# %% [markdown]
# ## Exercise 3: the numbers that matter
#
# Everything the report says is in `my_study.result` (the contents of `study.json`). The
# holdout's numbers are in `my_study.result["holdout"]`: `rows`, `score`, and the ends of
# its 95% interval, `ci_low` and `ci_high` (a bootstrap of the holdout's predictions).
#
# **Task:** set `holdout_rows`, `holdout_score` and `interval` (a pair `(low, high)`) from
# the study's holdout.

# %% tags=["starter"] exercise="holdout_numbers"
holdout_rows = ...
holdout_score = ...
interval = ...

# %% tags=["solution"] exercise="holdout_numbers"
hold = my_study.result["holdout"]
holdout_rows = hold["rows"]
holdout_score = hold["score"]
interval = (hold["ci_low"], hold["ci_high"])
holdout_rows, holdout_score, interval

# %%
ex.holdout_numbers.check()

# %%
if ex.run_study.evaluate().outcome == "correct":
    ladder = pd.DataFrame(my_study.result["ladder"])[["name", "cv_mean", "cv_std", "status"]]
    print(ladder)
    ran = ladder[ladder["status"] == "ok"]
    hold = my_study.result["holdout"]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.errorbar(
        ran["cv_mean"],
        ran["name"],
        xerr=2 * ran["cv_std"],
        fmt="o",
        label="cross-validation (± 2 sd)",
    )
    ax.errorbar(
        [hold["score"]],
        [my_study.result["chosen"]["name"]],
        xerr=[[hold["score"] - hold["ci_low"]], [hold["ci_high"] - hold["score"]]],
        fmt="s",
        color="red",
        label="holdout (95% interval)",
    )
    ax.set_xlabel(my_study.result["metric"])
    ax.legend(fontsize=8)
    plt.show()
else:
    print("Solve exercise 2 first.")

# %% [markdown]
# ## Exercise 4: read it as a reviewer
#
# A good reviewer attacks what the numbers allow. Here are five attacks; each one is
# supported, or not, by numbers in `my_study.result`:
#
# - **A**, "it does not beat the baseline": the holdout interval's low end (`ci_low`) is
#   not above the baseline's score (`holdout["baseline_score"]`).
# - **B**, "the holdout disagrees with cross-validation": `holdout["gap_flag"]` is True
#   (the holdout score fell outside the range cross-validation led one to expect).
# - **C**, "hardly any models competed": at most two rungs of the ladder have `status`
#   "ok" (the rest were skipped for the budget).
# - **D**, "the interval is too wide to tell close models apart": `ci_high - ci_low` is
#   above 0.05.
# - **E**, "most features add nothing": more than half of the features in
#   `diagnostics["permutation_importance"]` have `mean - 2 * std` at most 0.
#
# **Task:** set `attacks` to the set of letters of the attacks that **this** study's
# numbers support (for example `{"A", "E"}`, or `set()` for none).

# %% tags=["starter"] exercise="reviewer_attacks"
attacks = ...

# %% tags=["solution"] exercise="reviewer_attacks"
r = my_study.result
hold = r["holdout"]
imp = pd.DataFrame(r["diagnostics"]["permutation_importance"])
supported = {
    "A": not hold["ci_low"] > hold["baseline_score"],
    "B": bool(hold["gap_flag"]),
    "C": sum(rung["status"] == "ok" for rung in r["ladder"]) <= 2,
    "D": hold["ci_high"] - hold["ci_low"] > 0.05,
    "E": (imp["mean"] - 2 * imp["std"] <= 0).sum() > len(imp) / 2,
}
attacks = {letter for letter, yes in supported.items() if yes}
attacks

# %%
ex.reviewer_attacks.check()

# %% [markdown]
# A reviewer would add attacks no number shows. `PID`, party identification, is close to
# the vote itself: a model that leans on it predicts that Republicans vote Republican.
# Is that the question you meant? Write such doubts down too.
#
# ## Exercise 5: the methods paragraph
#
# A reader must be able to tell what was done without opening the code. The paragraph
# names the table and its number of rows, the measure, the chosen model, and the holdout
# score **with its interval**. Print the facts, then write the paragraph in your own words
# (numbers rounded to 3 decimals are fine).

# %%
if ex.run_study.evaluate().outcome == "correct":
    r = my_study.result
    print("table:", r["data"]["name"], "with", r["data"]["rows"], "rows")
    print("measure:", r["metric"], "| holdout rows:", r["holdout"]["rows"])
    print("chosen model:", r["chosen"]["name"], "-", r["chosen"]["label"])
    print(
        "holdout score:",
        round(r["holdout"]["score"], 3),
        "95% interval",
        round(r["holdout"]["ci_low"], 3),
        "to",
        round(r["holdout"]["ci_high"], 3),
    )
else:
    print("Solve exercise 2 first.")

# %% [markdown]
# **Task:** set `methods` to your methods paragraph (a string).

# %% tags=["starter"] exercise="methods_paragraph"
methods = ...

# %% tags=["solution"] exercise="methods_paragraph"
r = my_study.result
methods = (
    f"We predicted `vote` in the {r['data']['name']} table ({r['data']['rows']} voters) "
    f"with diveml's study protocol, judged by {r['metric']}, fixed in advance. A stratified "
    f"holdout of {r['holdout']['rows']} rows was locked away before fitting; models were "
    f"compared by {r['split']['folds']}-fold cross-validation on the other rows. The chosen "
    f"model, a {r['chosen']['label']}, scored {r['holdout']['score']:.3f} on the holdout "
    f"(95% bootstrap interval {r['holdout']['ci_low']:.3f} to {r['holdout']['ci_high']:.3f})."
)
print(methods)

# %%
ex.methods_paragraph.check()

# %% [markdown]
# ## Exercise 6: the review
#
# Before showing it to people, let `diveml review` go through it: the ML Test Score,
# Langford's methods, Sculley's debts and the Rules of ML (lesson 20 reads them in
# detail). In a terminal: `diveml review l22-study`; `--markdown` gives a version to paste
# into a post asking for feedback.
#
# **Task:** set `peer_review` to the review of `"l22-study"` (with `settings=settings`)
# and `review_fails` to the sorted list of the `id`s of **all** its items (every rubric)
# whose status is `"fail"`.

# %% tags=["starter"] exercise="review_study"
peer_review = ...
review_fails = ...

# %% tags=["solution"] exercise="review_study"
peer_review = diveml.review("l22-study", settings=settings)
review_fails = sorted(item["id"] for item in peer_review.items if item["status"] == "fail")
review_fails

# %%
ex.review_study.check()

# %%
if ex.review_study.evaluate().outcome == "correct":
    for item in peer_review.items:
        if item["status"] == "fail":
            print(f"{item['rubric']} {item['id']}: {item['evidence']}\n  fix: {item['fix']}\n")
else:
    print("Solve exercise 6 first.")

# %% [markdown]
# ## Ask people: peer review
#
# A review tool checks what can be checked; people check what you did not think of. Post
# your question, your methods paragraph, the report (or `diveml review --markdown`), and
# the doubts you wrote down, in one of these public places:
#
# - [Cross Validated](https://stats.stackexchange.com/): the statistics question-and-answer
#   site of Stack Exchange. Ask one precise question about your method ("is a bootstrap
#   interval on a small holdout enough to compare two models?").
# - [Data Science Stack Exchange](https://datascience.stackexchange.com/): its sister site
#   for practical machine learning and data questions.
# - [Kaggle](https://www.kaggle.com/discussions): a site for data science competitions and
#   shared notebooks; its discussion forums and notebook comments are a place to show a
#   study and get feedback from practitioners.
# - [r/MachineLearning](https://www.reddit.com/r/MachineLearning/): a large Reddit forum on
#   machine learning research and practice; [r/learnmachinelearning](https://www.reddit.com/r/learnmachinelearning/)
#   is its forum for learners, better for a first study.
#
# Read each site's rules before posting, and answer the replies: a review is a
# conversation.
#
# ## What you learned
#
# - Write the question (target and measure) down before any result.
# - A study's numbers are in `study.json`; the holdout score always comes with its
#   interval and its number of rows.
# - Read your own work as a reviewer: which attacks do the numbers support?
# - A methods paragraph names the table, its rows, the measure, the model and the holdout
#   score with its interval.
# - `diveml review` checks what can be checked; people check the rest.
#
# ## Going further
#
# - The guide, [*Dive into Machine Learning*](https://github.com/dive-into-machine-learning/dive-into-machine-learning),
#   its closing sections on practice and getting feedback.
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (CACM 2012): reread it now, with a study of your own in mind.
# - Eric Breck et al., ["The ML Test Score"](https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt/)
#   (2017), and John Langford, ["Clever Methods of Overfitting"](http://hunch.net/?p=22):
#   the rubrics behind `diveml review` (lessons 19 and 20).
# - The *Talking Machines* podcast, [thetalkingmachines.com](http://www.thetalkingmachines.com/),
#   recommended by the guide, for how researchers talk about their methods.

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
# # Lesson 20: Technical debt and the ML Test Score
#
# A model that scores well in a notebook is the start of the work, not the end. In 2014 a
# team at Google described machine learning as "the high-interest credit card of technical
# debt" (Sculley et al.): every feature is a dependency, every hand-set option a thing to
# remember, every shortcut a cost paid later with interest. Three years later another
# Google team turned that into a checklist, the **ML Test Score** (Breck et al. 2017): 28
# tests, in four sections, that a system ready for production should pass.
#
# In this lesson you run a small study, review it with `diveml review` against that
# rubric, read what the review says, fix one thing it flags, and run it again.
#
# You will learn to:
#
# - read a review: rubric items, their status and their evidence;
# - compute the ML Test Score yourself, to know what the number means;
# - tell a column the study left out from one a person must decide about;
# - find the features that add nothing (an *underutilised dependency*, in Sculley's words);
# - fix one finding, re-run, and see what the second look at the holdout costs.
#
# About 30 minutes. Run the cells in order (Shift+Enter). If you are stuck,
# `ex.<name>.hint()` gives a hint and `ex.<name>.solution()` shows a solution.

# %%
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import diveml
from diveml.lessons import start

ex = start("20-technical-debt")
ex

# %% [markdown]
# ## A table with field notes
#
# The Palmer penguins again (lesson 0 and the study chapter use them): 344 penguins, their
# island, bill and flipper measurements, body mass, sex and year, and the `species` to
# predict. To give the review something to find, we add two columns a real field table
# might have: a `penguin_id` (a number per bird) and an `observer_name` (who measured it;
# here drawn at random, so it cannot tell anything about the species).

# %%
table = diveml.load_dataset("penguins")
rng = np.random.default_rng(0)
table["penguin_id"] = rng.permutation(len(table)) + 1000
table["observer_name"] = rng.choice(["Ana", "Ben", "Chen"], size=len(table))
table.head()

# %% [markdown]
# ## A study, in a ledger of its own
#
# `diveml.study(table, target)` runs an honest practice study (the README's "study"
# chapter): it locks a **holdout** away, compares a ladder of models by cross-validation
# on the other rows, scores the chosen one on the holdout **once**, and writes a folder of
# results. Every study is also written to a **ledger**, a list of every study you ran, so
# that later reviews can see how often a holdout was looked at.
#
# This lesson keeps its studies in a ledger of its own, in the folder `l20-home` beside
# this notebook, emptied each time you run this cell, so that your own ledger is left
# alone and the numbers are the same on every run. `budget=0.5` asks for a quick study
# (half a second of model fitting, a few seconds in all).

# %%
for folder in ("l20-home", "l20-study", "l20-fixed"):
    shutil.rmtree(folder, ignore_errors=True)
home = Path("l20-home").resolve()
settings = diveml.resolve_settings(
    {"DIVEML_HOME": str(home), "DIVEML_CONFIG": str(home / "none.toml"), "DIVEML_OFFLINE": "1"}
)
first = diveml.study(table, "species", out="l20-study", budget=0.5, settings=settings)
chosen = first.result["chosen"]["name"]
hold = first.result["holdout"]
print(
    f"chosen model: {chosen}; holdout {first.result['metric']} {hold['score']:.3f} "
    f"on {hold['rows']} rows (95% interval {hold['ci_low']:.3f} to {hold['ci_high']:.3f})"
)

# %% [markdown]
# ## The review
#
# `diveml.review(folder)` reads a study folder and answers four rubrics: the ML Test Score,
# Langford's clever methods of overfitting (lesson 19), Sculley's technical debts, and
# Google's Rules of ML. Each **item** has a `status`: `pass`, `fail`, `partial`,
# `needs_person` (a judgement only a person can make; the review gives the evidence) or
# `not_assessable_offline` (about a system in production, which one study cannot show).
# In a terminal: `diveml review l20-study`.

# %%
review = diveml.review("l20-study", settings=settings)
items = pd.DataFrame(review.items)
print(review)
items[items["rubric"] == "ml-test-score"][["id", "title", "status"]]

# %% [markdown]
# The statuses at a glance: most of the 28 tests are about a system in production, which
# no offline study can pass. That is honest, not a flaw of your study.

# %%
counts = items[items["rubric"] == "ml-test-score"]["status"].value_counts()
fig, ax = plt.subplots(figsize=(6, 3))
counts.plot.barh(ax=ax, color="tab:blue")
ax.set_xlabel("ML Test Score items")
ax.set_title("What one offline study can show")
plt.show()

# %% [markdown]
# ## Exercise 1: what fails?
#
# **Task:** set `failing_tests` to the sorted list of the `id`s of the **ML Test Score**
# items (`rubric == "ml-test-score"`) whose status is `"fail"`.

# %% tags=["starter"] exercise="failing_tests"
failing_tests = ...

# %% tags=["solution"] exercise="failing_tests"
mts = items[items["rubric"] == "ml-test-score"]
failing_tests = sorted(mts.loc[mts["status"] == "fail", "id"])
failing_tests

# %%
ex.failing_tests.check()

# %%
for item in review.items:
    if item["rubric"] == "ml-test-score" and item["status"] == "fail":
        print(
            f"{item['id']}: {item['title']}\n  evidence: {item['evidence']}\n  fix: {item['fix']}\n"
        )

# %% [markdown]
# ## Exercise 2: compute the score yourself
#
# Breck et al. score each test: **1 point** if it passes by an automated check, **half a
# point** if it is passed by hand and documented, 0 otherwise. Each section's points are
# added up, and the **ML Test Score is the smallest of the four section sums**: a system is
# only as ready as its weakest section. Each item tells whether it was judged
# `automated` (True or False). The section is the part of the `id` before the dash
# (`data-2` is in section `data`).
#
# **Task:** set `section_points` to a dictionary (or Series) of each section's points, and
# `my_score` to the ML Test Score.

# %% tags=["starter"] exercise="ml_test_score"
section_points = ...
my_score = ...

# %% tags=["solution"] exercise="ml_test_score"
mts = items[items["rubric"] == "ml-test-score"].copy()
mts["section"] = mts["id"].str.split("-").str[0]
mts["points"] = np.where(mts["status"] == "pass", np.where(mts["automated"], 1.0, 0.5), 0.0)
section_points = mts.groupby("section")["points"].sum()
my_score = section_points.min()
print(section_points, "\nML Test Score:", my_score)

# %%
ex.ml_test_score.check()

# %% [markdown]
# Compare with `review.data["score"]` and `review.data["coverage"]` (the share of the 28
# tests the review could judge at all). A score is only worth as much as its coverage says.
#
# ## Exercise 3: what the study caught, and what it asks you
#
# The study's **audit** reads every column before fitting. It leaves out columns that can
# only mislead a model (`first.result["excluded_columns"]`), and says why in
# `first.result["audit"]["findings"]`. The review then asks a person about the columns
# that *were* used but look like identifiers or personal data (item `data-4`).

# %%
print("left out by the study:", first.result["excluded_columns"])
data4 = next(i for i in review.items if i["id"] == "data-4")
print("data-4:", data4["status"], "-", data4["evidence"])

# %% [markdown]
# **Task:** set `left_out` to the column the study left out by itself, and
# `flagged_column` to the column that `data-4` asks a person about.

# %% tags=["starter"] exercise="audit_columns"
left_out = ...
flagged_column = ...

# %% tags=["solution"] exercise="audit_columns"
left_out = first.result["excluded_columns"][0]
flagged_column = "observer_name"

# %%
ex.audit_columns.check()

# %% [markdown]
# A row number that differs in every row can only be memorised, so the study drops it by
# itself. A person's name is different: it might matter (one observer may measure
# differently), or it might be personal data that has no place in a model. The review
# cannot know which; it asks. Here we know: the names were drawn at random.
#
# ## Exercise 4: features that add nothing
#
# Sculley's first debt is **underutilised data dependencies**: features that add little,
# but each one must be collected, cleaned and kept working forever. The study measures
# each feature's **permutation importance** on the holdout: how much the score drops when
# that column's values are shuffled, repeated several times (`mean` and `std` of the drop).
# A feature whose `mean - 2 * std` is 0 or below adds nothing the holdout can measure.

# %%
importance = pd.DataFrame(first.result["diagnostics"]["permutation_importance"])
importance

# %% [markdown]
# **Task:** set `weak_features` to the sorted list of the columns whose `mean - 2 * std`
# is at most 0.

# %% tags=["starter"] exercise="weak_features"
weak_features = ...

# %% tags=["solution"] exercise="weak_features"
weak = importance[importance["mean"] - 2 * importance["std"] <= 0]
weak_features = sorted(weak["column"])
weak_features

# %%
ex.weak_features.check()

# %%
ordered = importance.sort_values("mean")
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.barh(ordered["column"], ordered["mean"], xerr=2 * ordered["std"], color="tab:green")
ax.axvline(0, color="black", linewidth=0.8)
ax.set_xlabel("drop in score when the column is shuffled (± 2 sd)")
plt.show()

# %% [markdown]
# Compare your list with the review's `underutilised-features` item (technical-debt
# rubric) and `data-2` (ML Test Score): the same evidence, read by two rubrics.
#
# Should you now drop every weak feature? Careful: that importance was measured **on the
# holdout**. Choosing features by it and scoring the same holdout again is lesson 19's
# first method. Dropping a column for a reason that does not come from the holdout (it is
# personal data, it cannot be had at prediction time) is a different matter.
#
# ## Exercise 5: fix one thing, and run again
#
# **Task:** run the study again on the same `table`, with the same options, into the
# folder `"l20-fixed"`, but leave out `flagged_column` with `drop=[...]`. Set `fixed` to
# the study and `fixed_review` to its review (pass `settings=settings` to both, as above).

# %% tags=["starter"] exercise="fix_and_rerun"
fixed = ...
fixed_review = ...

# %% tags=["solution"] exercise="fix_and_rerun"
fixed = diveml.study(
    table, "species", out="l20-fixed", budget=0.5, settings=settings, drop=[flagged_column]
)
fixed_review = diveml.review("l20-fixed", settings=settings)
print(next(i for i in fixed_review.items if i["id"] == "data-4")["evidence"])

# %%
ex.fix_and_rerun.check()

# %% [markdown]
# ## Exercise 6: the price of a second look
#
# The fix worked: `data-4` no longer names a person's column. But read the review's
# `selection` notes (`fixed_review.data["selection"]`) and the overfitting item
# `parameter-tweak`: the ledger saw the same holdout scored twice.

# %%
if ex.fix_and_rerun.evaluate().outcome == "correct":
    for note in fixed_review.data["selection"]:
        print(note["kind"], "-", note["message"], "\n")
else:
    print("Solve exercise 5 first.")

# %% [markdown]
# **Task:** set `times_scored` to how many times this holdout has now been scored (from the
# fixed study's `result["holdout"]["times_scored"]`, or the note above), and `tweak_status`
# to the status of the `parameter-tweak` item in `fixed_review`.

# %% tags=["starter"] exercise="second_look"
times_scored = ...
tweak_status = ...

# %% tags=["solution"] exercise="second_look"
times_scored = fixed.result["holdout"]["times_scored"]
tweak_status = next(i["status"] for i in fixed_review.items if i["id"] == "parameter-tweak")
times_scored, tweak_status

# %%
ex.second_look.check()

# %% [markdown]
# Two looks, with the same score, and a decision (drop a personal-data column) that did not
# come from the holdout: a reader can weigh that, because the review says it. Had we
# dropped the weak features and kept re-running until the holdout score went up, the same
# note would show every look, and the score would no longer be a fair measure. The honest
# habit: decide what to change for reasons outside the holdout, say how many looks there
# were, and when the changes were many, get fresh rows to confirm.
#
# ## What you learned
#
# - A review answers rubrics item by item, with the evidence; `needs_person` and
#   `not_assessable_offline` are honest answers, not failures.
# - The ML Test Score is the smallest section sum (1 per automated pass, ½ per manual one),
#   and is only worth as much as its coverage.
# - The study leaves out what can only mislead (a row identifier); a person decides about
#   the rest (personal data).
# - Features that add nothing are a debt; but choosing them by holdout importance is a
#   look at the holdout.
# - Every re-run on the same holdout is counted: fix for reasons, not for scores.
#
# ## Going further
#
# - D. Sculley et al., ["Machine Learning: The High-Interest Credit Card of Technical Debt"](https://research.google/pubs/machine-learning-the-high-interest-credit-card-of-technical-debt/)
#   (SE4ML workshop, 2014), and its longer version "Hidden Technical Debt in Machine
#   Learning Systems" (NeurIPS 2015).
# - Eric Breck et al., ["The ML Test Score: A Rubric for ML Production Readiness and
#   Technical Debt Reduction"](https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/)
#   (IEEE Big Data, 2017).
# - Martin Zinkevich, ["Rules of Machine Learning"](https://developers.google.com/machine-learning/guides/rules-of-ml),
#   the fourth rubric of `diveml review`.
# - John Langford, ["Clever Methods of Overfitting"](http://hunch.net/?p=22), and lesson 19.
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (CACM 2012).

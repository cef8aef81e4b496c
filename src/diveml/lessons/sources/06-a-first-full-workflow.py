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
# # Lesson 6: A first full workflow
#
# The earlier lessons showed you each tool on its own. Here you put them together, the way a
# real project goes: **explore** the data, **clean** it, build a **pipeline**,
# **cross-validate** it, compare it with a **baseline**, and **reflect** on what the numbers
# mean. The lesson follows the spirit of Randal Olson's *Example Machine Learning Notebook*,
# the first notebook the "Dive into Machine Learning" guide asks you to play with, and it uses
# his data: measurements of iris flowers, with the mistakes he planted in them still there.
#
# You will learn to:
#
# - spot data errors with a summary table and a scatter-matrix plot, and fix them in the open;
# - keep a test set aside, and fill in missing values *inside* a pipeline, so nothing leaks;
# - estimate a model's accuracy with cross-validation and compare it with a baseline;
# - score the test set once, and ask what that one number can and cannot tell you.
#
# About 25 minutes. Run the cells in order (Shift+Enter). Each exercise ends with a check
# cell; if you are stuck, `ex.<name>.hint()` gives a hint (run it again for the next one) and
# `ex.<name>.solution()` shows a solution.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from diveml.data import load_dataset
from diveml.lessons import require_data, start

ex = start("06-a-first-full-workflow")
require_data("iris_dirty")
ex

# %% [markdown]
# ## Load the data and look at it
#
# This dataset does not ship inside a Python package. The **first time** you run this
# lesson, its first cell has diveml download it once from Olson's repository, check that
# the file is exactly the published one (its sha256 checksum), and keep it in a local
# cache; after that it loads offline.
#
# Going to work without a network? While you are still online, run
# `diveml data fetch iris_dirty` once in a terminal; the lesson then works offline. If the
# file cannot be had, the first cell says what to run.

# %%
iris = load_dataset("iris_dirty")
iris.head()

# %% [markdown]
# Each **row** is one flower (a *sample*). The first four columns are measurements in
# centimetres of its sepals (the outer parts of the flower, which enclose the bud) and of
# its petals: the **features**, what a model gets to look at. The last column, `class`, is
# the species: the **target** (or *label*), what we want a model to predict from the
# features. Predicting one of a few categories is called **classification**.
#
# How big is the table, and does anything look odd in its summary?

# %%
print("rows, columns:", iris.shape)
iris.describe()

# %% [markdown]
# Look at the `min` row under `sepal_length_cm`. Is that a plausible length, in
# centimetres, for the sepal of a flower? Keep it in mind. First, the classes:

# %%
iris["class"].value_counts()

# %% [markdown]
# ## Exercise 1: fix the typos in the class names
#
# Iris has three species, but the table has more names than that: some are typos. A model
# would treat each spelling as a species of its own.
#
# **Task:** set `class_fixes` to a dictionary that maps each misspelt name to the right one
# (the spelling that appears most often), then apply it to `iris["class"]` with
# `Series.replace` (remove the `#` in front of the second line). Keep every row: the flowers
# are fine, only their labels are mistyped.

# %% tags=["starter"] exercise="fix_class_names"
class_fixes = ...  # {"misspelt name": "right name", ...}
# iris["class"] = iris["class"].replace(class_fixes)

# %% tags=["solution"] exercise="fix_class_names"
class_fixes = {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}
iris["class"] = iris["class"].replace(class_fixes)

# %%
ex.fix_class_names.check()
iris["class"].value_counts()

# %% [markdown]
# ## Look at every feature against every other
#
# A summary table hides what a picture shows at once. A **scatter matrix** plots every pair
# of features against each other; each dot is one flower, coloured by its class. On the
# diagonal, where a feature would meet itself, is a histogram of that feature instead.


# %%
def scatter_matrix(frame: pd.DataFrame, title: str) -> None:
    """Plot every pair of features, one colour per class, with histograms on the diagonal."""
    features = [column for column in frame.columns if column != "class"]
    names = sorted(frame["class"].unique())
    colours = dict(zip(names, plt.cm.tab10.colors, strict=False))
    dot_colours = frame["class"].map(colours).tolist()
    fig, axes = plt.subplots(len(features), len(features), figsize=(9, 9))
    for row, y_name in enumerate(features):
        for col, x_name in enumerate(features):
            ax = axes[row, col]
            if row == col:
                groups = [frame.loc[frame["class"] == n, x_name].dropna() for n in names]
                ax.hist(
                    groups,
                    bins=20,
                    color=[colours[n] for n in names],
                    histtype="stepfilled",
                    alpha=0.6,
                )
            else:
                ax.scatter(frame[x_name], frame[y_name], s=8, c=dot_colours)
            ax.set_xlabel(x_name if row == len(features) - 1 else "")
            ax.set_ylabel(y_name if col == 0 else "")
    handles = [plt.Line2D([], [], ls="", marker="o", color=colours[n]) for n in names]
    fig.legend(handles, names, loc="upper right")
    fig.suptitle(title)
    plt.show()


scatter_matrix(iris, "Iris as it arrived (with your class names)")

# %% [markdown]
# Look along the top row and the left column (`sepal_length_cm`): a few dots sit far from
# all the others, near zero. Which rows are they?

# %%
iris[iris["sepal_length_cm"] < 1]

# %% [markdown]
# They are all versicolor, and their sepal lengths are about a hundred times smaller than
# those of the other versicolor flowers: someone typed them in **metres**, not centimetres.
#
# ## Exercise 2: convert the metres to centimetres
#
# **Task:** set `in_metres` to a **mask**: a column of `True`/`False`, one per row, `True`
# for the rows whose sepal length is in metres. Then change the sepal length of those rows
# only, in `iris`, so that it is in centimetres. `iris.loc[mask, column]` selects some rows
# of one column, and you can assign to it.

# %% tags=["starter"] exercise="fix_units"
in_metres = ...
# iris.loc[in_metres, "sepal_length_cm"] = ...

# %% tags=["solution"] exercise="fix_units"
in_metres = iris["sepal_length_cm"] < 1
iris.loc[in_metres, "sepal_length_cm"] = iris.loc[in_metres, "sepal_length_cm"] * 100

# %%
ex.fix_units.check()

# %%
scatter_matrix(iris, "Iris after your fixes")

# %% [markdown]
# When both fixes are in, the far-away dots are gone. Notice that setosa stands well apart
# from the other two species, which overlap a little: keep that in mind when you see the
# scores.
#
# In his notebook, Olson also spotted one setosa with a much narrower sepal than the other
# setosa flowers and chose to drop it. Whether an odd value is an error is a judgement call;
# here we keep that flower. Whatever you decide in your own projects, write down what you
# changed and why, so that someone else can review it.
#
# ## Missing values, and a test set you leave alone
#
# Some petal widths are missing. pandas shows them as `NaN` ("not a number"):

# %%
iris.isna().sum()

# %% [markdown]
# It is tempting to fill them in right now, with the column's average. Don't: that average
# would be computed from **every** row, including the rows we will use later to test the
# model, so a little of the test set would **leak** into training. We will fill them in
# *inside* the model instead, from the training rows only.
#
# Olson's notebook filled each gap with the mean width of that flower's species. That helps
# to describe the data, but a model cannot do it for a new flower: its species is exactly
# what the model is asked to find.
#
# First, set aside a **test set**: rows the model never sees while we build it, used once, at
# the very end, to estimate how it does on new flowers. The other rows are the **training
# set**.
#
# ## Exercise 3: separate the features from the target, then split
#
# **Task:**
#
# 1. Set `X` to the features (every column except `class`), and `y` to the target (`class`).
# 2. Split them with `train_test_split` into `X_train, X_test, y_train, y_test`, keeping a
#    quarter of the rows for testing (`test_size=0.25`). Pass `stratify=y` so that each
#    species keeps its share in both parts, and `random_state=0` so that you get the same
#    split every time you run the cell.
#
# Leave the missing values as they are.

# %%
from sklearn.model_selection import train_test_split

# %% tags=["starter"] exercise="split_data"
X = ...
y = ...
X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"] exercise="split_data"
X = iris.drop(columns="class")
y = iris["class"]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

# %%
ex.split_data.check()

# %% [markdown]
# ## A pipeline: cleaning that is part of the model
#
# We will use a **k-nearest neighbours** classifier. To classify a flower, it finds the `k`
# training flowers with the most similar measurements (`k` is 5 unless you say otherwise)
# and lets them vote on the species. Let's try it on the training set as it is:

# %%
from sklearn.neighbors import KNeighborsClassifier

if X_train is ...:
    print("Do exercise 3 first: X_train is still the placeholder `...`.")
else:
    try:
        KNeighborsClassifier().fit(X_train, y_train)
        print("It fitted: your X_train has no missing values left.")
    except ValueError as error:
        print("ValueError:", str(error).splitlines()[0])

# %% [markdown]
# It refuses: it cannot measure how close two flowers are when a width is missing. An
# **imputer** fills in missing values: `SimpleImputer(strategy="median")` replaces each one
# with the median of its column. Like a model, an imputer is **fitted**: it learns those
# medians from the rows it is given.
#
# A **pipeline** chains steps into one model. `make_pipeline(step1, step2)` returns an object
# whose `fit` fits `step1` on the rows it is given, transforms them, and fits `step2` on the
# result; its `predict` sends new rows through the same steps. So the medians come from the
# training rows only, every time the pipeline is fitted.
#
# ## Exercise 4: impute, then classify
#
# **Task:** set `model` to a pipeline that fills in missing values with a `SimpleImputer`,
# then classifies with a `KNeighborsClassifier`. Do not fit it yet.

# %%
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline

# %% tags=["starter"] exercise="build_pipeline"
model = ...

# %% tags=["solution"] exercise="build_pipeline"
model = make_pipeline(SimpleImputer(strategy="median"), KNeighborsClassifier())

# %%
ex.build_pipeline.check()
model

# %% [markdown]
# ## Cross-validation: honest scores from the training set alone
#
# How good is `model`? We must not look at the test set yet: we might still change the
# model, and every look at the test set that leads to a change makes its score a little less
# honest.
#
# **Cross-validation** estimates the score from the training set alone. It cuts the training
# rows into 5 parts, called *folds*; it fits the model on 4 folds and scores it on the fifth,
# and does this 5 times, so that each fold is scored once by a model that never saw it. You
# get 5 scores; how much they differ shows how much a score depends on which rows you happen
# to have. The score here is **accuracy**: the fraction of flowers classified correctly.
#
# ## Exercise 5: five scores for your pipeline
#
# **Task:** set `cv_scores` to the result of `cross_val_score(estimator, X, y, cv=5)` for your
# `model`, on the **training** rows.

# %%
from sklearn.model_selection import cross_val_score

# %% tags=["starter"] exercise="cross_validate"
cv_scores = ...

# %% tags=["solution"] exercise="cross_validate"
cv_scores = cross_val_score(model, X_train, y_train, cv=5)

# %%
ex.cross_validate.check()
cv_scores

# %% [markdown]
# ## Exercise 6: is that any good?
#
# A score means little on its own. A **baseline** is the simplest thing that could possibly
# work; a model is only worth its complexity if it beats it. `DummyClassifier()` ignores the
# features and always predicts the most common species of the rows it was fitted on.
#
# **Task:** set `baseline_scores` by cross-validating a `DummyClassifier()` exactly as you did
# your model: same rows, same number of folds.

# %%
from sklearn.dummy import DummyClassifier

# %% tags=["starter"] exercise="baseline"
baseline_scores = ...

# %% tags=["solution"] exercise="baseline"
baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=5)

# %%
ex.baseline.check()

# %% [markdown]
# Here are both sets of scores: one dot per fold, and a bar at the mean.


# %%
def plot_scores(**scores: object) -> None:
    """Plot each named set of fold scores as a row of dots, with a bar at its mean."""
    ready = {name: np.asarray(s, dtype=float) for name, s in scores.items() if np.ndim(s) == 1}
    if not ready:
        print("Nothing to plot yet: do exercises 5 and 6 first.")
        return
    _, ax = plt.subplots(figsize=(6, 1 + 0.6 * len(ready)))
    for row, values in enumerate(ready.values()):
        ax.plot(values, [row] * len(values), "o", alpha=0.7)
        ax.plot([values.mean()] * 2, [row - 0.3, row + 0.3], "k-")
    ax.set_yticks(range(len(ready)), list(ready))
    ax.set_ylim(-0.6, len(ready) - 0.4)
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("accuracy on each fold (bar: the mean)")
    plt.show()


plot_scores(baseline=baseline_scores, model=cv_scores)

# %% [markdown]
# ## Exercise 7: the test set, once
#
# You are done choosing. Now, and only now, the test set.
#
# **Task:** fit `model` on the training rows, score it on the test rows (`model.score(X, y)`
# gives the accuracy), and set `test_score` to the result.

# %% tags=["starter"] exercise="final_score"
# model.fit(...)
test_score = ...

# %% tags=["solution"] exercise="final_score"
model.fit(X_train, y_train)
test_score = model.score(X_test, y_test)

# %%
ex.final_score.check()
if test_score is not ... and np.ndim(cv_scores) == 1:
    print(f"cross-validation mean: {np.mean(cv_scores):.3f}   test set: {test_score:.3f}")

# %% [markdown]
# ## Exercise 8: what do the numbers say?
#
# Before you believe a score, ask what it could and could not show.
#
# **Task:** set three variables:
#
# - `beats_baseline`: `True` or `False`. Is your model's mean cross-validation score higher
#   than the baseline's?
# - `one_flower`: by how much would `test_score` go up or down if one more test flower were
#   classified differently? Compute it (a fraction, like `test_score` itself) from the size of
#   the test set.
# - `next_step`: a sentence or two in your own words. What would you try next, or what makes
#   you trust or distrust this result?

# %% tags=["starter"] exercise="reflection"
beats_baseline = ...
one_flower = ...
next_step = ...

# %% tags=["solution"] exercise="reflection"
beats_baseline = bool(np.mean(cv_scores) > np.mean(baseline_scores))
one_flower = 1 / len(y_test)
next_step = (
    "The test set is small, so its score moves in big steps; before trusting a difference "
    "between two models I would repeat the cross-validation with other random splits."
)

# %%
ex.reflection.check()

# %% [markdown]
# ## What you learned
#
# You explored a table and found three kinds of problem by looking: typos, wrong units and
# missing values. You fixed the first two by hand, in the open. You made the third part of
# the model, with a pipeline, so that nothing about the test rows leaked into training. You
# estimated the model's accuracy with cross-validation, checked it against a baseline, and
# only then looked at the test set, once.
#
# One thing to question. Which species are the flowers with a missing petal width, and
# what does the median fill them with?

# %%
print(iris[iris["petal_width_cm"].isna()]["class"].value_counts(), "\n")
print("median petal width of all flowers:", iris["petal_width_cm"].median())
iris.groupby("class")["petal_width_cm"].median()

# %% [markdown]
# The imputer gives those flowers a width learned from all the training flowers, whatever
# their species. Would `KNNImputer`, which fills a gap from the most similar flowers, do
# better? Swap it into your pipeline and cross-validate again: that is the loop you just
# learned.
#
# ## Going further
#
# - The *Dive into Machine Learning* guide, whose path these lessons follow:
#   https://github.com/dive-into-machine-learning/dive-into-machine-learning
# - Randal Olson, *An Example Machine Learning Notebook*: the notebook this lesson follows,
#   with more exploration, a decision tree and a random forest, and advice on making an
#   analysis reproducible:
#   https://github.com/rhiever/Data-Analysis-and-Machine-Learning-Projects/blob/master/example-data-science-notebook/Example%20Machine%20Learning%20Notebook.ipynb
# - scikit-learn user guide, *Pipelines and composite estimators*:
#   https://scikit-learn.org/stable/modules/compose.html
# - scikit-learn user guide, *Cross-validation: evaluating estimator performance*:
#   https://scikit-learn.org/stable/modules/cross_validation.html
# - scikit-learn user guide, *Common pitfalls and recommended practices*, on data leakage:
#   https://scikit-learn.org/stable/common_pitfalls.html

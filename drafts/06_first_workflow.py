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
# In the earlier lessons you met each tool on its own. Here you put them together, the way a
# real project goes: **explore** the data, **clean** it, **build a pipeline**,
# **cross-validate** it, compare it with a **baseline**, and **reflect** on what the numbers
# mean. It follows the spirit of Randal Olson's *Example Machine Learning Notebook*, the first
# notebook the "Dive into Machine Learning" guide asks you to play with, and it uses his data:
# measurements of iris flowers, with the mistakes he planted in them still there.
#
# About 25 minutes. Run each cell in order (Shift+Enter).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from diveml.data import load_dataset

# %% [markdown]
# ## 1. Load the data
#
# This dataset does not ship inside a Python package. The **first time** you load it, diveml
# downloads it once from Olson's repository, checks that the file is exactly the published
# one (its sha256 checksum), and keeps it in a local cache; after that it loads offline.
#
# No internet on this machine? Run `diveml data fetch iris_dirty` once on a machine that has
# it (or follow the instructions in the error message, which says where to put the file).

# %%
iris = load_dataset("iris_dirty")
iris.head()

# %% [markdown]
# Each **row** is one flower (a *sample*). The first four columns are measurements in
# centimetres: the *features*, what a model gets to look at. The last column, `class`, is the
# species: the **target** (or *label*), what we want a model to predict from the features.
# Predicting one of a few categories is called **classification**.
#
# How big is the table, and does anything look odd in the summary?

# %%
print("rows, columns:", iris.shape)
iris.describe()

# %% [markdown]
# Look at the `min` row of `sepal_length_cm`. Is that a plausible length for a flower's sepal
# in centimetres? Keep it in mind. First, the classes:

# %%
iris["class"].value_counts()

# %% [markdown]
# ## Exercise 1 `fix_class_names`: fix the typos in the class names
#
# Iris has three species, but the table has more names than that: some are typos. A model
# would treat each spelling as a different species.
#
# Change `iris["class"]` so that it holds only the three real names (the spellings that
# appear most often), **keeping every row**. `Series.replace` takes a dictionary
# `{"wrong name": "right name", ...}`.

# %% tags=["starter"]
# iris["class"] = iris["class"].replace({...})

# %% tags=["solution"]
iris["class"] = iris["class"].replace(
    {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}
)

# %%
iris["class"].value_counts()

# %% [markdown]
# ## 2. Look at every feature against every other
#
# Numbers in a summary hide things a picture shows at once. A **scatter matrix** plots every
# pair of features; each dot is one flower, coloured by its class.

# %%
def scatter_matrix(frame: pd.DataFrame, title: str) -> None:
    """Plot every pair of features, one colour per class (a histogram on the diagonal)."""
    features = [column for column in frame.columns if column != "class"]
    names = sorted(frame["class"].unique())
    fig, axes = plt.subplots(len(features), len(features), figsize=(9, 9))
    for row, y_name in enumerate(features):
        for col, x_name in enumerate(features):
            ax = axes[row, col]
            for colour, name in zip(plt.cm.tab10.colors, names, strict=False):
                flowers = frame[frame["class"] == name]
                if row == col:
                    ax.hist(flowers[x_name].dropna(), bins=15, color=colour, alpha=0.6)
                else:
                    ax.scatter(flowers[x_name], flowers[y_name], s=8, color=colour, label=name)
            ax.set_xlabel(x_name if row == len(features) - 1 else "")
            ax.set_ylabel(y_name if col == 0 else "")
    fig.legend(*axes[0, 1].get_legend_handles_labels(), loc="upper right")
    fig.suptitle(title)
    plt.show()


scatter_matrix(iris, "Iris as it arrived")

# %% [markdown]
# Look at the `sepal_length_cm` row and column: a handful of dots sit far away from all the
# others, near zero. Which rows are they?

# %%
iris[iris["sepal_length_cm"] < 1]

# %% [markdown]
# All of them are versicolor, and their values are about a hundred times smaller than the
# other versicolor sepals: someone typed them in **metres**, not centimetres.
#
# ## Exercise 2 `fix_units`: convert the metres to centimetres
#
# Convert those sepal lengths to centimetres, in `iris`, keeping every row. Change only the
# rows that are wrong: `iris.loc[mask, column]` selects some rows of one column, and you can
# assign to it.

# %% tags=["starter"]
# in_metres = ...
# iris.loc[in_metres, "sepal_length_cm"] = ...

# %% tags=["solution"]
in_metres = iris["sepal_length_cm"] < 1
iris.loc[in_metres, "sepal_length_cm"] = iris.loc[in_metres, "sepal_length_cm"] * 100

# %%
scatter_matrix(iris, "Iris after your fixes")

# %% [markdown]
# If your fixes worked, the far-away dots are gone and each class forms its own cloud.
#
# Olson also noticed one setosa with an unusually narrow sepal and, after checking, chose to
# drop it. Deciding what counts as an error is a judgement call: write down what you changed
# and why, so others can review it. Here we keep that flower.
#
# ## 3. Missing values, and a test set you do not touch
#
# Some petal widths are missing (`NaN`, "not a number"):

# %%
iris.isna().sum()

# %% [markdown]
# It is tempting to fill them right now with the column's average. Don't: that average would
# be computed from **every** row, including the rows we will later use to test the model, so
# a little of the test set would leak into training. We will fill them *inside* the model
# instead, from the training rows only.
#
# First, set aside a **test set**: rows the model never sees while we build it, used once at
# the very end to estimate how it does on new flowers. The rest is the **training set**.
#
# ## Exercise 3 `split_data`: separate features from target, then split
#
# 1. Make `X`, the features (every column but `class`), and `y`, the target (`class`).
# 2. Split them with `train_test_split` into `X_train, X_test, y_train, y_test`, keeping a
#    quarter of the rows for testing. Pass `stratify=y` so each class keeps its share in both
#    parts, and `random_state=0` so the split is the same every time you run it.
#
# Leave the missing values where they are.

# %%
from sklearn.model_selection import train_test_split

# %% tags=["starter"]
# X = ...
# y = ...
# X_train, X_test, y_train, y_test = train_test_split(...)

# %% tags=["solution"]
X = iris.drop(columns="class")
y = iris["class"]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

# %% [markdown]
# ## 4. A pipeline: cleaning that is part of the model
#
# We will use a **k-nearest neighbours** classifier: to classify a new flower it finds the
# `k` training flowers with the most similar measurements (5 by default) and takes a vote on
# their species. Try it on the training set as it is:

# %%
from sklearn.neighbors import KNeighborsClassifier

try:
    KNeighborsClassifier().fit(X_train, y_train)
except ValueError as error:
    print("ValueError:", str(error).splitlines()[0])
except NameError:
    print("Do exercise 3 first: X_train and y_train are not defined yet.")

# %% [markdown]
# It refuses: it cannot measure distances to a flower with a missing width. An **imputer**
# fills missing values; scikit-learn's `SimpleImputer(strategy="median")` replaces each
# missing value by the median of its column. Like a model, an imputer is **fitted**: it
# learns the medians from the rows it is given.
#
# A **pipeline** chains steps into one model: `make_pipeline(step1, step2)` gives an object
# whose `fit` fits `step1` on the training rows, transforms them, and fits `step2` on the
# result; `predict` sends new rows through the same steps. So the medians are learned from
# the training rows only, every time the pipeline is fitted.
#
# ## Exercise 4 `build_pipeline`: impute, then classify
#
# Make `model`, a pipeline that fills missing values with a `SimpleImputer` and then
# classifies with a `KNeighborsClassifier`. Do not fit it yet.

# %%
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline

# %% tags=["starter"]
# model = make_pipeline(...)

# %% tags=["solution"]
model = make_pipeline(SimpleImputer(strategy="median"), KNeighborsClassifier())
model

# %% [markdown]
# ## 5. Cross-validation: many honest scores from the training set
#
# How good is `model`? We must not peek at the test set yet: we may still change the model,
# and every look at the test set makes its score a little less honest.
#
# **Cross-validation** estimates the score using the training set alone. It cuts the
# training rows into 5 parts (*folds*); it fits the model on 4 of them and scores it on the
# 5th, and does this 5 times so each fold is scored once, by a model that never saw it. You
# get 5 scores; their spread shows how much the score depends on which rows you happen to
# have. The score here is **accuracy**: the fraction of flowers classified correctly.
#
# ## Exercise 5 `cross_validate`: five scores for your pipeline
#
# Use `cross_val_score(estimator, X, y, cv=5)` on the **training** rows to get `cv_scores`.

# %%
from sklearn.model_selection import cross_val_score

# %% tags=["starter"]
# cv_scores = cross_val_score(...)

# %% tags=["solution"]
cv_scores = cross_val_score(model, X_train, y_train, cv=5)
cv_scores

# %% [markdown]
# ## Exercise 6 `baseline`: is that any good?
#
# A score means little on its own. A **baseline** is the simplest thing that could possibly
# work; a model is only interesting if it beats it. `DummyClassifier()` ignores the features
# and always predicts the most common class of the rows it was fitted on.
#
# Get `baseline_scores` by cross-validating a `DummyClassifier()` exactly as you did your
# model (same rows, same folds).

# %%
from sklearn.dummy import DummyClassifier

# %% tags=["starter"]
# baseline_scores = cross_val_score(...)

# %% tags=["solution"]
baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=5)
baseline_scores

# %% [markdown]
# Each dot is one fold's score:

# %%
def plot_scores(**scores: object) -> None:
    """Plot each named list of fold scores as a row of dots, with its mean as a bar."""
    ready = {name: np.asarray(s, dtype=float) for name, s in scores.items() if np.ndim(s) == 1}
    if not ready:
        print("Nothing to plot yet: do exercises 5 and 6 first.")
        return
    fig, ax = plt.subplots(figsize=(6, 1 + 0.6 * len(ready)))
    for row, (name, values) in enumerate(ready.items()):
        ax.plot(values, [row] * len(values), "o", alpha=0.7)
        ax.plot([values.mean()] * 2, [row - 0.25, row + 0.25], "k-")
    ax.set_yticks(range(len(ready)), list(ready))
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("accuracy on each fold (bar: mean)")
    plt.show()


plot_scores(
    model=globals().get("cv_scores"), baseline=globals().get("baseline_scores")
)

# %% [markdown]
# ## Exercise 7 `final_score`: the test set, once
#
# You are done choosing. Now, and only now, fit `model` on all the training rows and score it
# on the test rows: store the accuracy in `test_score`.

# %% tags=["starter"]
# model.fit(...)
# test_score = ...

# %% tags=["solution"]
model.fit(X_train, y_train)
test_score = model.score(X_test, y_test)
print(f"cross-validation mean: {cv_scores.mean():.3f}   test: {test_score:.3f}")

# %% [markdown]
# ## Exercise 8 `reflection`: what do the numbers say?
#
# Fill in the dictionary `reflection`:
#
# - `"beats_baseline"`: `True` or `False`: is your model's mean cross-validation score
#   higher than the baseline's?
# - `"one_flower"`: by how much would `test_score` change if one more test flower were
#   classified differently? (A fraction, like `test_score` itself. Use `len`.)
# - `"next_step"`: one or two sentences, in your own words: what would you try next, or what
#   makes you trust or distrust this result?

# %% tags=["starter"]
reflection = {
    "beats_baseline": ...,
    "one_flower": ...,
    "next_step": "",
}

# %% tags=["solution"]
reflection = {
    "beats_baseline": bool(cv_scores.mean() > baseline_scores.mean()),
    "one_flower": 1 / len(y_test),
    "next_step": (
        "The test set is small, so its score moves in big steps; I would repeat the "
        "cross-validation with other splits before believing a difference of one flower."
    ),
}

# %% [markdown]
# ## What you did
#
# You explored a table and found three kinds of error by looking (typos, units, missing
# values); fixed the first two by hand, in the open; made the third part of the model with a
# pipeline, so nothing about the test rows leaked into training; estimated the model's score
# honestly with cross-validation; checked it against a baseline; and only then looked at the
# test set, once.
#
# ## Going further
#
# - Randal Olson, *An Example Machine Learning Notebook*: the notebook this lesson follows,
#   with more exploration, a decision tree and a random forest, and reproducibility advice:
#   https://github.com/rhiever/Data-Analysis-and-Machine-Learning-Projects/blob/master/example-data-science-notebook/Example%20Machine%20Learning%20Notebook.ipynb
# - scikit-learn user guide, *Pipelines and composite estimators*:
#   https://scikit-learn.org/stable/modules/compose.html
# - scikit-learn user guide, *Cross-validation: evaluating estimator performance*:
#   https://scikit-learn.org/stable/modules/cross_validation.html
# - scikit-learn user guide, *Common pitfalls and recommended practices* (data leakage):
#   https://scikit-learn.org/stable/common_pitfalls.html

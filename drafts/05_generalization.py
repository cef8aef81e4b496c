# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Lesson 5 — It's generalization that counts
#
# A model is only useful on cases it has **not** seen: next week's patients, tomorrow's
# e-mails. Pedro Domingos puts it in one line: *"The fundamental goal of machine learning
# is to generalize beyond the examples in the training set."* This lesson shows, on real
# medical data, how easy it is to fool yourself about that, and the habits that stop you:
#
# 1. keep a **test set** apart, and score only on it;
# 2. compare with a **baseline**: the score of a model that knows nothing;
# 3. watch a model **overfit**: perfect on the rows it learned from, worse on new ones;
# 4. fit **preprocessing** on the training rows only, with a **pipeline**.
#
# About 25 minutes. Run each cell with **Shift+Enter**, top to bottom.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import diveml

# EXERCISE-HANDLES-IMPORT

# %% [markdown]
# ## The data
#
# Each row describes one breast mass, measured from a microscope image of its cells: 30
# numbers such as the radius and texture of the cell nuclei. The last column, `diagnosis`,
# says whether a doctor found the mass **malignant** (cancer) or **benign** (not cancer).

# %%
cancer = diveml.load_dataset("breast_cancer")
print(cancer.shape[0], "rows,", cancer.shape[1], "columns")
cancer.head()

# %% [markdown]
# Some words we will use:
#
# - the **target** (or *label*) is the column we want to predict: `diagnosis`;
# - the **features** are the columns the model may use to predict it: the 30 measurements;
# - a model is **fit** (or *trained*) on rows where the target is known, then asked to
#   **predict** the target of rows where it is not;
# - its **accuracy** is the share of rows it predicts correctly: 1.0 is perfect.
#
# By convention `X` holds the features and `y` the target.

# %%
X = cancer.drop(columns="diagnosis")
y = cancer["diagnosis"]
y.value_counts()

# %% [markdown]
# ## A perfect score that means nothing
#
# Fit a decision tree (lesson 2) on every row, then ask it to score itself on the same rows:

# %%
tree_all = DecisionTreeClassifier(random_state=0).fit(X, y)
print("accuracy on the rows it learned from:", tree_all.score(X, y))

# %% [markdown]
# Perfect. Is this tree a great doctor? Try something that *cannot* be learned: shuffle the
# diagnoses at random, so they no longer belong to the measurements beside them. No model
# can predict a coin toss.

# %%
rng = np.random.default_rng(0)
y_shuffled = pd.Series(rng.permutation(y.to_numpy()), index=y.index)
tree_noise = DecisionTreeClassifier(random_state=0).fit(X, y_shuffled)
print("accuracy on the rows it learned from, with shuffled labels:", tree_noise.score(X, y_shuffled))

# %% [markdown]
# Perfect again, on nonsense. A tree can grow until every row has a leaf of its own, so it
# can **memorise** any table, like a student who learns the answer sheet by heart. A score on
# the rows a model was fit on tells you how well it memorised, not how well it will do on a
# new patient. When a model does much better on its own training rows than on new ones, it
# **overfits**. What counts is how it does on new rows: how well it **generalizes**.
#
# ## 1. Keep a test set apart
#
# We cannot wait for new patients, so we pretend: hide some rows, fit on the others, then
# score on the hidden ones. The rows used to fit are the **training set**, the hidden rows
# the **test set**. scikit-learn's `train_test_split` shuffles the rows and cuts them in two;
# it returns four pieces, always in this order: `X_train, X_test, y_train, y_test`.
#
# ### Exercise `split_data`
#
# Split `X` and `y` so that a quarter of the rows go to the test set: pass
# `test_size=0.25`, and `random_state=0` so the shuffle is the same each time you run it.

# %% tags=["starter"]
X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

# %%
print(len(X_train), "training rows,", len(X_test), "test rows")

# %%
ex.split_data.check()

# %% [markdown]
# From now on, the test rows are only for scoring. Never fit anything on them.
#
# ## 2. A baseline to beat
#
# Is an accuracy of 0.9 good? It depends: if 90% of the masses were benign, a "model" that
# always says *benign* would score 0.9 without looking at a single measurement. A
# **baseline** is such a know-nothing model; a real model is worth something only by how much
# it beats it. scikit-learn's `DummyClassifier` is one: by default it always predicts the
# most frequent class of its training rows.
#
# ### Exercise `baseline`
#
# Fit a `DummyClassifier()` on the training rows, and put its accuracy **on the test rows**
# in `baseline_score`. *Hint: every classifier has `.fit(X, y)` and `.score(X, y)`.*

# %% tags=["starter"]
baseline = DummyClassifier()
baseline_score = ...

# %% tags=["solution"]
baseline = DummyClassifier().fit(X_train, y_train)
baseline_score = baseline.score(X_test, y_test)

# %%
print("baseline accuracy on the test rows:", round(baseline_score, 3))

# %%
ex.baseline.check()

# %% [markdown]
# ## 3. Overfitting, measured
#
# ### Exercise `tree_scores`
#
# Fit `DecisionTreeClassifier(random_state=0)` on the training rows and keep it as `tree`.
# Put its accuracy on the training rows in `tree_train_score`, and on the test rows in
# `tree_test_score`.

# %% tags=["starter"]
tree = DecisionTreeClassifier(random_state=0)
tree_train_score = ...
tree_test_score = ...

# %% tags=["solution"]
tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
tree_train_score = tree.score(X_train, y_train)
tree_test_score = tree.score(X_test, y_test)

# %%
print(f"training rows: {tree_train_score:.3f}   test rows: {tree_test_score:.3f}   baseline: {baseline_score:.3f}")

# %%
ex.tree_scores.check()

# %% [markdown]
# The tree beats the baseline by a wide margin, so it did learn something real. But its
# training score promised more than it delivers on new rows: that gap is overfitting.
#
# A tree's `max_depth` limits how many questions it may ask before deciding. A shallow tree
# cannot memorise; a deep one can. Let us watch both scores as the tree is allowed to grow.
#
# ### Exercise `depth_curve`
#
# For each depth in `depths`, fit `DecisionTreeClassifier(max_depth=depth, random_state=0)`
# on the training rows, and append its training accuracy to `train_scores` and its test
# accuracy to `test_scores`.

# %%
depths = list(range(1, 11))

# %% tags=["starter"]
train_scores = []
test_scores = []
for depth in depths:
    ...

# %% tags=["solution"]
train_scores = []
test_scores = []
for depth in depths:
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
    train_scores.append(model.score(X_train, y_train))
    test_scores.append(model.score(X_test, y_test))

# %%
ex.depth_curve.check()

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(depths, train_scores, marker="o", label="training rows")
ax.plot(depths, test_scores, marker="o", label="test rows")
ax.axhline(baseline_score, color="grey", linestyle="--", label="baseline")
ax.set_xlabel("max_depth")
ax.set_ylabel("accuracy")
ax.set_title("Deeper trees memorise the training rows")
ax.legend()
plt.show()

# %% [markdown]
# Read the plot: the training score climbs towards 1.0 with depth, because the tree
# memorises more; the test score stops improving early and then wobbles or drops. The space
# between the two lines is what the training score hides.
#
# A trap: it is tempting to pick the depth with the best *test* score. But then the test set
# has helped choose the model, and its score is no longer a fair estimate for new rows:
# you have fitted the test set by hand. Choices like this are made with a third set of rows,
# or with *cross-validation*, in lesson 6; the test set is scored once, at the end.
#
# ## 4. Preprocessing belongs after the split
#
# Some models need their features on a common scale. A **k-nearest-neighbours** classifier
# predicts a new row from the training rows closest to it; "closest" adds up differences in
# every feature, so a feature measured in the thousands (like `mean area`) drowns one
# measured in hundredths (like `mean smoothness`):

# %%
X_train[["mean area", "mean smoothness"]].describe().loc[["mean", "std"]]

# %% [markdown]
# **Standardising** rescales each feature to mean 0 and standard deviation 1: subtract the
# feature's mean, divide by its standard deviation. scikit-learn's `StandardScaler` *learns*
# those means and standard deviations when you call `.fit(...)`, and applies them with
# `.transform(...)`. Learning is fitting, so the same rule applies as for models: **fit on
# the training rows only**. If the test rows help compute the means, information from the
# test set has **leaked** into the model, and the test score is no longer about new rows.
#
# ### Exercise `scale_after_split`
#
# Fit a `StandardScaler` on `X_train` only and keep it as `scaler`. Then make
# `X_train_scaled` and `X_test_scaled` by transforming `X_train` and `X_test` with it.

# %% tags=["starter"]
scaler = StandardScaler()
X_train_scaled = ...
X_test_scaled = ...

# %% tags=["solution"]
scaler = StandardScaler().fit(X_train)
X_train_scaled = scaler.transform(X_train)
X_test_scaled = scaler.transform(X_test)

# %%
ex.scale_after_split.check()

# %% [markdown]
# ### How much can a leak cost?
#
# On this table, fitting the scaler on all rows would barely change the test score: 569
# rows give almost the same means with or without the test quarter. Leaks are not always
# that kind. Here is a made-up table of **pure noise**: 200 rows, 5,000 random features, and
# a random yes/no target. Nothing here can be predicted, so an honest test score should be
# near 0.5, a coin toss.
#
# A common step is to keep only the features most related to the target
# (`SelectKBest`). Watch what happens when that step sees every row before the split:

# %%
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression

noise_rng = np.random.default_rng(0)
X_noise = noise_rng.normal(size=(200, 5000))
y_noise = noise_rng.integers(0, 2, size=200)

# Wrong: feature selection sees all rows, then we split.
X_selected = SelectKBest(k=20).fit_transform(X_noise, y_noise)
Xa, Xb, ya, yb = train_test_split(X_selected, y_noise, test_size=0.5, random_state=0)
leaky = LogisticRegression().fit(Xa, ya).score(Xb, yb)

# Right: split first; selection and model are fit on the training half only.
Xa, Xb, ya, yb = train_test_split(X_noise, y_noise, test_size=0.5, random_state=0)
honest = make_pipeline(SelectKBest(k=20), LogisticRegression()).fit(Xa, ya).score(Xb, yb)

print(f"selection before the split: {leaky:.2f}   selection after the split: {honest:.2f}")

# %% [markdown]
# On noise, the leaky version "finds" a pattern: the 20 features it kept were the ones that
# happened to match the target on *all* rows, test rows included. This mistake has
# appeared in published research.
#
# ## 5. Pipelines make the right way the easy way
#
# Remembering to fit every step on the training rows only is error-prone. A **pipeline**
# chains the steps into one model: `pipeline.fit(X_train, y_train)` fits each step on the
# training rows in turn, and `pipeline.score(X_test, y_test)` transforms the test rows with
# what was learned, then scores. You used one just above: `make_pipeline(step1, step2)`.
#
# ### Exercise `knn_pipeline`
#
# Make `knn_model`: a pipeline of a `StandardScaler()` followed by a
# `KNeighborsClassifier()`, fit on the training rows. Put its accuracy on the test rows in
# `knn_test_score`.

# %% tags=["starter"]
knn_model = ...
knn_test_score = ...

# %% tags=["solution"]
knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_train, y_train)
knn_test_score = knn_model.score(X_test, y_test)

# %%
unscaled = KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test)
print(f"baseline {baseline_score:.3f}   tree {tree_test_score:.3f}   "
      f"k-NN unscaled {unscaled:.3f}   k-NN in a pipeline {knn_test_score:.3f}")

# %%
ex.knn_pipeline.check()

# %% [markdown]
# ## What you learned
#
# - A score on the rows a model was fit on measures memory, not skill: a tree scores
#   perfectly even on shuffled labels.
# - Split first; fit on the training rows; score on the test rows.
# - A baseline (`DummyClassifier`) tells you what "good" means on this table.
# - Deeper models fit the training rows better and can do worse on new ones: overfitting.
# - Every step that learns from data (scalers, feature selection, imputers) is part of the
#   model: fit it after the split, ideally inside a pipeline.
# - Don't tune on the test set; lesson 6 shows cross-validation for that.
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf),
#   the paper the Dive into Machine Learning guide asks you to read closely; this lesson is
#   its section "It's generalization that counts", and "Overfitting has many faces" comes next.
# - John Langford, ["Clever Methods of Overfitting"](http://hunch.net/?p=22), from the
#   guide's list of risks: many more ways to fool yourself with a test set.
# - scikit-learn's user guide, ["Common pitfalls and recommended practices"](https://scikit-learn.org/stable/common_pitfalls.html),
#   on data leakage and why pipelines prevent it.
# - The *Talking Machines* episode ["Starting Simple"](http://www.thetalkingmachines.com/episodes/starting-simple-and-machine-learning-meds),
#   recommended by the guide: why a simple model (and a baseline) comes first.

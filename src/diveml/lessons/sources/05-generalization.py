# %% [markdown]
# # Lesson 5: It's generalization that counts
#
# A model is only useful on cases it has **not** seen: next week's patients, tomorrow's
# e-mails. Pedro Domingos puts it in one line: *"The fundamental goal of machine learning is
# to generalize beyond the examples in the training set."* This lesson shows, on real medical
# data, how easy it is to fool yourself about that, and the habits that keep you honest.
#
# You will learn to:
#
# - keep a **test set** apart, and judge a model only on it,
# - compare every model with a **baseline**, a model that knows nothing,
# - recognise **overfitting**: a model that is perfect on the rows it learned from and
#   worse on new ones,
# - choose a setting with a **validation set**, without peeking at the test set,
# - fit **preprocessing** on the training rows only, with a **pipeline**.
#
# About 30 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("05-generalization")
ex

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

# %% [markdown]
# ## The data
#
# Each row describes one breast mass, measured from a microscope image of its cells: 30
# numbers such as the radius and the texture of the cell nuclei. The last column,
# `diagnosis`, says whether the mass was found to be **malignant** (cancer) or **benign**
# (not cancer).

# %%
cancer = diveml.load_dataset("breast_cancer")
print(cancer.shape[0], "rows,", cancer.shape[1], "columns")
cancer.head()

# %% [markdown]
# Some words for what follows:
#
# - the **target** (or **label**) is the column we want to predict: `diagnosis`;
# - the **features** are the columns a model may use to predict it: the 30 measurements;
# - a model is **fit** (or **trained**) on rows whose target is known, and then
#   **predicts** the target of rows it is shown;
# - its **accuracy** is the share of rows it predicts correctly, from 0 to 1 (1 is perfect).
#   Every scikit-learn classifier computes it with `model.score(X, y)`.
#
# By convention, `X` holds the features and `y` the target.

# %%
X = cancer.drop(columns="diagnosis")
y = cancer["diagnosis"]
y.value_counts()

# %% [markdown]
# ## A perfect score that means nothing
#
# Fit a decision tree (lesson 2) on every row, then ask for its accuracy on those same rows:

# %%
tree_all = DecisionTreeClassifier(random_state=0).fit(X, y)
print("accuracy on the rows it learned from:", tree_all.score(X, y))

# %% [markdown]
# Perfect. Is this tree a great doctor? Try something that *cannot* be learned: shuffle the
# diagnoses at random, so that they no longer belong to the measurements beside them. No
# model can predict a diagnosis that was drawn out of a hat.

# %%
rng = np.random.default_rng(0)
y_shuffled = pd.Series(rng.permutation(y.to_numpy()), index=y.index)
tree_noise = DecisionTreeClassifier(random_state=0).fit(X, y_shuffled)
print("accuracy on the rows it learned from, labels shuffled:", tree_noise.score(X, y_shuffled))

# %% [markdown]
# Perfect again, on nonsense. A tree can keep asking questions until every row sits alone in
# a leaf, so it can **memorise** any table, like a student who learns the answer sheet by
# heart. Its score on the rows it was fit on tells you how well it memorised, not how well it
# will do on the next patient. A model that does much better on its own training rows than
# on new rows **overfits**. What counts is how well it does on new rows: how well it
# **generalizes**.
#
# ## Exercise 1: keep a test set apart
#
# We cannot wait for new patients, so we pretend: hide some rows, fit on the others, then
# score on the hidden ones. The rows used for fitting are the **training set**; the hidden
# rows are the **test set**. scikit-learn's `train_test_split` shuffles the rows and cuts
# them in two. Given `X` and `y`, it returns four pieces, always in this order:
# `X_train, X_test, y_train, y_test`.
#
# **Task:** split `X` and `y` into `X_train, X_test, y_train, y_test`, with a quarter of the
# rows in the test set (`test_size=0.25`) and `random_state=0`, so that the shuffle is the
# same every time you run it.

# %% tags=["starter"] exercise="split_data"
X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"] exercise="split_data"
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

# %%
ex.split_data.check()

# %% [markdown]
# The rest of the lesson needs this split. If your answer is not correct yet, the next cell
# makes the split for you (and says so), so you can go on and come back to exercise 1 later.

# %%
if ex.split_data.evaluate().outcome != "correct":
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    print("Exercise 1 is not solved yet, so this cell made the split for you.")
print(len(X_train), "training rows and", len(X_test), "test rows")

# %% [markdown]
# From now on, the test rows are for scoring only: never fit anything on them.
#
# ## Exercise 2: a baseline to beat
#
# Is an accuracy of 0.9 good? That depends on the table. If 90% of the masses were benign,
# a "model" that always answers *benign* would score 0.9 without looking at a single
# measurement. Such a know-nothing model is a **baseline**: a real model is worth only as
# much as it beats it. scikit-learn's `DummyClassifier` is one; by default it always predicts
# the most frequent class of the rows it was fit on.
#
# **Task:** set `baseline` to a `DummyClassifier()` fit on the training rows, and
# `baseline_score` to its accuracy **on the test rows**.

# %% tags=["starter"] exercise="baseline"
baseline = ...  # DummyClassifier().fit(...)
baseline_score = ...

# %% tags=["solution"] exercise="baseline"
baseline = DummyClassifier().fit(X_train, y_train)
baseline_score = baseline.score(X_test, y_test)
baseline_score

# %%
ex.baseline.check()

# %% [markdown]
# ## Exercise 3: overfitting, measured
#
# **Task:** set `tree` to a `DecisionTreeClassifier(random_state=0)` fit on the training
# rows. Set `tree_train_score` to its accuracy on the training rows, and `tree_test_score`
# to its accuracy on the test rows.

# %% tags=["starter"] exercise="tree_scores"
tree = ...
tree_train_score = ...
tree_test_score = ...

# %% tags=["solution"] exercise="tree_scores"
tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
tree_train_score = tree.score(X_train, y_train)
tree_test_score = tree.score(X_test, y_test)
print("training rows:", tree_train_score, " test rows:", tree_test_score)

# %%
ex.tree_scores.check()

# %% [markdown]
# Compare your two numbers with the baseline: the tree beats the baseline on the test rows,
# so it learned something real. But its training score promised more than it delivers on
# new rows, and that gap is overfitting.
#
# A tree's `max_depth` caps how many questions it may ask in a row before it decides. A
# shallow tree cannot memorise; a deep one can. Watch both scores as the tree may grow
# deeper:

# %%
depths = list(range(1, 11))
train_curve, test_curve = [], []
for depth in depths:
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
    train_curve.append(model.score(X_train, y_train))
    test_curve.append(model.score(X_test, y_test))
know_nothing = DummyClassifier().fit(X_train, y_train).score(X_test, y_test)

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(depths, train_curve, marker="o", label="training rows")
ax.plot(depths, test_curve, marker="o", label="test rows")
ax.axhline(know_nothing, color="grey", linestyle="--", label="baseline (test rows)")
ax.set_xlabel("max_depth")
ax.set_ylabel("accuracy")
ax.set_title("Deeper trees memorise the training rows")
ax.legend()
plt.show()

# %% [markdown]
# Read the plot: the training score climbs to 1.0 as the tree memorises more; the test score
# stops improving after the first few depths, then wobbles below its best. The space between
# the two lines is what a training score hides.
#
# ## Exercise 4: choose a depth without peeking
#
# It is tempting to pick the depth with the best *test* score in that plot. Don't: then the
# test rows have helped choose the model, and its test score is no longer a fair guess of how
# it will do on new rows. You would be fitting the test set by hand.
#
# Instead, split the *training* rows once more: fit on one part, and compare depths on the
# other part, the **validation set**. The test set stays untouched until the very end.
#
# **Task:**
#
# 1. split `X_train` and `y_train` into `X_fit, X_val, y_fit, y_val`, with
#    `test_size=0.25` and `random_state=0`;
# 2. for each depth in `depths`, fit `DecisionTreeClassifier(max_depth=depth,
#    random_state=0)` on `X_fit, y_fit` and score it on `X_val, y_val`;
# 3. set `best_depth` to the depth with the best validation score. If several depths tie,
#    take the smallest: the simplest model that does as well.

# %% tags=["starter"] exercise="choose_depth"
X_fit, X_val, y_fit, y_val = ..., ..., ..., ...
best_depth = ...

# %% tags=["solution"] exercise="choose_depth"
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=0)
val_scores = []
for depth in depths:
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_fit, y_fit)
    val_scores.append(model.score(X_val, y_val))
best_depth = depths[int(np.argmax(val_scores))]  # argmax returns the first of any ties
best_depth

# %%
ex.choose_depth.check()

# %% [markdown]
# Once your choice is correct, this cell shows the honest test score of the depth you chose,
# next to the best point of the test curve in the plot above:

# %%
if ex.choose_depth.evaluate().outcome == "correct":
    print("test score of the depth you chose:", round(test_curve[depths.index(best_depth)], 3))
    print("best point of the test curve:     ", round(max(test_curve), 3))
else:
    print("Solve exercise 4 first, then run this cell again.")

# %% [markdown]
# The chosen depth may score lower than the best point of the test curve. That is fine, and
# honest: the best point of the test curve was *picked because it looked best on those very
# rows*, so it flatters. Notice also that the validation set is small (`len(X_val)` rows),
# and another split may prefer another depth; averaging over several splits, as lesson 6
# did with **cross-validation**, steadies the choice.
#
# ## Preprocessing belongs after the split
#
# Some models need their features on a common scale. A **k-nearest-neighbours** classifier
# predicts a new row from the training rows closest to it, and "closest" adds up the
# differences in every feature. A feature measured in hundreds (like `mean area`) then
# drowns one measured in hundredths (like `mean smoothness`):

# %%
X_train[["mean area", "mean smoothness"]].describe().loc[["mean", "std"]]

# %% [markdown]
# **Standardising** rescales each feature to a mean of 0 and a standard deviation of 1:
# subtract the feature's mean, divide by its standard deviation. scikit-learn's
# `StandardScaler` *learns* those means and standard deviations when you call `.fit(X)`, and
# applies them with `.transform(X)`. Learning is fitting, so the rule for models holds for
# it too: **fit on the training rows only**. If the test rows help compute the means,
# information about the test set has **leaked** into the model, and the test score is no
# longer about unseen rows.
#
# ## Exercise 5: scale after the split
#
# **Task:** set `scaler` to a `StandardScaler()` fit on `X_train` only. Then set
# `X_train_scaled` and `X_test_scaled` to `X_train` and `X_test` transformed by it.

# %% tags=["starter"] exercise="scale_after_split"
scaler = ...
X_train_scaled = ...
X_test_scaled = ...

# %% tags=["solution"] exercise="scale_after_split"
scaler = StandardScaler().fit(X_train)
X_train_scaled = scaler.transform(X_train)
X_test_scaled = scaler.transform(X_test)

# %%
ex.scale_after_split.check()

# %% [markdown]
# ### How much can a leak cost?
#
# On this table a leaky scaler would change little: the means of all the rows are close to
# the means of the training rows alone. The largest gap, over the 30 features, measured in
# standard deviations:

# %%
mean_gap = (X.mean() - X_train.mean()).abs() / X_train.std()
print("largest gap between the two means:", round(mean_gap.max(), 3), "standard deviations")

# %% [markdown]
# Leaks are not always so mild. Here is a made-up table of **pure noise**: 200 rows, 5,000 random features and a random yes/no
# target. Nothing in it can be predicted, so an honest test score should be near 0.5, a coin
# toss.
#
# A common step keeps only the features most related to the target (`SelectKBest`), and
# then fits a simple classifier (`LogisticRegression`) on them. Watch what happens when the
# selection sees every row before the split:

# %%
from sklearn.feature_selection import SelectKBest
from sklearn.linear_model import LogisticRegression

noise_rng = np.random.default_rng(0)
X_noise = noise_rng.normal(size=(200, 5000))
y_noise = noise_rng.integers(0, 2, size=200)

# Leaky: the selection sees all rows, and only then do we split.
X_kept = SelectKBest(k=20).fit_transform(X_noise, y_noise)
Xa, Xb, ya, yb = train_test_split(X_kept, y_noise, test_size=0.5, random_state=0)
leaky_score = LogisticRegression().fit(Xa, ya).score(Xb, yb)

# Honest: split first; the selection and the model see the training half only.
Xa, Xb, ya, yb = train_test_split(X_noise, y_noise, test_size=0.5, random_state=0)
honest_score = make_pipeline(SelectKBest(k=20), LogisticRegression()).fit(Xa, ya).score(Xb, yb)

print("selection before the split:", round(leaky_score, 2))
print("selection after the split: ", round(honest_score, 2))

# %% [markdown]
# On pure noise, the leaky version "finds" a pattern: it kept the 20 features that happened
# to match the target on *all* rows, test rows included, so of course they match on the test
# rows. This mistake has a long history in published research (see "Going further").
#
# ## Exercise 6: pipelines make the right way the easy way
#
# Remembering to fit each step on the training rows only is error-prone. A **pipeline**
# chains the steps into one model: `pipeline.fit(X_train, y_train)` fits each step on the
# training rows in turn, and `pipeline.score(X_test, y_test)` transforms the test rows with
# what was learned, then scores. You saw one just above: `make_pipeline(step1, step2)`.
#
# **Task:** set `knn_model` to a pipeline of a `StandardScaler()` followed by a
# `KNeighborsClassifier()`, fit on the training rows, and `knn_test_score` to its accuracy on
# the test rows.

# %% tags=["starter"] exercise="knn_pipeline"
knn_model = ...
knn_test_score = ...

# %% tags=["solution"] exercise="knn_pipeline"
knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_train, y_train)
knn_test_score = knn_model.score(X_test, y_test)
knn_test_score

# %%
ex.knn_pipeline.check()

# %% [markdown]
# For comparison, the same classifier without scaling, on the same rows:

# %%
unscaled_score = KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test)
print("k-nearest neighbours without scaling, test rows:", round(unscaled_score, 3))
print("one test row is worth this much accuracy:", round(1 / len(X_test), 3))

# %% [markdown]
# Scaling helped here, but look at the second line before you celebrate a small difference:
# with this few test rows, a difference of one or two rows can be luck. Cross-validation
# (lesson 6) shows how much scores vary.

# %% [markdown]
# ## What you learned
#
# - A score on the rows a model was fit on measures memory, not skill: a deep tree scores
#   perfectly even on shuffled labels.
# - Split first; fit on the training rows; score on the test rows.
# - A baseline (`DummyClassifier`) says what "good" means on this table.
# - Deeper models fit the training rows better, and can do worse on new ones: overfitting.
# - Choose settings on a validation set (or with cross-validation), never on the test set.
# - Every step that learns from data (scalers, feature selection, imputers) is part of the
#   model: fit it after the split, inside a pipeline.
#
# Next on the path, as in the guide: pandas, with **lesson 3, "pandas I"**. In a terminal:
# `diveml learn 3`.
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf),
#   the paper the *Dive into Machine Learning* guide asks you to read slowly, with notes.
#   This lesson is its section "It's generalization that counts"; "Overfitting has many
#   faces" comes next.
# - John Langford, ["Clever Methods of Overfitting"](http://hunch.net/?p=22), from the
#   guide's list of risks: many more ways to fool yourself with a test set.
# - The *Talking Machines* episode ["Starting Simple"](http://www.thetalkingmachines.com/episodes/starting-simple-and-machine-learning-meds),
#   recommended by the guide: why a simple model, and a baseline, come first.
# - scikit-learn's user guide, ["Common pitfalls and recommended practices"](https://scikit-learn.org/stable/common_pitfalls.html),
#   on data leakage and how pipelines prevent it.
# - Selecting features before the split, on real data: Ambroise and McLachlan, "Selection
#   bias in gene extraction on the basis of microarray gene-expression data", *PNAS* 99(10),
#   2002.

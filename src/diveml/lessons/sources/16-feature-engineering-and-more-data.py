# %% [markdown]
# # Lesson 16: Feature engineering and more data
#
# Two of Pedro Domingos' "useful things to know" are about where accuracy really comes from.
# *"Feature engineering is the key"*: what you give the model to look at often matters more
# than which model you pick. *"More data beats a cleverer algorithm"*: a plain method with
# many examples often beats a clever one with few. In this lesson you test both claims on
# real data, instead of taking them on trust.
#
# You will:
#
# - build one **derived feature** (a new column computed from the ones you have) and see a
#   simple model with it match a cleverer model on the raw columns,
# - compare models with **cross-validation**, looking at the spread as well as the mean,
# - draw **learning curves** of a simple and a cleverer model and find where they cross.
#
# About 30 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("16-feature-engineering-and-more-data")
ex

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit, cross_val_score
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import diveml

# %% [markdown]
# ## The data: is this penguin male or female?
#
# The Palmer penguins (lesson 2) again: 3 species of penguins measured on islands of
# Antarctica. This time the question is the penguin's **sex**. We drop the few rows with a
# missing value.

# %%
penguins = diveml.load_dataset("penguins").dropna().reset_index(drop=True)
y = penguins["sex"]
print(len(penguins), "penguins")
penguins.head()

# %% [markdown]
# Males are heavier than females. Is body mass enough to tell them apart? Look before you
# model:

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
for row, species in enumerate(sorted(penguins["species"].unique())):
    for sex, marker in (("female", "o"), ("male", "^")):
        rows = penguins[(penguins["species"] == species) & (penguins["sex"] == sex)]
        jitter = np.random.default_rng(row).uniform(-0.15, 0.15, len(rows))
        ax.scatter(
            rows["body_mass_g"],
            row + jitter + (0.2 if sex == "male" else -0.2),
            marker=marker,
            alpha=0.6,
            label=sex if row == 0 else None,
        )
ax.set_yticks(range(3), sorted(penguins["species"].unique()))
ax.set_xlabel("body mass (g)")
ax.legend()
ax.set_title("Within each species males are heavier; across species, mass mixes them up")
plt.show()

# %% [markdown]
# Within one species, males (triangles) sit to the right of females (circles). But a
# Gentoo female outweighs most Adelie males, so a single mass threshold for all penguins
# cannot work.
#
# We judge each model by **cross-validation** (lesson 6): split the rows into 5 parts
# (**folds**), fit on 4, score on the fifth, five times over. `cv` below fixes the folds,
# so that every model is scored on exactly the same rows, and `simple` is the simple model
# of this lesson: a logistic regression (a linear model) after a scaler.

# %%
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
simple = make_pipeline(StandardScaler(), LogisticRegression())

mass_scores = cross_val_score(simple, penguins[["body_mass_g"]], y, cv=cv)
print("body mass alone, accuracy per fold:", mass_scores.round(3))
print("mean:", round(mass_scores.mean(), 3))

# %% [markdown]
# Barely better than a coin toss. The information is there, as the plot shows, but not in
# a form a straight threshold can use.
#
# ## Exercise 1: a derived feature
#
# What tells a male apart is being **heavy for its species**. Compute it: divide each
# penguin's mass by the mean mass of *its own species*. A value of 1.1 means "10% heavier
# than the average penguin of its species".
#
# pandas does "the mean of my group, on every row" with
# `frame.groupby("column")["other"].transform("mean")`: unlike `.mean()`, which returns one
# number per group, `transform` returns one value per row, in the rows' order.
#
# **Task:** set `relative_mass` to a Series, one value per penguin: its `body_mass_g`
# divided by the mean `body_mass_g` of its species.

# %% tags=["starter"] exercise="relative_mass"
relative_mass = ...

# %% tags=["solution"] exercise="relative_mass"
species_mean = penguins.groupby("species")["body_mass_g"].transform("mean")
relative_mass = penguins["body_mass_g"] / species_mean

# %%
ex.relative_mass.check()

# %% [markdown]
# ## Exercise 2: the simple model with the new feature
#
# **Task:** set `engineered_scores` to the five cross-validation accuracies of `simple` on
# a table with `relative_mass` as its only column (`relative_mass.to_frame()`), with the
# same `cv`.

# %% tags=["starter"] exercise="engineered_scores"
engineered_scores = ...

# %% tags=["solution"] exercise="engineered_scores"
engineered_scores = cross_val_score(simple, relative_mass.to_frame(), y, cv=cv)
print(engineered_scores.round(3), "mean:", round(engineered_scores.mean(), 3))

# %%
ex.engineered_scores.check()

# %% [markdown]
# ## Exercise 3: a cleverer model on the raw columns
#
# Maybe the new column is not needed: a cleverer model could find "heavy for its species"
# by itself, from the mass and the species. **Gradient boosting** (scikit-learn's
# `GradientBoostingClassifier`) adds up a hundred small decision trees, each correcting the
# errors of the ones before: it can learn a different mass threshold for each species.
#
# `X_raw` holds the raw columns the derived feature was made from: the mass, and the
# species as three 0/1 columns (**one-hot** encoding, since models want numbers).

# %%
X_raw = pd.get_dummies(penguins[["body_mass_g", "species"]], columns=["species"], dtype=float)
X_raw.head(3)

# %% [markdown]
# **Task:** set `clever` to a `GradientBoostingClassifier(random_state=0)` and
# `clever_scores` to its five cross-validation accuracies on `X_raw`, with the same `cv`.

# %% tags=["starter"] exercise="clever_scores"
clever = ...
clever_scores = ...

# %% tags=["solution"] exercise="clever_scores"
clever = GradientBoostingClassifier(random_state=0)
clever_scores = cross_val_score(clever, X_raw, y, cv=cv)
print(clever_scores.round(3), "mean:", round(clever_scores.mean(), 3))

# %%
ex.clever_scores.check()

# %% [markdown]
# Put the three side by side, each with its **spread** (the standard deviation of its five
# fold scores): a difference smaller than the spread could be luck of the folds.

# %%
if ex.engineered_scores.evaluate().outcome == "correct" and (
    ex.clever_scores.evaluate().outcome == "correct"
):
    results = {
        "simple, mass": mass_scores,
        "simple, relative mass": engineered_scores,
        "gradient boosting, raw": clever_scores,
    }
    fig, ax = plt.subplots(figsize=(7, 3))
    names = list(results)
    ax.barh(
        names,
        [s.mean() for s in results.values()],
        xerr=[s.std() for s in results.values()],
        color=["grey", "tab:blue", "tab:orange"],
    )
    ax.set_xlim(0.5, 1)
    ax.set_xlabel("cross-validated accuracy (mean and spread over 5 folds)")
    plt.show()
    for name, s in results.items():
        print(f"{name:<24} {s.mean():.3f} +/- {s.std():.3f}")
else:
    print("Finish exercises 2 and 3, then run this cell again.")

# %% [markdown]
# One column that says what matters lifted the simple model from a coin toss to the level
# of the cleverer model, or above it. Gradient boosting had the same information and had
# to work it out from the few hundred training penguins of each fold. That is Domingos' point: *"the
# most important factor is the features used"*, and building them is where knowing your
# domain (here: penguin species differ in size) pays.
#
# ## More data beats a cleverer algorithm
#
# The second claim is about the number of rows. A **learning curve** shows a model's
# score as its training set grows: fit on the first 20 training rows, then 40, and so on,
# scoring each time on the same held-out rows. scikit-learn's `learning_curve` does it over
# several random splits and returns three arrays: the training sizes, the training scores
# and the test scores, each score array with one row per size and one column per split.
#
# Two models on the breast-cancer table of lesson 5: **naive Bayes** (`GaussianNB`), a very
# simple model that treats every feature as independent of the others, and a **random
# forest**, a cleverer model that averages many decision trees (lesson 17 says more).

# %%
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import learning_curve

X_cancer, y_cancer = load_breast_cancer(return_X_y=True)
SIZES = [20, 40, 80, 160, 320, 426]
splits = StratifiedShuffleSplit(n_splits=10, test_size=0.25, random_state=0)
forest = RandomForestClassifier(n_estimators=10, random_state=0, n_jobs=1)

sizes, nb_train, nb_test = learning_curve(
    GaussianNB(), X_cancer, y_cancer, train_sizes=SIZES, cv=splits
)
print("sizes:", sizes)
print("test scores of naive Bayes, shape", nb_test.shape)

# %% [markdown]
# ## Exercise 4: two learning curves
#
# **Task:** run `learning_curve` for `forest` too (same data, `train_sizes=SIZES`,
# `cv=splits`). Then set `nb_curve` and `rf_curve` to the **mean test score at each size**
# (one number per size) of naive Bayes and of the forest.

# %% tags=["starter"] exercise="learning_curves"
nb_curve = ...
rf_curve = ...

# %% tags=["solution"] exercise="learning_curves"
_, rf_train, rf_test = learning_curve(forest, X_cancer, y_cancer, train_sizes=SIZES, cv=splits)
nb_curve = nb_test.mean(axis=1)
rf_curve = rf_test.mean(axis=1)

# %%
ex.learning_curves.check()

# %%
if ex.learning_curves.evaluate().outcome == "correct":
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(SIZES, nb_curve, marker="o", label="naive Bayes (simple)")
    ax.plot(SIZES, rf_curve, marker="o", label="random forest (cleverer)")
    ax.set_xscale("log")
    ax.set_xticks(SIZES, SIZES)
    ax.set_xlabel("training rows")
    ax.set_ylabel("mean test accuracy")
    ax.legend()
    ax.set_title("Learning curves")
    plt.show()
else:
    print("Finish exercise 4, then run this cell again.")

# %% [markdown]
# ## Exercise 5: where do they cross?
#
# **Task:** set `first_forest_win` to the smallest training size in `SIZES` at which the
# forest's mean test score is higher than naive Bayes'.

# %% tags=["starter"] exercise="crossing"
first_forest_win = ...

# %% tags=["solution"] exercise="crossing"
first_forest_win = next(n for n, nb, rf in zip(SIZES, nb_curve, rf_curve) if rf > nb)
first_forest_win

# %% [markdown]
# Python's `next(x for x in ... if ...)` returns the first item of a loop that passes the
# test; `SIZES[int(np.argmax(rf_curve > nb_curve))]` does the same with numpy.

# %%
ex.crossing.check()

# %% [markdown]
# Read the plot again. With few rows the simple model is ahead: it has few choices to make,
# so little data is enough to make them. The forest can draw any shape of boundary, and
# needs many rows before that freedom pays. Domingos shows the same crossing for naive
# Bayes and a decision-tree learner. Which model is "better" depends on how much data you
# have, and the cheapest way to improve a model is often to collect more rows.
#
# The catch: more data only helps a model that can use it. Naive Bayes' curve flattens; the
# forest's keeps rising. When a learning curve is flat, more rows of the same kind will not
# help that model, and better features or a more flexible model might. (`diveml study`
# draws this curve for you and says which case you are in.)
#
# ## What you learned
#
# - A **derived feature** built from what you know about the domain ("heavy for its
#   species") can do more for accuracy than a cleverer model.
# - Compare models on the **same folds**, and read the **spread** before trusting a
#   difference.
# - **Learning curves** show how a model's score grows with the rows it sees; a simple and
#   a flexible model often cross: the simple one wins with few rows, the flexible one with
#   many.
#
# Try it: add `flipper_length_mm` divided by its species mean as a second column in
# exercise 2. Does the simple model improve? And does gradient boosting on all the raw
# columns (`penguins.drop(columns="sex")`, one-hot encoded) catch up?
#
# Next: **lesson 17, "Many models, simplicity, causation"** (`diveml learn 17`).
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (Communications of the ACM, 2012), sections "Feature engineering is the key" and "More
#   data beats a cleverer algorithm"; his Figure 1 is the learning-curve crossing.
# - scikit-learn's user guide on [learning curves](https://scikit-learn.org/stable/modules/learning_curve.html)
#   and on [cross-validation](https://scikit-learn.org/stable/modules/cross_validation.html).
# - The *Dive into Machine Learning* guide: <https://github.com/dive-into-machine-learning/dive-into-machine-learning>
#   and two podcasts it names: [Talking Machines](https://www.thetalkingmachines.com/) and
#   [Linear Digressions](https://lineardigressions.com/).

# %% [markdown]
# # Lesson 17: Many models, simplicity, causation
#
# Three more of Pedro Domingos' "useful things to know", each tested here on real data:
#
# - *"Learn many models, not just one"*: **ensembles**, models made of many models, often
#   beat any one of them. Often, not always: you will measure whether the gain is real.
# - *"Simplicity does not imply accuracy"*: a simpler model is easier to trust and to
#   explain, but it is not for that reason more accurate, and a complex model need not
#   overfit. Prefer the simpler of two models that do equally well (**Occam's razor**),
#   as a preference, not a law of nature.
# - *"Correlation does not imply causation"*: a pattern in data that has not been
#   produced by an experiment can mislead, and here you will see one turn around.
#
# About 30 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("17-many-models-simplicity-causation")
ex

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import AdaBoostClassifier, BaggingClassifier, StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import diveml

# %% [markdown]
# ## Three single models
#
# The breast-cancer table of lesson 5: 569 breast masses, 30 measurements each, benign or
# malignant. Three different single models, each scored by 5-fold cross-validation on the
# same folds `cv`:

# %%
X, y = load_breast_cancer(return_X_y=True)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
singles = {
    "logistic regression": make_pipeline(StandardScaler(), LogisticRegression()),
    "decision tree": DecisionTreeClassifier(random_state=0),
    "nearest neighbours": make_pipeline(StandardScaler(), KNeighborsClassifier()),
}
single_scores = {name: cross_val_score(model, X, y, cv=cv) for name, model in singles.items()}
for name, scores in single_scores.items():
    print(f"{name:<20} folds {scores.round(3)}  mean {scores.mean():.3f} +/- {scores.std():.3f}")

# %% [markdown]
# ## Exercise 1: the best single model
#
# **Task:** set `best_single` to the name (a key of `single_scores`) of the single model
# with the highest **mean** cross-validation score.

# %% tags=["starter"] exercise="best_single"
best_single = ...

# %% tags=["solution"] exercise="best_single"
best_single = max(single_scores, key=lambda name: single_scores[name].mean())
best_single

# %%
ex.best_single.check()

# %% [markdown]
# ## Exercise 2: bagging and boosting
#
# An ensemble combines many models. The two classic ways to make the many:
#
# - **Bagging** (bootstrap aggregating) fits the same kind of model on many **bootstrap
#   samples** of the training rows (rows drawn at random, with repeats) and lets them vote.
#   One decision tree changes a lot with its rows (it has high **variance**); the vote of
#   many is steadier. `BaggingClassifier(DecisionTreeClassifier(...), n_estimators=20)`
#   bags 20 trees.
# - **Boosting** fits small models one after another, each paying most attention to the
#   rows the previous ones got wrong, and adds them up with weights. `AdaBoostClassifier`
#   boosts **stumps** by default: trees of depth 1, a single question each.
#
# **Task:** set `bagged` to `BaggingClassifier(DecisionTreeClassifier(random_state=0),
# n_estimators=20, random_state=0)` and `bagged_scores` to its cross-validation scores;
# set `boosted` to `AdaBoostClassifier(n_estimators=50, random_state=0)` and
# `boosted_scores` to its scores. Use `cv=cv` for both.

# %% tags=["starter"] exercise="bag_and_boost"
bagged = ...
bagged_scores = ...
boosted = ...
boosted_scores = ...

# %% tags=["solution"] exercise="bag_and_boost"
bagged = BaggingClassifier(DecisionTreeClassifier(random_state=0), n_estimators=20, random_state=0)
bagged_scores = cross_val_score(bagged, X, y, cv=cv)
boosted = AdaBoostClassifier(n_estimators=50, random_state=0)
boosted_scores = cross_val_score(boosted, X, y, cv=cv)
print("bagged trees:", bagged_scores.round(3), " boosted stumps:", boosted_scores.round(3))

# %%
ex.bag_and_boost.check()

# %% [markdown]
# ## Exercise 3: stacking
#
# **Stacking** combines *different* kinds of models: a final model (often a logistic
# regression) learns how much to trust each one. Its inputs are the predictions each model
# makes on rows it was not fitted on (scikit-learn gets them by an inner cross-validation),
# so it learns whom to trust on new rows, not on memorised ones.
#
# **Task:** set `stacked` to a `StackingClassifier` of the three single models
# (`estimators=list(singles.items())`, a list of `(name, model)` pairs) with
# `final_estimator=LogisticRegression()`, and `stacked_scores` to its cross-validation
# scores with `cv=cv`.

# %% tags=["starter"] exercise="stacking"
stacked = ...
stacked_scores = ...

# %% tags=["solution"] exercise="stacking"
stacked = StackingClassifier(estimators=list(singles.items()), final_estimator=LogisticRegression())
stacked_scores = cross_val_score(stacked, X, y, cv=cv)
print(stacked_scores.round(3), "mean", round(stacked_scores.mean(), 3))

# %%
ex.stacking.check()

# %% [markdown]
# ## Is the gain real?
#
# Five fold scores are five noisy measurements. Because every model was scored on the
# **same folds**, compare them fold by fold: the **difference** on each fold removes what
# the folds have in common (an easy fold is easy for both). Then ask whether the mean
# difference is large next to its own noise, its **standard error**: the standard
# deviation of the differences divided by the square root of their number. A common rule
# of thumb: a mean difference more than **two standard errors** above zero is a clear gain;
# less could be luck.


# %%
def standard_error(differences):
    """The standard error of a mean: how much it would move with other folds."""
    differences = np.asarray(differences)
    return differences.std(ddof=1) / np.sqrt(len(differences))


# %% [markdown]
# ## Exercise 4: judge two gains
#
# **Task:**
#
# 1. set `boost_vs_tree` to the fold-by-fold differences `boosted_scores` minus the
#    decision tree's scores, and `stack_vs_best` to `stacked_scores` minus the scores of
#    `best_single`;
# 2. set `boost_clear` and `stack_clear` to `True` or `False`: is each mean difference more
#    than two standard errors above zero? Compute them; do not type them in.

# %% tags=["starter"] exercise="judge_gains"
boost_vs_tree = ...
stack_vs_best = ...
boost_clear = ...
stack_clear = ...

# %% tags=["solution"] exercise="judge_gains"
boost_vs_tree = boosted_scores - single_scores["decision tree"]
stack_vs_best = stacked_scores - single_scores[best_single]
boost_clear = bool(boost_vs_tree.mean() > 2 * standard_error(boost_vs_tree))
stack_clear = bool(stack_vs_best.mean() > 2 * standard_error(stack_vs_best))
print("boosting vs one tree:", boost_vs_tree.round(3), boost_clear)
print("stacking vs best single:", stack_vs_best.round(3), stack_clear)

# %%
ex.judge_gains.check()

# %%
if ex.bag_and_boost.evaluate().outcome == "correct" and (
    ex.stacking.evaluate().outcome == "correct"
):
    every = {
        **single_scores,
        "bagged trees": bagged_scores,
        "boosted stumps": boosted_scores,
        "stacking": stacked_scores,
    }
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.barh(
        list(every),
        [s.mean() for s in every.values()],
        xerr=[s.std() for s in every.values()],
        color="tab:blue",
    )
    ax.set_xlim(0.85, 1)
    ax.set_xlabel("cross-validated accuracy (mean and spread over 5 folds)")
    plt.show()
else:
    print("Finish exercises 2 and 3, then run this cell again.")

# %% [markdown]
# Boosted stumps beat a single tree, and clearly: Domingos' point. But the best
# single model here is a plain logistic regression, and the ensembles do not clearly beat
# it. Learning many models is a strong habit; it is not a guarantee, and only a careful
# comparison on the same folds tells you which case you are in. (`diveml study` makes this
# comparison for every rung of its model ladder.)
#
# ## Simplicity does not imply accuracy
#
# Occam's razor says: of two explanations that fit equally well, prefer the simpler. It is
# often misread as "the simpler model will be more accurate". Test it: a **stump** (a tree
# of depth 1, one question) is as simple as a model gets.
#
# ## Exercise 5: a very simple model
#
# **Task:** set `stump_scores` to the cross-validation scores (`cv=cv`) of
# `DecisionTreeClassifier(max_depth=1, random_state=0)`.

# %% tags=["starter"] exercise="simplicity"
stump_scores = ...

# %% tags=["solution"] exercise="simplicity"
stump_scores = cross_val_score(DecisionTreeClassifier(max_depth=1, random_state=0), X, y, cv=cv)
print(stump_scores.round(3), "mean", round(stump_scores.mean(), 3))

# %%
ex.simplicity.check()

# %% [markdown]
# The stump is simpler than every other model here and less accurate than all of them.
# And the boosted model, made of many stumps, is far more complex: does it overfit? Watch
# its training and validation accuracy as stumps are added, on one split (4 folds to fit
# on, the fifth to score), with `staged_score`, which scores the ensemble after each stump:

# %%
fit_rows, val_rows = next(cv.split(X, y))
many = AdaBoostClassifier(n_estimators=100, random_state=0).fit(X[fit_rows], y[fit_rows])
train_staged = list(many.staged_score(X[fit_rows], y[fit_rows]))
val_staged = list(many.staged_score(X[val_rows], y[val_rows]))
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(range(1, 101), train_staged, label="training rows")
ax.plot(range(1, 101), val_staged, label="validation rows")
ax.set_xlabel("number of stumps")
ax.set_ylabel("accuracy")
ax.legend()
plt.show()
print(
    "validation accuracy with 1 stump:",
    round(val_staged[0], 3),
    " with 100:",
    round(val_staged[-1], 3),
)

# %% [markdown]
# Even after the training rows are all right, adding stumps does not wreck the validation
# score: this complex model does not overfit the way a deep single tree does (lesson 5).
# Complexity is not counted in parameters alone, and a simple model is a preference to
# argue for, with evidence, not a shortcut to accuracy.
#
# ## Correlation does not imply causation
#
# Back to the penguins. Do penguins with longer bills have deeper bills, or shallower
# ones? Look:

# %%
penguins = diveml.load_dataset("penguins").dropna(subset=["bill_length_mm", "bill_depth_mm"])
length = penguins["bill_length_mm"]
depth = penguins["bill_depth_mm"]
fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(length, depth, s=10, color="grey")
ax.set_xlabel("bill length (mm)")
ax.set_ylabel("bill depth (mm)")
plt.show()

# %% [markdown]
# ## Exercise 6: the overall trend
#
# The **slope** of a straight line fitted through the points says how much the depth
# changes, on average, per extra millimetre of length. `np.polyfit(x, y, 1)` fits the line
# `y = slope * x + intercept` and returns `[slope, intercept]`.
#
# **Task:** set `overall_slope` to the slope of bill depth (y) against bill length (x),
# over all penguins.

# %% tags=["starter"] exercise="overall_slope"
overall_slope = ...

# %% tags=["solution"] exercise="overall_slope"
overall_slope = np.polyfit(length, depth, 1)[0]
overall_slope

# %%
ex.overall_slope.check()

# %% [markdown]
# Negative: the obvious reading is "the longer the bill, the shallower". Is it true of a
# penguin? Colour the same points by species:

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for species, group in penguins.groupby("species"):
    ax.scatter(group["bill_length_mm"], group["bill_depth_mm"], s=10, label=species)
ax.set_xlabel("bill length (mm)")
ax.set_ylabel("bill depth (mm)")
ax.legend()
plt.show()

# %% [markdown]
# ## Exercise 7: the trend within each species
#
# **Task:** set `species_slopes` to a dict (or a Series) that maps each species to the
# slope of bill depth against bill length *among the penguins of that species only*.

# %% tags=["starter"] exercise="species_slopes"
species_slopes = ...

# %% tags=["solution"] exercise="species_slopes"
species_slopes = {
    species: np.polyfit(group["bill_length_mm"], group["bill_depth_mm"], 1)[0]
    for species, group in penguins.groupby("species")
}
species_slopes

# %%
ex.species_slopes.check()

# %% [markdown]
# Within every species the slope is **positive**: longer bills come with deeper ones, as
# you would expect of bigger birds. The overall negative slope comes from the species:
# Gentoo penguins have long and shallow bills, Adelies short and deep ones. The species
# is a **confounder**, a third variable behind both columns, and mixing the groups turned
# the pattern around. This reversal has a name: **Simpson's paradox**.
#
# **Adjusting** for the confounder does the same in one model: give a linear regression
# the species as well, and the coefficient of bill length (its slope, holding the species
# fixed) changes sign:

# %%
from sklearn.linear_model import LinearRegression

with_species = pd.get_dummies(penguins[["bill_length_mm", "species"]], dtype=float)
alone = LinearRegression().fit(penguins[["bill_length_mm"]], depth).coef_[0]
adjusted = LinearRegression().fit(with_species, depth).coef_[0]
print("slope of bill length, alone:            ", round(alone, 3))
print("slope of bill length, species held fixed:", round(adjusted, 3))

# %% [markdown]
# The lesson for your own studies: a correlation, or a model coefficient, found in data
# nobody experimented on says what goes with what in *that* data, not what would happen
# if you changed one thing. Before reading a cause into it, ask what else could drive
# both, and check by stratifying or adjusting. Even then, only the confounders you
# thought of are handled; an experiment (randomly choosing who gets what) handles all.
#
# ## What you learned
#
# - **Ensembles**: **bagging** (many models on bootstrap samples, voting), **boosting**
#   (small models in sequence, each fixing the last), **stacking** (a model that combines
#   different models). They often win; compare them **fold by fold** to see if they do.
# - A gain is clear when it is large next to its **standard error**.
# - A simpler model is not more accurate for being simple, and a complex one need not
#   overfit: **Occam's razor** is a preference between equally good models.
# - A **confounder** can create, hide or reverse a correlation (**Simpson's paradox**);
#   stratify or adjust before reading causes into data.
#
# Next: **lesson 18, "A bridge to deep learning"**, later on the path (`diveml learn 18`).
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (Communications of the ACM, 2012), sections "Learn many models, not just one",
#   "Simplicity does not imply accuracy" and "Correlation does not imply causation".
# - scikit-learn's user guide on [ensemble methods](https://scikit-learn.org/stable/modules/ensemble.html).
# - [Simpson's paradox](https://en.wikipedia.org/wiki/Simpson%27s_paradox) (Wikipedia), with
#   the classic Berkeley admissions and kidney-stone examples.
# - The *Dive into Machine Learning* guide: <https://github.com/dive-into-machine-learning/dive-into-machine-learning>,
#   and two podcasts it names, [Linear Digressions](https://lineardigressions.com/) (one
#   idea per short episode) and [Talking Machines](https://www.thetalkingmachines.com/).

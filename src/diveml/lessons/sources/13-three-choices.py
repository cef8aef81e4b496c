# %% [markdown]
# # Lesson 13: Learning = representation + evaluation + optimization
#
# Pedro Domingos sums up every learning method in one line: **learning = representation +
# evaluation + optimization**. Three choices, made by whoever builds the model:
#
# - the **representation**: the family of models the learner can produce (straight lines
#   and planes, trees of questions, "look at the nearest rows", ...);
# - the **evaluation**: the number that says which model is better (accuracy, log-loss, ...);
# - the **optimization**: how the learner searches its family for the model with the best
#   number (which algorithm, for how long).
#
# He then adds: **data alone is not enough**. A learner only finds a pattern that is there,
# and only the kind of pattern its representation can hold.
#
# In this lesson you change the three choices **one at a time** and watch what each one
# changes. You will learn to:
#
# - compare three representations on the same rows with the same number,
# - see the evaluation change which model "wins", on an imbalanced table,
# - see the optimizer's effort change the model it returns,
# - check that no learner beats chance when the labels carry no information (a
#   **permutation test**),
# - see the best learner change from one table to another (the **no-free-lunch** idea).
#
# About 30 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("13-three-choices")
ex

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, balanced_accuracy_score, log_loss
from sklearn.model_selection import (
    StratifiedKFold,
    cross_val_score,
    permutation_test_score,
    train_test_split,
)
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import diveml

# %% [markdown]
# ## The data
#
# The breast cancer table of lesson 5: 30 measurements of a breast mass per row, and its
# `diagnosis`, malignant or benign.
#
# To compare models we use **cross-validation** (lesson 6): cut the rows into 5 parts
# (**folds**), fit on 4 and score on the fifth, five times over, and average. `cv` below
# fixes how the rows are cut (shuffled with `random_state=0`, each fold keeping the share
# of each diagnosis), so that every model is scored on exactly the same folds.

# %%
cancer = diveml.load_dataset("breast_cancer")
X = cancer.drop(columns="diagnosis")
y = cancer["diagnosis"]
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(X.shape[0], "rows,", X.shape[1], "features")
y.value_counts()

# %% [markdown]
# ## Exercise 1: change the representation
#
# Three families of models, each a different **representation**:
#
# - `"linear"`: a **logistic regression** draws a flat boundary (a plane) through the space
#   of the 30 measurements and says which side a row falls on. It works best on features
#   of a common scale, so it comes after a `StandardScaler` (lesson 5) in a pipeline.
# - `"tree"`: a **decision tree** asks up to 3 yes/no questions in a row
#   (`max_depth=3`), like lesson 2's.
# - `"knn"`: **k-nearest neighbours** keeps every training row and answers with the
#   majority of the 5 rows closest to the new one. Distances need a common scale too.
#
# Everything else stays fixed: same rows, same folds, same number (accuracy).
#
# **Task:** set `models` to a dict with these three models, under the keys `"linear"`,
# `"tree"` and `"knn"`:
# `make_pipeline(StandardScaler(), LogisticRegression())`,
# `DecisionTreeClassifier(max_depth=3, random_state=0)` and
# `make_pipeline(StandardScaler(), KNeighborsClassifier())`. Then set `scores` to a dict
# with the same keys, each holding the model's **mean** cross-validated accuracy:
# `cross_val_score(model, X, y, cv=cv).mean()`.

# %% tags=["starter"] exercise="representations"
models = ...  # {"linear": ..., "tree": ..., "knn": ...}
scores = ...  # {name: cross_val_score(model, X, y, cv=cv).mean() for ...}

# %% tags=["solution"] exercise="representations"
models = {
    "linear": make_pipeline(StandardScaler(), LogisticRegression()),
    "tree": DecisionTreeClassifier(max_depth=3, random_state=0),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier()),
}
scores = {name: cross_val_score(model, X, y, cv=cv).mean() for name, model in models.items()}
scores

# %%
ex.representations.check()

# %% [markdown]
# The three families differ by a few rows in a hundred here. Which one wins is not a
# law of nature: it depends on the table (exercise 5 comes back to this).
#
# ## Exercise 2: change the evaluation
#
# Now keep the representation and change the **number** that judges it. An **imbalanced**
# table makes the difference plain: below, the task is to spot the handwritten **9**s
# among the digits of lesson 1. Only one image in ten is a 9.

# %%
digits = diveml.load_dataset("digits")
X9 = digits.drop(columns="digit")
y9 = (digits["digit"] == 9).astype(int)  # 1 for a nine, 0 for any other digit
X9_train, X9_test, y9_train, y9_test = train_test_split(
    X9, y9, test_size=0.25, random_state=0, stratify=y9
)
print("share of nines:", round(y9.mean(), 3))

# %% [markdown]
# Three ways to score a classifier on the test rows:
#
# - **accuracy**: the share of rows predicted right;
# - **balanced accuracy**: the share of nines found, and the share of non-nines found,
#   averaged. A model that never says "nine" gets 0.5, however rare nines are;
# - **log-loss**: how much probability the model gave to the right answer, averaged as
#   `-log(probability)`. *Lower is better*; a confident wrong answer costs a lot. It needs
#   the probabilities, `model.predict_proba(X)`, not the yes/no predictions.
#
# scikit-learn computes them with `accuracy_score(y_true, y_pred)`,
# `balanced_accuracy_score(y_true, y_pred)` and `log_loss(y_true, probabilities)`: the
# true labels always come first.
#
# **Task:** write a function `three_scores(model)` that takes a fitted model and returns
# the tuple `(accuracy, balanced_accuracy, logloss)` of that model **on the test rows**
# `X9_test, y9_test`.

# %% tags=["starter"] exercise="three_scores"
three_scores = ...  # def three_scores(model): ... return accuracy, balanced, logloss


# %% tags=["solution"] exercise="three_scores"
def three_scores(model):
    predicted = model.predict(X9_test)
    accuracy = accuracy_score(y9_test, predicted)
    balanced = balanced_accuracy_score(y9_test, predicted)
    logloss = log_loss(y9_test, model.predict_proba(X9_test))
    return accuracy, balanced, logloss


# %%
ex.three_scores.check()

# %% [markdown]
# Four classifiers, fitted on the training rows: a know-nothing baseline that always says
# "not a nine", a logistic regression, the same logistic regression told to weigh the rare
# nines as much as the other digits (`class_weight="balanced"`), and a tree grown until
# every leaf is pure. Your function scores them (the lesson's own copy does, while yours is
# not correct yet):

# %%
contenders = {
    "baseline": DummyClassifier(),
    "linear": make_pipeline(StandardScaler(), LogisticRegression()),
    "linear, balanced": make_pipeline(
        StandardScaler(), LogisticRegression(class_weight="balanced")
    ),
    "deep tree": DecisionTreeClassifier(random_state=0),
}
for model in contenders.values():
    model.fit(X9_train, y9_train)


def _lessons_three_scores(model):
    predicted = model.predict(X9_test)
    return (
        accuracy_score(y9_test, predicted),
        balanced_accuracy_score(y9_test, predicted),
        log_loss(y9_test, model.predict_proba(X9_test)),
    )


scorer = three_scores if ex.three_scores.evaluate().outcome == "correct" else _lessons_three_scores
table = pd.DataFrame(
    [scorer(model) for model in contenders.values()],
    index=list(contenders),
    columns=["accuracy", "balanced accuracy", "log-loss"],
).round(3)
print("best by accuracy:         ", table["accuracy"].idxmax())
print("best by balanced accuracy:", table["balanced accuracy"].idxmax())
print("best by log-loss (lowest):", table["log-loss"].idxmin())
table

# %% [markdown]
# Read the table. The baseline's accuracy looks respectable, because nine rows in ten are
# not nines; balanced accuracy shows it knows nothing. The deep tree predicts well but says
# "certain" every time, so its few mistakes are certain mistakes, and its log-loss is worse
# than the baseline's. The printed lines above name the winner under each number: they need
# not agree. **The evaluation is a choice**, and it should match what the predictions are
# for (catching rare cases? honest probabilities?).
#
# ## Exercise 3: change the optimization
#
# Fitting a logistic regression means *searching* for the plane with the lowest log-loss on
# the training rows. The search, **lbfgs** by default, improves the plane step by step;
# `max_iter` caps the number of steps. Keep the representation (a logistic regression) and
# the evaluation (the training log-loss it minimises) fixed, and change only how long the
# optimizer may search. To make the search harder, skip the scaler: the raw measurements
# range from hundredths to thousands.
#
# A capped search stops before it is done and scikit-learn warns (`ConvergenceWarning`);
# the cell below silences that warning on purpose, since stopping early is the experiment.
#
# **Task:** for each `n` in `max_iters`, fit `LogisticRegression(max_iter=n)` on `X_train,
# y_train` (the split below) and set `train_losses` to the list of their log-losses on the
# **training** rows (`log_loss(y_train, model.predict_proba(X_train))`), in the order of
# `max_iters`.

# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
max_iters = [1, 10, 100, 1000]

# %% tags=["starter"] exercise="optimization"
train_losses = ...  # a list: one training log-loss per n in max_iters
# Inside `with warnings.catch_warnings():` and `warnings.simplefilter("ignore",
# ConvergenceWarning)`, loop over max_iters, fit, and append the log-loss.

# %% tags=["solution"] exercise="optimization"
train_losses = []
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    for n in max_iters:
        model = LogisticRegression(max_iter=n).fit(X_train, y_train)
        train_losses.append(log_loss(y_train, model.predict_proba(X_train)))
train_losses

# %%
ex.optimization.check()

# %% [markdown]
# The same family and the same number, yet four different models: a longer search found
# lower and lower training log-loss. Here is what that did to the test accuracy, next to a
# search helped by scaling the features first:

# %%
test_accuracy, scaled_accuracy = [], []
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    for n in max_iters:
        raw = LogisticRegression(max_iter=n).fit(X_train, y_train)
        scaled = make_pipeline(StandardScaler(), LogisticRegression(max_iter=n))
        scaled.fit(X_train, y_train)
        test_accuracy.append(raw.score(X_test, y_test))
        scaled_accuracy.append(scaled.score(X_test, y_test))

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(max_iters, test_accuracy, marker="o", label="raw features")
ax.plot(max_iters, scaled_accuracy, marker="o", label="scaled features")
ax.set_xscale("log")
ax.set_xlabel("max_iter (optimizer steps allowed)")
ax.set_ylabel("accuracy on the test rows")
ax.set_title("Same model family, same objective, different search")
ax.legend()
plt.show()

# %% [markdown]
# On scaled features the search reaches its best within a few steps; on raw ones it needs
# many. Optimization is the third choice, and it is not free: a cut-short search returns a
# worse model of the same family.
#
# ## Data alone is not enough
#
# Now give the learners nothing to learn. Shuffle the diagnoses, so that each row gets the
# diagnosis of another, random row: the measurements no longer say anything about the
# label. Then score the three models of exercise 1 with the same folds:

# %%
rng = np.random.default_rng(0)
y_shuffled = pd.Series(rng.permutation(y.to_numpy()), index=y.index)
chance = cross_val_score(DummyClassifier(), X, y_shuffled, cv=cv).mean()
reference_models = {
    "linear": make_pipeline(StandardScaler(), LogisticRegression()),
    "tree": DecisionTreeClassifier(max_depth=3, random_state=0),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier()),
}
for name, model in reference_models.items():
    shuffled_score = cross_val_score(model, X, y_shuffled, cv=cv).mean()
    print(f"{name:>6}: {shuffled_score:.3f} on shuffled labels")
print(f"always the most common diagnosis: {chance:.3f}")

# %% [markdown]
# None does clearly better than always guessing the most common diagnosis: a difference of
# a row or two is luck. A clever representation and a long search cannot create information
# the data does not hold.
#
# That gives a test for any score: is it better than what the same model gets on shuffled
# labels? A **permutation test** repeats the shuffle many times and counts how often a
# shuffled score reaches the real one. That share (with one added for the real score
# itself) is the **p-value**: the chance of a score this good if the labels meant nothing.
#
# ## Exercise 4: a permutation test
#
# `permutation_test_score(model, X, y, cv=cv, n_permutations=20, random_state=0)` returns
# three things, in this order: the model's real cross-validated score, the array of its
# scores on 20 shufflings of `y`, and the p-value.
#
# **Task:** run it on `models["tree"]` with the real `X, y`, the lesson's `cv`,
# `n_permutations=20` and `random_state=0`, and set `real_score, permuted_scores, p_value`
# to what it returns.

# %% tags=["starter"] exercise="permutation"
real_score, permuted_scores, p_value = ..., ..., ...

# %% tags=["solution"] exercise="permutation"
real_score, permuted_scores, p_value = permutation_test_score(
    models["tree"], X, y, cv=cv, n_permutations=20, random_state=0
)
print("real score:", round(real_score, 3), " p-value:", round(p_value, 3))

# %%
ex.permutation.check()

# %% [markdown]
# Where the real score sits among the shuffled ones:

# %%
if ex.permutation.evaluate().outcome == "correct":
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(permuted_scores, bins=10, color="grey", label="shuffled labels (20 runs)")
    ax.axvline(real_score, color="tab:red", label="real labels")
    ax.set_xlabel("cross-validated accuracy")
    ax.set_ylabel("runs")
    ax.legend()
    plt.show()
else:
    print("Solve exercise 4 first, then run this cell again.")

# %% [markdown]
# With 20 shufflings the smallest possible p-value is 1/21: no shuffled run came near the
# real score, and more runs would only make the p-value smaller. A score that sat inside
# the grey bars would be indistinguishable from luck.
#
# ## Exercise 5: no free lunch
#
# Is one of the three families simply the best? The **no-free-lunch** theorems say no
# learner beats all others on every problem: each representation is a bet on what the
# patterns look like. Test it on a second table: the 8-by-8 images of handwritten digits
# (all ten digits this time), where the label depends on which pixels are dark together.
#
# **Task:** set `digits_scores` to the same kind of dict as `scores`, for the same three
# `models`, on `X_digits, y_digits` (same `cv`). Then set `winners` to a dict
# `{"cancer": ..., "digits": ...}` holding, for each table, the name of the model with the
# highest mean score (for example with `max(scores, key=scores.get)`).

# %%
X_digits = digits.drop(columns="digit")
y_digits = digits["digit"]

# %% tags=["starter"] exercise="no_free_lunch"
digits_scores = ...
winners = ...

# %% tags=["solution"] exercise="no_free_lunch"
digits_scores = {
    name: cross_val_score(model, X_digits, y_digits, cv=cv).mean() for name, model in models.items()
}
winners = {
    "cancer": max(scores, key=scores.get),
    "digits": max(digits_scores, key=digits_scores.get),
}
winners

# %%
ex.no_free_lunch.check()

# %%
if ex.no_free_lunch.evaluate().outcome == "correct":
    both = pd.DataFrame({"cancer": scores, "digits": digits_scores})
    both.plot.bar(figsize=(7, 3.5), ylim=(0.4, 1.1), rot=0)
    plt.legend(loc="upper center", ncol=2)
    plt.ylabel("mean cross-validated accuracy")
    plt.title("The best family depends on the table")
    plt.show()
else:
    print("Solve exercise 5 first, then run this cell again.")

# %% [markdown]
# A different table, a different winner. The shallow tree, fine on the measurements, is
# lost on the pixels: no three questions about single pixels can tell ten digits apart.
# Choosing a representation is choosing what you assume about the problem, which is why
# Domingos says that learning needs **knowledge** beyond the data.
#
# ## What you learned
#
# - Every learner is three choices: a representation (the family of models), an
#   evaluation (the number to improve) and an optimization (how to search the family).
# - Changing one of them, with the others fixed, changes the result: here, the family
#   changed the accuracy, the number changed the winner, and the search length changed the
#   model.
# - On an imbalanced table, plain accuracy flatters a model that knows nothing; balanced
#   accuracy and log-loss do not.
# - No learner beats chance on labels that carry no information; a permutation test tells
#   a real score from luck.
# - No family wins everywhere (no free lunch): try several, on the table you have.
#
# Next on the path: **lesson 14, "Overfitting has many faces"** (`diveml learn 14`).
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (*Communications of the ACM*, 2012): this lesson follows its sections "Learning =
#   representation + evaluation + optimization" and "Data alone is not enough".
# - scikit-learn's user guide, ["Metrics and scoring"](https://scikit-learn.org/stable/modules/model_evaluation.html),
#   for every evaluation it offers, and the example ["Test with permutations the
#   significance of a classification score"](https://scikit-learn.org/stable/auto_examples/model_selection/plot_permutation_tests_for_classification.html).
# - David Wolpert, "The Lack of A Priori Distinctions Between Learning Algorithms",
#   *Neural Computation* 8(7), 1996: the no-free-lunch theorem itself.
# - The *Talking Machines* podcast (<http://www.thetalkingmachines.com/>), recommended by
#   the *Dive into Machine Learning* guide (<https://github.com/dive-into-machine-learning/dive-into-machine-learning>).

# %% [markdown]
# # Lesson 15: Intuition fails in high dimensions; representable does not imply learnable
#
# Our intuitions come from a world of three dimensions. A table with 30 columns is a cloud of
# points in 30 dimensions, and there, Pedro Domingos warns, things behave in ways our
# intuition does not expect: adding columns can make a model *worse*, and "near" and "far"
# stop meaning much. This is the **curse of dimensionality**.
#
# His second warning in this lesson: a model family that *can* express the right answer
# (it is **representable**) may still never *find* it from the rows you have (it is not
# **learnable** from them).
#
# You will learn to:
#
# - add irrelevant columns to a real table and watch a nearest-neighbours classifier decay,
# - measure **distance concentration**: in many dimensions, the nearest point is almost as
#   far as the farthest,
# - build a target that a decision tree can represent exactly, and see it fail to learn it
#   from a sample.
#
# About 30 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("15-high-dimensions")
ex

# %%
import itertools

import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import pairwise_distances
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import diveml

# %% [markdown]
# ## The data
#
# The breast cancer table of lessons 5 and 13: 30 measurements per breast mass, and its
# diagnosis. All 30 measurements carry some information about the diagnosis.

# %%
cancer = diveml.load_dataset("breast_cancer")
X = cancer.drop(columns="diagnosis").to_numpy()
y = cancer["diagnosis"].to_numpy()
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(X.shape[0], "rows,", X.shape[1], "features")

# %% [markdown]
# ## Exercise 1: columns that mean nothing
#
# Real tables often hold many columns that have nothing to do with the target: an ID, a
# timestamp, a thousand sensor readings of which three matter. We imitate that by adding
# columns of pure noise, random numbers drawn from a **standard normal** distribution (mean
# 0, standard deviation 1).
#
# NumPy draws them with a **generator**: `rng = np.random.default_rng(seed)` gives one, and
# `rng.normal(size=(rows, columns))` an array of such numbers. The same seed gives the same
# numbers every time. `np.hstack([A, B])` puts two arrays side by side.
#
# **Task:** write a function `with_noise(X, n_noise, seed=0)` that returns `X` with
# `n_noise` columns of standard normal noise added on the right, drawn with
# `np.random.default_rng(seed).normal(size=(len(X), n_noise))`.

# %% tags=["starter"] exercise="add_noise"
with_noise = ...  # def with_noise(X, n_noise, seed=0): ...


# %% tags=["solution"] exercise="add_noise"
def with_noise(X, n_noise, seed=0):
    noise = np.random.default_rng(seed).normal(size=(len(X), n_noise))
    return np.hstack([X, noise])


# %%
ex.add_noise.check()

# %% [markdown]
# ## Exercise 2: nearest neighbours in a crowd of noise
#
# A k-nearest-neighbours classifier (lesson 1) answers with the majority of the training
# rows closest to the new one. "Closest" adds up differences over *every* column, the
# useless ones too.
#
# **Task:** for each `n` in `noise_columns`, score
# `make_pipeline(StandardScaler(), KNeighborsClassifier())` on `with_noise(X, n)` and `y`
# by cross-validation with the lesson's `cv`, and set `knn_scores` to the list of the mean
# accuracies, in the order of `noise_columns`.

# %%
noise_columns = [0, 10, 100, 1000]

# %% tags=["starter"] exercise="knn_noise"
knn_scores = ...

# %% tags=["solution"] exercise="knn_noise"
knn_scores = []
for n in noise_columns:
    knn = make_pipeline(StandardScaler(), KNeighborsClassifier())
    knn_scores.append(cross_val_score(knn, with_noise(X, n), y, cv=cv).mean())
knn_scores

# %%
ex.knn_noise.check()

# %% [markdown]
# Next to it, a decision tree of depth 3, on the same noisy tables:


# %%
def _lessons_noise(X, n_noise, seed=0):
    return np.hstack([X, np.random.default_rng(seed).normal(size=(len(X), n_noise))])


tree_scores = [
    cross_val_score(
        DecisionTreeClassifier(max_depth=3, random_state=0), _lessons_noise(X, n), y, cv=cv
    ).mean()
    for n in noise_columns
]
if ex.knn_noise.evaluate().outcome == "correct":
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot([str(n) for n in noise_columns], knn_scores, marker="o", label="nearest neighbours")
    ax.plot([str(n) for n in noise_columns], tree_scores, marker="o", label="tree, depth 3")
    ax.set_xlabel("columns of noise added to the 30 real ones")
    ax.set_ylabel("mean cross-validated accuracy")
    ax.set_title("Irrelevant dimensions drown the neighbours")
    ax.legend()
    plt.show()
else:
    print("Solve exercise 2 first, then run this cell again.")
print("tree, depth 3:", [round(float(s), 3) for s in tree_scores])

# %% [markdown]
# The information did not change: the 30 real columns are all still there. But the
# neighbours of a row are now mostly decided by noise. The tree holds up better, because it
# picks one column per question and can ignore the rest: a representation that chooses its
# columns is less cursed by extra ones. (It is not immune: with enough noise columns, one of
# them will look useful by chance.)
#
# ## Exercise 3: near and far
#
# Why do the neighbours stop helping? Take points scattered at random in a cube and, for
# each, compare the distance to its **nearest** other point with the distance to its
# **farthest**. In a plane the nearest is much closer than the farthest. In many dimensions?
#
# `pairwise_distances(points)` returns the square table of distances between every pair of
# rows; its diagonal holds each point's distance to itself, 0, which must not count as its
# nearest neighbour. `np.fill_diagonal(D, np.nan)` replaces it with "not a number", and
# `np.nanmin(D, axis=1)` / `np.nanmax(D, axis=1)` skip such values.
#
# **Task:** write a function `distance_ratio(points)` that returns the **mean**, over all
# points, of (distance to the nearest other point) / (distance to the farthest point).

# %% tags=["starter"] exercise="distance_ratio"
distance_ratio = ...  # def distance_ratio(points): ...


# %% tags=["solution"] exercise="distance_ratio"
def distance_ratio(points):
    D = pairwise_distances(points)
    np.fill_diagonal(D, np.nan)
    return np.mean(np.nanmin(D, axis=1) / np.nanmax(D, axis=1))


# %%
ex.distance_ratio.check()

# %% [markdown]
# 200 random points in a cube of 2, 10, 100 and 1,000 dimensions:

# %%
dimensions = [2, 10, 100, 1000]
cube_rng = np.random.default_rng(0)
ratio = distance_ratio if ex.distance_ratio.evaluate().outcome == "correct" else None
if ratio is None:
    print("Solve exercise 3 first, then run this cell again.")
else:
    ratios = [ratio(cube_rng.uniform(size=(200, d))) for d in dimensions]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot([str(d) for d in dimensions], ratios, marker="o")
    ax.set_ylim(0, 1)
    ax.set_xlabel("dimensions")
    ax.set_ylabel("nearest / farthest distance (mean)")
    ax.set_title("In high dimensions, every point is about as far as every other")
    plt.show()
    print([round(float(r), 3) for r in ratios])

# %% [markdown]
# As dimensions grow, the ratio creeps towards 1: the nearest neighbour is barely nearer
# than the farthest point, so "the most similar rows" carries less and less meaning. This
# is **distance concentration**, one face of the curse. A real table rarely fills its space
# evenly (its rows lie near a much smaller surface), which is why learning works at all;
# but every irrelevant column you add fills it a bit more.
#
# ## Representable does not imply learnable
#
# Take 10 yes/no features (bits) and a target that is their **parity**: 1 if an odd number
# of the bits are 1, else 0. A decision tree *can* represent this exactly: ask about bit 1,
# then bit 2 in each branch, and so on, 10 questions deep, with 1,024 leaves.
#
# ## Exercise 4: the parity target
#
# **Task:** write a function `parity(bits)` that takes a 2-D array of 0s and 1s, one row
# per example, and returns an array with, for each row, 1 if the row holds an odd number of
# 1s and 0 otherwise. (The remainder of a division by 2, `% 2`, is 1 for odd numbers.)

# %%
all_bits = np.array(list(itertools.product([0, 1], repeat=10)))
print("every combination of 10 bits:", all_bits.shape)

# %% tags=["starter"] exercise="parity"
parity = ...  # def parity(bits): ...


# %% tags=["solution"] exercise="parity"
def parity(bits):
    return bits.sum(axis=1) % 2


# %%
ex.parity.check()

# %% [markdown]
# ## Exercise 5: represent it, then try to learn it
#
# First check that a tree can represent parity: fit one on **all** 1,024 combinations and
# score it on those same rows. Here, and only here, scoring on the training rows is the
# point: we ask whether the family *can hold* the function, not whether it generalizes.
#
# Then do what learning really is: fit on some combinations, and predict the others. The
# cell below splits the 1,024 combinations into 300 seen and 724 unseen ones.

# %%
target = parity(all_bits) if ex.parity.evaluate().outcome == "correct" else all_bits.sum(axis=1) % 2
X_seen, X_unseen, y_seen, y_unseen = train_test_split(
    all_bits, target, train_size=300, random_state=0
)

# %% [markdown]
# **Task:** set `full_tree` to a `DecisionTreeClassifier(random_state=0)` fit on `all_bits,
# target`, and `represent_score` to its accuracy on those same rows. Then set `small_tree`
# to a `DecisionTreeClassifier(random_state=0)` fit on `X_seen, y_seen`, and `learn_score`
# to its accuracy on `X_unseen, y_unseen`.

# %% tags=["starter"] exercise="learnable"
full_tree = ...
represent_score = ...
small_tree = ...
learn_score = ...

# %% tags=["solution"] exercise="learnable"
full_tree = DecisionTreeClassifier(random_state=0).fit(all_bits, target)
represent_score = full_tree.score(all_bits, target)
small_tree = DecisionTreeClassifier(random_state=0).fit(X_seen, y_seen)
learn_score = small_tree.score(X_unseen, y_unseen)
print("represent:", represent_score, " learn:", round(learn_score, 3))

# %%
ex.learnable.check()

# %% [markdown]
# The tree can hold parity perfectly, yet from 300 of the 1,024 combinations it predicts the
# others *worse than a coin*. A tree answers for a new combination as for similar seen ones;
# but change one bit of a combination and its parity flips, so "similar" always means
# "opposite answer" here. The function is representable; the learner's way of generalizing
# is the wrong bet for it.
#
# Compare with a target the same tree learns easily (1 when the first two bits are both 1),
# and with a linear model, which cannot even *represent* parity (no plane separates the odd
# combinations from the even ones), as more combinations are seen:

# %%
easy = all_bits[:, 0] & all_bits[:, 1]
sizes = [100, 300, 500, 700, 900]
parity_curve, easy_curve = [], []
for size in sizes:
    seen, unseen = train_test_split(np.arange(len(all_bits)), train_size=size, random_state=0)
    for labels, curve in ((target, parity_curve), (easy, easy_curve)):
        model = DecisionTreeClassifier(random_state=0).fit(all_bits[seen], labels[seen])
        curve.append(model.score(all_bits[unseen], labels[unseen]))
linear_fit = LogisticRegression().fit(all_bits, target).score(all_bits, target)

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(sizes, easy_curve, marker="o", label="tree, target: bit 1 AND bit 2")
ax.plot(sizes, parity_curve, marker="o", label="tree, target: parity")
ax.axhline(0.5, color="grey", linestyle="--", label="coin toss")
ax.set_xlabel("combinations seen (of 1,024)")
ax.set_ylabel("accuracy on the unseen ones")
ax.legend()
plt.show()
print("linear model on parity, scored on the rows it was fit on:", round(linear_fit, 3))

# %% [markdown]
# Seeing more combinations makes the tree *worse* on parity, not better: each unseen
# combination then has more seen neighbours one bit away, and every one of them has the
# opposite answer. On the easy target, the same tree is right from the start.
#
# Parity is an extreme case, but the lesson holds in general: "this model family can
# represent any function" (trees, neural networks, nearest neighbours all can) says nothing
# about whether it will learn *your* function from *your* rows. The questions that matter
# are how many rows it needs, and whether its way of generalizing suits the problem.
#
# ## What you learned
#
# - Irrelevant columns hurt learners that treat every column alike, such as nearest
#   neighbours, even though no information was lost.
# - In many dimensions distances concentrate: the nearest point is nearly as far as the
#   farthest, so "similar rows" means less.
# - A family can represent a function (a tree holds parity exactly) and still fail to learn
#   it from a sample; a linear model cannot represent it at all.
# - Choosing the columns, and a representation whose bias suits the problem, matters more
#   than "the model could in principle".
#
# Next on the path: `diveml learn` shows the lesson that follows this one.
#
# ## Going further
#
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf)
#   (*Communications of the ACM*, 2012): sections "Intuition fails in high dimensions" and
#   "Representable does not imply learnable".
# - The [curse of dimensionality](https://en.wikipedia.org/wiki/Curse_of_dimensionality),
#   on Wikipedia, with distance concentration.
# - Beyer, Goldstein, Ramakrishnan and Shaft, "When Is 'Nearest Neighbor' Meaningful?",
#   *ICDT* 1999: the distance-concentration result this lesson measures.
# - scikit-learn's user guide on [nearest neighbours](https://scikit-learn.org/stable/modules/neighbors.html)
#   and on [feature selection](https://scikit-learn.org/stable/modules/feature_selection.html),
#   the usual remedy for irrelevant columns.
# - The *Talking Machines* podcast (<http://www.thetalkingmachines.com/>), recommended by
#   the *Dive into Machine Learning* guide (<https://github.com/dive-into-machine-learning/dive-into-machine-learning>).

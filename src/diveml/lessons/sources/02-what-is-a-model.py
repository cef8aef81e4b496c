# %% [markdown]
# # Lesson 2: What is a model?
#
# In this lesson you build a *model* three ways: first by hand, with a rule you pick by
# looking at a plot; then by letting a *decision tree* find the same kind of rule for you;
# and finally by letting the tree grow and watching what it does with the extra freedom.
# About 20 minutes; no machine-learning background needed, only Python.
#
# You will learn:
#
# - what a model, a feature and a label are;
# - how to measure a model's accuracy;
# - how a decision tree learns its rule from examples (fitting), and how to predict with it;
# - why a deeper tree is not always a better one.
#
# Run each cell with **Shift+Enter**. Where a cell says `...`, replace the `...` with your
# answer, run the cell, then run the `check()` cell below it. Stuck? `ex.NAME.hint()` gives
# a hint, one more each time you call it.

# %%
import matplotlib.pyplot as plt

import diveml
from diveml.lessons import start

ex = start("02-what-is-a-model")
ex

# %% [markdown]
# ## The penguins
#
# Between 2007 and 2009, Dr. Kristen Gorman and the Palmer Station Long Term Ecological
# Research programme measured penguins of three species on three islands near the Antarctic
# Peninsula: **Adelie**, **Chinstrap** and **Gentoo**. Here is the table.

# %%
penguins = diveml.load_dataset("penguins")
penguins.head()

# %% [markdown]
# Each **row** is one penguin; in machine learning a row is also called an **example** (or a
# sample). Each **column** is one thing recorded about it: the length and depth of its bill
# (beak) in millimetres, the length of its flipper (wing) in millimetres, its body mass in
# grams, and so on.
#
# A few penguins were not measured (their cells show `NaN`, "not a number", meaning missing).
# We drop those rows so every penguin left has all four measurements. (Lessons 3 and 4 show
# how to work with tables like this one, missing values included.)

# %%
measurements = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
penguins = penguins.dropna(subset=measurements)
print(f"{len(penguins)} penguins with all four measurements")
penguins["species"].value_counts()

# %% [markdown]
# ## The question a model answers
#
# Suppose a new penguin waddles past and you measure it. **Which species is it?**
#
# A **model** is a rule that turns the things you can measure (the **features**, also called
# inputs) into an answer (the **label**, also called the **target**). When the answer is one of
# a few categories, such as a species, the task is called **classification**.
#
# Where does the rule come from? Let us look at the data first. Here is how long the flippers
# of each species are, as a **histogram**: each bar counts the penguins whose flipper length
# falls in one small range of lengths.

# %%
colours = {"Adelie": "tab:orange", "Chinstrap": "tab:purple", "Gentoo": "tab:green"}


def plot_flippers(threshold=None):
    """Draw a histogram of flipper lengths, one colour per species, and a split if given."""
    plt.figure(figsize=(8, 3.5))
    for species, group in penguins.groupby("species"):
        plt.hist(
            group["flipper_length_mm"],
            bins=30,
            range=(170, 235),
            alpha=0.6,
            label=species,
            color=colours[species],
        )
    if threshold is not None:
        plt.axvline(threshold, color="black", linestyle="--", label="your split")
    plt.xlabel("flipper length (mm)")
    plt.ylabel("number of penguins")
    plt.legend()
    plt.show()


plot_flippers()

# %% [markdown]
# Look at the green bars. Gentoo penguins have longer flippers than the other two species,
# and the two groups barely overlap. So here is a rule you could follow with a ruler:
#
# > *If the flipper is longer than some length, say "Gentoo"; otherwise say "not Gentoo".*
#
# That rule **is** a model. Its one number, the length where it switches answer, is called a
# **threshold**, and the line it draws through the data is a **split**.
#
# ## Exercise 1: pick a split by hand
#
# **Task:** set `flipper_threshold` to the flipper length, in millimetres, that best
# separates Gentoo penguins from the others. Read it off the plot: any value close to the
# best possible split passes.

# %% tags=["starter"] exercise="flipper_threshold"
flipper_threshold = ...  # a number of millimetres, read from the plot

# %% tags=["solution"] exercise="flipper_threshold"
flipper_threshold = 206  # where the green bars take over

# %%
ex.flipper_threshold.check()

# %% [markdown]
# Let us draw your split on the plot.

# %%
import numbers

if isinstance(flipper_threshold, numbers.Real):
    plot_flippers(flipper_threshold)
else:
    print("Set `flipper_threshold` to a number in exercise 1 first, then run this cell again.")

# %% [markdown]
# ## How good is a rule?
#
# To find out, apply the rule to every penguin in the table and compare its answer with the
# truth. Here is the rule with a threshold of 200 mm, as an example. A comparison such as `>`
# works on a whole column at once and gives one `True` or `False` per penguin:

# %%
said_gentoo_200 = penguins["flipper_length_mm"] > 200  # the rule's answers
is_gentoo = penguins["species"] == "Gentoo"  # the truth
right_200 = said_gentoo_200 == is_gentoo  # True where the rule is right
right_200.head()

# %% [markdown]
# Python counts `True` as 1 and `False` as 0, so `.sum()` counts the penguins the rule gets
# right and `.mean()` gives their share:

# %%
print(
    f"right about {right_200.sum()} of {len(penguins)} penguins, a share of {right_200.mean():.3f}"
)

# %% [markdown]
# The share of examples a model gets right is called its **accuracy**: 1.0 means right about
# every penguin, 0.5 right about half of them.
#
# ## Exercise 2: score your rule
#
# **Task:** set `hand_accuracy` to the accuracy of **your** rule, "longer than
# `flipper_threshold` means Gentoo", as a number between 0 and 1. Do as the example did, with
# your threshold instead of 200.

# %% tags=["starter"] exercise="hand_accuracy"
hand_accuracy = ...

# %% tags=["solution"] exercise="hand_accuracy"
said_gentoo = penguins["flipper_length_mm"] > flipper_threshold
hand_accuracy = (said_gentoo == is_gentoo).mean()

# %%
ex.hand_accuracy.check()

# %% [markdown]
# ## Let a decision tree find the split
#
# You found a good threshold by eye. A **decision tree** finds one by trying every possible
# threshold on every feature and keeping the one that separates the labels best. A tree with
# a single split is called a **stump**.
#
# In scikit-learn, the machine-learning library we use throughout, every model is used the
# same way:
#
# 1. create it, choosing its settings (`DecisionTreeClassifier(max_depth=1)`: at most one
#    question deep);
# 2. **fit** it to the features `X` (a table, one row per penguin) and the labels `y` (one
#    answer per penguin): this is where it learns the rule, also called **training**. By
#    convention the table of features gets a capital `X` and the labels a small `y`;
# 3. ask it to **predict** labels for penguins.

# %%
from sklearn.tree import DecisionTreeClassifier, plot_tree

X_flipper = penguins[["flipper_length_mm"]]  # double brackets: a table with one column
y_gentoo = penguins["species"] == "Gentoo"  # the label: True for Gentoo

# %% [markdown]
# ## Exercise 3: let a tree find the split
#
# **Task:** set `stump` to a `DecisionTreeClassifier` with `max_depth=1`, fitted on
# `X_flipper` and `y_gentoo`. (`fit` returns the model itself, so
# `DecisionTreeClassifier(max_depth=1).fit(X, y)` creates and fits in one line.)

# %% tags=["starter"] exercise="stump"
stump = ...

# %% tags=["solution"] exercise="stump"
stump = DecisionTreeClassifier(max_depth=1).fit(X_flipper, y_gentoo)

# %%
ex.stump.check()

# %% [markdown]
# The tree can draw itself. The top box holds its question; the penguins for which the
# answer is *true* go left, the others right, and each bottom box gives the answer for the
# penguins that end there. In each box, `samples` is how many penguins reached it, `value`
# how many of them are not Gentoo and Gentoo, `class` the answer the box gives (the most
# common kind in it), and `gini` how mixed they are (0 when all are of one kind).

# %%
if ex.stump.evaluate().outcome != "correct":
    print("Get exercise 3 right first, then run this cell again.")
else:
    plt.figure(figsize=(9, 4.5))
    plot_tree(
        stump,
        feature_names=["flipper_length_mm"],
        class_names=["not Gentoo", "Gentoo"],
        filled=True,
        fontsize=10,
    )
    plt.show()
    print(f"the tree's threshold: {stump.tree_.threshold[0]} mm; yours: {flipper_threshold} mm")
    print(f"the tree's accuracy: {stump.score(X_flipper, y_gentoo)}; yours: {hand_accuracy}")

# %% [markdown]
# The tree did what you did, only by brute force: it tried every threshold and kept the best.
# A tree puts its threshold halfway between two neighbouring flipper lengths in the data.
#
# That is all "learning" means here: choosing the numbers inside a rule so that the rule fits
# the examples. The kind of rule (here "one threshold on one feature") was our choice; the
# number was learned from the data.
#
# ## Three species, two features
#
# Now the real question: which of the **three** species is a penguin? One threshold cannot
# give three answers, so the tree needs several questions. Let us give it two features,
# bill length and bill depth, and look at them first.

# %%
plt.figure(figsize=(6, 5))
for species in ["Adelie", "Chinstrap", "Gentoo"]:
    group = penguins[penguins["species"] == species]
    plt.scatter(
        group["bill_length_mm"], group["bill_depth_mm"], s=12, color=colours[species], label=species
    )
plt.xlabel("bill length (mm)")
plt.ylabel("bill depth (mm)")
plt.legend()
plt.show()

# %% [markdown]
# Each dot is a penguin. The three species sit in three clouds: no single vertical or
# horizontal line separates all of them, but two or three lines together might.
#
# ## Exercise 4: a tree two questions deep
#
# **Task:** set
#
# - `X_bill` to a table of the two columns `bill_length_mm` and `bill_depth_mm`, in that
#   order (double brackets, as for `X_flipper`);
# - `y_species` to the `species` column;
# - `tree2` to a `DecisionTreeClassifier(max_depth=2, random_state=0)` fitted on them.
#
# (When two questions separate the penguins equally well, the tree picks one at random;
# `random_state=0` makes that choice the same every time, so everyone gets the same tree.)

# %% tags=["starter"] exercise="tree2"
X_bill = ...
y_species = ...
tree2 = ...

# %% tags=["solution"] exercise="tree2"
X_bill = penguins[["bill_length_mm", "bill_depth_mm"]]
y_species = penguins["species"]
tree2 = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_bill, y_species)

# %%
ex.tree2.check()

# %% [markdown]
# Each question of a tree cuts the plane with a vertical or a horizontal line, so together
# they divide it into rectangles, one answer per rectangle. The lines where the answer
# changes are called the **decision boundary**.
#
# The next cell defines a small helper that draws it: it asks the model for its answer at
# every point of a fine grid of bill sizes, colours the plane by that answer, and draws the
# penguins on top. You do not need to follow every line.

# %%
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap


def plot_boundary(model, ax, title):
    """Colour the plane by the model's answer and draw the penguins on top."""
    lengths, depths = np.meshgrid(np.linspace(30, 62, 300), np.linspace(12.5, 22, 300))
    grid = pd.DataFrame({"bill_length_mm": lengths.ravel(), "bill_depth_mm": depths.ravel()})
    species_order = list(model.classes_)
    answer = np.searchsorted(species_order, model.predict(grid)).reshape(lengths.shape)
    cmap = ListedColormap([colours[s] for s in species_order])
    ax.pcolormesh(lengths, depths, answer, cmap=cmap, alpha=0.25, vmin=0, vmax=2)
    for species, group in penguins.groupby("species"):
        ax.scatter(group["bill_length_mm"], group["bill_depth_mm"], s=6, color=colours[species])
    ax.set_title(title)
    ax.set_xlabel("bill length (mm)")
    ax.set_ylabel("bill depth (mm)")


# %%
if ex.tree2.evaluate().outcome != "correct":
    print("Get exercise 4 right first, then run this cell again.")
else:
    plt.figure(figsize=(6, 5))
    plot_boundary(tree2, plt.gca(), "your tree2: max_depth=2")
    plt.show()

# %% [markdown]
# Find the questions in the picture. The first question, about bill length, is the vertical
# line: it splits the penguins into a left and a right group. Each group then gets its own
# second question, about bill depth: a horizontal line, at a different height on each side.
# Two questions in a row, four rectangles, three species. A few penguins sit on the wrong
# colour: a tree this shallow cannot get every penguin right.

# %% [markdown]
# ## Exercise 5: predict one penguin
#
# A penguin walks by with a bill 50 mm long and 15 mm deep. Which species is it? The next
# cell puts its measurements in a one-row table with the same columns as `X_bill`:
# `predict` takes a table, even for one penguin, and returns one answer per row.

# %%
new_penguin = pd.DataFrame({"bill_length_mm": [50.0], "bill_depth_mm": [15.0]})
new_penguin

# %% [markdown]
# **Task:** set `new_penguin_species` to the species `tree2` predicts for `new_penguin`, as a
# single string such as `"Adelie"`.

# %% tags=["starter"] exercise="new_penguin_species"
new_penguin_species = ...

# %% tags=["solution"] exercise="new_penguin_species"
new_penguin_species = tree2.predict(new_penguin)[0]

# %%
ex.new_penguin_species.check()

# %% [markdown]
# ## Watch the boundary change with depth
#
# `max_depth` limits how many questions in a row the tree may ask. Let us draw the boundary
# for a few depths.


# %%
def plot_depths(depths):
    """Fit one tree per depth on the bill measurements and draw each one's boundary."""
    bills = penguins[["bill_length_mm", "bill_depth_mm"]]
    _, axes = plt.subplots(1, len(depths), figsize=(4 * len(depths), 4), squeeze=False)
    for depth, ax in zip(depths, axes[0], strict=True):
        model = DecisionTreeClassifier(max_depth=depth, random_state=0)
        model.fit(bills, penguins["species"])
        plot_boundary(model, ax, f"max_depth={depth}")
    plt.show()


plot_depths([1, 2, 4, 8])

# %% [markdown]
# With depth 1 the tree can ask one question, so it can give only two of the three answers.
# With more depth the rectangles get smaller, and at depth 8 some are drawn around just one
# or two penguins. (Try other depths: `plot_depths([3, 6, 20])`.)
#
# ## Exercise 6: accuracy against depth
#
# A fitted model can score itself: `model.score(X, y)` predicts a label for each row of `X`
# and returns the accuracy of those predictions against `y`.
#
# **Task:** set `train_accuracy_by_depth` to a dictionary that maps each depth from 1 to 8 to
# the accuracy of a `DecisionTreeClassifier(max_depth=depth, random_state=0)` fitted on
# `X_bill` and `y_species` and scored on those same penguins: `{1: ..., 2: ..., ..., 8: ...}`.
# Fit a new tree for each depth.

# %% tags=["starter"] exercise="train_accuracy_by_depth"
train_accuracy_by_depth = ...

# %% tags=["solution"] exercise="train_accuracy_by_depth"
train_accuracy_by_depth = {}
for depth in range(1, 9):
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_bill, y_species)
    train_accuracy_by_depth[depth] = model.score(X_bill, y_species)

# %%
ex.train_accuracy_by_depth.check()

# %%
if ex.train_accuracy_by_depth.evaluate().outcome != "correct":
    print("Get exercise 6 right first, then run this cell again.")
else:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(list(train_accuracy_by_depth), list(train_accuracy_by_depth.values()), marker="o")
    ax.set_xlabel("max_depth")
    ax.set_ylabel("accuracy on the training penguins")
    plt.show()

# %% [markdown]
# The deeper the tree, the higher the accuracy, until it is right about every penguin it was
# trained on. Is the deepest tree the best model?
#
# Not necessarily. Those penguins were the ones it learned from: a deep enough tree can draw a
# tiny rectangle around every single one of them, which is memorising, not learning. What we
# care about is how a model does on penguins it has **not** seen. Here is a preview of lesson
# 5: hide a third of the penguins from the tree, train on the rest, and score on the hidden
# ones.

# %%
from sklearn.model_selection import train_test_split

X_seen, X_hidden, y_seen, y_hidden = train_test_split(
    penguins[["bill_length_mm", "bill_depth_mm"]],
    penguins["species"],
    test_size=1 / 3,
    random_state=0,
    stratify=penguins["species"],
)
rows = []
for depth in range(1, 9):
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_seen, y_seen)
    rows.append((depth, model.score(X_seen, y_seen), model.score(X_hidden, y_hidden)))
scores = pd.DataFrame(rows, columns=["max_depth", "seen penguins", "hidden penguins"])

ax = scores.plot(x="max_depth", marker="o", figsize=(6, 3.5))
ax.set_ylabel("accuracy")
plt.show()
best = scores.loc[scores["hidden penguins"].idxmax()]
deepest = scores.iloc[-1]
print(
    f"best on hidden penguins: max_depth={best['max_depth']:.0f}, "
    f"accuracy {best['hidden penguins']:.3f}"
)
print(
    f"max_depth=8: {deepest['seen penguins']:.3f} on seen penguins, "
    f"{deepest['hidden penguins']:.3f} on hidden ones"
)

# %% [markdown]
# Read the plot: accuracy on the seen penguins climbs with every extra level of depth, but
# accuracy on the hidden penguins climbs for the first few levels and then stops improving.
# The extra questions of a deep tree describe the particular penguins it was trained on, not
# penguins in general. When a model fits its training examples better and better without
# doing better on new examples, it is **overfitting**. Telling the two apart is the subject
# of lesson 5, "It's generalization that counts".
#
# ## What you learned
#
# - A **model** is a rule from **features** to a **label**; a **classification** model answers
#   with a category.
# - You can pick a rule by hand; a **decision tree** picks thresholds for you by trying them
#   all, which is what **fitting** (training) means for it.
# - **Accuracy** is the share of examples a model gets right.
# - More depth lets a tree draw a more detailed **decision boundary**; past a point it fits
#   the training examples and nothing more.
#
# ## Going further
#
# - *A visual introduction to machine learning, part 1*, by Stephanie Yee and Tony Chu: the
#   *Dive into Machine Learning* guide's first reading after your first model, and the
#   inspiration for this lesson (a decision tree, drawn step by step):
#   <http://www.r2d3.us/visual-intro-to-machine-learning-part-1/>.
# - Its part 2, on overfitting and the bias-variance tradeoff, a good bridge to lesson 5:
#   <http://www.r2d3.us/visual-intro-to-machine-learning-part-2/>.
# - scikit-learn's user guide on decision trees:
#   <https://scikit-learn.org/stable/modules/tree.html>.
# - The Palmer penguins data and its story: <https://allisonhorst.github.io/palmerpenguins/>.

# %% [markdown]
# # Lesson 2 · What is a model?
#
# In this lesson you will build a *model* three ways: first by hand, with a rule you pick by
# looking at a plot; then by letting a *decision tree* find the same kind of rule for you; and
# finally by letting the tree grow and watching what it does with the extra freedom.
#
# You need no machine-learning background, only Python. About 20 minutes.
#
# Run each cell with **Shift+Enter**. Where a cell says `...`, replace the `...` with your
# answer, run the cell, then run the `check()` line below it.

# %%
import matplotlib.pyplot as plt

import diveml

# ex = diveml.lessons.exercises("what-is-a-model")  # PLACEHOLDER until the framework lands

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
# Each **row** is one penguin. Each **column** is one thing measured about it: the length and
# depth of its bill (beak) in millimetres, the length of its flipper (wing) in millimetres,
# its body mass in grams, and so on.
#
# A few penguins were not measured (their cells show `NaN`, "not a number", meaning missing).
# We drop those rows so every penguin left has all four measurements. (Lesson 3 shows how
# this line works.)

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
# of each species are.

# %%
colours = {"Adelie": "tab:orange", "Chinstrap": "tab:purple", "Gentoo": "tab:green"}

fig, ax = plt.subplots(figsize=(8, 3.5))
for species, group in penguins.groupby("species"):
    ax.hist(group["flipper_length_mm"], bins=30, range=(170, 235), alpha=0.6,
            label=species, color=colours[species])
ax.set_xlabel("flipper length (mm)")
ax.set_ylabel("number of penguins")
ax.legend()
plt.show()

# %% [markdown]
# Look at the green bars. Gentoo penguins have longer flippers than the other two species,
# and the two groups barely overlap. So here is a rule you could follow with a ruler:
#
# > *If the flipper is longer than some length, say "Gentoo"; otherwise say "not Gentoo".*
#
# That rule **is** a model. Its one number, the length where it switches answer, is called a
# **threshold**, and the line it draws through the data is a **split**.
#
# ### Exercise 1 · `flipper_threshold`: pick a split by hand
#
# Read the plot and choose the flipper length, in millimetres, that best separates Gentoo
# penguins from the others. Any value that gets close to the best possible split passes.

# %%
flipper_threshold = ...  # a number of millimetres, read from the plot

# %%
# ex.flipper_threshold.check()

# %% [markdown]
# Let us draw your split on the plot.

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
for species, group in penguins.groupby("species"):
    ax.hist(group["flipper_length_mm"], bins=30, range=(170, 235), alpha=0.6,
            label=species, color=colours[species])
if isinstance(flipper_threshold, (int, float)):
    ax.axvline(flipper_threshold, color="black", linestyle="--", label="your split")
ax.set_xlabel("flipper length (mm)")
ax.set_ylabel("number of penguins")
ax.legend()
plt.show()

# %% [markdown]
# ## How good is the rule?
#
# Apply the rule to every penguin in the table and compare its answer with the truth. The
# comparison `>` works on a whole column at once and gives one `True` or `False` per penguin:

# %%
said_gentoo = penguins["flipper_length_mm"] > flipper_threshold
is_gentoo = penguins["species"] == "Gentoo"
said_gentoo.head()

# %% [markdown]
# The rule is right for a penguin when `said_gentoo` and `is_gentoo` agree. The share of
# penguins for which a model is right is called its **accuracy**: 1.0 means right for every
# penguin, 0.5 right for half of them.
#
# ### Exercise 2 · `hand_accuracy`: score your rule
#
# Compute the accuracy of your rule as a number between 0 and 1.
#
# Tip: `said_gentoo == is_gentoo` is `True` where the rule is right. Python counts `True` as 1
# and `False` as 0, so `.sum()` counts the `True`s and `.mean()` gives their share.

# %%
hand_accuracy = ...

# %%
# ex.hand_accuracy.check()

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
#    answer per penguin): this is where it learns the rule, also called **training**;
# 3. ask it to **predict** labels for penguins.

# %%
from sklearn.tree import DecisionTreeClassifier, plot_tree

X_flipper = penguins[["flipper_length_mm"]]  # double brackets: a table with one column
y_gentoo = penguins["species"] == "Gentoo"  # the label: True for Gentoo

# %% [markdown]
# ### Exercise 3 · `stump`: fit a one-split tree
#
# Create a `DecisionTreeClassifier` with `max_depth=1`, fit it on `X_flipper` and `y_gentoo`,
# and call it `stump`. (`fit` returns the model itself, so
# `DecisionTreeClassifier(max_depth=1).fit(X, y)` creates and fits in one line.)

# %%
stump = ...

# %%
# ex.stump.check()

# %% [markdown]
# The tree can draw itself. Each box is a question (or, at the bottom, an answer); `samples`
# is how many penguins reached that box and `value` how many of them are not-Gentoo and
# Gentoo.

# %%
if isinstance(stump, DecisionTreeClassifier):
    fig, ax = plt.subplots(figsize=(7, 3.5))
    plot_tree(stump, feature_names=["flipper_length_mm"], class_names=["not Gentoo", "Gentoo"],
              filled=True, ax=ax)
    plt.show()
    tree_threshold = stump.tree_.threshold[0]
    print(f"your threshold: {flipper_threshold} mm, the tree's: {tree_threshold} mm")
    print(f"your accuracy: {hand_accuracy}, the tree's: {stump.score(X_flipper, y_gentoo):.3f}")

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
fig, ax = plt.subplots(figsize=(6, 5))
for species, group in penguins.groupby("species"):
    ax.scatter(group["bill_length_mm"], group["bill_depth_mm"], s=12,
               color=colours[species], label=species)
ax.set_xlabel("bill length (mm)")
ax.set_ylabel("bill depth (mm)")
ax.legend()
plt.show()

# %% [markdown]
# Each dot is a penguin. The three species sit in three clouds: no single vertical or
# horizontal line separates all of them, but two or three lines together might.
#
# ### Exercise 4 · `tree2`: a tree two questions deep
#
# Make `X_bill`, a table with the two columns `bill_length_mm` and `bill_depth_mm` (in that
# order), and `y_species`, the `species` column. Then fit a `DecisionTreeClassifier` with
# `max_depth=2` and `random_state=0` on them and call it `tree2`. (`random_state` fixes the
# order in which the tree tries features, so everyone gets the same tree.)

# %%
X_bill = ...
y_species = ...
tree2 = ...

# %%
# ex.tree2.check()

# %% [markdown]
# Each question of a tree cuts the plane with a vertical or a horizontal line, so together
# they divide it into rectangles, one answer per rectangle. The line between two answers is
# called the **decision boundary**. Here it is for your tree, with the penguins on top.


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


if isinstance(tree2, DecisionTreeClassifier):
    fig, ax = plt.subplots(figsize=(6, 5))
    plot_boundary(tree2, ax, "max_depth=2")
    plt.show()

# %% [markdown]
# ### Exercise 5 · `new_penguin_species`: predict one penguin
#
# A penguin walks by with a bill 50 mm long and 15 mm deep. Which species does `tree2` say it
# is? Build a one-row table with the same two columns as `X_bill`, ask `tree2.predict`, and
# store the single answer (a string such as `"Adelie"`) in `new_penguin_species`.
#
# `predict` takes a table, even for one penguin, and returns one answer per row.

# %%
new_penguin = pd.DataFrame({"bill_length_mm": [50.0], "bill_depth_mm": [15.0]})
new_penguin_species = ...

# %%
# ex.new_penguin_species.check()

# %% [markdown]
# ## Watch the boundary change with depth
#
# `max_depth` limits how many questions in a row the tree may ask. Let us draw the boundary
# for a few depths.

# %%
depths = [1, 2, 4, 8]
fig, axes = plt.subplots(1, len(depths), figsize=(16, 4), sharey=True)
for depth, ax in zip(depths, axes):
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_bill, y_species)
    plot_boundary(model, ax, f"max_depth={depth}")
plt.show()

# %% [markdown]
# With more depth the rectangles get smaller and the boundary bends around single penguins.
#
# ### Exercise 6 · `train_accuracy_by_depth`
#
# For each depth from 1 to 8, fit a new `DecisionTreeClassifier(max_depth=depth,
# random_state=0)` on `X_bill` and `y_species`, and record its accuracy on those same
# penguins with `model.score(X_bill, y_species)`. Store the results in a dictionary
# `train_accuracy_by_depth` that maps each depth to its accuracy: `{1: ..., 2: ..., ...}`.

# %%
train_accuracy_by_depth = ...

# %%
# ex.train_accuracy_by_depth.check()

# %%
if isinstance(train_accuracy_by_depth, dict):
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
    X_bill, y_species, test_size=1 / 3, random_state=0, stratify=y_species
)
rows = []
for depth in range(1, 9):
    model = DecisionTreeClassifier(max_depth=depth, random_state=0).fit(X_seen, y_seen)
    rows.append((depth, model.score(X_seen, y_seen), model.score(X_hidden, y_hidden)))
scores = pd.DataFrame(rows, columns=["max_depth", "seen penguins", "hidden penguins"])

ax = scores.plot(x="max_depth", marker="o", figsize=(6, 3.5))
ax.set_ylabel("accuracy")
plt.show()
scores.round(3)

# %% [markdown]
# Accuracy on the penguins the tree learned from keeps climbing; accuracy on hidden penguins
# stops improving and may even drop. When a model fits its training examples better and new
# examples no better (or worse), it is **overfitting**. Telling the two apart is the subject
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
# - *A visual introduction to machine learning*, by Stephanie Yee and Tony Chu (R2D3), the
#   guide's first recommendation for this topic: <http://www.r2d3.us/visual-intro-to-machine-learning-part-1/>
#   and, on overfitting and bias/variance, part 2:
#   <http://www.r2d3.us/visual-intro-to-machine-learning-part-2/>.
# - scikit-learn's user guide on decision trees:
#   <https://scikit-learn.org/stable/modules/tree.html>.
# - The Palmer penguins data and its story: <https://allisonhorst.github.io/palmerpenguins/>.

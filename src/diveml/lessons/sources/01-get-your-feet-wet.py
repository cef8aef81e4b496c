# %% [markdown]
# # Lesson 1: Get your feet wet
#
# In this lesson (about 25 minutes) you teach a computer to read handwritten digits. You
# will:
#
# - look at the images the computer learns from,
# - set some of them aside to test it later,
# - **fit** a model: let it learn from examples,
# - ask it to read one image it has never seen,
# - measure how often it is right,
# - save it to a file, safely.
#
# This is the same first exercise the *Dive into Machine Learning* guide starts with, with a
# check after every step.

# %%
from diveml.lessons import start

ex = start("01-get-your-feet-wet")
ex

# %% [markdown]
# ## Look at the data first
#
# scikit-learn, the machine learning library we use, comes with a small collection of
# handwritten digits: 1,797 images, each a tiny 8 by 8 grid of grey levels, scanned from
# forms that people filled in by hand.

# %%
from sklearn.datasets import load_digits

digits = load_digits()
digits.images[0]

# %% [markdown]
# That is one image as numbers: 8 rows of 8 **pixels** (picture elements), each a grey level
# from 0 (white paper) to 16 (full ink). Numbers are hard to read, so let's draw the first
# twelve images, each with the digit the writer meant, which scikit-learn keeps in
# `digits.target`.

# %%
import matplotlib.pyplot as plt

fig, axes = plt.subplots(2, 6, figsize=(9, 3.4))
for ax, image, label in zip(axes.ravel(), digits.images, digits.target):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(f"label: {label}")
    ax.set_axis_off()
plt.show()

# %% [markdown]
# Blurry, but readable by a person. Can a program learn to read them?
#
# Writing the rules by hand ("a 1 is a vertical stroke...") would take forever and break on
# the first sloppy writer. **Machine learning** turns this around: we show the computer
# many examples with the right answer, and an algorithm finds the rules itself.
#
# Some words you will meet everywhere:
#
# - a **sample** is one example: here, one image;
# - its **features** are the numbers that describe it: here, its 64 pixels;
# - its **label** (or **target**) is the answer we want the computer to learn: here, the
#   digit 0-9. Predicting a label out of a fixed set of classes is called **classification**.
#
# scikit-learn wants the features as a table: one row per sample, one column per feature.
# By convention that table is called `X` (a capital, because it is a whole table) and the
# labels `y`. `digits.images` keeps each image as an 8 by 8 grid; `digits.data` holds the
# same pixels with each image flattened into one row of 64 numbers. Compare their
# **shapes** (the size along each dimension):

# %%
print("digits.images:", digits.images.shape)
print("digits.data:  ", digits.data.shape)
print("digits.target:", digits.target.shape)

# %% [markdown]
# ## Exercise 1: features and labels
#
# **Task:** set `X` to the table of features (one row per image, one column per pixel) and
# `y` to the labels.

# %% tags=["starter"] exercise="features_and_labels"
X = ...
y = ...

# %% tags=["solution"] exercise="features_and_labels"
X = digits.data
y = digits.target

# %%
ex.features_and_labels.check()

# %% [markdown]
# ## Keep some images for a test
#
# A model that has seen an image with its label could simply remember the answer. To know
# whether it can read digits it has **never seen**, we hide some images before it learns,
# and test it on those at the end. The images it learns from are the **training set**; the
# hidden ones are the **test set**.
#
# scikit-learn's `train_test_split` does this in one line. It shuffles the rows (so the
# test set is a fair mix) and returns four things, always in this order: the training
# features, the test features, the training labels, the test labels. `test_size=0.25` keeps
# a quarter of the rows for the test; `random_state=0` makes the shuffle the same every
# time you run it.
#
# ## Exercise 2: split the data
#
# **Task:** split `X` and `y` into `X_train`, `X_test`, `y_train`, `y_test`, keeping a
# quarter of the images for the test set.

# %% tags=["starter"] exercise="split_data"
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"] exercise="split_data"
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

# %%
ex.split_data.check()

# %% [markdown]
# ## Fit a model
#
# A **model** is a program that turns features into a prediction. Each kind of model has
# its own way of learning. We start with one of the simplest: **k nearest neighbours**.
# To read a new image, it finds the *k* training images that look most like it (whose
# pixels are closest) and answers with the label most of them share. With `k = 5`, five
# neighbours vote.
#
# In scikit-learn every model works the same way:
#
# 1. create it: `model = KNeighborsClassifier(n_neighbors=5)`;
# 2. **fit** it on the training set: `model.fit(X_train, y_train)`. Fitting is the
#    learning step. (For nearest neighbours it simply stores the training images; other
#    models compute much more.)
#
# ## Exercise 3: fit a classifier
#
# **Task:** set `model` to a `KNeighborsClassifier` with 5 neighbours, fitted on the
# training set only.

# %% tags=["starter"] exercise="fit_model"
from sklearn.neighbors import KNeighborsClassifier

model = ...

# %% tags=["solution"] exercise="fit_model"
from sklearn.neighbors import KNeighborsClassifier

model = KNeighborsClassifier(n_neighbors=5)
model.fit(X_train, y_train)

# %%
ex.fit_model.check()

# %% [markdown]
# ## Read one image
#
# Here is the first image of your test set, one the model has never seen. (This cell needs
# your answer to exercise 2, so it checks that first.)

# %%
if ex.split_data.evaluate().outcome == "correct":
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.imshow(X_test[0].reshape(8, 8), cmap="gray_r")
    ax.set_axis_off()
    plt.show()
else:
    print("Finish exercise 2 (split the data) first, then run this cell again.")

# %% [markdown]
# `model.predict(rows)` returns one predicted label per row. It always takes a *table*, even
# for a single image. `X_test[0]` is one row as a flat list of 64 numbers; `X_test[:1]` is
# a table that holds just that row (the **slice** from row 0 up to, not including, row 1).
#
# ## Exercise 4: predict one image
#
# **Task:** set `prediction` to the model's answer for the first test image: a single
# number, the digit it reads.

# %% tags=["starter"] exercise="predict_one"
prediction = ...

# %% tags=["solution"] exercise="predict_one"
prediction = model.predict(X_test[:1])[0]

# %%
ex.predict_one.check()

# %% [markdown]
# Look at the image above: do you agree with the model?
#
# ## How good is it?
#
# One image tells us little. The **accuracy** of a classifier is the fraction of samples it
# labels correctly: 1.0 means all of them, 0.5 half. Every scikit-learn classifier has a
# `score(X, y)` method that predicts the rows `X` and returns the accuracy against the true
# labels `y`.
#
# Which rows should we score on? The model learned from the training rows, so it has seen
# their answers. Only the test rows tell us how it does on images it has **never seen**,
# which is what we care about: new images from new writers.
#
# ## Exercise 5: score the model
#
# **Task:** set `accuracy` to the model's accuracy on the test set.

# %% tags=["starter"] exercise="score_model"
accuracy = ...

# %% tags=["solution"] exercise="score_model"
accuracy = model.score(X_test, y_test)

# %%
ex.score_model.check()

# %% [markdown]
# Not bad for a few lines of code! How well a model does on data it has not seen is called
# **generalization**, and it is what machine learning is about. Lesson 5 comes back to it.
#
# ## Save the model, safely
#
# A fitted model lives in the kernel's memory and disappears when the kernel stops. To use
# it later, save it to a file.
#
# You will often see Python's `pickle` used for this. Beware: **loading a pickle file can
# run any code** hidden in it, so a pickle from someone else can take over your computer.
# diveml uses **skops**, a format made for scikit-learn models: before loading, it lists any
# type in the file that it does not know, and refuses to load until you say you trust them.
#
# ```python
# import skops.io as sio
# sio.dump(model, "my-model.skops")              # save
# sio.get_untrusted_types(file="my-model.skops")  # what would I be trusting? [] = nothing
# loaded = sio.load("my-model.skops")             # load (refuses unknown types)
# ```
#
# ## Exercise 6: save your model
#
# **Task:** save `model` with skops to a file named `digits-model.skops`, and set
# `model_file` to that file's name.

# %% tags=["starter"] exercise="save_model"
import skops.io as sio

model_file = ...

# %% tags=["solution"] exercise="save_model"
import skops.io as sio

model_file = "digits-model.skops"
sio.dump(model, model_file)

# %%
ex.save_model.check()

# %% [markdown]
# ## What you learned
#
# - **Samples**, **features** and **labels**; `X` is the feature table, `y` the labels.
# - Keep a **test set** aside with `train_test_split` before the model learns anything.
# - Every scikit-learn model is created, then **fit** on training rows, then used to
#   **predict**.
# - **Accuracy** on the test set estimates how the model does on new data; the training
#   rows cannot tell you that.
# - Save models with **skops**, never with a bare pickle from a source you do not trust.
#
# Try changing `n_neighbors` to 1 or to 50 and run the cells again: what happens to the
# accuracy?
#
# Next: **lesson 2, "What is a model?"** (`diveml learn 2`).
#
# ## Going further
#
# From the *Dive into Machine Learning* guide:
#
# - [An introduction to machine learning with scikit-learn](https://scikit-learn.org/stable/tutorial/basic/tutorial.html),
#   the guide's first exercise: the same digits, with a different model (a support vector
#   machine). Try it in this notebook's kernel.
# - Spend five minutes on the [scikit-learn home page](https://scikit-learn.org/stable/index.html)
#   looking over the names of the strategies: classification, regression, clustering...
# - Kevin Markham's video series [Introduction to machine learning with scikit-learn](https://github.com/justmarkham/scikit-learn-videos)
#   starts where this lesson does and goes on at a comfortable pace.
# - Why not pickle: the [skops documentation on secure persistence](https://skops.readthedocs.io/en/stable/persistence.html).

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
# # Lesson 7: Eigenfaces
#
# The "Dive into Machine Learning" guide asks you to play with a few notebooks. One of them,
# by Olivier Grisel (a scikit-learn maintainer), recognises faces: it squeezes each photo
# into a few dozen numbers with **PCA**, the "eigenfaces", then classifies those numbers
# with a **support vector machine** tuned by **grid search**. This lesson plays the same
# game, offline, on the small set of photos that ships with scikit-image.
#
# You will learn to:
#
# - treat an image as a row of numbers, one per pixel;
# - fit a PCA on the training images only, and look at its components as images;
# - read how many components you need from the explained variance;
# - tune a PCA + SVM pipeline with a grid search on the training folds;
# - read a confusion matrix, and look at the images the model got wrong.
#
# About 30 minutes. Run the cells in order (Shift+Enter). If you are stuck,
# `ex.<name>.hint()` gives a hint and `ex.<name>.solution()` shows a solution.

# %%
import matplotlib.pyplot as plt
import numpy as np

from diveml.data import load_dataset
from diveml.lessons import require_data, start

ex = start("07-eigenfaces")
require_data("lfw_faces")
ex

# %% [markdown]
# ## The images
#
# The data comes from *Labeled Faces in the Wild* (LFW), photos of famous people collected
# from news sites. scikit-image ships a small subset with two kinds of image: faces, and
# patches of other photos that are not faces.

# %%
faces = load_dataset("lfw_faces")
print("rows, columns:", faces.shape)
faces["is_face"].value_counts()

# %% [markdown]
# Each row is one grey-level image of 25 by 25 pixels, flattened into 625 columns
# (`pixel_0_0` is the top-left pixel, `pixel_24_24` the bottom-right one), each a
# brightness between 0 (black) and 1 (white). The last column, `is_face`, says what the
# image shows. To see an image again, reshape its row to 25 by 25:

# %%
SIDE = 25


def show_images(rows, titles, columns=6):
    """Draw each row of pixels as a 25 x 25 image, with its title."""
    rows = np.asarray(rows, dtype=float)
    count = len(rows)
    lines = max(1, -(-count // columns))
    _, axes = plt.subplots(lines, columns, figsize=(1.6 * columns, 1.9 * lines))
    for ax in np.ravel(axes):
        ax.axis("off")
    for ax, row, title in zip(np.ravel(axes), rows, titles, strict=False):
        ax.imshow(row.reshape(SIDE, SIDE), cmap="gray")
        ax.set_title(title, fontsize=9)
    plt.show()


pixels = faces.drop(columns="is_face")
sample = [0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105]
show_images(pixels.iloc[sample], faces["is_face"].iloc[sample])

# %% [markdown]
# Grisel's notebook asks a harder question: *who* is in the photo, among seven politicians,
# from more than a thousand larger photos that scikit-learn downloads. The offline subset
# asks *is this a face?* The method is the same, and so are its traps.
#
# To a model, each image is just its 625 numbers: the **features**. Before anything else,
# notice how the table is ordered:

# %%
faces["is_face"].iloc[[0, 99, 100, 199]]

# %% [markdown]
# ## Exercise 1: keep test images aside
#
# The first 100 rows are faces, the last 100 are not. A **test set** is a set of images the
# model never sees while we build it, used once at the end to estimate how it does on new
# images; the other images are the **training set**.
#
# **Task:** set `X` to the pixels (every column except `is_face`) and `y` to `is_face`, then
# split them with `train_test_split` into `X_train, X_test, y_train, y_test`, keeping a
# quarter of the images for testing (`test_size=0.25`), with `stratify=y` (each kind keeps
# its share in both parts) and `random_state=0`.

# %%
from sklearn.model_selection import train_test_split

# %% tags=["starter"] exercise="split_images"
X = ...
y = ...
X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"] exercise="split_images"
X = faces.drop(columns="is_face")
y = faces["is_face"]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

# %%
ex.split_images.check()

# %% [markdown]
# ## What do the training images have in common?
#
# Here is the average of the training images, pixel by pixel, next to how much each pixel
# varies from image to image (its standard deviation):

# %%
if ex.split_images.evaluate().outcome == "correct":
    training = np.asarray(X_train, dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3))
    left.imshow(training.mean(axis=0).reshape(SIDE, SIDE), cmap="gray")
    left.set_title("mean training image")
    right.imshow(training.std(axis=0).reshape(SIDE, SIDE), cmap="magma")
    right.set_title("how much each pixel varies")
    for ax in (left, right):
        ax.axis("off")
    plt.show()
else:
    print("Finish exercise 1 first: the pictures are drawn from your X_train.")

# %% [markdown]
# Neighbouring pixels vary together: where one pixel of a cheek is bright, the next one is
# too. So 625 numbers say much less than 625 separate things. **PCA** (principal component
# analysis) finds the directions in which the images vary most. Its first **component** is
# an image-sized pattern: adding more or less of it to the mean image accounts for as much
# of the variation between images as any single pattern can. The second does the same
# with what is left, and so on. Each image is then described by a few **scores**, how much
# of each pattern it contains. On face photos, those patterns look like ghostly faces, and
# are called **eigenfaces**.
#
# Like a model, a PCA is **fitted**: it learns its mean image and its components from the
# images it is given.
#
# ## Exercise 2: fit a PCA on the training images
#
# **Task:** set `pca` to a `PCA(random_state=0)` fitted on the training images. Leave out
# `n_components`, so that it keeps every component and you can see how much each explains.

# %%
from sklearn.decomposition import PCA

# %% tags=["starter"] exercise="fit_pca"
pca = ...

# %% tags=["solution"] exercise="fit_pca"
pca = PCA(random_state=0).fit(X_train)

# %%
ex.fit_pca.check()

# %% [markdown]
# The mean image first, then the first eleven components, drawn as images (in a
# component, light and dark are its two signs; only the pattern matters):

# %%
if ex.fit_pca.evaluate().outcome == "correct":
    show_images(
        [pca.mean_, *pca.components_[:11]],
        ["mean", *(f"component {k + 1}" for k in range(11))],
    )
else:
    print("Finish exercise 2 first: the eigenfaces are the components of your `pca`.")

# %% [markdown]
# The first components are smooth, face-like shapes: lighting from one side, a dark band
# for the eyes, the outline of a head. Later ones get noisier. To see what the scores keep,
# rebuild a few test images from their first `k` scores only (`inverse_transform` adds the
# components back to the mean image):

# %%
if ex.fit_pca.evaluate().outcome == "correct":
    test_images = np.asarray(X_test[:3], dtype=float)
    scores = pca.transform(X_test[:3])
    rebuilt, titles = [], []
    for image, score in zip(test_images, scores, strict=True):
        for k in (5, 20, 60):
            kept = score.copy()
            kept[k:] = 0  # keep only the first k scores
            rebuilt.append(pca.inverse_transform(kept[np.newaxis, :])[0])
            titles.append(f"{k} scores")
        rebuilt.append(image)
        titles.append("original")
    show_images(rebuilt, titles, columns=4)
else:
    print("Finish exercise 2 first.")

# %% [markdown]
# With 20 scores instead of 625 pixels, a face is still clearly a face. How many
# components are enough? Each component's `explained_variance_ratio_` is the share of the
# images' total variance it accounts for; they add up to 1.
#
# ## Exercise 3: how many components explain 90% of the variance?
#
# **Task:** set `n_90` to the smallest number of components whose explained variance
# ratios add up to at least 0.9. `np.cumsum` gives running totals.

# %% tags=["starter"] exercise="components_for_90"
n_90 = ...

# %% tags=["solution"] exercise="components_for_90"
running = np.cumsum(pca.explained_variance_ratio_)
n_90 = int(np.argmax(running >= 0.9) + 1)

# %%
ex.components_for_90.check()

# %%
if ex.fit_pca.evaluate().outcome == "correct":
    running_share = np.cumsum(pca.explained_variance_ratio_)
    _, ax = plt.subplots(figsize=(6, 3))
    ax.plot(np.arange(1, len(running_share) + 1), running_share)
    ax.axhline(0.9, color="grey", linestyle=":")
    ax.set_xlabel("number of components kept")
    ax.set_ylabel("share of variance explained")
    ax.set_title("PCA of the training images")
    plt.show()

# %% [markdown]
# A small share of the 625 possible components explains most of what varies between these
# images: the rest is mostly noise.
#
# ## A classifier on the scores: the support vector machine
#
# Next, a **support vector machine** (SVM, `SVC` in scikit-learn) classifies the PCA scores.
# With its default **RBF kernel** it draws a curved boundary between the two kinds of
# image. It has two settings that matter, chosen before it is fitted (they are called
# **hyperparameters**): `C`, how hard it tries to classify every training image right
# (large `C`: a wigglier boundary), and `gamma`, how far the influence of one training
# image reaches (large `gamma`: only its close neighbours).
#
# Which values? We try a grid of them, and score each pair by **cross-validation** on the
# training images: cut them into 5 **folds**, fit on 4, score on the fifth, five times
# over. That is a **grid search** (`GridSearchCV`). The test images stay out of it.
#
# Grisel's notebook fits the PCA once, on all the training images, and then grid-searches
# the SVM on the projected images. That lets each validation fold shape the components it
# is then scored with: a small **leak**, which makes the cross-validation scores a little
# optimistic. The fix costs nothing: put the PCA *inside* a **pipeline** with the SVM, so
# that each fold's PCA is fitted on that fold's training part only. `whiten=True` scales
# every score to the same spread, which the RBF kernel needs (it measures distances).
#
# ## Exercise 4: tune the pipeline with a grid search
#
# **Task:** set `search` to a `GridSearchCV` of the pipeline
# `make_pipeline(PCA(n_components=20, whiten=True, random_state=0), SVC(class_weight="balanced"))`
# with `param_grid={"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1]}` and `cv=5`,
# fitted on the training images. (A pipeline names each step after its class, in lower
# case: `svc__C` is the `C` of the step named `svc`.)

# %%
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

# %% tags=["starter"] exercise="tune_model"
search = ...

# %% tags=["solution"] exercise="tune_model"
search = GridSearchCV(
    make_pipeline(PCA(n_components=20, whiten=True, random_state=0), SVC(class_weight="balanced")),
    param_grid={"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1]},
    cv=5,
)
search.fit(X_train, y_train)

# %%
ex.tune_model.check()

# %% [markdown]
# Every pair of settings, with its mean accuracy over the 5 folds:

# %%
if ex.tune_model.evaluate().outcome == "correct":
    import pandas as pd

    results = pd.DataFrame(search.cv_results_)
    print("best settings:", search.best_params_)
    print(f"their mean cross-validation accuracy: {search.best_score_:.3f}")
    keys = [key for key in results.columns if key.startswith("param_")]
    if len(keys) == 2:
        table = results.pivot_table(index=keys[0], columns=keys[1], values="mean_test_score")
        _, ax = plt.subplots(figsize=(5, 3.5))
        shown = ax.imshow(table.to_numpy(dtype=float), cmap="viridis")
        ax.set_xticks(range(table.shape[1]), [str(v) for v in table.columns])
        ax.set_yticks(range(table.shape[0]), [str(v) for v in table.index])
        ax.set_xlabel(keys[1].removeprefix("param_"))
        ax.set_ylabel(keys[0].removeprefix("param_"))
        plt.colorbar(shown, label="mean accuracy over the folds")
        plt.show()
    else:
        results[[*keys, "mean_test_score"]]
else:
    print("Finish exercise 4 first.")

# %% [markdown]
# The best cell of the grid was *picked because it scored best on these folds*, so its
# score flatters it a little. That is why the test images are still waiting.
#
# ## Exercise 5: the test images, and the confusion matrix
#
# `search` behaves like its best pipeline, refitted on all the training images. A
# **confusion matrix** counts, for each true kind (one row each), how many images the
# model put in each predicted kind (one column each). `confusion_matrix(y_true, y_pred)`
# orders both the rows and the columns alphabetically: `face`, then `non-face`.
#
# **Task:** set `y_pred` to the predictions of `search` for the test images, and `cm` to
# the confusion matrix of the test images, true labels first.

# %%
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

# %% tags=["starter"] exercise="confusion"
y_pred = ...
cm = ...

# %% tags=["solution"] exercise="confusion"
y_pred = search.predict(X_test)
cm = confusion_matrix(y_test, y_pred)

# %%
ex.confusion.check()

# %%
if ex.confusion.evaluate().outcome == "correct":
    ConfusionMatrixDisplay(cm, display_labels=["face", "non-face"]).plot(colorbar=False)
    plt.title("test images")
    plt.show()
    print(f"test accuracy: {np.trace(cm) / cm.sum():.3f} on {cm.sum()} test images")

# %% [markdown]
# The diagonal holds the images the model got right; everything off the diagonal is a
# mistake, and *which* cell it sits in says what kind of mistake.
#
# ## Exercise 6: read the matrix
#
# A face detector that misses faces and one that sees faces in clouds fail in different
# ways.
#
# **Task:** set `faces_missed` to the number of test **faces** the model called
# `non-face`, read from `cm`.

# %% tags=["starter"] exercise="faces_missed"
faces_missed = ...

# %% tags=["solution"] exercise="faces_missed"
faces_missed = int(cm[0, 1])

# %%
ex.faces_missed.check()

# %% [markdown]
# ## Look at the mistakes
#
# Numbers tell you how often the model is wrong; the images tell you *why*. Here is every
# test image the model got wrong, with its true kind and the model's answer:

# %%
if ex.confusion.evaluate().outcome == "correct":
    wrong = np.asarray(y_pred) != np.asarray(y_test)
    if wrong.any():
        titles = [
            f"true: {t}\nsaid: {p}"
            for t, p in zip(np.asarray(y_test)[wrong], np.asarray(y_pred)[wrong], strict=True)
        ]
        show_images(np.asarray(X_test, dtype=float)[wrong], titles)
    else:
        print("The model got every test image right.")
else:
    print("Finish exercise 5 first.")

# %% [markdown]
# Look at them: a dark, blurry face, a face seen from the side, or a patch of texture with
# two dark spots where eyes could be? Those are the cases to collect more of, if you wanted
# a better detector. And with this few test images, each mistake moves the accuracy by one
# test image's worth: compute `1 / len(y_test)` before you compare two models' scores.
#
# ## What you learned
#
# - An image is a row of pixel values; neighbouring pixels vary together.
# - PCA finds the patterns ("eigenfaces") that explain the most variation; a few dozen
#   scores keep most of what 625 pixels say.
# - A PCA is fitted like a model: on the training images only, and inside the pipeline
#   so that each cross-validation fold fits its own (the one change to the original).
# - A grid search tries each combination of hyperparameters by cross-validation on the
#   training set; its best score is a little optimistic.
# - A confusion matrix has the true classes in rows and the predictions in columns; its
#   off-diagonal cells are the two kinds of mistake, and the images behind them are
#   worth looking at.
#
# Next on the path: **lesson 8, "Titanic as a Kaggle competition"** (`diveml learn 8`).
#
# ## Going further
#
# - Olivier Grisel, *Face Recognition on a subset of the Labeled Faces in the Wild*, the
#   notebook the guide recommends and this lesson follows (it downloads the photos and
#   recognises seven people):
#   <https://nbviewer.jupyter.org/github/ogrisel/notebooks/blob/master/Labeled%20Faces%20in%20the%20Wild%20recognition.ipynb>
# - scikit-learn's own version of it, kept up to date:
#   <https://scikit-learn.org/stable/auto_examples/applications/plot_face_recognition.html>
# - scikit-learn user guide, *Decomposing signals in components* (PCA):
#   <https://scikit-learn.org/stable/modules/decomposition.html#pca>, and *Tuning the
#   hyper-parameters of an estimator*: <https://scikit-learn.org/stable/modules/grid_search.html>
# - The courses the guide recommends next: Andrew Ng's *Machine Learning*
#   (<https://www.coursera.org/learn/machine-learning>), and Jake VanderPlas's *Python
#   Data Science Handbook* (<https://jakevdp.github.io/PythonDataScienceHandbook/>), whose
#   chapters on PCA and on support vector machines also work on LFW faces.
# - The *Dive into Machine Learning* guide:
#   <https://github.com/dive-into-machine-learning/dive-into-machine-learning>

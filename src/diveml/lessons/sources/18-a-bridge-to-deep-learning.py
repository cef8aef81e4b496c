# %% [markdown]
# # Lesson 18: A bridge to deep learning
#
# The *Dive into Machine Learning* guide ends with deep learning, "when you're ready", and a
# test: *does deep learning seem like magic?* If it does, this lesson is for you. You will
# train a small **neural network** on the handwritten digits of lesson 1, watch it learn
# epoch by epoch, make it overfit on purpose, and then take it apart: you will compute its
# predictions yourself, with a few lines of numpy, and get exactly what scikit-learn gets.
#
# You will learn:
#
# - what a **multi-layer perceptron** is: linear models stacked, with a bend in between,
# - what its **hidden units**, **weights** and **biases** are, and how many there are,
# - to read **training curves** (loss and accuracy per **epoch**) and spot overfitting,
# - two cures: **regularisation** (`alpha`) and stopping early,
# - that a network's prediction is arithmetic you can do by hand.
#
# About 30 minutes, on the CPU; nothing here needs a GPU.

# %%
from diveml.lessons import start

ex = start("18-a-bridge-to-deep-learning")
ex

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier

# A network stopped after a fixed number of epochs warns that it "has not converged";
# here we stop on purpose, so the warning is noise.
warnings.filterwarnings("ignore", category=ConvergenceWarning)

# %% [markdown]
# ## The digits again
#
# The same 1,797 images of 8 by 8 pixels as in lesson 1, split the same way: a quarter of
# them for the test. One change: neural networks learn best from small inputs, so we divide
# the grey levels (0 to 16) by 16, to get numbers between 0 and 1.

# %%
digits = load_digits()
X = digits.data / 16
y = digits.target
CLASSES_SHOWN = np.unique(y)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
print(len(X_train), "training images,", len(X_test), "test images")

knn_score = KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train).score(X_test, y_test)
print("lesson 1's nearest neighbours, test accuracy:", round(knn_score, 3))

# %% [markdown]
# ## Exercise 1: a linear model first
#
# Start with a simple model to beat. A **linear model** for classification, the **logistic
# regression**, gives each class (each digit) a score: a weighted sum of the 64 pixels
# plus a constant, the **bias**. The class with the highest score wins. Fitting chooses
# the weights. scikit-learn's `LogisticRegression` does this; `max_iter=1000` lets it take
# enough steps to finish.
#
# **Task:** set `linear` to a `LogisticRegression(max_iter=1000)` fitted on the training
# rows, and `linear_score` to its accuracy on the test rows.

# %% tags=["starter"] exercise="linear_model"
linear = ...
linear_score = ...

# %% tags=["solution"] exercise="linear_model"
linear = LogisticRegression(max_iter=1000).fit(X_train, y_train)
linear_score = linear.score(X_test, y_test)
linear_score

# %%
ex.linear_model.check()

# %% [markdown]
# ## Exercise 2: a neural network
#
# A **multi-layer perceptron** (MLP) puts a layer of **hidden units** between the pixels
# and the scores. Each hidden unit is itself a weighted sum of the 64 pixels plus a bias,
# like one class score of the linear model, followed by a bend: the **ReLU**, which keeps
# positive values and turns negative ones into 0. The ten class scores are then weighted
# sums of the hidden units. Without the bend, two stacked weighted sums would still be one
# weighted sum, a linear model; with it, the network can draw curved boundaries.
#
# scikit-learn's `MLPClassifier(hidden_layer_sizes=(32,))` has one hidden layer of 32
# units. It learns by **gradient descent**: it starts from small random weights, measures
# how wrong it is on a batch of images (the **loss**), nudges every weight in the
# direction that lowers the loss, and repeats. One pass over all training images is an
# **epoch**; `max_iter` caps the number of epochs.
#
# **Task:** set `mlp` to an `MLPClassifier(hidden_layer_sizes=(32,), max_iter=200,
# random_state=0)` fitted on the training rows, and `mlp_score` to its test accuracy.

# %% tags=["starter"] exercise="mlp"
mlp = ...
mlp_score = ...

# %% tags=["solution"] exercise="mlp"
mlp = MLPClassifier(hidden_layer_sizes=(32,), max_iter=200, random_state=0)
mlp.fit(X_train, y_train)
mlp_score = mlp.score(X_test, y_test)
mlp_score

# %%
ex.mlp.check()

# %% [markdown]
# The network does a little better than the linear model here. No magic so far: the
# digits are small and clean, and every model does well on them. Deep learning's
# advantage grows with bigger inputs (photographs, sound, text) and many more examples.
#
# ## Exercise 3: what did it learn?
#
# A fitted `MLPClassifier` keeps what it learned in two lists of numpy arrays:
#
# - `mlp.coefs_`: the **weights**, one matrix per layer: `coefs_[0]` connects the 64 pixels
#   to the 32 hidden units, `coefs_[1]` the hidden units to the 10 classes;
# - `mlp.intercepts_`: the **biases**, one vector per layer.

# %%
if ex.mlp.evaluate().outcome == "correct":
    print("weights:", [w.shape for w in mlp.coefs_])
    print("biases: ", [b.shape for b in mlp.intercepts_])
else:
    print("Finish exercise 2 first, then run this cell again.")

# %% [markdown]
# These numbers are the **parameters** of the model, what fitting chose.
#
# **Task:** set `n_parameters` to the total number of parameters of `mlp`: every number in
# every array of `coefs_` and of `intercepts_` (a numpy array's `.size` is how many numbers
# it holds). Compute it from the arrays; do not type it in.

# %% tags=["starter"] exercise="count_parameters"
n_parameters = ...

# %% tags=["solution"] exercise="count_parameters"
n_parameters = sum(w.size for w in mlp.coefs_) + sum(b.size for b in mlp.intercepts_)
n_parameters

# %%
ex.count_parameters.check()

# %%
# The linear model has one weight per pixel and class, and one bias per class.
n_pixels, n_classes = X.shape[1], len(CLASSES_SHOWN)
print("parameters of the linear model:", n_pixels * n_classes + n_classes)

# %% [markdown]
# The network has several times more numbers to choose than the linear model, from the
# same images. More parameters mean more freedom to fit, and more freedom to **overfit**
# (lesson 5): to learn the training images by heart.
#
# ## Watching it learn: training curves
#
# To see overfitting, give a big network few images. We keep 200 training images for
# fitting (`X_fit`) and set the rest of the training rows aside for **validation**
# (`X_val`): rows the network never learns from, that tell us how it does on new images.
# The test rows stay untouched.
#
# `net.partial_fit(X_fit, y_fit, classes=...)` runs **one epoch** each time it is called,
# so a loop can score the network after every epoch. The **log loss** (`log_loss(y,
# probabilities)`) measures how much probability the network gives to the right digit: 0
# is perfect, lower is better. It is what the network is trained to lower.

# %%
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, train_size=200, random_state=0)
EPOCHS = 60
CLASSES = np.arange(10)
print(len(X_fit), "rows to fit on,", len(X_val), "validation rows")

# %% [markdown]
# ## Exercise 4: record the curves
#
# **Task:** the starter makes `net`, a network of 64 hidden units with no regularisation
# (`alpha=0`). Train it for `EPOCHS` epochs with a loop; after each epoch append to
# `train_curve` its accuracy on `X_fit, y_fit`, and to `val_loss` its log loss on
# `X_val, y_val` (`log_loss(y_val, net.predict_proba(X_val))`).

# %% tags=["starter"] exercise="training_curves"
net = MLPClassifier(
    hidden_layer_sizes=(64,), alpha=0.0, learning_rate_init=0.01, batch_size=20, random_state=0
)
train_curve = ...
val_loss = ...
# for _ in range(EPOCHS):
#     net.partial_fit(X_fit, y_fit, classes=CLASSES)
#     ...

# %% tags=["solution"] exercise="training_curves"
net = MLPClassifier(
    hidden_layer_sizes=(64,), alpha=0.0, learning_rate_init=0.01, batch_size=20, random_state=0
)
train_curve, val_loss = [], []
for _ in range(EPOCHS):
    net.partial_fit(X_fit, y_fit, classes=CLASSES)
    train_curve.append(net.score(X_fit, y_fit))
    val_loss.append(log_loss(y_val, net.predict_proba(X_val)))

# %%
ex.training_curves.check()

# %%
if ex.training_curves.evaluate().outcome == "correct":
    epochs = np.arange(1, EPOCHS + 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
    left.plot(epochs, net.loss_curve_, label="training rows")
    left.plot(epochs, val_loss, label="validation rows")
    left.set_xlabel("epoch")
    left.set_ylabel("log loss (lower is better)")
    left.legend()
    right.plot(epochs, train_curve, label="training rows")
    right.set_xlabel("epoch")
    right.set_ylabel("accuracy")
    right.legend()
    plt.show()
else:
    print("Finish exercise 4, then run this cell again.")

# %% [markdown]
# Read the left plot. The training loss keeps falling towards 0: the network is learning
# its 200 images ever more perfectly (the right plot shows it gets every one right). The
# validation loss falls at first, then turns and **rises**: past that epoch, what the
# network learns about these 200 images no longer holds for new ones. That is overfitting,
# seen as it happens.
#
# ## Exercise 5: when to stop
#
# **Task:** set `best_epoch` to the epoch with the lowest validation loss, counting
# epochs from 1 (the first epoch is epoch 1).

# %% tags=["starter"] exercise="best_epoch"
best_epoch = ...

# %% tags=["solution"] exercise="best_epoch"
best_epoch = int(np.argmin(val_loss)) + 1
best_epoch

# %%
ex.best_epoch.check()

# %% [markdown]
# Stopping there is **early stopping**: `MLPClassifier(early_stopping=True)` does it for
# you, holding out a tenth of its training rows and stopping once their score stops
# improving.
#
# ## Exercise 6: regularisation
#
# The other cure keeps the weights small. `alpha` adds to the loss a penalty that grows
# with the squares of the weights, so the network can only use big weights where they pay
# off on many images. This is **L2 regularisation**, as in the linear models' `C` (with
# `alpha`, bigger means *more* regularisation).
#
# **Task:** for each `alpha` in `ALPHAS`, fit `MLPClassifier(hidden_layer_sizes=(64,),
# alpha=alpha, learning_rate_init=0.01, batch_size=20, max_iter=EPOCHS, random_state=0)` on
# `X_fit, y_fit` and compute its log loss on `X_val, y_val`. Set `alpha_losses` to the list
# of those losses (in the order of `ALPHAS`) and `best_alpha` to the alpha with the lowest
# one.

# %%
ALPHAS = [0.0001, 0.01, 0.1, 1.0]

# %% tags=["starter"] exercise="choose_alpha"
alpha_losses = ...
best_alpha = ...

# %% tags=["solution"] exercise="choose_alpha"
alpha_losses = []
for alpha in ALPHAS:
    model = MLPClassifier(
        hidden_layer_sizes=(64,),
        alpha=alpha,
        learning_rate_init=0.01,
        batch_size=20,
        max_iter=EPOCHS,
        random_state=0,
    ).fit(X_fit, y_fit)
    alpha_losses.append(log_loss(y_val, model.predict_proba(X_val)))
best_alpha = ALPHAS[int(np.argmin(alpha_losses))]
print([round(loss, 3) for loss in alpha_losses], "best alpha:", best_alpha)

# %%
ex.choose_alpha.check()

# %% [markdown]
# Too little regularisation lets the network overfit; too much stops it from learning at
# all. The best value is in between, and only validation rows can tell where.
#
# ## Exercise 7: take it apart
#
# Now the guide's test. Here is everything the network of exercise 2 does to predict one
# image, written out:
#
# 1. **hidden layer**: `X_test @ mlp.coefs_[0] + mlp.intercepts_[0]` (a weighted sum per
#    hidden unit; `@` is numpy's matrix product), then the ReLU: `np.maximum(0, ...)`;
# 2. **output layer**: the hidden values `@ mlp.coefs_[1] + mlp.intercepts_[1]`, one score
#    per digit;
# 3. **softmax**: turn the ten scores of each image into probabilities that add up to 1:
#    `np.exp(scores)` divided by the sum of the row's `np.exp(scores)`
#    (`.sum(axis=1, keepdims=True)` sums each row and keeps it as a column, so the division
#    lines up).
#
# **Task:** set `by_hand` to the probabilities of every test image, one row per image and
# one column per digit, computed with numpy from `mlp.coefs_` and `mlp.intercepts_` only
# (not with `predict_proba`).

# %% tags=["starter"] exercise="forward_pass"
by_hand = ...

# %% tags=["solution"] exercise="forward_pass"
hidden = np.maximum(0, X_test @ mlp.coefs_[0] + mlp.intercepts_[0])
scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]
exp_scores = np.exp(scores)
by_hand = exp_scores / exp_scores.sum(axis=1, keepdims=True)

# %%
ex.forward_pass.check()

# %%
if ex.forward_pass.evaluate().outcome == "correct":
    gap = np.abs(by_hand - mlp.predict_proba(X_test)).max()
    print("largest difference from predict_proba:", gap)
    print("same predicted digits:", bool((by_hand.argmax(axis=1) == mlp.predict(X_test)).all()))
else:
    print("Finish exercise 7, then run this cell again.")

# %% [markdown]
# That is the whole prediction: two matrix products, a `maximum` and a softmax. A "deep"
# network stacks more such layers (and, for images, layers that reuse the same small
# weights over every patch of the picture), and is trained the same way, by gradient
# descent on a loss. The rest is scale: more layers, more data, faster hardware.
#
# ## What you learned
#
# - A **multi-layer perceptron** is weighted sums with a bend (ReLU) in between, topped by
#   a **softmax**; its **parameters** are the weights and biases in `coefs_` and
#   `intercepts_`.
# - It learns by **gradient descent**, one **epoch** after another; **training curves**
#   show the loss on training and validation rows as it learns.
# - When the validation loss turns up while the training loss keeps falling, the network
#   **overfits**: stop early, or regularise (`alpha`), choosing with validation rows.
# - Its predictions are plain arithmetic that you can redo by hand.
#
# Try it: give `net` 1000 rows to fit on instead of 200, or two hidden layers
# (`hidden_layer_sizes=(64, 64)`: then there are three weight matrices). How do the
# curves change?
#
# ## Going further
#
# - scikit-learn's user guide, [Neural network models (supervised)](https://scikit-learn.org/stable/modules/neural_networks_supervised.html),
#   and its [MLPClassifier](https://scikit-learn.org/stable/modules/generated/sklearn.neural_network.MLPClassifier.html).
# - Michael Nielsen, [Neural Networks and Deep Learning](http://neuralnetworksanddeeplearning.com/),
#   a free online book that builds a digit-reading network from scratch.
# - 3Blue1Brown's video series [Neural networks](https://www.3blue1brown.com/topics/neural-networks),
#   gradient descent and backpropagation drawn.
# - Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/), the
#   textbook, free online.
# - The *Dive into Machine Learning* guide's deep-learning section: <https://github.com/dive-into-machine-learning/dive-into-machine-learning>.
# - Pedro Domingos, ["A Few Useful Things to Know about Machine Learning"](https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf):
#   "representable does not imply learnable" is a good companion to this lesson.

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
# # Lesson 11: SQL injection
#
# A web application that pastes what a visitor typed into a database query can be tricked:
# type `' OR 1=1 --` into a login form and the query may return every user. That is **SQL
# injection**. This lesson follows ClickSecurity's notebook *Detect SQL Injection* from the
# guide's "play to learn" list: can a model tell legitimate SQL statements from injection
# strings by their characters alone, and what happens when such a model stands guard in
# front of a real system?
#
# You will learn to:
#
# - find repeated rows before you split, and why they matter;
# - build **character n-gram** features inside a pipeline;
# - choose a **decision threshold** for a low **false-positive rate**, on training rows only;
# - see why **precision** collapses when attacks are rare, and what that means for a guard.
#
# About 30 minutes. The injection strings are attack examples: inert text here, but never
# run them against a database.
#
# The first cell checks that the data is on this machine. If it is not, it says exactly what
# to run: do that, then run the notebook again.

# %%
import matplotlib.pyplot as plt
import numpy as np

from diveml.data import load_dataset
from diveml.lessons import require_data, start

require_data("sql_injection")
ex = start("11-sql-injection")
ex

# %% [markdown]
# ## The data

# %%
sql_all = load_dataset("sql_injection")
print(sql_all["type"].value_counts(), "\n")
for kind in ("legit", "malicious"):
    print(kind, "examples:")
    for text in sql_all.loc[sql_all["type"] == kind, "raw_sql"].sample(3, random_state=2):
        print("   ", text[:100])

# %% [markdown]
# ## Exercise 1: repeated strings
#
# The injection strings were collected from several lists, and lists copy each other.
#
# **Task:** set `n_repeats` to the number of rows whose `raw_sql` is the same as that of an
# **earlier** row (the first copy of each string does not count). `Series.duplicated()`
# marks those rows with `True`.

# %% tags=["starter"] exercise="count_repeats"
n_repeats = ...

# %% tags=["solution"] exercise="count_repeats"
n_repeats = sql_all["raw_sql"].duplicated().sum()

# %%
ex.count_repeats.check()

# %% [markdown]
# Why care? If one copy of a string lands in the training rows and another in the test rows,
# the model is tested on a string it has already seen, and its test score says less about
# new strings. So we keep each string once, and only then split. Here are the classes after
# that:

# %%
sql = sql_all.drop_duplicates("raw_sql")
counts = sql["type"].value_counts()
print(counts, "\n")
print(f"share of injections: {counts['malicious'] / len(sql):.3f}")

# %% [markdown]
# The classes are **imbalanced**: one is much more common than the other. Here, unusually,
# the attacks are the common class. A model that answers "malicious" to everything would be
# right as often as that share, without looking at a single character: any accuracy must be
# compared with that. In front of a real application it is the other way round: almost
# every request is legitimate. Keep that in mind until exercise 6.
#
# ## Exercise 2: split, keeping the rare class's share
#
# **Task:** split `X` (the strings) and `y` (the classes) into `X_train, X_test, y_train,
# y_test` with `train_test_split`: a quarter of the rows for testing (`test_size=0.25`),
# `stratify=y` so that both parts keep the same share of each class, and `random_state=0`.

# %%
from sklearn.model_selection import train_test_split

X = sql["raw_sql"]
y = sql["type"]

# %% tags=["starter"] exercise="split_data"
X_train, X_test, y_train, y_test = ..., ..., ..., ...

# %% tags=["solution"] exercise="split_data"
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=0
)

# %%
ex.split_data.check()

# %% [markdown]
# ## Character n-grams
#
# Injection strings are made of telling pieces: quotes, `--`, `=`, `UNION`, runs of `NULL,`.
# A **character n-gram** is a run of `n` consecutive characters. `TfidfVectorizer(analyzer=
# "char", ngram_range=(1, 3))` turns each string into one column per n-gram of 1 to 3
# characters it has seen in the training strings, each holding a weight: how often the
# n-gram occurs in this string, scaled down for n-grams that occur in most strings (the
# **tf-idf** weight). `min_df=5` ignores n-grams seen in fewer than 5 strings.
#
# Look at what it makes of one string:

# %%
from sklearn.feature_extraction.text import TfidfVectorizer

demo = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).fit(["' OR 1=1 --"])
print(list(demo.get_feature_names_out())[:24])

# %% [markdown]
# ## Exercise 3: a pipeline
#
# The vectorizer learns its n-grams and their weights from data, so it belongs **inside** a
# pipeline with the classifier: fitted on training rows only, every time.
# **Logistic regression** is a linear model that gives each string a probability of being
# malicious.
#
# **Task:** set `model` to `make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1,
# 3), min_df=5), LogisticRegression(max_iter=1000))`, **fitted on the training rows**.

# %%
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

# %% tags=["starter"] exercise="build_model"
model = ...

# %% tags=["solution"] exercise="build_model"
model = make_pipeline(
    TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=5),
    LogisticRegression(max_iter=1000),
)
model.fit(X_train, y_train)

# %%
ex.build_model.check()

# %% [markdown]
# ## How sure is the model, and where to draw the line?
#
# `model.predict` calls a string malicious when its probability is above 0.5. Nothing makes
# 0.5 right. A guard that blocks requests must rarely block a legitimate one: say at most
# 1% of them, a **false-positive rate** of 1%. The **threshold** that achieves that has to
# be chosen without the test rows, or the test score would no longer be a fair look at new
# strings.
#
# `cross_val_predict` gives every training row a probability from a model that did not see
# it (each of 5 folds is scored by a model fitted on the other 4): **out-of-fold** scores,
# as honest as test scores, from training rows alone. (Until exercises 2 and 3 pass, the
# next cells have nothing to work on.)

# %%
from sklearn.model_selection import cross_val_predict

ready = ex.build_model.evaluate().outcome == "correct"
if ready:
    malicious_column = list(model.classes_).index("malicious")
    oof = cross_val_predict(model, X_train, y_train, cv=5, method="predict_proba")
    oof = oof[:, malicious_column]
    legit_oof = oof[(y_train == "legit").to_numpy()]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    bins = np.linspace(0, 1, 41)
    ax.hist(legit_oof, bins=bins, alpha=0.6, label="legit", density=True)
    ax.hist(
        oof[(y_train == "malicious").to_numpy()],
        bins=bins,
        alpha=0.6,
        label="malicious",
        density=True,
    )
    ax.axvline(0.5, color="k", ls="--", label="0.5, predict's default")
    ax.set(xlabel="out-of-fold probability of 'malicious'", ylabel="density", yscale="log")
    ax.legend()
    plt.show()
    print(f"legit training statements above 0.5: {np.mean(legit_oof > 0.5):.3f}")
else:
    oof = legit_oof = None
    print("Solve exercises 2 and 3 first: these cells need your split and your model.")

# %% [markdown]
# (The vertical axis is logarithmic, so that the few legitimate statements with high scores
# are visible at all.) Some legitimate statements score high: they look like injections to
# the model. To block at most 1% of them, the threshold must be above all but the top 1% of
# the legitimate scores.
#
# ## Exercise 4: a threshold for a 1% false-positive rate
#
# **Task:** set `threshold` to the value above which lie at most 1% of the out-of-fold scores
# of the **legitimate** training statements (`legit_oof`), as low as that allows, so that as
# many injections as possible are still caught. `np.quantile(values, q)` is the value below
# which a share `q` of `values` lie.

# %% tags=["starter"] exercise="pick_threshold"
threshold = ...

# %% tags=["solution"] exercise="pick_threshold"
threshold = np.quantile(legit_oof, 0.99)

# %%
ex.pick_threshold.check()

# %% [markdown]
# ## Exercise 5: the test rows, once
#
# Now, with the threshold fixed, the test rows. The **recall** (or *detection rate*) is the
# share of injections caught; the false-positive rate is the share of legitimate statements
# blocked.
#
# **Task:** set `test_scores` to the test rows' probabilities of being malicious
# (`model.predict_proba(X_test)`, the column of `"malicious"`; `model.classes_` lists the
# columns' classes), then `test_fpr` and `test_recall` for "malicious when the score is
# above `threshold`".

# %% tags=["starter"] exercise="test_rates"
test_scores = ...
test_fpr = ...
test_recall = ...

# %% tags=["solution"] exercise="test_rates"
test_scores = model.predict_proba(X_test)[:, list(model.classes_).index("malicious")]
blocked = test_scores > threshold
test_fpr = blocked[(y_test == "legit").to_numpy()].mean()
test_recall = blocked[(y_test == "malicious").to_numpy()].mean()

# %%
ex.test_rates.check()
if ex.split_data.evaluate().outcome == "correct":
    n_legit_test = int((y_test == "legit").sum())
    print(
        f"{n_legit_test} legitimate test statements: each is {1 / n_legit_test:.2%} of "
        "the false-positive rate."
    )

# %% [markdown]
# Is the test false-positive rate near the 1% you aimed for? There are few legitimate
# statements in the test rows, so each one moves that rate in a big step: a rate measured on
# a few hundred rows is itself uncertain. The threshold was fixed before this look, so the
# numbers are honest; they are just not precise.

# %% [markdown]
# ## Exercise 6: precision in front of a real system
#
# **Precision** is the share of alarms that are real attacks. On the test rows most strings
# are injections, so most alarms are real. But suppose the guard stands in front of a real
# application where, say, one request in a thousand is an injection (an assumption; measure
# it where you deploy). Out of `N` requests, `N * rate` are injections and the guard catches
# `test_recall` of them; `N * (1 - rate)` are legitimate and it blocks `test_fpr` of those.
#
# **Task:** set `deployed_precision` to the share of the guard's alarms that would be real
# injections at `INJECTION_RATE`, from your `test_recall` and `test_fpr`.

# %%
INJECTION_RATE = 1 / 1000

# %% tags=["starter"] exercise="deployed_precision"
deployed_precision = ...

# %% tags=["solution"] exercise="deployed_precision"
caught = test_recall * INJECTION_RATE
false_blocks = test_fpr * (1 - INJECTION_RATE)
deployed_precision = caught / (caught + false_blocks)

# %%
ex.deployed_precision.check()

# %% [markdown]
# Look at the same guard as the share of attacks changes:

# %%
if ex.deployed_precision.evaluate().outcome == "correct":
    rates = np.logspace(-5, 0, 60)
    precision = test_recall * rates / (test_recall * rates + test_fpr * (1 - rates))
    test_share = (y_test == "malicious").mean()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(rates, precision)
    ax.axvline(INJECTION_RATE, color="tab:red", ls="--", label="one request in 1,000")
    ax.axvline(test_share, color="tab:green", ls="--", label="the test rows' share")
    ax.set(
        xscale="log",
        xlabel="share of requests that are injections",
        ylabel="precision of the guard's alarms",
        ylim=(0, 1.02),
    )
    ax.legend()
    plt.show()
    per_day = 100_000
    print(
        f"Out of {per_day:,} requests a day at that rate: about "
        f"{test_recall * INJECTION_RATE * per_day:,.0f} injections caught and "
        f"{test_fpr * (1 - INJECTION_RATE) * per_day:,.0f} legitimate requests blocked."
    )
else:
    print("Solve exercise 6 to see how precision depends on the share of attacks.")

# %% [markdown]
# The same model, the same threshold, the same recall and false-positive rate: only the share
# of attacks changed. When attacks are rare, even a small false-positive rate produces far
# more false alarms than real ones. People who are woken for nothing learn to ignore the
# alarms, or switch the guard off; users who are blocked for nothing leave. That is why
# precision matters when a model guards a system, and why it can only be judged at the share
# of attacks the system really sees, never at the share a training set happens to have.
# (The real defence against SQL injection is parameterised queries, which never paste input
# into SQL; a model like this one is at most an extra alarm.)
#
# ## What you learned
#
# - Repeated rows split across training and test rows make a test score too kind; remove
#   them first.
# - Character n-grams inside a pipeline turn strings into features learned from training
#   rows only.
# - A decision threshold is a choice: make it for the error you can afford (here 1% of
#   legitimate statements), on out-of-fold training scores, and check it on the test rows
#   once.
# - Precision depends on how rare the attacks are; at a realistic share, most alarms of a
#   good-looking model can be false.
#
# ## Going further
#
# - ClickSecurity's original notebook, *SQL Injection* (Python 2):
#   https://github.com/ClickSecurity/data_hacking/blob/master/sql_injection/sql_injection.ipynb
# - The whole data_hacking series, which the guide lists under "play to learn":
#   https://github.com/ClickSecurity/data_hacking
# - The *Dive into Machine Learning* guide and the courses it recommends:
#   https://github.com/dive-into-machine-learning/dive-into-machine-learning
# - scikit-learn user guide, *Tuning the decision threshold for class prediction*:
#   https://scikit-learn.org/stable/modules/classification_threshold.html
# - OWASP, *SQL Injection Prevention Cheat Sheet* (parameterised queries):
#   https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html

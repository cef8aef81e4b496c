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
# # Lesson 10: Malicious domains
#
# Some malware does not carry the address of its command server. Instead it runs a **domain
# generation algorithm (DGA)**: every day it makes up thousands of names like
# `xcaywkeyptvcvcrkmzrpvjbobgy.net` and tries them all, and its owner registers just one.
# Blocking a fixed list does not work against that; recognising a made-up name might. This
# lesson follows ClickSecurity's notebook *Detect Algorithmically Generated Domains* from the
# guide's "play to learn" list: features computed from the names themselves, a classifier,
# its false alarms on real domains, and a list of names nobody has labelled.
#
# You will learn to:
#
# - turn strings into numbers a model can use (**length**, **entropy**, **character n-grams**);
# - keep the test rows out of every step that learns from data, n-gram counts included;
# - count **false alarms** and say what their rate means on a real network;
# - use a trained model on new, unlabelled names.
#
# About 30 minutes. Run the cells in order (Shift+Enter); `ex.<name>.hint()` gives a hint.
#
# The first cell checks that the data is on this machine. If it is not, it says exactly what
# to run: do that, then run the notebook again.

# %%
import math
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from diveml.data import dataset_files, load_dataset
from diveml.lessons import require_data, start

require_data("dga_domains")
ex = start("10-malicious-domains")
ex

# %% [markdown]
# ## The data
#
# Two lists: the 100,000 most visited domains of 2013 (Alexa's ranking), labelled `legit`,
# and domains that security researchers saw DGA malware generate, labelled `dga`.

# %%
domains = load_dataset("dga_domains")
print(domains["class"].value_counts(), "\n")
domains.sample(8, random_state=1)

# %% [markdown]
# The part that matters is the name someone chose (`google` in `google.com`), not the
# **top-level domain** (`.com`, `.ru`) after the last dot: legitimate and generated names
# use the same ones. Some generated names arrived without one at all.
#
# ## Exercise 1: the name without its suffix
#
# **Task:** set `names` to a Series with, for each domain, the part before its **first**
# dot (`google` for `google.co.uk`; a domain without a dot is its own name). Pandas string
# methods work on a whole column at once: `domains["domain"].str.split(".")` cuts every
# domain at its dots, and `.str[0]` then takes the first piece of each.

# %% tags=["starter"] exercise="extract_names"
names = ...

# %% tags=["solution"] exercise="extract_names"
names = domains["domain"].str.split(".").str[0]

# %%
ex.extract_names.check()

# %% [markdown]
# The rest of the lesson needs these names. Until your answer passes, the next cell makes
# them itself (so it spoils exercise 1: solve that first).
#
# Some names now appear more than once: `google.com` and `google.de` are one name, and a
# generator may register the same name under `.org` and `.info`. If one copy landed in the
# training rows and another in the test rows, the model would be tested on a name it has
# already seen. So we keep each name once. And 100,000 legitimate names make every step
# slow; we keep a random sample of them (with a fixed seed, so you get the same rows every
# time) and every generated name. Generated names stay the rarer class, as they are on a real
# network.

# %%
if ex.extract_names.evaluate().outcome == "correct":
    domains["name"] = names
else:
    print("(Exercise 1 is not solved yet: the lesson makes the names itself.)")
    domains["name"] = domains["domain"].str.split(".").str[0]
unique = domains.drop_duplicates("name")
print(f"{len(domains) - len(unique):,} rows repeated a name seen before and were dropped.")
LEGIT_SAMPLE = 10_000
data = pd.concat(
    [
        unique[unique["class"] == "legit"].sample(LEGIT_SAMPLE, random_state=0),
        unique[unique["class"] == "dga"],
    ],
    ignore_index=True,
)
data["class"].value_counts()

# %% [markdown]
# ## How random does a name look?
#
# A generated name looks like someone hit random keys. One way to put a number on that is
# the **Shannon entropy** of its characters, in **bits**. Count how often each distinct
# character occurs; its share of the name is `p` (its count divided by the name's length).
# The entropy is minus the sum, over the distinct characters, of `p * log2(p)`:
#
# - `"aaaa"` has one character, with share 1: entropy 0 bits (no surprise at all);
# - `"abab"` has two characters, each with share 1/2: entropy 1 bit;
# - a name of many different characters, each used once, has a high entropy.
#
# ## Exercise 2: entropy
#
# **Task:** write a function `entropy(text)` that returns the Shannon entropy, in bits, of
# the characters of the string `text`. `Counter(text)` counts each character;
# `math.log2` is the base-2 logarithm.

# %% tags=["starter"] exercise="entropy"
entropy = ...  # replace this line with: def entropy(text): ...


# %% tags=["solution"] exercise="entropy"
def entropy(text):
    counts = Counter(text)
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


# %%
ex.entropy.check()

# %% [markdown]
# Now two numbers per name: its length and its entropy. (Until exercise 2 passes, the lesson
# uses scipy's `entropy` function, with `base=2`, on the character counts.)

# %%
if ex.entropy.evaluate().outcome == "correct":
    name_entropy = entropy
else:
    from scipy.stats import entropy as scipy_entropy

    def name_entropy(text):
        return float(scipy_entropy(list(Counter(text).values()), base=2))


data["length"] = data["name"].str.len()
data["entropy"] = data["name"].map(name_entropy)
data.groupby("class")[["length", "entropy"]].describe().round(2).T

# %% [markdown]
# A table of quartiles is hard to read. Look instead:

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for label, colour in (("legit", "tab:blue"), ("dga", "tab:red")):
    rows = data[data["class"] == label]
    axes[0].hist(
        rows["length"], bins=range(0, 45), alpha=0.5, density=True, label=label, color=colour
    )
    axes[1].scatter(rows["length"], rows["entropy"], s=3, alpha=0.3, label=label, color=colour)
axes[0].set(xlabel="length of the name", ylabel="share of the names", title="Length")
axes[1].set(xlabel="length of the name", ylabel="entropy (bits)", title="Length and entropy")
axes[0].legend()
axes[1].legend(markerscale=4)
plt.show()

# %% [markdown]
# Generated names sit along the upper edge of the cloud: for their length they use about as
# many different characters as a name can. The longest names are nearly all generated. But
# at the lengths where most generated names are, the two colours overlap, and a short name
# has little room for surprise: no name of 4 characters can have an entropy above 2 bits
# (4 different characters, each with share 1/4). Length and entropy alone will not do.
#
# ## Character n-grams: does it look like the names people choose?
#
# A **character n-gram** is a run of `n` consecutive characters: the 3-grams of `google` are
# `goo`, `oog`, `ogl`, `gle`. Names that people choose are made of n-grams that are common in
# other such names (`ing`, `shop`, `news`); generated names are not. The original notebook
# turns that into one number per name: count, over the legitimate names, how often each
# n-gram of length 3 to 5 occurs, and give each name the sum of the logarithms of the counts
# of its own n-grams. A high score means "made of familiar pieces".
#
# Those counts are *learned from data*, as a model's weights are. So first the split: a
# quarter of the rows become test rows, kept out of everything that learns, and
# `stratify` keeps each class's share equal in both parts.

# %%
from sklearn.model_selection import train_test_split

train, test = train_test_split(data, test_size=0.25, stratify=data["class"], random_state=0)
print(f"{len(train):,} training rows, {len(test):,} test rows")

# %% [markdown]
# ## Exercise 3: which names to count n-grams from
#
# The original notebook counted the n-grams of *all* 100,000 Alexa domains, before it split
# the rows. That is a **leak**: each legitimate test name's own n-grams were counted, so
# every one of them looks familiar to the model, and its score on them is too good. (Its
# other steps, length, entropy and a random forest, are sound; we keep them.)
#
# **Task:** set `legit_names` to the names the n-gram counts may be learned from: the names
# of the **legitimate** rows of the **training** set (a pandas Series).

# %% tags=["starter"] exercise="legit_names"
legit_names = ...

# %% tags=["solution"] exercise="legit_names"
legit_names = train.loc[train["class"] == "legit", "name"]

# %%
ex.legit_names.check()

# %% [markdown]
# The next cell counts the n-grams of `legit_names` (until exercise 3 passes it uses the
# right rows itself, so it spoils that exercise) and defines `features(names)`: the three
# numbers per name the model will see.

# %%
from sklearn.feature_extraction.text import CountVectorizer

if ex.legit_names.evaluate().outcome == "correct":
    counted = legit_names
else:
    print("(Exercise 3 is not solved yet: the lesson picks the rows itself.)")
    counted = train.loc[train["class"] == "legit", "name"]
grams = CountVectorizer(analyzer="char", ngram_range=(3, 5)).fit(counted)
log_counts = np.log10(np.asarray(grams.transform(counted).sum(axis=0)).ravel())


def features(names):
    """Length, entropy and n-gram score of each name in the Series `names`."""
    names = pd.Series(names).reset_index(drop=True)
    return pd.DataFrame(
        {
            "length": names.str.len(),
            "entropy": names.map(name_entropy),
            "ngram_score": grams.transform(names) @ log_counts,
        }
    )


features(pd.Series(["google", "facebook", "xcaywkeyptvcvcrkmzrp"]))

# %% [markdown]
# ## A random forest
#
# A **random forest** is many decision trees, each grown on a random resample of the training
# rows, voting together. It is the original notebook's model, and a sound one for a few
# numeric features. Fit it on the training rows, predict the test rows, and count what it got
# right and wrong in a **confusion matrix**: one row per true class, one column per
# predicted class.

# %%
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import ConfusionMatrixDisplay

X_train, X_test = features(train["name"]), features(test["name"])
y_train, y_test = train["class"].to_numpy(), test["class"].to_numpy()
model = RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1)
model.fit(X_train, y_train)
predicted = model.predict(X_test)
print(f"accuracy on the {len(y_test):,} test rows: {model.score(X_test, y_test):.3f}")
ConfusionMatrixDisplay.from_predictions(y_test, predicted, labels=["legit", "dga"])
plt.show()

# %% [markdown]
# **Accuracy**, the share of test rows classified right, looks high. But most rows are
# legitimate: a model that called *everything* legitimate would score almost as well. The
# errors that matter are in the two cells off the diagonal.
#
# A **false positive** (a false alarm) is a legitimate name flagged as generated: a real site
# blocked, or a person woken at night for nothing. A **false negative** is a generated name
# let through.
#
# ## Exercise 4: the false alarms
#
# **Task:** set `false_alarms` to the rows of `test` that are legitimate but that the model
# predicted as `dga` (a DataFrame, `test` filtered with a mask). `predicted` holds the
# predictions, in the same order as the rows of `test`.

# %% tags=["starter"] exercise="false_alarms"
false_alarms = ...

# %% tags=["solution"] exercise="false_alarms"
false_alarms = test[(test["class"] == "legit") & (predicted == "dga")]

# %%
ex.false_alarms.check()
if ex.false_alarms.evaluate().outcome == "correct":
    print(false_alarms[["domain", "length", "entropy"]].head(15))

# %% [markdown]
# Read the names. Are they really random? Many are words of languages other than English,
# or mix letters, digits and hyphens: pieces the n-gram counts rarely saw. The features
# measure how familiar the pieces of a name are, not what it means.
#
# ## Exercise 5: the false-alarm rate
#
# The number that tells a network's operators how often they will be bothered for nothing is
# the **false-positive rate**: of all legitimate names, the share flagged as generated.
#
# **Task:** set `false_alarm_rate` to that share, on the test rows: a fraction between 0
# and 1.

# %% tags=["starter"] exercise="false_alarm_rate"
false_alarm_rate = ...

# %% tags=["solution"] exercise="false_alarm_rate"
false_alarm_rate = len(false_alarms) / (test["class"] == "legit").sum()

# %%
ex.false_alarm_rate.check()

# %% [markdown]
# Is that small? It depends on how many names go by. A company's resolver may see many
# thousand distinct legitimate names in a day; here is what your rate would mean:

# %%
if ex.false_alarm_rate.evaluate().outcome == "correct":
    for per_day in (1_000, 10_000, 100_000):
        print(
            f"{per_day:>7,} legitimate names a day -> about "
            f"{false_alarm_rate * per_day:,.0f} false alarms a day"
        )
else:
    print("Solve exercise 5 to see what your rate means in a day.")

# %% [markdown]
# ## Exercise 6: names nobody has labelled
#
# The original notebook ends with 200 names seen on a network, without labels: the job the
# model was built for. Three are URLs with a path and one ends with a space.
#
# **Task:** set `new_names` to their names, cleaned exactly as the training names were (cut
# off spaces at both ends with `.str.strip()`, make them lower case, keep the part before
# the first dot), and `new_predictions` to the model's predicted class for each
# (`model.predict` on `features(new_names)`). In these 200 lines the space and the capital
# letters happen to sit after the first dot, so the split alone would remove them; clean
# anyway, since the next name off the network may have them in front.

# %%
path = dataset_files("dga_domains")["urls_to_evaluate.txt"]
raw = pd.Series(path.read_text(encoding="utf-8").splitlines(), name="raw")
raw.head(8)

# %% tags=["starter"] exercise="score_new_names"
new_names = ...
new_predictions = ...

# %% tags=["solution"] exercise="score_new_names"
new_names = raw.str.strip().str.lower().str.split(".").str[0]
new_predictions = model.predict(features(new_names))

# %%
ex.score_new_names.check()

# %%
if ex.score_new_names.evaluate().outcome == "correct":
    scored = pd.DataFrame({"raw": raw, "predicted": new_predictions})
    print(scored["predicted"].value_counts(), "\n")
    print(scored.groupby("predicted").head(5).sort_values("predicted").to_string(index=False))

# %% [markdown]
# These names have no labels, so no score can be computed for them: the model's test score
# is all we have to go on, and only if these names come from the same kind of traffic as the
# training names. Here they do not quite: the legitimate ones were sampled from the most
# visited sites, and a network sees plenty of obscure ones. Expect more false alarms on real
# traffic than the test rows suggest.
#
# ## What you learned
#
# - Strings become features through numbers you can explain: length, entropy, how familiar
#   their n-grams are.
# - Anything learned from data, n-gram counts included, is learned from the training rows
#   only; the original counted them over every legitimate domain and so leaked.
# - Duplicates of one name on both sides of a split let a model be tested on what it saw.
# - Accuracy hides the errors that matter; the false-positive rate, times the traffic, says
#   how many false alarms people will get.
#
# ## Going further
#
# - ClickSecurity's original notebook, *Detect Algorithmically Generated Domains* (Python 2;
#   it also counts n-grams of English words, from a word list not in the stored data):
#   https://github.com/ClickSecurity/data_hacking/blob/master/dga_detection/DGA_Domain_Detection.ipynb
# - The whole data_hacking series, which the guide lists under "play to learn":
#   https://github.com/ClickSecurity/data_hacking
# - The *Dive into Machine Learning* guide and the courses it recommends:
#   https://github.com/dive-into-machine-learning/dive-into-machine-learning
# - scikit-learn user guide, *Text feature extraction* (n-grams of characters):
#   https://scikit-learn.org/stable/modules/feature_extraction.html#text-feature-extraction
# - scikit-learn user guide, *Common pitfalls*, on data leakage:
#   https://scikit-learn.org/stable/common_pitfalls.html

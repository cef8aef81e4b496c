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
# # Lesson 12: Java class files
#
# Is this piece of compiled Java code malicious? ClickSecurity's notebook *Java Class File
# Analysis*, from the guide's "play to learn" list, answers with a random forest trained on
# what a file-analysis tool reported about 1,020 class files, benign and malicious: one JSON
# document per file. This lesson follows it, and then looks for the trap in its data: many
# benign classes come from the same few libraries, so a random split puts near-copies of one
# library on both sides, and the score measures recognising a library, not code.
#
# You will learn to:
#
# - turn nested JSON documents into a table with `pandas.json_normalize`;
# - build numeric features from lists and missing values;
# - spot a column that gives the answer away;
# - find **groups** in your data, and score with a **grouped split** when they matter.
#
# About 30 minutes. The first cell checks that the data (1,020 files, each verified by its
# sha256) is on this machine. If it is not, it says exactly what to run: do that, then run
# the notebook again.

# %%
import json

import matplotlib.pyplot as plt
import pandas as pd

from diveml.data import dataset_files
from diveml.lessons import require_data, start

require_data("java_classes")
ex = start("12-java-class-files")
ex

# %% [markdown]
# ## JSON documents
#
# `dataset_files` gives the path of every file, by its name in the dataset: the folder says
# the label (`clean/` or `malicious/`), the file name is the sha256 of the class file that
# was analysed. Each file holds one **JSON** document: objects (`{...}`, like Python
# dictionaries) nested inside objects, and lists (`[...]`).

# %%
paths = dataset_files("java_classes")
docs = [json.loads(path.read_text(encoding="utf-8")) for path in paths.values()]
labels = pd.Series(
    ["benign" if name.startswith("clean/") else "malicious" for name in paths], name="label"
)
print(len(docs), "documents;", labels.value_counts().to_dict())
print(json.dumps(docs[0], indent=1)[:1200])

# %% [markdown]
# A model needs a table: one row per file, one column per field. The fields we want sit at
# different depths (`metadata` → `file_size`, `characteristics` → `java` → `class_name`).
#
# ## Exercise 1: nested JSON into a table
#
# `pd.json_normalize(docs)` makes one row per document and one column per field, named by
# its path joined with dots: `metadata.file_size`, `characteristics.java.class_name`. Its
# `max_level` says how many levels deep to go: `max_level=2` stops at fields like
# `characteristics.java.class_name` and keeps anything deeper as one value.
#
# **Task:** set `table` to `docs` flattened with `pd.json_normalize`, two levels deep
# (`max_level=2`).

# %% tags=["starter"] exercise="flatten"
table = ...

# %% tags=["solution"] exercise="flatten"
table = pd.json_normalize(docs, max_level=2)

# %%
ex.flatten.check()

# %% [markdown]
# Why stop at two levels? See what flattening *every* level gives: the string analysis uses
# strings found in the class as its keys, so each becomes a column of its own, named after
# a piece of code and empty for almost every file. (Until exercise 1 passes, the lesson
# flattens the documents itself from here on: that spoils it, so solve it first.)

# %%
everything = pd.json_normalize(docs)
print(everything.shape[1], "columns when every level is flattened, for example:")
for name in everything.columns[everything.isna().mean() > 0.99][:3]:
    print("   ", repr(name[:90]))
if ex.flatten.evaluate().outcome != "correct":
    table = pd.json_normalize(docs, max_level=2)
print(table.shape[1], "columns at two levels")
table.head(3).T

# %% [markdown]
# ## Exercise 2: counting what a list holds
#
# Some fields are lists, like the names of a class's methods. A model cannot use a list, but
# it can use its length. Look at the column first:

# %%
methods = table["characteristics.java.method_names"]
print(methods.head(3).tolist())
print("documents without this field:", methods.isna().sum())

# %% [markdown]
# When a document has no `method_names`, the table holds `NaN` there: the tool found no
# methods to list.
#
# **Task:** set `n_methods` to a Series with the number of method names of each class (0
# where there is none). `.str.len()` gives the length of each list.

# %% tags=["starter"] exercise="count_methods"
n_methods = ...

# %% tags=["solution"] exercise="count_methods"
n_methods = methods.str.len().fillna(0)

# %%
ex.count_methods.check()

# %% [markdown]
# ## Features
#
# The original notebook's features are numbers about each class: its file size and
# entropy, its constant-pool count (the table of names and values a class refers to), its
# version, how many methods, interfaces and access flags it has, and the length of its name
# and how many `/` it has (how deep its package is). The next cell builds them the way you
# counted the methods.


# %%
def count_items(column):
    """The number of items in each list of a table column; 0 where there is none."""
    return table[column].str.len().fillna(0).astype(int)


java = "characteristics.java."
class_name = table[java + "class_name"]
features = pd.DataFrame(
    {
        "file_size": table["metadata.file_size"],
        "entropy": table["metadata.entropy"],
        "const_pool_count": table[java + "const_pool_count"],
        "major_version": table[java + "major_version"],
        "minor_version": table[java + "minor_version"],
        "n_methods": count_items(java + "method_names"),
        "n_interfaces": count_items(java + "interfaces"),
        "n_access_flags": count_items(java + "access_permissions"),
        "name_length": class_name.str.len(),
        "name_slashes": class_name.str.count("/"),
        "has_source_file": table[java + "sourcefile"].notna().astype(int),
    }
)
features.groupby(labels).median().T

# %% [markdown]
# ## Exercise 3: a column that knows the answer
#
# Before any model: is there a column that *tells* the label, that a model would use and
# that a new file would not have? Look at the text columns, their first values, by label:

# %%
text_columns = [c for c in table.columns if table[c].map(lambda v: isinstance(v, str)).all()]
table[text_columns].groupby(labels).first().T

# %% [markdown]
# **Task:** set `leaky_column` to the name (a string) of the column of `table` whose values
# contain the label itself.

# %% tags=["starter"] exercise="leaky_column"
leaky_column = ...

# %% tags=["solution"] exercise="leaky_column"
leaky_column = "metadata.file_name"

# %%
ex.leaky_column.check()

# %% [markdown]
# A column like that is **leakage**: it scores perfectly and means nothing, because a new
# file arrives without its folder. The features above do not use it.
#
# ## The original's method: a random forest, rows split at random
#
# A **random forest** (many decision trees voting) on these features, scored by 5-fold
# cross-validation that deals rows into folds at random (keeping each label's share):

# %%
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

forest = RandomForestClassifier(n_estimators=50, random_state=0, n_jobs=1)
random_cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
random_scores = cross_val_score(forest, features, labels, cv=random_cv)
print("accuracy per fold:", random_scores.round(3), " mean:", round(random_scores.mean(), 3))

# %% [markdown]
# Nearly perfect. Too good? Look at where the benign classes come from.
#
# ## Exercise 4: which library does a class come from?
#
# A Java class name is a path: `com/google/common/collect/ForwardingMap` is the class
# `ForwardingMap` in the package `com/google/common/collect`. Its first two parts
# (`com/google`) name the organisation whose library it is; a class in no package (`Main`)
# is just its name.
#
# **Task:** set `library` to the first two parts of each class name, joined again with
# `/`: `.str.split("/")` cuts the name, `.str[:2]` keeps the first two pieces of each list,
# and `.str.join("/")` glues them back together.

# %% tags=["starter"] exercise="library"
library = ...

# %% tags=["solution"] exercise="library"
library = class_name.str.split("/").str[:2].str.join("/")

# %%
ex.library.check()

# %% [markdown]
# (Until exercise 4 passes, the next cells make the libraries themselves, which spoils it.)

# %%
if ex.library.evaluate().outcome != "correct":
    library = class_name.str.split("/").str[:2].str.join("/")
top = library.value_counts().head(12).index
counts = pd.crosstab(library[library.isin(top)], labels).loc[top]
counts.plot.barh(figsize=(7, 4), title="the 12 largest libraries (or class names)")
plt.gca().invert_yaxis()
plt.xlabel("classes")
plt.show()
print(
    f"{library.nunique()} libraries; the three largest hold "
    f"{library.value_counts().head(3).sum()} of the {len(library)} classes"
)

# %% [markdown]
# Most benign classes come from a handful of libraries, and classes of one library are
# alike: often built by one compiler version, named in one style. Here are
# the first classes of one library:

# %%
features[library == "com/google"].head(6)

# %% [markdown]
# ## Exercise 5: how many test classes have a sibling in training?
#
# Split the rows at random, as the original did, and ask of each test class: is its library
# also among the training classes?

# %%
from sklearn.model_selection import train_test_split

library_train, library_test = train_test_split(
    library, test_size=0.25, stratify=labels, random_state=0
)

# %% [markdown]
# **Task:** set `seen_share` to the share of the test classes (`library_test`) whose
# library appears in the training classes (`library_train`). `Series.isin(values)` is
# True where a value is among `values`.

# %% tags=["starter"] exercise="seen_share"
seen_share = ...

# %% tags=["solution"] exercise="seen_share"
seen_share = library_test.isin(library_train).mean()

# %%
ex.seen_share.check()

# %% [markdown]
# So a random split mostly tests the model on libraries it has already seen. That is not
# the question we care about: a new malicious file is new code. The honest test holds out
# whole libraries: a **grouped split**, where every row of a **group** (here a library) goes
# to the same side.
#
# It matters most for a model that could *recognise* a library. Here is one that reads
# names: the words in each class name and its method names, counted
# (`CountVectorizer`), then a random forest. Scored with the random split:

# %%
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import make_pipeline


def method_words(value):
    return " ".join(value) if isinstance(value, list) else ""


names_text = class_name.str.replace("/", " ") + " " + table[java + "method_names"].map(method_words)
names_model = make_pipeline(
    CountVectorizer(token_pattern=r"[A-Za-z]+", binary=True),
    RandomForestClassifier(n_estimators=50, random_state=0, n_jobs=1),
)
names_random = cross_val_score(names_model, names_text, labels, cv=random_cv)
print("names model, random folds:", names_random.round(3), " mean:", round(names_random.mean(), 3))

# %% [markdown]
# ## Exercise 6: a grouped split
#
# `GroupKFold(n_splits=5)` makes 5 folds that never split a group; `cross_val_score` then
# needs to know each row's group: `groups=library`.
#
# **Task:** set `grouped_cv` to `GroupKFold(n_splits=5)` and `grouped_scores` to the
# cross-validated accuracy of `names_model` on `names_text`, `labels`, with that splitter
# and the libraries as groups.

# %%
from sklearn.model_selection import GroupKFold

# %% tags=["starter"] exercise="grouped_split"
grouped_cv = ...
grouped_scores = ...

# %% tags=["solution"] exercise="grouped_split"
grouped_cv = GroupKFold(n_splits=5)
grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv, groups=library)

# %%
ex.grouped_split.check()

# %% [markdown]
# Now both models, both ways:

# %%
grouped_splitter = GroupKFold(n_splits=5)
results = {
    "original features, random folds": random_scores,
    "original features, grouped folds": cross_val_score(
        forest, features, labels, cv=grouped_splitter, groups=library
    ),
    "names, random folds": names_random,
    "names, grouped folds": cross_val_score(
        names_model, names_text, labels, cv=grouped_splitter, groups=library
    ),
}
fig, ax = plt.subplots(figsize=(8, 3))
for row, scores in enumerate(results.values()):
    ax.plot(scores, [row] * len(scores), "o", alpha=0.7)
    ax.plot([scores.mean()] * 2, [row - 0.3, row + 0.3], "k-")
ax.set_yticks(range(len(results)), list(results))
ax.invert_yaxis()
ax.set_xlabel("accuracy on each fold (bar: the mean)")
plt.show()
for name, scores in results.items():
    print(f"{name:34s} mean {scores.mean():.3f}, lowest fold {scores.min():.3f}")

# %% [markdown]
# The names model looked as good as the other with random folds; held-out libraries show
# how much of that was recognising libraries it had seen. The original features hold up
# better. But a grouped split can only test what the sample contains. Look at one of those
# features, the depth of the package:

# %%
pd.crosstab(features["name_slashes"] == 0, labels, rownames=["class in no package"])

# %% [markdown]
# Almost every class in no package is malicious, and almost every benign class sits in a
# package: benign code here came from published libraries, malicious code from small
# programs. A model can lean on that, and it would fail on benign code written the same way
# (a student's `Main.class`). No split fixes a sample that does not look like the files the
# model will meet; only better data does. And these are 2015 files: today's malware is
# different.
#
# ## What you learned
#
# - `pd.json_normalize` turns nested JSON into columns named by their path; `max_level`
#   keeps data-as-keys from exploding into columns.
# - Lists become counts, and a missing list is a count of 0, not a missing value.
# - A column that contains the label (here the file's folder) is leakage; find it first.
# - Near-copies in one group on both sides of a split make a score too kind; a grouped split
#   holds out whole groups, and shows what the model does on something new.
#
# ## Going further
#
# - ClickSecurity's original notebook, *Java Class File Analysis* (Python 2):
#   https://github.com/ClickSecurity/data_hacking/blob/master/java_classification/java_classification.ipynb
# - The whole data_hacking series, which the guide lists under "play to learn":
#   https://github.com/ClickSecurity/data_hacking
# - The *Dive into Machine Learning* guide and the courses it recommends:
#   https://github.com/dive-into-machine-learning/dive-into-machine-learning
# - scikit-learn user guide, *Cross-validation iterators for grouped data*:
#   https://scikit-learn.org/stable/modules/cross_validation.html#group-cv
# - pandas documentation, `json_normalize`:
#   https://pandas.pydata.org/docs/reference/api/pandas.json_normalize.html

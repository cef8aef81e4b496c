# %% [markdown]
# # Lesson 4: pandas II, the Titanic passengers
#
# In lesson 3 you loaded, selected, filtered and sorted a table. Real tables are messier:
# some values are missing, some columns are stored as the wrong kind of value, and the
# interesting questions are about *groups* ("did women survive more often than men?"). This
# lesson works through all three on a real table: the passengers of the Titanic.
#
# You will learn to:
#
# - find **missing values**, including one that hides in plain sight,
# - give a column the right **type**: an ordered **categorical**,
# - **fill in** missing values, and see what filling in does to an analysis,
# - compare groups with **`groupby`** and **`pivot_table`**, and **plot** them.
#
# About 25 minutes. Run each cell with **Shift+Enter**, from top to bottom.

# %%
from diveml.lessons import start

ex = start("04-pandas-ii")
ex

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import diveml

# %% [markdown]
# ## The table
#
# `diveml.load_dataset` returns a pandas **DataFrame**: a table whose columns have names and
# whose rows have labels (the **index**, shown on the left). Each row is one passenger.

# %%
titanic = diveml.load_dataset("titanic")
print(len(titanic), "passengers")
titanic.head()

# %% [markdown]
# Every column has a **dtype** (data type): the kind of value it holds. `float64` means
# decimal numbers, `int64` whole numbers, and `str` (or `object` in older pandas) text.

# %%
titanic.dtypes

# %% [markdown]
# `survived` is `1` for a passenger who survived and `0` for one who did not. Storing a
# yes/no answer as 1/0 is a handy trick: the **mean** of such a column is the *share* of
# ones, a number between 0 and 1. Here is the share of all passengers who survived:

# %%
titanic["survived"].mean()

# %% [markdown]
# ## Missing values
#
# A **missing value** is a cell with no data. pandas shows it as `NaN` ("not a number").
# Look at the `age` column of these rows:

# %%
titanic.iloc[12:18]

# %% [markdown]
# `isna()` turns every cell into `True` (missing) or `False` (present). Python counts `True`
# as 1, so summing each column counts its missing cells. The result is a **Series**: one
# column of values, each with a label (here, the column names of `titanic`).

# %%
titanic.isna().sum()

# %% [markdown]
# A count is hard to judge without the number of rows. A **share** (a fraction from 0 to 1)
# is easier: 0.5 means that half of the column is missing.
#
# ## Exercise 1: how much is missing?
#
# **Task:** set `missing_share` to a Series that gives, for each column of `titanic`, the
# share of its values that are missing.
#
# The mean of `True`/`False` values is the share of `True`s. After your answer, add a line
# `missing_share` to the cell to look at the result.

# %% tags=["starter"] exercise="missing_share"
missing_share = ...

# %% tags=["solution"] exercise="missing_share"
missing_share = titanic.isna().mean()
missing_share

# %%
ex.missing_share.check()

# %% [markdown]
# ## A missing value in disguise
#
# `isna()` found no gaps in `class`. Now count its values:

# %%
titanic["class"].value_counts()

# %% [markdown]
# One passenger's class is `"*"`: whoever typed up the list did not know it. pandas cannot
# know that `"*"` means "unknown", so it counts it as a fourth class. Tables hide missing
# values as `"*"`, `"?"`, `-1`, `999` or an empty string: always look at the values, not only
# at `isna()`.
#
# ## Exercise 2: unmask the missing class
#
# **Task:** set `class_clean` to the `class` column of `titanic` with `"*"` replaced by a
# real missing value, `np.nan`. Keep every passenger: `class_clean` must have as many rows
# as `titanic`.

# %% tags=["starter"] exercise="class_clean"
class_clean = ...  # a Series has a .replace(old, new) method

# %% tags=["solution"] exercise="class_clean"
class_clean = titanic["class"].replace("*", np.nan)

# %%
ex.class_clean.check()

# %% [markdown]
# ## Types: ordered categories
#
# `class` holds only three values, and they have an order: 1st is above 2nd, which is above
# 3rd. As text, pandas knows neither fact. It would accept `"4th"` or `"first"` without a
# word, and it sorts text alphabetically, which only happens to work here.
#
# A **categorical** column stores a fixed list of allowed values, its **categories**, and
# can remember their order. You describe the type once:

# %%
class_type = pd.CategoricalDtype(categories=["1st", "2nd", "3rd"], ordered=True)
class_type

# %% [markdown]
# ## Exercise 3: give `class` its type
#
# **Task:** set `class_categorical` to `class_clean` converted to the type `class_type`.
#
# `.astype(some_type)` converts a Series to another type.

# %% tags=["starter"] exercise="class_categorical"
class_categorical = ...

# %% tags=["solution"] exercise="class_categorical"
class_categorical = class_clean.astype(class_type)

# %%
ex.class_categorical.check()

# %% [markdown]
# From here on the lesson uses `passengers`: a copy of the table whose `class` column is
# clean and typed. This cell builds it the same way as exercises 2 and 3, so the rest of the
# lesson works even if you come back to those later. (`assign` returns a new DataFrame with
# the column replaced; `titanic` itself does not change.)

# %%
passengers = titanic.assign(**{"class": titanic["class"].replace("*", np.nan).astype(class_type)})
passengers.dtypes

# %% [markdown]
# Comparisons now follow the order of the categories. The passengers in 2nd class or
# better:

# %%
(passengers["class"] <= "2nd").sum()

# %% [markdown]
# ## Filling in missing ages
#
# Many tools, most scikit-learn models among them, refuse a table with missing values. There
# are two ways out: **drop** the rows that have a gap (`dropna`), or **impute** the gaps:
# fill each one with a stand-in value (`fillna`). Dropping costs rows:

# %%
print(len(passengers), "passengers;", len(passengers.dropna()), "left after dropna()")

# %% [markdown]
# Filling in is not free either. Here is a bad stand-in, 0, shown as a **histogram** (a
# bar chart that counts how many values fall in each interval of ages):

# %%
age_zero = passengers["age"].fillna(0)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
passengers["age"].plot.hist(bins=30, ax=axes[0], title="age as recorded")
age_zero.plot.hist(bins=30, ax=axes[1], title="age with the gaps filled with 0")
for ax in axes:
    ax.set_xlabel("age (years)")
    ax.set_ylabel("number of passengers")
plt.show()
print("passengers aged 0 after filling:", (age_zero == 0).sum())
print("mean age as recorded:", round(passengers["age"].mean(), 1))
print("mean age with the gaps filled with 0:", round(age_zero.mean(), 1))

# %% [markdown]
# Every passenger whose age was unknown became a newborn, and the mean age dropped by
# years. A better stand-in is the **median**: the middle value once the values are sorted
# (half the values are below it, half above). A few very old or very young passengers
# barely move it.
#
# ## Exercise 4: fill in the ages
#
# **Task:** set `age_filled` to the `age` column of `passengers`, with every missing age
# replaced by the median of the recorded ages. Keep every row.
#
# `.median()` skips missing values; `.fillna(value)` fills them.

# %% tags=["starter"] exercise="age_filled"
age_filled = ...

# %% tags=["solution"] exercise="age_filled"
age_filled = passengers["age"].fillna(passengers["age"].median())

# %%
ex.age_filled.check()

# %% [markdown]
# The median makes a tall bar at one ordinary age rather than at 0, which is less absurd,
# but it is still made up. A filled column is fine as *input to a model*; any statement
# about the passengers ("how many children were aboard?") must use the recorded ages.
#
# And is *being* missing random? Split the passengers by whether their age is missing, and
# compare how many survived (the next section explains `groupby`):

# %%
passengers.groupby(passengers["age"].isna())["survived"].mean()

# %% [markdown]
# Passengers with no recorded age (`True`) survived less often. A gap can carry
# information, so don't assume it is harmless noise.
#
# ## Groups: `groupby`
#
# "For each class, what share survived?" is a question about groups. `groupby` answers it in
# three steps, often called **split-apply-combine**: **split** the rows into groups by the
# values of a column, **apply** a summary (mean, count, ...) to each group, **combine** the
# results into one Series, with one entry per group. `observed=True` asks for groups that
# occur in the data only.

# %%
survival_by_class = passengers.groupby("class", observed=True)["survived"].mean()
survival_by_class

# %%
ax = survival_by_class.plot.bar(rot=0, ylabel="share who survived", title="Survival by class")
ax.set_ylim(0, 1)
plt.show()

# %% [markdown]
# ## Exercise 5: survival by sex
#
# **Task:** set `survival_by_sex` to a Series with, for each sex, the share of passengers
# who survived (one entry for `"female"`, one for `"male"`). Use `passengers`.

# %% tags=["starter"] exercise="survival_by_sex"
survival_by_sex = ...

# %% tags=["solution"] exercise="survival_by_sex"
survival_by_sex = passengers.groupby("sex")["survived"].mean()
survival_by_sex

# %%
ex.survival_by_sex.check()

# %% [markdown]
# ## Two groupings at once: pivot tables
#
# A **pivot table** groups the rows by two columns at once: one gives its rows, the other
# its columns, and each cell summarises the passengers in both groups. Here, the *number* of
# passengers in each class and sex (`aggfunc` names the summary; `"size"` counts rows):

# %%
passengers.pivot_table(
    index="class", columns="sex", values="survived", aggfunc="size", observed=True
)

# %% [markdown]
# ## Exercise 6: survival by class and sex
#
# **Task:** set `survival_table` to a pivot table of `passengers` with one row per class,
# one column per sex, and in each cell the share of those passengers who survived.
#
# Start from the cell above and change one thing.

# %% tags=["starter"] exercise="survival_table"
survival_table = ...

# %% tags=["solution"] exercise="survival_table"
survival_table = passengers.pivot_table(
    index="class", columns="sex", values="survived", aggfunc="mean", observed=True
)
survival_table

# %%
ex.survival_table.check()

# %% [markdown]
# A table of numbers is easier to read as a picture. The same table can be built another
# way: `groupby` on two columns gives one long Series, and `.unstack()` turns its inner level
# (sex) into columns. A DataFrame's `.plot.bar()` then draws one group of bars per row and
# one colour per column:

# %%
by_class_and_sex = passengers.groupby(["class", "sex"], observed=True)["survived"].mean().unstack()
ax = by_class_and_sex.plot.bar(
    rot=0, ylabel="share who survived", title="Survival by class and sex"
)
ax.set_ylim(0, 1)
plt.show()

# %% [markdown]
# Read the plot: in every class, women survived far more often than men ("women and
# children first"), and for each sex, survival falls from 1st to 3rd class. Neither
# grouping alone shows both facts.
#
# ## From numbers to groups: `pd.cut`
#
# Were children more likely to survive? First, a picture: the ages of the passengers who
# survived and of those who did not, as two histograms on the same axes.

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
bins = np.arange(0, 80, 5)
passengers.loc[passengers["survived"] == 0, "age"].plot.hist(
    bins=bins, alpha=0.6, ax=ax, label="died"
)
passengers.loc[passengers["survived"] == 1, "age"].plot.hist(
    bins=bins, alpha=0.6, ax=ax, label="survived"
)
ax.set_xlabel("age (years), as recorded")
ax.set_ylabel("number of passengers")
ax.legend()
plt.show()

# %% [markdown]
# For the youngest passengers the "survived" bars are taller; for young adults, "died"
# clearly dominates. To put numbers on it, make age *groups*: `pd.cut` puts each
# number into an interval (a **bin**) and returns a categorical column. These bins are child
# (up to 12), teen (over 12, up to 18), adult (over 18, up to 60) and senior (over 60).
# On a few made-up ages (a missing age stays missing):

# %%
age_bins = [0, 12, 18, 60, 120]
age_labels = ["child", "teen", "adult", "senior"]
some_ages = pd.Series([2.0, 15.0, 30.0, 70.0, np.nan])
pd.DataFrame({"age": some_ages, "group": pd.cut(some_ages, bins=age_bins, labels=age_labels)})

# %% [markdown]
# ## Exercise 7: survival by age group
#
# **Task:** set `survival_by_age_group` to a Series with, for each age group (`age_bins`
# and `age_labels` above), the share of passengers who survived.
#
# Use the **recorded** ages, `passengers["age"]`, not `age_filled`: think about which group
# the filled-in passengers would land in. `groupby` accepts a Series as well as a column
# name, so you can group by the result of `pd.cut` directly; pass `observed=True`.

# %% tags=["starter"] exercise="survival_by_age_group"
survival_by_age_group = ...

# %% tags=["solution"] exercise="survival_by_age_group"
age_group = pd.cut(passengers["age"], bins=age_bins, labels=age_labels)
survival_by_age_group = passengers.groupby(age_group, observed=True)["survived"].mean()
survival_by_age_group

# %%
ex.survival_by_age_group.check()

# %% [markdown]
# ## What you learned
#
# - `isna()` finds missing values, and `isna().mean()` gives their share per column. Look at
#   the values too: missing data hides as `"*"`, `"?"` or `-1`.
# - A categorical type lists the allowed values of a column, and their order.
# - Filling gaps with `fillna` makes a column usable by a model, but changes what it says;
#   and whether a value is missing can itself be informative.
# - `groupby(...)[column].mean()` on a 0/1 column gives a rate per group; `pivot_table`
#   does it for two groupings at once; `pd.cut` turns numbers into groups.
#
# This is the last lesson on the path. Next, as the guide suggests, run a practice study of
# a table of your own: `diveml study YOUR_TABLE.csv --target YOUR_COLUMN`.
#
# ## Going further
#
# The *Dive into Machine Learning* guide says you will want to learn pandas well, and
# recommends:
#
# - Tom Augspurger's **Modern pandas** series, on writing pandas *well*: start with
#   [the introduction](https://tomaugspurger.net/posts/modern-1-intro/), then *Method
#   chaining* and *Tidy data* (source: <https://github.com/TomAugspurger/effective-pandas>).
# - [10 minutes to pandas](https://pandas.pydata.org/docs/user_guide/10min.html), and
#   Sebastian Raschka's [Things in pandas I wish I'd known earlier](https://nbviewer.org/github/rasbt/python_reference/blob/master/tutorials/things_in_pandas.ipynb).
# - The pandas user guide on [missing data](https://pandas.pydata.org/docs/user_guide/missing_data.html),
#   [categorical data](https://pandas.pydata.org/docs/user_guide/categorical.html),
#   [group by](https://pandas.pydata.org/docs/user_guide/groupby.html) and
#   [reshaping and pivot tables](https://pandas.pydata.org/docs/user_guide/reshaping.html).
#
# Try it yourself: each passenger's title (`Mr`, `Mrs`, `Miss`, `Master`, ...) is inside the
# `name` column. Pull it out with `passengers["name"].str.extract(r", (\w+)")` and compare
# survival by title.

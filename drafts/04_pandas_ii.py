# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Lesson 4 — pandas II: the Titanic passengers
#
# In lesson 3 you loaded, selected, filtered and sorted a table. Real tables are messier:
# some values are missing, some are stored as the wrong *type*, and the interesting
# questions are about *groups* ("did women survive more often than men?"). This lesson
# works through all three on a real table: 1,313 passengers of the Titanic.
#
# You will:
#
# 1. find the missing values, and one that hides in plain sight;
# 2. give a column the right type (a *categorical*);
# 3. fill in missing ages, and see what filling in does to an analysis;
# 4. compare groups with `groupby` and `pivot_table`, and plot them.
#
# About 25 minutes. Run each cell with **Shift+Enter**, top to bottom.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import diveml

# EXERCISE-HANDLES-IMPORT (replaced once the framework's API is known)

# %% [markdown]
# ## The table
#
# `diveml.load_dataset` returns a pandas **DataFrame**: a table whose columns have names
# and whose rows have labels (the *index*). Each row is one passenger.

# %%
titanic = diveml.load_dataset("titanic")
titanic.head()

# %% [markdown]
# Each column has a **dtype** (data type): the kind of value it holds. `float64` means
# decimal numbers, `int64` whole numbers, and `str` (or `object`, in older pandas) text.

# %%
titanic.dtypes

# %% [markdown]
# `survived` is `1` for a passenger who survived and `0` for one who did not. Storing a
# yes/no answer as 1/0 is a common trick: the **mean** of such a column is the *share* of
# ones. Here is the share of all passengers who survived:

# %%
titanic["survived"].mean()

# %% [markdown]
# ## 1. Missing values
#
# A **missing value** is a cell with no data. pandas shows it as `NaN` ("not a number").
# Look at the `age` column in these rows:

# %%
titanic.iloc[12:18]

# %% [markdown]
# `isna()` turns every cell into `True` (missing) or `False` (present). Summing the
# `True`s counts the missing cells of each column:

# %%
titanic.isna().sum()

# %% [markdown]
# A count is hard to judge without the number of rows. A **share** (a fraction between 0
# and 1) is easier: 0.5 means half of the column is missing.
#
# ### Exercise `missing_share`
#
# Make `missing_share`: a Series with, for each column of `titanic`, the share of its
# values that are missing. *Hint: the mean of `True`/`False` values is the share of
# `True`s.*

# %% tags=["starter"]
missing_share = ...

# %% tags=["solution"]
missing_share = titanic.isna().mean()

# %%
missing_share

# %%
ex.missing_share.check()

# %% [markdown]
# ### A missing value in disguise
#
# `isna()` found no gaps in `class`. But count its values:

# %%
titanic["class"].value_counts()

# %% [markdown]
# One passenger's class is `"*"`: whoever typed the list did not know it. pandas cannot
# tell that `"*"` means "unknown", so it counts it as a fourth class. Datasets hide missing
# values as `"*"`, `"?"`, `-1`, `999` or an empty string; always look at the values, not only
# at `isna()`.
#
# ### Exercise `class_clean`
#
# Make `class_clean`: the `class` column with `"*"` replaced by a real missing value
# (`np.nan`). Keep every passenger: the result must have as many rows as `titanic`.
# *Hint: a Series has a `.replace(old, new)` method.*

# %% tags=["starter"]
class_clean = ...

# %% tags=["solution"]
class_clean = titanic["class"].replace("*", np.nan)

# %%
ex.class_clean.check()

# %% [markdown]
# ## 2. Types: ordered categories
#
# `class` holds only three values, and they have an order: 1st is above 2nd, which is
# above 3rd. As text, pandas knows neither fact: it sorts the values alphabetically and
# would happily accept `"4th"` or `"first"`.
#
# A **categorical** column stores a fixed list of allowed values (its *categories*), and
# can remember their order. Define the type once:

# %%
class_type = pd.CategoricalDtype(categories=["1st", "2nd", "3rd"], ordered=True)
class_type

# %% [markdown]
# ### Exercise `class_categorical`
#
# Make `class_categorical`: `class_clean` converted to `class_type`.
# *Hint: `.astype(...)` converts a Series to another type.*

# %% tags=["starter"]
class_categorical = ...

# %% tags=["solution"]
class_categorical = class_clean.astype(class_type)

# %%
ex.class_categorical.check()

# %% [markdown]
# Now comparisons follow the order of the categories, not the alphabet. Count the
# passengers who travelled in 2nd class or better:

# %%
(class_categorical <= "2nd").sum()

# %% [markdown]
# From here on we use a copy of the table with the clean, typed class column.
# (`assign` returns a new DataFrame with the column replaced; `titanic` itself is unchanged.)

# %%
passengers = titanic.assign(**{"class": class_categorical})
passengers.dtypes

# %% [markdown]
# ## 3. Filling in missing ages
#
# Many tools, including most scikit-learn models, refuse a table with missing values. Two
# ways out: **drop** the rows with a gap (`dropna`), or **impute** them: fill each gap with
# a stand-in value (`fillna`). Dropping costs rows; here is how many we would keep:

# %%
print(len(passengers), "passengers;", len(passengers.dropna()), "left after dropna()")

# %% [markdown]
# A common stand-in is the **median**: the middle value once the values are sorted. Unlike
# the mean, a few very old or very young passengers barely move it.
#
# ### Exercise `age_filled`
#
# Make `age_filled`: the `age` column of `passengers`, with every missing age replaced by
# the median age of the passengers whose age is known. Keep every row.
# *Hint: `.median()` skips missing values; `.fillna(value)` fills them.*

# %% tags=["starter"]
age_filled = ...

# %% tags=["solution"]
age_filled = passengers["age"].fillna(passengers["age"].median())

# %%
ex.age_filled.check()

# %% [markdown]
# Filling in has a cost. Compare the two histograms (a **histogram** counts how many values
# fall in each interval, or *bin*):

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
passengers["age"].plot.hist(bins=30, ax=axes[0], title="age as recorded")
age_filled.plot.hist(bins=30, ax=axes[1], title="age with gaps filled by the median")
for ax in axes:
    ax.set_xlabel("age (years)")
plt.show()

# %% [markdown]
# Every passenger with no recorded age now sits in one tall bar at the median. The filled
# column is fine as *input to a model*, but it is not the truth about the passengers: any
# statement about ages ("how many children were aboard?") must use the recorded ages.
#
# Is *being* missing random? Group the passengers by whether their age is missing and
# compare survival (more on `groupby` just below):

# %%
passengers.groupby(passengers["age"].isna())["survived"].mean()

# %% [markdown]
# Passengers with no recorded age survived less often. A gap can carry information, so
# don't assume it is harmless noise.
#
# ## 4. Groups: `groupby`
#
# `groupby` answers "for each group, what is ...?" It has three steps, often called
# **split-apply-combine**: *split* the rows into groups by the values of a column, *apply*
# a summary (mean, count, ...) to each group, *combine* the results into one Series
# indexed by group. How many passengers of each sex?

# %%
passengers.groupby("sex")["survived"].size()

# %% [markdown]
# ### Exercise `survival_by_sex`
#
# Make `survival_by_sex`: for each sex, the share of passengers who survived (a Series
# indexed by `"female"` and `"male"`).

# %% tags=["starter"]
survival_by_sex = ...

# %% tags=["solution"]
survival_by_sex = passengers.groupby("sex")["survived"].mean()

# %%
survival_by_sex

# %%
ex.survival_by_sex.check()

# %% [markdown]
# ## 5. Two groupings at once: pivot tables
#
# A **pivot table** groups by two columns at once: one gives the rows, the other the
# columns, and each cell summarises the rows in both groups.
#
# ### Exercise `survival_table`
#
# Make `survival_table`: a pivot table of `passengers` with one row per class, one column
# per sex, and in each cell the share of those passengers who survived.
# *Hint: `passengers.pivot_table(index=..., columns=..., values=..., aggfunc=...)`.*
# Pass `observed=True` so pandas only makes rows for classes that occur.

# %% tags=["starter"]
survival_table = ...

# %% tags=["solution"]
survival_table = passengers.pivot_table(
    index="class", columns="sex", values="survived", aggfunc="mean", observed=True
)

# %%
survival_table

# %%
ex.survival_table.check()

# %% [markdown]
# A table of numbers is easier to read as a picture. A DataFrame's `.plot.bar()` draws one
# group of bars per row and one colour per column:

# %%
ax = survival_table.plot.bar(rot=0, ylabel="share who survived", title="Survival by class and sex")
ax.set_ylim(0, 1)
plt.show()

# %% [markdown]
# Read the plot: within every class, women survived far more often than men ("women and
# children first"), and within each sex, survival falls from 1st to 3rd class.
#
# ## 6. From numbers to groups: `pd.cut`
#
# "Were children more likely to survive?" needs age *groups*. `pd.cut` puts each number
# into an interval (a *bin*) and returns a categorical column. The bins below are
# child (up to 12), teen (over 12, up to 18), adult (over 18, up to 60) and senior (over 60):

# %%
age_bins = [0, 12, 18, 60, 120]
age_labels = ["child", "teen", "adult", "senior"]
pd.cut(passengers["age"].head(), bins=age_bins, labels=age_labels)

# %% [markdown]
# ### Exercise `survival_by_age_group`
#
# Make `survival_by_age_group`: for each age group, the share of passengers who survived.
# Use the **recorded** ages (not `age_filled`: think about where it would put the passengers
# whose age is unknown). Pass `observed=True` to `groupby`.

# %% tags=["starter"]
survival_by_age_group = ...

# %% tags=["solution"]
age_group = pd.cut(passengers["age"], bins=age_bins, labels=age_labels)
survival_by_age_group = passengers.groupby(age_group, observed=True)["survived"].mean()

# %%
survival_by_age_group

# %%
ex.survival_by_age_group.check()

# %%
ax = survival_by_age_group.plot.bar(rot=0, ylabel="share who survived", title="Survival by age group")
ax.set_ylim(0, 1)
plt.show()

# %% [markdown]
# ## What you learned
#
# - `isna()` finds missing values, and `isna().mean()` gives their share per column; look
#   at the values too, because missing data hides as `"*"`, `"?"` or `-1`.
# - A categorical type lists the allowed values and their order.
# - Filling gaps (`fillna`) makes a column usable by a model, but changes what the column
#   says; analyse the recorded values.
# - `groupby(...).mean()` on a 0/1 column gives a rate per group; `pivot_table` does it for
#   two groupings at once; `pd.cut` turns numbers into groups.
#
# ## Going further
#
# - Tom Augspurger, [*Modern pandas*](https://tomaugspurger.net/posts/modern-1-intro/), the
#   series the Dive into Machine Learning guide recommends for learning pandas well,
#   especially the parts on method chaining and tidy data.
# - The pandas user guide on [missing data](https://pandas.pydata.org/docs/user_guide/missing_data.html),
#   [categorical data](https://pandas.pydata.org/docs/user_guide/categorical.html) and
#   [group by](https://pandas.pydata.org/docs/user_guide/groupby.html).
# - Try it yourself: the passengers' titles (`Mr`, `Mrs`, `Master`, ...) are inside the
#   `name` column. Extract them with `passengers["name"].str.extract(...)` and compare
#   survival by title.

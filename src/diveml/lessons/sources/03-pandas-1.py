# %% [markdown]
# # Lesson 3: pandas I
#
# Almost every machine-learning project starts with a table, and in Python tables are
# handled with **pandas**. In this lesson you do the five things you will do with every table
# from now on: load it, select the columns you need, filter the rows you want, sort them, and
# summarise them in a few numbers and a plot.
#
# The table is the Palmer penguins from lesson 2, so the data is familiar and you can focus
# on the tools. About 25 minutes.
#
# You will learn:
#
# - what a DataFrame, a Series and an index are;
# - how to select columns and filter rows, alone and combined;
# - how to sort rows and summarise columns in a few numbers;
# - how to plot a column in one line.
#
# Where a cell says `...`, replace the `...` with your answer, run the cell (**Shift+Enter**),
# then run the `check()` cell below it. Stuck? `ex.NAME.hint()` gives a hint, one more each
# time you call it.

# %%
import matplotlib.pyplot as plt
import pandas as pd  # everyone calls it `pd`

import diveml
from diveml.lessons import start

ex = start("03-pandas-1")
ex

# %% [markdown]
# ## Load
#
# Most tables reach you as files. A common kind is **CSV** (comma-separated values): plain
# text, one line per row, commas between the values. The next cell writes the penguins to a
# CSV file in a temporary folder and shows its first three lines, exactly as they are in the
# file.

# %%
import tempfile
from pathlib import Path

csv_path = diveml.export_dataset("penguins", Path(tempfile.mkdtemp()) / "penguins.csv")
print("\n".join(csv_path.read_text().splitlines()[:3]))

# %% [markdown]
# The first line holds the column names. `pd.read_csv` reads such a file into a
# **DataFrame**: a table whose columns have names and whose rows have labels. It is the
# object you will work with in every lesson from now on. (`diveml.load_dataset("penguins")`
# gives the same table directly, as in lesson 2.)

# %%
penguins = pd.read_csv(csv_path)
penguins

# %% [markdown]
# Jupyter shows the first and last rows. The bold numbers on the left are the **index**: a
# label for each row, here simply 0, 1, 2, … Three questions to ask of any new table: how big
# is it, what is in each column, and what is missing?

# %%
penguins.shape  # (rows, columns)

# %%
penguins.info()

# %% [markdown]
# `info()` lists each column with its **dtype** (data type: `float64` for numbers with a
# decimal point, `int64` for whole numbers, `str` or `object` for text) and its count of
# non-missing values. Missing values show as `NaN` ("not a number").
#
# ## Exercise 1: count the penguins
#
# **Task:** set `n_penguins` to the number of penguins (rows) in `penguins`. Compute it
# from the table; do not type the number.

# %% tags=["starter"] exercise="n_penguins"
n_penguins = ...

# %% tags=["solution"] exercise="n_penguins"
n_penguins = len(penguins)

# %%
ex.n_penguins.check()

# %% [markdown]
# ## Select columns
#
# Square brackets with one column name give that column, as a **Series**: a single column
# of values that keeps the row labels of the table.

# %%
penguins["body_mass_g"]

# %% [markdown]
# Square brackets with a **list** of names give a smaller DataFrame. That is why you see two
# pairs of brackets: the outer pair selects, the inner pair makes the list.

# %%
penguins[["species", "island"]]

# %% [markdown]
# ## Exercise 2: select two columns
#
# **Task:** set `bills` to a DataFrame with exactly the two columns `bill_length_mm` and
# `bill_depth_mm`, in that order, and every row.

# %% tags=["starter"] exercise="bills"
bills = ...

# %% tags=["solution"] exercise="bills"
bills = penguins[["bill_length_mm", "bill_depth_mm"]]

# %%
ex.bills.check()

# %% [markdown]
# ## Select rows by label
#
# `.loc[...]` selects by index label. One label gives one row (shown as a Series whose index
# is the column names); a list of labels and a list of columns give a smaller table.

# %%
penguins.loc[3]

# %% [markdown]
# Penguin 3 is one of the few that were not measured: its measurements are `NaN`.

# %%
penguins.loc[[0, 1, 2], ["species", "body_mass_g"]]

# %% [markdown]
# ## Filter rows
#
# A comparison on a column gives one `True` or `False` per row. Such a Series of booleans is
# called a **mask**:

# %%
is_adelie = penguins["species"] == "Adelie"
is_adelie.head()

# %% [markdown]
# Putting a mask inside square brackets keeps the rows where it is `True`:

# %%
adelie = penguins[is_adelie]
adelie.shape

# %% [markdown]
# ## Exercise 3: filter one species
#
# **Task:** set `chinstraps` to the table of Chinstrap penguins only, with all columns.

# %% tags=["starter"] exercise="chinstraps"
chinstraps = ...

# %% tags=["solution"] exercise="chinstraps"
chinstraps = penguins[penguins["species"] == "Chinstrap"]

# %%
ex.chinstraps.check()

# %% [markdown]
# To combine conditions, use `&` (and), `|` (or) and `~` (not), and put each comparison in
# its own parentheses: `&` binds more tightly than `==` or `>`. Python's own `and` and `or` do
# not work here, because they want one `True` or `False`, not a whole column of them.
#
# Two errors you may meet: `Cannot perform 'rand_'` means parentheses are missing, and
# `The truth value of a Series is ambiguous` means `and` or `or` was used instead of `&` or
# `|`.

# %%
biscoe_adelie = penguins[(penguins["island"] == "Biscoe") & (penguins["species"] == "Adelie")]
biscoe_adelie.shape

# %% [markdown]
# ## Exercise 4: two conditions
#
# **Task:** set `big_dream` to the penguins that live on the island of Dream **and** weigh
# more than 4000 grams (`body_mass_g`), with all columns.

# %% tags=["starter"] exercise="big_dream"
big_dream = ...

# %% tags=["solution"] exercise="big_dream"
big_dream = penguins[(penguins["island"] == "Dream") & (penguins["body_mass_g"] > 4000)]

# %%
ex.big_dream.check()

# %% [markdown]
# ## Sort
#
# `sort_values("column")` sorts the rows by a column, smallest first; pass
# `ascending=False` for largest first. The index labels travel with their rows, so you can
# still tell which penguin is which. `head(n)` keeps the first `n` rows.

# %%
penguins.sort_values("flipper_length_mm").head(3)

# %% [markdown]
# ## Exercise 5: the heaviest penguins
#
# **Task:** set `heaviest_five` to the rows of the five heaviest penguins, heaviest first,
# with all columns.

# %% tags=["starter"] exercise="heaviest_five"
heaviest_five = ...

# %% tags=["solution"] exercise="heaviest_five"
heaviest_five = penguins.sort_values("body_mass_g", ascending=False).head(5)

# %%
ex.heaviest_five.check()

# %% [markdown]
# ## Summarise
#
# A column can summarise itself: `.mean()`, `.median()`, `.min()`, `.max()`, `.std()`
# (standard deviation: how spread out the values are). They skip missing values. For every
# numeric column at once, use `describe()`:

# %%
penguins.describe()

# %% [markdown]
# `count` is the number of non-missing values, `25%`, `50%` and `75%` are **quartiles**: a
# quarter of the penguins are below the `25%` value, half below the `50%` value (the median).
#
# For a text column, count how often each value appears with `value_counts()`:

# %%
penguins["island"].value_counts()

# %% [markdown]
# ## Exercise 6: count each species
#
# **Task:** set `species_counts` to the number of penguins of each species, as a Series
# indexed by species name.

# %% tags=["starter"] exercise="species_counts"
species_counts = ...

# %% tags=["solution"] exercise="species_counts"
species_counts = penguins["species"].value_counts()

# %%
ex.species_counts.check()

# %% [markdown]
# ## Exercise 7: a filtered summary
#
# **Task:** set `gentoo_mean_flipper` to the mean flipper length (`flipper_length_mm`) of
# **Gentoo** penguins, a single number. Combine a filter, a column selection and a summary.

# %% tags=["starter"] exercise="gentoo_mean_flipper"
gentoo_mean_flipper = ...

# %% tags=["solution"] exercise="gentoo_mean_flipper"
gentoo_mean_flipper = penguins[penguins["species"] == "Gentoo"]["flipper_length_mm"].mean()

# %%
ex.gentoo_mean_flipper.check()

# %% [markdown]
# ## Exercise 8: count what is missing
#
# `penguins.isna()` is a table of the same shape as `penguins`, `True` where a value is
# missing.
#
# **Task:** set `missing_per_column` to the number of missing values in each column, as a
# Series indexed by column name.

# %% tags=["starter"] exercise="missing_per_column"
missing_per_column = ...

# %% tags=["solution"] exercise="missing_per_column"
missing_per_column = penguins.isna().sum()

# %%
ex.missing_per_column.check()

# %% [markdown]
# ## Plot
#
# A DataFrame and a Series can plot themselves with `.plot`, which calls matplotlib for you.
# A **histogram** shows how many values fall into each range; a **scatter plot** shows one dot
# per row for two columns.

# %%
ax = penguins["body_mass_g"].plot.hist(bins=30, figsize=(7, 3.5))
ax.set_xlabel("body mass (g)")
plt.show()

# %% [markdown]
# Everything you learned combines. Here are the body masses of each species, one histogram
# each, made from filters:

# %%
colours = {"Adelie": "tab:orange", "Chinstrap": "tab:purple", "Gentoo": "tab:green"}
fig, ax = plt.subplots(figsize=(7, 3.5))
for species in ["Adelie", "Chinstrap", "Gentoo"]:
    masses = penguins[penguins["species"] == species]["body_mass_g"]
    ax.hist(masses, bins=25, range=(2500, 6500), alpha=0.6, label=species, color=colours[species])
ax.set_xlabel("body mass (g)")
ax.set_ylabel("number of penguins")
ax.legend()
plt.show()

# %% [markdown]
# And flipper length against body mass, one dot per penguin:

# %%
ax = penguins.plot.scatter(x="flipper_length_mm", y="body_mass_g", s=8, figsize=(6, 4))
plt.show()

# %% [markdown]
# The bigger the flipper, the heavier the penguin, broadly. Lesson 4 goes on with missing
# values, types, categories, grouping and pivot tables.
#
# ## What you learned
#
# | to | write |
# | --- | --- |
# | see the size | `df.shape`, `len(df)`, `df.info()` |
# | select a column / columns | `df["a"]` (a Series), `df[["a", "b"]]` (a DataFrame) |
# | filter rows | `df[df["a"] > 3]`, `df[(cond1) & (cond2)]` |
# | sort | `df.sort_values("a", ascending=False)` |
# | summarise | `df["a"].mean()`, `df.describe()`, `df["a"].value_counts()`, `df.isna().sum()` |
# | plot | `df["a"].plot.hist()`, `df.plot.scatter(x="a", y="b")` |
#
# ## Going further
#
# The *Dive into Machine Learning* guide has a section on learning pandas well
# (<https://github.com/dive-into-machine-learning/dive-into-machine-learning>). It calls two
# readings essential:
#
# - *10 minutes to pandas*, the pandas documentation's own tour:
#   <https://pandas.pydata.org/docs/user_guide/10min.html>.
# - Sebastian Raschka's *Things in pandas I wish I'd had known earlier* (a notebook):
#   <https://nbviewer.org/github/rasbt/python_reference/blob/master/tutorials/things_in_pandas.ipynb>.
#
# Then, once the basics feel familiar:
#
# - Tom Augspurger's *Modern pandas* series, on writing pandas code that reads well:
#   <https://tomaugspurger.net/posts/modern-1-intro/>.
# - The pandas user guide on indexing and selecting data, the topic of this lesson in depth:
#   <https://pandas.pydata.org/docs/user_guide/indexing.html>.

# %% [markdown]
# # Lesson 0: How this works
#
# Welcome! This short lesson (about 15 minutes) shows you how every diveml lesson works,
# so that the next lessons can be all about machine learning.
#
# You will learn to:
#
# - run the **cells** of a notebook,
# - answer an **exercise** and **check** it,
# - ask for a **hint**, or look at a **solution** when you are stuck,
# - see your **progress**.
#
# ## What is a notebook?
#
# This page is a **Jupyter notebook**: a document made of **cells**. Some cells, like this
# one, hold text. Others hold Python code. To **run** a cell, click it and press
# **Shift+Enter**: Jupyter runs the code and shows its result below the cell, then moves
# to the next cell.
#
# Behind the notebook, a Python process called the **kernel** keeps every variable you
# create, so a variable made in one cell can be used in any cell you run later. The kernel
# remembers the order in which you *ran* cells, not the order in which they appear on the
# page: run the cells from top to bottom and all will be well. If things get confusing, use
# the menu *Kernel → Restart Kernel and Run All Cells* to start again from a clean slate.
#
# Try it now: run the next cell.

# %%
print("Hello from the kernel!")
2 + 3

# %% [markdown]
# The kernel printed a line, and then showed the value of the cell's last line (`5`). A
# notebook always shows the value of a cell's last expression.
#
# ## Your exercise handles
#
# Every lesson starts with the same two lines. `start` gives you an object, here called
# `ex`, with one **handle** per exercise of the lesson. Run the cell to see the list.

# %%
from diveml.lessons import start

ex = start("00-how-this-works")
ex

# %% [markdown]
# ## Exercise 1: your first answer
#
# Each exercise has a cell with a **placeholder**, `...` (three dots, Python's `Ellipsis`).
# You replace the placeholder with your answer, run the cell, then run the check cell below
# it.
#
# **Task:** set `answer` to six times seven. (Let Python do the sum: in Python, `*`
# multiplies.)
#
# Before you change anything, run the next two cells: the check says the exercise is *not
# attempted yet*. Then write your answer and run both cells again.

# %% tags=["starter"] exercise="first_answer"
answer = ...

# %% tags=["solution"] exercise="first_answer"
answer = 6 * 7

# %%
ex.first_answer.check()

# %% [markdown]
# A check can say five different things:
#
# | you see | it means |
# | --- | --- |
# | ○ **Not attempted yet** | the variable does not exist yet, or it still holds `...` |
# | ✗ **Not quite** | your answer runs, but something about it is wrong; the message says what |
# | ! **Your code raised an error** | your own code stopped with an error; the message shows the line |
# | ✓ **Correct** | well done |
# | ⚙ **A bug in diveml's checker** | our mistake, not yours: the message has an id to report |
#
# Checks never show you the expected answer: they tell you *what* is wrong, so that you can
# fix it yourself.
#
# ## Some real data
#
# Machine learning starts with **data**: a table of examples. Here is a famous small one
# that comes with scikit-learn, the machine learning library these lessons use: the
# measurements of 150 iris flowers, collected in the 1930s. Each **row** is one flower;
# each **column** is one measurement, in centimetres.

# %%
from sklearn.datasets import load_iris

iris = load_iris(as_frame=True)
flowers = iris.frame
flowers.head()

# %% [markdown]
# `flowers` is a pandas **DataFrame**: a table with named columns. `flowers.head()` shows
# its first five rows. The last column, `target`, is the species of each flower, coded as a
# number (0, 1 or 2). You will meet pandas properly in lesson 3; for now, here is all you
# need:
#
# - `flowers["petal length (cm)"]` is one column, as a pandas **Series** (a column of
#   numbers with many handy methods: `.mean()`, `.max()`, `.sum()` and more),
# - `len(flowers)` is the number of rows.
#
# A picture first: a **histogram** counts how many flowers fall in each range of petal
# lengths.

# %%
import matplotlib.pyplot as plt

petal_lengths = flowers["petal length (cm)"]
fig, ax = plt.subplots(figsize=(6, 3))
ax.hist(petal_lengths, bins=30, color="tab:blue")
ax.set_xlabel("petal length (cm)")
ax.set_ylabel("number of flowers")
ax.set_title("Petal lengths of 150 iris flowers")
plt.show()

# %% [markdown]
# Two groups stand out: a bunch of small petals (under 2 cm) and a wide spread of larger
# ones. Hold that thought: telling groups apart is exactly what machine learning models do.
#
# ## Exercise 2: how many flowers?
#
# **Task:** set `n_flowers` to the number of rows of `flowers`, computed from the table
# (not typed in by hand).

# %% tags=["starter"] exercise="count_rows"
n_flowers = ...

# %% tags=["solution"] exercise="count_rows"
n_flowers = len(flowers)

# %%
ex.count_rows.check()

# %% [markdown]
# ## Exercise 3: the average petal
#
# The **mean** (average) of a column is the sum of its values divided by how many there
# are.
#
# **Task:** set `mean_petal` to the mean petal length, in centimetres.
#
# Stuck? `ex.mean_petal.hint()` shows a hint. The cell after the check asks for one, so you
# can see what a hint looks like; run it again for the next hint. Each call shows one more
# and tells you how many remain.

# %% tags=["starter"] exercise="mean_petal"
mean_petal = ...

# %% tags=["solution"] exercise="mean_petal"
mean_petal = petal_lengths.mean()

# %%
ex.mean_petal.check()

# %%
ex.mean_petal.hint()

# %% [markdown]
# ## Exercise 4: long petals
#
# Comparing a Series with a number gives a Series of `True`/`False` values, one per row, and
# `.sum()` counts the `True` ones (Python treats `True` as 1). Look:

# %%
short = petal_lengths < 2
short.head()

# %%
short.sum()

# %% [markdown]
# **Task:** set `n_long` to the number of flowers whose petals are *longer than* 5 cm.

# %% tags=["starter"] exercise="long_petals"
n_long = ...

# %% tags=["solution"] exercise="long_petals"
n_long = (petal_lengths > 5).sum()

# %%
ex.long_petals.check()

# %% [markdown]
# ## Exercise 5: your own function
#
# Some exercises ask you to write a **function**. The check then calls your function with a
# few inputs. If your function raises an error, the check tells you which line of *your*
# code failed, in one line.
#
# **Task:** write a function `cm_to_inches(cm)` that converts centimetres to inches. One inch
# is exactly 2.54 cm.

# %% tags=["starter"] exercise="to_inches"
cm_to_inches = ...


# %% tags=["solution"] exercise="to_inches"
def cm_to_inches(cm):
    return cm / 2.54


# %%
ex.to_inches.check()

# %% [markdown]
# ## Solutions
#
# If you are really stuck, `ex.to_inches.solution()` shows a solution. The first time, it
# asks you to confirm: trying one more hint usually teaches you more. Peeking is fine, and
# it is recorded in your progress, so you can come back to that exercise later.
#
# ## Your progress
#
# Every check, hint and solution you view is saved on your computer (nothing is sent
# anywhere). `ex.progress()` shows this lesson's exercises; in a terminal, `diveml progress`
# shows every lesson.

# %%
ex.progress()

# %% [markdown]
# ## What you learned
#
# - A notebook is cells; **Shift+Enter** runs one; the kernel keeps your variables.
# - Replace the `...` placeholder, run the cell, then run its check.
# - `hint()` gives one more hint each time; `solution()` shows a solution after you confirm.
# - A check tells you *what* is wrong, never the expected answer.
#
# Next: **lesson 1, "Get your feet wet"**, where you teach a computer to read handwritten
# digits. In a terminal: `diveml learn 1`.
#
# ## Going further
#
# The *Dive into Machine Learning* guide starts the same way:
#
# - [Learn how to use Jupyter Notebook](http://opentechschool.github.io/python-data-intro/core/notebook.html)
#   (5-10 minutes), or [by screencast](https://www.youtube.com/watch?v=qb7FT68tcA8).
# - If your Python needs a refresh: Jake VanderPlas's
#   [Whirlwind Tour of Python](https://nbviewer.org/github/jakevdp/WhirlwindTourOfPython/blob/master/Index.ipynb),
#   itself a set of notebooks.
# - The [Python Data Science Handbook](https://jakevdp.github.io/PythonDataScienceHandbook/),
#   chapter 1, covers IPython and Jupyter in depth.

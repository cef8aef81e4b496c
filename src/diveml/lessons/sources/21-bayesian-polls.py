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
# # Lesson 21: Bayesian reasoning with polls
#
# The *Dive into Machine Learning* guide points to Bayesian methods and to PyMC, a library
# for them. The Bayesian idea is short: **start with what you believe, as a probability
# distribution, and update it with each piece of evidence**. Polls are a natural fit: before
# any poll you know little about a candidate's share of the vote; each poll moves your
# belief a little; after many polls it is narrow. In this lesson you aggregate the polls of
# one US state in 2020 that way, by hand with scipy, then with PyMC, and then check the
# result against the election.
#
# You will learn to:
#
# - write a belief about a share as a **Beta distribution**, and update it with a poll;
# - read a **posterior**: its mean, a 95% **credible interval**, the probability of a lead;
# - see why treating polls as independent samples of voters is too confident;
# - write the same model in PyMC and let it sample.
#
# About 25 minutes. Run the cells in order (Shift+Enter). If you are stuck,
# `ex.<name>.hint()` gives a hint and `ex.<name>.solution()` shows a solution.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

from diveml.data import load_dataset
from diveml.lessons import require_data, start

ex = start("21-bayesian-polls")
require_data("election_polls")
ex

# %% [markdown]
# ## The polls of Pennsylvania, 2020
#
# FiveThirtyEight's archive of polls (the one lesson 9 uses) has every poll of the last
# three weeks before each election, with the result. We keep the presidential polls of
# Pennsylvania in 2020, oldest first. `cand1` is the Democrat (Biden), `cand2` the
# Republican (Trump); `samplesize` is how many people the poll asked.

# %%
polls = load_dataset("election_polls")
pa = polls[
    (polls["type_simple"] == "Pres-G") & (polls["year"] == 2020) & (polls["location"] == "PA")
].copy()
pa["polldate"] = pd.to_datetime(pa["polldate"], format="%m/%d/%Y")
pa = pa.sort_values(["polldate", "poll_id"]).reset_index(drop=True)
print(len(pa), "polls,", int(pa["samplesize"].sum()), "people asked in all")
pa[["polldate", "pollster", "samplesize", "cand1_pct", "cand2_pct"]].head()

# %% [markdown]
# We ask one question: what share of the people who vote for one of the two is for the
# Democrat? That is the **two-party share**: Biden's percentage divided by the two
# candidates' percentages together (the undecided and third-party voters left out).
#
# ## Exercise 1: votes, as counts
#
# A poll of `samplesize` people whose two-party share for the Democrat is `s` says that
# about `samplesize * s` of them are for the Democrat.
#
# **Task:** set `dem_count` to that count for each poll of `pa`, rounded to a whole number
# (a Series, one row per poll). Use `n = pa["samplesize"]`, which the rest of the lesson
# uses as each poll's number of people.

# %%
n = pa["samplesize"]

# %% tags=["starter"] exercise="dem_count"
dem_count = ...

# %% tags=["solution"] exercise="dem_count"
share = pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])
dem_count = (n * share).round()
dem_count.head()

# %%
ex.dem_count.check()

# %% [markdown]
# ## A belief as a distribution
#
# Call the Democrat's true two-party share in the state $p$. Before any poll we do not know
# it; a **prior** distribution says how much we believe each value. The **Beta
# distribution** $\text{Beta}(a, b)$ is a standard choice for a share between 0 and 1:
# its mean is $a / (a + b)$, and the larger $a + b$, the narrower it is. $\text{Beta}(1, 1)$
# is flat: every share equally likely, a prior that knows nothing.
#
# A poll that finds $k$ Democrats among $n$ people is **evidence**. If each person is a
# random draw from the voters (a **binomial** model), then **Bayes' rule** turns the prior
# $\text{Beta}(a, b)$ into the **posterior** $\text{Beta}(a + k,\ b + n - k)$: add the
# Democrats to $a$ and the others to $b$. (A prior whose posterior has the same form is
# called **conjugate**; that is what makes this a one-line update.)

# %%
grid = np.linspace(0.3, 0.7, 401)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(grid, stats.beta.pdf(grid, 1, 1), label="prior Beta(1, 1)")
if ex.dem_count.evaluate().outcome == "correct":
    k0, n0 = dem_count.iloc[0], n.iloc[0]
    ax.plot(grid, stats.beta.pdf(grid, 1 + k0, 1 + n0 - k0), label="after the first poll")
else:
    print("Solve exercise 1 to see the first poll's posterior in this plot.")
ax.set_xlabel("the Democrat's two-party share")
ax.set_ylabel("belief (density)")
ax.legend()
plt.show()

# %% [markdown]
# ## Exercise 2: the first update
#
# **Task:** start from the flat prior $\text{Beta}(1, 1)$ and update it with the **first**
# poll of `pa` (its `n` and its `dem_count`). Set `a_first` and `b_first` to the
# posterior's two parameters.

# %% tags=["starter"] exercise="first_update"
a_first, b_first = ..., ...

# %% tags=["solution"] exercise="first_update"
a_first = 1 + dem_count.iloc[0]
b_first = 1 + n.iloc[0] - dem_count.iloc[0]
a_first, b_first

# %%
ex.first_update.check()

# %% [markdown]
# ## Exercise 3: all the polls
#
# Yesterday's posterior is today's prior: updating with each poll in turn adds each poll's
# Democrats to $a$ and its others to $b$. After all the polls, $a$ is 1 plus every poll's
# Democrats, and $b$ is 1 plus every poll's others.
#
# **Task:** set `a_post` and `b_post` to the parameters of the posterior after **every**
# poll of `pa`, starting from $\text{Beta}(1, 1)$.

# %% tags=["starter"] exercise="all_polls"
a_post, b_post = ..., ...

# %% tags=["solution"] exercise="all_polls"
a_post = 1 + dem_count.sum()
b_post = 1 + (n - dem_count).sum()
a_post, b_post

# %%
ex.all_polls.check()

# %% [markdown]
# The posterior mean after each poll, one at a time (the cumulative sums are the updates):

# %%
if ex.all_polls.evaluate().outcome == "correct":
    a_path = 1 + dem_count.cumsum()
    b_path = 1 + (n - dem_count).cumsum()
    low_path, high_path = (
        stats.beta.ppf(0.025, a_path, b_path),
        stats.beta.ppf(0.975, a_path, b_path),
    )
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.fill_between(range(1, len(pa) + 1), low_path, high_path, alpha=0.3, label="95% interval")
    ax.plot(range(1, len(pa) + 1), a_path / (a_path + b_path), label="posterior mean")
    ax.scatter(
        range(1, len(pa) + 1), dem_count / n, s=8, color="grey", label="each poll's own share"
    )
    ax.set_xlabel("polls seen so far (oldest first)")
    ax.set_ylabel("Democrat's two-party share")
    ax.legend()
    plt.show()
else:
    print("Solve exercises 1 and 3 to see the belief narrow poll by poll.")

# %% [markdown]
# ## Exercise 4: a credible interval
#
# A 95% **credible interval** holds 95% of the posterior's belief: here, the share between
# the posterior's 2.5% and 97.5% **quantiles** (`stats.beta.ppf(q, a, b)` gives the value
# below which a share `q` of the belief lies).
#
# **Task:** set `post_mean` to the posterior's mean, and `low, high` to the ends of its
# 95% credible interval (the 2.5% and 97.5% quantiles of $\text{Beta}(a_{post}, b_{post})$).

# %% tags=["starter"] exercise="credible_interval"
post_mean = ...
low, high = ..., ...

# %% tags=["solution"] exercise="credible_interval"
post_mean = a_post / (a_post + b_post)
low, high = stats.beta.ppf([0.025, 0.975], a_post, b_post)
print(round(post_mean, 4), round(low, 4), round(high, 4))

# %%
ex.credible_interval.check()

# %% [markdown]
# ## Exercise 5: the probability of a lead
#
# A Bayesian answer to "who leads?" is a probability: how much of the posterior's belief
# lies above one half. `stats.beta.sf(x, a, b)` (the **survival function**) is the belief
# above `x`.
#
# **Task:** set `p_dem_leads` to the posterior probability that the Democrat's two-party
# share is above 0.5.

# %% tags=["starter"] exercise="lead_probability"
p_dem_leads = ...

# %% tags=["solution"] exercise="lead_probability"
p_dem_leads = stats.beta.sf(0.5, a_post, b_post)
p_dem_leads

# %%
ex.lead_probability.check()

# %% [markdown]
# ## Exercise 6: check it against the election
#
# The table holds the result: `cand1_actual` and `cand2_actual`, the candidates' real
# percentages (the same on every row of the race).
#
# **Task:** set `actual_share` to the Democrat's real **two-party** share (between 0 and 1),
# and `inside` to `True` if it lies inside your 95% interval `low, high`, `False` if not.

# %% tags=["starter"] exercise="check_result"
actual_share = ...
inside = ...

# %% tags=["solution"] exercise="check_result"
result = pa.iloc[0]
actual_share = result["cand1_actual"] / (result["cand1_actual"] + result["cand2_actual"])
inside = bool(low <= actual_share <= high)
print(round(actual_share, 4), inside)

# %%
ex.check_result.check()

# %% [markdown]
# ## Why so sure, and so wrong?
#
# The model said: every person in every poll is an independent random draw from the voters.
# Then 50 polls are like one poll of all their people together, and the interval is as
# narrow as that giant poll would give. But polls are not that: they share **biases** (whom
# they can reach, who answers, how they guess who will vote), and in 2020 many of them
# leaned the same way. Adding more biased polls makes the interval narrower, not the
# error smaller.
#
# A blunt fix shows the effect: suppose each poll is worth only as much as a poll of 50
# people (its evidence **discounted**), whatever its size. The posterior widens:

# %%
solved = [ex.all_polls, ex.credible_interval, ex.check_result]
if all(e.evaluate().outcome == "correct" for e in solved):
    worth = 50
    a_d = 1 + (dem_count / n * worth).sum()
    b_d = 1 + ((1 - dem_count / n) * worth).sum()
    low_d, high_d = stats.beta.ppf([0.025, 0.975], a_d, b_d)
    print(f"every person counted:      {low:.4f} to {high:.4f}")
    print(f"each poll worth {worth} people: {low_d:.4f} to {high_d:.4f}")
    print(f"the result:                {actual_share:.4f}")
    print("probability of a Democratic lead, discounted:", round(stats.beta.sf(0.5, a_d, b_d), 3))
else:
    print("Solve exercises 3, 4 and 6 first.")

# %% [markdown]
# The worth of 50 people is a guess, not something we learned. A better model says why
# polls scatter: each poll gets a **bias** of its own, drawn from a distribution whose
# spread is learned from the polls too. There the conjugate shortcut ends, and a tool like
# PyMC starts to pay off.
#
# ## The same model in PyMC
#
# **PyMC** lets you write a model as the story of how the data came about, and then
# **samples** from the posterior (with a method called NUTS, a kind of Markov chain Monte
# Carlo) instead of computing it by a formula. It is large, so diveml does not install it
# by default. To get it: `pip install "diveml[bayes]"` (or `pip install pymc`), then
# restart the kernel. The first run compiles the model, which can take a minute or more.
#
# The model below is the one you computed by hand: a flat prior for the share, and each
# poll's Democrats a binomial draw. Its posterior samples should give nearly the same mean
# and interval as your `post_mean, low, high`; small differences are sampling noise.

# %%
import warnings

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTensor warns about a missing BLAS: harmless here
        import pymc as pm
except ImportError:
    pm = None
    print(
        'PyMC is not installed, so this part is skipped. Install it with pip install "diveml[bayes]",\n'
        "restart the kernel and run the notebook again. Everything else in this lesson works without it."
    )

# %%
if pm is not None and ex.dem_count.evaluate().outcome == "correct":
    import logging

    logging.getLogger("pymc").setLevel(logging.ERROR)  # keep the sampler's chatter out
    with pm.Model(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = pm.Beta("share", alpha=1, beta=1)
        pm.Binomial(
            "dem", n=n.to_numpy().astype(int), p=p, observed=dem_count.to_numpy().astype(int)
        )
        trace = pm.sample(draws=1000, tune=500, chains=2, cores=1, random_seed=0, progressbar=False)
    samples = trace.posterior["share"].to_numpy().ravel()
    print("PyMC posterior mean:", round(samples.mean(), 4))
    print("PyMC 95% interval:  ", np.quantile(samples, [0.025, 0.975]).round(4))
    print("share of samples above 0.5:", (samples > 0.5).mean())
elif pm is not None:
    print("Solve exercise 1 first: the model needs `dem_count`.")

# %% [markdown]
# With PyMC the poll-bias model is a few lines more: a `pm.HalfNormal` for the spread of
# the biases, one `pm.Normal` bias per poll added to the share on the log-odds scale, and
# the same binomial. Try it once the simple one runs (see "Going further").
#
# ## What you learned
#
# - A Beta distribution holds a belief about a share; a binomial poll updates it by adding
#   counts: posterior $\text{Beta}(a + k, b + n - k)$.
# - The posterior answers the questions directly: a mean, a 95% credible interval, the
#   probability of a lead.
# - A model is only as honest as its assumptions: independent draws made 50 polls look
#   like certainty, and the result fell outside the interval.
# - PyMC samples the same posterior from the model written as a story, and takes over when
#   no formula does.
#
# ## Going further
#
# - Cameron Davidson-Pilon, [*Probabilistic Programming and Bayesian Methods for Hackers*](https://camdavidsonpilon.github.io/Probabilistic-Programming-and-Bayesian-Methods-for-Hackers/),
#   the book the *Dive into Machine Learning* guide recommends for Bayesian methods, with
#   PyMC.
# - [PyMC's documentation](https://www.pymc.io/), its getting-started guide and example
#   gallery.
# - Allen Downey, [*Think Bayes*](https://allendowney.github.io/ThinkBayes2/), Bayesian
#   statistics in Python, from counting to models.
# - Andrew Gelman et al., [*Bayesian Data Analysis*](http://www.stat.columbia.edu/~gelman/book/),
#   the standard text (free PDF), chapter 2 for the Beta-Binomial model.
# - Lesson 9 of this path, election forecasting, weights polls by size and age and
#   corrects each pollster's house effect.

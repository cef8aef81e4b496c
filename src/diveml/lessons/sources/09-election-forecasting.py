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
# # Lesson 9: Election forecasting
#
# In 2012 Nate Silver forecast every US state's presidential vote from the polls, for the
# *New York Times*. Skipper Seabold (a statsmodels maintainer) rebuilt his method in a
# notebook that the "Dive into Machine Learning" guide recommends: average the polls,
# weighting each by its size and its age, correct for each pollster's lean, and give the
# forecast an honest uncertainty. Seabold's 2012 poll files carry no licence, so this
# lesson uses FiveThirtyEight's published archive of polls instead, each paired with the
# real result, and forecasts the 2020 election from what was known before it.
#
# You will learn to:
#
# - measure a poll's age, and average polls with weights for their size and their age;
# - estimate each pollster's **house effect** from earlier elections;
# - measure how far poll averages land from results, and turn that into an uncertainty;
# - forecast a probability for each state, and check it against what happened.
#
# About 30 minutes. Run the cells in order (Shift+Enter). If you are stuck,
# `ex.<name>.hint()` gives a hint and `ex.<name>.solution()` shows a solution.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.stats import norm

from diveml.data import load_dataset
from diveml.lessons import require_data, start

ex = start("09-election-forecasting")
require_data("election_polls")
ex

# %% [markdown]
# ## The polls
#
# FiveThirtyEight collected the polls of the last three weeks before each US election
# from 1998 to 2022, to rate the pollsters. Each row is one poll of one race.

# %%
polls = load_dataset("election_polls")
for column in ("polldate", "electiondate"):
    polls[column] = pd.to_datetime(polls[column], format="%m/%d/%Y")
print("rows, columns:", polls.shape)
polls[
    [
        "race",
        "pollster",
        "polldate",
        "samplesize",
        "cand1_party",
        "cand1_pct",
        "cand2_party",
        "cand2_pct",
        "margin_poll",
        "margin_actual",
    ]
].head()

# %% [markdown]
# `margin_poll` is the poll's first candidate minus its second, in percentage points;
# `margin_actual` is the same margin in the real result. A careful look at the columns
# matters here: `margin_actual`, `error`, `bias`, `rightcall` and the `*_actual` columns
# were all computed **from the result**. A forecast made before election day could not
# have used them; using them by accident is **leakage**, and it makes a forecast look
# perfect.
#
# We keep the presidential general elections. In them, the first candidate is always the
# Democrat and the second the Republican, so a positive margin means the Democrat leads.

# %%
pres = polls[polls["type_simple"] == "Pres-G"].copy()
print(pres.groupby("year").agg(polls=("poll_id", "size"), races=("race_id", "nunique")))
print("first candidates:", sorted(pres["cand1_party"].unique()))
print("second candidates:", sorted(pres["cand2_party"].unique()))

# %% [markdown]
# A **race** is one contest: a state (or the national popular vote, `US`, or one of the two
# states that count by district) in one year.
#
# ## Exercise 1: how old is each poll?
#
# Subtracting two date columns gives a column of **time differences**; `.dt.days` turns
# each into a number of days.
#
# **Task:** set `days_before` to how many days before the election each poll of `pres`
# was taken (a positive number of days, one per row), then add it to `pres` as a column
# (remove the `#` in front of the second line).

# %% tags=["starter"] exercise="days_before"
days_before = ...
# pres["days_before"] = days_before

# %% tags=["solution"] exercise="days_before"
days_before = (pres["electiondate"] - pres["polldate"]).dt.days
pres["days_before"] = days_before

# %%
ex.days_before.check()

# %% [markdown]
# One race, poll by poll: each dot is a poll (bigger dots, bigger samples), the line is
# the result.

# %%
race = pres[(pres["year"] == 2020) & (pres["location"] == "PA")]
_, ax = plt.subplots(figsize=(7, 3.5))
days = (race["electiondate"] - race["polldate"]).dt.days
ax.scatter(days, race["margin_poll"], s=race["samplesize"] / 20, alpha=0.5)
ax.axhline(race["margin_actual"].iloc[0], color="black", label="result")
ax.axhline(0, color="grey", linewidth=0.5)
ax.invert_xaxis()
ax.set_xlabel("days before the election")
ax.set_ylabel("Democrat minus Republican (points)")
ax.set_title("2020, Pennsylvania: every poll of the last three weeks")
ax.legend()
plt.show()

# %% [markdown]
# The polls disagree by several points, and most of them sit above the result.
# An average of many polls is steadier than any one of them. But which average?
#
# - A bigger sample has less **sampling error**: the error from asking a random few
#   instead of everyone, which shrinks like one over the square root of the sample size.
#   Polls also miss for reasons no sample size fixes (who answers the phone, who turns out
#   to vote). So we weight a poll by the **square root** of its sample size: a poll four
#   times bigger counts twice as much, not four times.
# - A recent poll says more about election day than an old one. We halve a poll's weight
#   for every week of age: `0.5 ** (days_before / 7)`.
#
# A **weighted average** is the sum of weight times value, divided by the sum of the
# weights (`np.average(values, weights=weights)` computes it).
#
# ## Exercise 2: a weighted poll average
#
# **Task:** write `poll_average(race)`: given the polls of one race (rows of `pres`, with
# `days_before`), return the average of their `margin_poll`, each weighted by
# `np.sqrt(samplesize) * 0.5 ** (days_before / 7)`.

# %% tags=["starter"] exercise="poll_average"
poll_average = ...  # replace this line with your function:
# def poll_average(race):
#     weights = ...
#     return ...


# %% tags=["solution"] exercise="poll_average"
def poll_average(race):
    weights = np.sqrt(race["samplesize"]) * 0.5 ** (race["days_before"] / 7)
    return np.average(race["margin_poll"], weights=weights)


# %%
ex.poll_average.check()

# %% [markdown]
# ## How far do poll averages land from the result?
#
# Before forecasting 2020, look back: for every race from 2000 to 2016, the poll average
# against the result. (This table is the lesson's; it uses your `poll_average`.)

# %%
history = pres[pres["year"] < 2020]
upcoming = pres[pres["year"] == 2020]


def race_table(frame, average):
    """One row per race: the poll average, the result, the number of polls, the year."""
    rows = {
        race_id: {
            "location": group["location"].iloc[0],
            "year": int(group["year"].iloc[0]),
            "polls": len(group),
            "average": float(average(group)),
            "actual": float(group["margin_actual"].iloc[0]),
        }
        for race_id, group in frame.groupby("race_id")
    }
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


if ex.poll_average.evaluate().outcome == "correct":
    history_races = race_table(history, poll_average)
    plain = race_table(history, lambda group: group["margin_poll"].mean())
    miss = history_races["average"] - history_races["actual"]
    plain_miss = plain["average"] - plain["actual"]
    single = history["margin_poll"] - history["margin_actual"]
    # Compare like with like: the races that have several polls to average.
    many = history_races.index[history_races["polls"] >= 5]
    of_many = history["race_id"].isin(many)
    print(f"{len(history_races)} races in 2000-2016; {len(many)} of them have 5 polls or more.")
    print("In those races, how far from the result, on average (points):")
    print(f"  a single poll:    {single[of_many].abs().mean():.2f}")
    print(f"  plain average:    {plain_miss.loc[many].abs().mean():.2f}")
    print(f"  weighted average: {miss.loc[many].abs().mean():.2f}")
    _, ax = plt.subplots(figsize=(7, 3.5))
    bins = np.arange(-20, 21, 1)
    ax.hist(single, bins=bins, density=True, alpha=0.4, label="single polls")
    ax.hist(miss, bins=bins, density=True, alpha=0.6, label="weighted averages")
    ax.set_xlabel("poll minus result (points; positive: the Democrat was overestimated)")
    ax.set_ylabel("share of polls / races")
    ax.legend()
    plt.show()
else:
    print("Finish exercise 2 first: the table uses your poll_average.")

# %% [markdown]
# Read the three lines: averaging takes off part of a single poll's miss, and the weights
# take off a little more. What is left is error that all the polls of a race share (who
# answers, who turns out), which no average can remove. The spread of that leftover miss,
# over every race, is what a forecast's uncertainty must be made of.
#
# ## House effects
#
# Some pollsters lean: their polls tend to show one party a little better than the other
# pollsters of the same race do. That lean is the pollster's **house effect**. To measure
# it, compare each poll with the average of all the polls **of its own race**, then
# average those differences pollster by pollster. (The race matters: a pollster that mostly
# polls states that favour one party is not leaning, it is polling those states.)
#
# In pandas, `frame.groupby("race_id")["margin_poll"].transform("mean")` gives each row the
# mean of its own race, on the row's own index, ready to subtract.
#
# ## Exercise 3: each pollster's house effect, from earlier elections
#
# **Task:** set `house_effect` to a Series indexed by pollster: the mean, over that
# pollster's polls in `history`, of (the poll's `margin_poll` minus the mean `margin_poll`
# of its race).

# %% tags=["starter"] exercise="house_effect"
house_effect = ...

# %% tags=["solution"] exercise="house_effect"
race_mean = history.groupby("race_id")["margin_poll"].transform("mean")
house_effect = (history["margin_poll"] - race_mean).groupby(history["pollster"]).mean()

# %%
ex.house_effect.check()

# %% [markdown]
# A pollster with a handful of polls has a house effect made mostly of noise, so the
# lesson keeps those with at least 10 polls in the history, and gives the others 0:

# %%
if ex.house_effect.evaluate().outcome == "correct":
    poll_counts = history.groupby("pollster").size()
    usable = house_effect[poll_counts.reindex(house_effect.index) >= 10].sort_values()
    shown = pd.concat([usable.head(5), usable.tail(5)])
    _, ax = plt.subplots(figsize=(6, 3.5))
    ax.barh(shown.index, shown.to_numpy())
    ax.axvline(0, color="black", linewidth=0.5)
    ax.set_xlabel("house effect (points; positive: leans Democratic)")
    ax.set_title(f"the 5 most Republican- and Democratic-leaning of {len(usable)} pollsters")
    plt.show()
else:
    usable = pd.Series(dtype=float)
    print("Finish exercise 3 first.")

# %% [markdown]
# ## Exercise 4: how uncertain is a poll average?
#
# The histogram above showed how far weighted averages landed from results in the five
# elections before 2020. Their **standard deviation** (the typical size of a miss) is what
# we will use as the forecast's uncertainty.
#
# **Task:** set `error_sd` to the standard deviation of (`average` minus `actual`) over the
# races of `history_races`.

# %% tags=["starter"] exercise="error_sd"
error_sd = ...

# %% tags=["solution"] exercise="error_sd"
error_sd = (history_races["average"] - history_races["actual"]).std()

# %%
ex.error_sd.check()

# %% [markdown]
# ## The 2020 forecast
#
# Now the forecast, made only from what was known before the 2020 election: the 2020
# polls, corrected by the house effects learnt from 2000-2016, averaged with your weights.

# %%
ready = all(
    getattr(ex, name).evaluate().outcome == "correct"
    for name in ("days_before", "poll_average", "house_effect", "error_sd")
)
if ready:
    adjusted = upcoming.copy()
    adjusted["margin_poll"] = adjusted["margin_poll"] - adjusted["pollster"].map(usable).fillna(0)
    forecast = race_table(adjusted, poll_average).rename(columns={"average": "margin"})
    forecast[["location", "polls", "margin"]].sort_values("margin").head()
else:
    forecast = None
    print("Finish exercises 1 to 4 first.")

# %% [markdown]
# The `actual` column is in the table so that we can check the forecast later; the
# forecast itself (`margin`) never looked at it.
#
# ## Exercise 5: from a margin to a probability
#
# If a race's true margin falls around our forecast the way past results fell around
# past averages, it follows a **normal distribution** centred on the forecast margin, with
# standard deviation `error_sd`. The Democrat wins when the true margin is above 0. For a
# normal curve, the chance of landing above 0 is `norm.cdf(margin / error_sd)` (`norm` is
# scipy's standard normal distribution).
#
# **Task:** set `dem_win` to the probability that the Democrat wins each race of
# `forecast`, one per row, in the table's order.

# %% tags=["starter"] exercise="win_probability"
dem_win = ...

# %% tags=["solution"] exercise="win_probability"
dem_win = norm.cdf(forecast["margin"] / error_sd)

# %%
ex.win_probability.check()

# %% [markdown]
# ## Checking the forecast against what happened
#
# A forecast with probabilities can be wrong in two ways: calling the wrong winner, and
# being too sure (or not sure enough). Each race with its forecast, an 80% range around it
# (`norm.ppf(0.9)` standard deviations each side), and the result:

# %%
if ex.win_probability.evaluate().outcome == "correct":
    table = forecast.assign(dem_win=dem_win).sort_values("margin")
    half = norm.ppf(0.9) * error_sd
    _, ax = plt.subplots(figsize=(7, 9))
    rows = np.arange(len(table))
    ax.errorbar(
        table["margin"],
        rows,
        xerr=half,
        fmt="o",
        color="tab:blue",
        alpha=0.6,
        label="forecast, 80% range",
    )
    ax.scatter(table["actual"], rows, color="black", marker="x", label="result", zorder=3)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_yticks(rows, table["location"], fontsize=6)
    ax.set_xlabel("Democrat minus Republican (points)")
    ax.legend(loc="lower right")
    plt.show()
    called = (np.sign(table["margin"]) == np.sign(table["actual"])).mean()
    print(f"winner called right in {called:.0%} of {len(table)} races")
    over = table["margin"] > table["actual"]
    print(f"mean of forecast minus result: {(table['margin'] - table['actual']).mean():+.2f}")
    print(f"races where the forecast overestimated the Democrat: {over.mean():.0%}")
else:
    print("Finish exercise 5 first.")

# %% [markdown]
# ## Exercise 6: is the uncertainty honest?
#
# If the 80% ranges are honest, about 80% of the results should fall inside them.
#
# **Task:** set `inside_80` to the share (between 0 and 1) of the races of `forecast` whose
# `actual` margin lies within `norm.ppf(0.9) * error_sd` of the forecast `margin`.

# %% tags=["starter"] exercise="inside_80"
inside_80 = ...

# %% tags=["solution"] exercise="inside_80"
half_width = norm.ppf(0.9) * error_sd
inside_80 = float(((forecast["actual"] - forecast["margin"]).abs() <= half_width).mean())

# %%
ex.inside_80.check()

# %% [markdown]
# Compare your share with 80%, and look again at the last two lines printed above the
# exercise: in which direction did the 2020 polls miss, and in how many races? Our forecast
# treats each race's miss as independent of the others; a real forecast, such as
# FiveThirtyEight's, lets the misses of all states move together, so that one national
# polling miss widens every state's range at once. That is the biggest thing this lesson leaves out, and the reason
# to be humble about any single number above.
#
# ## What you learned
#
# - Columns computed from the result (`margin_actual`, `error`, `bias`) are leakage for a
#   forecast: keep them for checking only.
# - A weighted poll average: weight by the square root of the sample size and by age.
# - A house effect compares a pollster with the other polls of the same race, measured on
#   earlier elections.
# - A forecast's uncertainty comes from how far past averages missed past results, not
#   from the polls' sample sizes.
# - Check a probabilistic forecast twice: did it call the winners, and did its ranges
#   hold the results as often as they claimed?
#
# Next on the path: **lesson 5, "It's generalization that counts"** (`diveml learn 5`),
# the first of Domingos' lessons.
#
# ## Going further
#
# - Skipper Seabold, *Election Forecasting*, a replication of Nate Silver's 2012 model, the
#   notebook the guide recommends: <https://github.com/jseabold/538model> (the notebook:
#   <https://nbviewer.org/github/jseabold/538model/blob/master/silver_model.ipynb>).
# - The data: FiveThirtyEight's pollster ratings, <https://github.com/fivethirtyeight/data/tree/master/pollster-ratings>
#   (CC BY 4.0; attribute FiveThirtyEight / ABC News).
# - Courses the guide recommends: UC Berkeley's *Data 8* and its textbook *Computational
#   and Inferential Thinking* (<https://inferentialthinking.com/>), whose chapters on
#   sampling and on estimation are the statistics behind this lesson.
# - The *Dive into Machine Learning* guide:
#   <https://github.com/dive-into-machine-learning/dive-into-machine-learning>
